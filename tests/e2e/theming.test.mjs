// Theming the widget from the host page (issue 23): the --datelines-* custom properties on an
// ancestor or on the element reach inside the shadow root, live, in both themes; and host CSS
// reaches each ::part(). Computed styles read inside the shadow root.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, waitForList } from './helpers.mjs';
import { hostRoute, hostUrl, imageRoute, json } from './host-page.mjs';

const FEED = {
  title: 'Styled news',
  items: [
    { id: 'one', date: '2026-03-19', title: 'First entry', summary: 'A summary.', image: { src: '/h/img.png?n=1', alt: 'Picture one' }, tags: ['Town'] },
    { id: 'two', date: '2026-03-10', title: 'Second entry', summary: 'Another summary.', image: { src: '/h/img.png?n=2', alt: 'Picture two' } },
    { id: 'three', date: '2026-02-10', title: 'Third entry', summary: 'No picture.' },
  ],
};
const SRC = '/t/feed.json';
const PROPS = {
  '--datelines-font': 'Georgia, serif',
  '--datelines-font-size': '20px',
  '--datelines-text': 'rgb(10, 20, 30)',
  '--datelines-muted': 'rgb(90, 80, 70)',
  '--datelines-bg': 'rgb(250, 240, 230)',
  '--datelines-surface': 'rgb(200, 210, 220)',
  '--datelines-line': 'rgb(1, 2, 3)',
  '--datelines-accent': 'rgb(200, 0, 0)',
  '--datelines-focus': 'rgb(0, 150, 0)',
  '--datelines-radius': '9px',
  '--datelines-thumb-width': '6em',
};
const declarations = (props) => Object.entries(props).map(([k, v]) => `${k}: ${v};`).join(' ');

let env;
before(async () => {
  env = await setUp({ routes: { '/h/host.html': hostRoute, '/h/img.png': imageRoute, [SRC]: json(FEED) } });
});
after(async () => { await env?.tearDown(); });

async function widget(options = {}) {
  const session = await newPage(env.browser, { viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const { attrs = {}, ...rest } = options;
  await session.page.goto(hostUrl(env.server, { attrs: { src: SRC, ...attrs }, box: 'width: 900px', ...rest }));
  await session.page.locator('#w article').first().waitFor();
  return session;
}

/** What a reader sees of the theme, read inside the shadow root (or on the page's own root). */
const looks = (page, inWidget = true) => page.evaluate((inWidget) => {
  const root = inWidget ? document.getElementById('w').shadowRoot : document;
  const cs = (sel) => getComputedStyle(root.querySelector(sel));
  return {
    text: cs('.dl-root').color,
    bg: cs('.dl-root').backgroundColor,
    font: cs('.dl-root').fontFamily,
    size: cs('.dl-root').fontSize,
    link: cs('.dl-back-to-top a').color,
    date: cs('.dl-date').color,
    line: cs('.dl-entry').borderBottomColor,
    radius: cs('.dl-thumb').borderTopLeftRadius,
    surface: cs('.dl-thumb').backgroundColor,
    thumb: root.querySelector('.dl-thumb').getBoundingClientRect().width,
  };
}, inWidget);

const DEFAULT_LIGHT = {
  text: 'rgb(27, 31, 36)', bg: 'rgb(255, 255, 255)', size: '16px', link: 'rgb(11, 78, 162)', date: 'rgb(84, 93, 104)',
  line: 'rgb(221, 226, 232)', radius: '4px', surface: 'rgb(243, 245, 248)', thumb: 160,
};
const SET = {
  text: 'rgb(10, 20, 30)', bg: 'rgb(250, 240, 230)', font: 'Georgia, serif', size: '20px', link: 'rgb(200, 0, 0)',
  date: 'rgb(90, 80, 70)', line: 'rgb(1, 2, 3)', radius: '9px', surface: 'rgb(200, 210, 220)', thumb: 120,
};
const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** The focus ring of the element Tab reaches first inside the widget. */
async function focusRing(page) {
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const el = document.getElementById('w').shadowRoot.activeElement;
    const cs = getComputedStyle(el);
    return { on: el.dataset.dlId ?? el.localName, color: cs.outlineColor, width: cs.outlineWidth, style: cs.outlineStyle };
  });
}

