// The benchmark's baseline: the same news list, markup and behaviour as Datelines (month filter
// with counts, month headings, 50 entries then "More news", a detail card as a modal dialog),
// hand-written in plain JavaScript with no framework. It shows what the browser itself costs.
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

const src = new URLSearchParams(location.search).get('src');
const data = await (await fetch(src)).json();
const items = data.items.slice().sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
const counts = new Map();
for (const it of items) counts.set(monthKey(it.date), (counts.get(monthKey(it.date)) ?? 0) + 1);
const months = [...counts.keys()].sort().reverse();

let month = '';
let pages = 1;
let shown = items;
const count = el('p', { class: 'dl-count', 'aria-live': 'polite' });
const select = el('select', { id: 'dl-month', class: 'dl-select', onchange: () => { month = select.value; pages = 1; render(); } },
  el('option', { value: '' }, 'All months'), ...months.map((m) => el('option', { value: m }, `${monthLabel(m)} (${counts.get(m)})`)));
const list = el('div');
main.append(
  el('div', { class: 'dl-news' },
    el('header', { class: 'dl-header' }, el('h1', { class: 'dl-heading' }, data.title ?? 'News'), count),
    el('div', { class: 'dl-filter' }, el('label', { class: 'dl-filter-label', for: 'dl-month' }, 'Month'), select),
    list,
    el('p', { class: 'dl-back-to-top' }, el('a', { href: '#dl-top' }, 'Back to top'))));

function entry(it) {
  const thumb = el('div', { class: 'dl-thumb' });
  if (it.image) {
    const img = el('img', { class: 'dl-thumb-img', src: it.image.src, alt: it.image.alt ?? '', width: 320, height: 180, loading: 'lazy', decoding: 'async' });
    img.addEventListener('error', () => img.replaceWith(el('div', { class: 'dl-thumb-placeholder', role: 'img', 'aria-label': it.image.alt ?? '' }, el('span', { class: 'dl-thumb-alt', 'aria-hidden': 'true' }, it.image.alt ?? ''))));
    thumb.append(img);
  }
  const link = el('a', { class: 'dl-title-link', href: `?item=${encodeURIComponent(it.id)}`, onclick: (e) => { e.preventDefault(); openCard(it); } }, it.title);
  return el('li', { class: 'dl-entry' }, el('article', { class: 'dl-article' }, thumb,
    el('div', { class: 'dl-entry-text' }, el('time', { class: 'dl-date', datetime: it.date.slice(0, 10) }, shortDate(it.date)),
      el('h3', { class: 'dl-title' }, link), ...(it.summary ? [el('p', { class: 'dl-summary' }, it.summary)] : []))));
}

function render() {
  shown = month ? items.filter((it) => monthKey(it.date) === month) : items;
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
