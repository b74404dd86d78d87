// configure.html, the page that writes the embed snippet: it loads clean under the strict CSP
// (axe-clean, no console errors); every choice changes the live preview; the copied snippet,
// pasted into a blank page, shows the same widget as the preview; the CDN snippet's version and
// integrity are the real ones, and the browser accepts them; the page works from the npm package.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { setUp, newPage, axeViolations, DIST } from './helpers.mjs';
import { startServer } from '../../tools/serve.mjs';
import { cargoField } from '../../tools/cargo-package.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const DARK = 'rgb(20, 24, 29)';
const VERSION = cargoField('version');
// Worked out here rather than by the tools' own function, so a wrong one cannot agree with itself.
const INTEGRITY = `sha384-${createHash('sha384').update(readFileSync(`${DIST}datelines.js`)).digest('base64')}`;

// The blank host page the snippet is pasted into (set by each test before it opens the page), and
// its stylesheet: under a strict CSP the snippet's <style> rules go there, as its comment says.
let pasted = '';
let pastedCss = '';

// The snippet's reserve: CSS that holds the widget's height until datelines.js has run.
const RESERVE = /<style>\n {2}\/\* Holds the news list's space until it starts \(under a strict CSP, put this in your stylesheet\)\. \*\/\n {2}(datelines-news:not\(:defined\) \{ display: block; min-height: (\d+)px; \})\n {2}(@media \(max-width: 560px\) \{ datelines-news:not\(:defined\) \{ min-height: (\d+)px; \} \})\n<\/style>\n/;

/** A snippet as a strict-CSP site pastes it: the HTML, and the <style> rules in its stylesheet. */
function split(copied) {
  const reserve = RESERVE.exec(copied);
  assert.ok(reserve, `the snippet holds the widget's space: ${copied}`);
  return { html: copied.replace(RESERVE, '').replace('</script>\n', '</script>\n<link rel="stylesheet" href="/pasted.css">\n'), css: `${reserve[1]}\n${reserve[3]}\n`, wide: Number(reserve[2]), narrow: Number(reserve[4]) };
}
const host = (body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A site owner's page</title><link rel="icon" href="/favicon.svg"></head>
<body><main><h1>Our news</h1>
${body}
</main></body></html>`;

let env;
before(async () => {
  env = await setUp({
    headers: (path) => (path === '/configure.html' ? { 'content-security-policy': CSP } : {}),
    // The self-hosted snippet's /datelines/datelines.js: dist/ copied to /datelines/, as the page says.
    mounts: { '/datelines/': DIST },
    routes: {
      '/pasted.html': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
        res.end(pasted);
      },
      '/pasted.css': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
        res.end(pastedCss);
      },
      // A feed of its own, so the preview visibly switches to the address typed in.
      '/feeds/one.json': (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ items: [{ date: '2025-01-15', title: 'The only entry of this feed' }] }));
      },
    },
  });
});
after(async () => { await env?.tearDown(); });

/** configure.html with its preview on show; CSP violations are recorded in window.__violations. */
async function open(contextOptions = {}) {
  const session = await newPage(env.browser, contextOptions);
  await session.page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  await session.page.goto(`${env.server.url}/configure.html`);
  await session.page.locator('#preview article').first().waitFor();
  return session;
}

const snippet = (page) => page.getByLabel('Snippet to paste').inputValue();
/**
 * Waits until the snippet holds the height the preview takes once its news shows: a snippet
 * copied before that would change under the reader (and the "Copied" with it).
 */
const snippetSettled = async (page) => {
  await page.locator('#preview article').first().waitFor();
  await page.waitForFunction(() => {
    const height = Math.ceil(document.querySelector('#preview').getBoundingClientRect().height);
    return document.querySelector('#snippet').value.includes(`min-height: ${height}px; }`);
  });
};
/** The element line of the snippet. */
const element = async (page) => (await snippet(page)).split('\n').find((line) => line.startsWith('<datelines-news'));
/** The preview's attributes (without its id, which the page needs and the snippet does not). */
const previewAttributes = (page) => page.locator('#preview').evaluate((el) =>
  Object.fromEntries([...el.attributes].filter((a) => a.name !== 'id').map((a) => [a.name, a.value])));
/** The attributes of the snippet's element, as the browser parses them. */
const snippetAttributes = async (page) => page.evaluate((html) => {
  const el = new DOMParser().parseFromString(html, 'text/html').querySelector('datelines-news');
  return Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));
}, await element(page));

/** Records a second page's errors too (newPage watches only its own page), as helpers.mjs does. */
function watch(page, errors) {
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/status of 404/.test(msg.text()) && /\.(jpe?g|png|webp|gif)$/i.test(msg.location()?.url ?? '')) return;
    errors.push(`console: ${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  return page;
}

