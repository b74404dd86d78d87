// Trunk post-build hook: makes dist/index.html a complete page before any script runs, and
// strict-CSP clean.
//
// 1. The bundled news as real HTML: `datelines-cli render` renders the app's own components
//    natively (Leptos ssr) in their no-script form; its <main> replaces the page's <noscript>
//    note, and its schema.org JSON-LD goes into <head>. The live app later takes this <main>'s
//    place in one step (src/ui/mod.rs, `take_over`).
// 2. No inline script: each inline <script> (Trunk's module loader, the ?src= preload) moves to
//    a file named after its content's hash, so the page works under
//    `script-src 'self' 'wasm-unsafe-eval'` and the files can be cached for good.
import { execFileSync } from 'node:child_process';
import { transformSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const root = new URL('..', import.meta.url).pathname;
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// The standalone page shows 50 entries at first (PAGE_LIMIT in src/ui/mod.rs).
const page = execFileSync(
  'cargo',
  ['run', '--quiet', '--locked', '--bin', 'datelines-cli', '--', 'render', 'public/news.json', '--limit', '50'],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 },
);
const main = page.match(/<main[\s>][\s\S]*<\/main>/)?.[0];
// The JSON-LD has no "<" inside (src/structured_data.rs escapes it), so the first end tag ends it.
const jsonLd = page.match(/<script type="application\/ld\+json">[^<]*<\/script>/)?.[0];
if (!main || !jsonLd) {
  console.error('prerender: datelines-cli render gave no <main> or JSON-LD');
  process.exit(1);
}
const noscript = /<noscript>[\s\S]*?<\/noscript>/;
if (!noscript.test(html)) {
  console.error(`prerender: no <noscript> placeholder in ${indexPath}`);
  process.exit(1);
}
// `data-prerendered` tells the static markup from the live page that replaces it.
html = html.replace(noscript, () => main.replace(/^<main/, '<main data-prerendered'));
html = html.replace('</head>', () => `${jsonLd}\n</head>`);

// Inline scripts (not JSON-LD, which is data) become files, placed right after <title>. The ?src=
// preload stays a classic, parser-blocking script ahead of the stylesheet (so it waits for
// neither the stylesheet nor the end of parsing): the feed's download starts at once, and the
// prerendered news is hidden before it is laid out. It is a few hundred bytes, fetched in
// parallel with the stylesheet the first paint waits for anyway. The app's module runs once the
// HTML is parsed, and takes the preloaded response.
const FIRST_PAINT = `if (!document.documentElement.hasAttribute('data-dl-src')) {
  await new Promise((painted) => { requestAnimationFrame(() => setTimeout(painted, 0)); setTimeout(painted, 250); });
}`;
const files = [];
html = html.replace(/[ \t]*<script(\s[^>]*)?>([\s\S]*?)<\/script>\n?/g, (whole, attrs = '', body) => {
  if (/\ssrc=/.test(attrs) || /application\/ld\+json/.test(attrs) || !body.trim()) return whole;
  const module = /type="module"/.test(attrs);
  // The app starts after the prerendered page's first paint, so that neither its start nor its
  // takeover delays that paint; the wasm downloads meanwhile (Trunk's preload link). With ?src=
  // (`data-dl-src`: the prerendered news is hidden) nothing is painted worth waiting for, and it
  // starts at once. A hidden tab paints no frame: the timer starts it anyway.
  const source = module ? `${FIRST_PAINT}\n${body}` : body;
  // Minified: the ?src= preload blocks the parser on every page until it has arrived.
  const code = transformSync(source, { minify: true, format: module ? 'esm' : undefined }).code;
  const name = `${module ? 'boot' : 'preload'}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), code);
  files.push(module ? `<script type="module" src="./${name}"></script>` : `<script src="./${name}"></script>`);
  return '';
});
files.sort((a, b) => Number(a.includes('type="module"')) - Number(b.includes('type="module"')));
html = html.replace('</title>', () => `</title>\n    ${files.join('\n    ')}`);

writeFileSync(indexPath, html);

// A demo of the widget's no-script fallback: the first three entries as HTML inside the element.
const fragment = execFileSync(
  'cargo',
  ['run', '--quiet', '--locked', '--bin', 'datelines-cli', '--', 'render', 'public/news.json', '--fragment', '--limit', '3'],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 },
);
writeFileSync(join(dir, 'embed-fallback.html'), `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Datelines widget with a no-script fallback</title>
    <link rel="stylesheet" href="embed-demo.css">
    <script type="module" src="datelines.js"></script>
  </head>
  <body>
    <main>
      <h1>A widget with a no-script fallback</h1>
      <datelines-news id="with-fallback" limit="3">
${fragment.trim()}
      </datelines-news>
    </main>
  </body>
</html>
`);
console.log(`prerender: ${indexPath}: ${(main.match(/<article/g) ?? []).length} entries, no inline script`);
