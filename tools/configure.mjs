// Trunk post-build step (after embed-loader.mjs, which writes datelines.js): writes this build's
// version and datelines.js's Subresource Integrity value into configure.html, the page that
// writes the embed snippet, so its CDN snippet names exactly the datelines.js beside it. Can be
// run again on a built folder: it replaces whatever values are there.
//
//   node tools/configure.mjs [DIR]    (default: dist)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cargoField } from './cargo-package.mjs';
import { sri } from './sri.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const path = join(dir, 'configure.html');
const version = cargoField('version');
if (!version) {
  console.error('configure: no version in Cargo.toml');
  process.exit(1);
}
const integrity = sri(join(dir, 'datelines.js'));

let html = readFileSync(path, 'utf8');
for (const [name, value] of [['datelines-version', version], ['datelines-integrity', integrity]]) {
  const tag = new RegExp(`<meta name="${name}" content="[^"]*">`);
  // Without the tag the page would offer a snippet with no version or hash: stop the build.
  if (!tag.test(html)) {
    console.error(`configure: no <meta name="${name}"> in ${path}`);
    process.exit(1);
  }
  html = html.replace(tag, `<meta name="${name}" content="${value}">`);
}
writeFileSync(path, html);
console.log(`configure: configure.html -> datelines ${version}, ${integrity}`);
