// Fitting the host page (issue 23): the four layouts (list, compact, headlines, cards) measured
// as a reader sees them, on the widget and the page; no image space without an image; the
// heading and controls attributes; live attribute changes; axe-core in each layout (light,
// dark, French); the keyboard in cards; no sideways scroll from 320 to 1440 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, newPage, waitForList } from './helpers.mjs';
import { hostRoute, hostUrl, imageRoute, json } from './host-page.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const LAYOUTS = ['list', 'compact', 'headlines', 'cards'];

const img = (n) => ({ src: `/h/img.png?n=${n}`, alt: `Picture ${n}` });
const LONG = 'A summary long enough to need several lines in the list layout: the council met, talked about '
  + 'the budget, the harbour, the library and the roads, and will meet again in April.';
const FEED = {
  title: 'Town news',
  items: [
    { id: 'm1', date: '2026-03-20', title: 'Council meets on the spring budget', summary: LONG, image: img(1), tags: ['Budget', 'Council'] },
    { id: 'm2', date: '2026-03-18', title: 'New library opens on the harbour', summary: 'Short summary.', image: img(2), tags: ['Culture'] },
    { id: 'm3', date: '2026-03-16', title: 'Road works on the high street', summary: LONG, tags: ['Roads'] },
    { id: 'm4', date: '2026-03-14', title: 'Spring fair dates announced', summary: LONG, image: img(4) },
    { id: 'm5', date: '2026-03-12', title: 'The picture of this one fails', summary: 'Its image is missing.', image: { src: '/h/missing.png', alt: 'A missing picture' } },
    { id: 'm6', date: '2026-03-10', title: 'Harbour ferry timetable', summary: LONG, image: img(6), tags: ['Transport'] },
    { id: 'm7', date: '2026-03-08', title: 'School choir wins a prize', summary: 'Well sung.', image: img(7) },
    { id: 'm8', date: '2026-03-05', title: 'Park benches repainted', summary: LONG, image: img(8) },
    { id: 'f1', date: '2026-02-25', title: 'Winter market closes', summary: LONG, image: img(9) },
    { id: 'f2', date: '2026-02-20', title: 'Snow clearing report', summary: 'No picture here either.' },
    { id: 'f3', date: '2026-02-12', title: 'Museum night', summary: LONG, image: img(11), tags: ['Culture'] },
  ],
};
const NO_TAGS = { title: 'Plain', items: FEED.items.map(({ tags, ...item }) => item) };
const SRC = '/l/feed.json';

let env;
before(async () => {
  env = await setUp({
    routes: { '/h/host.html': hostRoute, '/h/img.png': imageRoute, [SRC]: json(FEED), '/l/plain.json': json(NO_TAGS) },
  });
});
after(async () => { await env?.tearDown(); });

/** Opens a host page with one widget (`#w`) on our feed and waits for its entries. */
async function widget(options = {}, contextOptions = {}) {
  const session = await newPage(env.browser, { viewport: { width: 1280, height: 900 }, ...contextOptions });
  const { attrs = {}, ...rest } = options;
  await session.page.goto(hostUrl(env.server, { attrs: { src: SRC, ...attrs }, ...rest }));
  await session.page.locator('#w article').first().waitFor();
  return session;
}

/** Sets (or with `null` removes) an attribute of the mounted widget. */
const set = (page, name, value) => page.evaluate(([name, value]) => {
  const w = document.getElementById('w');
  if (value === null) w.removeAttribute(name); else w.setAttribute(name, value);
}, [name, value]);

/** Sets `layout` and waits for the root to follow. */
async function setLayout(page, layout) {
  await set(page, 'layout', layout);
  await page.waitForFunction((l) => (document.getElementById('w').shadowRoot.querySelector('.dl-root').dataset.layout ?? 'list') === l, layout);
}

