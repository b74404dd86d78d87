// Staying fresh (issue 24): `refresh="60s"` on the widget and `?refresh=5m` on the page, against
// a fake clock (never real waiting). The feed is answered by page.route: it counts requests,
// records their validators, sends ETag and Last-Modified, answers 304 when If-None-Match
// matches, and each test scripts the next answers (a changed feed, 500, 503 and 429 with
// Retry-After, a refused connection, a truncated body, a page that is not a feed).
//
// When each request went out is read in the page: a probe wraps `fetch` and notes the fake
// clock's Date.now() at each feed request and when its answer (headers, then body) was in hand,
// which is when the app arms its next timer. So a wait is exact whatever the clock's steps:
// next request's time minus the last answer's time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, waitForList } from './helpers.mjs';
import { hostRoute, hostUrl } from './host-page.mjs';

const NOW = '2026-03-19T12:00:00Z';
const FEED = '/d/poll.json';
const OTHER = '/d/other.json';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
// The browser's console line for a failed feed request is expected; anything else is not.
const EXPECTED_NETWORK = /Failed to load resource/;

let env;
before(async () => {
  env = await setUp({ routes: { '/h/host.html': hostRoute } });
});
after(async () => { await env?.tearDown(); });

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Entry `n` of the feed: the higher `n`, the newer (ten minutes apart, all in March 2026). */
const entry = (n, extra = {}) => ({
  id: `n${n}`,
  date: new Date(Date.UTC(2026, 2, 1) + n * 10 * MINUTE).toISOString().replace('.000Z', 'Z'),
  title: `Story number ${n}`,
  summary: `What happened in story ${n}.`,
  ...extra,
});
const entries = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
/** Ids as the list shows them: newest first. */
const idsOf = (items) => [...items].sort((a, b) => b.date.localeCompare(a.date)).map((e) => e.id);

/**
 * Serves the feed at `path` to `page` with page.route. `feed.set(items)` publishes a new version
 * (new ETag and Last-Modified); `feed.next(...answers)` scripts the next answers: 'ok' (the
 * default: 304 when If-None-Match is the current ETag, else the feed), 'refused', 'truncated',
 * 'not-a-feed', or { status, headers }. `feed.requests` holds what the server received.
 */
async function serveFeed(page, items, { path = FEED, maxAge = null, cors = false } = {}) {
  const feed = {
    items,
    version: 1,
    maxAge,
    requests: [],
    queue: [],
    get etag() { return `"v${this.version}"`; },
    get lastModified() { return new Date(Date.UTC(2026, 2, 19, 0, 0, this.version)).toUTCString(); },
    body() {
      return JSON.stringify({ title: 'Polled news', items: [...this.items].sort((a, b) => b.date.localeCompare(a.date)) });
    },
    set(next) {
      this.items = next;
      this.version += 1;
    },
    next(...answers) { this.queue.push(...answers); },
    /** The requests after the first load. */
    get polls() { return this.requests.slice(1); },
  };
  await page.route(`**${path}`, async (route) => {
    const headers = await route.request().allHeaders();
    const request = { method: route.request().method(), inm: headers['if-none-match'] ?? null, ims: headers['if-modified-since'] ?? null, answer: null };
    feed.requests.push(request);
    const scripted = feed.queue.shift() ?? 'ok';
    const cache = {
      ...(feed.maxAge === null ? { 'cache-control': 'no-cache' } : { 'cache-control': `max-age=${feed.maxAge}` }),
      // A feed on another origin lets this page read it.
      ...(cors ? { 'access-control-allow-origin': '*' } : {}),
    };
    const validators = { etag: feed.etag, 'last-modified': feed.lastModified };
    if (scripted === 'refused') {
      request.answer = 'refused';
      await route.abort('connectionrefused');
    } else if (scripted === 'truncated') {
      request.answer = 'truncated';
      const body = feed.body();
      await route.fulfill({ status: 200, contentType: 'application/json', headers: { ...cache, etag: '"broken"' }, body: body.slice(0, Math.floor(body.length / 2)) });
    } else if (scripted === 'not-a-feed') {
      request.answer = 'not-a-feed';
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { ...cache, etag: '"portal"' },
        body: '<!DOCTYPE html><html lang="en"><head><title>Down for maintenance</title></head><body><h1>Back soon</h1></body></html>' });
    } else if (typeof scripted === 'object') {
      request.answer = String(scripted.status);
      await route.fulfill({ status: scripted.status, contentType: 'text/plain', headers: scripted.headers ?? {}, body: scripted.body ?? 'Sorry' });
    } else if (request.inm === feed.etag) {
      request.answer = '304';
      await route.fulfill({ status: 304, headers: { ...cache, ...validators } });
    } else {
      request.answer = '200';
      await route.fulfill({ status: 200, contentType: 'application/json', headers: { ...cache, ...validators }, body: feed.body() });
    }
  });
  return feed;
}

/**
 * In the page, before any script: wraps fetch to note each feed request (URL matching
 * `pattern`) with the fake clock's time, its cache mode, and when its answer was in hand (the
 * headers, then the body if the app reads it).
 */
function probe(pattern) {
  const feedUrl = new RegExp(pattern);
  const log = [];
  let inflight = 0;
  window.__feedLog = log;
  window.__feedInflight = () => inflight;
  const settled = (entry) => {
    inflight -= 1;
    if (inflight === 0) entry.answered = Date.now();
  };
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    const url = input instanceof Request ? input.url : String(input);
    const promise = fetch0.apply(this, arguments);
    if (!feedUrl.test(url)) return promise;
    const entry = { t: Date.now(), url, cache: input instanceof Request ? input.cache : (init?.cache ?? 'default'), answered: null };
    log.push(entry);
    inflight += 1;
    return promise.then((response) => {
      response.arrayBuffer = function () {
        inflight += 1;
        const body = Response.prototype.arrayBuffer.call(this);
        body.then(() => settled(entry), () => settled(entry));
        return body;
      };
      settled(entry);
      return response;
    }, (error) => {
      settled(entry);
      throw error;
    });
  };
}

/** A page with the probe, a console that notes panics, and its clock installed at NOW. */
async function clockedPage(contextOptions = {}) {
  const session = await newPage(env.browser, { timezoneId: 'UTC', locale: 'en-GB', ...contextOptions });
  session.panics = [];
  session.page.on('console', (msg) => {
    if (/panicked/i.test(msg.text())) session.panics.push(msg.text());
  });
  await session.page.addInitScript(probe, '/d/[^/?#]+\\.json');
  await session.page.clock.install({ time: new Date(NOW) });
  return session;
}

/** Stops the clock a moment after the page's "now": from here only the test moves it. */
async function pauseClock(page) {
  // On a busy machine the page's clock can pass the moment asked for before the call lands:
  // then ask again from the new "now".
  for (let attempt = 0; ; attempt += 1) {
    const now = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(new Date(now + 200));
      return;
    } catch (error) {
      if (attempt >= 5 || !/to the past/.test(String(error))) throw error;
    }
  }
}

