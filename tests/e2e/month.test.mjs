// Filtering by month, with the filter in the URL (standalone page, release build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

const titles = (page) => page.locator('article h3').allInnerTexts();
const dates = (page) => page.locator('article time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
const query = (page) => new URL(page.url()).search;

async function open(path, options) {
  const session = await newPage(env.browser, options);
  await session.page.goto(`${env.server.url}/${path}`);
  await session.page.waitForSelector('#dl-month');
  return session;
}

test('the control offers exactly the two months with counts, plus "All months"', async () => {
  const { page, context, errors } = await open('');
  assert.equal(await page.getByLabel('Month').count(), 1);
  assert.deepEqual(await page.locator('#dl-month option').allInnerTexts(), ['All months', 'March 2025 (1)', 'February 2025 (9)']);
  assert.deepEqual(await page.locator('.dl-month-heading').allTextContents(), ['March 2025', 'February 2025']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('choosing a month with the keyboard filters at once, updates the count and the URL', async () => {
  const { page, context, errors } = await open('?lang=xx');
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.keyboard.press('Tab'); // the search box
  await page.keyboard.press('Tab'); // then the month filter
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dl-month');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused control is visibly outlined');
  await page.keyboard.press('ArrowDown'); // March 2025
  await page.keyboard.press('ArrowDown'); // February 2025
  await page.waitForFunction(() => document.querySelectorAll('article').length === 9);
  assert.equal(await page.locator('.dl-count').innerText(), '9 entries');
  assert.equal(await page.locator('.dl-count').getAttribute('aria-live'), 'polite');
  assert.ok((await dates(page)).every((d) => d.startsWith('2025-02-')));
  assert.equal(query(page), '?lang=xx&month=2025-02', 'other parameters are kept');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
  assert.deepEqual(errors, []);
  await context.close();
});

test('loading ?month= shows exactly that month', async () => {
  const feb = await open('?month=2025-02');
  assert.equal((await titles(feb.page)).length, 9);
  assert.ok((await dates(feb.page)).every((d) => d.startsWith('2025-02-')));
  assert.equal(await feb.page.locator('#dl-month').inputValue(), '2025-02');
  assert.equal(await feb.page.locator('.dl-count').innerText(), '9 entries');
  await feb.context.close();

  const mar = await open('?month=2025-03');
  assert.deepEqual(await titles(mar.page), ['The Republic of Korea joins NATO Science & Technology Organization (STO) Partnership']);
  assert.equal(await mar.page.locator('.dl-count').innerText(), '1 entry');
  assert.deepEqual([...feb.errors, ...mar.errors], []);
  await mar.context.close();
});

test('Back and Forward move between filter states', async () => {
  const { page, context, errors } = await open('');
  await page.locator('#dl-month').selectOption('2025-03');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  await page.locator('#dl-month').selectOption('2025-02');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 9);
  assert.equal(query(page), '?month=2025-02');

  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  assert.equal(query(page), '?month=2025-03');
  assert.equal(await page.locator('#dl-month').inputValue(), '2025-03');

  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 10);
  assert.equal(query(page), '');
  assert.equal(await page.locator('#dl-month').inputValue(), '');

  await page.goForward();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  assert.equal(await page.locator('.dl-count').innerText(), '1 entry');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a malformed month shows all entries with a short notice', async () => {
  for (const bad of ['2025-13', 'abc', '%FF']) {
    const { page, context, errors } = await open(`?month=${bad}`);
    assert.equal((await titles(page)).length, 10, bad);
    assert.match(await page.locator('.dl-notice').innerText(), /is not a month, so all entries are shown\.$/);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a month with no entries shows an empty state and a way back', async () => {
  const { page, context, errors } = await open('?month=2024-01');
  assert.equal(await page.locator('article').count(), 0);
  assert.equal(await page.locator('.dl-empty p').innerText(), 'There are no entries for January 2024.');
  assert.equal(await page.locator('.dl-count').innerText(), '0 entries');
  await page.getByRole('button', { name: 'Show all months' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 10);
  assert.equal(query(page), '');
  await page.goBack();
  await page.waitForSelector('.dl-empty');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dates and months do not shift for a reader west of UTC', async () => {
  const { page, context, errors } = await open('?month=2025-03', { timezoneId: 'America/Los_Angeles' });
  assert.equal(await page.evaluate(() => new Date('2025-03-19').getDate()), 18, 'the browser really is behind UTC');
  assert.deepEqual(await page.locator('article time').allInnerTexts(), ['19 Mar. 2025']);
  assert.deepEqual(await page.locator('#dl-month option').allInnerTexts(), ['All months', 'March 2025 (1)', 'February 2025 (9)']);
  assert.deepEqual(errors, []);
  await context.close();
});