/** The boxes of entry `id`'s parts as a reader sees them (`null`: no such element). */
const entry = (page, id) => page.evaluate((id) => {
  const root = document.getElementById('w').shadowRoot;
  const article = root.querySelector(`a[data-dl-id="${id}"]`).closest('article');
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return { x: r.x, y: r.y, w: r.width, h: r.height, right: r.right, bottom: r.bottom, lineHeight: parseFloat(cs.lineHeight),
      shown: r.width > 0 && r.height > 0 && cs.display !== 'none' && cs.visibility !== 'hidden' };
  };
  const summary = article.querySelector('.dl-summary');
  return {
    li: box(article.closest('li')),
    article: box(article),
    thumb: box(article.querySelector('.dl-thumb')),
    placeholder: box(article.querySelector('.dl-thumb-placeholder')),
    placeholderText: article.querySelector('.dl-thumb-placeholder')?.textContent ?? null,
    text: box(article.querySelector('.dl-entry-text')),
    date: box(article.querySelector('.dl-date')),
    title: box(article.querySelector('.dl-title')),
    summary: box(summary),
    summaryClipped: summary ? summary.scrollWidth > summary.clientWidth : null,
    summaryOverflow: summary ? getComputedStyle(summary).textOverflow : null,
    tags: box(article.querySelector('.dl-tags')),
  };
}, id);

