// Hand-written SVG charts (createElementNS, labels as text nodes): no library, CSP-safe.
import { s, h } from './dom.js';
import * as fmt from './fmt.js';

const trunc = (str, n) => (str.length > n ? `${str.slice(0, n - 1)}…` : str);
/** Phone-width screens get a narrower drawing, so that text keeps a readable size. */
const narrow = () => typeof matchMedia === 'function' && matchMedia('(max-width: 40rem)').matches;

/**
 * Horizontal bars, one per item: items [{ label, value (0–100 or null) }]. Returns a <figure>.
 */
export function barChart(title, items, { max = 100, format = fmt.pct, cls = '' } = {}) {
  const small = narrow();
  const rowH = 26;
  const labelW = small ? 132 : 210;
  const width = small ? 360 : 640;
  const barW = width - labelW - (small ? 62 : 80);
  const height = items.length * rowH + 24;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: `chart bars ${cls}`, role: 'img', 'aria-label': title });
  // grid lines at 0, 25, 50, 75, 100 %
  for (let i = 0; i <= 4; i += 1) {
    const x = labelW + (barW * i) / 4;
    svg.append(s('line', { x1: x, x2: x, y1: 0, y2: height - 18, class: 'grid' }));
    svg.append(s('text', { x, y: height - 4, 'text-anchor': 'middle', class: 'axis', text: fmt.num((max * i) / 4) }));
  }
  items.forEach((it, i) => {
    const y = i * rowH + 4;
    const g = s('g', { class: 'bar' });
    g.append(s('title', { text: `${it.label}: ${format(it.value)}` }));
    g.append(s('text', { x: labelW - 6, y: y + rowH / 2 + 4, 'text-anchor': 'end', class: 'label', text: trunc(it.label, small ? 16 : 30) }));
    const v = it.value === null || it.value === undefined ? 0 : Math.max(0, Math.min(max, it.value));
    g.append(s('rect', { x: labelW, y: y + 3, width: Math.max(0, (barW * v) / max), height: rowH - 8, rx: 2, class: it.value === null ? 'na' : 'value' }));
    g.append(s('text', { x: labelW + (barW * v) / max + 4, y: y + rowH / 2 + 4, class: 'val', text: format(it.value) }));
    svg.append(g);
  });
  return h('figure', { class: 'chart-box' }, h('figcaption', { text: title }), svg);
}

/**
 * Monthly trend: grouped columns for two series. months [{ label, a, b }]; names [nameA, nameB].
 */
export function trendChart(title, months, names) {
  const small = narrow();
  const width = small ? 360 : 720;
  const height = small ? 220 : 260;
  const left = small ? 36 : 48;
  const bottom = 40;
  const plotH = height - bottom - 12;
  const max = Math.max(1, ...months.flatMap((m) => [m.a || 0, m.b || 0]));
  const nice = niceMax(max);
  const slot = (width - left - 8) / Math.max(1, months.length);
  const colW = Math.max(2, Math.min(22, slot / 2 - 3));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart trend', role: 'img', 'aria-label': title });
  for (let i = 0; i <= 4; i += 1) {
    const y = 12 + plotH - (plotH * i) / 4;
    svg.append(s('line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'grid' }));
    svg.append(s('text', { x: left - 4, y: y + 4, 'text-anchor': 'end', class: 'axis', text: fmt.num((nice * i) / 4) }));
  }
  months.forEach((m, i) => {
    const x0 = left + slot * i + slot / 2;
    [['a', 'series-a', -colW - 1], ['b', 'series-b', 1]].forEach(([k, cls, dx]) => {
      const v = m[k] || 0;
      const hgt = (plotH * v) / nice;
      const g = s('g', {});
      g.append(s('title', { text: `${m.label} — ${names[k === 'a' ? 0 : 1]}: ${fmt.num(v)}` }));
      g.append(s('rect', { x: x0 + dx, y: 12 + plotH - hgt, width: colW, height: hgt, class: cls }));
      svg.append(g);
    });
    svg.append(s('text', { x: x0, y: height - bottom + 16, 'text-anchor': 'middle', class: 'axis', text: m.label }));
  });
  const legend = h('ul', { class: 'chart-legend' },
    h('li', {}, h('span', { class: 'swatch series-a', 'aria-hidden': 'true' }), names[0]),
    h('li', {}, h('span', { class: 'swatch series-b', 'aria-hidden': 'true' }), names[1]));
  return h('figure', { class: 'chart-box' }, h('figcaption', { text: title }), svg, legend);
}

function niceMax(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const k of [1, 2, 2.5, 5, 10]) if (k * p >= v) return k * p;
  return 10 * p;
}
