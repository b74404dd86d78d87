// The tasks a starting widget runs on its host page's main thread, read by the browser itself:
// a PerformanceObserver for `longtask` (every task over 50 ms), under the phone profile's CPU
// (4× slower, through the Chrome DevTools Protocol). One widget (layout="headlines", limit="5")
// in the first screen of a plain host page, with a 47-item RSS feed, 1,000 and 10,000 JSON
// entries, and the standalone page with `?src=` (50 rows). Prints, per case, the median over
// RUNS of: the number of long tasks, the longest, and the time to the first entry.
// Part of ./x bench; not a test. `TRACE=dir` also writes a Chrome trace of each case's first run.
//   LT_RUNS=5   runs per case
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startServer } from '../tools/serve.mjs';
import { LAUNCH } from '../tests/e2e/helpers.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = process.env.DIST ?? `${root}dist`;
const RUNS = Number(process.env.LT_RUNS ?? 5);
const TRACE = process.env.TRACE;

const host = (src) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>
<script type="module" src="/datelines.js"></script></head>
<body><header><h1>The host</h1></header>
<datelines-news src="${src}" layout="headlines" limit="5"></datelines-news>
<main>${'<p>The host page\'s article, a paragraph of text.</p>'.repeat(20)}</main></body></html>`;

const CASES = {
  'widget, 47-item RSS': '/lt/host.html?src=/bench/data/feed-47.rss',
  'widget, 1,000 JSON': '/lt/host.html?src=/bench/data/feed-1000.json',
  'widget, 10,000 JSON': '/lt/host.html?src=/bench/data/feed-10000.json',
  'page ?src=, 1,000 JSON': '/?src=/bench/data/feed-1000.json',
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await startServer({
  root: dist,
  mounts: { '/bench/': `${root}bench` },
  routes: {
    '/lt/host.html': (req, res, url) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(host(url.searchParams.get('src')));
    },
  },
});
const browser = await chromium.launch(LAUNCH);
const results = {};
try {
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, path] of Object.entries(CASES)) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        window.__tasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            window.__tasks.push({ start: e.startTime, duration: e.duration });
          }
        }).observe({ type: 'longtask', buffered: true });
      });
      if (TRACE && run === 0) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'] });
      const started = Date.now();
      await page.goto(`${server.url}${path}`);
      // The first entry: in the widget's shadow root, or the page's own list. Asked with plain
      // evaluations (waitForFunction would run Playwright's own large script in the page, a long
      // task of its own).
      const deadline = Date.now() + 120_000;
      while (!(await page.evaluate(() => {
        const widget = document.querySelector('datelines-news')?.shadowRoot;
        return Boolean((widget ?? document).querySelector('.dl-entries article:not([data-prerendered] *)'));
      }))) {
        if (Date.now() > deadline) throw new Error(`${name}: no entry after 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const first = Date.now() - started;
      // Everything the start does, then a quiet second for the last tasks to be reported.
      await page.waitForTimeout(1500);
      if (TRACE && run === 0) {
        mkdirSync(TRACE, { recursive: true });
        writeFileSync(`${TRACE}/${name.replace(/[^a-z0-9]+/gi, '-')}.json`, await browser.stopTracing());
      }
      const tasks = await page.evaluate(() => window.__tasks);
      (results[name] ??= []).push({ count: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration)), first, all: tasks.map((t) => Math.round(t.duration)) });
      console.error(`${name} run ${run + 1}: ${tasks.length} long tasks [${tasks.map((t) => Math.round(t.duration)).join(', ')}] ms; first entry after ${first} ms`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`\nLong tasks while a widget starts (phone CPU, 4× slower), median of ${RUNS} runs\n`);
console.log('| case | long tasks | longest (ms) | first entry (ms) |');
console.log('|---|---|---|---|');
for (const [name, runs] of Object.entries(results)) {
  console.log(`| ${name} | ${median(runs.map((r) => r.count))} | ${median(runs.map((r) => r.longest)).toFixed(0)} | ${median(runs.map((r) => r.first)).toFixed(0)} |`);
}