const near = (a, b, what, tolerance = 0.75) => assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a} vs ${b}`);

test('layout sets data-layout on the widget root and on the page; an unknown layout is the list', async () => {
  const { page, context, errors } = await widget({ attrs: { layout: 'cards' } });
  const attr = () => page.locator('#w .dl-root').getAttribute('data-layout');
  assert.equal(await attr(), 'cards');
  for (const layout of ['compact', 'headlines']) {
    await setLayout(page, layout);
    assert.equal(await attr(), layout);
  }
  await set(page, 'layout', 'grid');
  await page.waitForFunction(() => !document.getElementById('w').shadowRoot.querySelector('.dl-root').hasAttribute('data-layout'));
  await setLayout(page, 'compact');
  await set(page, 'layout', null);
  await page.waitForFunction(() => !document.getElementById('w').shadowRoot.querySelector('.dl-root').hasAttribute('data-layout'));
  // The same entries throughout: a layout is CSS over the same markup.
  assert.equal(await page.locator('#w article').count(), FEED.items.length);

  for (const [query, expected] of [['?layout=cards', 'cards'], ['?layout=headlines', 'headlines'], ['?layout=compact', 'compact'], ['?layout=nonsense', null], ['', null]]) {
    await page.goto(`${env.server.url}/${query}`);
    await waitForList(page);
    assert.equal(await page.locator('main.dl-root').getAttribute('data-layout'), expected, query);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('list: a 10em thumbnail beside the text, stacked above it when the widget is narrower than 34em', async () => {
  const { page, context, errors } = await widget({ box: 'width: 900px' });
  const wide = await entry(page, 'm1');
  near(wide.thumb.w, 160, 'thumbnail width (10em)');
  assert.ok(wide.thumb.right <= wide.text.x, 'thumbnail left of the text');
  assert.ok(wide.thumb.y < wide.title.bottom && wide.title.y < wide.thumb.bottom, 'thumbnail beside the title');
  await page.locator('#box').evaluate((b) => { b.style.width = '500px'; });
  await page.waitForFunction(() => {
    const root = document.getElementById('w').shadowRoot;
    return root.querySelector('.dl-thumb').getBoundingClientRect().width > 300;
  });
  const narrow = await entry(page, 'm1');
  assert.ok(narrow.thumb.bottom <= narrow.title.y + 1, 'thumbnail above the title at 500px');
  near(narrow.thumb.w, narrow.article.w, 'stacked thumbnail takes the row');
  assert.deepEqual(errors, []);
  await context.close();
});

test('compact: a small square thumbnail beside the title, title before date, one line of summary (320 and 1280 px)', async () => {
  for (const width of [320, 1280]) {
    const { page, context, errors } = await widget({ attrs: { layout: 'compact' } }, { viewport: { width, height: 900 } });
    for (const id of ['m1', 'm4', 'm6']) {
      const e = await entry(page, id);
      near(e.thumb.w, e.thumb.h, `${width}px ${id}: square thumbnail`);
      assert.ok(e.thumb.w > 40 && e.thumb.w <= 80, `${width}px ${id}: thumbnail ${e.thumb.w}px wide`);
      assert.ok(e.thumb.right <= e.title.x, `${width}px ${id}: thumbnail left of the title`);
      assert.ok(e.thumb.y < e.title.bottom && e.title.y < e.thumb.bottom, `${width}px ${id}: thumbnail beside the title`);
      assert.ok(e.title.bottom <= e.date.y + 1, `${width}px ${id}: the title comes before the date`);
      assert.ok(e.summary.h <= e.summary.lineHeight * 1.2, `${width}px ${id}: summary is one line (${e.summary.h}px)`);
      assert.equal(e.summaryClipped, true, `${width}px ${id}: the long summary is cut`);
      assert.equal(e.summaryOverflow, 'ellipsis');
    }
    const tagged = await entry(page, 'm1');
    assert.ok(tagged.tags?.shown, `${width}px: tags still show`);
    // The broken picture keeps its (square) box with the alt text.
    await page.locator('#w .dl-thumb-placeholder').first().waitFor();
    const broken = await entry(page, 'm5');
    assert.ok(broken.placeholder?.shown, `${width}px: placeholder shown`);
    assert.equal(broken.placeholderText, 'A missing picture');
    near(broken.thumb.w, broken.thumb.h, `${width}px: placeholder square`);
    // No sideways scroll inside the widget or on the page.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${width}px: no page overflow`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('headlines: date and title on one line, no pictures and none downloaded; switching to list loads them', async () => {
  const { page, context, errors } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  const images = [];
  page.on('request', (r) => { if (/\/h\/(img|missing)/.test(r.url())) images.push(r.url()); });
  await page.goto(hostUrl(env.server, { attrs: { src: SRC, layout: 'headlines' }, box: 'width: 360px' }));
  await page.locator('#w article').first().waitFor();
  // Scroll every entry into view: lazy images near the viewport would load now if displayed.
  await page.locator('#w article').last().scrollIntoViewIfNeeded();
  await page.waitForTimeout(600);
  for (const width of [360, 1280]) {
    await page.locator('#box').evaluate((b, w) => { b.style.width = `${w}px`; }, width);
    for (const { id } of FEED.items) {
      const e = await entry(page, id);
      for (const part of ['thumb', 'summary', 'tags', 'placeholder']) assert.ok(!e[part]?.shown, `${width}px ${id}: no ${part} shown`);
      assert.ok(e.date.right <= e.title.x, `${width}px ${id}: the date before the title`);
      assert.ok(e.date.y >= e.title.y - 3 && e.date.bottom <= e.title.y + e.title.lineHeight + 3, `${width}px ${id}: date on the title's first line`);
      const padding = e.li.h - e.title.h;
      const lines = Math.round(e.title.h / e.title.lineHeight);
      assert.ok(lines <= (width === 1280 ? 1 : 2), `${width}px ${id}: title on ${lines} lines`);
      assert.ok(padding < 20, `${width}px ${id}: an entry is its title and little more (${e.li.h}px)`);
    }
  }
  assert.deepEqual(images, [], 'no entry image is requested in headlines');
  await setLayout(page, 'list');
  await page.locator('#w .dl-thumb-img').first().waitFor();
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('.dl-thumb-img').complete);
  assert.ok(images.length > 0, 'the list layout loads pictures');
  assert.ok((await entry(page, 'm1')).thumb.shown);
  assert.deepEqual(errors, []);
  await context.close();
});