/** Opens a host page with one widget and waits for its entries; then the clock stands still. */
async function openWidget(page, attrs, options = {}) {
  await page.goto(hostUrl(env.server, { attrs: { src: FEED, ...attrs }, ...options }));
  await page.locator('#w article').first().waitFor();
  await settle(page);
  await pauseClock(page);
}

/** Waits (real time) until no feed request or body is on its way. */
async function settle(page) {
  for (let i = 0; i < 300; i += 1) {
    if ((await page.evaluate(() => window.__feedInflight())) === 0) return;
    await sleep(10);
  }
  assert.fail('a feed request never settled');
}

/** Moves the fake clock on by `ms`, in steps of `step`, letting every answer in between. */
async function advance(page, ms, step = 5 * SECOND) {
  for (let done = 0; done < ms; done += step) {
    await page.clock.runFor(Math.min(step, ms - done));
    await settle(page);
  }
}

/** The probe's notes: every feed request, the first load first. */
const feedLog = (page) => page.evaluate(() => window.__feedLog.map((e) => ({ ...e })));
const fakeNow = (page) => page.evaluate(() => Date.now());

/** Moves the clock on in steps until the page has made `count` feed requests in all. */
async function untilRequests(page, count, { within = 2 * HOUR, step = 5 * SECOND } = {}) {
  for (let done = 0; done <= within; done += step) {
    if ((await page.evaluate(() => window.__feedLog.length)) >= count) return;
    await page.clock.runFor(step);
    await settle(page);
  }
  assert.fail(`fewer than ${count} feed requests within ${within / MINUTE} minutes: ${(await feedLog(page)).length}`);
}

/** The waits between polls: each request's time less the answer before it (ms). */
const waitsOf = (log) => log.slice(1).map((e, i) => e.t - log[i].answered);

/** True when `wait` (ms) lies in [lo, hi] seconds, give or take the 1 ms the timer rounds off. */
const between = (wait, lo, hi) => wait >= lo * SECOND - 1 && wait <= hi * SECOND + 1;

/** "5 minutes ago" between two times (ms) as the notice counts: whole seconds, then minutes. */
const ago = (since, now) => {
  const seconds = Math.floor(now / SECOND) - Math.floor(since / SECOND);
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'} ago`;
};

/** What the reader sees: the entries' ids, the count, the pending button, the notice, focus. */
const view = (page, inWidget = true) => page.evaluate((inWidget) => {
  const root = inWidget ? document.getElementById('w').shadowRoot : document;
  const first = root.querySelector('.dl-entries article');
  const button = root.querySelectorAll('.dl-pending-button');
  return {
    ids: [...root.querySelectorAll('.dl-entries a.dl-title-link[data-dl-id]')].map((a) => a.dataset.dlId),
    count: root.querySelector('.dl-count')?.textContent ?? null,
    button: button.length ? button[0].textContent : null,
    buttons: button.length,
    buttonInPending: button.length ? button[0].parentElement.classList.contains('dl-pending') : null,
    stale: root.querySelector('p.dl-stale[role=status]')?.textContent ?? null,
    error: root.querySelector('.dl-error') !== null,
    focus: root.activeElement?.dataset?.dlId ?? root.activeElement?.className ?? null,
    firstTop: first ? first.getBoundingClientRect().top : null,
    scrollY: window.scrollY,
    title: document.title,
  };
}, inWidget);

/** Console errors other than the browser's line for a failed feed request. */
const unexpected = (errors) => errors.filter((e) => !(EXPECTED_NETWORK.test(e) && /\/d\/[a-z]+\.json/.test(e)));

/** The end of a test: no console error but a failed feed request's, no panic; the page closed. */
async function finish({ context, errors, panics }) {
  assert.deepEqual(unexpected(errors), []);
  assert.deepEqual(panics, []);
  await context.close();
}

/** Emulates the tab going to the background or coming back (the event bubbles, as the browser's does). */
const setHidden = (page, hidden) => page.evaluate((hidden) => {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}, hidden);

/** Presses the pending button and lets its frame run (focus moves in a requestAnimationFrame). */
async function showPending(page, inWidget = true) {
  await page.locator(inWidget ? '#w .dl-pending-button' : '.dl-pending-button').click();
  await page.clock.runFor(100);
}

test('refresh="60s": a poll every minute ±10% (not in step), conditional requests from the second poll, 304s change nothing', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 5));
  await openWidget(page, { refresh: '60s' });
  const before = await view(page);
  assert.deepEqual(before.ids, idsOf(entries(1, 5)));
  // One-second steps: an answer is let in within a second of its request, as on a real network.
  await advance(page, 10 * MINUTE, SECOND);
  const log = await feedLog(page);
  const polls = log.length - 1;
  assert.ok(polls >= 9 && polls <= 12, `10 minutes at refresh="60s": ${polls} polls`);
  assert.equal(feed.requests.length, log.length, 'the server received every request the page made');
  // The first poll comes an interval (±10%) after the list started; each next one an interval
  // (±10%) after the answer before it.
  const first = log[1].t - log[0].t;
  assert.ok(first >= 54 * SECOND - 500 && first <= 66 * SECOND + 1000, `first poll after ${first} ms`);
  const waits = waitsOf(log).slice(1);
  for (const wait of waits) assert.ok(between(wait, 54, 66), `a wait of ${wait} ms`);
  assert.ok(new Set(waits.map((w) => Math.round(w / 100))).size >= 3, `the waits are jittered: ${waits}`);
  // The first load is a plain GET; polls bypass the browser's cache and, from the second on,
  // send the last answer's ETag and Last-Modified, so an unchanged feed costs a 304.
  assert.deepEqual([feed.requests[0].inm, feed.requests[0].ims], [null, null]);
  assert.notEqual(log[0].cache, 'no-store');
  assert.ok(log.slice(1).every((e) => e.cache === 'no-store'), JSON.stringify(log.map((e) => e.cache)));
  for (const request of feed.polls.slice(1)) {
    assert.deepEqual([request.inm, request.ims, request.answer], ['"v1"', feed.lastModified, '304']);
  }
  // Nothing the reader sees changed.
  const after = await view(page);
  assert.deepEqual([after.ids, after.count, after.button, after.stale], [before.ids, before.count, null, null]);
  await finish({ context, errors, panics });
});

test('refresh="5s" polls every 30 s at most; "1m" every minute; no refresh, "off" and "0" never poll', async () => {
  {
    const { page, context, errors } = await clockedPage();
    await serveFeed(page, entries(1, 3));
    await openWidget(page, { refresh: '5s' });
    await advance(page, 5 * MINUTE, SECOND);
    const log = await feedLog(page);
    assert.ok(log.length - 1 >= 9 && log.length - 1 <= 11, `5 minutes at the 30 s floor: ${log.length - 1} polls`);
    for (const wait of waitsOf(log).slice(1)) assert.ok(between(wait, 27, 33), `a wait of ${wait} ms`);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  }
  {
    const { page, context } = await clockedPage();
    await serveFeed(page, entries(1, 3));
    await openWidget(page, { refresh: '1m' });
    await advance(page, 5 * MINUTE);
    const log = await feedLog(page);
    assert.ok(log.length - 1 >= 4 && log.length - 1 <= 6, `5 minutes at refresh="1m": ${log.length - 1} polls`);
    await context.close();
  }
  for (const attrs of [{}, { refresh: 'off' }, { refresh: '0' }]) {
    const { page, context, errors } = await clockedPage();
    const feed = await serveFeed(page, entries(1, 3));
    await openWidget(page, attrs);
    await advance(page, 3 * HOUR, 5 * MINUTE);
    assert.equal(feed.requests.length, 1, `${JSON.stringify(attrs)}: the first load only`);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  }
});

