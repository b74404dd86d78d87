// The widget as a site owner ships it: the npm package `./x package` makes (tools/package.mjs),
// extracted and served from one origin (a CDN), the page from another, with Subresource
// Integrity at every step; a tampered file fails closed; two copies of different versions on
// one page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../tools/serve.mjs';
import { setUp, newPage, DIST } from './helpers.mjs';

// The package, made and extracted as a site owner would (`npm pack` output, `tar -xzf`).
const work = mkdtempSync(join(tmpdir(), 'datelines-release-'));
execFileSync('node', [new URL('../../tools/package.mjs', import.meta.url).pathname, '--dist', DIST, '--out', work], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
});
const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
execFileSync('tar', ['-xzf', join(work, tgz), '-C', work]);
const FILES = join(work, 'package');
const WASM = readdirSync(FILES).find((f) => /^datelines-[0-9a-f]+_bg\.wasm$/.test(f));
const GLUE = readdirSync(FILES).find((f) => /^datelines-[0-9a-f]+\.js$/.test(f));
const CSS = readdirSync(FILES).find((f) => /^datelines-[0-9a-f]+\.css$/.test(f));
const LOADER = readFileSync(join(FILES, 'datelines.js'));
// The package holds no news.json: the CDN serves the feed from the build, as a site would.
const NEWS = readFileSync(`${DIST}news.json`);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

