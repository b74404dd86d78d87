// Plain host pages for one <datelines-news> widget, and pictures for its feeds: shared by the
// layout, theming and date tests (and tools/screenshots.mjs). Routes for tools/serve.mjs.
import { deflateSync } from 'node:zlib';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (bytes) => {
  let c = -1;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
};

/** A `width`×`height` RGB PNG; `pixel(x, y)` gives [r, g, b]. */
export function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const hsl = (h, s, l) => {
  const a = s * Math.min(l, 1 - l);
  const f = (n) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
};

/** A 320×180 landscape (sky, a hill, a sun) whose colours follow `n`. */
export function picture(n) {
  const hue = (n * 67) % 360;
  const [w, h] = [320, 180];
  const hill = (x) => h * 0.62 + Math.sin(x / 37 + n) * 14;
  const sun = [80 + ((n * 53) % 160), 50];
  return png(w, h, (x, y) => {
    if ((x - sun[0]) ** 2 + (y - sun[1]) ** 2 < 18 ** 2) return hsl(45, 0.95, 0.65);
    if (y > hill(x)) return hsl((hue + 120) % 360, 0.45, 0.32 - (y / h) * 0.1);
    return hsl(hue, 0.55, 0.78 - (y / h) * 0.3);
  });
}

const cache = new Map();
/** Route: `/h/img.png?n=3` answers picture 3. Any other image path is a 404 (a broken image). */
export const imageRoute = (req, res, url) => {
  const n = Number(url.searchParams.get('n') ?? 0);
  if (!cache.has(n)) cache.set(n, picture(n));
  res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
  res.end(cache.get(n));
};

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A plain host page: `<main><div id="box" style=box><datelines-news id="w" attrs></…></div></main>`.
 * `attrs` maps names to values (`true`: the bare attribute); `css` goes in a <style>, `head`
 * (raw HTML) after it.
 */
export function hostPage({ attrs = {}, box = '', css = '', head = '', lang = 'en', loader = '/datelines.js' } = {}) {
  const attributes = Object.entries(attrs).map(([k, v]) => (v === true ? k : `${k}="${escape(v)}"`)).join(' ');
  return `<!DOCTYPE html><html lang="${escape(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host page</title><link rel="icon" href="data:,">
<script type="module" src="${escape(loader)}"></script>
<style>body { margin: 0 } ${css}</style>${head}</head>
<body><main><div id="box" style="${escape(box)}"><datelines-news id="w" ${attributes}></datelines-news></div></main></body></html>`;
}

/** Route: `/h/host.html?c=<JSON of hostPage's options>`. */
export const hostRoute = (req, res, url) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(hostPage(JSON.parse(url.searchParams.get('c') ?? '{}')));
};

/** The address of a host page on `server` (see `hostPage`). */
export const hostUrl = (server, options) => `${server.url}/h/host.html?c=${encodeURIComponent(JSON.stringify(options))}`;

/** Route answering `body` as JSON. */
export const json = (body) => (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

