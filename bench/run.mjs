// Datelines benchmark: the release build against a hand-written plain-JS baseline with the same
// data, markup and behaviour. Alternating runs, median of RUNS each, for 1,000, 10,000 and
// 100,000 entries (and a 100,000-entry month-sharded archive), and for the page at / with its
// bundled news against the baseline and a static HTML copy of the same list (the floor).
// Every case runs on a desktop profile (no throttling) and a phone profile (4× slower CPU,
// 1.6 Mbps down, 750 kbps up, 150 ms latency). Files are served compressed, as hosts do, by
// tools/serve.mjs: the build's precompressed brotli files (Chromium asks for br), and gzip made on
// the fly for the rest (the generated feeds).
// Search (1,000 and 10,000 entries): real key presses in the search box, each to the paint of the
// filtered list; skipped (left empty) for a page without a search box.
// Prints a table with the goals. Not part of the test command's pass/fail. Run with ./x bench.
//   RUNS=5                          runs per page, case and profile (the median is reported)
//   SIZES=1000,10000,100000         feed sizes (the sharded case needs 100000)
//   CASES=feeds,rss,sharded,bundled which cases (rss: the feeds as RSS 2.0, which the baseline reads
//                                   with DOMParser; bundled: / with the bundled news.json)
//   PROFILES=desktop,phone          which profiles
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { startServer } from '../tools/serve.mjs';
import { LAUNCH } from '../tests/e2e/helpers.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const SIZES = (process.env.SIZES ?? '1000,10000,100000').split(',').map(Number);
const list = (name, fallback, known) => {
  const values = (process.env[name] || fallback).split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = values.filter((v) => !known.includes(v));
  if (unknown.length) throw new Error(`${name}: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return values;
};
const CASES = list('CASES', 'feeds,rss,sharded,bundled', ['feeds', 'rss', 'sharded', 'bundled']);
// Through the Chrome DevTools Protocol; null is no throttling. Throughputs are in bytes/s.
const PROFILE_SETTINGS = {
  desktop: null,
  phone: { cpu: 4, network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } },
};
const PROFILES = list('PROFILES', 'desktop,phone', Object.keys(PROFILE_SETTINGS));
const root = new URL('..', import.meta.url).pathname;
// DIST=path compares another build (say, the one before a change) against the same baseline.
const dist = process.env.DIST ?? `${root}dist`;
const data = `${root}bench/data`;

// Test data: deterministic synthetic feeds, made by the project's own CLI.
function ensureData() {
  mkdirSync(data, { recursive: true });
  const cli = [`run`, `--quiet`, `--release`, `--bin`, `datelines-cli`, `--`];
  for (const n of CASES.includes('feeds') || CASES.includes('sharded') ? SIZES : []) {
    if (!existsSync(`${data}/feed-${n}.json`)) {
      execFileSync('cargo', [...cli, 'generate', String(n), '-o', `${data}/feed-${n}.json`], { cwd: root, stdio: 'inherit' });
    }
  }
  for (const n of CASES.includes('rss') ? SIZES : []) {
    if (!existsSync(`${data}/feed-${n}.rss`)) writeFileSync(`${data}/feed-${n}.rss`, toRss(JSON.parse(readFileSync(`${data}/feed-${n}.json`, 'utf8'))));
  }
  if (CASES.includes('sharded') && SIZES.includes(100000) && !existsSync(`${data}/archive-100000/index.json`)) {
    execFileSync('cargo', [...cli, 'shard', `${data}/feed-100000.json`, `${data}/archive-100000`], { cwd: root, stdio: 'inherit' });
  }
}

// The same synthetic feed as RSS 2.0: guid, title, link, description, pubDate (RFC 822, in the
// date's own offset) and an image enclosure per item, as blogs publish them.
function toRss(feed) {
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const rfc822 = (date) => {
    const [y, m, d] = date.slice(0, 10).split('-').map(Number);
    const weekday = DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    return `${weekday}, ${String(d).padStart(2, '0')} ${MONTHS[m - 1]} ${y} ${date.length > 10 ? date.slice(11, 19) : '00:00:00'} +0000`;
  };
  const items = feed.items.map((it) => `<item><guid isPermaLink="false">${esc(it.id)}</guid><title>${esc(it.title)}</title>`
    + `${it.url ? `<link>${esc(it.url)}</link>` : ''}<description>${esc(it.summary ?? '')}</description><pubDate>${rfc822(it.date)}</pubDate>`
    + `${it.image ? `<enclosure url="${esc(it.image.src)}" type="image/jpeg" length="${Math.round((it.image.size_kb ?? 50) * 1024)}"/>` : ''}</item>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(feed.title ?? 'News')}</title><link>https://example.org/</link>\n${items.join('\n')}\n</channel></rss>\n`;
}