test('the refresh attribute is live: set, it starts polling; changed, it follows; removed, it stops', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 3));
  await openWidget(page, {});
  await advance(page, 10 * MINUTE, 30 * SECOND);
  assert.equal(feed.requests.length, 1, 'no polling without the attribute');
  const set = await fakeNow(page);
  await page.evaluate(() => document.getElementById('w').setAttribute('refresh', '60s'));
  await advance(page, 5 * MINUTE, SECOND);
  let log = await feedLog(page);
  assert.ok(log.length - 1 >= 4 && log.length - 1 <= 6, `5 minutes after refresh="60s" was set: ${log.length - 1} polls`);
  assert.ok(log[1].t - set >= 54 * SECOND && log[1].t - set <= 66 * SECOND + 1000, `first poll ${log[1].t - set} ms after the attribute`);
  // A longer interval from now on.
  await page.evaluate(() => document.getElementById('w').setAttribute('refresh', '2m'));
  const changed = (await feedLog(page)).length;
  await advance(page, 10 * MINUTE);
  log = await feedLog(page);
  const later = log.slice(changed);
  assert.ok(later.length >= 4 && later.length <= 6, `10 minutes at refresh="2m": ${later.length} polls`);
  for (const wait of waitsOf(log.slice(changed - 1)).slice(1)) assert.ok(between(wait, 108, 132), `a wait of ${wait} ms at 2m`);
  await page.evaluate(() => document.getElementById('w').removeAttribute('refresh'));
  const stopped = feed.requests.length;
  await advance(page, 3 * HOUR, MINUTE);
  assert.equal(feed.requests.length, stopped, 'no poll once the attribute is removed');
  await finish({ context, errors, panics });
});

test('Cache-Control: max-age=600 with refresh="30s": no poll sooner than 600 s after an answer', async () => {
  const { page, context, errors } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 3), { maxAge: 600 });
  await openWidget(page, { refresh: '30s' });
  await advance(page, 45 * MINUTE, 10 * SECOND);
  const log = await feedLog(page);
  const waits = waitsOf(log).slice(1);
  assert.ok(waits.length >= 3, `polls in 45 minutes: ${log.length - 1}`);
  for (const wait of waits) assert.ok(between(wait, 600, 600), `a wait of ${wait} ms with max-age=600`);
  assert.ok(log.length - 1 <= 6, `45 minutes at max-age=600: ${log.length - 1} polls`);
  assert.equal(feed.requests.length, log.length);
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test('new entries wait behind "3 new entries": nothing moves, focus and scroll stay; pressing shows them and focuses the first', async () => {
  const { page, context, errors, panics } = await clockedPage({ viewport: { width: 900, height: 700 } });
  const feed = await serveFeed(page, entries(1, 8));
  await openWidget(page, { refresh: '60s' }, { css: 'main { padding: 40px 0 2000px }' });
  await page.evaluate(() => {
    window.scrollTo(0, 25);
    document.getElementById('w').shadowRoot.querySelector('a[data-dl-id="n6"]').focus({ preventScroll: true });
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const shift of list.getEntries()) if (!shift.hadRecentInput) window.__shifts += shift.value;
    }).observe({ type: 'layout-shift' });
    const count = document.getElementById('w').shadowRoot.querySelector('.dl-count');
    window.__counts = [];
    new MutationObserver(() => window.__counts.push(count.textContent)).observe(count, { subtree: true, childList: true, characterData: true });
  });
  const before = await view(page);
  assert.deepEqual([before.ids, before.count, before.focus, before.scrollY], [idsOf(entries(1, 8)), '8 entries', 'n6', 25]);
  feed.set(entries(1, 11));
  await untilRequests(page, 2);
  const waiting = await view(page);
  assert.equal(waiting.button, '3 new entries');
  assert.equal(waiting.buttons, 1);
  assert.equal(waiting.buttonInPending, true, 'the button is inside .dl-pending');
  // The list, its count, the first entry's place, focus, scroll and the host's title are as they were.
  assert.deepEqual(waiting.ids, before.ids);
  assert.equal(waiting.count, before.count);
  assert.equal(waiting.firstTop, before.firstTop, 'the first entry did not move');
  assert.deepEqual([waiting.focus, waiting.scrollY, waiting.title], ['n6', 25, 'Host page']);
  assert.equal(await page.evaluate(() => window.__shifts), 0, 'no layout shift');
  const pending = await page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('.dl-pending').getBoundingClientRect().height);
  assert.equal(pending, 0, 'the pending box takes no height');
  // A 304 meanwhile changes nothing; one more entry makes it 4.
  await untilRequests(page, 3);
  assert.equal((await view(page)).button, '3 new entries');
  feed.set(entries(1, 12));
  await untilRequests(page, 4);
  const more = await view(page);
  assert.deepEqual([more.button, more.ids, more.count, more.firstTop], ['4 new entries', before.ids, before.count, before.firstTop]);
  assert.deepEqual(await page.evaluate(() => window.__counts), [], 'the count did not change while entries wait');
  assert.equal(await page.locator('#w .dl-count').getAttribute('aria-live'), 'polite');
  await showPending(page);
  const shown = await view(page);
  assert.deepEqual(shown.ids, idsOf(entries(1, 12)));
  assert.equal(shown.button, null);
  assert.equal(shown.focus, 'n12', 'focus on the first new entry');
  assert.equal(await page.evaluate(() => document.getElementById('w').shadowRoot.activeElement?.matches('a.dl-title-link[data-dl-id="n12"]')), true);
  assert.equal(shown.count, '12 entries');
  assert.deepEqual(await page.evaluate(() => [...new Set(window.__counts)]), ['12 entries'], 'the count changed once');
  assert.equal(shown.title, 'Host page', 'a widget never changes the host\'s title');
  // One more: "1 new entry".
  feed.set(entries(1, 13));
  await untilRequests(page, 5);
  assert.equal((await view(page)).button, '1 new entry');
  await showPending(page);
  assert.deepEqual([(await view(page)).ids[0], (await view(page)).focus], ['n13', 'n13']);
  assert.equal((await feedLog(page)).length, feed.requests.length);
  await finish({ context, errors, panics });
});

