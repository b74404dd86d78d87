// The prerendered page: dist/index.html holds the bundled news as HTML (rendered at build time by
// the same components), complete without JavaScript, and the app takes it over without anything
// moving, flashing or loading twice. The built page also runs under a strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, newPage, waitForList, DIST } from './helpers.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let env;
before(async () => {
  env = await setUp({ headers: (path) => (path === '/' || path.endsWith('.html') ? { 'content-security-policy': CSP } : {}) });
});
after(async () => { await env?.tearDown(); });

test('the built index.html has the ten entries as HTML, JSON-LD, and no inline script or style', () => {
  const html = readFileSync(`${DIST}index.html`, 'utf8');
  assert.equal(html.match(/<article/g)?.length, 10);
  assert.doesNotMatch(html, /<noscript>/, 'the "needs JavaScript" note is gone');
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  for (const [, attrs, body] of scripts) {
    assert.ok(/\ssrc=/.test(attrs) || /application\/ld\+json/.test(attrs), `inline script: <script${attrs}>`);
  }
  // The ?src= preload runs before anything else: parser-blocking, ahead of the stylesheet.
  const preload = html.indexOf('<script src="./preload-');
  assert.ok(preload > 0 && preload < html.indexOf('<link rel="stylesheet"'), 'the preload script comes first');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline style');
  const [, jsonLd] = html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/);
  const data = JSON.parse(jsonLd);
  assert.equal(data['@type'], 'ItemList');
  assert.equal(data.itemListElement.length, 10);
  assert.deepEqual(data.itemListElement[0].item, {
    '@type': 'NewsArticle',
    headline: 'The Republic of Korea joins NATO Science & Technology Organization (STO) Partnership',
    datePublished: '2025-03-19',
    description: data.itemListElement[0].item.description,
  });
  assert.match(data.itemListElement[0].item.description, /^On 1 March 2025, the Republic of Korea joined/);
});

test('without JavaScript the page is complete: entries, month links with counts, back to top', async () => {
  const { page, context } = await newPage(env.browser, { javaScriptEnabled: false });
  await page.goto(`${env.server.url}/`);
  assert.equal(await page.locator('article').count(), 10);
  assert.equal(await page.locator('h1').textContent(), 'News');
  assert.equal(await page.locator('.dl-header .dl-count').textContent(), '10 entries');
  assert.equal(await page.locator('.dl-src-loading').isVisible(), false, "the app's loading rows stay hidden");
  const first = page.locator('article').first();
  assert.equal(await first.locator('time').getAttribute('datetime'), '2025-03-19');
  assert.equal(await first.locator('time').textContent(), '19 Mar. 2025');
  assert.match(await first.locator('.dl-summary').textContent(), /^On 1 March 2025, the Republic of Korea/);
  assert.equal(await first.locator('img').getAttribute('alt'), 'NATO + nation flag on black');
  assert.deepEqual(await page.locator('nav.dl-month-links a').allTextContents(), ['March 2025 (1)', 'February 2025 (9)']);
  // Nothing that needs script is there at all.
  assert.equal(await page.locator('select, button, dialog, input').count(), 0);
  assert.equal(await page.locator('a[href*="item="]').count(), 0, 'no link to a card that cannot open');
  // A month link goes to its heading; "Back to top" goes back.
  await page.locator('nav.dl-month-links a', { hasText: 'February 2025' }).click();
  assert.match(page.url(), /#dl-month-2025-02$/);
  assert.ok(await page.evaluate(() => document.getElementById('dl-month-2025-02').getBoundingClientRect().top < 5));
  await page.getByRole('link', { name: 'Back to top' }).click();
  assert.match(page.url(), /#dl-top$/);
  assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 0);
  await context.close();
});

test('the page without its scripts has no accessibility violations', async () => {
  // Scripts blocked (so axe itself can run, past this file's CSP): what a reader without
  // JavaScript gets.
  const { page, context } = await newPage(env.browser, { bypassCSP: true });
  await page.route(/\.js$/, (route) => route.abort());
  await page.goto(`${env.server.url}/`);
  assert.equal(await page.locator('article').count(), 10);
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, []);
  await context.close();
});