// Installed in every page before it loads: timing helpers shared by both apps.
function instrument() {
  window.__bench = {};
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasmMemory = e.detail?.wasm?.memory;
    window.__bench.appStarted = performance.now();
  });
  const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
  // The browser's own first contentful paint (its entry comes a moment after the paint).
  new PerformanceObserver((entries) => {
    for (const e of entries.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  // "First render": the first entry on screen. On `/` that is the prerendered HTML; with ?src=
  // the prerendered (bundled) news is not the list asked for, so only the app's own list counts.
  // "Live": the app's list (it has replaced the prerendered one), when the page works.
  const first = new MutationObserver(() => {
    const live = document.querySelector('.dl-entries article:not([data-prerendered] *)');
    const any = location.search.includes('src=') ? live : document.querySelector('.dl-entries article');
    if (any && !window.__bench.firstSeen) {
      window.__bench.firstSeen = true;
      afterPaint(() => { window.__bench.firstRender = performance.now(); });
    }
    if (live) {
      first.disconnect();
      afterPaint(() => { window.__bench.liveRender = performance.now(); });
    }
  });
  first.observe(document, { subtree: true, childList: true });
  // Resolves with the time from the next real input event to the paint after the DOM changes.
  window.__nextUpdate = () => new Promise((resolve) => {
    let start = null;
    const input = (e) => { start ??= e.timeStamp; };
    addEventListener('keydown', input, { capture: true, once: true });
    addEventListener('pointerdown', input, { capture: true, once: true });
    // Only changes after the input count: a change already on its way (an image that failed
    // becoming its placeholder) would otherwise be timed from no input at all.
    const seen = new MutationObserver(() => {
      if (start === null) return;
      seen.disconnect();
      afterPaint(() => resolve(performance.now() - start));
    });
    seen.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['open'] });
    setTimeout(() => { seen.disconnect(); resolve(NaN); }, 10_000);
  });
}

// The same page loaded again in the same browser profile: the HTTP cache is warm (hashed files
// are cached as immutable) and Chrome can reuse the wasm it compiled. Time to the live list.
async function revisit(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.firstRender && window.__bench.liveRender, null, { timeout: 300_000 });
  return page.evaluate(() => window.__bench.liveRender);
}

