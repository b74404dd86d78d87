// The space a <datelines-news> widget holds on its host page until its news is shown, so that
// nothing on the page moves when it arrives. One function for every user: the loader
// (tools/embed-loader.mjs writes its source into datelines.js), the configurator's snippet
// (through `customElements.get('datelines-news').reserve`), and the benchmark's host pages.
// Plain JavaScript with no imports, since its source is copied as it is.

/**
 * The height, in CSS pixels, that a widget of this `layout`, `limit`, `width` (px), `heading` and
 * `controls` (the attributes' values, null when absent) takes once its news is shown, at the
 * reader's default font size: the space held for it until then.
 *
 * An estimate: an entry's height depends on its text. The figures are the layouts of
 * style/datelines.css measured with the bundled news (summaries of two to four lines) at list
 * widths of 328, 380, 736 and 1,248 px, interpolated between them. A host that knows its feed
 * reserves the real height in its own CSS (the configurator measures it), which the loader then
 * keeps instead. Also `customElements.get('datelines-news').reserve(...)`.
 */
export function reserve({ layout = null, limit = null, width = 600, heading = null, controls = null } = {}) {
  const count = parseInt(limit ?? '', 10);
  // Without a limit every entry shows; a typical feed's first page is about ten.
  const entries = count > 0 ? Math.min(count, 50) : 10;
  // The list's own width: the element's, less the widget's 1em padding on each side.
  const inner = Math.max(width - 32, 160);
  // [list width, one entry's height] for each layout, measured.
  const ENTRY = {
    list: [[328, 575], [380, 554], [736, 247], [1248, 222]],
    compact: [[328, 157], [380, 126], [736, 98], [1248, 92]],
    headlines: [[328, 98], [380, 88], [736, 46], [1248, 36]],
  };
  const at = (points) => {
    if (inner <= points[0][0]) return points[0][1];
    for (let i = 1; i < points.length; i += 1) {
      const [[x0, y0], [x1, y1]] = [points[i - 1], points[i]];
      if (inner <= x1) return y0 + ((y1 - y0) * (inner - x0)) / (x1 - x0);
    }
    return points[points.length - 1][1];
  };
  const given = (layout ?? '').trim().toLowerCase();
  // A layout of the widget's, else the list (as the widget reads an unknown one); never a name
  // an object inherits ("constructor").
  const name = Object.hasOwn(ENTRY, given) || given === 'cards' ? given : 'list';
  // Everything but the entries, measured with a limit: the padding, the heading and count, the
  // row of controls, the month headings (two), "More news" and "Back to top".
  let chrome = { list: 320, compact: 390, headlines: 375, cards: 330 }[name];
  if (heading?.trim().toLowerCase() === 'none') chrome -= 50;
  if ((controls ?? '').trim().toLowerCase() === 'none') chrome -= 44;
  if (!(count > 0)) chrome -= 44;
  if (name === 'cards') {
    // A grid of 1 to 4 columns by the list's width (container queries at 30, 46 and 62em), a
    // grid per month: about one row more than the entries fill.
    const columns = inner >= 992 ? 4 : inner >= 736 ? 3 : inner >= 480 ? 2 : 1;
    const rows = Math.min(entries, Math.ceil(entries / columns) + 1);
    return Math.round(chrome + rows * 560);
  }
  return Math.round(chrome + entries * at(ENTRY[name]));
}
