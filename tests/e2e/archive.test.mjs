// A month-sharded archive: the app reads the index, builds the month list from it alone, and
// fetches only the months it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage } from './helpers.mjs';

const MONTHS = { '2025-03': 2, '2025-02': 3, '2025-01': 2 };
const monthFile = (month, count) => JSON.stringify({
  title: 'Archive',
  items: Array.from({ length: count }, (_, i) => ({ id: `${month}-${i}`, date: `${month}-${String(20 - i).padStart(2, '0')}`, title: `Entry ${i + 1} of ${month}` })),
});
const routes = {
  '/arch/index.json': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ format: 'datelines-index/1', title: 'Archive', months: Object.entries(MONTHS).map(([month, count]) => ({ month, count, src: `m-${month}.json` })) }));
  },
};
for (const [month, count] of Object.entries(MONTHS)) {
  routes[`/arch/m-${month}.json`] = (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(monthFile(month, count)); };
}

let env;
before(async () => { env = await setUp({ routes }); });
after(async () => { await env?.tearDown(); });

test('the index gives the months and counts; only the months shown are fetched', async () => {
  const { page, context, errors } = await newPage(env.browser);
  const fetched = [];
  page.on('request', (r) => { const path = new URL(r.url()).pathname; if (path.startsWith('/arch/')) fetched.push(path); });
  await page.goto(`${env.server.url}/?src=/arch/index.json`);
  await page.waitForSelector('article');
  assert.equal(await page.locator('.dl-count').innerText(), '7 entries');
  assert.deepEqual(await page.locator('#dl-month option').allInnerTexts(), ['All months', 'March 2025 (2)', 'February 2025 (3)', 'January 2025 (2)']);
  assert.deepEqual(await page.locator('article h3').allInnerTexts(), ['Entry 1 of 2025-03', 'Entry 2 of 2025-03']);
  assert.deepEqual(fetched, ['/arch/index.json', '/arch/m-2025-03.json']);

  // "More news" fetches the next month.
  await page.getByRole('button', { name: 'More news' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 5);
  assert.deepEqual(fetched.slice(2), ['/arch/m-2025-02.json']);

  // Choosing a month fetches that month only.
  await page.locator('#dl-month').selectOption('2025-01');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 2);
  assert.equal(await page.locator('.dl-count').innerText(), '2 entries');
  assert.deepEqual(await page.locator('article h3').allInnerTexts(), ['Entry 1 of 2025-01', 'Entry 2 of 2025-01']);
  assert.deepEqual(fetched.slice(3), ['/arch/m-2025-01.json']);
  assert.equal(await page.getByRole('button', { name: 'More news' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deep link into an archive month fetches that month first', async () => {
  const { page, context, errors } = await newPage(env.browser);
  const fetched = [];
  page.on('request', (r) => { const path = new URL(r.url()).pathname; if (path.startsWith('/arch/')) fetched.push(path); });
  await page.goto(`${env.server.url}/?src=/arch/index.json&month=2025-02&item=2025-02-1`);
  await page.getByRole('dialog', { name: 'Entry 2 of 2025-02' }).waitFor();
  assert.deepEqual(fetched, ['/arch/index.json', '/arch/m-2025-02.json']);
  assert.deepEqual(errors, []);
  await context.close();
});