let env; // the page's origin
let cdn; // the files' origin
let tampered = false;
let tamperedGlue = false;
let tamperedCss = false;
let otherVersion = false;
before(async () => {
  cdn = await startServer({
    root: FILES,
    // A CDN answers any origin.
    headers: () => ({ 'access-control-allow-origin': '*' }),
    routes: {
      // One letter of the bundled news changed inside the wasm: still a valid module, so only
      // its hash can tell.
      [`/${WASM}`]: async (req, res) => {
        let bytes = readFileSync(join(FILES, WASM));
        if (tampered) {
          bytes = Buffer.from(bytes);
          const at = bytes.indexOf('Republic of Korea');
          assert.ok(at > 0, 'the bundled news is in the wasm');
          bytes[at] = 'r'.charCodeAt(0);
        }
        res.writeHead(200, { 'content-type': 'application/wasm', 'access-control-allow-origin': '*' });
        res.end(bytes);
      },
      // The JS glue with one harmless character added: valid JS, another hash.
      [`/${GLUE}`]: async (req, res) => {
        const text = readFileSync(join(FILES, GLUE), 'utf8');
        res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
        res.end(tamperedGlue ? `${text} ` : text);
      },
      // The widget's stylesheet with one more rule: valid CSS, another hash.
      [`/${CSS}`]: async (req, res) => {
        const text = readFileSync(join(FILES, CSS), 'utf8');
        res.writeHead(200, { 'content-type': 'text/css', 'access-control-allow-origin': '*' });
        res.end(tamperedCss ? `${text}.dl-root{display:none}` : text);
      },
      '/news.json': async (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end(NEWS);
      },
      // The same loader as another version would be (its own VERSION, same files).
      '/other/datelines.js': async (req, res) => {
        // The shipped loader is minified: match its quotes either way.
        const text = LOADER.toString().replace(/const VERSION\s*=\s*(['"])[^'"]+\1/, "const VERSION='9.9.9'")
          .replace(/new URL\((['"])\.\//g, "new URL($1../");
        res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
        res.end(text);
      },
    },
  });
  const page = (body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${cdn.url} 'wasm-unsafe-eval'; connect-src 'self' ${cdn.url}; style-src 'self'; img-src 'self' ${cdn.url}">
    </head><body>${body}</body></html>`;
  const html = (body) => async (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(body));
  };
  const snippet = `<script type="module" src="${cdn.url}/datelines.js" crossorigin="anonymous" integrity="${sri(LOADER)}"></script>`;
  env = await setUp({
    routes: {
      '/favicon.ico': async (req, res) => { res.writeHead(204); res.end(); },
      '/host.html': html(`${snippet}<datelines-news src="${cdn.url}/news.json" limit="3"></datelines-news>`),
      '/host-fr.html': html(`${snippet}<section lang="fr"><datelines-news limit="3"></datelines-news></section>`),
      '/bad-loader.html': html(`<script type="module" src="${cdn.url}/datelines.js" crossorigin="anonymous" integrity="sha384-${'A'.repeat(64)}"></script><datelines-news></datelines-news>`),
      '/two.html': html(`${snippet}<script type="module" src="${cdn.url}/other/datelines.js" crossorigin="anonymous"></script><datelines-news limit="2"></datelines-news>`),
    },
  });
});
after(async () => {
  await env?.tearDown();
  await cdn?.close();
  rmSync(work, { recursive: true, force: true });
});

const shadow = (page, selector) => page.locator('datelines-news').locator(selector);

test('the widget loads from another origin, with integrity, and reads a feed by absolute URL', async () => {
  tampered = false;
  const { page, context, errors } = await newPage(env.browser);
  assert.notEqual(new URL(cdn.url).origin, new URL(env.server.url).origin);
  await page.goto(`${env.server.url}/host.html`);
  await shadow(page, 'article').first().waitFor();
  assert.equal(await shadow(page, 'article').count(), 3);
  assert.equal(await shadow(page, '.dl-count').textContent(), '10 entries');
  assert.equal(await page.evaluate(() => customElements.get('datelines-news').version), '0.1.0');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tampered wasm fails closed: a short message in the page language, the file named, nothing uncaught', async () => {
  tampered = true;
  for (const [path, message] of [['/host.html', 'The news could not be shown.'], ['/host-fr.html', 'Les actualités n’ont pas pu être affichées.']]) {
    const { page, context, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}${path}`);
    const note = shadow(page, 'p');
    await note.waitFor();
    assert.equal(await note.textContent(), message);
    assert.equal(await shadow(page, 'article').count(), 0, 'nothing from the file runs');
    assert.ok(errors.every((e) => e.startsWith('console:')), `uncaught: ${errors}`);
    assert.ok(errors.some((e) => e.includes(WASM) && e.includes('does not match its hash')), `the file is named: ${errors}`);
    await context.close();
  }
  tampered = false;
});

test('a tampered JS glue is not run either, nor a tampered stylesheet used', async () => {
  for (const [file, tamper] of [[GLUE, (on) => { tamperedGlue = on; }], [CSS, (on) => { tamperedCss = on; }]]) {
    tamper(true);
    const { page, context, errors } = await newPage(env.browser);
    try {
      await page.goto(`${env.server.url}/host.html`);
      const note = shadow(page, 'p');
      await note.waitFor();
      assert.equal(await note.textContent(), 'The news could not be shown.');
      assert.equal(await shadow(page, 'article').count(), 0, `nothing shows with a tampered ${file}`);
      assert.ok(errors.every((e) => e.startsWith('console:')), `uncaught: ${errors}`);
      assert.ok(errors.some((e) => e.includes(file) && e.includes('does not match its hash')), `the file is named: ${errors}`);
    } finally {
      await context.close();
      tamper(false);
    }
  }
});

test('a loader that does not match the snippet’s integrity does not run at all', async () => {
  const { page, context, errors } = await newPage(env.browser);
  await page.goto(`${env.server.url}/bad-loader.html`);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => customElements.get('datelines-news')), undefined);
  assert.ok(errors.some((e) => /integrity/i.test(e)), `${errors}`);
  await context.close();
});

test('a second copy of another version leaves the first in place and warns once', async () => {
  tampered = false;
  const { page, context, errors } = await newPage(env.browser);
  const warnings = [];
  page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
  await page.goto(`${env.server.url}/two.html`);
  await shadow(page, 'article').first().waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => customElements.get('datelines-news').version), '0.1.0');
  const ours = warnings.filter((w) => w.includes('<datelines-news>'));
  assert.equal(ours.length, 1, `${warnings}`);
  assert.match(ours[0], /Datelines 9\.9\.9 .* did not define <datelines-news>: Datelines 0\.1\.0 already did/);
  assert.equal(await shadow(page, 'article').count(), 2, 'the widget works');
  assert.deepEqual(errors, []);
  await context.close();
});