/**
 * What a reader sees in a widget: each entry's heading and date (the semantic elements any layout
 * has; not the thumbnail, whose text depends on when its image fails to load), and more.
 */
const shown = (page, selector) => page.locator(selector).evaluate((el) => {
  const root = el.shadowRoot;
  const dl = root.querySelector('.dl-root');
  return {
    entries: [...root.querySelectorAll('article')].map((a) =>
      [...a.querySelectorAll('h2, h3, h4, time')].map((e) => e.textContent.trim()).join(' | ')),
    count: root.querySelector('.dl-count')?.textContent,
    lang: dl.getAttribute('lang'),
    theme: dl.getAttribute('data-theme'),
    background: getComputedStyle(dl).backgroundColor,
    month: root.querySelector('label')?.textContent,
    heading: root.querySelector('.dl-heading')?.textContent,
    layout: dl.dataset.layout,
    controls: [...root.querySelectorAll('input, select')].map((e) => e.id),
  };
});

/** Opens up every part of the page: the threshold, the self-hosted note, a dark preview, a status. */
async function chooseMany(page) {
  await page.getByLabel('Dates').selectOption('relative');
  await page.getByLabel('Relative for entries up to').selectOption('7d');
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByLabel('No heading').check();
  await page.getByLabel('Your own site').check();
  await snippetSettled(page);
  await page.getByRole('button', { name: 'Copy snippet' }).click();
  await page.getByRole('status').filter({ hasText: /\S/ }).waitFor();
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#preview').shadowRoot.querySelector('.dl-root')).backgroundColor === 'rgb(20, 24, 29)');
}