test('the app takes the prerendered list over: no layout shift, no empty frame, no image twice, one list', async () => {
  const { page, context, errors } = await newPage(env.browser);
  // The seed's thumbnails are not shipped (they 404, and a failed image is fetched again by
  // design); here they are served, as on a real site, so the browser can reuse what it loaded.
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  await page.route(/\.jpe?g$/, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }));
  const images = new Map();
  page.on('request', (req) => {
    if (req.resourceType() === 'image') images.set(req.url(), (images.get(req.url()) ?? 0) + 1);
  });
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    // Every frame from the end of parsing on: how many entries the reader could see. While the
    // HTML is still being parsed, a loaded machine may paint the first entries before the rest
    // arrive (progressive rendering); the takeover comes after that.
    window.__frames = [];
    const watch = () => {
      const n = document.querySelectorAll('.dl-entries article').length;
      if (document.readyState !== 'loading' && (n > 0 || window.__frames.length > 0)) window.__frames.push(n);
      if (window.__frames.length < 600) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  // Hold the wasm, so the prerendered page is measured before the app replaces it.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${env.server.url}/`);
  assert.equal(await page.locator('main[data-prerendered]').count(), 1, 'measured before the takeover');
  const before = await page.evaluate(() => {
    const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return [r.top, r.left, r.width, r.height]; };
    return { article: box('article'), controls: box('.dl-controls'), last: box('.dl-back-to-top') };
  });
  release();
  await waitForList(page);
  // Wait for the rest of the app's start-up (the URL sync, focus) to settle.
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => {
    const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return [r.top, r.left, r.width, r.height]; };
    return { article: box('article'), controls: box('.dl-controls'), last: box('.dl-back-to-top') };
  });
  assert.equal(await page.locator('main[data-prerendered]').count(), 0, 'the prerendered list is gone');
  assert.equal(await page.locator('.dl-news').count(), 1, 'exactly one list');
  assert.equal(await page.locator('article').count(), 10);
  assert.equal(await page.locator('select#dl-month').count(), 1, 'the live month control');
  assert.deepEqual(after, before, 'every box where it was');
  assert.equal(await page.evaluate(() => window.__shift), 0, 'no layout-shift entries');
  const frames = await page.evaluate(() => window.__frames);
  assert.ok(frames.length > 0 && frames.every((n) => n === 10), `an empty or partial frame: ${frames}`);
  assert.ok(images.size > 0, 'the thumbnails were requested');
  for (const [url, times] of images) assert.equal(times, 1, `${url} requested ${times} times`);
  // The live list works: a title opens its card.
  await page.locator('.dl-title-link').first().click();
  await page.locator('dialog[open]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('under a strict CSP sent as a header the page works, ?src= preloading included', async () => {
  const { page, context, errors } = await newPage(env.browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  const response = await page.goto(`${env.server.url}/`);
  assert.equal(response.headers()['content-security-policy'], CSP);
  await waitForList(page);
  await page.selectOption('#dl-month', '2025-03');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  // ?src=: the preload script (a file now) starts the download, and the app uses it.
  let fetched = 0;
  page.on('request', (req) => { if (new URL(req.url()).pathname === '/news.json') fetched += 1; });
  await page.goto(`${env.server.url}/?src=news.json`);
  await waitForList(page);
  assert.equal(await page.locator('link[rel=preload][as=fetch][href="news.json"]').count(), 1, 'the preload link');
  assert.equal(fetched, 1, 'the feed is downloaded once');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with ?src= the bundled news is never shown, and the feed downloads while the wasm does', async () => {
  const { page, context, errors } = await newPage(env.browser);
  // Whether <html> was already marked when the parser reached the prerendered <main>.
  await page.addInitScript(() => {
    new MutationObserver((records, observer) => {
      if (!document.querySelector('main[data-prerendered]')) return;
      window.__markedBeforeMain = document.documentElement.hasAttribute('data-dl-src');
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  const feed = page.waitForRequest((req) => new URL(req.url()).pathname === '/news.json');
  await page.goto(`${env.server.url}/?src=news.json`);
  await feed; // while the wasm is held back
  assert.equal(await page.evaluate(() => window.__markedBeforeMain), true, 'marked before the list was parsed');
  const prerendered = page.locator('main[data-prerendered]');
  assert.equal(await prerendered.count(), 1);
  // Until the app starts, the page shows its heading and nothing of the bundled news.
  const shown = await prerendered.evaluate((main) => [...main.querySelectorAll('.dl-news *')]
    .filter((el) => el.checkVisibility())
    .map((el) => el.tagName.toLowerCase()));
  assert.deepEqual(shown, ['header', 'h1'], 'the heading shows, and nothing of the bundled news');
  // Under it, the app's own loading rows, which the prerendered page holds hidden.
  const waiting = prerendered.locator('.dl-src-loading');
  assert.ok(await waiting.isVisible(), 'the loading rows show');
  assert.equal(await waiting.locator('.dl-count').innerText(), 'Loading news…');
  assert.equal(await waiting.locator('li.dl-entry').count(), 6);
  const picture = () => waiting.evaluate((el) => {
    const width = (sel) => el.querySelector(sel).getBoundingClientRect().width;
    return { picture: width('.dl-thumb'), list: width('.dl-entries') };
  });
  const wide = await picture();
  assert.ok(wide.picture < wide.list / 3, `the picture beside the text (${wide.picture} of ${wide.list} px)`);
  await page.setViewportSize({ width: 320, height: 700 });
  const narrow = await picture();
  assert.equal(narrow.picture, narrow.list, 'on a narrow page the picture is as wide as the list, over the text');
  await page.setViewportSize({ width: 1280, height: 720 });
  release();
  await waitForList(page);
  assert.equal(await prerendered.count(), 0, 'the app took its place');
  assert.ok(await page.locator('article').first().isVisible());
  // Without ?src= the prerendered news shows as before.
  await page.unroute(/\.wasm$/);
  await page.route(/\.wasm$/, () => {}); // never answered: the app does not start
  await page.goto(`${env.server.url}/`, { waitUntil: 'domcontentloaded' });
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-dl-src')), false);
  assert.ok(await page.locator('main[data-prerendered] article').first().isVisible(), 'the bundled news shows');
  assert.equal(await page.locator('.dl-src-loading').isVisible(), false, 'and no loading rows');
  assert.deepEqual(errors, []);
  await context.close();
});

test('with ?src= the bundled news shows after all when the app cannot start', async () => {
  const { page, context } = await newPage(env.browser);
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto(`${env.server.url}/?src=news.json`);
  const prerendered = page.locator('main[data-prerendered]');
  await prerendered.locator('article').first().waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-dl-src')), false);
  await context.close();
});

test("a widget's no-script fallback shows until the live widget replaces it", async () => {
  // Without JavaScript: the fallback (datelines-cli render --fragment) is the widget.
  const off = await newPage(env.browser, { javaScriptEnabled: false });
  await off.page.goto(`${env.server.url}/embed-fallback.html`);
  assert.equal(await off.page.locator('#with-fallback article').count(), 3);
  assert.equal(await off.page.locator('#with-fallback .dl-count').textContent(), '10 entries');
  assert.equal(await off.page.locator('#with-fallback button, #with-fallback select').count(), 0);
  await off.context.close();

  // With JavaScript: the fallback stays on show while the wasm is slow, then the live widget
  // takes over in its shadow root, and the fallback is no longer rendered.
  const { page, context, errors } = await newPage(env.browser);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${env.server.url}/embed-fallback.html`);
  const fallback = page.locator('#with-fallback > .dl-root');
  await page.waitForTimeout(300);
  assert.ok(await fallback.isVisible(), 'the fallback shows while the app loads');
  assert.equal(await page.evaluate(() => document.getElementById('with-fallback').shadowRoot), null);
  release();
  await page.waitForFunction(() => document.getElementById('with-fallback').shadowRoot?.querySelectorAll('article').length === 3);
  assert.equal(await fallback.isVisible(), false, 'the fallback is replaced');
  assert.ok(await page.locator('#with-fallback').locator('select#dl-month').isVisible(), 'the live controls');
  assert.deepEqual(errors, []);
  await context.close();
});
