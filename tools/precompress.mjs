// Post-build step (the last one): a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy
// beside every text and wasm file of the build, for servers that send a precompressed file
// instead of compressing each answer (nginx `brotli_static`/`gzip_static`, Caddy
// `precompressed`; tools/serve.mjs does the same). A copy that would not be smaller than its file
// is not written (and an older one is removed). The files themselves are not changed, so their
// integrity values stay what the loader and index.html say: the browser checks the bytes after
// it has decoded them.
//
//   node tools/precompress.mjs [DIR]     (default: $TRUNK_STAGING_DIR, else dist)
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The files worth compressing: text and wasm (not images, not archives). */
export const COMPRESSIBLE = /\.(wasm|js|mjs|css|html|json|svg|xml|txt|rss|atom)$/;

/** Brotli at its best (quality 11), told the input's size. */
export function brotli(bytes) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** Gzip at level 9. Node writes no name and no time in the header, so the output is reproducible. */
export function gzip(bytes) {
  return gzipSync(bytes, { level: 9 });
}

const ENCODINGS = [
  ['br', brotli, brotliDecompressSync],
  ['gz', gzip, gunzipSync],
];

/**
 * The compressed forms of the file at `path` worth having: `{ br, gz }`, each a Buffer, or
 * absent where it would not be smaller than the file. A `.br`/`.gz` already beside the file is
 * reused when it decodes to exactly the file's bytes (so a package made from dist/ carries the
 * build's copies without compressing again); otherwise the file is compressed here.
 */
export function compressedForms(path, bytes = readFileSync(path)) {
  const forms = {};
  for (const [ext, compress, decompress] of ENCODINGS) {
    let packed = null;
    if (existsSync(`${path}.${ext}`)) {
      const existing = readFileSync(`${path}.${ext}`);
      try {
        if (decompress(existing).equals(bytes)) packed = existing;
      } catch {
        // Not a valid copy: made again below.
      }
    }
    packed ??= compress(bytes);
    if (packed.length < bytes.length) forms[ext] = packed;
  }
  return forms;
}

/** Every file under `dir` (recursively), as paths relative to it. */
function walk(dir, prefix = '') {
  const found = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...walk(dir, rel));
    else if (entry.isFile()) found.push(rel);
  }
  return found;
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir`, and removes
 * a copy that would not be smaller. Returns one `{ file, raw, br, gz }` per file (sizes in
 * bytes; `br`/`gz` null where none is written).
 */
export function precompress(dir) {
  const results = [];
  for (const file of walk(dir).sort()) {
    if (!COMPRESSIBLE.test(file)) continue; // also leaves .br and .gz files alone
    const path = join(dir, file);
    const bytes = readFileSync(path);
    const forms = compressedForms(path, bytes);
    for (const [ext] of ENCODINGS) {
      if (forms[ext]) writeFileSync(`${path}.${ext}`, forms[ext]);
      else rmSync(`${path}.${ext}`, { force: true });
    }
    results.push({ file, raw: bytes.length, br: forms.br?.length ?? null, gz: forms.gz?.length ?? null });
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
  const kb = (n) => (n == null ? '-' : `${(n / 1024).toFixed(1)} KB`);
  for (const r of precompress(dir)) {
    console.log(`precompress: ${r.file.padEnd(40)} ${kb(r.raw).padStart(9)} br ${kb(r.br).padStart(9)} gz ${kb(r.gz).padStart(9)}`);
  }
}
