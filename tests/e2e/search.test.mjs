// Keyword search and the topic filter (issue 16): accents and case, phrases, search with month
// and topic together, the URL with Back/Forward, the empty state, the widget's attributes, and
// a sharded archive's partial search. Standalone page and widget, release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, waitForList, axeViolations } from './helpers.mjs';

const FEED = {
  title: 'Finder test',
  items: [
    { id: 'securite', date: '2025-03-19', title: 'Sécurité en Europe : réunion de l’OTAN', summary: 'Ministers met in München to discuss security.', tags: ['Defence', 'Europe'] },
    { id: 'kellogg', date: '2025-03-10', title: 'Kellogg visits Brussels', summary: 'The envoy met the North Atlantic Council.', tags: ['Diplomacy'] },
    { id: 'baltic', date: '2025-02-20', title: 'Exercise in the Baltic', summary: 'A north atlantic exercise; the council observed it.', tags: ['Defence'] },
    { id: 'statement', date: '2025-02-05', title: 'Council statement', summary: 'Statement by the North Atlantic Council on Ukraine.', tags: ['Diplomacy', 'Europe'] },
    { id: 'munich', date: '2025-01-15', title: 'Munich conference preview', summary: 'Leaders head to the conference.', tags: ['Europe'] },
  ],
};
const MONTHS = { '2025-03': 2, '2025-02': 3, '2025-01': 1 };
const archiveMonth = (month, count) => JSON.stringify({
  title: 'Archive',
  items: Array.from({ length: count }, (_, i) => ({ id: `${month}-${i}`, date: `${month}-${String(20 - i).padStart(2, '0')}`, title: `Report ${i + 1} of ${month}${month === '2025-01' ? ' on Kellogg' : ''}` })),
});
const json = (body) => (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); };
const routes = {
  '/find/feed.json': json(JSON.stringify(FEED)),
  '/find/arch/index.json': json(JSON.stringify({ format: 'datelines-index/1', title: 'Archive', months: Object.entries(MONTHS).map(([month, count]) => ({ month, count, src: `${month}.json` })) })),
  '/find/widget.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
      <script type="module" src="/datelines.js"></script></head><body>
      <datelines-news id="w" src="/find/feed.json" search q="council" tag="Europe"></datelines-news></body></html>`);
  },
  '/find/widget-url.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
      <script type="module" src="/datelines.js"></script></head><body>
      <datelines-news id="w" src="/find/feed.json" search url-state></datelines-news></body></html>`);
  },
};
for (const [month, count] of Object.entries(MONTHS)) routes[`/find/arch/${month}.json`] = json(archiveMonth(month, count));

let env;
before(async () => { env = await setUp({ routes }); });
after(async () => { await env?.tearDown(); });

const ids = (root) => root.locator('a[data-dl-id]').evaluateAll((links) => links.map((a) => a.dataset.dlId));
const marks = (root) => root.locator('article mark').allTextContents();
const query = (page) => new URLSearchParams(new URL(page.url()).search);

async function open(path, options) {
  const session = await newPage(env.browser, options);
  await session.page.goto(`${env.server.url}/${path}`);
  await waitForList(session.page);
  return session;
}

/** Types into the search box as a reader does, key by key, and waits for the list to follow. */
async function type(page, text, expected) {
  await page.getByRole('searchbox', { name: 'Search' }).pressSequentially(text, { delay: 20 });
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n, expected);
}

