// Subresource Integrity, as the browser checks it: `sha384-` and the base64 of the SHA-384
// digest. One definition for the tools that print or write datelines.js's value (package.mjs,
// configure.mjs), so they always agree.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The integrity value of the file at `path`. */
export function sri(path) {
  return `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;
}
