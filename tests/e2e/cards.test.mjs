// Detail cards: open, share, move to the next one, close (standalone page, release build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, waitForList } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

const KOREA = '2025-03-19-the-republic-of-korea-joins-nato-science-technology';
const FEB27 = '2025-02-27-nato-funded-scientific-project-to-improve-allied-operational';
const FEB24 = '2025-02-24-nato-secretary-generals-statement-on-the-third-anniversary';
const FEB03 = '2025-02-03-nato-secretary-general-calls-for-a-strong-nato';

const query = (page) => decodeURIComponent(new URL(page.url()).search);
const focusedId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-dl-id'));

async function open(path) {
  const session = await newPage(env.browser);
  await session.page.goto(`${env.server.url}/${path}`);
  await session.page.waitForSelector('#dl-month');
  return session;
}

test('clicking a title opens its card with everything the entry has', async () => {
  const { page, context, errors } = await open('');
  await waitForList(page);
  await page.getByRole('link', { name: /^The Republic of Korea joins/ }).click();
  const card = page.getByRole('dialog', { name: /^The Republic of Korea joins/ });
  await card.waitFor();
  assert.equal(query(page), `?item=${KOREA}`);
  assert.equal(await focusedId(page), 'dl-card-title', 'focus is on the card heading');
  assert.equal(await card.locator('time').innerText(), '19 March 2025');
  assert.equal(await card.locator('time').getAttribute('datetime'), '2025-03-19');
  assert.match(await card.locator('.dl-card-text').innerText(), /^On 1 March 2025, the Republic of Korea joined/);
  assert.equal(await card.locator('figcaption').innerText(), 'NATO + nation flag on black · 55.76 KB');
  // The image file is not shipped, so the card shows the placeholder with the alt text.
  await card.locator('.dl-thumb-placeholder[aria-label="NATO + nation flag on black"]').waitFor();
  assert.equal(await card.getByRole('link', { name: 'Read the original article' }).count(), 0, 'the seed has no URLs');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Escape and the close button close the card, and focus returns to the entry', async () => {
  const { page, context, errors } = await open('');
  await waitForList(page);
  await page.locator(`a[data-dl-id="${FEB24}"]`).click();
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await focusedId(page), FEB24);
  assert.equal(query(page), '');

  await page.locator(`a[data-dl-id="${FEB27}"]`).click();
  await page.getByRole('dialog').waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await focusedId(page), FEB27);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the keyboard alone opens and closes a card', async () => {
  const { page, context, errors } = await open('');
  await waitForList(page);
  await page.keyboard.press('Tab'); // search box
  await page.keyboard.press('Tab'); // month filter
  await page.keyboard.press('Tab'); // first title
  assert.equal(await focusedId(page), KOREA);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  assert.equal(await focusedId(page), 'dl-card-title');
  // Shift+Tab from the heading reaches the Close button, inside the card.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), '× Close');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await focusedId(page), KOREA);
  assert.equal(query(page), '');
  // And again, closing with Escape.
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await focusedId(page), KOREA);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deep link opens the card directly; Back closes a card opened from the list', async () => {
  const deep = await open(`?month=2025-02&item=${FEB27}`);
  const card = deep.page.getByRole('dialog');
  await card.waitFor();
  assert.match(await card.locator('h2').innerText(), /^NATO-funded scientific project/);
  assert.equal(await deep.page.locator('#dl-month').inputValue(), '2025-02');
  assert.deepEqual(deep.errors, []);
  await deep.context.close();

  const { page, context, errors } = await open('?month=2025-02');
  await page.locator(`a[data-dl-id="${FEB24}"]`).click();
  await page.getByRole('dialog').waitFor();
  assert.equal(query(page), `?month=2025-02&item=${FEB24}`);
  await page.goBack();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(query(page), '?month=2025-02');
  assert.equal(await page.locator('article').count(), 9);
  assert.equal(await focusedId(page), FEB24);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unknown id says so and links back to the list', async () => {
  const { page, context, errors } = await open('?item=no-such-entry');
  const card = page.getByRole('dialog', { name: 'This news item was not found' });
  await card.waitFor();
  await card.getByRole('button', { name: 'Back to the list' }).click();
  await card.waitFor({ state: 'detached' });
  assert.equal(query(page), '');
  assert.equal(await page.locator('article').count(), 10);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Previous and Next stay inside a search, skipping the entries it leaves out', async () => {
  const WELCOMES = '2025-02-17-nato-secretary-general-welcomes-united-states-special-envoy';
  const MUNICH = '2025-02-16-secretary-general-in-munich-europe-needs-to-step';
  const MINISTERS = '2025-02-13-nato-defence-ministers-conclude-meeting-focus-on-defence';
  const params = (page) => new URL(page.url()).searchParams;
  const heading = (page, pattern) => page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('dialog h2')?.textContent ?? ''), pattern.source);
  // "rutte" is in four entries' text: three newer ones before the first, and the deputy's
  // visit to Poland between it and the second, do not match.
  const { page, context, errors } = await open(`?q=rutte&item=${WELCOMES}`);
  const card = page.getByRole('dialog');
  await card.waitFor();
  assert.equal(await card.getByRole('button', { name: 'Previous' }).isDisabled(), true);
  await card.getByRole('button', { name: 'Next' }).click();
  await heading(page, /^Secretary General in Munich/);
  assert.deepEqual([params(page).get('q'), params(page).get('item')], ['rutte', MUNICH]);
  await page.getByRole('dialog').getByRole('button', { name: 'Next' }).click();
  await heading(page, /^NATO Defence Ministers conclude/);
  // Two entries that do not match come before the last one that does.
  await page.getByRole('dialog').getByRole('button', { name: 'Next' }).click();
  await heading(page, /^NATO Secretary General calls for a strong/);
  assert.equal(await page.getByRole('dialog').getByRole('button', { name: 'Next' }).isDisabled(), true);
  await page.getByRole('dialog').getByRole('button', { name: 'Previous' }).click();
  await heading(page, /^NATO Defence Ministers conclude/);
  assert.equal(params(page).get('item'), MINISTERS);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Previous and Next stay inside the month filter', async () => {
  const { page, context, errors } = await open(`?month=2025-02&item=${FEB27}`);
  const card = page.getByRole('dialog');
  await card.waitFor();
  // The March entry exists but is outside the filter, so there is no Previous.
  assert.equal(await card.getByRole('button', { name: 'Previous' }).isDisabled(), true);
  await card.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction(() => /statement on the third anniversary/.test(document.querySelector('dialog h2')?.textContent ?? ''));
  assert.equal(query(page), `?month=2025-02&item=${FEB24}`);
  await page.getByRole('dialog').getByRole('button', { name: 'Previous' }).click();
  await page.waitForFunction(() => /^NATO-funded/.test(document.querySelector('dialog h2')?.textContent ?? ''));

  const last = await open(`?month=2025-02&item=${FEB03}`);
  await last.page.getByRole('dialog').waitFor();
  assert.equal(await last.page.getByRole('button', { name: 'Next' }).isDisabled(), true);
  assert.equal(await last.page.getByRole('button', { name: 'Previous' }).isDisabled(), false);
  assert.deepEqual([...errors, ...last.errors], []);
  await last.context.close();
  await context.close();
});
