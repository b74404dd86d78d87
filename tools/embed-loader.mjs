// Trunk post-build hook: writes `datelines.js`, the embed loader (and the strict-CSP copy of the
// embed demo), next to the hashed files of this build. Host pages load it under this one fixed
// name; it finds the hashed module and wasm beside itself through import.meta.url, so their
// snippet never changes, and it has their SHA-384 hashes written into it, so the browser runs
// nothing unless it is exactly this build's (Subresource Integrity for the glue, the wasm and
// the stylesheet, which the widget shares with the page).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { cargoField } from './cargo-package.mjs';
import { reserve } from './reserve.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const files = readdirSync(dir);
const glue = files.find((f) => /^datelines-[0-9a-f]+\.js$/.test(f));
const wasm = files.find((f) => /^datelines-[0-9a-f]+_bg\.wasm$/.test(f));
const css = files.find((f) => /^datelines-[0-9a-f]+\.css$/.test(f));
if (!glue || !wasm || !css) {
  console.error(`embed-loader: no hashed datelines-*.js / *_bg.wasm / *.css in ${dir}: ${files.join(', ')}`);
  process.exit(1);
}

const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(join(dir, file))).digest('base64')}`;
const version = cargoField('version');
if (!version) {
  console.error('embed-loader: no version in Cargo.toml');
  process.exit(1);
}

const loader = `// Datelines ${version}: defines <datelines-news>. Written by tools/embed-loader.mjs at build time.
// Host pages load this file under its fixed name.
const VERSION = '${version}';
const GLUE = new URL('./${glue}', import.meta.url).href;
const WASM = new URL('./${wasm}', import.meta.url).href;
const CSS = new URL('./${css}', import.meta.url).href;
// What the files must hash to. A changed or truncated file is refused by the browser
// before any of it runs.
const GLUE_INTEGRITY = '${sri(glue)}';
const WASM_INTEGRITY = '${sri(wasm)}';
const CSS_INTEGRITY = '${sri(css)}';
const OBSERVED = ['src', 'month', 'limit', 'more-href', 'lang', 'theme', 'search', 'q', 'tag', 'label', 'layout', 'heading',
  'controls', 'date-style', 'date-threshold', 'refresh', 'loading'];
let ready = null;

