// Accessibility: axe-core finds no WCAG 2.2 A/AA (or best-practice) violations in the states a
// reader meets, on the standalone page and on the widget demo, in the light and the dark theme
// (the dark one through the reader's system setting, as `auto` follows it), and in French.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, axeViolations as violations } from './helpers.mjs';

const CARD = '2025-02-10-chair-of-the-nato-military-committee-visits-ukraine';

let env;
before(async () => {
  env = await setUp({ routes: { '/a11y/500.json': (req, res) => { res.writeHead(500); res.end('boom'); } } });
});
after(async () => { await env?.tearDown(); });

const STATES = [
  ['the list', '', 'article'],
  ['a filtered view', '?month=2025-02', 'article'],
  ['an open detail card', `?item=${CARD}`, 'dialog[open] .dl-thumb-placeholder'],
  ['the empty month', '?month=2024-01', '.dl-empty'],
  ['the error state', '?src=/a11y/500.json', '[role=alert]'],
  ['the widget demo', 'embed.html', '#widget-feb article'],
];
const FRENCH = [
  ['the list in French', '?lang=fr', 'article'],
  ['an open detail card in French', `?lang=fr&item=${CARD}`, 'dialog[open] .dl-thumb-placeholder'],
];

for (const colorScheme of ['light', 'dark']) {
  for (const [name, path, ready] of colorScheme === 'light' ? [...STATES, ...FRENCH] : STATES) {
    test(`axe finds no violations (${colorScheme}): ${name}`, async () => {
      const { page, context } = await newPage(env.browser, { colorScheme });
      await page.goto(`${env.server.url}/${path}`);
      await page.locator(ready).first().waitFor();
      await page.waitForTimeout(300);
      // The theme really is the one named: the page's background follows the system setting.
      const bg = await page.locator('.dl-root').first().evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.equal(bg, colorScheme === 'dark' ? 'rgb(20, 24, 29)' : 'rgb(255, 255, 255)');
      assert.deepEqual(await violations(page), []);
      await context.close();
    });
  }
}

test('keyboard focus is always visible: Tab through the page and the widget shows a 3px outline', async () => {
  for (const [path, inWidget] of [['', false], ['embed.html', true]]) {
    const { page, context } = await newPage(env.browser);
    await page.goto(`${env.server.url}/${path}`);
    await page.locator(inWidget ? '#widget-all article' : 'article').first().waitFor();
    const seen = new Set();
    // Tab through the list, then open the first card from the keyboard and Tab through its
    // buttons (Close, Previous, Next).
    for (let i = 0; i < 24; i++) {
      if (i === 12) {
        await page.locator(inWidget ? '#widget-all .dl-title-link' : '.dl-title-link').first().focus();
        await page.keyboard.press('Enter');
        await page.locator(inWidget ? '#widget-all dialog[open]' : 'dialog[open]').waitFor();
      }
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!el || el === document.body || !el.closest('.dl-root')) return null;
        const style = getComputedStyle(el);
        return { what: `${el.localName}.${el.className}`, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      if (!focused) continue;
      seen.add(focused.what.split('.')[0]);
      assert.notEqual(focused.outline, 'none', `${path || 'page'}: ${focused.what} has a focus outline`);
      assert.ok(focused.width >= 3, `${path || 'page'}: ${focused.what} outline is ${focused.width}px`);
    }
    // The filter, the title links and the card's buttons are reached from the keyboard.
    assert.ok(seen.has('select') && seen.has('a') && seen.has('button'), `${path || 'page'}: focused ${[...seen].join(', ')}`);
    await context.close();
  }
});