test('without properties the widget has its own defaults', async () => {
  const { page, context, errors } = await widget({ attrs: { controls: 'none' } });
  const seen = await looks(page);
  assert.deepEqual(pick(seen, Object.keys(DEFAULT_LIGHT)), DEFAULT_LIGHT);
  assert.match(seen.font, /^system-ui/);
  assert.deepEqual(await focusRing(page), { on: 'one', color: 'rgb(11, 78, 162)', width: '3px', style: 'solid' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('custom properties set on an ancestor reach inside the shadow root', async () => {
  const { page, context, errors } = await widget({ attrs: { controls: 'none' }, css: `body { ${declarations(PROPS)} }` });
  assert.deepEqual(await looks(page), SET);
  assert.deepEqual(await focusRing(page), { on: 'one', color: 'rgb(0, 150, 0)', width: '3px', style: 'solid' });
  // The font size scales the em-based layout: a 6em thumbnail at 20px is 120px.
  assert.equal(await page.locator('#w .dl-title').first().evaluate((e) => getComputedStyle(e).fontSize), '24px');
  // The detail card takes them too (the radius twice).
  await page.locator('#w .dl-title-link').first().click();
  const card = await page.locator('#w dialog[open]').evaluate((d) => {
    const cs = getComputedStyle(d);
    return { bg: cs.backgroundColor, color: cs.color, radius: cs.borderTopLeftRadius };
  });
  assert.deepEqual(card, { bg: SET.bg, color: SET.text, radius: '18px' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('on the element they win over an ancestor; set live they apply at once; removed, the ancestor\'s or the default returns', async () => {
  const { page, context, errors } = await widget({
    head: '<style id="host">body { --datelines-accent: rgb(200, 0, 0); --datelines-text: rgb(10, 20, 30) } datelines-news { --datelines-accent: rgb(0, 0, 200) }</style>',
  });
  assert.deepEqual(pick(await looks(page), ['link', 'text', 'bg']), { link: 'rgb(0, 0, 200)', text: 'rgb(10, 20, 30)', bg: 'rgb(255, 255, 255)' });
  const style = (target, name, value) => page.evaluate(([target, name, value]) => {
    const el = target === 'w' ? document.getElementById('w') : document.body;
    if (value === null) el.style.removeProperty(name); else el.style.setProperty(name, value);
  }, [target, name, value]);

  await style('w', '--datelines-accent', 'rgb(0, 128, 0)');
  await style('w', '--datelines-bg', 'rgb(255, 250, 200)');
  await style('body', '--datelines-text', 'rgb(60, 0, 60)');
  await style('w', '--datelines-radius', '0px');
  await style('w', '--datelines-thumb-width', '12em');
  assert.deepEqual(pick(await looks(page), ['link', 'bg', 'text', 'radius', 'thumb']),
    { link: 'rgb(0, 128, 0)', bg: 'rgb(255, 250, 200)', text: 'rgb(60, 0, 60)', radius: '0px', thumb: 192 });

  await style('w', '--datelines-accent', null);
  assert.equal((await looks(page)).link, 'rgb(0, 0, 200)', 'the host stylesheet\'s value for the element');
  await page.evaluate(() => document.getElementById('host').remove());
  assert.equal((await looks(page)).link, DEFAULT_LIGHT.link, 'the default');
  for (const name of ['--datelines-bg', '--datelines-radius', '--datelines-thumb-width']) await style('w', name, null);
  await style('body', '--datelines-text', null);
  assert.deepEqual(pick(await looks(page), Object.keys(DEFAULT_LIGHT)), DEFAULT_LIGHT);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a value applies in both themes; light-dark() gives one for each', async () => {
  const { page, context, errors } = await widget({
    attrs: { theme: 'dark' },
    css: 'body { --datelines-accent: rgb(200, 0, 0); --datelines-text: light-dark(rgb(1, 1, 1), rgb(240, 240, 240)) }',
  });
  let seen = await looks(page);
  assert.deepEqual(pick(seen, ['link', 'text', 'bg']), { link: 'rgb(200, 0, 0)', text: 'rgb(240, 240, 240)', bg: 'rgb(20, 24, 29)' });
  await page.evaluate(() => document.getElementById('w').setAttribute('theme', 'light'));
  await page.waitForFunction(() => getComputedStyle(document.getElementById('w').shadowRoot.querySelector('.dl-root')).backgroundColor === 'rgb(255, 255, 255)');
  seen = await looks(page);
  assert.deepEqual(pick(seen, ['link', 'text']), { link: 'rgb(200, 0, 0)', text: 'rgb(1, 1, 1)' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the standalone page reads the same properties from <html>', async () => {
  const { page, context, errors } = await newPage(env.browser, { colorScheme: 'light' });
  await page.goto(`${env.server.url}/?src=${SRC}`);
  await waitForList(page);
  assert.equal((await looks(page, false)).link, DEFAULT_LIGHT.link);
  await page.evaluate((props) => { for (const [k, v] of Object.entries(props)) document.documentElement.style.setProperty(k, v); }, PROPS);
  assert.deepEqual(pick(await looks(page, false), ['text', 'bg', 'font', 'link', 'date', 'line', 'radius', 'surface']),
    pick(SET, ['text', 'bg', 'font', 'link', 'date', 'line', 'radius', 'surface']));
  assert.deepEqual(errors, []);
  await context.close();
});

// Each part, a rule for it, and where and what to read inside the shadow root.
const PARTS = [
  ['root', 'background-color: rgb(240, 230, 220)', '.dl-root', 'background-color', 'rgb(240, 230, 220)'],
  ['header', 'border-bottom-color: rgb(2, 0, 0)', '.dl-header', 'border-bottom-color', 'rgb(2, 0, 0)'],
  ['heading', 'color: rgb(3, 0, 0)', 'h1.dl-heading', 'color', 'rgb(3, 0, 0)'],
  ['controls', 'background-color: rgb(4, 0, 0)', '.dl-controls', 'background-color', 'rgb(4, 0, 0)'],
  ['entry', 'background-color: rgb(5, 0, 0)', 'li.dl-entry', 'background-color', 'rgb(5, 0, 0)'],
  ['date', 'color: rgb(6, 0, 0)', 'time.dl-date', 'color', 'rgb(6, 0, 0)'],
  // The title's link shows the title's colour.
  ['title', 'color: rgb(7, 0, 0)', '.dl-title-link', 'color', 'rgb(7, 0, 0)'],
  ['summary', 'font-style: italic', '.dl-summary', 'font-style', 'italic'],
  ['thumbnail', 'border-radius: 13px', '.dl-thumb', 'border-top-left-radius', '13px'],
  ['month-heading', 'color: rgb(10, 0, 0)', 'h2.dl-month-heading', 'color', 'rgb(10, 0, 0)'],
  ['card', 'background-color: rgb(11, 0, 0)', 'dialog.dl-card', 'background-color', 'rgb(11, 0, 0)'],
];

test('host CSS reaches every ::part(), and only the parts', async () => {
  const css = `${PARTS.map(([part, rule]) => `datelines-news::part(${part}) { ${rule} }`).join('\n')}
    datelines-news::part(count) { color: rgb(99, 0, 0) }
    .dl-summary, datelines-news .dl-summary { color: rgb(98, 0, 0) }`;
  const { page, context, errors } = await widget({ head: `<style id="parts">${css}</style>` });
  await page.locator('#w .dl-title-link').first().click();
  await page.locator('#w dialog[open]').waitFor();
  const read = () => page.evaluate((parts) => {
    const root = document.getElementById('w').shadowRoot;
    return Object.fromEntries(parts.map(([part, , sel, prop]) => [part, getComputedStyle(root.querySelector(sel)).getPropertyValue(prop)]));
  }, PARTS);
  const styled = await read();
  assert.deepEqual(styled, Object.fromEntries(PARTS.map(([part, , , , value]) => [part, value])));
  // Every value is the host's: without its stylesheet each reads otherwise.
  await page.evaluate(() => { document.getElementById('parts').disabled = true; });
  const plain = await read();
  for (const [part] of PARTS) assert.notEqual(plain[part], styled[part], `${part} differs without the host's rule`);
  await page.evaluate(() => { document.getElementById('parts').disabled = false; });
  // Not a part, and plain selectors stop at the shadow root.
  const count = await page.evaluate(() => {
    const root = document.getElementById('w').shadowRoot;
    return [getComputedStyle(root.querySelector('.dl-count')).color, getComputedStyle(root.querySelector('.dl-summary')).color];
  });
  assert.deepEqual(count, ['rgb(84, 93, 104)', 'rgb(27, 31, 36)']);
  assert.deepEqual(errors, []);
  await context.close();
});
