// A small static file server for dist/, used by `./x run`, the end-to-end tests and the
// benchmark. Tests can add routes (slow responses, error codes) and per-path headers.
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

/**
 * Starts a server. `port: 0` picks a free port.
 * `routes` maps a path to `async (req, res) => void` and wins over files.
 * `aliases` maps a path to another path that is served in its place (no redirect).
 * Hashed files are cached for a year (`immutable`), everything else is revalidated (`no-cache`).
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
      let body = await readFile(file);
      const extra = {};
      // Compress text and wasm as any production server would, so transfer sizes are real.
      if (compress && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && /\.(html|js|mjs|css|json|rss|atom|xml|wasm|svg|txt)$/.test(file)) {
        const key = `${file}:${info.mtimeMs}`;
        if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 6 }));
        body = gzipped.get(key);
        extra['content-encoding'] = 'gzip';
        extra.vary = 'accept-encoding';
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
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
