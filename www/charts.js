// Hand-written SVG charts (createElementNS, labels as text nodes): no library, CSP-safe.
import { s, h } from './dom.js';
import * as fmt from './fmt.js';

/** Phone-width screens get a narrower drawing, so that text keeps a readable size. */
const narrow = () => typeof matchMedia === 'function' && matchMedia('(max-width: 40rem)').matches;

let measure = null;
/** The width of `str` in the charts' 12 px labels, measured in the page's font (a canvas, never drawn). */
function textWidth(str) {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return str.length * 7.5;
  measure.font = `12px ${getComputedStyle(document.body).fontFamily}`;
  return measure.measureText(str).width;
}
/** Cuts a label only when it would not fit in `width` (then with an ellipsis). */
function fit(str, width) {
  if (textWidth(str) <= width) return str;
  let n = str.length - 1;
  while (n > 1 && textWidth(`${str.slice(0, n)}…`) > width) n -= 1;
  return `${str.slice(0, n)}…`;
}

/**
 * The axis of a rate chart: from a round number below the lowest value to 100, so that one point
 * of difference stays visible (98,77 % beside 100 % is not a full bar beside a full bar). The
 * axis starts at 0 only when the values are spread that far; the caller says where it starts.
 */
export function rateAxis(values) {
  const known = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (!known.length) return { min: 0, max: 100, step: 25 };
  const low = Math.min(...known);
  for (const step of [1, 2, 5, 10, 20, 25]) {
    const min = Math.floor((low - step / 2) / step) * step; // a margin, so the lowest bar is never empty
    if (min >= 0 && (100 - min) / step <= 5) return { min, max: 100, step };
  }
  return { min: 0, max: 100, step: 25 };
}

/**
 * Horizontal bars, one per item: items [{ label, value (a rate 0–100, or null) }]. The axis
 * starts where `rateAxis` says and the caption says so. Returns a <figure>.
 */
export function barChart(title, items, { format = fmt.pct, cls = '', axisNote = null } = {}) {
  const small = narrow();
  const rowH = 26;
  const width = small ? 360 : 720;
  // The label column takes what the longest label needs, up to half the drawing; a longer label is cut with "…".
  const longest = Math.max(0, ...items.map((it) => textWidth(it.label)));
  const labelW = Math.min(Math.round(width / 2), Math.max(small ? 110 : 160, Math.ceil(longest) + 12));
  const barW = width - labelW - (small ? 62 : 80);
  const height = items.length * rowH + 24;
  const { min, max, step } = rateAxis(items.map((it) => it.value));
  const span = max - min;
  const xOf = (v) => labelW + (barW * (Math.max(min, Math.min(max, v)) - min)) / span;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: `chart bars ${cls}`, role: 'img', 'aria-label': title });
  for (let v = min; v <= max + 1e-9; v += step) {
    const x = xOf(v);
    svg.append(s('line', { x1: x, x2: x, y1: 0, y2: height - 18, class: v === min && min > 0 ? 'grid axis-start' : 'grid' }));
    svg.append(s('text', { x, y: height - 4, 'text-anchor': 'middle', class: 'axis', text: fmt.num(v) }));
  }
  items.forEach((it, i) => {
    const y = i * rowH + 4;
    const g = s('g', { class: 'bar' });
    g.append(s('title', { text: `${it.label}: ${format(it.value)}` }));
    g.append(s('text', { x: labelW - 6, y: y + rowH / 2 + 4, 'text-anchor': 'end', class: 'label', text: fit(it.label, labelW - 10) }));
    const known = typeof it.value === 'number';
    const x = known ? xOf(it.value) : labelW;
    g.append(s('rect', { x: labelW, y: y + 3, width: Math.max(0, x - labelW), height: rowH - 8, rx: 2, class: known ? 'value' : 'na', 'data-v': known ? it.value : null }));
    g.append(s('text', { x: x + 4, y: y + rowH / 2 + 4, class: 'val', text: format(it.value) }));
    svg.append(g);
  });
  const note = min > 0 && axisNote ? h('p', { class: 'note axis-note', text: axisNote(min) }) : null;
  return h('figure', { class: 'chart-box', dataset: { axisMin: min } }, h('figcaption', { text: title }), svg, note);
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
  const { max: nice, step } = countAxis(Math.max(...months.flatMap((m) => [m.a || 0, m.b || 0])));
  const slot = (width - left - 8) / Math.max(1, months.length);
  const colW = Math.max(2, Math.min(22, slot / 2 - 3));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart trend', role: 'img', 'aria-label': title });
  for (let v = 0; v <= nice; v += step) {
    const y = 12 + plotH - (plotH * v) / nice;
    svg.append(s('line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'grid' }));
    svg.append(s('text', { x: left - 4, y: y + 4, 'text-anchor': 'end', class: 'axis', text: fmt.num(v) }));
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

/**
 * The axis of a count chart: a step of 1, 2, 2,5 or 5 times a power of ten, whole and never under
 * one dossier, and the first multiple of it at or above `top`, in at most five steps, so that
 * every label is a round number.
 */
export function countAxis(top) {
  const want = Math.max(1, top) / 5;
  const p = 10 ** Math.floor(Math.log10(want));
  // `want` ≥ 0,2, so p ≥ 0,1 and 10 p is always a whole step at or above it.
  const step = [1, 2, 2.5, 5, 10].map((k) => k * p).find((x) => Number.isInteger(x) && x >= want);
  return { max: step * Math.max(1, Math.ceil(top / step)), step };
}