test('corrections and removals wait behind "Show the updated list"; in French, "3 nouveaux articles" and "Afficher la liste mise à jour"', async () => {
  {
    const { page, context, errors } = await clockedPage();
    const feed = await serveFeed(page, entries(1, 4));
    await openWidget(page, { refresh: '60s' });
    const before = await view(page);
    feed.set([...entries(1, 3), entry(4, { title: 'Story number 4, corrected' })]);
    await untilRequests(page, 2);
    const waiting = await view(page);
    assert.deepEqual([waiting.button, waiting.ids, waiting.count], ['Show the updated list', before.ids, before.count]);
    assert.equal(await page.locator('#w a[data-dl-id="n4"]').textContent(), 'Story number 4');
    await showPending(page);
    assert.equal(await page.locator('#w a[data-dl-id="n4"]').textContent(), 'Story number 4, corrected');
    assert.equal((await view(page)).button, null);
    // An entry that left the feed.
    feed.set([entry(1), entry(2), entry(4, { title: 'Story number 4, corrected' })]);
    await untilRequests(page, 3);
    assert.equal((await view(page)).button, 'Show the updated list');
    assert.deepEqual((await view(page)).ids, ['n4', 'n3', 'n2', 'n1']);
    await showPending(page);
    assert.deepEqual((await view(page)).ids, ['n4', 'n2', 'n1']);
    assert.equal((await view(page)).count, '3 entries');
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  }
  {
    const { page, context, errors } = await clockedPage({ locale: 'fr-FR' });
    const feed = await serveFeed(page, entries(1, 4));
    await openWidget(page, { refresh: '60s', lang: 'fr' }, { lang: 'fr' });
    feed.set(entries(1, 7));
    await untilRequests(page, 2);
    assert.equal((await view(page)).button, '3 nouveaux articles');
    await showPending(page);
    assert.equal((await view(page)).focus, 'n7');
    feed.set(entries(2, 7));
    await untilRequests(page, 3);
    assert.equal((await view(page)).button, 'Afficher la liste mise à jour');
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  }
});

test('when the first load failed, a good poll shows the news at once, without a button', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 4));
  feed.next({ status: 500 });
  await page.goto(hostUrl(env.server, { attrs: { src: FEED, refresh: '60s' } }));
  await page.locator('#w .dl-error').waitFor();
  await settle(page);
  await pauseClock(page);
  await untilRequests(page, 2);
  await page.clock.runFor(100);
  const shown = await view(page);
  assert.deepEqual([shown.ids, shown.button, shown.error], [idsOf(entries(1, 4)), null, false]);
  assert.equal(feed.polls[0].answer, '200');
  await finish({ context, errors, panics });
});

test('no request while the page is hidden; one check at once when it is seen again if a poll fell due, none if not', async () => {
  const { page, context, errors } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 4));
  await openWidget(page, { refresh: '60s' });
  await untilRequests(page, 2);
  await setHidden(page, true);
  const hiddenAt = feed.requests.length;
  await advance(page, 20 * MINUTE, 10 * SECOND);
  assert.equal(feed.requests.length, hiddenAt, 'no request in 20 minutes hidden');
  // Seen again: one request at once.
  const shownAt = await fakeNow(page);
  await setHidden(page, false);
  await settle(page);
  let log = await feedLog(page);
  assert.equal(feed.requests.length, hiddenAt + 1, 'one check when seen again');
  assert.equal(log.at(-1).t, shownAt, 'at once');
  // Then the usual rhythm, and no second check.
  await advance(page, 30 * SECOND);
  assert.equal(feed.requests.length, hiddenAt + 1);
  await untilRequests(page, hiddenAt + 2);
  log = await feedLog(page);
  const wait = log.at(-1).t - log.at(-2).answered;
  assert.ok(between(wait, 54, 66), `then every minute: ${wait} ms`);
  // Hidden for 10 s, not long enough for a poll to fall due: no check when seen again.
  await advance(page, 5 * SECOND);
  const quiet = feed.requests.length;
  await setHidden(page, true);
  await advance(page, 10 * SECOND, SECOND);
  await setHidden(page, false);
  await settle(page);
  assert.equal(feed.requests.length, quiet, 'no check: none was due');
  await untilRequests(page, quiet + 1);
  log = await feedLog(page);
  const next = log.at(-1).t - log.at(-2).answered;
  assert.ok(between(next, 54, 66), `the next poll at its time: ${next} ms`);
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test('after three failed polls in a row: "The news could not be updated. Last updated … ago." with Retry; the list stays; a good answer removes it', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 4));
  await openWidget(page, { refresh: '60s' });
  const before = await view(page);
  await untilRequests(page, 2); // a good poll (200)
  const good = (await feedLog(page))[1].answered;
  feed.next({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
  for (let failures = 1; failures <= 3; failures += 1) {
    await untilRequests(page, 2 + failures, { step: 10 * SECOND });
    const seen = await view(page);
    assert.deepEqual(seen.ids, before.ids, `the last good list stays after ${failures} failures`);
    assert.equal(seen.error, false);
    if (failures < 3) assert.equal(seen.stale, null, `no notice after ${failures} failures`);
  }
  const third = (await feedLog(page))[4].answered;
  const notice = await view(page);
  assert.equal(notice.stale?.replace(/\s+/g, ' ').trim(), `The news could not be updated. Last updated ${ago(good, third)}. Retry`);
  assert.equal(await page.locator('#w p.dl-stale button').textContent(), 'Retry');
  // Retry asks at once (still failing: the notice stays).
  const retried = await fakeNow(page);
  await page.locator('#w p.dl-stale button').click();
  await settle(page);
  let log = await feedLog(page);
  assert.equal(log.length, 6);
  assert.equal(log[5].t, retried, 'Retry asks at once');
  assert.notEqual((await view(page)).stale, null);
  // Retry again, with the feed back: the notice goes, the list is as it was.
  await page.locator('#w p.dl-stale button').click();
  await settle(page);
  await page.clock.runFor(100);
  log = await feedLog(page);
  assert.equal(log.length, 7);
  assert.equal(feed.requests[6].answer, '304', 'the validators of the last good answer');
  const after = await view(page);
  assert.deepEqual([after.stale, after.ids, after.button], [null, before.ids, null]);
  // And the rhythm is back to a minute.
  await untilRequests(page, 8);
  log = await feedLog(page);
  const wait = log[7].t - log[6].answered;
  assert.ok(between(wait, 54, 66), `a minute after the good answer: ${wait} ms`);
  await finish({ context, errors, panics });
});

test('three failed polls right after a good first load also bring the notice (the first load is the last update)', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 4));
  await openWidget(page, { refresh: '60s' });
  const loaded = (await feedLog(page))[0].answered;
  feed.next({ status: 500 }, { status: 500 }, { status: 500 });
  await untilRequests(page, 4, { step: 10 * SECOND });
  await page.clock.runFor(100);
  const third = (await feedLog(page))[3].answered;
  const seen = await view(page);
  assert.deepEqual(seen.ids, idsOf(entries(1, 4)));
  assert.deepEqual(feed.polls.map((r) => r.answer), ['500', '500', '500']);
  assert.equal(seen.stale?.replace(/\s+/g, ' ').trim() ?? null, `The news could not be updated. Last updated ${ago(loaded, third)}. Retry`,
    'three polls failed in a row after the first load: the notice must show');
  await finish({ context, errors, panics });
});

