// The benchmark's baseline: the same news list, markup and behaviour as Datelines (month filter
// with counts, keyword search as you type, month headings, 50 entries then "More news", a detail
// card as a modal dialog), hand-written in plain JavaScript with no framework. It shows what the
// browser itself costs.
const PAGE = 50;
const SHORT = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sep.', 'Oct.', 'Nov.', 'Dec.'];
const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const main = document.querySelector('main');
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
};
const monthKey = (d) => d.slice(0, 7);
const monthLabel = (k) => `${LONG[+k.slice(5, 7) - 1]} ${k.slice(0, 4)}`;
const shortDate = (d) => `${d.slice(8, 10)} ${SHORT[+d.slice(5, 7) - 1]} ${d.slice(0, 4)}`;
const countLabel = (n) => (n === 1 ? '1 entry' : `${n} entries`);

// Search. Query and text are folded the same way: lower case, accents removed (NFD without the
// combining marks), and the letters NFD leaves alone (ß, œ, æ, ø, đ, ł) spelled out.
const SPECIAL = { ß: 'ss', œ: 'oe', æ: 'ae', ø: 'o', đ: 'd', ł: 'l' };
const fold = (s) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[ßœæøđł]/g, (c) => SPECIAL[c]);
// The terms of a query: a double-quoted part is one phrase (an unclosed quote runs to the end),
// other text splits on whitespace. Empty terms are dropped; no terms means no filter.
function terms(query) {
  const out = [];
  query.split('"').forEach((part, i) => {
    if (i % 2) {
      const phrase = fold(part.trim());
      if (phrase) out.push(phrase);
    } else {
      for (const word of part.split(/\s+/)) if (word) out.push(fold(word));
    }
  });
  return out;
}
// Highlighting: a text folded one code point at a time, with where each folded character came
// from, so that a match in the folded text maps back to the original (ß→ss is longer, a
// combining mark folds to nothing and goes with the letter before it).
const foldedChars = new Map();
function foldMapped(text) {
  let folded = '';
  const from = [];
  const to = [];
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i));
    const j = i + ch.length;
    let f = foldedChars.get(ch);
    if (f === undefined) foldedChars.set(ch, (f = fold(ch)));
    if (f) {
      folded += f;
      for (let k = 0; k < f.length; k++) { from.push(i); to.push(j); }
    } else {
      for (let k = to.length - 1; k >= 0 && to[k] === i; k--) to[k] = j;
    }
    i = j;
  }
  return { folded, from, to };
}
// The text as nodes, with every occurrence of a term in a <mark> (overlapping ones merged).
function highlighted(text, query) {
  if (!query.length) return [text];
  const { folded, from, to } = foldMapped(text);
  const ranges = [];
  for (const t of query) {
    for (let at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + t.length)) ranges.push([at, at + t.length]);
  }
  if (!ranges.length) return [text];
  ranges.sort((a, b) => a[0] - b[0]);
  const nodes = [];
  let done = 0;
  for (let r = 0; r < ranges.length;) {
    const start = ranges[r][0];
    let end = ranges[r][1];
    for (r++; r < ranges.length && ranges[r][0] <= end; r++) end = Math.max(end, ranges[r][1]);
    const a = from[start];
    const b = to[end - 1];
    if (a > done) nodes.push(text.slice(done, a));
    if (b > a) nodes.push(el('mark', {}, text.slice(a, b)));
    done = Math.max(done, b);
  }
  if (done < text.length) nodes.push(text.slice(done));
  return nodes;
}

// RSS 2.0, read with the browser's DOMParser, as a careful plain-JS feed widget reads it: the
// same fields Datelines shows (guid, title, link, description as text, pubDate, an image
// enclosure), the date as written in its own offset.
const RFC822_MONTHS = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };
function rssItems(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const textOf = (item, name) => item.getElementsByTagName(name)[0]?.textContent.trim() ?? '';
  const htmlText = (html) => (html.includes('<') ? new DOMParser().parseFromString(html, 'text/html').body.textContent.trim() : html);
  return [...doc.getElementsByTagName('item')].map((item) => {
    const [, d, mon, y, time] = textOf(item, 'pubDate').match(/(\d{1,2}) (\w{3}) (\d{4}) ([\d:]+)/) ?? [];
    const enclosure = item.getElementsByTagName('enclosure')[0];
    const image = enclosure && /^image\//.test(enclosure.getAttribute('type') ?? '') ? { src: enclosure.getAttribute('url'), alt: textOf(item, 'title') } : undefined;
    return {
      id: textOf(item, 'guid'),
      date: d ? `${y}-${RFC822_MONTHS[mon]}-${d.padStart(2, '0')}T${time}` : 'undated',
      title: textOf(item, 'title'),
      summary: htmlText(textOf(item, 'description')),
      url: textOf(item, 'link'),
      image,
    };
  });
}

const src = new URLSearchParams(location.search).get('src');
const body = await (await fetch(src)).text();
const data = body.trimStart().startsWith('<') ? { items: rssItems(body) } : JSON.parse(body);
const items = data.items.slice().sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
const counts = new Map();
for (const it of items) counts.set(monthKey(it.date), (counts.get(monthKey(it.date)) ?? 0) + 1);
const months = [...counts.keys()].sort().reverse();