test('cards: 1, 2, 3 then 4 columns by the widget\'s own width; the picture on top', async () => {
  const { page, context, errors } = await widget({ attrs: { layout: 'cards' }, box: 'width: 320px' }, { viewport: { width: 1280, height: 900 } });
  const columns = () => page.evaluate(() => {
    const first = document.getElementById('w').shadowRoot.querySelector('section.dl-month .dl-entries');
    return new Set([...first.children].map((li) => Math.round(li.getBoundingClientRect().left))).size;
  });
  for (const [width, expected] of [[320, 1], [600, 2], [800, 3], [1100, 4], [400, 1], [700, 2], [900, 3], [1280, 4]]) {
    await page.locator('#box').evaluate((b, w) => { b.style.width = `${w}px`; }, width);
    await page.waitForFunction(([w]) => Math.round(document.getElementById('w').getBoundingClientRect().width) === w, [width]);
    assert.equal(await columns(), expected, `${width}px wide widget`);
    const e = await entry(page, 'm1');
    assert.ok(e.thumb.bottom <= e.text.y + 1, `${width}px: picture above the text`);
    near(e.thumb.w, e.article.w, `${width}px: picture as wide as the card`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${width}px: no overflow`);
  }
  // The page in cards is wider than the list's 56em, up to 80em.
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(`${env.server.url}/?layout=cards`);
  await waitForList(page);
  near((await page.locator('main.dl-root').boundingBox()).width, 80 * 16, 'page root in cards');
  await page.goto(`${env.server.url}/`);
  await waitForList(page);
  near((await page.locator('main.dl-root').boundingBox()).width, 56 * 16, 'page root in list');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an entry without a picture takes no picture space in any layout; a broken picture keeps its box', async () => {
  const { page, context, errors } = await widget({ box: 'width: 900px' });
  await page.locator('#w .dl-thumb-placeholder').first().waitFor();
  for (const layout of LAYOUTS) {
    await setLayout(page, layout);
    for (const width of [900, 320]) {
      await page.locator('#box').evaluate((b, w) => { b.style.width = `${w}px`; }, width);
      await page.waitForFunction(([w]) => Math.round(document.getElementById('w').getBoundingClientRect().width) === w, [width]);
      for (const id of ['m3', 'f2']) {
        const e = await entry(page, id);
        assert.equal(e.thumb, null, `${layout} ${width}px ${id}: no picture box`);
        near(e.text.x, e.article.x, `${layout} ${width}px ${id}: text starts at the entry's left edge`);
        near(e.text.w, e.article.w, `${layout} ${width}px ${id}: text takes the whole width`);
        assert.ok(e.title.h < 3 * e.title.lineHeight, `${layout} ${width}px ${id}: title not squeezed (${e.title.h}px)`);
      }
      const pictured = await entry(page, 'm1');
      if (layout === 'headlines') assert.ok(!pictured.thumb.shown);
      else assert.ok(pictured.thumb.shown && pictured.thumb.w > 40, `${layout} ${width}px: m1 shows its picture`);
      if (layout !== 'headlines') {
        const broken = await entry(page, 'm5');
        assert.ok(broken.placeholder.shown, `${layout} ${width}px: the broken picture's placeholder shows`);
        assert.equal(broken.placeholderText, 'A missing picture');
      }
    }
  }
  // In the list at 900px a pictured entry's text does start right of its picture.
  await setLayout(page, 'list');
  await page.locator('#box').evaluate((b) => { b.style.width = '900px'; });
  await page.waitForFunction(() => Math.round(document.getElementById('w').getBoundingClientRect().width) === 900);
  const pictured = await entry(page, 'm1');
  assert.ok(pictured.text.x >= pictured.article.x + 160, 'a pictured entry\'s text is beside its picture');
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe finds no violations in any layout, light, dark and French', async () => {
  const { page, context, errors } = await widget({ attrs: { search: true }, box: 'width: 900px' });
  await page.locator('#w .dl-thumb-placeholder').first().waitFor();
  await page.addScriptTag({ content: AXE });
  const scan = () => page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  const bg = () => page.locator('#w .dl-root').evaluate((e) => getComputedStyle(e).backgroundColor);
  for (const layout of LAYOUTS) {
    await setLayout(page, layout);
    for (const [theme, lang] of [['light', 'en'], ['dark', 'en'], ['light', 'fr']]) {
      await set(page, 'theme', theme);
      await set(page, 'lang', lang);
      await page.waitForFunction(([lang]) => document.getElementById('w').shadowRoot.querySelector('.dl-root').lang === lang, [lang]);
      assert.equal(await bg(), theme === 'dark' ? 'rgb(20, 24, 29)' : 'rgb(255, 255, 255)');
      assert.deepEqual(await scan(), [], `${layout}, ${theme}, ${lang}`);
    }
  }
  assert.equal(await page.locator('#w .dl-count').innerText(), '11 articles', 'the last scan was in French');
  assert.deepEqual(errors, []);
  await context.close();
});