test('failures back off: interval × 2^failures ±10%, never shorter than before, at most an hour; a good answer starts over', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 4));
  await openWidget(page, { refresh: '60s' });
  const before = await view(page);
  feed.next(...Array(8).fill({ status: 500 }));
  await untilRequests(page, 10, { within: 6 * HOUR, step: 30 * SECOND });
  const log = await feedLog(page);
  // Waits after the 1st … 8th failure (poll k+1's time less failure k's answer).
  const waits = waitsOf(log).slice(1);
  assert.equal(waits.length, 8);
  const seconds = waits.map((w) => Math.round(w / 100) / 10);
  for (let k = 0; k < waits.length; k += 1) {
    const ideal = Math.min(60 * 2 ** (k + 1), 3600);
    assert.ok(waits[k] >= Math.min(ideal * 0.9, 3600) * SECOND - 1, `wait ${k + 1} of ${seconds}`);
    assert.ok(waits[k] <= 3600 * SECOND + 1, `at most an hour: ${seconds}`);
    if (k > 0) assert.ok(waits[k] >= waits[k - 1], `never shorter than the one before: ${seconds}`);
    if (ideal < 3600) assert.ok(waits[k] <= ideal * 1.1 * SECOND + 1, `wait ${k + 1} of ${seconds}`);
  }
  assert.ok(waits.at(-1) >= 3240 * SECOND, `up to an hour: ${seconds}`);
  assert.deepEqual((await view(page)).ids, before.ids, 'the last good list stays');
  // The 9th poll succeeded: back to a minute.
  assert.ok(['200', '304'].includes(feed.requests[9].answer), feed.requests[9].answer);
  await untilRequests(page, 11);
  const after = await feedLog(page);
  const wait = after[10].t - after[9].answered;
  assert.ok(between(wait, 54, 66), `after a good answer, a minute: ${wait} ms`);
  await finish({ context, errors, panics });
});

test('Retry-After on a 503 (seconds) and a 429 (an HTTP date) is honoured', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 4));
  await openWidget(page, { refresh: '30s' });
  feed.next({ status: 503, headers: { 'retry-after': '900' } });
  await untilRequests(page, 2);
  await untilRequests(page, 3, { step: 30 * SECOND });
  let log = await feedLog(page);
  assert.equal(feed.requests[1].answer, '503');
  const after503 = log[2].t - log[1].answered;
  assert.ok(after503 >= 900 * SECOND, `Retry-After: 900 on a 503, next poll after ${after503 / SECOND} s`);
  assert.ok(after503 <= 1000 * SECOND, `and not much later: ${after503 / SECOND} s`);
  // The 3rd poll (a 304) starts over; the 4th gets a 429 saying "not before 20 minutes from now".
  await untilRequests(page, 4, { step: SECOND });
  const at = Math.ceil(((await fakeNow(page)) + 20 * MINUTE) / SECOND) * SECOND;
  feed.next({ status: 429, headers: { 'retry-after': new Date(at).toUTCString() } });
  await untilRequests(page, 5, { step: 10 * SECOND });
  await untilRequests(page, 6, { step: 30 * SECOND });
  log = await feedLog(page);
  assert.equal(feed.requests[4].answer, '429');
  assert.ok(log[5].t >= at, `Retry-After ${new Date(at).toISOString()} on a 429, next poll at ${new Date(log[5].t).toISOString()}`);
  assert.ok(log[5].t <= at + 2 * MINUTE, `and not much later: ${new Date(log[5].t).toISOString()}`);
  assert.deepEqual((await view(page)).ids, idsOf(entries(1, 4)));
  await finish({ context, errors, panics });
});

// Faults during polling: the last good list stays, no button, no card, no console error other
// than the browser's line for the failed request, no panic; the next good answer is quiet.
const FAULTS = [
  ['a refused connection', 'refused'],
  ['a 500', { status: 500 }],
  ['a 503 with Retry-After', { status: 503, headers: { 'retry-after': '120' } }],
  ['a 429', { status: 429 }],
  ['a truncated body', 'truncated'],
  ['a body that is not a feed', 'not-a-feed'],
];
for (const [name, answer] of FAULTS) {
  test(`a fault during polling: ${name}`, async () => {
    const { page, context, errors, panics } = await clockedPage();
    const feed = await serveFeed(page, entries(1, 6));
    await openWidget(page, { refresh: '60s' });
    const before = await view(page);
    feed.next(answer);
    await untilRequests(page, 2);
    await page.clock.runFor(100);
    assert.equal(feed.polls[0].answer, typeof answer === 'string' ? answer : String(answer.status));
    const seen = await view(page);
    assert.deepEqual(seen.ids, before.ids, 'the last good list stays');
    assert.deepEqual([seen.count, seen.button, seen.error, seen.stale], [before.count, null, false, null]);
    // The next good answer (the same feed) changes nothing.
    await untilRequests(page, 3, { within: 3 * HOUR, step: 10 * SECOND });
    await page.clock.runFor(100);
    const later = await view(page);
    assert.deepEqual([later.ids, later.button, later.error, later.stale], [before.ids, null, false, null]);
    assert.ok(!['"broken"', '"portal"'].includes(feed.polls[1].inm), `no validators kept from the fault: ${feed.polls[1].inm}`);
    await finish({ context, errors, panics });
  });
}

test('a feed that lost half its entries is no fault: "Show the updated list", the list stays until pressed', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 10));
  await openWidget(page, { refresh: '60s' });
  const before = await view(page);
  feed.set(entries(6, 10));
  await untilRequests(page, 2);
  await page.clock.runFor(100);
  const waiting = await view(page);
  assert.deepEqual([waiting.ids, waiting.count, waiting.button, waiting.stale], [before.ids, before.count, 'Show the updated list', null]);
  await showPending(page);
  const shown = await view(page);
  assert.deepEqual([shown.ids, shown.count, shown.button], [idsOf(entries(6, 10)), '5 entries', null]);
  await finish({ context, errors, panics });
});

test('the page: ?refresh=5m polls; the title reads "(3) News · Datelines" while 3 entries wait, and not after pressing', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 5));
  await page.goto(`${env.server.url}/?src=${FEED}&refresh=5m`);
  await waitForList(page);
  await settle(page);
  await pauseClock(page);
  const before = await view(page, false);
  assert.equal(before.title, 'News · Datelines');
  assert.deepEqual(before.ids, idsOf(entries(1, 5)));
  feed.set(entries(1, 8));
  await untilRequests(page, 2, { step: 10 * SECOND });
  const log = await feedLog(page);
  const first = log[1].t - log[0].t;
  assert.ok(first >= 270 * SECOND - 500 && first <= 330 * SECOND + 1000, `first poll after ${first / SECOND} s at ?refresh=5m`);
  await page.clock.runFor(100);
  const waiting = await view(page, false);
  assert.deepEqual([waiting.title, waiting.button, waiting.ids, waiting.firstTop], ['(3) News · Datelines', '3 new entries', before.ids, before.firstTop]);
  await showPending(page, false);
  const shown = await view(page, false);
  assert.deepEqual([shown.title, shown.button, shown.ids, shown.focus], ['News · Datelines', null, idsOf(entries(1, 8)), 'n8']);
  assert.equal(await page.evaluate(() => document.activeElement?.matches('a.dl-title-link[data-dl-id="n8"]')), true);
  await finish({ context, errors, panics });
});