test('the page works under the strict CSP with no violations and no console errors', async () => {
  const { page, context, errors } = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  assert.equal(await page.locator('#preview article').count(), 10, 'the preview shows the bundled news');
  await chooseMany(page);
  assert.equal(await page.getByRole('status').textContent(), 'Copied');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe finds no violations, as loaded and with every option open', async () => {
  // axe-core goes in as an inline script, which the page's CSP (rightly) refuses: lifted here only.
  const { page, context, errors } = await open({ bypassCSP: true, permissions: ['clipboard-read', 'clipboard-write'] });
  // Every control has a name a screen reader announces.
  for (const name of ['Feed address', 'Layout', 'Theme', 'Language', 'Entries shown at first', 'Search box', 'Month filter',
    'Topic filter', 'Refresh button', 'Heading', 'No heading', 'Dates', 'The jsDelivr CDN', 'Your own site', 'Snippet to paste']) {
    assert.equal(await page.getByLabel(name, { exact: true }).count(), 1, `one control labelled "${name}"`);
  }
  assert.deepEqual(await axeViolations(page), []);
  await chooseMany(page);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each choice sets the preview\'s attributes and the snippet\'s; defaults add none', async () => {
  const { page, context, errors } = await open();
  assert.deepEqual(await previewAttributes(page), {});
  assert.equal(await element(page), '<datelines-news></datelines-news>');

  const expect = async (attrs, why) => {
    assert.deepEqual(await previewAttributes(page), attrs, `preview: ${why}`);
    assert.deepEqual(await snippetAttributes(page), attrs, `snippet: ${why}`);
  };

  await page.getByLabel('Layout').selectOption('cards');
  await expect({ layout: 'cards' }, 'layout');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('.dl-root').dataset.layout === 'cards');
  await page.getByLabel('Layout').selectOption({ label: 'List (default)' });
  await expect({}, 'the default layout');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('.dl-root').dataset.layout === undefined);

  await page.getByLabel('Theme').selectOption('dark');
  await expect({ theme: 'dark' }, 'theme');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('.dl-root').dataset.theme === 'dark');
  assert.equal((await shown(page, '#preview')).background, DARK, 'the preview turns dark');
  await page.getByLabel('Theme').selectOption('');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('.dl-root').dataset.theme !== 'dark');

  await page.getByLabel('Language').selectOption('fr');
  await expect({ lang: 'fr' }, 'French');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('.dl-count')?.textContent === '10 articles');
  assert.equal((await shown(page, '#preview')).month, 'Mois');
  await page.getByLabel('Language').selectOption('');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('.dl-count')?.textContent === '10 entries');

  await page.getByLabel('Entries shown at first').fill('3');
  await expect({ limit: '3' }, 'limit');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelectorAll('article').length === 3);
  assert.ok(await page.locator('#preview').getByRole('button', { name: 'More news' }).isVisible());
  await page.getByLabel('Entries shown at first').fill('0');
  await expect({}, 'a limit of 0 is not a limit');
  await page.getByLabel('Entries shown at first').fill('');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelectorAll('article').length === 10);

  // Controls: listed in a fixed order; the widget's default set (month, topic) needs no
  // attribute; none is "none". (The bundled news has no topics, so no topic control shows.)
  assert.deepEqual((await shown(page, '#preview')).controls, ['dl-month']);
  await page.getByLabel('Search box').check();
  await page.getByLabel('Topic filter').uncheck();
  await expect({ controls: 'search month' }, 'controls');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('#dl-search'));
  assert.deepEqual((await shown(page, '#preview')).controls, ['dl-search', 'dl-month']);
  await page.getByLabel('Refresh button').check();
  await expect({ controls: 'search month refresh' }, 'with refresh');
  for (const name of ['Search box', 'Month filter', 'Refresh button']) await page.getByLabel(name).uncheck();
  await expect({ controls: 'none' }, 'no controls');
  await page.waitForFunction(() => !document.querySelector('#preview').shadowRoot.querySelector('select, input'));
  for (const name of ['Month filter', 'Topic filter']) await page.getByLabel(name).check();
  await expect({}, 'the default controls');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('#dl-month'));

  await page.getByLabel('Heading', { exact: true }).fill('Latest news');
  await expect({ heading: 'Latest news' }, 'heading');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('.dl-heading')?.textContent === 'Latest news');
  await page.getByLabel('No heading').check();
  await expect({ heading: 'none' }, 'no heading');
  // Hidden from sight; screen readers keep it.
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('.dl-header').classList.contains('dl-visually-hidden'));
  assert.ok(await page.getByLabel('Heading', { exact: true }).isDisabled(), 'the text does not apply while "No heading" is on');
  await page.getByLabel('No heading').uncheck();
  await expect({ heading: 'Latest news' }, 'the heading again');
  await page.getByLabel('Heading', { exact: true }).fill('');
  await expect({}, 'an empty heading');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('.dl-heading')?.textContent === 'News');

  // The threshold only with relative dates; its default (30 days) needs no attribute.
  assert.equal(await page.getByLabel('Relative for entries up to').isVisible(), false);
  await page.getByLabel('Dates').selectOption('relative');
  assert.ok(await page.getByLabel('Relative for entries up to').isVisible());
  await expect({ 'date-style': 'relative' }, 'relative dates');
  await page.getByLabel('Relative for entries up to').selectOption('365d');
  await expect({ 'date-style': 'relative', 'date-threshold': '365d' }, 'a threshold');
  await page.getByLabel('Dates').selectOption('long');
  await expect({ 'date-style': 'long' }, 'long dates have no threshold');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('article time')?.textContent === '19 March 2025');
  assert.equal(await page.getByLabel('Relative for entries up to').isVisible(), false);
  await page.getByLabel('Dates').selectOption('');

  // Checking for news: off by default, every five minutes when asked.
  await page.getByLabel('Check for news').selectOption('5m');
  await expect({ refresh: '5m' }, 'polling every five minutes');
  await page.getByLabel('Check for news').selectOption('');
  await expect({}, 'no polling');

  // The feed address reaches the preview when the field is left, not at each keystroke.
  await page.getByLabel('Feed address').fill('feeds/one.json');
  assert.equal(await page.locator('#preview').getAttribute('src'), null, 'not while typing');
  assert.deepEqual(await snippetAttributes(page), { src: 'feeds/one.json' });
  await page.keyboard.press('Tab');
  await expect({ src: 'feeds/one.json' }, 'a feed');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelectorAll('article').length === 1);
  assert.match((await shown(page, '#preview')).entries[0], /The only entry of this feed/);
  await page.getByLabel('Feed address').fill('');
  await page.getByLabel('Feed address').press('Enter');
  await expect({}, 'the bundled news again');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelectorAll('article').length === 10);
  assert.deepEqual(errors, []);
  await context.close();
});

