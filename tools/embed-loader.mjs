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
  'controls', 'date-style', 'date-threshold', 'refresh'];
let ready = null;

// Which file failed, for the console.
const failed = (file) => (error) => { throw new Error(\`\${file} did not load or does not match its hash (\${error?.message ?? error})\`); };

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
    preload.rel = 'modulepreload';
    preload.href = GLUE;
    preload.integrity = GLUE_INTEGRITY;
    preload.crossOrigin = 'anonymous';
    document.head.append(preload);
    const wasm = fetch(WASM, { integrity: WASM_INTEGRITY, credentials: 'omit' }).catch(failed(WASM));
    wasm.catch(() => {});
    const sheet = fetch(CSS, { integrity: CSS_INTEGRITY, credentials: 'omit' })
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

let placeholderSheet = null;
try {
  placeholderSheet = new CSSStyleSheet();
  placeholderSheet.replaceSync(':host{display:block}.dl-loader{min-height:var(--dl-reserve,30em);font-size:medium}');
} catch (_) {
  placeholderSheet = null;
}

class DatelinesNews extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  /** This copy's version: \`customElements.get('datelines-news').version\`. */
  static get version() {
    return VERSION;
  }

  connectedCallback() {
    // A no-script fallback inside the element (\`datelines-cli render --fragment\`) stays on show
    // until the app attaches its shadow root; without one, a placeholder holds the space.
    const fallback = !this.shadowRoot && this.firstElementChild !== null;
    if (!this._widget && !fallback) {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      // Reserve the space the list will take, so nothing on the host page jumps.
      // :host { display: block } first, so the element has its real width to measure.
      if (placeholderSheet) root.adoptedStyleSheets = [placeholderSheet];
      const box = document.createElement('div');
      box.className = 'dl-loader';
      box.setAttribute('aria-busy', 'true');
      // Estimate the list's height from the element's width: below 34em the thumbnails stack
      // above the text (see style/datelines.css), so each entry is much taller.
      const limit = parseInt(this.getAttribute('limit') ?? '', 10);
      const entries = limit > 0 ? Math.min(limit, 12) : 4;
      const em = 16;
      // The list's own width: the element's, less the widget's 1em padding on each side.
      const width = (this.getBoundingClientRect().width || 600) - 2 * em;
      const perEntry = width < 34 * em ? width * 9 / 16 + 16 * em : 11 * em;
      box.style.setProperty('--dl-reserve', \`\${Math.round(14 * em + entries * perEntry)}px\`);
      root.replaceChildren(box);
    }
    const token = (this._token = {});
    load()
      .then(({ module, sheet }) => {
        if (!this.isConnected || this._token !== token || this._widget) return;
        this._widget = module.mount_widget(this, sheet);
        // Out of view, a poll's news renders nothing until the widget is seen (src/embed.rs).
        this._seen = new IntersectionObserver((entries) => {
          this._widget?.set_in_view(entries[entries.length - 1].isIntersecting);
        });
        this._seen.observe(this);
      })
      .catch((error) => {
        console.error('Datelines could not start:', error);
        const message = document.createElement('p');
        // The app (and its language data) did not load, so the loader says it in the
        // element's language itself: English, or French (see src/i18n/).
        // The same rule as language_of in src/embed.rs: the nearest non-empty lang.
        const lang = this.closest("[lang]:not([lang=''])")?.getAttribute('lang') ?? '';
        const french = /^\s*fr(?:[-_]|\s*$)/i.test(lang);
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

  disconnectedCallback() {
    this._token = null;
    this._seen?.disconnect();
    this._seen = null;
    if (this._widget) {
      this._widget.unmount();
      this._widget.free();
      this._widget = null;
    }
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue !== value && this._widget) this._widget.set_attribute(name, value);
  }
}

// A second copy on the page (another version, another address) leaves the first in place.
const defined = customElements.get('datelines-news');
if (!defined) {
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