// `c.interactive` false: only loading is measured (the static copy has no behaviour).
async function measure(browser, url, c, profile) {
  const { dataPath } = c;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  if (process.env.DEBUG) {
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    page.on('crash', () => console.error('page crashed'));
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const throttle = PROFILE_SETTINGS[profile];
  if (throttle) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpu });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', throttle.network);
  }
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.firstRender && window.__bench.liveRender && window.__bench.fcp, null, { timeout: 300_000 });
  const timing = await page.evaluate((dataPath) => {
    const resources = performance.getEntriesByType('resource');
    const nav = performance.getEntriesByType('navigation')[0];
    const dataEnd = Math.max(0, ...resources.filter((r) => r.name.includes(dataPath)).map((r) => r.responseEnd));
    return {
      // The browser's own first contentful paint (the prerendered HTML on `/`).
      fcp: window.__bench.fcp ?? null,
      firstRender: window.__bench.firstRender,
      liveRender: window.__bench.liveRender,
      // From the moment both the data and the app are there (the data may arrive first, while
      // the wasm still compiles) to the paint of the list.
      afterData: window.__bench.firstRender - Math.max(dataEnd, window.__bench.appStarted ?? 0),
      bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
      dataBytes: resources.filter((r) => r.name.includes(dataPath)).reduce((sum, r) => sum + r.transferSize, 0),
    };
  }, dataPath);
  if (!c.interactive) {
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
    const secondVisit = await revisit(page, url);
    await context.close();
    return { fcp: timing.fcp, firstRender: timing.firstRender, liveRender: timing.liveRender, secondVisit, memory: metrics.JSHeapUsedSize + wasm, bytes: timing.bytes };
  }

  // Month switch: real keyboard input on the focused control, to the next paint.
  await page.focus('#dl-month');
  // Start watching before the input (an un-awaited evaluate could arrive after the key press).
  await page.evaluate(() => { window.__pending = window.__nextUpdate(); });
  await page.keyboard.press('ArrowDown');
  const monthSwitch = await page.evaluate(() => window.__pending);
  await page.waitForTimeout(200);

  // Open the first entry's card with the mouse.
  const box = await page.locator('.dl-title-link').first().boundingBox();
  await page.evaluate(() => { window.__pending = window.__nextUpdate(); });
  await page.mouse.click(box.x + 5, box.y + box.height / 2);
  const openCard = await page.evaluate(() => window.__pending);
  await page.locator('dialog[open]').waitFor();
  const search = c.search ? await measureSearch(page) : {};

  await cdp.send('HeapProfiler.collectGarbage');
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
  const secondVisit = await revisit(page, url);
  await context.close();
  return { ...timing, monthSwitch, openCard, ...search, memory: metrics.JSHeapUsedSize + wasm, secondVisit };
}

// The start of a topic word of the synthetic feeds ("air policing", src/synthetic.rs): "p" keeps
// 5 of the 8 topics, "po" one, "pol" and "poli" the same entries with longer highlights, so the
// list changes on every key. ("nato" would not do: "na" matches no synthetic entry, and "nat"
// would then change nothing.)
const SEARCH = 'poli';
// Search as you type: the first letter, then the median of the next ones, each a real key press
// in the focused search box to the paint of the updated list. Starts from all months with the
// card closed. Nothing when the page has no search box.
async function measureSearch(page) {
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => {});
  if (!(await page.$('#dl-search'))) return {};
  await page.selectOption('#dl-month', '');
  await page.waitForTimeout(200);
  await page.focus('#dl-search');
  const times = [];
  for (const key of SEARCH) {
    await page.evaluate(() => { window.__pending = window.__nextUpdate(); });
    await page.keyboard.press(key);
    times.push(await page.evaluate(() => window.__pending));
    await page.waitForTimeout(200);
  }
  return { searchFirst: times[0], searchNext: median(times.slice(1)) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// The static floor: the baseline's list for the bundled news as plain HTML with no script, made
// by loading the baseline once (unthrottled) and saving what it rendered.
async function makeStatic(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.dl-entries article');
  await page.waitForLoadState('networkidle');
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true);
    for (const s of copy.querySelectorAll('script')) s.remove();
    return `<!DOCTYPE html>\n${copy.outerHTML}\n`;
  });
  await context.close();
  mkdirSync(data, { recursive: true });
  writeFileSync(`${data}/static.html`, html);
}

ensureData();
if (!existsSync(`${dist}/index.html`)) throw new Error('dist/ is missing: run ./x build');
const css = readdirSync(dist).find((f) => /^datelines-[0-9a-f]+\.css$/.test(f));
const server = await startServer({
  root: dist,
  mounts: { '/bench/': `${root}bench` },
  // The baseline's stylesheet is the app's, served under a fixed name without a redirect (a
  // redirect would cost the baseline a round trip on the phone profile).
  aliases: { '/bench/datelines.css': `/${css}` },
});
const browser = await chromium.launch(LAUNCH);

