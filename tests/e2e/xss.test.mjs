// 223 XSS payloads from DOMPurify's test suite, placed in every field of a JSON Feed and of a
// Datelines file. Rendered in Chromium (list and every detail card), none may run script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, newPage, dangerous, walkCards } from './helpers.mjs';

const PAYLOADS = JSON.parse(readFileSync(new URL('../fixtures/xss/dompurify-payloads.json', import.meta.url), 'utf8'))
  .map((p) => p.payload);

function day(i) {
  return `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
}
const jsonFeed = {
  version: 'https://jsonfeed.org/version/1.1',
  title: PAYLOADS[3],
  items: PAYLOADS.map((payload, i) => ({
    id: `x${i}`,
    title: payload,
    summary: payload,
    content_html: payload,
    url: payload,
    external_url: 'javascript:alert(1)',
    image: payload,
    tags: [payload],
    authors: [{ name: payload }],
    date_published: day(i),
  })),
};
const datelinesFile = {
  title: PAYLOADS[10],
  items: PAYLOADS.map((payload, i) => ({
    id: payload.slice(0, 60) || `d${i}`,
    date: day(i),
    title: payload,
    summary: payload,
    body: payload,
    html: payload,
    url: i % 2 ? payload : 'javascript:alert(document.domain)',
    image: { src: i % 2 ? payload : 'javascript:alert(1)', alt: payload },
    tags: [payload],
  })),
};

let env;
before(async () => {
  env = await setUp({
    routes: {
      '/xss/feed.json': (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(jsonFeed)); },
      '/xss/datelines.json': (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(datelinesFile)); },
    },
  });
});
after(async () => { await env?.tearDown(); });


for (const [name, path] of [['JSON Feed', 'xss/feed.json'], ['Datelines JSON', 'xss/datelines.json']]) {
  test(`${name}: no payload runs in the list or in any card`, async () => {
    const { page, context } = await newPage(env.browser);
    const dialogs = [];
    const pageErrors = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Any script that runs and touches these leaves a trace.
    await page.addInitScript(() => {
      window.__xss = [];
      for (const fn of ['alert', 'confirm', 'prompt', 'print']) {
        const original = window[fn];
        window[fn] = (...args) => { window.__xss.push(`${fn}(${args.join(',')})`); return original?.apply(window, args); };
      }
    });
    await page.goto(`${env.server.url}/?src=${path}`);
    await page.waitForSelector('article');
    // The list shows 50 at a time: open every page so every entry is in the DOM.
    while (await page.getByRole('button', { name: 'More news' }).count()) {
      const before = await page.locator('article').count();
      await page.getByRole('button', { name: 'More news' }).click();
      await page.waitForFunction((b) => document.querySelectorAll('article').length > b, before);
    }
    const shown = await page.locator('article').count();
    assert.equal(`${shown} entries`, await page.locator('.dl-count').innerText());
    assert.ok(shown > 150, `most payload entries render as text (${shown})`);
    await page.waitForTimeout(300);
    assert.deepEqual(await dangerous(page), [], 'list');

    // Open the first card, then walk through every card with Next.
    const opened = await walkCards(page);
    assert.equal(opened, shown, 'every entry card was opened');
    await page.waitForTimeout(300);
    assert.deepEqual(await dangerous(page), [], 'cards');
    assert.deepEqual(await page.evaluate(() => window.__xss), []);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
}
