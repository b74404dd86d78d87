// Precompressed files (tools/precompress.mjs, the build's last step) as tools/serve.mjs sends
// them: brotli to a client that takes br, gzip to one that takes only gzip, the file itself to
// one that takes neither; each body decodes to exactly the file's bytes, with the file's own
// Content-Type and `Vary: Accept-Encoding`. Files without a precompressed copy get gzip made on
// the fly. The integrity values stay the uncompressed files', and Chromium (which asks for br)
// loads the page and the widget from the brotli files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer } from '../../tools/serve.mjs';
import { setUp, newPage, waitForList, DIST } from './helpers.mjs';

const find = (pattern) => readdirSync(DIST).find((f) => pattern.test(f));
const WASM = find(/^datelines-[0-9a-f]+_bg\.wasm$/);
const GLUE = find(/^datelines-[0-9a-f]+\.js$/);
const CSS = find(/^datelines-[0-9a-f]+\.css$/);
// URL path, file in dist/, Content-Type.
const FILES = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  [`/${WASM}`, WASM, 'application/wasm'],
  [`/${GLUE}`, GLUE, 'text/javascript; charset=utf-8'],
  [`/${CSS}`, CSS, 'text/css; charset=utf-8'],
  ['/datelines.js', 'datelines.js', 'text/javascript; charset=utf-8'],
  ['/news.json', 'news.json', 'application/json; charset=utf-8'],
  ['/favicon.svg', 'favicon.svg', 'image/svg+xml'],
];

