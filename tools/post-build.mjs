// Trunk's one post-build hook: the steps depend on each other, so they run in this order.
// 1. minify.mjs: the glue and stylesheet minified (their hashes in index.html follow).
// 2. embed-loader.mjs: datelines.js, with the hashes of the final glue, wasm and stylesheet.
// 3. configure.mjs: datelines.js's version and integrity in configure.html's snippet.
// 4. prerender.mjs: the bundled news as HTML in index.html, inline scripts moved to files.
await import('./minify.mjs');
await import('./embed-loader.mjs');
await import('./configure.mjs');
await import('./prerender.mjs');