const cases = [];
if (CASES.includes('feeds')) {
  for (const n of SIZES) {
    const path = `/bench/data/feed-${n}.json`;
    cases.push({ name: `${n.toLocaleString('en')} entries`, datelines: `/?src=${path}`, baseline: `/bench/baseline.html?src=${path}`, dataPath: path, interactive: true, search: n <= 10000 });
  }
}
if (CASES.includes('rss')) {
  for (const n of SIZES.filter((s) => s <= 10000)) {
    const path = `/bench/data/feed-${n}.rss`;
    cases.push({ name: `${n.toLocaleString('en')} entries, RSS`, datelines: `/?src=${path}`, baseline: `/bench/baseline.html?src=${path}`, dataPath: path, interactive: true, search: false });
  }
}
if (CASES.includes('sharded') && SIZES.includes(100000)) {
  const path = '/bench/data/archive-100000/';
  cases.push({ name: '100,000 entries, month-sharded', datelines: `/?src=${path}index.json`, baseline: null, dataPath: path, interactive: true });
}
if (CASES.includes('bundled')) {
  // Datelines' standalone page with the news compiled in; the baseline reads the same file.
  const baseline = '/bench/baseline.html?src=/news.json';
  await makeStatic(browser, `${server.url}${baseline}`);
  cases.push({ name: '/ (bundled news)', datelines: '/', baseline, static: '/bench/data/static.html', dataPath: '/news.json', interactive: false });
}
if (!cases.length) throw new Error('no case selected (CASES, SIZES)');

const PAGES = ['datelines', 'baseline', 'static'];
const results = [];
for (const c of cases) {
  for (const profile of PROFILES) {
    const runs = { datelines: [], baseline: [], static: [] };
    for (let i = 0; i < RUNS; i++) {
      // Alternating order, so that neither page always runs first.
      for (const who of i % 2 ? [...PAGES].reverse() : PAGES) {
        if (!c[who]) continue;
        const started = Date.now();
        const result = await measure(browser, `${server.url}${c[who]}`, c, profile);
        runs[who].push(result);
        process.stderr.write(`${c.name}, ${profile}, ${who}: ${((Date.now() - started) / 1000).toFixed(1)} s${process.env.DEBUG ? ` ${JSON.stringify(result)}` : ''}\n`);
      }
    }
    const summary = (list) => list.length ? Object.fromEntries(Object.keys(list[0]).map((k) => [k, median(list.map((r) => r[k]))])) : null;
    results.push({ name: c.name, profile, datelines: summary(runs.datelines), baseline: summary(runs.baseline), static: summary(runs.static) });
  }
}
process.stderr.write('\n');
await browser.close();
await server.close();

