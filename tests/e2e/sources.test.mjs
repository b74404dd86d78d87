// Loading news from a URL (?src=): JSON Feed and Datelines JSON, loading state, errors a person
// can act on, Retry, skipped entries, and a refresh that fails without losing the list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage } from './helpers.mjs';

const JSON_FEED = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Example Feed',
  items: [
    { id: 'tz', title: 'Just after midnight in Athens', date_published: '2025-03-01T00:30:00+02:00',
      content_html: '<p>Hello <strong>world</strong> <a href="https://example.org/x">link</a></p>',
      url: 'https://example.org/tz', tags: ['science'], authors: [{ name: 'Press Office' }], image: 'img/missing.jpg' },
    { id: 2, title: 'Ministers meet &amp; agree', date_published: 'Thu, 13 Feb 2025 10:00:00 +0100', summary: 'A summary.' },
    { title: 'No id here', date_published: '2025-02-20', content_text: 'Plain text body.' },
    { id: 'bad-date', title: 'Broken', date_published: '31 Feb. 2025' },
    { id: 'no-date', title: 'Undated' },
    { id: 'empty', date_published: '2025-02-01' },
  ],
};

let env;
let flaky = 'ok';
const send = (res, status, body, type = 'application/json') => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
};
before(async () => {
  env = await setUp({
    routes: {
      '/feeds/feed.json': (req, res) => send(res, 200, JSON.stringify(JSON_FEED)),
      // The example from https://jsonfeed.org/version/1.1, as published (no dates).
      '/feeds/spec-example.json': (req, res) => send(res, 200, JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1', title: 'My Example Feed', home_page_url: 'https://example.org/', feed_url: 'https://example.org/feed.json',
        items: [
          { id: '2', content_text: 'This is a second item.', url: 'https://example.org/second-item' },
          { id: '1', content_html: '<p>Hello, world!</p>', url: 'https://example.org/initial-post' },
        ],
      })),
      '/feeds/slow.json': (req, res) => setTimeout(() => send(res, 200, JSON.stringify(JSON_FEED)), 1500),
      '/feeds/error.json': (req, res) => send(res, 500, 'boom', 'text/plain'),
      '/feeds/bad.json': (req, res) => send(res, 200, '{\n  "items": [\n    {"title": }\n  ]\n}'),
      '/feeds/shape.json': (req, res) => send(res, 200, '[1, 2, 3]'),
      '/feeds/flaky.json': (req, res) => (flaky === 'ok' ? send(res, 200, JSON.stringify(JSON_FEED)) : send(res, 503, 'busy', 'text/plain')),
    },
  });
});
after(async () => { await env?.tearDown(); });

async function open(path, options) {
  const session = await newPage(env.browser, options);
  await session.page.goto(`${env.server.url}/${path}`);
  return session;
}
// Console messages we expect from deliberately failing requests.
const expected = (errors) => errors.filter((e) => !/Failed to load resource|Datelines:/.test(e));

test('a JSON Feed loads through ?src= and works like the bundled data', async () => {
  const { page, context, errors } = await open('?src=feeds/feed.json');
  await page.waitForSelector('article');
  assert.equal(await page.locator('h1').innerText(), 'Example Feed');
  assert.deepEqual(await page.locator('article h3').allInnerTexts(),
    ['Just after midnight in Athens', 'No id here', 'Ministers meet & agree', 'Broken', 'Undated']);
  assert.equal(await page.locator('.dl-count').innerText(), '5 entries');
  assert.deepEqual(await page.locator('#dl-month option').allInnerTexts(), ['All months', 'March 2025 (1)', 'February 2025 (2)', 'Undated (2)']);
  // No entry is lost to its date: the items without a readable date show last, under
  // "Undated", with no date line.
  assert.equal(await page.locator('article').last().locator('time').count(), 0);
  assert.equal(await page.locator('.dl-month-heading').last().textContent(), 'Undated');
  // One entry was skipped (it has nothing to show); the reasons are there on demand.
  const notice = page.locator('details.dl-skipped');
  assert.equal(await notice.locator('summary').innerText(), '1 entry was skipped');
  await notice.locator('summary').click();
  assert.match(await notice.innerText(), /items\[5\]\.title: is missing and the item has no text to show/);
  assert.match(await notice.innerText(), /items\[3\]\.date_published: "31 Feb\. 2025" is not a date .*; the item is shown under "Undated"/);
  assert.match(await notice.innerText(), /items\[4\]\.date_published: is missing; the item is shown under "Undated"/);

  // The month filter and the card work, and the card shows sanitized HTML, authors, tags, link.
  await page.locator('#dl-month').selectOption('2025-03');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  assert.match(new URL(page.url()).search, /^\?src=feeds%2Ffeed\.json&month=2025-03$/);
  await page.getByRole('link', { name: 'Just after midnight in Athens' }).click();
  const card = page.getByRole('dialog');
  await card.waitFor();
  assert.equal(await card.locator('.dl-rich-text strong').innerText(), 'world');
  assert.equal(await card.locator('.dl-rich-text a').getAttribute('rel'), 'noopener noreferrer');
  assert.match(await card.locator('.dl-card-meta').innerText(), /By Press Office.*Tags: science/);
  assert.equal(await card.getByRole('link', { name: 'Read the original article' }).getAttribute('href'), 'https://example.org/tz');
  assert.deepEqual(expected(errors), []);
  await context.close();
});

