// The <datelines-news> widget on hostile host pages (public/embed.html, public/embed-csp.html).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

async function open(path, options) {
  const session = await newPage(env.browser, options);
  await session.page.goto(`${env.server.url}/${path}`);
  await session.page.locator('#widget-all article').first().waitFor();
  await session.page.locator('#widget-feb article').first().waitFor();
  return session;
}
const all = (page) => page.locator('#widget-all');
const feb = (page) => page.locator('#widget-feb');

test('two widgets load, each with its own data, filter, limit and cards', async () => {
  const { page, context, errors } = await open('embed.html');
  const historyBefore = await page.evaluate(() => history.length);
  assert.equal(await all(page).locator('.dl-count').innerText(), '10 entries');
  assert.equal(await all(page).locator('article').count(), 10);
  assert.equal(await feb(page).locator('.dl-count').innerText(), '9 entries');
  assert.equal(await feb(page).locator('#dl-month').inputValue(), '2025-02');
  assert.equal(await feb(page).locator('article').count(), 3, 'limit="3"');

  await all(page).locator('#dl-month').selectOption('2025-03');
  await page.waitForFunction(() => document.querySelector('#widget-all').shadowRoot.querySelectorAll('article').length === 1);
  assert.equal(await feb(page).locator('article').count(), 3, 'the other widget is unchanged');
  assert.equal(await feb(page).locator('#dl-month').inputValue(), '2025-02');

  await feb(page).getByRole('button', { name: 'More news' }).click();
  await page.waitForFunction(() => document.querySelector('#widget-feb').shadowRoot.querySelectorAll('article').length === 6);

  await feb(page).locator('.dl-title-link').first().click();
  await feb(page).getByRole('dialog').waitFor();
  assert.equal(await all(page).locator('dialog').count(), 0);
  await page.keyboard.press('Escape');
  await feb(page).locator('dialog').waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).search + new URL(page.url()).hash, '', 'the host URL was never touched');
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'no history entries were added');
  // The wasm module was fetched once for both widgets.
  const wasmLoads = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length);
  assert.equal(wasmLoads, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Computed styles a reader would notice, for a few parts of a widget. */
async function looks(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const pick = (sel, props) => {
      const el = root.querySelector(sel);
      if (!el) return null;
      const cs = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return Object.fromEntries([...props.map((p) => [p, cs.getPropertyValue(p)]), ['visible', box.width > 0 && box.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none']]);
    };
    const text = ['font-size', 'font-family', 'color', 'line-height', 'letter-spacing', 'text-transform', 'text-decoration-line'];
    return {
      heading: pick('h1', text),
      title: pick('.dl-title-link', text),
      summary: pick('.dl-summary', text),
      date: pick('time', text),
      select: pick('select', ['font-size', 'border-top-style', 'appearance', 'height']),
      thumb: pick('.dl-thumb', ['aspect-ratio', 'background-color', 'border-top-left-radius']),
      placeholder: pick('.dl-thumb-placeholder', ['display', 'background-color']),
    };
  }, id);
}

test('hostile host CSS does not change how the widget looks', async () => {
  const hostile = await open('embed.html', { viewport: { width: 1280, height: 900 } });
  await hostile.page.locator('#widget-all .dl-thumb-placeholder').first().waitFor();
  const clean = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await clean.page.route('**/embed-demo.css', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '.host-layout{display:flex;gap:20px;flex-wrap:wrap}.host-main{flex:2 1 600px}.host-aside{flex:1 1 300px}' }));
  await clean.page.goto(`${env.server.url}/embed.html`);
  await clean.page.locator('#widget-all .dl-thumb-placeholder').first().waitFor();

  // The host's hostile rules really apply to the host page itself.
  assert.equal(await hostile.page.locator('.host-title').evaluate((e) => getComputedStyle(e).fontSize), '28px');
  for (const id of ['widget-all', 'widget-feb']) {
    const [h, c] = [await looks(hostile.page, id), await looks(clean.page, id)];
    assert.deepEqual(h, c, `${id} looks the same with and without the host's CSS`);
    assert.equal(h.title['font-size'], '19.2px');
    assert.equal(h.summary.color, 'rgb(27, 31, 36)');
    assert.equal(h.placeholder.visible, true);
  }
  assert.deepEqual([...hostile.errors, ...clean.errors], []);
  await hostile.context.close();
  await clean.context.close();
});

