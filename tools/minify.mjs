// Trunk post-build step (run first by tools/post-build.mjs): minifies the wasm-bindgen glue
// and the stylesheet with esbuild, and puts their new Subresource Integrity hashes into
// index.html. Trunk's own `minify` setting would also minify index.html, which the prerender
// step rewrites, and it leaves the glue as it is: 8.8 KB gzipped before, 6.4 KB after.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const targets = readdirSync(dir).filter((f) => /^datelines-[0-9a-f]+\.(js|css)$/.test(f));
if (!targets.some((f) => f.endsWith('.js')) || !targets.some((f) => f.endsWith('.css'))) {
  console.error(`minify: no hashed datelines-*.js and datelines-*.css in ${dir}: ${targets.join(', ')}`);
  process.exit(1);
}
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
for (const file of targets) {
  const path = join(dir, file);
  const before = readFileSync(path);
  // index.html's wasm-opt parameters remove wasm-streams' `*intounderlying*` exports, which
  // nothing calls: the glue never receives such an object from Rust (no `__wrap`). Should a
  // dependency start handing one over, the build stops here rather than the page at run time.
  if (/IntoUnderlying\w*\.__wrap\b/.test(before.toString('utf8'))) {
    console.error(`minify: ${file} receives wasm-streams objects, whose exports index.html has wasm-opt remove`);
    process.exit(1);
  }
  const loader = file.endsWith('.css') ? 'css' : 'js';
  // `format: 'esm'` keeps the glue's exports and import.meta.url as they are.
  const { code } = transformSync(before.toString('utf8'), { loader, minify: true, ...(loader === 'js' && { format: 'esm' }) });
  writeFileSync(path, code);
  // Every file here is named in index.html with its hash: a hash not found would ship a page
  // whose integrity check fails.
  if (!html.includes(sri(before))) {
    console.error(`minify: ${file}'s integrity value is not in index.html`);
    process.exit(1);
  }
  html = html.replaceAll(sri(before), sri(Buffer.from(code)));
}
writeFileSync(indexPath, html);
