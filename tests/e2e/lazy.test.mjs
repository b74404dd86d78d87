// Light on the host (issue 32): a widget starts when the reader nears it (`loading="lazy"`, the
// default) or at once (`loading="eager"`); a widget in the first screen starts at once either
// way; until it starts, its reserve or its fallback holds its space, so nothing on the host page
// moves; its files ask for a low priority while the host page loads; the first screenful's work
// is split into tasks that give the browser turns between them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage } from './helpers.mjs';
import { json } from './host-page.mjs';
import { reserve } from '../../tools/reserve.mjs';

const items = Array.from({ length: 12 }, (_, i) => ({
  id: `n${i}`,
  date: `2026-03-${String(20 - i).padStart(2, '0')}`,
  title: `Headline number ${i + 1}`,
  summary: 'A short summary.',
}));
const SRC = '/lazy/feed.json';
// A feed past formats::stepwise's 64 KB, read a slice of entries per task: 600 entries.
const BIG = '/lazy/big.json';
const bigItems = Array.from({ length: 600 }, (_, i) => ({
  id: `b${i}`,
  date: new Date(Date.UTC(2026, 11, 28) - i * 86_400_000).toISOString().slice(0, 10),
  title: `Big feed entry ${i + 1}`,
  summary: 'A summary long enough to make this feed weigh more than sixty-four kilobytes in all.',
}));

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const paragraphs = (n) => Array.from({ length: n }, (_, i) => `<p class="para">Paragraph ${i + 1} of the host's article, long enough to wrap over a few lines on a phone and to fill the screen.</p>`).join('');

/**
 * A host page: a header, then the widget `where` says (`top`: under the header, before the
 * article; `below`: after an article of several screens), with the reserve CSS of the snippet:
 * the loader's estimate (`reserveCss: true`), a height of the host's own (a number), or none.
 */