test("a fetched feed's relative links resolve against the feed's address, not the page's", async () => {
  const { page, context } = await newPage(env.browser);
  const images = [];
  page.on('request', (req) => { if (req.resourceType() === 'image') images.push(new URL(req.url()).pathname); });
  const thumbnail = page.waitForRequest((req) => req.url().endsWith('/img/missing.jpg'));
  await page.goto(`${env.server.url}/?src=/feeds/feed.json`);
  await page.locator('article').first().waitFor();
  await thumbnail;
  assert.ok(images.includes('/feeds/img/missing.jpg'), images.join(', '));
  assert.ok(!images.includes('/img/missing.jpg'), 'not against the page');
  await context.close();
});

test('the example feed from jsonfeed.org renders every item', async () => {
  const { page, context, errors } = await open('?src=feeds/spec-example.json');
  await page.waitForSelector('article');
  assert.deepEqual(await page.locator('article h3').allInnerTexts(), ['This is a second item.', 'Hello, world!']);
  await page.getByRole('link', { name: 'Hello, world!' }).click();
  assert.equal(await page.getByRole('dialog').locator('.dl-rich-text p').innerText(), 'Hello, world!');
  assert.deepEqual(expected(errors), []);
  await context.close();
});

test('a date-time belongs to its own calendar date for a reader west of UTC', async () => {
  const { page, context, errors } = await open('?src=feeds/feed.json&month=2025-03', { timezoneId: 'America/Los_Angeles' });
  await page.waitForSelector('article');
  assert.equal(await page.evaluate(() => new Date('2025-03-01T00:30:00+02:00').getMonth()), 1, 'the browser puts it in February');
  assert.deepEqual(await page.locator('article time').allInnerTexts(), ['01 Mar. 2025']);
  // The machine-readable form keeps the feed's own time and offset.
  assert.deepEqual(await page.locator('article time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))), ['2025-03-01T00:30:00+02:00']);
  assert.deepEqual(expected(errors), []);
  await context.close();
});

test('a slow response shows a loading state that holds the layout', async () => {
  const { page, context, errors } = await open('?src=feeds/slow.json');
  const loading = page.locator('.dl-loading[aria-busy=true]');
  await loading.waitFor();
  assert.equal(await page.getByRole('status').first().innerText(), 'Loading news…');
  const box = await loading.boundingBox();
  assert.ok(box.height > 300, `the placeholder reserves space (${box.height}px)`);
  await page.waitForSelector('article');
  assert.equal(await loading.count(), 0);
  assert.deepEqual(expected(errors), []);
  await context.close();
});

for (const [name, path, headline, detail] of [
  ['404', 'feeds/missing.json', 'The news file was not found', /HTTP 404/],
  ['500', 'feeds/error.json', 'The news server reported an error', /HTTP 500/],
  ['bad JSON', 'feeds/bad.json', 'The news file is not valid JSON', /expected value at line 3, column 15/],
  ['wrong shape', 'feeds/shape.json', 'The news file is not in a format Datelines reads', /the top level is an array/],
  ['network failure', 'feeds/unreachable.json', 'The news could not be loaded', /could not be reached/],
]) {
  test(`${name}: a visible error card with the URL and a Retry button`, async () => {
    const session = await newPage(env.browser);
    const { page, context, errors } = session;
    if (name === 'network failure') await page.route('**/feeds/unreachable.json', (route) => route.abort('connectionrefused'));
    await page.goto(`${env.server.url}/?src=${path}`);
    const card = page.getByRole('alert');
    await card.waitFor();
    assert.equal(await card.locator('h2').innerText(), headline);
    assert.match(await card.innerText(), detail);
    assert.equal(await card.locator('code').innerText(), path);
    assert.equal(await card.getByRole('button', { name: 'Retry' }).count(), 1);
    assert.deepEqual(expected(errors), []);
    await context.close();
  });
}

test('Retry recovers, and a failed refresh keeps the last good list', async () => {
  flaky = 'fail';
  const { page, context, errors } = await open('?src=feeds/flaky.json');
  await page.getByRole('alert').waitFor();
  flaky = 'ok';
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.waitForSelector('article');
  assert.equal(await page.getByRole('alert').count(), 0);

  flaky = 'fail';
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /HTTP 503/);
  assert.equal(await page.locator('article').count(), 5, 'the last good list stays');
  flaky = 'ok';
  assert.deepEqual(expected(errors), []);
  await context.close();
});

test('with ?src= the feed is downloaded once: the app takes the preloaded response', async () => {
  for (const src of ['news.json', '/feeds/feed.json']) {
    const { page, context, errors } = await newPage(env.browser);
    const requests = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith(src.replace(/^\//, ''))) requests.push(r.url()); });
    await page.goto(`${env.server.url}/?src=${src}`);
    await page.locator('article').first().waitFor();
    await page.waitForTimeout(300);
    assert.equal(requests.length, 1, `${src}: ${requests.join(', ')}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