test('removing the widget stops polling for good, and aborts a poll on its way', async () => {
  {
    const { page, context, errors, panics } = await clockedPage();
    const feed = await serveFeed(page, entries(1, 4));
    await openWidget(page, { refresh: '30s' });
    await untilRequests(page, 3);
    await page.evaluate(() => document.getElementById('w').remove());
    const removed = feed.requests.length;
    await advance(page, 6 * HOUR, 5 * MINUTE);
    assert.equal(feed.requests.length, removed, 'no request after the widget was removed');
    await finish({ context, errors, panics });
  }
  {
    // The server holds the poll's answer; the widget goes meanwhile: the request is aborted.
    const { page, context, panics } = await clockedPage();
    const feed = await serveFeed(page, entries(1, 4));
    await openWidget(page, { refresh: '30s' });
    let release;
    const held = new Promise((done) => { release = done; });
    await page.route(`**${FEED}`, async (route) => {
      await held;
      await route.fulfill({ status: 200, contentType: 'application/json', body: feed.body() }).catch(() => {});
    });
    await page.evaluate(() => {
      window.__aborted = 0;
      const fetch0 = window.fetch;
      window.fetch = function (input, init) {
        const signal = input instanceof Request ? input.signal : init?.signal;
        signal?.addEventListener('abort', () => { window.__aborted += 1; });
        return fetch0.apply(this, arguments);
      };
    });
    await page.clock.runFor(40 * SECOND);
    await page.waitForFunction(() => window.__feedInflight() === 1);
    await page.evaluate(() => document.getElementById('w').remove());
    assert.equal(await page.evaluate(() => window.__aborted), 1, 'the poll on its way is aborted');
    release();
    await page.waitForFunction(() => window.__feedInflight() === 0);
    await advance(page, HOUR, 5 * MINUTE);
    assert.equal((await feedLog(page)).length, 2, 'the first load and the aborted poll, nothing after');
    assert.deepEqual(panics, []);
    await context.close();
  }
});

test('a feed on another origin: polls ask the browser to revalidate (no CORS preflight); the same bytes change nothing, new ones wait behind the button', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 3), { path: '/d/cross.json', cors: true });
  await openWidget(page, { src: 'http://feeds.example/d/cross.json', refresh: '30s' });
  const shown = (await view(page)).ids;
  assert.deepEqual(shown, idsOf(entries(1, 3)));
  await untilRequests(page, 4);
  const log = await feedLog(page);
  assert.deepEqual(log.slice(1).map((e) => e.cache), ['no-cache', 'no-cache', 'no-cache'], 'polls revalidate through the browser cache');
  assert.deepEqual(feed.requests.map((r) => r.method), ['GET', 'GET', 'GET', 'GET'], 'no preflight: the poll adds no header of its own');
  let seen = await view(page);
  assert.deepEqual([seen.ids, seen.buttons], [shown, 0], 'the same bytes change nothing');
  feed.set(entries(1, 5));
  await untilRequests(page, 5);
  seen = await view(page);
  assert.deepEqual([seen.ids, seen.button], [shown, '2 new entries']);
  await finish({ context, errors, panics });
});

test('a widget out of view still polls, but renders nothing until it is seen', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 3));
  feed.next({ status: 500 }); // the first load fails: an error card
  // loading="eager": it starts, and polls, before the reader ever comes near it.
  await page.goto(hostUrl(env.server, { attrs: { src: FEED, refresh: '30s', loading: 'eager' }, box: 'margin-top: 4000px' }));
  await page.locator('#w .dl-error').waitFor({ state: 'attached' });
  await settle(page);
  await sleep(300); // the browser's intersection observer reports the widget out of view
  await pauseClock(page);
  await untilRequests(page, 2);
  let seen = await view(page);
  assert.equal(feed.requests[1].answer, '200', 'it polled and the feed answered');
  assert.deepEqual([seen.ids.length, seen.error], [0, true], 'out of view: the error card stays, no list is built');
  await page.locator('#w').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelectorAll('.dl-entries article').length === 3);
  seen = await view(page);
  assert.deepEqual([seen.error, seen.buttons], [false, 0], 'seen: the news shows at once, without a button');
  // Out of view again, a poll brings news: no button is rendered until the widget is seen.
  await page.evaluate(() => window.scrollTo(0, 0));
  await sleep(300);
  feed.set(entries(1, 5));
  await untilRequests(page, feed.requests.length + 1);
  assert.equal(feed.requests.at(-1).answer, '200');
  assert.equal((await view(page)).buttons, 0, 'no button out of view');
  await page.locator('#w').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('.dl-pending-button') !== null);
  seen = await view(page);
  assert.equal(seen.button, '2 new entries');
  assert.deepEqual(seen.ids, idsOf(entries(1, 3)), 'nothing moved');
  await finish({ context, errors, panics });
});

test('a widget of two feeds polls each with its own validators; news from either waits behind the button; one failing feed is no failure', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const one = await serveFeed(page, entries(1, 3));
  const two = await serveFeed(page, entries(11, 13), { path: OTHER });
  two.version = 7; // its own ETag, "v7"
  await page.goto(hostUrl(env.server, { attrs: { src: `${FEED} ${OTHER}`, refresh: '30s' } }));
  await page.locator('#w article').first().waitFor();
  await settle(page);
  await pauseClock(page);
  assert.equal((await view(page)).ids.length, 6);
  await advance(page, 3 * MINUTE);
  assert.ok(one.polls.length >= 2 && two.polls.length >= 2, `both feeds polled: ${one.polls.length}, ${two.polls.length}`);
  assert.equal(one.polls.length, two.polls.length, 'asked together');
  assert.ok(one.polls.every((r) => r.inm === '"v1"' && r.answer === '304'), JSON.stringify(one.polls));
  assert.ok(two.polls.every((r) => r.inm === '"v7"' && r.answer === '304'), JSON.stringify(two.polls));
  assert.ok(two.polls.every((r) => r.ims === two.lastModified), 'its own Last-Modified');
  // Feed one fails three times in a row while two answers: the list is up to date, no notice.
  one.next({ status: 500 }, { status: 500 }, { status: 500 });
  const before = one.requests.length;
  await untilRequests(page, (await feedLog(page)).length + 6);
  assert.equal(one.requests.length, before + 3);
  assert.equal((await view(page)).stale, null, 'one good feed of two: no notice');
  // Feed two publishes two new entries: they wait behind the button, then show with the rest.
  const shown = (await view(page)).ids;
  two.set(entries(11, 15));
  await untilRequests(page, (await feedLog(page)).length + 2);
  let seen = await view(page);
  assert.deepEqual(seen.ids, shown, 'nothing moves');
  assert.equal(seen.button, '2 new entries');
  await showPending(page);
  seen = await view(page);
  assert.deepEqual(seen.ids, [...idsOf(entries(11, 15)).slice(0, 2), ...shown]);
  assert.equal(seen.focus, 'n15');
  // And its next poll sends the new version's ETag.
  await untilRequests(page, (await feedLog(page)).length + 2);
  assert.equal(two.requests.at(-1).inm, '"v8"');
  assert.equal(one.requests.at(-1).inm, '"v1"');
  await finish({ context, errors, panics });
});

