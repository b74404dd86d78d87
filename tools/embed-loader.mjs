// Trunk post-build hook: writes `datelines.js`, the embed loader, next to the hashed files of
// this build. Host pages load it under this one fixed name; it finds the hashed module and
// wasm beside itself through import.meta.url, so their snippet never changes.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const files = readdirSync(dir);
const glue = files.find((f) => /^datelines-[0-9a-f]+\.js$/.test(f));
const wasm = files.find((f) => /^datelines-[0-9a-f]+_bg\.wasm$/.test(f));
if (!glue || !wasm) {
  console.error(`embed-loader: no hashed datelines-*.js / *_bg.wasm in ${dir}: ${files.join(', ')}`);
  process.exit(1);
}

const loader = `// Datelines embed loader: defines <datelines-news>. Generated at build time by
// tools/embed-loader.mjs; host pages load this file under its fixed name.
const GLUE = new URL('./${glue}', import.meta.url).href;
const WASM = new URL('./${wasm}', import.meta.url).href;
const OBSERVED = ['src', 'month', 'limit', 'more-href', 'lang', 'theme'];
let ready = null;

// One module for every widget on the page.
function load() {
  ready ??= import(GLUE).then(async (module) => {
    await module.default({ module_or_path: WASM });
    return module;
  });
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

  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (!this._widget) {
      // Reserve the space the list will take, so nothing on the host page jumps.
      const box = document.createElement('div');
      box.className = 'dl-loader';
      box.setAttribute('aria-busy', 'true');
      const limit = parseInt(this.getAttribute('limit') ?? '', 10);
      if (limit > 0) box.style.setProperty('--dl-reserve', \`\${Math.min(limit, 12) * 9 + 12}em\`);
      root.replaceChildren(box);
      if (placeholderSheet) root.adoptedStyleSheets = [placeholderSheet];
    }
    const token = (this._token = {});
    load()
      .then((module) => {
        if (!this.isConnected || this._token !== token || this._widget) return;
        this._widget = module.mount_widget(this);
      })
      .catch((error) => {
        console.error('Datelines could not start:', error);
        const message = document.createElement('p');
        message.textContent = 'The news could not be shown.';
        root.replaceChildren(message);
      });
  }

  disconnectedCallback() {
    this._token = null;
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

if (!customElements.get('datelines-news')) customElements.define('datelines-news', DatelinesNews);
`;
writeFileSync(join(dir, 'datelines.js'), loader);
console.log(`embed-loader: wrote datelines.js -> ${glue}, ${wasm}`);
