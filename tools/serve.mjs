// A small static file server for dist/, used by `./x run`, the end-to-end tests and the
// benchmark. Tests can add routes (slow responses, error codes) and per-path headers.
// Compression as a production server would do it: the build's precompressed `<file>.br` or
// `<file>.gz` (tools/precompress.mjs) when the request's Accept-Encoding takes it, else gzip made
// on the fly; `Vary: Accept-Encoding` on every compressible file, whichever form it gets.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

// Trunk's content-hashed names (`datelines-<hash>.js`, `datelines-<hash>_bg.wasm`): the hash is
// a u64 in hex without leading zeros, so usually 16 digits but sometimes fewer.
const HASHED = /-[0-9a-f]{12,}(_bg)?\.(wasm|js|css)$/;

// The embed loader's fixed name: host pages load it under that name, so it cannot be cached for
// good like the hashed files it points to; a few minutes, then a revalidation (a 304 by its ETag).
const LOADER = /(^|\/)datelines\.js$/;

/** The Cache-Control of a file: a year for hashed files, minutes for the loader, else revalidate. */
export function cacheControl(file) {
  if (HASHED.test(file)) return 'public, max-age=31536000, immutable';
  if (LOADER.test(file)) return 'public, max-age=300, must-revalidate';
  return 'no-cache';
}

// Files sent compressed when the client takes it.
const COMPRESSIBLE = /\.(html|js|mjs|css|json|rss|atom|xml|wasm|svg|txt)$/;

/**
 * The request's Accept-Encoding as a map from coding (lower case) to its q-value
 * (`br;q=0.5, gzip` -> { br: 0.5, gzip: 1 }).
 */
export function parseAcceptEncoding(header = '') {
  const accepted = new Map();
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().split(';').map((s) => s.trim());
    if (!coding) continue;
    let q = 1;
    for (const param of params) {
      const m = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (m) q = Math.min(1, Number(m[1]) || 0);
    }
    accepted.set(coding.toLowerCase(), q);
  }
  return accepted;
}

/** How much the client wants `coding`: its own q-value, else that of `*`, else none (0). */
function quality(accepted, coding) {
  if (accepted.has(coding)) return accepted.get(coding);
  return accepted.get('*') ?? 0;
}

/**
 * The coding to send, among `available` (in order of preference on equal q, e.g. br before
 * gzip): the one the client wants most, never one it refuses with q=0; `identity` (the file as
 * it is) when it takes none of them. Identity is never refused: a 406 helps nobody.
 */
export function chooseEncoding(header, available = ['br', 'gzip']) {
  const accepted = parseAcceptEncoding(header);
  let best = 'identity';
  let bestQ = 0;
  for (const coding of available) {
    const q = quality(accepted, coding);
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}

/** A precompressed copy beside `file` that is at least as new as it, or null. */
async function precompressed(file, ext, info) {
  const copy = await stat(`${file}.${ext}`).catch(() => null);
  return copy && copy.isFile() && copy.mtimeMs >= info.mtimeMs ? `${file}.${ext}` : null;
}

/**
 * Starts a server. `port: 0` picks a free port.
 * `routes` maps a path to `async (req, res) => void` and wins over files.
 * `aliases` maps a path to another path that is served in its place (no redirect).
 * Hashed files are cached for a year (`immutable`), `datelines.js` for five minutes, everything
 * else is revalidated (`no-cache`); each file has an ETag and a Last-Modified, and a request that
 * names the same (If-None-Match, If-Modified-Since) gets a 304 without a body.
 * Returns { url, port, close() }.
 */
export async function startServer({ root, port = 0, host = '127.0.0.1', routes = {}, headers = () => ({}), compress = true, mounts = {}, aliases = {} }) {
  const base = resolve(root);
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      const route = routes[url.pathname];
      if (route) return await route(req, res, url);
      let path = decodeURIComponent(aliases[url.pathname] ?? url.pathname);
      if (path.endsWith('/')) path += 'index.html';
      // `mounts` serves other folders under a prefix, e.g. { '/bench/': 'bench' }.
      let dir = base;
      for (const [prefix, folder] of Object.entries(mounts)) {
        if (path.startsWith(prefix)) {
          dir = resolve(folder);
          path = path.slice(prefix.length - 1);
          break;
        }
      }
      const file = normalize(join(dir, path));
      if (file !== dir && !file.startsWith(dir + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      // Validators of the file itself, the same for each of its encodings (Vary says which).
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      const modified = new Date(Math.floor(info.mtimeMs / 1000) * 1000).toUTCString();
      const validators = { etag, 'last-modified': modified, 'cache-control': cacheControl(file) };
      const match = req.headers['if-none-match'];
      const since = Date.parse(req.headers['if-modified-since'] ?? '');
      const fresh = match !== undefined
        ? match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
        : Number.isFinite(since) && Math.floor(info.mtimeMs / 1000) * 1000 <= since;
      if (fresh && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(304, { ...validators, ...(COMPRESSIBLE.test(file) && compress ? { vary: 'accept-encoding' } : {}), ...headers(url.pathname) });
        res.end();
        return;
      }
      let body;
      const extra = {};
      // Compress text and wasm as a production server would, so transfer sizes are real: the
      // build's .br or .gz when there is one, else gzip made here (cached per file and mtime).
      if (compress && COMPRESSIBLE.test(file)) {
        extra.vary = 'accept-encoding';
        const br = await precompressed(file, 'br', info);
        const gz = await precompressed(file, 'gz', info);
        const coding = chooseEncoding(req.headers['accept-encoding'] ?? '', [...(br ? ['br'] : []), 'gzip']);
        if (coding === 'br') {
          body = await readFile(br);
        } else if (coding === 'gzip' && gz) {
          body = await readFile(gz);
        } else if (coding === 'gzip') {
          const key = `${file}:${info.mtimeMs}`;
          if (!gzipped.has(key)) gzipped.set(key, gzipSync(await readFile(file), { level: 6 }));
          body = gzipped.get(key);
        }
        if (coding !== 'identity') extra['content-encoding'] = coding;
      }
      body ??= await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        ...validators,
        ...extra,
        ...headers(url.pathname),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const root = arg('--root', 'dist');
  const port = Number(arg('--port', '8080'));
  startServer({ root, port })
    .then(({ url }) => console.log(`Datelines: ${url}/`))
    .catch((err) => {
      console.error(`cannot serve on port ${port}: ${err.message}`);
      process.exit(1);
    });
}
