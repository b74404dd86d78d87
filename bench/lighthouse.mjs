// What one <datelines-news> widget costs a host page, measured the way site owners measure it:
// Lighthouse 12.2.3 (npm, pinned in package-lock.json), mobile profile, devtools throttling (4×
// CPU, slow 4G, applied for real rather than simulated), on Debian's Chromium. A plain article
// page with a sidebar, served compressed by tools/serve.mjs, is run without the widget and with
// it, alternating, and the medians are printed side by side:
//   - top-*:   the widget under the page's header, in the first screen (layout="headlines",
//              limit="5"), with a 47-item RSS feed (about 170 KB), 1,000 and 10,000 JSON entries;
//   - below-*: the widget in the sidebar, which on a phone is under the article, three screens
//              down: nothing of the widget may load before the reader scrolls.
// Part of ./x bench (after bench/run.mjs); not part of the test command's pass/fail.
//   LH_RUNS=3                       runs per page (the median is reported)
//   LH_PAGES=none,top-rss47,...     which pages (see PAGES)
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { execFileSync } from 'node:child_process';
import { startServer } from '../tools/serve.mjs';
import { reserve } from '../tools/reserve.mjs';
import { chromium } from 'playwright-core';
import { LAUNCH } from '../tests/e2e/helpers.mjs';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const dist = process.env.DIST ?? `${root}dist`;
const data = `${root}bench/data`;
const RUNS = Number(process.env.LH_RUNS ?? 3);

// Test data: the synthetic feeds of bench/run.mjs, made by the project's CLI, and an RSS feed
// the size of a real blog's (47 items with their full text, about 170 KB).
function ensureData() {
  mkdirSync(data, { recursive: true });
  for (const n of [1000, 10000]) {
    if (!existsSync(`${data}/feed-${n}.json`)) {
      execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'datelines-cli', '--', 'generate', String(n), '-o', `${data}/feed-${n}.json`], { cwd: root, stdio: 'inherit' });
    }
  }
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const items = JSON.parse(readFileSync(`${data}/feed-1000.json`, 'utf8')).items.slice(0, 47).map((it, i) => {
    const body = Array.from({ length: 12 }, (_, p) => `<p>${esc(it.summary ?? '')} Paragraph ${p + 1} of item ${i + 1}.</p>`).join('');
    return `<item><guid isPermaLink="false">${esc(it.id)}</guid><title>${esc(it.title)}</title><link>https://example.org/${i}</link>`
      + `<description>${esc(it.summary ?? '')}</description><content:encoded><![CDATA[${body}]]></content:encoded>`
      + `<pubDate>${new Date(Date.parse(it.date.slice(0, 10))).toUTCString()}</pubDate></item>`;
  });
  writeFileSync(`${data}/feed-47.rss`, `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>A blog</title><link>https://example.org/</link>\n${items.join('\n')}\n</channel></rss>\n`);
}

const FEEDS = { rss47: '/bench/data/feed-47.rss', json1000: '/bench/data/feed-1000.json', json10000: '/bench/data/feed-10000.json' };
// Lighthouse's mobile screen is 412 px wide.
const WIDGET = { layout: 'headlines', limit: '5' };
// The space each page's CSS holds for the widget (the snippet's `datelines-news:not(:defined)`
// rule): its real height with that feed on that screen, as configure.html measures it for a site
// owner; measured below, before the runs. Until then, the loader's estimate.
const reserved = Object.fromEntries(Object.keys({ rss47: 1, json1000: 1, json10000: 1 }).map((f) => [f, reserve({ ...WIDGET, width: 412 })]));

const paragraph = 'The alliance met on Tuesday to discuss the year ahead. Ministers agreed on a common plan for training, '
  + 'supplies and exercises, and asked the staff to report back before the summer. The plan follows months of talks '
  + 'between the members, who have each set out what they can give and when.';

