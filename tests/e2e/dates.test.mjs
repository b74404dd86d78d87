// Dates in the list (issue 23): relative dates ("3 minutes ago", "hier") against a fake clock,
// in English and French, in UTC and in Paris across the reader's midnight; labels that follow
// the clock without rebuilding rows or moving focus; the threshold; long and short dates;
// `<time datetime>`; the page's ?dates=.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, waitForList } from './helpers.mjs';
import { hostRoute, hostUrl, json } from './host-page.mjs';

// The reader's clock when a page opens; labels are read within 20 s of it (page loads are
// faster), so every entry below is chosen to read the same anywhere in that window.
const NOW = '2026-03-19T12:01:05Z';
const ENTRIES = {
  future: '2026-03-19T12:30:00Z',
  now: '2026-03-19T12:00:55Z',
  min1: '2026-03-19T11:59:45Z',
  tick: '2026-03-19T11:58:28Z',
  min3: '2026-03-19T11:57:45Z',
  hour1: '2026-03-19T10:30:00Z',
  paris: '2026-03-19T10:00:00+01:00',
  naive: '2026-03-19T08:00:00',
  hours5: '2026-03-19T07:00:00Z',
  west: '2026-03-18T20:00:00-05:00',
  today: '2026-03-19',
  yest: '2026-03-18T20:00:00Z',
  yday: '2026-03-18',
  d2: '2026-03-17T12:00:00Z',
  d4: '2026-03-15',
  d7: '2026-03-12',
  d8: '2026-03-11',
  d30: '2026-02-17',
  d31: '2026-02-16',
  old: '2026-02-01',
};
const FEED = { title: 'Clock news', items: Object.entries(ENTRIES).map(([id, date]) => ({ id, date, title: `Entry ${id}`, summary: `Published ${date}.` })) };
const ENGLISH = {
  future: '19 Mar. 2026',
  now: 'just now',
  min1: '1 minute ago',
  tick: '2 minutes ago',
  min3: '3 minutes ago',
  hour1: '1 hour ago',
  paris: '3 hours ago',
  naive: '4 hours ago',
  hours5: '5 hours ago',
  west: '11 hours ago',
  today: 'today',
  yest: 'yesterday',
  yday: 'yesterday',
  d2: '2 days ago',
  d4: '4 days ago',
  d7: '7 days ago',
  d8: '8 days ago',
  d30: '30 days ago',
  d31: '16 Feb. 2026',
  old: '01 Feb. 2026',
};
const FRENCH = {
  ...Object.fromEntries(Object.keys(ENGLISH).map((id) => [id, null])),
  future: '19 mars 2026',
  now: 'à l’instant',
  min1: 'il y a 1 minute',
  min3: 'il y a 3 minutes',
  hour1: 'il y a 1 heure',
  hours5: 'il y a 5 heures',
  today: 'aujourd’hui',
  yest: 'hier',
  yday: 'hier',
  d4: 'il y a 4 jours',
  d31: '16 février 2026',
  old: '1er février 2026',
};
// A reader in Paris half an hour after their midnight (UTC+1 in March), and the same instant in UTC.
const MIDNIGHT = '2026-03-18T23:30:05Z';
const LATE = {
  title: 'Late news',
  items: [
    { id: 'recent', date: '2026-03-18T23:10:00Z', title: 'Twenty minutes before' },
    { id: 'late', date: '2026-03-18T22:00:00Z', title: 'Late in the evening' },
    { id: 'noon', date: '2026-03-18T12:00:00Z', title: 'At noon' },
    { id: 'day', date: '2026-03-18', title: 'A day' },
  ],
};
const SRC = '/d/feed.json';

let env;
before(async () => {
  env = await setUp({ routes: { '/h/host.html': hostRoute, [SRC]: json(FEED), '/d/late.json': json(LATE) } });
});
after(async () => { await env?.tearDown(); });

/** A page whose clock starts at `time`, in `timezoneId`. */
async function clocked(time, contextOptions = {}) {
  const session = await newPage(env.browser, { timezoneId: 'UTC', locale: 'en-GB', ...contextOptions });
  await session.page.clock.install({ time: new Date(time) });
  return session;
}

/** Opens a host page with the widget on `src` and waits for its entries. */
async function openWidget(page, attrs, lang = 'en') {
  await page.goto(hostUrl(env.server, { attrs: { src: SRC, ...attrs }, lang }));
  await page.locator('#w article').first().waitFor();
}

/** Every entry's date as shown: { id: { text, datetime, title } }, in the widget or on the page. */
const dates = (page, inWidget = true) => page.evaluate((inWidget) => {
  const root = inWidget ? document.getElementById('w').shadowRoot : document;
  return Object.fromEntries([...root.querySelectorAll('.dl-entries article')].map((a) => {
    const time = a.querySelector('time');
    return [a.querySelector('a[data-dl-id]').dataset.dlId, { text: time.textContent, datetime: time.getAttribute('datetime'), title: time.getAttribute('title') }];
  }));
}, inWidget);
const texts = async (page, inWidget) => Object.fromEntries(Object.entries(await dates(page, inWidget)).map(([id, d]) => [id, d.text]));