/** One request with these headers; the body as sent (not decoded). */
function get(url, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let env;
let plain; // a folder with no precompressed copies
let plainServer;
before(async () => {
  for (const [, file] of FILES) {
    if (!existsSync(join(DIST, `${file}.br`)) || !existsSync(join(DIST, `${file}.gz`))) {
      throw new Error(`dist/${file}.br or .gz is missing: run ./x build (or node tools/precompress.mjs dist)`);
    }
  }
  env = await setUp();
  plain = mkdtempSync(join(tmpdir(), 'datelines-compression-'));
  writeFileSync(join(plain, 'feed.json'), readFileSync(join(DIST, 'news.json')));
  // A .br older than its file (left from an earlier version): never sent.
  writeFileSync(join(plain, 'old.json'), readFileSync(join(DIST, 'news.json')));
  writeFileSync(join(plain, 'old.json.br'), brotliCompressSync(Buffer.from('{"items":[]}')));
  utimesSync(join(plain, 'old.json.br'), new Date('2020-01-01'), new Date('2020-01-01'));
  plainServer = await startServer({ root: plain });
});
after(async () => {
  await env?.tearDown();
  await plainServer?.close();
  if (plain) rmSync(plain, { recursive: true, force: true });
});

const varies = (headers) => (headers.vary ?? '').toLowerCase().split(/\s*,\s*/).includes('accept-encoding');

test('Accept-Encoding: br gets the build\'s brotli file, which decodes to exactly the file', async () => {
  for (const [path, file, type] of FILES) {
    const raw = readFileSync(join(DIST, file));
    const res = await get(`${env.server.url}${path}`, { 'accept-encoding': 'br' });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-encoding'], 'br', path);
    assert.ok(varies(res.headers), `${path}: Vary: ${res.headers.vary}`);
    assert.equal(res.headers['content-type'], type, path);
    assert.equal(Number(res.headers['content-length']), res.body.length, path);
    assert.ok(res.body.equals(readFileSync(join(DIST, `${file}.br`))), `${path}: the precompressed dist/${file}.br`);
    assert.ok(brotliDecompressSync(res.body).equals(raw), `${path}: decodes to dist/${file}`);
    assert.ok(res.body.length < raw.length, path);
  }
});

test('a browser\'s Accept-Encoding gets br; gzip alone gets gzip; identity or none gets the file', async () => {
  for (const [path, file, type] of FILES) {
    const raw = readFileSync(join(DIST, file));
    const chrome = await get(`${env.server.url}${path}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(chrome.headers['content-encoding'], 'br', path);

    const gz = await get(`${env.server.url}${path}`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip', path);
    assert.ok(varies(gz.headers), path);
    assert.equal(gz.headers['content-type'], type, path);
    assert.ok(gunzipSync(gz.body).equals(raw), `${path}: gzip decodes to dist/${file}`);

    for (const accept of ['identity', undefined]) {
      const res = await get(`${env.server.url}${path}`, accept ? { 'accept-encoding': accept } : {});
      assert.equal(res.headers['content-encoding'], undefined, `${path}, ${accept}`);
      assert.ok(varies(res.headers), `${path}, ${accept}: Vary even for the file itself`);
      assert.equal(res.headers['content-type'], type, path);
      assert.ok(res.body.equals(raw), `${path}, ${accept}: the file itself`);
    }
  }
});

test('q-values: q=0 refuses a coding, a higher q wins, br wins a tie', async () => {
  const url = `${env.server.url}/${WASM}`;
  const cases = [
    ['br;q=0, gzip', 'gzip'],
    ['gzip, br;q=0', 'gzip'],
    ['br;q=0.5, gzip;q=0.9', 'gzip'],
    ['gzip;q=0.5, br;q=0.9', 'br'],
    ['gzip, br', 'br'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['BR', 'br'],
  ];
  for (const [accept, expected] of cases) {
    const res = await get(url, { 'accept-encoding': accept });
    assert.equal(res.headers['content-encoding'], expected, accept);
  }
});

test('HEAD answers the length of the body GET would send, and hashed files stay immutable', async () => {
  const res = await get(`${env.server.url}/${WASM}`, { 'accept-encoding': 'br' }, 'HEAD');
  assert.equal(res.headers['content-encoding'], 'br');
  assert.equal(Number(res.headers['content-length']), readFileSync(join(DIST, `${WASM}.br`)).length);
  assert.equal(res.body.length, 0);
  assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  const page = await get(`${env.server.url}/`, { 'accept-encoding': 'br' });
  assert.equal(page.headers['cache-control'], 'no-cache');
});

test('the fixed-name loader is cached for minutes, and every file revalidates to a 304 by its ETag or date', async () => {
  const loader = await get(`${env.server.url}/datelines.js`, { 'accept-encoding': 'br' });
  assert.equal(loader.headers['cache-control'], 'public, max-age=300, must-revalidate');
  assert.ok(loader.headers.etag && loader.headers['last-modified'], 'validators');
  for (const path of ['/datelines.js', `/${WASM}`, '/']) {
    const first = await get(`${env.server.url}${path}`, { 'accept-encoding': 'br' });
    const again = await get(`${env.server.url}${path}`, { 'accept-encoding': 'br', 'if-none-match': first.headers.etag });
    assert.equal(again.status, 304, `${path} by ETag`);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers['cache-control'], first.headers['cache-control'], path);
    const since = await get(`${env.server.url}${path}`, { 'accept-encoding': 'br', 'if-modified-since': first.headers['last-modified'] });
    assert.equal(since.status, 304, `${path} by date`);
    const other = await get(`${env.server.url}${path}`, { 'accept-encoding': 'br', 'if-none-match': '"something-else"' });
    assert.equal(other.status, 200, `${path}: another ETag gets the file`);
    assert.ok(other.body.length > 0);
  }
});

test('without a precompressed copy: gzip made on the fly, else the file; a stale .br is never sent', async () => {
  const raw = readFileSync(join(plain, 'feed.json'));
  const gz = await get(`${plainServer.url}/feed.json`, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(varies(gz.headers));
  assert.ok(gunzipSync(gz.body).equals(raw));
  const br = await get(`${plainServer.url}/feed.json`, { 'accept-encoding': 'br' });
  assert.equal(br.headers['content-encoding'], undefined);
  assert.ok(varies(br.headers));
  assert.ok(br.body.equals(raw));
  const old = await get(`${plainServer.url}/old.json`, { 'accept-encoding': 'br' });
  assert.equal(old.headers['content-encoding'], undefined);
  assert.ok(old.body.equals(readFileSync(join(plain, 'old.json'))));
});

test('the integrity values are those of the uncompressed files', () => {
  const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(join(DIST, file))).digest('base64')}`;
  const loader = readFileSync(join(DIST, 'datelines.js'), 'utf8');
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  for (const file of [WASM, GLUE, CSS]) {
    assert.ok(loader.includes(sri(file)), `datelines.js has ${file}'s integrity`);
    assert.ok(index.includes(`integrity="${sri(file)}"`), `index.html has ${file}'s integrity`);
  }
});

test('Chromium loads the page and the widget from the brotli files, integrity checked', async () => {
  const { page, context, errors } = await newPage(env.browser);
  const encodings = new Map();
  page.on('response', (res) => encodings.set(new URL(res.url()).pathname, res.headers()['content-encoding']));
  await page.goto(`${env.server.url}/`);
  await waitForList(page);
  assert.equal(await page.locator('.dl-entries article').count(), 10);
  for (const path of ['/', `/${WASM}`, `/${GLUE}`, `/${CSS}`]) assert.equal(encodings.get(path), 'br', `${path} came as br`);

  // The widget: datelines.js checks the glue, wasm and stylesheet against its hashes.
  encodings.clear();
  await page.goto(`${env.server.url}/embed.html`);
  const widget = page.locator('#widget-all');
  await widget.locator('article').first().waitFor();
  assert.equal(await widget.locator('article').count(), 10);
  await page.locator('#widget-feb').locator('article').nth(2).waitFor();
  assert.equal(await page.locator('#widget-feb').locator('article').count(), 3);
  assert.equal(encodings.get('/datelines.js'), 'br');
  assert.equal(encodings.get('/news.json'), 'br');
  assert.deepEqual(errors, []);
  await context.close();
});
