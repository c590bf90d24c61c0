// Report periods built from the months the data holds (report.dataSpan): the whole span, each
// year, each quarter, each calendar month and each 15th-to-15th period that the receipts touch.
// Civil-date arithmetic only (no time zone is involved); labels show the dates they stand for.
import { t, monthName } from './i18n.js';
import * as fmt from './fmt.js';

/** The number of days of month `m` (1–12) of year `y`. */
export const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y, m, d) => `${y}-${fmt.pad(m)}-${fmt.pad(d)}`;
const monthIndex = (s) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1; // "YYYY-MM…" → months since year 0
const ym = (i) => [Math.floor(i / 12), (i % 12) + 1];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** "01/08/2025 – 30/09/2025" (one year written once when both dates share it). */
export function range(from, to) {
  const a = fmt.date(from);
  const b = fmt.date(to);
  return from.slice(0, 4) === to.slice(0, 4) ? `${a.slice(0, 5)} – ${b}` : `${a} – ${b}`;
}

/**
 * The presets of a data span `{ firstReceivedAt, lastReceivedAt }`: [{ id, group, from, to, label() }],
 * groups "all", "year", "quarter", "month", "mid"; id = "from_to" (a period offered twice is listed once).
 */
export function dataPresets(span) {
  if (!span?.firstReceivedAt || !span?.lastReceivedAt) return [];
  const first = monthIndex(span.firstReceivedAt);
  const last = monthIndex(span.lastReceivedAt);
  const out = [];
  const add = (group, from, to, label) => out.push({ id: `${from}_${to}`, group, from, to, label });
  {
    const [y0, m0] = ym(first);
    const [y1, m1] = ym(last);
    const from = iso(y0, m0, 1);
    const to = iso(y1, m1, lastDay(y1, m1));
    add('all', from, to, () => t('stats.presetAll', { range: range(from, to) }));
  }
  for (let y = ym(first)[0]; y <= ym(last)[0]; y += 1) {
    add('year', iso(y, 1, 1), iso(y, 12, 31), () => t('stats.presetYear', { y }));
  }
  for (let q = Math.floor(first / 3); q <= Math.floor(last / 3); q += 1) {
    const [y, m] = ym(q * 3);
    const from = iso(y, m, 1);
    const to = iso(y, m + 2, lastDay(y, m + 2));
    add('quarter', from, to, () => t('stats.presetQuarter', { q: ROMAN[(m - 1) / 3], n: (m + 2) / 3, y, range: range(from, to) }));
  }
  for (let i = first; i <= last; i += 1) {
    const [y, m] = ym(i);
    add('month', iso(y, m, 1), iso(y, m, lastDay(y, m)), () => t('stats.presetMonth', { m, y, mname: monthName(m) }));
  }
  // 15th to 15th: each period that ends in a month of the data or in the month after it.
  for (let i = first; i <= last + 1; i += 1) {
    const [y, m] = ym(i);
    const [py, pm] = ym(i - 1);
    const from = iso(py, pm, 15);
    const to = iso(y, m, 15);
    add('mid', from, to, () => t('stats.presetMid', { range: range(from, to) }));
  }
  const seen = new Set();
  return out.filter((p) => (seen.has(p.id) ? false : seen.add(p.id)));
}