test('two widgets of one feed on a page share one request per interval, and both show its news', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const feed = await serveFeed(page, entries(1, 4));
  await page.goto(hostUrl(env.server, { attrs: { src: FEED, refresh: '60s' } }));
  await page.evaluate(({ src }) => {
    document.getElementById('w').insertAdjacentHTML('afterend', `<datelines-news id="w2" src="${src}" refresh="60s"></datelines-news>`);
  }, { src: FEED });
  await page.locator('#w article').first().waitFor();
  await page.locator('#w2 article').first().waitFor();
  await settle(page);
  await pauseClock(page);
  assert.equal(feed.requests.length, 2, 'each widget loads once');
  await advance(page, HOUR, 5 * SECOND);
  const polls = feed.polls.length;
  // One widget alone polls 60 × (1 ± 10%) s: 55 to 67 times an hour. Two share those polls.
  assert.ok(polls >= 50 && polls <= 67, `one request per interval for both widgets: ${polls} polls in an hour`);
  const waits = waitsOf(await feedLog(page)).slice(2);
  assert.ok(waits.every((w) => w >= 40 * SECOND), `no two requests close together: ${Math.min(...waits)} ms`);
  feed.set(entries(1, 6));
  await advance(page, 2 * MINUTE, 5 * SECOND);
  // Each widget shows its button once it is on screen.
  const buttons = [];
  for (const id of ['w', 'w2']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.dl-pending-button') !== null, id);
    buttons.push(await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('.dl-pending-button').textContent, id));
  }
  assert.deepEqual(buttons, ['2 new entries', '2 new entries']);
  // The first widget goes: the other keeps polling, alone.
  await page.evaluate(() => document.getElementById('w').remove());
  const after = feed.requests.length;
  await advance(page, 10 * MINUTE, 5 * SECOND);
  assert.ok(feed.requests.length - after >= 8, `the other widget still polls: ${feed.requests.length - after}`);
  await finish({ context, errors, panics });
});

test('a sharded archive: its index is polled; a month that grew waits behind the button, and only that month is read again', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const months = { '2026-03': 2, '2026-02': 2 };
  let version = 1;
  const requests = {};
  const indexInm = [];
  const monthItems = (month, count) => Array.from({ length: count }, (_, i) => ({
    id: `${month}-${i}`, date: `${month}-${String(10 + i).padStart(2, '0')}T09:00:00Z`, title: `Entry ${i} of ${month}`,
  }));
  await page.route('**/d/arch-*.json', async (route) => {
    const path = new URL(route.request().url()).pathname;
    requests[path] = (requests[path] ?? 0) + 1;
    if (path === '/d/arch-index.json') {
      const inm = (await route.request().allHeaders())['if-none-match'] ?? null;
      indexInm.push(inm);
      const etag = `"i${version}"`;
      if (inm === etag) return route.fulfill({ status: 304, headers: { etag, 'cache-control': 'no-cache' } });
      const index = { format: 'datelines-index/1', title: 'Archive', months: Object.entries(months).map(([month, count]) => ({ month, count, src: `arch-${month}.json` })) };
      return route.fulfill({ status: 200, contentType: 'application/json', headers: { etag, 'cache-control': 'no-cache' }, body: JSON.stringify(index) });
    }
    const month = path.slice('/d/arch-'.length, -'.json'.length);
    return route.fulfill({ status: 200, contentType: 'application/json', headers: { 'cache-control': 'no-store' }, body: JSON.stringify({ items: monthItems(month, months[month]) }) });
  });
  await openWidget(page, { src: '/d/arch-index.json', refresh: '60s' });
  const shown = (await view(page)).ids;
  assert.ok(shown.includes('2026-03-1'), JSON.stringify(shown));
  const loaded = { ...requests };
  assert.equal(loaded['/d/arch-index.json'], 1);
  await advance(page, 4 * MINUTE);
  assert.ok(indexInm.length >= 4, `the index is polled: ${indexInm.length} requests`);
  assert.deepEqual(indexInm.slice(1).filter((inm) => inm !== '"i1"'), [], 'each poll sends the ETag');
  assert.deepEqual({ ...requests, '/d/arch-index.json': 0 }, { ...loaded, '/d/arch-index.json': 0 }, 'no month read again while the index is unchanged');
  // March gains an entry.
  months['2026-03'] = 3;
  version = 2;
  const polls = indexInm.length;
  await untilRequests(page, (await feedLog(page)).length + 1);
  assert.equal(indexInm.length, polls + 1);
  let seen = await view(page);
  assert.deepEqual(seen.ids, shown, 'nothing moves');
  assert.equal(seen.button, '1 new entry');
  assert.equal(requests['/d/arch-2026-03.json'], loaded['/d/arch-2026-03.json'], 'not read before the reader asks');
  await showPending(page);
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelectorAll('.dl-entries article').length === 5 ||
    document.getElementById('w').shadowRoot.querySelector('[data-dl-id="2026-03-2"]') !== null);
  await settle(page);
  await page.clock.runFor(100); // the frame in which focus moves
  seen = await view(page);
  assert.equal(seen.ids[0], '2026-03-2', JSON.stringify(seen.ids));
  assert.equal(seen.focus, '2026-03-2', 'focus on the first new entry once its month is read');
  assert.equal(seen.buttons, 0);
  assert.equal(requests['/d/arch-2026-03.json'], loaded['/d/arch-2026-03.json'] + 1, 'the month that grew is read again');
  assert.equal(requests['/d/arch-2026-02.json'] ?? 0, loaded['/d/arch-2026-02.json'] ?? 0, 'the other month is not');
  await finish({ context, errors, panics });
});

/** The wasm's memory in bytes: the glue module (the loader's modulepreload) hands back its instance. */
const wasmBytes = (page) => page.evaluate(async () => {
  const glue = await import(document.querySelector('link[rel=modulepreload]').href);
  return (await glue.default()).memory.buffer.byteLength;
});

