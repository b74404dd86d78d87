// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, and the
// release bundle in dist/ served on a free port.
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { startServer } from '../../tools/serve.mjs';

export const DIST = new URL('../../dist/', import.meta.url).pathname;

export const LAUNCH = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** Starts the browser and the server once per test file. */
export async function setUp(serverOptions = {}) {
  if (!existsSync(`${DIST}index.html`)) throw new Error('dist/ is missing: run ./x build first');
  const server = await startServer({ root: DIST, ...serverOptions });
  const browser = await chromium.launch(LAUNCH);
  return {
    server,
    browser,
    async tearDown() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A new page that records every console error and uncaught exception.
 * Image 404s are expected (the seed's images are not shipped) and are not counted.
 */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Failed to load resource: the server responded with a status of 404/.test(text)
      && /\.(jpe?g|png|webp|gif)$/i.test(msg.location()?.url ?? '')) return;
    errors.push(`console: ${text} (${msg.location()?.url ?? ''})`);
  });
  return { page, context, errors };
}

/** Waits until the app has rendered its list (not the prerendered HTML it replaces). */
export async function waitForList(page) {
  await page.waitForSelector('.dl-entries article:not([data-prerendered] *)', { timeout: 15_000 });
}

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** What axe-core finds against WCAG 2.2 A/AA and best practice, one line per rule. */
export async function axeViolations(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Everything in the DOM that could run script. */
export async function dangerous(page) {
  return page.evaluate(() => {
    const found = [];
    const all = [document.documentElement, ...document.querySelectorAll('*')];
    for (const el of all) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (name.startsWith('on')) found.push(`${el.localName}[${name}]`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name)
          && (value.startsWith('javascript:') || value.startsWith('vbscript:') || value.startsWith('data:text/html'))) found.push(`${el.localName}[${name}=${attr.value.slice(0, 40)}]`);
        if (name === 'style' && el.closest('.dl-rich-text')) found.push(`${el.localName}[style] in feed HTML`);
      }
    }
    for (const sel of ['script', 'iframe', 'object', 'embed', 'form', 'style', 'svg', 'math', 'template', 'base', 'meta', 'link']) {
      for (const el of document.querySelectorAll(`.dl-root ${sel}, dialog ${sel}`)) found.push(`<${el.localName}> inside the app`);
    }
    return found;
  });
}

/**
 * Opens the first entry's card, then every next one with Next, to the last; `each(opened)` runs
 * after each step. Returns how many cards were opened.
 */
export async function walkCards(page, each = async () => {}) {
  await page.locator('article .dl-title-link').first().click();
  let opened = 1;
  for (;;) {
    await page.locator('dialog[open]').waitFor();
    const next = page.locator('dialog .dl-next');
    if (await next.isDisabled()) return opened;
    const before = await page.locator('dialog h2').textContent();
    await next.click();
    await page.waitForFunction((b) => document.querySelector('dialog h2')?.textContent !== b, before);
    opened += 1;
    await each(opened);
  }
}