test('search ignores case and accents, marks what it matched as text, and the count follows', async () => {
  const { page, context, errors } = await open('?src=/find/feed.json');
  await type(page, 'securite', 1);
  assert.deepEqual(await ids(page), ['securite']);
  assert.deepEqual(await marks(page), ['Sécurité'], 'the title’s own accented word is marked');
  assert.equal(await page.locator('article h3 mark').count(), 1);
  assert.equal(await page.locator('.dl-count').innerText(), '1 entry');
  assert.equal(await page.locator('.dl-count').getAttribute('aria-live'), 'polite');
  for (const [word, found, marked] of [['otan', ['securite'], 'OTAN'], ['Munchen', ['securite'], 'München'], ['KELLOGG', ['kellogg'], 'Kellogg']]) {
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.waitForFunction(() => document.querySelectorAll('article').length === 5);
    await type(page, word, found.length);
    assert.deepEqual(await ids(page), found, word);
    assert.ok((await marks(page)).includes(marked), `${word} marks ${marked}: ${await marks(page)}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a key press keeps the rows still shown: their marks change in place, only rows that leave are removed', async () => {
  const { page, context, errors } = await open('?src=/find/feed.json');
  // "co" matches council/conference entries; tag each row's element to see whether it survives.
  await type(page, 'co', 4);
  const tagRows = () => page.evaluate(() => {
    for (const article of document.querySelectorAll('.dl-entries article')) article.dataset.seen = article.querySelector('a[data-dl-id]').dataset.dlId;
  });
  await tagRows();
  const before = await ids(page);
  await type(page, 'u', 3); // "cou": council
  const rows = await page.evaluate(() => [...document.querySelectorAll('.dl-entries article')].map((a) => [a.querySelector('a[data-dl-id]').dataset.dlId, a.dataset.seen ?? null]));
  assert.ok(rows.length === 3 && rows.every(([id, seen]) => seen === id), `the same elements, not new ones: ${JSON.stringify(rows)} (before: ${before})`);
  assert.ok((await marks(page)).every((m) => /^cou/i.test(m)), `the marks follow the search: ${await marks(page)}`);
  // Deleting the letter brings the row back (a new one) and keeps the others.
  await page.getByRole('searchbox', { name: 'Search' }).press('Backspace');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 4);
  const again = await page.evaluate(() => [...document.querySelectorAll('.dl-entries article')].filter((a) => a.dataset.seen).length);
  assert.equal(again, 3, 'the three rows kept through both key presses');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a quoted phrase matches only those words in that order; words alone match anywhere', async () => {
  const { page, context, errors } = await open('?src=/find/feed.json');
  await type(page, 'north atlantic council', 3);
  assert.deepEqual(await ids(page), ['kellogg', 'baltic', 'statement']);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 5);
  await type(page, '"north atlantic council"', 2);
  assert.deepEqual(await ids(page), ['kellogg', 'statement']);
  assert.deepEqual(await page.locator('article').nth(0).locator('mark').allTextContents(), ['North Atlantic Council']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('search, month and topic combine; the month counts follow the search, months without a match show (0)', async () => {
  const { page, context, errors } = await open('?src=/find/feed.json&q=council&tag=Europe&month=2025-02');
  assert.deepEqual(await ids(page), ['statement']);
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'council');
  assert.equal(await page.getByLabel('Topic').inputValue(), 'Europe');
  assert.equal(await page.getByLabel('Month').inputValue(), '2025-02');
  // Months under the search and topic: March has none of them.
  assert.deepEqual(await page.locator('#dl-month option').allInnerTexts(), ['All months', 'March 2025 (0)', 'February 2025 (1)', 'January 2025 (0)']);
  // Topics under the search and month, most used first.
  assert.deepEqual(await page.locator('#dl-topic option').allInnerTexts(), ['All topics', 'Defence (1)', 'Diplomacy (1)', 'Europe (1)']);
  // All months: the search and topic still apply.
  await page.getByLabel('Month').selectOption('');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('month') === null);
  assert.deepEqual(await ids(page), ['statement']);
  // The row stayed (same entries), and its card link follows the view it is now in.
  const href = await page.locator('a[data-dl-id="statement"]').getAttribute('href');
  assert.ok(!href.includes('month='), `the card link has no month now: ${href}`);
  assert.match(href, /tag=Europe/);
  // A topic link on an entry sets the topic filter, and keeps the search.
  await page.getByLabel('Topic').selectOption('');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 3);
  await page.locator('article', { hasText: 'Exercise in the Baltic' }).getByRole('link', { name: 'Defence' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  assert.deepEqual(await ids(page), ['baltic']);
  assert.equal(query(page).get('tag'), 'Defence');
  assert.equal(query(page).get('q'), 'council');
  assert.equal(await page.getByLabel('Topic').inputValue(), 'Defence');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the search is in the URL: typing makes one history entry, Back and Forward restore it', async () => {
  const { page, context, errors } = await open('?src=/find/feed.json');
  const before = await page.evaluate(() => history.length);
  await type(page, 'kel', 1);
  await type(page, 'logg', 1);
  assert.equal(query(page).get('q'), 'kellogg');
  assert.equal(await page.evaluate(() => history.length), before + 1, 'one entry for the word, not one per letter');
  await page.getByLabel('Topic').selectOption('Diplomacy');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('tag') === 'Diplomacy');
  await page.goBack();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('tag') === null);
  assert.equal(await page.getByLabel('Topic').inputValue(), '');
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'kellogg');
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 5);
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), '');
  await page.goForward();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'kellogg');
  // A shared link opens the same view.
  const shared = await open(`?${query(page)}`);
  assert.deepEqual(await ids(shared.page), ['kellogg']);
  await shared.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('when nothing matches, the page says so and offers a way out of each filter', async () => {
  const { page, context, errors } = await open('?src=/find/feed.json&month=2025-03');
  await type(page, 'zzz', 0);
  const empty = page.locator('.dl-empty');
  assert.equal(await empty.getAttribute('role'), 'status');
  assert.equal(await empty.locator('p').innerText(), 'No news matches “zzz” in March 2025.');
  assert.equal(await page.locator('.dl-count').innerText(), '0 entries');
  await page.getByRole('button', { name: 'Clear the search' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 2);
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), '');
  assert.equal(query(page).get('q'), null);
  // Clearing is a step of its own: Back returns to the search.
  await page.goBack();
  await page.locator('.dl-empty').waitFor();
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'zzz');
  // A topic that January does not have: both ways out are offered.
  await page.goto(`${env.server.url}/?src=/find/feed.json&month=2025-01&tag=Diplomacy`);
  await page.locator('.dl-empty').waitFor();
  assert.match(await page.locator('.dl-empty p').innerText(), /Diplomacy/);
  assert.equal(await page.getByRole('button', { name: 'Show all topics' }).count(), 1);
  await page.getByRole('button', { name: 'Show all months' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a sharded archive searches the months read so far, says so, and can read the rest', async () => {
  const { page, context, errors } = await open('?src=/find/arch/index.json');
  await type(page, 'kellogg', 0);
  const notice = page.locator('.dl-partial');
  assert.equal(await notice.locator('p').innerText(), 'Searching 1 of 3 months.');
  assert.equal(await page.locator('.dl-empty').count(), 0, 'no "no match" while months are unread');
  assert.deepEqual(await page.locator('#dl-month option').allInnerTexts(), ['All months', 'March 2025 (0)', 'February 2025 (not searched yet)', 'January 2025 (not searched yet)']);
  // A month already read is searched in full: no notice there, and "no match" may be said.
  await page.getByLabel('Month').focus();
  await page.keyboard.press('ArrowDown'); // March 2025, read
  await page.locator('.dl-empty').waitFor();
  assert.equal(await notice.count(), 0);
  // A month not read yet is fetched; the control keeps the reader's focus while it arrives.
  await page.keyboard.press('ArrowDown'); // February 2025
  await page.locator('.dl-empty p', { hasText: 'February 2025' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dl-month', 'focus stays on the month control');
  await page.getByLabel('Month').selectOption('');
  await notice.waitFor();
  assert.equal(await notice.locator('p').innerText(), 'Searching 2 of 3 months.');
  await page.getByRole('button', { name: 'Search all months' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  assert.deepEqual(await ids(page), ['2025-01-0']);
  assert.equal(await notice.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in French the controls are “Rechercher” and “Sujet”', async () => {
  const { page, context, errors } = await open('?src=/find/feed.json&lang=fr');
  assert.equal(await page.getByRole('searchbox', { name: 'Rechercher' }).count(), 1);
  assert.equal(await page.getByLabel('Sujet').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('feeds without tags have no topic control; the keyboard reaches search, month and topic in order', async () => {
  const plain = await open('');
  assert.equal(await plain.page.locator('#dl-topic').count(), 0, 'the bundled seed has no tags');
  await plain.context.close();
  const { page, context, errors } = await open('?src=/find/feed.json');
  const focused = async () => { await page.keyboard.press('Tab'); return page.evaluate(() => document.activeElement?.id); };
  // (The header's Refresh button comes first with ?src=.)
  for (let i = 0; i < 4 && (await focused()) !== 'dl-search'; i++);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dl-search');
  assert.deepEqual([await focused(), await focused()], ['dl-month', 'dl-topic']);
  await page.keyboard.press('ArrowDown'); // the most used topic: Europe (3)
  await page.waitForFunction(() => new URLSearchParams(location.search).get('tag') !== null);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dl-topic', 'focus stays on the control');
  // A link spelling the topic otherwise still selects it, with its real count.
  await page.goto(`${env.server.url}/?src=/find/feed.json&tag=europe`);
  await waitForList(page);
  assert.equal(await page.getByLabel('Topic').inputValue(), 'Europe');
  assert.deepEqual(await ids(page), ['securite', 'statement', 'munich']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('widget: search, q and tag attributes, applied live', async () => {
  const { page, context, errors } = await newPage(env.browser);
  await page.goto(`${env.server.url}/find/widget.html`);
  const widget = page.locator('#w');
  await widget.locator('article').first().waitFor();
  assert.deepEqual(await ids(widget), ['statement']);
  assert.equal(await widget.getByRole('searchbox', { name: 'Search' }).inputValue(), 'council');
  assert.equal(await widget.locator('#dl-topic').inputValue(), 'Europe');
  await page.evaluate(() => document.getElementById('w').setAttribute('q', 'kellogg'));
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelectorAll('article').length === 0);
  await page.evaluate(() => document.getElementById('w').removeAttribute('tag'));
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelectorAll('article').length === 1);
  assert.deepEqual(await ids(widget), ['kellogg']);
  await page.evaluate(() => document.getElementById('w').removeAttribute('search'));
  await widget.getByRole('searchbox').waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).search, '', 'the host URL is untouched without url-state');
  assert.deepEqual(errors, []);
  await context.close();
});

test('widget with url-state: the search and topic are mirrored in the host URL, and read from it', async () => {
  const { page, context, errors } = await newPage(env.browser);
  await page.goto(`${env.server.url}/find/widget-url.html?tag=Diplomacy`);
  const widget = page.locator('#w');
  await widget.locator('article').first().waitFor();
  assert.deepEqual(await ids(widget), ['kellogg', 'statement'], 'the topic comes from the host URL');
  await widget.getByRole('searchbox', { name: 'Search' }).pressSequentially('kellogg', { delay: 20 });
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'kellogg');
  assert.equal(query(page).get('tag'), 'Diplomacy');
  assert.deepEqual(await ids(widget), ['kellogg']);
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelectorAll('article').length === 2);
  assert.equal(await widget.getByRole('searchbox', { name: 'Search' }).inputValue(), '');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const [name, path, ready] of [['a search', '?src=/find/feed.json&q=council&tag=Europe', 'article mark'], ['the empty state', '?src=/find/feed.json&q=zzz', '.dl-empty']]) {
    test(`axe finds no violations (${colorScheme}) with ${name}`, async () => {
      const { page, context } = await newPage(env.browser, { colorScheme });
      await page.goto(`${env.server.url}/${path}`);
      await page.locator(ready).first().waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
}
