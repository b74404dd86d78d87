// Themes (light, dark, auto), print, and a 320 px phone, on the page and in the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, newPage } from './helpers.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const DARK = 'rgb(20, 24, 29)';
const WHITE = 'rgb(255, 255, 255)';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

const background = (page, selector = '.dl-root') => page.locator(selector).first().evaluate((e) => getComputedStyle(e).backgroundColor);

test('auto follows a dark system setting, with readable contrast; ?theme=light overrides it', async () => {
  const { page, context, errors } = await newPage(env.browser, { colorScheme: 'dark' });
  await page.goto(`${env.server.url}/?item=2025-02-10-chair-of-the-nato-military-committee-visits-ukraine`);
  await page.locator('dialog[open]').waitFor();
  assert.equal(await background(page), DARK);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK);
  assert.equal(await background(page, 'dialog'), DARK);
  await page.addScriptTag({ content: AXE });
  const contrast = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ['color-contrast'] })).violations.map((v) => v.id));
  assert.deepEqual(contrast, [], 'text contrast is at least 4.5:1 in the dark theme');

  await page.goto(`${env.server.url}/?theme=light`);
  await page.locator('article').first().waitFor();
  assert.equal(await background(page), WHITE);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the widget theme attribute switches light and dark, also after loading', async () => {
  const { page, context, errors } = await newPage(env.browser, { colorScheme: 'light' });
  await page.goto(`${env.server.url}/embed.html`);
  await page.locator('#widget-feb article').first().waitFor();
  const widgetBg = () => page.locator('#widget-feb .dl-root').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(await widgetBg(), WHITE);
  await page.evaluate(() => document.getElementById('widget-feb').setAttribute('theme', 'dark'));
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#widget-feb').shadowRoot.querySelector('.dl-root')).backgroundColor === 'rgb(20, 24, 29)');
  assert.equal(await page.locator('#widget-all .dl-root').evaluate((e) => getComputedStyle(e).backgroundColor), WHITE, 'the other widget keeps its theme');
  await page.addScriptTag({ content: AXE });
  const contrast = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ['color-contrast'] })).violations
    .flatMap((v) => v.nodes.map((n) => n.target.join(' '))).filter((t) => t.includes('widget')));
  assert.deepEqual(contrast, []);
  await page.evaluate(() => document.getElementById('widget-feb').setAttribute('theme', 'light'));
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#widget-feb').shadowRoot.querySelector('.dl-root')).backgroundColor === 'rgb(255, 255, 255)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('printing gives the list without the controls', async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.locator('article').first().waitFor();
  assert.ok(await page.getByRole('link', { name: 'Back to top' }).isVisible(), 'on screen first');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#dl-month').isVisible(), false);
  assert.equal(await page.getByRole('link', { name: 'Back to top' }).isVisible(), false);
  assert.equal(await page.locator('article h3').first().isVisible(), true);
  assert.equal(await page.locator('article').count(), 10);
  await context.close();
});

test('printing the widget demo gives each widget\'s list without its controls', async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(`${env.server.url}/embed.html`);
  const widget = page.locator('#widget-feb');
  await widget.locator('article').first().waitFor();
  assert.ok(await widget.getByRole('link', { name: 'Back to top' }).isVisible(), 'on screen first');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await widget.locator('#dl-month').isVisible(), false);
  assert.equal(await widget.getByRole('link', { name: 'Back to top' }).isVisible(), false);
  assert.equal(await widget.locator('article h3').first().isVisible(), true);
  await context.close();
});

test('from 320 px to 1440 px the page never scrolls sideways; below 34em thumbnails stack', async () => {
  for (const width of [320, 375, 768, 1024, 1440]) {
    const { page, context } = await newPage(env.browser, { viewport: { width, height: 800 } });
    await page.goto(`${env.server.url}/`);
    await page.locator('article').first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${width}px: no horizontal scroll`);
    const thumb = await page.locator('.dl-thumb').first().boundingBox();
    const title = await page.locator('.dl-title').first().boundingBox();
    const stacked = thumb.y + thumb.height <= title.y + 1;
    assert.equal(stacked, width < 34 * 16 + 32, `${width}px: thumbnail ${stacked ? 'above' : 'beside'} the text`);
    await context.close();
  }
});

test('at 320 px nothing is wider than the screen', async () => {
  const { page, context, errors } = await newPage(env.browser, { viewport: { width: 320, height: 640 } });
  for (const path of ['', '?item=2025-03-19-the-republic-of-korea-joins-nato-science-technology']) {
    await page.goto(`${env.server.url}/${path}`);
    await page.locator('article').first().waitFor();
    await page.waitForTimeout(200);
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 320.5 && getComputedStyle(e).position !== 'fixed')
      .map((e) => `${e.localName}.${e.className}`));
    assert.deepEqual(wide, [], path || 'list');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320));
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 320 px the widget demo fits the screen and its thumbnails stack above the text', async () => {
  const { page, context, errors } = await newPage(env.browser, { viewport: { width: 320, height: 640 } });
  await page.goto(`${env.server.url}/embed.html`);
  const widget = page.locator('#widget-feb');
  // It starts when the reader comes near it (loading="lazy").
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('article').first().waitFor();
  await page.waitForTimeout(200);
  const wide = await page.evaluate(() => {
    const all = (root) => [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
    return all(document).filter((e) => e.getBoundingClientRect().right > 320.5 && getComputedStyle(e).position !== 'fixed')
      .map((e) => `${e.localName}.${e.className}`);
  });
  assert.deepEqual(wide, []);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320));
  const thumb = await widget.locator('.dl-thumb').first().boundingBox();
  const title = await widget.locator('.dl-title').first().boundingBox();
  assert.ok(thumb.y + thumb.height <= title.y + 1, `thumbnail (bottom ${thumb.y + thumb.height}) above title (top ${title.y})`);
  assert.deepEqual(errors, []);
  await context.close();
});
