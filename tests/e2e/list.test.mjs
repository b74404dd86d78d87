// The bundled news list, as a reader sees it in Chromium on the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, waitForList } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

const SEED = [
  ['19 Mar. 2025', '2025-03-19', 'The Republic of Korea joins NATO Science & Technology Organization (STO) Partnership'],
  ['27 Feb. 2025', '2025-02-27', 'NATO-funded scientific project to improve Allied operational energy effectiveness, and support Ukraine'],
  ['24 Feb. 2025', '2025-02-24', "NATO Secretary General's statement on the third anniversary of Russia's full-scale invasion of Ukraine"],
  ['17 Feb. 2025', '2025-02-17', 'NATO Secretary General welcomes United States Special Envoy Keith Kellogg to the North Atlantic Council'],
  ['17 Feb. 2025', '2025-02-17', 'NATO Deputy Secretary General visits Poland'],
  ['16 Feb. 2025', '2025-02-16', 'Secretary General in Munich: Europe needs to step up'],
  ['13 Feb. 2025', '2025-02-13', 'NATO Defence Ministers conclude meeting, focus on defence spending and support for Ukraine'],
  ['10 Feb. 2025', '2025-02-10', 'Chair of the NATO Military Committee visits Ukraine'],
  ['05 Feb. 2025', '2025-02-05', 'NATO Allies discuss security and cooperation with OSCE Chairperson-in-Office Valtonen'],
  ['03 Feb. 2025', '2025-02-03', 'NATO Secretary General calls for a strong NATO-EU partnership at EU leaders’ informal retreat'],
];

test('the page shows the 10 seed entries newest first, with dates and titles, and no errors', async () => {
  const { page, context, errors } = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await waitForList(page);

  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'News');
  assert.equal(await page.locator('.dl-count').innerText(), '10 entries');

  const rows = await page.locator('ol.dl-entries > li > article').evaluateAll((articles) =>
    articles.map((a) => {
      const time = a.querySelector('time');
      return [time?.innerText.trim(), time?.getAttribute('datetime'), a.querySelector('h3')?.innerText.trim()];
    }));
  assert.deepEqual(rows, SEED);

  // The 24 Feb. entry has no summary; the first has the page's summary text.
  const summaries = await page.locator('article').evaluateAll((as) => as.map((a) => a.querySelector('.dl-summary')?.innerText ?? null));
  assert.equal(summaries[2], null);
  assert.match(summaries[0], /^On 1 March 2025, the Republic of Korea joined NATO’s Science/);

  assert.equal(await page.getByRole('link', { name: 'Back to top' }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('missing images become placeholders with the alt text, without moving the layout', async () => {
  const { page, context, errors } = await newPage(env.browser);
  // The seed's image files are not shipped. Hold their 404s back until the layout is measured.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/*.jpg', async (route) => { await held; await route.fulfill({ status: 404, body: '' }); });
  await page.goto(`${env.server.url}/`);
  await waitForList(page);
  const first = page.locator('article').first();
  assert.equal(await first.locator('img').count(), 1, 'the image is still loading');
  const before = await first.locator('h3').boundingBox();
  release();
  await first.locator('.dl-thumb-placeholder').waitFor();
  assert.equal(await first.locator('img').count(), 0, 'no broken <img> is left');
  assert.equal(await first.getByRole('img').getAttribute('aria-label'), 'NATO + nation flag on black');
  assert.equal(await first.locator('.dl-thumb-alt').innerText(), 'NATO + nation flag on black');
  const after = await first.locator('h3').boundingBox();
  assert.deepEqual(after, before, 'the title did not move when the image failed');
  const thumb = await first.locator('.dl-thumb').boundingBox();
  assert.ok(thumb.width > 100 && Math.abs(thumb.width / thumb.height - 16 / 9) < 0.02, `16:9 box, got ${thumb.width}x${thumb.height}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the thumbnail stacks above the text and nothing scrolls sideways', async () => {
  const { page, context, errors } = await newPage(env.browser, { viewport: { width: 360, height: 740 } });
  await page.goto(`${env.server.url}/`);
  await waitForList(page);
  const first = page.locator('article').first();
  const thumb = await first.locator('.dl-thumb').boundingBox();
  const title = await first.locator('h3').boundingBox();
  assert.ok(thumb.y + thumb.height <= title.y, 'thumbnail is above the title');
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= 360, `page is ${scrollWidth}px wide`);
  assert.deepEqual(errors, []);
  await context.close();
});