test('cards from the keyboard: Tab reaches the first title, Enter opens its card, Escape returns', async () => {
  const { page, context, errors } = await widget({ attrs: { layout: 'cards' }, box: 'width: 900px' });
  const focused = () => page.evaluate(() => {
    const inner = document.getElementById('w').shadowRoot.activeElement;
    return inner ? (inner.dataset.dlId ?? inner.id ?? inner.localName) : null;
  });
  let reached = null;
  for (let i = 0; i < 6 && reached !== 'm1'; i += 1) {
    await page.keyboard.press('Tab');
    reached = await focused();
  }
  assert.equal(reached, 'm1', 'the first title link is reached after the controls');
  await page.keyboard.press('Enter');
  const card = page.locator('#w dialog[open]');
  await card.waitFor();
  assert.equal(await card.locator('#dl-card-title').innerText(), FEED.items[0].title);
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });
  assert.equal(await focused(), 'm1', 'focus returns to the title');
  assert.deepEqual(errors, []);
  await context.close();
});

test('from 320 to 1440 px no layout scrolls sideways, on the widget or the page', async () => {
  const { page, context, errors } = await widget({}, { viewport: { width: 320, height: 800 } });
  const overflow = (root) => page.evaluate((root) => {
    const el = root ? document.getElementById('w').shadowRoot.querySelector('.dl-root') : document.querySelector('main.dl-root');
    const doc = document.documentElement;
    return { page: doc.scrollWidth - doc.clientWidth, root: el.scrollWidth - el.clientWidth };
  }, root);
  for (const layout of LAYOUTS) {
    await setLayout(page, layout);
    for (const width of [320, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForFunction(([w]) => Math.round(document.getElementById('w').getBoundingClientRect().width) === w, [width]);
      assert.deepEqual(await overflow(true), { page: 0, root: 0 }, `widget, ${layout}, ${width}px`);
    }
  }
  for (const layout of LAYOUTS) {
    for (const width of [320, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${env.server.url}/?layout=${layout}`);
      await waitForList(page);
      const { page: sideways, root } = await overflow(false);
      assert.ok(sideways <= 0 && root <= 0, `page, ${layout}, ${width}px: overflow ${sideways}px / ${root}px`);
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('heading: the host\'s words, or none (the count stays for screen readers); the landmark keeps a name', async () => {
  const { page, context, errors } = await widget({ attrs: { heading: 'Latest from the blog' } });
  const w = page.locator('#w');
  const region = w.locator('.dl-root[role=region]');
  assert.equal(await w.locator('h1.dl-heading').innerText(), 'Latest from the blog');
  assert.equal(await region.getAttribute('aria-label'), 'Latest from the blog');
  assert.equal(await w.locator('.dl-header .dl-count').innerText(), '11 entries');

  await set(page, 'heading', 'none');
  // Hidden from sight only: screen readers keep the list's heading (the feed's title) and the
  // count, which announces what a filter leaves.
  const header = w.locator('.dl-header');
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('.dl-header').classList.contains('dl-visually-hidden'));
  assert.equal(await w.locator('h1').textContent(), 'Town news');
  const count = w.locator('.dl-header p.dl-count');
  assert.equal(await count.getAttribute('aria-live'), 'polite');
  assert.equal(await count.textContent(), '11 entries');
  // Visually hidden: a 1px box clipped away.
  const box = await header.boundingBox();
  assert.ok(box.width <= 1 && box.height <= 1, `the heading and count take no room (${box.width}x${box.height})`);
  assert.equal(await header.evaluate((e) => getComputedStyle(e).clipPath), 'inset(50%)');
  assert.equal(await region.getAttribute('aria-label'), 'News');
  // The hidden count still follows the filters.
  await w.locator('#dl-month').selectOption('2026-02');
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('.dl-count').textContent === '3 entries');
  // The first thing in the widget is now the controls.
  const top = await page.evaluate(() => {
    const root = document.getElementById('w').shadowRoot;
    return root.querySelector('.dl-controls').getBoundingClientRect().top - root.querySelector('.dl-root').getBoundingClientRect().top;
  });
  assert.ok(top < 40, `the controls are at the top (${top}px)`);

  await set(page, 'heading', 'Other words');
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('h1')?.textContent === 'Other words');
  assert.equal(await region.getAttribute('aria-label'), 'Other words');
  await set(page, 'heading', null);
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('h1')?.textContent === 'Town news');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the host\'s label names the landmark before the heading, with or without one', async () => {
  const { page, context, errors } = await widget({ attrs: { heading: 'Latest from the blog', label: 'Town news, latest' } });
  const region = page.locator('#w .dl-root[role=region]');
  assert.equal(await region.getAttribute('aria-label'), 'Town news, latest');
  assert.equal(await page.locator('#w h1').innerText(), 'Latest from the blog');
  await set(page, 'heading', 'none');
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('.dl-header').classList.contains('dl-visually-hidden'));
  const box = await page.locator('#w .dl-header').boundingBox();
  assert.ok(box.width <= 1 && box.height <= 1, 'the heading is not seen');
  assert.equal(await region.getAttribute('aria-label'), 'Town news, latest');
  assert.deepEqual(errors, []);
  await context.close();
});

test('controls: the default, none, a chosen list, and live changes', async () => {
  const { page, context, errors } = await widget();
  const w = page.locator('#w');
  const present = () => page.evaluate(() => {
    const root = document.getElementById('w').shadowRoot;
    // The row counts when it holds a control (empty, it takes no space).
    return ['.dl-controls:has(*)', '#dl-search', '#dl-month', '#dl-topic', '.dl-refresh'].filter((s) => root.querySelector(s));
  });
  assert.deepEqual(await present(), ['.dl-controls:has(*)', '#dl-month', '#dl-topic'], 'default: month and topic');

  await set(page, 'search', '');
  await w.locator('#dl-search').waitFor();
  assert.deepEqual(await present(), ['.dl-controls:has(*)', '#dl-search', '#dl-month', '#dl-topic'], 'the old search attribute adds the box');

  await set(page, 'controls', 'none');
  await w.locator('#dl-month').waitFor({ state: 'detached' });
  assert.deepEqual(await present(), [], 'controls="none" (search is ignored)');
  assert.equal(await w.locator('.dl-controls').isVisible(), false, 'the empty row takes no space');
  assert.equal(await w.locator('article').count(), FEED.items.length, 'the list is still there');

  await set(page, 'controls', 'search, month');
  await w.locator('#dl-search').waitFor();
  assert.deepEqual(await present(), ['.dl-controls:has(*)', '#dl-search', '#dl-month']);
  // The chosen controls work.
  await w.locator('#dl-search').fill('choir');
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelectorAll('article').length === 1);
  await w.locator('#dl-search').fill('');
  await page.waitForFunction((n) => document.getElementById('w').shadowRoot.querySelectorAll('article').length === n, FEED.items.length);

  await set(page, 'controls', 'topic refresh');
  await w.locator('.dl-refresh').waitFor();
  assert.deepEqual(await present(), ['.dl-controls:has(*)', '#dl-topic', '.dl-refresh']);
  await w.locator('#dl-topic').selectOption('Culture');
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelectorAll('article').length === 2);

  await set(page, 'search', null);
  await set(page, 'controls', null);
  await w.locator('#dl-month').waitFor();
  assert.deepEqual(await present(), ['.dl-controls:has(*)', '#dl-month', '#dl-topic'], 'back to the default');
  assert.deepEqual(errors, []);
  await context.close();
});

test('controls: topic only with tags, Refresh only for a fetched feed', async () => {
  const { page, context, errors } = await widget({ attrs: { src: '/l/plain.json', controls: 'month topic refresh' } });
  const present = () => page.evaluate(() => {
    const root = document.getElementById('w').shadowRoot;
    return ['.dl-controls', '#dl-search', '#dl-month', '#dl-topic', '.dl-refresh'].filter((s) => root.querySelector(s));
  });
  assert.deepEqual(await present(), ['.dl-controls', '#dl-month', '.dl-refresh'], 'no topic control without tags');
  // The bundled news is not fetched: no Refresh.
  await set(page, 'src', null);
  await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelectorAll('article').length === 10);
  assert.deepEqual(await present(), ['.dl-controls', '#dl-month']);
  assert.deepEqual(errors, []);
  await context.close();
});
