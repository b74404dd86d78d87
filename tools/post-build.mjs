// Trunk's one post-build hook: the steps depend on each other, so they run in this order.
// 1. minify.mjs: the glue and stylesheet minified (their hashes in index.html follow).
// 2. embed-loader.mjs: datelines.js, with the hashes of the final glue, wasm and stylesheet.
// 3. configure.mjs: datelines.js's version and integrity in configure.html's snippet.
// 4. prerender.mjs: the bundled news as HTML in index.html, inline scripts moved to files.
// 5. precompress.mjs: a .br and a .gz beside each text and wasm file, once every file is final.
await import('./minify.mjs');
await import('./embed-loader.mjs');
await import('./configure.mjs');
await import('./prerender.mjs');
const { precompress } = await import('./precompress.mjs');
const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const done = precompress(dir);
const sum = (key) => done.reduce((n, r) => n + (r[key] ?? r.raw), 0);
console.log(`precompress: ${done.length} files, ${(sum('raw') / 1024).toFixed(1)} KB; .br ${(sum('br') / 1024).toFixed(1)} KB, .gz ${(sum('gz') / 1024).toFixed(1)} KB`);
