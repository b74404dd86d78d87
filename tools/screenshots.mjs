// Screenshots of the widget in each layout, light and dark: docs/screenshots/<layout>-<theme>.png.
// Serves dist/ (build it first) with a demo feed and its pictures, opens a plain host page per
// shot in Debian's Chromium (playwright-core), and clips each shot to the widget (700 px tall at
// most). Usage: node tools/screenshots.mjs
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { startServer } from './serve.mjs';
import { hostRoute, hostUrl, imageRoute, json } from '../tests/e2e/host-page.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const DIST = `${ROOT}dist/`;
const OUT = `${ROOT}docs/screenshots/`;
const MAX_HEIGHT = 700;
/** Each layout at the width it is meant for. */
const SHOTS = [['list', 900], ['compact', 480], ['headlines', 360], ['cards', 900]];
const THEMES = { light: '#ffffff', dark: '#14181d' };

const picture = (n, alt) => ({ src: `/h/img.png?n=${n}`, alt });
const FEED = {
  title: 'Harbour Town news',
  items: [
    { id: 'budget', date: '2025-03-19', title: 'Council agrees the spring budget', summary: 'More money for the library, the harbour wall and two new bus routes; the vote was 14 to 3.', image: picture(1, 'The town hall at dusk'), tags: ['Council'] },
    { id: 'ferry', date: '2025-03-14', title: 'Summer ferry timetable published', summary: 'Boats every half hour from June, and a late crossing on Fridays and Saturdays.', image: picture(2, 'The ferry leaving the harbour'), tags: ['Transport'] },
    { id: 'roads', date: '2025-03-10', title: 'Road works on the high street until April', summary: 'The street is one way from the bridge to the market square while the pipes are replaced.', tags: ['Roads'] },
    { id: 'library', date: '2025-03-03', title: 'The new library opens its doors', summary: 'Three floors of books, a makerspace and a reading room with a view of the sea.', image: picture(4, 'The library\'s glass front'), tags: ['Culture'] },
    { id: 'market', date: '2025-02-25', title: 'Winter market closes with a record year', summary: 'Forty stalls and twelve thousand visitors over six weekends.', image: picture(5, 'Stalls in the market square'), tags: ['Culture'] },
    { id: 'choir', date: '2025-02-18', title: 'School choir wins the regional prize', summary: 'Thirty pupils sang three songs, one of them their own.', image: picture(6, 'The choir on stage') },
    { id: 'snow', date: '2025-02-11', title: 'Snow clearing: what went well', summary: 'The council\'s report on the February snow, street by street.', tags: ['Council'] },
    { id: 'museum', date: '2025-02-04', title: 'Museum night draws a crowd', summary: 'Late opening, lantern tours and a first look at the shipwreck room.', image: picture(8, 'Lanterns outside the museum'), tags: ['Culture'] },
  ],
};

/** Writes every screenshot; returns the files written. */
export async function screenshots({ executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium' } = {}) {
  if (!existsSync(`${DIST}index.html`)) throw new Error('dist/ is missing: run ./x build first');
  mkdirSync(OUT, { recursive: true });
  const server = await startServer({ root: DIST, routes: { '/h/host.html': hostRoute, '/h/img.png': imageRoute, '/demo/news.json': json(FEED) } });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const written = [];
  try {
    for (const [layout, width] of SHOTS) {
      for (const [theme, background] of Object.entries(THEMES)) {
        const context = await browser.newContext({ viewport: { width: width + 80, height: MAX_HEIGHT + 200 }, colorScheme: theme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.goto(hostUrl(server, {
          attrs: { src: '/demo/news.json', layout, theme, label: 'Harbour Town news' },
          box: `width: ${width}px; margin: 40px`,
          css: `body { background: ${background} }`,
        }));
        await page.locator('#w article').first().waitFor();
        // Every picture in the shot has loaded (lazy ones below it need not).
        await page.waitForFunction((max) => {
          const root = document.getElementById('w').shadowRoot;
          const top = document.getElementById('w').getBoundingClientRect().top;
          return [...root.querySelectorAll('.dl-thumb-img')]
            .filter((img) => img.getBoundingClientRect().top - top < max && img.getBoundingClientRect().width > 0)
            .every((img) => img.complete && img.naturalWidth > 0);
        }, MAX_HEIGHT);
        await page.evaluate(() => document.fonts.ready);
        const box = await page.locator('#w').boundingBox();
        const file = `${OUT}${layout}-${theme}.png`;
        await page.screenshot({ path: file, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, MAX_HEIGHT) } });
        written.push(file);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return written;
}

if (import.meta.url === new URL(process.argv[1], 'file:').href) {
  for (const file of await screenshots()) console.log(file.replace(ROOT, ''));
}