// Each entry's folded text (title, summary, tags, authors), made once: in idle time after the
// first render, a slice at a time, or at the first search if that comes sooner.
const haystacks = new Array(items.length);
let folded = 0;
const foldOne = (it) => fold([it.title, it.summary ?? '', (it.tags ?? []).join(' '), (it.authors ?? []).join(' ')].join('\n'));
function foldAll(deadline) {
  while (folded < items.length && (!deadline || deadline.timeRemaining() > 1)) {
    haystacks[folded] = foldOne(items[folded]);
    folded++;
  }
  if (folded < items.length && deadline) requestIdleCallback(foldAll);
}

let month = '';
let pages = 1;
let shown = items;
let query = [];
let matches = items; // the entries the search matches, in all months
let queryText = '';
const count = el('p', { class: 'dl-count', 'aria-live': 'polite' });
const options = months.map((m) => el('option', { value: m }, `${monthLabel(m)} (${counts.get(m)})`));
const optionCounts = new Map(counts);
const select = el('select', { id: 'dl-month', class: 'dl-select', onchange: () => { month = select.value; pages = 1; render(); } },
  el('option', { value: '' }, 'All months'), ...options);
const search = el('input', { type: 'search', id: 'dl-search', class: 'dl-search', oninput: () => { setQuery(search.value); pages = 1; render(); } });
const list = el('div');
main.append(
  el('div', { class: 'dl-news' },
    el('header', { class: 'dl-header' }, el('h1', { class: 'dl-heading' }, data.title ?? 'News'), count),
    el('form', { class: 'dl-search-form', role: 'search', onsubmit: (e) => e.preventDefault() },
      el('label', { class: 'dl-filter-label', for: 'dl-search' }, 'Search'), search),
    el('div', { class: 'dl-filter' }, el('label', { class: 'dl-filter-label', for: 'dl-month' }, 'Month'), select),
    list,
    el('p', { class: 'dl-back-to-top' }, el('a', { href: '#dl-top' }, 'Back to top'))));

function setQuery(text) {
  if (text === queryText) return;
  queryText = text;
  query = terms(text);
  if (query.length) {
    foldAll(null);
    matches = [];
    for (let i = 0; i < items.length; i++) {
      const hay = haystacks[i];
      if (query.every((t) => hay.includes(t))) matches.push(items[i]);
    }
  } else {
    matches = items;
  }
  // The month options count what the search matches.
  const byMonth = query.length ? new Map() : counts;
  if (query.length) for (const it of matches) byMonth.set(monthKey(it.date), (byMonth.get(monthKey(it.date)) ?? 0) + 1);
  months.forEach((m, i) => {
    const n = byMonth.get(m) ?? 0;
    if (optionCounts.get(m) !== n) {
      optionCounts.set(m, n);
      options[i].textContent = `${monthLabel(m)} (${n})`;
    }
  });
}

function entry(it) {
  const thumb = el('div', { class: 'dl-thumb' });
  if (it.image) {
    const img = el('img', { class: 'dl-thumb-img', src: it.image.src, alt: it.image.alt ?? '', width: 320, height: 180, loading: 'lazy', decoding: 'async' });
    img.addEventListener('error', () => img.replaceWith(el('div', { class: 'dl-thumb-placeholder', role: 'img', 'aria-label': it.image.alt ?? '' }, el('span', { class: 'dl-thumb-alt', 'aria-hidden': 'true' }, it.image.alt ?? ''))));
    thumb.append(img);
  }
  const link = el('a', { class: 'dl-title-link', href: `?item=${encodeURIComponent(it.id)}`, onclick: (e) => { e.preventDefault(); openCard(it); } }, ...highlighted(it.title, query));
  return el('li', { class: 'dl-entry' }, el('article', { class: 'dl-article' }, thumb,
    el('div', { class: 'dl-entry-text' }, el('time', { class: 'dl-date', datetime: it.date.slice(0, 10) }, shortDate(it.date)),
      el('h3', { class: 'dl-title' }, link), ...(it.summary ? [el('p', { class: 'dl-summary' }, ...highlighted(it.summary, query))] : []))));
}

function render() {
  shown = month ? matches.filter((it) => monthKey(it.date) === month) : matches;
  count.textContent = countLabel(shown.length);
  const visible = shown.slice(0, PAGE * pages);
  const sections = [];
  let current = null;
  for (const it of visible) {
    const k = monthKey(it.date);
    if (!current || current.k !== k) {
      current = { k, ol: el('ol', { class: 'dl-entries', role: 'list' }) };
      sections.push(el('section', { class: 'dl-month' }, el('h2', { class: 'dl-month-heading' }, monthLabel(k)), current.ol));
    }
    current.ol.append(entry(it));
  }
  if (visible.length < shown.length) {
    sections.push(el('p', { class: 'dl-more' }, el('button', { type: 'button', class: 'dl-button', onclick: () => { pages += 1; render(); } }, 'More news')));
  }
  list.replaceChildren(...sections);
}

function openCard(it) {
  const dialog = el('dialog', { class: 'dl-card', 'aria-labelledby': 'dl-card-title' });
  const close = () => { dialog.close(); dialog.remove(); };
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  const heading = el('h2', { class: 'dl-card-title', id: 'dl-card-title', tabindex: '-1' }, it.title);
  dialog.append(el('div', { class: 'dl-card-inner' },
    el('div', { class: 'dl-card-bar' }, el('button', { type: 'button', class: 'dl-button dl-close', onclick: close }, 'Close')),
    el('time', { class: 'dl-date', datetime: it.date.slice(0, 10) }, it.date.slice(0, 10)), heading,
    el('div', { class: 'dl-card-text' }, el('p', {}, it.summary ?? ''))));
  main.append(dialog);
  dialog.showModal();
  heading.focus();
}

render();
requestIdleCallback(foldAll);