test('host links, URL and keys stay the host page\'s own', async () => {
  const { page, context, errors } = await open('embed.html');
  await all(page).locator('#dl-month').selectOption('2025-02');
  await all(page).locator('.dl-title-link').first().click();
  await all(page).getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(new URL(page.url()).search, '');
  await all(page).getByRole('link', { name: 'Back to top' }).click();
  assert.equal(new URL(page.url()).hash, '', 'Back to top scrolls inside the widget without a hash');

  await page.locator('#host-link').click();
  assert.equal(new URL(page.url()).hash, '#host-section', 'the host link works as the host wrote it');
  // A key press on the host page reaches the host's own handler.
  await page.evaluate(() => { window.__keys = []; document.addEventListener('keydown', (e) => window.__keys.push(e.key)); });
  await page.keyboard.press('j');
  assert.deepEqual(await page.evaluate(() => window.__keys), ['j']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('attribute changes update the widget; removing and re-adding works', async () => {
  const { page, context, errors } = await open('embed.html');
  await page.evaluate(() => document.getElementById('widget-feb').setAttribute('month', '2025-03'));
  await page.waitForFunction(() => document.querySelector('#widget-feb').shadowRoot.querySelector('.dl-count')?.textContent === '1 entry');
  await page.evaluate(() => document.getElementById('widget-feb').setAttribute('month', '2025-02'));
  await page.evaluate(() => document.getElementById('widget-feb').removeAttribute('limit'));
  await page.waitForFunction(() => document.querySelector('#widget-feb').shadowRoot.querySelectorAll('article').length === 9);

  const removed = await page.evaluate(() => {
    const w = document.getElementById('widget-all');
    const parent = w.parentNode;
    w.remove();
    window.__removed = { w, parent };
    return w.shadowRoot.querySelectorAll('article').length;
  });
  assert.equal(removed, 0, 'removing the element cleans up its content');
  await page.evaluate(() => window.__removed.parent.append(window.__removed.w));
  await page.waitForFunction(() => document.querySelector('#widget-all').shadowRoot.querySelectorAll('article').length === 10);

  // A widget added later, opting in to the URL.
  await page.evaluate(() => {
    const w = document.createElement('datelines-news');
    w.id = 'widget-url';
    w.setAttribute('url-state', '');
    document.body.append(w);
    // It starts when the reader comes near it (loading="lazy").
    w.scrollIntoView();
  });
  await page.locator('#widget-url article').first().waitFor();
  await page.locator('#widget-url #dl-month').selectOption('2025-03');
  await page.waitForFunction(() => location.search === '?month=2025-03');
  // Once removed, it stops following the URL: Back changes the URL and nothing breaks.
  await page.evaluate(() => document.getElementById('widget-url').remove());
  await page.goBack();
  await page.waitForFunction(() => location.search === '');
  assert.equal(await all(page).locator('article').count(), 10);

  // A widget removed while its feed is still loading must not take the page down.
  await page.route('**/slow-news.json', async (route) => {
    await new Promise((ok) => setTimeout(ok, 800));
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{"items":[{"date":"2025-01-01","title":"Late"}]}' });
  });
  await page.evaluate(() => {
    const w = document.createElement('datelines-news');
    w.setAttribute('src', 'slow-news.json');
    document.body.append(w);
    setTimeout(() => w.remove(), 300);
  });
  await page.waitForTimeout(1200);
  await all(page).locator('#dl-month').selectOption('2025-02');
  await page.waitForFunction(() => document.querySelector('#widget-all').shadowRoot.querySelectorAll('article').length === 9);
  assert.deepEqual(errors, []);
  await context.close();
});

test('while the module loads, each widget already holds its height', async () => {
  const { page, context, errors } = await newPage(env.browser);
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${env.server.url}/embed.html`);
  const heights = () => page.evaluate(() => ['widget-all', 'widget-feb'].map((id) => document.getElementById(id).getBoundingClientRect().height));
  const [allBefore, febBefore] = await heights();
  assert.equal(await page.locator('#widget-all article').count(), 0, 'still loading');
  assert.ok(allBefore >= 300 && febBefore >= 300, `reserved ${allBefore}px and ${febBefore}px`);
  release();
  await page.locator('#widget-feb article').first().waitFor();
  const [, febAfter] = await heights();
  assert.ok(Math.abs(febAfter - febBefore) / febAfter < 0.35, `limit="3" widget: ${febBefore}px reserved, ${febAfter}px shown`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('under a strict CSP the widgets work with no violations and no errors', async () => {
  const session = await newPage(env.browser);
  const { page, context, errors } = session;
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  await page.goto(`${env.server.url}/embed-csp.html`);
  await page.locator('#widget-all article').first().waitFor();
  await page.locator('#widget-feb article').first().waitFor();
  assert.equal(await page.locator('#widget-all article').count(), 10);
  await all(page).locator('.dl-title-link').first().click();
  await all(page).getByRole('dialog').waitFor();
  assert.equal(await all(page).locator('.dl-title-link').first().evaluate((a) => getComputedStyle(a).fontWeight), '700', 'the stylesheet applies');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});
