// The configurator (configure.html): turns the form into <datelines-news> attributes, sets them
// on the live preview and writes the snippet to paste. A plain file beside the widget's own, with
// no inline script or style, so the page runs under the widget's strict CSP and from any static
// copy of dist/ or of the npm package.

const $ = (id) => document.getElementById(id);
const form = $('options');
const preview = $('preview');
const snippet = $('snippet');
const status = $('copy-status');

// Written into the page at build time (tools/configure.mjs), so the CDN snippet names exactly the
// datelines.js beside this page.
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? '';
const VERSION = meta('datelines-version');
const INTEGRITY = meta('datelines-integrity');

// Every attribute this page may set, in the order the snippet lists them.
const ATTRIBUTES = ['src', 'layout', 'theme', 'lang', 'limit', 'controls', 'heading', 'date-style', 'date-threshold', 'refresh'];
// The widget's own default set of controls (Controls::DEFAULT in src/presentation.rs): it needs
// no attribute.
const DEFAULT_CONTROLS = 'month topic';

/**
 * The attributes the form describes, as a Map in snippet order. A default leaves its attribute
 * out (each select's default option has the value ""), so the snippet stays short and follows the
 * widget's defaults if they ever change.
 */
function chosen() {
  const attrs = new Map();
  const text = (id) => $(id).value.trim();
  for (const id of ['src', 'layout', 'theme', 'lang']) {
    if (text(id)) attrs.set(id, text(id));
  }
  // A number the browser accepts (a whole number, 1 or more); anything else is left out.
  const limit = $('limit');
  if (limit.value && limit.validity.valid) attrs.set('limit', String(Number(limit.value)));
  const controls = [...form.querySelectorAll('input[name="controls"]:checked')].map((box) => box.value).join(' ');
  if (controls !== DEFAULT_CONTROLS) attrs.set('controls', controls || 'none');
  if ($('no-heading').checked) attrs.set('heading', 'none');
  else if (text('heading')) attrs.set('heading', text('heading'));
  if (text('date-style')) attrs.set('date-style', text('date-style'));
  // The threshold only means something for relative dates.
  if (text('date-style') === 'relative' && text('date-threshold')) attrs.set('date-threshold', text('date-threshold'));
  if (text('refresh')) attrs.set('refresh', text('refresh'));
  return attrs;
}

/** `value` as an HTML attribute value inside double quotes. */
const escape = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// The width below which the snippet's reserve is worked out for a phone's column.
const NARROW = 360;

/**
 * CSS that holds the widget's space from the host's first paint, before datelines.js has run:
 * the height the preview takes with this feed, and on a phone the loader's estimate
 * (tools/reserve.mjs) corrected by how far the preview is from its own. Once the element is
 * defined, the loader holds the same height until the news shows.
 */
function reserveCss(attrs) {
  const Element = customElements.get('datelines-news');
  if (!Element?.reserve) return '';
  const estimate = (width) => Element.reserve({
    layout: attrs.get('layout') ?? null,
    limit: attrs.get('limit') ?? null,
    heading: attrs.get('heading') ?? null,
    controls: attrs.get('controls') ?? null,
    width,
  });
  const box = preview.getBoundingClientRect();
  // The preview's real height once its news shows (no loading rows, no reserve held).
  const root = preview.shadowRoot;
  const shown = root?.querySelector('.dl-entries article') && !root.querySelector('.dl-loading');
  const wide = shown ? Math.ceil(box.height) : estimate(box.width || 640);
  const narrow = Math.round(estimate(NARROW) * (shown ? box.height / estimate(box.width) : 1));
  return '<style>\n'
    + '  /* Holds the news list\'s space until it starts (under a strict CSP, put this in your stylesheet). */\n'
    + `  datelines-news:not(:defined) { display: block; min-height: ${wide}px; }\n`
    + `  @media (max-width: ${NARROW + 200}px) { datelines-news:not(:defined) { min-height: ${narrow}px; } }\n`
    + '</style>\n';
}

/** The snippet: the loader's script tag, the reserve's CSS, then the element. */
function snippetFor(attrs, fromCdn) {
  // The self-hosted form is the same tag with your own address (see README, "Self-hosting"): the
  // integrity value is that of the same datelines.js.
  const src = fromCdn ? `https://cdn.jsdelivr.net/npm/datelines@${VERSION}/datelines.js` : '/datelines/datelines.js';
  const script = `<script type="module" src="${src}"\n        crossorigin="anonymous" integrity="${INTEGRITY}"></script>`;
  const element = `<datelines-news${[...attrs].map(([name, value]) => ` ${name}="${escape(value)}"`).join('')}></datelines-news>`;
  return `${script}\n${reserveCss(attrs)}${element}\n`;
}

// The feed address reaches the preview only when the field is left (or Enter pressed): every
// keystroke would otherwise start a download of a half-typed address. The browser may have
// restored the form's values (Back, reload), so everything starts from what the form shows.
let previewSrc = $('src').value.trim();

/** Brings the preview, the snippet and the page's own state in line with the form. */
function update() {
  const attrs = chosen();
  $('heading').disabled = $('no-heading').checked;
  $('threshold-field').hidden = $('date-style').value !== 'relative';

  // Every attribute is live on a mounted widget: set what changed, remove what is now default.
  const wanted = new Map(attrs);
  if (previewSrc) wanted.set('src', previewSrc);
  else wanted.delete('src');
  for (const name of ATTRIBUTES) {
    const value = wanted.get(name);
    if (value === undefined) preview.removeAttribute(name);
    else if (preview.getAttribute(name) !== value) preview.setAttribute(name, value);
  }

  const fromCdn = document.querySelector('input[name="snippet-form"]:checked').value === 'cdn';
  $('cdn-note').hidden = !fromCdn;
  $('self-note').hidden = fromCdn;
  const text = snippetFor(attrs, fromCdn);
  if (snippet.value !== text) {
    snippet.value = text;
    // A "Copied" from before the change would now be about another snippet.
    status.textContent = '';
  }
}

form.addEventListener('input', update);
form.addEventListener('change', (event) => {
  if (event.target.id === 'src') previewSrc = $('src').value.trim();
  update();
});
$('snippet-form').addEventListener('change', update);
// Enter in the address field applies it too. The form is never sent anywhere.
$('src').addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  previewSrc = $('src').value.trim();
  update();
});
form.addEventListener('submit', (event) => event.preventDefault());

$('copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippet.value);
    status.textContent = 'Copied';
  } catch {
    // No clipboard access (an older browser, an insecure origin, a refused permission): select
    // the snippet so one key press copies it.
    snippet.focus();
    snippet.select();
    status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy';
  }
});

for (const version of document.querySelectorAll('.cfg-version')) version.textContent = VERSION;
update();
// The reserve comes from the loader, and from the preview's height once its news shows.
customElements.whenDefined('datelines-news').then(update);
new ResizeObserver(() => update()).observe(preview);