// Which file failed, for the console.
const failed = (file) => (error) => { throw new Error(\`\${file} did not load or does not match its hash (\${error?.message ?? error})\`); };

// While the host page is still loading, the widget's files ask for a low priority, so they never
// take bandwidth from the host's own first view; once it has loaded, the browser's default.
const priority = () => (document.readyState === 'complete' ? 'auto' : 'low');

// Gives the main thread back to the browser between two pieces of work, so neither makes a
// long task on the host page: scheduler.yield() where there is one (it keeps the widget's place
// in the queue), else a new task.
const yieldToHost = () => globalThis.scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve, 0));

// The host's first paint: the next frame, then a task after it. Nothing of the widget is
// fetched before it.
let painted = null;
const afterFirstPaint = () => (painted ??= new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));

// How far ahead of the screen a lazy widget starts: about one viewport, so its list is there
// by the time the reader scrolls to it.
const AHEAD = '100% 0px 100% 0px';

// One module and one stylesheet for every widget on the page. The glue goes through a
// modulepreload link that carries its hash, so the import below gets the checked module or
// fails; the wasm is fetched with its hash and compiled as it streams in. The stylesheet, the
// page's own, is fetched with its hash at the same time and becomes a constructed sheet, which
// no style-src policy blocks (the wasm carries only the widget's few extra rules).
function load() {
  ready ??= (async () => {
    const preload = document.createElement('link');
    // Without modulepreload the import below would run the JS unchecked: refuse instead.
    if (!preload.relList?.supports?.('modulepreload')) {
      throw new Error(\`\${GLUE} cannot be checked against its hash in this browser (no modulepreload)\`);
    }
    const fetchPriority = priority();
    preload.rel = 'modulepreload';
    preload.href = GLUE;
    preload.integrity = GLUE_INTEGRITY;
    preload.crossOrigin = 'anonymous';
    preload.fetchPriority = fetchPriority;
    document.head.append(preload);
    const wasm = fetch(WASM, { integrity: WASM_INTEGRITY, credentials: 'omit', priority: fetchPriority }).catch(failed(WASM));
    wasm.catch(() => {});
    const sheet = fetch(CSS, { integrity: CSS_INTEGRITY, credentials: 'omit', priority: fetchPriority })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(\`HTTP \${response.status}\`))))
      .then((text) => {
        const constructed = new CSSStyleSheet();
        constructed.replaceSync(text);
        return constructed;
      })
      .catch(failed(CSS));
    sheet.catch(() => {});
    const module = await import(GLUE).catch(failed(GLUE));
    await module.default({ module_or_path: wasm });
    return { module, sheet: await sheet };
  })();
  // A failure is not kept: a widget added later tries again.
  ready.catch(() => { ready = null; });
  return ready;
}

// The height each widget's host CSS held for it before the element was defined.
const held = new WeakMap();

// The space a widget holds until its news is shown (tools/reserve.mjs).
${reserve.toString()}

class DatelinesNews extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  /** This copy's version: \`customElements.get('datelines-news').version\`. */
  static get version() {
    return VERSION;
  }

  static reserve(options) {
    return reserve(options);
  }

  connectedCallback() {
    // A no-script fallback inside the element (\`datelines-cli render --fragment\`) stays on show
    // until the app attaches its shadow root; without one, the reserve holds the space.
    const fallback = !this.shadowRoot && this.firstElementChild !== null;
    if (!this._widget) this._hold(fallback);
    const token = (this._token = {});
    this._whenNeeded(token)
      .then(() => (this._token === token ? load() : null))
      .then(async (loaded) => {
        if (!loaded || !this.isConnected || this._token !== token || this._widget) return;
        // Each widget's mount is a task of its own, after the module's start.
        await yieldToHost();
        if (!this.isConnected || this._token !== token || this._widget) return;
        // A fallback's height is held as a reserve would be, until the news replaces it.
        const fallbackHeight = fallback && !this.shadowRoot ? this.getBoundingClientRect().height : 0;
        this._widget = loaded.module.mount_widget(this, loaded.sheet);
        this._keep(fallbackHeight);
        // Out of view, a poll's news renders nothing until the widget is seen (src/embed.rs).
        this._seen = new IntersectionObserver((entries) => {
          this._widget?.set_in_view(entries[entries.length - 1].isIntersecting);
        });
        this._seen.observe(this);
      })
      .catch((error) => {
        if (this._token !== token) return;
        this._release();
        console.error('Datelines could not start:', error);
        const message = document.createElement('p');
        // The app (and its language data) did not load, so the loader says it in the
        // element's language itself: English, or French (see src/i18n/).
        // The same rule as language_of in src/embed.rs: the nearest non-empty lang.
        const lang = this.closest("[lang]:not([lang=''])")?.getAttribute('lang') ?? '';
        const french = /^\\s*fr(?:[-_]|\\s*$)/i.test(lang);
        message.textContent = french ? 'Les actualités n’ont pas pu être affichées.' : 'The news could not be shown.';
        message.lang = french ? 'fr' : 'en';
        // A fallback, if any, says more than the message: it stays.
        if (!fallback) {
          (this.shadowRoot ?? this.attachShadow({ mode: 'open' })).replaceChildren(message);
        } else if (this.shadowRoot) {
          // The app attached its shadow root before failing: show the fallback through it again.
          this.shadowRoot.replaceChildren(document.createElement('slot'));
        }
      });
  }

  /**
   * Resolves when the widget should start: \`loading="eager"\` after the host's first paint;
   * otherwise (\`lazy\`, the default) once the element comes within about a viewport of the
   * screen, which a widget in the first screen is at once.
   */
  _whenNeeded(token) {
    this._near?.disconnect();
    return afterFirstPaint().then(() => new Promise((resolve) => {
      if (this._token !== token) return;
      this._go = resolve;
      if (this.getAttribute('loading')?.trim().toLowerCase() === 'eager') {
        resolve();
        return;
      }
      this._near = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this._near?.disconnect();
        this._near = null;
        resolve();
      }, { rootMargin: AHEAD });
      this._near.observe(this);
    }));
  }

  /**
   * Holds the widget's space until its news is shown: the fallback's height, else the height the
   * host's own CSS held for it, else the reserve for its layout, limit and width. The rule lives
   * in the shadow root (the host's markup is not touched) as :host's height, exactly: the loading
   * rows, taller or shorter, never move the host page, and neither does the news unless its
   * height differs from the one held.
   */
  _hold(fallback) {
    const root = this.shadowRoot ?? (fallback ? null : this.attachShadow({ mode: 'open' }));
    if (!root) return;
    // :host is a block first, so the element has its real width to measure.
    const block = new CSSStyleSheet();
    block.replaceSync(':host{display:block}');
    root.adoptedStyleSheets = [block];
    // The host's own height is for the first start only (the element may move elsewhere).
    const hosted = held.get(this);
    held.delete(this);
    const height = hosted || reserve({
      layout: this.getAttribute('layout'),
      limit: this.getAttribute('limit'),
      width: this.getBoundingClientRect().width || 600,
      heading: this.getAttribute('heading'),
      controls: this.getAttribute('controls'),
    });
    this._reserve = new CSSStyleSheet();
    this._reserve.replaceSync(\`:host{display:block;height:\${height}px;overflow:clip}\`);
    root.adoptedStyleSheets = [this._reserve];
    if (!root.firstChild) {
      const box = document.createElement('div');
      box.setAttribute('aria-busy', 'true');
      root.append(box);
    }
  }

  /**
   * After the mount: the reserve stays among the shadow root's sheets while the widget shows its
   * loading rows, and goes when the news (or an error) takes their place.
   */
  _keep(fallbackHeight) {
    const root = this.shadowRoot;
    if (!root) return;
    if (!this._reserve && fallbackHeight > 0) {
      this._reserve = new CSSStyleSheet();
      this._reserve.replaceSync(\`:host{height:\${fallbackHeight}px;overflow:clip}\`);
    }
    if (!this._reserve) return;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this._reserve];
    // Settled: the list (whatever it shows: entries, "no news", a notice) or an error is there,
    // and nothing is busy (the loading rows, or the rows still drawn a slice at a time, carry
    // aria-busy).
    const settled = () => root.querySelector('.dl-root') && !root.querySelector('[aria-busy="true"]')
      && root.querySelector('.dl-news, .dl-error');
    if (settled()) {
      this._release();
      return;
    }
    this._watch = new MutationObserver(() => { if (settled()) this._release(); });
    this._watch.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    // Whatever happens, the space is not held for good: a feed that never answers has its error
    // by then (10 s), and the widget its own height.
    this._giveUp = setTimeout(() => this._release(), 15000);
  }

  _release() {
    this._watch?.disconnect();
    this._watch = null;
    clearTimeout(this._giveUp);
    const root = this.shadowRoot;
    if (root && this._reserve) {
      const height = this.getBoundingClientRect().height;
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this._reserve);
      // A reserve in whole pixels (the snippet's) over a list a fraction of a pixel shorter stays
      // as a minimum, until the list's own height changes: a sub-pixel move of the host page is
      // still a layout shift.
      const list = root.querySelector('.dl-root');
      const natural = this.getBoundingClientRect().height;
      if (list && height - natural > 0 && height - natural < 1) {
        const keep = new CSSStyleSheet();
        keep.replaceSync(\`:host{min-height:\${height}px}\`);
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, keep];
        const start = list.getBoundingClientRect().height;
        const resized = new ResizeObserver(() => {
          if (Math.abs(list.getBoundingClientRect().height - start) < 0.5) return;
          resized.disconnect();
          root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== keep);
        });
        resized.observe(list);
      }
    }
    this._reserve = null;
  }

  disconnectedCallback() {
    this._token = null;
    this._near?.disconnect();
    this._near = null;
    this._seen?.disconnect();
    this._seen = null;
    this._release();
    if (this._widget) {
      this._widget.unmount();
      this._widget.free();
      this._widget = null;
    }
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    // \`loading="eager"\` set on a widget that waits for the reader: it starts now.
    if (name === 'loading') {
      if (!this._widget && value?.trim().toLowerCase() === 'eager' && this._go) {
        this._near?.disconnect();
        this._near = null;
        this._go();
      }
      return;
    }
    if (this._widget) this._widget.set_attribute(name, value);
  }
}

// A second copy on the page (another version, another address) leaves the first in place.
const defined = customElements.get('datelines-news');
if (!defined) {
  // The space a host already holds for its widgets in its own CSS (\`datelines-news:not(:defined)\`
  // in the snippet) is read before the element is defined, when that CSS still applies: the
  // loader holds exactly that, so nothing moves when it takes over.
  for (const element of document.querySelectorAll('datelines-news')) {
    const height = element.getBoundingClientRect().height;
    if (height > 0) held.set(element, height);
  }
  customElements.define('datelines-news', DatelinesNews);
} else if (defined.version !== VERSION) {
  console.warn(\`Datelines \${VERSION} (\${import.meta.url}) did not define <datelines-news>: Datelines \${defined.version ?? '(unknown version)'} already did, and is used.\`);
}
`;
// The comments inside the template are for this file's readers; the shipped loader is minified
// and keeps only its first line (what it is).
const [header, ...body] = loader.split('\n');
// Names are kept (a host reading it in devtools sees VERSION, GLUE, ...): 0.1 KB gzipped.
const { code } = transformSync(body.join('\n'), { loader: 'js', minifyWhitespace: true, minifySyntax: true, format: 'esm' });
writeFileSync(join(dir, 'datelines.js'), `${header}\n${code}`);
console.log(`embed-loader: wrote datelines.js -> ${glue}, ${wasm}`);

// The strict-CSP demo is the hostile demo page plus the policy, so the two never drift apart.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const demo = readFileSync(join(dir, 'embed.html'), 'utf8');
const strict = demo
  .replace('<meta charset="utf-8">', `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${CSP}">`)
  .replace(/<title>[^<]*<\/title>/, '<title>Datelines embed demo under a strict CSP</title>');
if (!strict.includes('Content-Security-Policy')) {
  console.error('embed-loader: could not add the CSP to embed.html');
  process.exit(1);
}
writeFileSync(join(dir, 'embed-csp.html'), strict);