/** Polls `read` (from Node, on real time: the page's timers are fake) until `ok` holds. */
async function until(read, ok, what) {
  let value;
  for (let i = 0; i < 50; i += 1) {
    value = await read();
    if (ok(value)) return value;
    await new Promise((done) => setTimeout(done, 100));
  }
  assert.fail(`${what}: ${JSON.stringify(value)}`);
}

test('relative dates in English: just now, minutes, hours, yesterday, days; the date past 30 days or in the future', async () => {
  const { page, context, errors } = await clocked(NOW);
  await openWidget(page, { 'date-style': 'relative' });
  const shown = await dates(page);
  assert.deepEqual(Object.fromEntries(Object.entries(shown).map(([id, d]) => [id, d.text])), ENGLISH);
  // The datetime attribute holds the date, and the time with its offset when the feed gives one.
  assert.equal(shown.min3.datetime, '2026-03-19T11:57:45Z');
  assert.equal(shown.paris.datetime, '2026-03-19T10:00:00+01:00');
  assert.equal(shown.west.datetime, '2026-03-18T20:00:00-05:00');
  assert.equal(shown.naive.datetime, '2026-03-19T08:00:00');
  assert.equal(shown.today.datetime, '2026-03-19');
  assert.equal(shown.old.datetime, '2026-02-01');
  // A relative label tells the full date on hover.
  assert.equal(shown.min3.title, '19 March 2026');
  assert.equal(shown.yest.title, '18 March 2026');
  assert.equal(shown.d4.title, '15 March 2026');
  // Months still group by the entry's own date.
  assert.deepEqual(await page.locator('#w h2.dl-month-heading').allTextContents(), ['March 2026', 'February 2026']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('labels follow the clock every 30 s: the same <time> elements, focus kept', async () => {
  const { page, context, errors } = await clocked(NOW);
  await openWidget(page, { 'date-style': 'relative' });
  assert.equal((await texts(page)).min3, '3 minutes ago');
  await page.clock.pauseAt(new Date('2026-03-19T12:01:30Z'));
  // Mark the rows and time elements, and put focus on a title.
  await page.evaluate(() => {
    const root = document.getElementById('w').shadowRoot;
    for (const a of root.querySelectorAll('article')) {
      const id = a.querySelector('a[data-dl-id]').dataset.dlId;
      a.querySelector('time').__mark = id;
      a.closest('li').__mark = id;
    }
    root.querySelector('a[data-dl-id="min3"]').focus();
  });
  // Within 30 s the labels follow: "tick" reads 2 minutes until 12:01:28, 3 minutes from then.
  await page.clock.runFor('00:30');
  await until(() => texts(page), (t) => t.tick === '3 minutes ago', 'thirty seconds later');
  await page.clock.runFor('04:30');
  const { tick: ticked, ...after } = await until(() => texts(page), (t) => t.min3 === '8 minutes ago', 'five minutes later');
  const { tick: earlier, ...before } = ENGLISH;
  assert.deepEqual(after, { ...before, now: '5 minutes ago', min1: '6 minutes ago', min3: '8 minutes ago' });
  assert.notEqual(ticked, earlier);
  const kept = await page.evaluate(() => {
    const root = document.getElementById('w').shadowRoot;
    return {
      times: [...root.querySelectorAll('article')].every((a) => a.querySelector('time').__mark === a.querySelector('a[data-dl-id]').dataset.dlId),
      rows: [...root.querySelectorAll('li.dl-entry')].every((li) => li.__mark === li.querySelector('a[data-dl-id]').dataset.dlId),
      focused: root.activeElement?.dataset.dlId ?? null,
    };
  });
  assert.deepEqual(kept, { times: true, rows: true, focused: 'min3' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('relative dates in French, and they follow the clock too', async () => {
  const { page, context, errors } = await clocked(NOW, { locale: 'fr-FR' });
  await openWidget(page, { 'date-style': 'relative', lang: 'fr' });
  const shown = await dates(page);
  const french = Object.fromEntries(Object.keys(FRENCH).filter((id) => FRENCH[id] !== null).map((id) => [id, shown[id].text]));
  assert.deepEqual(french, Object.fromEntries(Object.entries(FRENCH).filter(([, v]) => v !== null)));
  assert.equal(shown.min3.title, '19 mars 2026');
  assert.equal(shown.min3.datetime, '2026-03-19T11:57:45Z');
  await page.clock.pauseAt(new Date('2026-03-19T12:01:30Z'));
  await page.clock.runFor('05:00');
  await until(() => texts(page), (t) => t.now === 'il y a 5 minutes' && t.min3 === 'il y a 8 minutes', 'five minutes later');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"yesterday" is the reader\'s yesterday: Paris half an hour after midnight, and UTC at the same instant', async () => {
  const expected = {
    'Europe/Paris': { recent: '20 minutes ago', late: 'yesterday', noon: 'yesterday', day: 'yesterday' },
    UTC: { recent: '20 minutes ago', late: '1 hour ago', noon: '11 hours ago', day: 'today' },
  };
  for (const [timezoneId, labels] of Object.entries(expected)) {
    const { page, context, errors } = await clocked(MIDNIGHT, { timezoneId });
    await openWidget(page, { src: '/d/late.json', 'date-style': 'relative' });
    assert.deepEqual(await texts(page), labels, timezoneId);
    assert.equal((await dates(page)).late.datetime, '2026-03-18T22:00:00Z');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('date-threshold: past it the short date shows (units d, h, m, s), at mount and live', async () => {
  const { page, context, errors } = await clocked(NOW);
  await openWidget(page, { 'date-style': 'relative', 'date-threshold': '7d' });
  let t = await texts(page);
  assert.equal(t.d7, '7 days ago');
  assert.equal(t.d8, '11 Mar. 2026');
  assert.equal(t.d30, '17 Feb. 2026');
  assert.equal(t.d4, '4 days ago');
  const cases = [
    ['2h', { hour1: '1 hour ago', hours5: '19 Mar. 2026', yest: '18 Mar. 2026' }],
    ['10m', { min3: '3 minutes ago', hour1: '19 Mar. 2026' }],
    ['120s', { min1: '1 minute ago', min3: '19 Mar. 2026' }],
    ['soon', { d30: '30 days ago', d31: '16 Feb. 2026' }], // not a duration: the default 30 days
  ];
  for (const [threshold, expected] of cases) {
    await page.evaluate((v) => document.getElementById('w').setAttribute('date-threshold', v), threshold);
    t = await until(() => texts(page), (t) => Object.entries(expected).every(([id, v]) => t[id] === v), `date-threshold="${threshold}"`);
  }
  await page.evaluate(() => document.getElementById('w').removeAttribute('date-threshold'));
  await until(() => texts(page), (t) => t.d8 === '8 days ago' && t.d31 === '16 Feb. 2026', 'no threshold: 30 days');
  assert.deepEqual(errors, []);
  await context.close();
});

test('date-style long and short (the default), and switching styles live', async () => {
  const { page, context, errors } = await clocked(NOW);
  await openWidget(page, { 'date-style': 'long' });
  let shown = await dates(page);
  assert.deepEqual([shown.min3.text, shown.old.text, shown.yest.text], ['19 March 2026', '1 February 2026', '18 March 2026']);
  assert.equal(shown.min3.title, null, 'an absolute date needs no tooltip');
  assert.equal(shown.min3.datetime, '2026-03-19T11:57:45Z');
  await page.evaluate(() => document.getElementById('w').removeAttribute('date-style'));
  shown = await until(() => dates(page), (d) => d.min3.text === '19 Mar. 2026', 'short by default');
  assert.deepEqual([shown.old.text, shown.d4.text, shown.min3.title], ['01 Feb. 2026', '15 Mar. 2026', null]);
  await page.evaluate(() => document.getElementById('w').setAttribute('date-style', 'relative'));
  shown = await until(() => dates(page), (d) => d.d4.text === '4 days ago', 'relative, live');
  assert.deepEqual([shown.yest.text, shown.today.text, shown.yest.title], ['yesterday', 'today', '18 March 2026']);
  await page.evaluate(() => document.getElementById('w').setAttribute('date-style', 'short'));
  await until(() => dates(page), (d) => d.d4.text === '15 Mar. 2026' && d.d4.title === null, 'short, live');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page: ?dates=relative and ?dates=long with ?src=, short by default', async () => {
  const { page, context, errors } = await clocked(NOW);
  await page.goto(`${env.server.url}/?src=${SRC}&dates=relative`);
  await waitForList(page);
  const relative = await dates(page, false);
  assert.deepEqual(Object.fromEntries(Object.entries(relative).map(([id, d]) => [id, d.text])), ENGLISH);
  assert.equal(relative.paris.datetime, '2026-03-19T10:00:00+01:00');
  assert.equal(relative.yest.title, '18 March 2026');
  await page.goto(`${env.server.url}/?src=${SRC}&dates=long`);
  await waitForList(page);
  assert.equal((await texts(page, false)).min3, '19 March 2026');
  await page.goto(`${env.server.url}/?src=${SRC}`);
  await waitForList(page);
  assert.equal((await texts(page, false)).min3, '19 Mar. 2026');
  assert.deepEqual(errors, []);
  await context.close();
});