function page({ where = 'top', attrs = {}, fallback = '', reserveCss = true, slow = false } = {}) {
  const attributes = Object.entries({ src: SRC, ...attrs }).map(([k, v]) => `${k}="${escape(v)}"`).join(' ');
  const widget = `<datelines-news id="w" ${attributes}>${fallback}</datelines-news>`;
  const held = reserve({ layout: attrs.layout ?? null, limit: attrs.limit ?? null, width: 1280 - 32 });
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="/datelines.js"></script>
<style>body { margin: 0; font: 16px/1.5 serif } header { height: 60px } #box { margin: 0 16px }
${reserveCss ? `datelines-news:not(:defined) { display: block; min-height: ${typeof reserveCss === 'number' ? reserveCss : held}px }` : ''}</style></head>
<body><header>The host's header${slow ? '<img src="/slow.png" alt="" width="10" height="10">' : ''}</header>
${where === 'top' ? `<div id="box">${widget}</div>` : ''}
<main>${paragraphs(where === 'below' ? 60 : 6)}</main>
${where === 'below' ? `<div id="box">${widget}</div>` : ''}
</body></html>`;
}

let env;
before(async () => {
  env = await setUp({
    routes: {
      [SRC]: json({ title: 'Town news', items }),
      [BIG]: json({ title: 'Big feed', items: bigItems }),
      '/lazy/page.html': (req, res, url) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(page(JSON.parse(url.searchParams.get('c') ?? '{}')));
      },
    },
  });
});
after(async () => { await env?.tearDown(); });

const url = (options) => `${env.server.url}/lazy/page.html?c=${encodeURIComponent(JSON.stringify(options))}`;

/** Opens a host page, recording every request the page makes and every layout shift. */
async function open(options, viewport = { width: 1280, height: 900 }) {
  const session = await newPage(env.browser, { viewport });
  const requests = [];
  session.page.on('request', (request) => requests.push(request.url()));
  await session.page.addInitScript(() => {
    requestAnimationFrame(() => { window.__firstFrame = performance.now(); });
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await session.page.goto(url(options));
  return { ...session, requests };
}

/** Waits until the page has loaded, the loader has run and the browser has drawn frames since. */
async function settled(page) {
  await page.waitForFunction(() => document.readyState === 'complete' && customElements.get('datelines-news'));
  await page.evaluate(() => new Promise((resolve) => {
    let frames = 0;
    const tick = () => (++frames >= 5 ? setTimeout(resolve, 0) : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }));
}

const ours = (requests) => requests.filter((u) => /_bg\.wasm$|\/datelines-[0-9a-f]+\.(js|css)$|\/lazy\/feed\.json$/.test(u));
const entries = (page) => page.locator('#w article');

test('a widget three screens down fetches nothing until the reader nears it, then shows its news', async () => {
  const { page, context, errors, requests } = await open({ where: 'below', attrs: { limit: '5' } });
  await settled(page);
  assert.deepEqual(ours(requests), [], 'no glue, wasm, stylesheet or feed before the reader scrolls');
  assert.equal(await page.evaluate(() => document.getElementById('w').shadowRoot?.querySelector('article') ?? null), null);
  // The reader scrolls towards it: within about a screen of it, it starts.
  await page.evaluate(() => window.scrollTo(0, document.getElementById('w').offsetTop - 1.5 * innerHeight));
  await entries(page).first().waitFor();
  assert.equal(await entries(page).count(), 5);
  const fetched = ours(requests);
  assert.ok(fetched.some((u) => u.endsWith('_bg.wasm')) && fetched.some((u) => u.endsWith('/lazy/feed.json')), fetched.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('loading="eager" starts at once, wherever the widget is', async () => {
  const { page, context, errors } = await open({ where: 'below', attrs: { limit: '5', loading: 'eager' } });
  await entries(page).first().waitFor();
  assert.equal(await page.evaluate(() => scrollY), 0, 'the reader never scrolled');
  assert.equal(await entries(page).count(), 5);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a lazy widget set to eager while it waits starts then', async () => {
  const { page, context, requests } = await open({ where: 'below', attrs: { limit: '5' } });
  await settled(page);
  assert.deepEqual(ours(requests), []);
  await page.evaluate(() => document.getElementById('w').setAttribute('loading', 'eager'));
  await entries(page).first().waitFor();
  await context.close();
});

test('a widget in the first screen starts at once under both values, after the host\'s first paint', async () => {
  for (const loading of ['lazy', 'eager']) {
    const { page, context, errors, requests } = await open({ where: 'top', attrs: { limit: '5', loading } });
    await entries(page).first().waitFor();
    assert.equal(await entries(page).count(), 5, loading);
    // The wasm was asked for after the host's first frame (its paint timing is when the frame
    // reached the screen, which can come later still).
    const { frame, wasm } = await page.evaluate(() => ({
      frame: window.__firstFrame ?? null,
      wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('_bg.wasm'))?.startTime ?? null,
    }));
    assert.ok(frame !== null && wasm !== null && wasm >= frame, `${loading}: first frame ${frame}, wasm ${wasm}`);
    assert.ok(ours(requests).length >= 3, loading);
    assert.deepEqual(errors, [], loading);
    await context.close();
  }
});

test('a fallback stays on show until its widget starts, and the widget then takes its place', async () => {
  const fallback = '<div class="fallback"><h2>Town news</h2><ul><li><a href="/a">First</a></li><li><a href="/b">Second</a></li></ul></div>';
  const { page, context, errors, requests } = await open({ where: 'below', attrs: { limit: '5' }, fallback, reserveCss: false });
  await settled(page);
  assert.deepEqual(ours(requests), []);
  assert.equal(await page.evaluate(() => document.getElementById('w').shadowRoot), null, 'no shadow root covers the fallback');
  assert.equal(await page.locator('#w .fallback a').first().isVisible(), true);
  await page.locator('#w').scrollIntoViewIfNeeded();
  await entries(page).first().waitFor();
  assert.equal(await page.locator('#w .fallback').isVisible(), false, 'the widget shows instead');
  assert.deepEqual(errors, []);
  await context.close();
});

/** The widget's height once its news shows, on a page without any reserve. */
async function finalHeight(attrs, viewport) {
  const { page, context } = await open({ where: 'top', attrs, reserveCss: false }, viewport);
  await page.waitForFunction(() => {
    const root = document.getElementById('w').shadowRoot;
    return root?.querySelector('.dl-entries article') && root.adoptedStyleSheets.length === 2;
  });
  const height = await page.locator('#w').evaluate((el) => el.getBoundingClientRect().height);
  await context.close();
  return height;
}

test('nothing on the host page moves when a widget in the first screen starts, with the snippet\'s reserve', async () => {
  const cases = [['headlines', { width: 1280, height: 900 }], ['list', { width: 412, height: 823 }], ['compact', { width: 768, height: 900 }], ['cards', { width: 1280, height: 900 }]];
  for (const [layout, viewport] of cases) {
    const attrs = { limit: '5', layout };
    // The configurator measures the widget's real height for the snippet's CSS.
    const height = await finalHeight(attrs, viewport);
    const { page, context, errors } = await open({ where: 'top', attrs, reserveCss: height }, viewport);
    const before = await page.locator('main').evaluate((el) => el.getBoundingClientRect().top);
    await entries(page).nth(4).waitFor();
    // The reserve goes once the news shows: then the widget's own height counts.
    await page.waitForFunction(() => document.getElementById('w').shadowRoot.adoptedStyleSheets.length === 2);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const after = await page.locator('main').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(Math.abs(after - before) <= 1, `${layout}: the article moved from ${before} to ${after}`);
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], `${layout}: layout shifts`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('without a reserve of the host\'s, the loader holds its estimate from the start to the news', async () => {
  const session = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  const { page, context } = session;
  // Every frame from the first: the element's height, whether it is defined, whether its news
  // shows (the loader's reserve gone).
  await page.addInitScript(() => {
    window.__frames = [];
    const tick = () => {
      const w = document.getElementById('w');
      const root = w?.shadowRoot;
      window.__frames.push({
        defined: Boolean(customElements.get('datelines-news')),
        news: Boolean(root?.querySelector('.dl-entries article') && root.adoptedStyleSheets.length === 2),
        height: w ? Math.round(w.getBoundingClientRect().height) : 0,
      });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto(url({ where: 'top', attrs: { limit: '5', layout: 'headlines' }, reserveCss: false }));
  await page.waitForFunction(() => window.__frames.some((f) => f.news));
  const expected = await page.evaluate(() => customElements.get('datelines-news').reserve({
    layout: 'headlines', limit: '5', width: document.getElementById('w').getBoundingClientRect().width,
  }));
  const frames = await page.evaluate(() => window.__frames);
  const waiting = frames.slice(0, frames.findIndex((f) => f.news)).filter((f) => f.defined);
  // The loader waits for the host's first paint before it fetches anything: frames pass.
  assert.ok(waiting.length > 0, JSON.stringify(frames.slice(0, 10)));
  assert.deepEqual([...new Set(waiting.map((f) => f.height))], [expected], 'one height, the reserve, until the news');
  await context.close();
});

test('a feed too big for one task (600 entries) shows in full, newest first, and the space is let go', async () => {
  assert.ok(JSON.stringify({ items: bigItems }).length > 64 * 1024, 'past the size read in slices');
  const { page, context, errors } = await open({ where: 'top', attrs: { src: BIG, limit: '5' } });
  await entries(page).nth(4).waitFor();
  assert.equal(await page.locator('#w .dl-count').textContent(), '600 entries');
  assert.deepEqual(await entries(page).locator('.dl-title').allTextContents(),
    ['Big feed entry 1', 'Big feed entry 2', 'Big feed entry 3', 'Big feed entry 4', 'Big feed entry 5']);
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.adoptedStyleSheets.length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the widget\'s files ask for a low priority while the host page is loading', async () => {
  const { page, context, errors } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  const client = await context.newCDPSession(page);
  await client.send('Network.enable');
  const priorities = new Map();
  client.on('Network.requestWillBeSent', (e) => priorities.set(e.request.url, e.request.initialPriority));
  // The host's own picture answers slowly, so its load event comes after the widget starts.
  await page.route('**/slow.png', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await route.fulfill({ status: 404, body: '' });
  });
  await page.goto(url({ where: 'top', attrs: { limit: '5', loading: 'eager' }, slow: true }), { waitUntil: 'commit' });
  await entries(page).first().waitFor();
  const of = (pattern) => [...priorities].find(([u]) => pattern.test(u))?.[1];
  assert.equal(await page.evaluate(() => document.readyState), 'interactive', 'the host page is still loading');
  assert.equal(of(/_bg\.wasm$/), 'Low', 'the wasm');
  assert.equal(of(/\/datelines-[0-9a-f]+\.js$/), 'Low', 'the glue');
  assert.equal(of(/\/datelines-[0-9a-f]+\.css$/), 'Low', 'the stylesheet');
  assert.deepEqual(errors.filter((e) => !e.includes('slow.png')), []);
  await context.close();
});