/** The host page: a header, the article (about three phone screens), and a sidebar. */
function page(where, feed) {
  const held = feed ? reserved[feed] : 0;
  const widget = feed ? `<datelines-news src="${FEEDS[feed]}" layout="${WIDGET.layout}" limit="${WIDGET.limit}" label="Latest news"></datelines-news>` : '';
  const script = feed ? '<script type="module" src="/datelines.js"></script>' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>An article</title>
<style>
body { margin: 0; font: 17px/1.6 Georgia, serif; color: #222; }
header { padding: 16px; background: #123; color: #fff; font: bold 20px sans-serif; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 24px; padding: 16px; }
@media (min-width: 900px) { .layout { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); } }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 12px; }
/* The snippet's reserve (README, "Embedding"): the widget's space from the host's first paint. */
datelines-news:not(:defined) { display: block; min-height: ${held}px; }
</style>${script}</head>
<body><header>The Daily Example</header>
${where === 'top' ? widget : ''}
<div class="layout"><main><h1>Ministers agree a plan for the year ahead</h1>
${Array.from({ length: 14 }, () => `<p>${paragraph}</p>`).join('\n')}
</main><aside><h2>More from us</h2>${where === 'below' ? widget : ''}</aside></div>
</body></html>`;
}

const PAGES = {
  none: () => page('none', null),
  'top-rss47': () => page('top', 'rss47'),
  'top-json1000': () => page('top', 'json1000'),
  'top-json10000': () => page('top', 'json10000'),
  'below-rss47': () => page('below', 'rss47'),
};
const chosen = (process.env.LH_PAGES ?? Object.keys(PAGES).join(',')).split(',').filter((p) => PAGES[p]);

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One Lighthouse run of `url`: the figures this benchmark reports. */
async function lighthouse(url, out) {
  await run(`${root}node_modules/.bin/lighthouse`, [url, '--quiet', '--output=json', `--output-path=${out}`,
    '--throttling-method=devtools', '--only-categories=performance', '--max-wait-for-load=60000',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync --no-first-run'],
  { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' }, maxBuffer: 1 << 26 });
  const lhr = JSON.parse(readFileSync(out, 'utf8'));
  const audit = (id) => lhr.audits[id];
  const tasks = audit('long-tasks')?.details?.items ?? [];
  const ours = (u) => /datelines|_bg\.wasm/.test(u ?? '');
  const requests = audit('network-requests')?.details?.items ?? [];
  return {
    tbt: audit('total-blocking-time').numericValue,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    oursLongest: Math.max(0, ...tasks.filter((t) => ours(t.url)).map((t) => t.duration)),
    fcp: audit('first-contentful-paint').numericValue,
    lcp: audit('largest-contentful-paint').numericValue,
    cls: audit('cumulative-layout-shift').numericValue,
    kb: audit('total-byte-weight').numericValue / 1024,
    score: Math.round(lhr.categories.performance.score * 100),
    wasm: requests.some((r) => /\.wasm$/.test(r.url)) ? 1 : 0,
    feed: requests.some((r) => /bench\/data\//.test(r.url)) ? 1 : 0,
  };
}

ensureData();
const routes = Object.fromEntries(Object.entries(PAGES).map(([name, html]) => [`/lh/${name}.html`, (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html());
}]));
const server = await startServer({ root: dist, routes, mounts: { '/bench/': `${root}bench` } });

// Each feed's widget height on Lighthouse's phone screen (412 × 823), once its news shows.
{
  const browser = await chromium.launch(LAUNCH);
  // As Lighthouse's mobile profile emulates it: a phone's screen, touch and text sizing.
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  for (const feed of Object.keys(reserved)) {
    const probe = await context.newPage();
    await probe.goto(`${server.url}/lh/top-${feed}.html`);
    await probe.waitForFunction(() => {
      const root = document.querySelector('datelines-news')?.shadowRoot;
      return root?.querySelector('.dl-entries article') && !root.querySelector('[aria-busy="true"]') && root.adoptedStyleSheets.length === 2;
    }, null, { timeout: 60_000 });
    reserved[feed] = Math.ceil(await probe.evaluate(() => document.querySelector('datelines-news').getBoundingClientRect().height));
    await probe.close();
  }
  await browser.close();
  console.error(`reserves (px): ${JSON.stringify(reserved)}`);
}
const tmp = `${root}target/lighthouse`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const results = Object.fromEntries(chosen.map((p) => [p, []]));
try {
  for (let i = 0; i < RUNS; i += 1) {
    for (const name of chosen) {
      const figures = await lighthouse(`${server.url}/lh/${name}.html`, `${tmp}/${name}-${i}.json`);
      results[name].push(figures);
      console.error(`lighthouse ${name} run ${i + 1}/${RUNS}: TBT ${figures.tbt.toFixed(0)} ms, longest task ${figures.longest.toFixed(0)} ms, LCP ${figures.lcp.toFixed(0)} ms, CLS ${figures.cls.toFixed(3)}, ${figures.kb.toFixed(1)} KB, score ${figures.score}`);
    }
  }
} finally {
  await server.close();
}

const rows = [
  ['Total Blocking Time (ms)', 'tbt', 0],
  ['longest task (ms)', 'longest', 0],
  ['longest task in Datelines\' files (ms)', 'oursLongest', 0],
  ['first contentful paint (ms)', 'fcp', 0],
  ['largest contentful paint (ms)', 'lcp', 0],
  ['cumulative layout shift', 'cls', 3],
  ['bytes downloaded (KB)', 'kb', 1],
  ['performance score', 'score', 0],
  ['wasm requested (runs)', 'wasm', -1],
  ['feed requested (runs)', 'feed', -1],
];
console.log(`\nLighthouse 12.2.3, mobile, devtools throttling, median of ${RUNS} runs (widget: layout="headlines" limit="5"; the page's CSS holds ${Object.entries(reserved).map(([f, h]) => `${h} px for ${f}`).join(', ')})\n`);
console.log(`| | ${chosen.join(' | ')} |`);
console.log(`|---|${chosen.map(() => '---').join('|')}|`);
for (const [label, key, digits] of rows) {
  const cells = chosen.map((name) => {
    const values = results[name].map((r) => r[key]);
    return digits < 0 ? `${values.reduce((a, b) => a + b, 0)} of ${values.length}` : median(values).toFixed(digits);
  });
  console.log(`| ${label} | ${cells.join(' | ')} |`);
}