test('everything works from the keyboard, in order, with Copy reporting "Copied"', async () => {
  const { page, context, errors } = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.getByLabel('Feed address').focus();
  // Tab through the whole page (the preview widget's own controls come between) to the button.
  const order = [];
  for (let i = 0; i < 150 && order.at(-1) !== 'copy'; i++) {
    const id = await page.evaluate(() => {
      const el = document.activeElement;
      return el.id || (el.name ? `${el.name}:${el.value}` : el.localName);
    });
    if (order.at(-1) !== id) order.push(id);
    await page.keyboard.press('Tab');
  }
  const ours = order.filter((id) => id !== 'preview');
  assert.deepEqual(ours, ['src', 'layout', 'theme', 'lang', 'limit', 'controls:search', 'controls:month', 'controls:topic',
    'controls:refresh', 'heading', 'no-heading', 'date-style', 'refresh', 'snippet-form:cdn', 'snippet', 'copy']);

  await page.getByLabel('Layout').focus();
  await page.keyboard.press('ArrowDown');
  await page.getByLabel('No heading').focus();
  await page.keyboard.press('Space');
  assert.deepEqual(await previewAttributes(page), { layout: 'compact', heading: 'none' });
  // Arrow keys move through the radio group, as in any form.
  await page.getByLabel('The jsDelivr CDN').focus();
  await page.keyboard.press('ArrowDown');
  assert.match(await snippet(page), /^<script type="module" src="\/datelines\/datelines.js"/);
  await snippetSettled(page);
  await page.getByRole('button', { name: 'Copy snippet' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await snippet(page));
  // A new choice makes the old "Copied" untrue.
  await page.getByLabel('Layout').selectOption('cards');
  assert.equal(await page.getByRole('status').textContent(), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('without clipboard access, Copy selects the whole snippet and says how to copy it', async () => {
  const { page, context, errors } = await newPage(env.browser);
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await page.goto(`${env.server.url}/configure.html`);
  await snippetSettled(page);
  await page.getByRole('button', { name: 'Copy snippet' }).click();
  await page.getByRole('status').filter({ hasText: 'Ctrl+C' }).waitFor();
  const selection = await page.evaluate(() => {
    const box = document.activeElement;
    return { focused: box.id, selected: box.value.slice(box.selectionStart, box.selectionEnd), all: box.value };
  });
  assert.equal(selection.focused, 'snippet');
  assert.equal(selection.selected, selection.all);
  assert.match(selection.all, /<datelines-news><\/datelines-news>/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the copied self-hosted snippet, pasted into a blank page, shows what the preview shows', async () => {
  const { page, context, errors } = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  const heading = 'Nos "brèves" & <infos>';
  await page.getByLabel('Layout').selectOption('headlines');
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByLabel('Language').selectOption('fr');
  await page.getByLabel('Entries shown at first').fill('3');
  await page.getByLabel('Search box').check();
  await page.getByLabel('Topic filter').uncheck();
  await page.getByLabel('Heading', { exact: true }).fill(heading);
  await page.getByLabel('Dates').selectOption('long');
  await page.getByLabel('Feed address').fill('news.json');
  await page.getByLabel('Feed address').press('Enter');
  await page.getByLabel('Your own site').check();
  await page.waitForFunction(() => {
    const root = document.querySelector('#preview').shadowRoot;
    return root.querySelectorAll('article').length === 3 && root.querySelector('.dl-root').lang === 'fr'
      && getComputedStyle(root.querySelector('.dl-root')).backgroundColor === 'rgb(20, 24, 29)';
  });

  // The snippet holds the height the preview takes, once it has its news.
  await snippetSettled(page);
  await page.getByRole('button', { name: 'Copy snippet' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const { html, css, wide } = split(copied);
  assert.equal(html, `<script type="module" src="/datelines/datelines.js"
        crossorigin="anonymous" integrity="${INTEGRITY}"></script>
<link rel="stylesheet" href="/pasted.css">
<datelines-news src="news.json" layout="headlines" theme="dark" lang="fr" limit="3" controls="search month" heading="Nos &quot;brèves&quot; &amp; &lt;infos&gt;" date-style="long"></datelines-news>
`);
  // The space held is the preview's own height with this feed.
  assert.equal(wide, Math.ceil(await page.locator('#preview').evaluate((el) => el.getBoundingClientRect().height)));

  pasted = host(html);
  pastedCss = css;
  const site = watch(await context.newPage(), errors);
  await site.goto(`${env.server.url}/pasted.html`);
  await site.locator('datelines-news article').first().waitFor();
  await site.waitForFunction(() => document.querySelector('datelines-news').shadowRoot.querySelectorAll('article').length === 3);

  const attributes = await site.locator('datelines-news').evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
  assert.deepEqual(attributes, await previewAttributes(page), 'the same attributes');
  assert.equal(attributes.heading, heading, 'the heading survives escaping unchanged');
  const there = await shown(site, 'datelines-news');
  const here = await shown(page, '#preview');
  assert.deepEqual(there, here, 'the same entries, count, language, theme, heading, layout and controls');
  assert.equal(there.lang, 'fr');
  assert.equal(there.theme, 'dark');
  assert.equal(there.heading, heading);
  assert.equal(there.layout, 'headlines');
  assert.deepEqual(there.controls, ['dl-search', 'dl-month']);
  assert.equal(there.entries.length, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the CDN snippet names this version and the real integrity of datelines.js, which the browser accepts', async () => {
  const { page, context, errors } = await open();
  const cdn = `https://cdn.jsdelivr.net/npm/datelines@${VERSION}/`;
  const { html: copied, css } = split(await snippet(page));
  assert.equal(copied, `<script type="module" src="${cdn}datelines.js"
        crossorigin="anonymous" integrity="${INTEGRITY}"></script>
<link rel="stylesheet" href="/pasted.css">
<datelines-news></datelines-news>
`);
  pastedCss = css;
  assert.match(await page.locator('#cdn-note').innerText(), new RegExp(`Datelines ${VERSION.replaceAll('.', '\\.')} from jsDelivr`));

  // The snippet as pasted, with jsDelivr played by dist/ (answering any origin, as jsDelivr does)
  // and the README's policy for files on the CDN.
  await context.route(`${cdn}**`, (route) => {
    const file = new URL(route.request().url()).pathname.slice(new URL(cdn).pathname.length);
    const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
    route.fulfill({ status: 200, body: readFileSync(`${DIST}${file}`), headers: { 'content-type': types[extname(file)], 'access-control-allow-origin': '*' } });
  });
  await context.route(`${env.server.url}/cdn-host.html`, (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net 'wasm-unsafe-eval'; connect-src 'self' https://cdn.jsdelivr.net; style-src 'self'" },
    body: host(copied),
  }));
  const site = watch(await context.newPage(), errors);
  await site.goto(`${env.server.url}/cdn-host.html`);
  await site.locator('datelines-news article').first().waitFor();
  assert.equal(await site.evaluate(() => customElements.get('datelines-news').version), VERSION);
  assert.deepEqual((await shown(site, 'datelines-news')).entries, (await shown(page, '#preview')).entries);
  assert.deepEqual(errors, []);
  await context.close();
});

test('from the extracted npm package, the page works as from dist/', async () => {
  const work = mkdtempSync(join(tmpdir(), 'datelines-configure-'));
  try {
    execFileSync('node', [new URL('../../tools/package.mjs', import.meta.url).pathname, '--dist', DIST, '--out', work], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    });
    execFileSync('tar', ['-xzf', join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))), '-C', work]);
    const server = await startServer({ root: join(work, 'package'), headers: () => ({ 'content-security-policy': CSP }) });
    const { page, context, errors } = await newPage(env.browser);
    try {
      await page.goto(`${server.url}/configure.html`);
      await page.locator('#preview article').first().waitFor();
      await page.getByLabel('Entries shown at first').fill('2');
      await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelectorAll('article').length === 2);
      const text = await snippet(page);
      assert.ok(text.includes(`https://cdn.jsdelivr.net/npm/datelines@${VERSION}/datelines.js"`), text);
      assert.ok(text.includes(`integrity="${INTEGRITY}"`), text);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