// Rows whose links stayed subscribed to the view after they were gone grew wasm memory by
// 15–25 KB for each list of 200 built again; this holds it flat.
test('showing the news again and again keeps wasm memory flat (a list of the same size, 200 entries)', async () => {
  const { page, context, errors, panics } = await clockedPage();
  const SIZE = 200;
  const feed = await serveFeed(page, entries(1, SIZE));
  await openWidget(page, { refresh: '30s' });
  // Each poll brings one corrected title: the list stays 200 entries long.
  const poll = async (k, press) => {
    feed.set([...entries(1, SIZE - 1), entry(SIZE, { title: `Story number ${SIZE}, version ${k}` })]);
    await page.clock.runFor(33 * SECOND);
    await settle(page);
    assert.equal((await view(page)).button, 'Show the updated list', `poll ${k}`);
    if (press) await showPending(page);
  };
  let k = 0;
  // Warm up: the allocator reaches its working size.
  for (let i = 0; i < 20; i += 1) await poll((k += 1), true);
  // Control: news that waits behind the button, replaced 120 times, costs nothing lasting.
  const beforeWaiting = await wasmBytes(page);
  for (let i = 0; i < 120; i += 1) await poll((k += 1), false);
  const afterWaiting = await wasmBytes(page);
  await showPending(page);
  // Shown 120 times: the list before is dropped each time, so memory must stay where it was.
  const beforeShown = await wasmBytes(page);
  for (let i = 0; i < 120; i += 1) await poll((k += 1), true);
  const afterShown = await wasmBytes(page);
  const shown = await view(page);
  assert.equal(shown.ids.length, SIZE);
  assert.equal(await page.locator(`#w a[data-dl-id="n${SIZE}"]`).textContent(), `Story number ${SIZE}, version ${k}`);
  console.log(`rebuilds: waiting ${beforeWaiting} → ${afterWaiting}, shown ${beforeShown} → ${afterShown} (${Math.round((afterShown - beforeShown) / 120)} bytes per rebuild of ${SIZE} rows)`);
  assert.ok(afterWaiting - beforeWaiting <= 1024 * 1024, `120 polls waiting behind the button: wasm memory ${beforeWaiting} → ${afterWaiting}`);
  assert.ok(afterShown - beforeShown <= 1024 * 1024, `120 presses of the button, each showing a list of ${SIZE}: wasm memory ${beforeShown} → ${afterShown}`);
  await finish({ context, errors, panics });
});

test('soak: 500 polls at refresh="30s", 100 bringing news; every entry once, DOM, heap and wasm memory bounded, focus and scroll kept', async (t) => {
  const started = Date.now();
  const { page, context, errors, panics } = await clockedPage({ viewport: { width: 900, height: 700 } });
  const INITIAL = 20;
  const feed = await serveFeed(page, entries(1, INITIAL));
  await openWidget(page, { refresh: '30s' }, { css: 'main { padding: 40px 0 3000px }' });
  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const nodes = () => page.evaluate(() => {
    const root = document.getElementById('w').shadowRoot;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    let n = 0;
    while (walker.nextNode()) n += 1;
    const li = root.querySelectorAll('li.dl-entry');
    let inEntries = 0;
    for (const item of li) {
      const w = document.createTreeWalker(item, NodeFilter.SHOW_ALL);
      inEntries += 1;
      while (w.nextNode()) inEntries += 1;
    }
    return { all: n, perEntry: inEntries / li.length, entries: li.length };
  });
  const baseNodes = await nodes();
  assert.equal(baseNodes.entries, INITIAL);
  const baseHeap = await heap();
  const baseWasm = await wasmBytes(page);
  let midWasm = null;
  // The reader sits lower on the page, with focus on an entry.
  const place = () => page.evaluate(() => {
    window.scrollTo(0, 30);
    document.getElementById('w').shadowRoot.querySelector('a.dl-title-link').focus({ preventScroll: true });
  });
  await place();
  let added = 0;
  let presses = 0;
  let polls = 0;
  while (polls < 500) {
    const changing = (polls + 1) % 5 === 0;
    if (changing) feed.set(entries(1, INITIAL + added + 1));
    const ahead = await view(page);
    await page.clock.runFor(33 * SECOND);
    await settle(page);
    const made = (await page.evaluate(() => window.__feedLog.length)) - 1;
    assert.ok(made > polls, `poll ${polls + 1} came within 33 s`);
    polls = made;
    const after = await view(page);
    // Polls never move focus or scroll, nor change the list on their own.
    assert.deepEqual([after.focus, after.scrollY, after.ids, after.firstTop], [ahead.focus, ahead.scrollY, ahead.ids, ahead.firstTop], `poll ${polls}`);
    if (changing) {
      added += 1;
      assert.equal(after.button, '1 new entry', `poll ${polls}`);
      await showPending(page);
      presses += 1;
      const shown = await view(page);
      assert.deepEqual([shown.focus, shown.ids[0], shown.button], [`n${INITIAL + added}`, `n${INITIAL + added}`, null], `press ${presses}`);
      await place();
    } else {
      assert.equal(after.button, null, `poll ${polls}`);
    }
    if (polls === 250) midWasm = await wasmBytes(page);
  }
  const final = await view(page);
  const want = idsOf(entries(1, INITIAL + added));
  assert.equal(new Set(final.ids).size, final.ids.length, 'no entry twice');
  assert.deepEqual(final.ids, want, 'every entry shown, once, in order');
  assert.equal(final.count, `${INITIAL + added} entries`);
  const endNodes = await nodes();
  const endHeap = await heap();
  const endWasm = await wasmBytes(page);
  const expectedNodes = baseNodes.all + added * baseNodes.perEntry;
  const requests = feed.requests.length;
  const seconds = (Date.now() - started) / 1000;
  const figures = { requests, polls, changes: added, presses, realSeconds: seconds, fakeHours: Math.round((await fakeNow(page) - Date.parse(NOW)) / HOUR * 10) / 10,
    heap: [baseHeap, endHeap], nodes: [baseNodes.all, endNodes.all, expectedNodes], perEntry: baseNodes.perEntry, wasm: [baseWasm, midWasm, endWasm],
    answers: Object.entries(feed.requests.reduce((n, r) => ({ ...n, [r.answer]: (n[r.answer] ?? 0) + 1 }), {})) };
  console.log(`soak: ${JSON.stringify(figures)}`);
  assert.equal(requests, 501, 'the first load and 500 polls reached the server');
  assert.equal(added, 100);
  assert.ok(Math.abs(endNodes.all - expectedNodes) <= 10, `DOM nodes ${endNodes.all}, expected ${expectedNodes} (±10)`);
  assert.ok(endHeap < 2 * baseHeap + 1024 * 1024, `JS heap ${baseHeap} → ${endHeap}`);
  assert.ok(endWasm <= baseWasm + 4 * 1024 * 1024, `wasm memory ${baseWasm} → ${endWasm}`);
  t.diagnostic(`wasm memory: ${baseWasm} at the start, ${midWasm} after 250 polls, ${endWasm} after 500`);
  assert.ok(endWasm - midWasm <= 1024 * 1024, `wasm memory flat over the last 250 polls: ${midWasm} → ${endWasm}`);
  assert.ok(seconds < 90, `the soak took ${seconds} s`);
  await finish({ context, errors, panics });
});