// The table.
const ms = (v) => (v == null ? '–' : `${v.toFixed(0)} ms`);
const mb = (v) => (v == null ? '–' : `${(v / 1048576).toFixed(1)} MB`);
const kb = (v) => (v == null ? '–' : `${(v / 1024).toFixed(0)} KB`);
const ratio = (a, b) => (a == null || b == null || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);
// Goals relative to the baseline hold on every profile unless they name one; the absolute ones
// were set for the desktop profile (they return nothing on the phone). The `?src=` start, the
// render after the data and the 100,000-entry memory are issue 15's.
// The RSS cases' goal (the feeds issue): the ratio to the plain-JS page no worse than 1.1× the
// same-size JSON case's ratio in the same run.
const jsonRatio = (name, profile) => {
  const r = results.find((x) => x.name === name && x.profile === profile);
  return r?.datelines?.firstRender != null && r?.baseline?.firstRender ? r.datelines.firstRender / r.baseline.firstRender : null;
};
const rssGoal = (json) => (d, b, profile) => {
  const j = jsonRatio(json, profile);
  return [`≤ 1.1× the JSON ratio (${j == null ? '–' : `${j.toFixed(2)}×`})`, j != null && d / b <= 1.1 * j];
};
const first1k = (profile) => results.find((r) => r.name === '1,000 entries' && r.profile === profile)?.datelines?.firstRender;
const goals = {
  '/ (bundled news)': {
    // Nothing delays the prerendered page's first paint: against the same HTML without scripts.
    fcp: (d, b, profile, s) => ['≤ 1.05× static', s != null && d / s <= 1.05],
    firstRender: (d, b, profile) => (profile === 'phone' ? ['≤ 0.9× baseline', d / b <= 0.9] : ['≤ 1.1× baseline', d / b <= 1.1]),
  },
  '1,000 entries': {
    firstRender: (d, b) => [`≤ 2.0× baseline`, d / b <= 2.0],
    monthSwitch: (d, b) => [`≤ 1.0× baseline`, d / b <= 1.0],
    searchFirst: (d, b) => [`≤ 1.0× baseline`, d / b <= 1.0],
    searchNext: (d, b) => [`≤ 1.0× baseline`, d / b <= 1.0],
  },
  '10,000 entries': {
    firstRender: (d, b, profile) => profile === 'desktop' && ['≤ 1.5× baseline', d / b <= 1.5],
    afterData: (d, b, profile) => profile === 'desktop' && ['≤ 1.5× baseline', d / b <= 1.5],
    monthSwitch: (d, b, profile) => profile === 'desktop' && ['< 50 ms', d < 50],
    searchFirst: (d, b, profile) => profile === 'desktop' && ['< 50 ms', d < 50],
    searchNext: (d, b, profile) => profile === 'desktop' && ['< 50 ms', d < 50],
    memory: (d) => ['< 25 MB', d < 25 * 1048576],
  },
  '1,000 entries, RSS': { firstRender: rssGoal('1,000 entries') },
  '10,000 entries, RSS': { firstRender: rssGoal('10,000 entries') },
  '100,000 entries': {
    memory: (d, b) => ['≤ 1.5× baseline', d / b <= 1.5],
  },
  '100,000 entries, month-sharded': {
    dataBytes: (d) => ['≤ 200 KB', d <= 200 * 1024],
    firstRender: (d, b, profile) => [`≈ 1,000-entry case (${ms(first1k(profile))})`, first1k(profile) != null && d <= first1k(profile) * 1.1],
  },
};
// The static columns only when a case has a static floor.
const withStatic = results.some((r) => r.static);
const rows = [['profile', 'case', 'measure', 'Datelines', 'baseline', 'ratio', ...(withStatic ? ['static', 'static/baseline'] : []), 'goal']];
const metrics = [['fcp', 'first contentful paint', ms], ['firstRender', 'first list render', ms], ['liveRender', 'live list (app started)', ms], ['secondVisit', 'second visit, warm cache (live list)', ms], ['afterData', 'render after data arrives', ms], ['monthSwitch', 'month switch (keyboard)', ms], ['openCard', 'open detail card (mouse)', ms], ['searchFirst', 'search key press (first letter)', ms], ['searchNext', 'search key press (next letters)', ms], ['memory', 'JS heap + wasm memory', mb], ['bytes', 'bytes transferred (all)', kb], ['dataBytes', 'bytes transferred (data)', kb]];
for (const r of results) {
  for (const [key, label, fmt] of metrics) {
    const d = r.datelines?.[key];
    const b = r.baseline?.[key];
    const s = r.static?.[key];
    if (d == null && b == null && s == null) continue;
    // The live list differs from the first one only where the page is prerendered.
    if (key === 'liveRender' && !r.static) continue;
    const goal = goals[r.name]?.[key]?.(d, b, r.profile, s);
    rows.push([r.profile, r.name, label, fmt(d), fmt(b), ratio(d, b), ...(withStatic ? [fmt(s), ratio(s, b)] : []), goal ? `${goal[0]}: ${d == null ? 'not measured' : goal[1] ? 'met' : 'NOT met'}` : '']);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`Datelines benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, median of ${RUNS} runs, Chromium ${browser.version?.() ?? ''}, br (precompressed; feeds gzip)`);
console.log('Profiles: desktop = no throttling; phone = CPU 4× slower, 1.6 Mbps down, 750 kbps up, 150 ms latency. Ratios: Datelines / baseline, static / baseline.');
console.log(line(rows[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
