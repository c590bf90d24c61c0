// A month calendar of the state-office year: holidays, compensatory days and worked Saturdays
// (with their names, from WorkCalendar.daysOff), the working days a due date counts, lunar dates.
import { h, replace } from './dom.js';
import { t, lang, monthName } from './i18n.js';
import { engine } from './engine.js';
import { pad, weekday } from './fmt.js';

const CAN = ['Canh', 'Tân', 'Nhâm', 'Quý', 'Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ'];
const CHI = ['Thân', 'Dậu', 'Tuất', 'Hợi', 'Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi'];
/** The sexagenary name of a lunar year: 2026 → "Bính Ngọ". */
export const canChi = (y) => `${CAN[((y % 10) + 10) % 10]} ${CHI[((y % 12) + 12) % 12]}`;

/** "Ngày 9 tháng 1 năm Bính Ngọ (2026)". */
export function lunarText(l) {
  const leap = l.leap ? t('cal.leap') : '';
  return t('lunar.full', { d: l.day, m: l.month, leap, year: `${canChi(l.year)} (${l.year})` });
}

/** What kind of day a daysOff entry is, for the legend: holiday | compensatory | workingSaturday. */
export function dayKind(off) {
  if (off.working) return 'workingSaturday';
  const k = String(off.kind || '').toLowerCase();
  if (/comp|swap|bu|substitut|exchange|nghi/.test(k)) return 'compensatory';
  return 'holiday';
}

const yearCache = new Map();
function daysOffMap(cal, year) {
  if (!yearCache.has(year)) {
    const map = new Map();
    try { for (const d of cal.daysOff(year)) map.set(d.date, d); } catch { /* year out of range: plain weeks */ }
    yearCache.set(year, map);
  }
  return yearCache.get(year);
}

const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;

const minutesOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Working minutes of `date` inside the counting window [start, end) and, of those, the minutes
 * inside pauses. `hours`: the day's office hours ([{ start, end }]); times are contract
 * date-times, compared as text ("YYYY-MM-DDTHH:MM").
 */
export function dayMinutes(date, hours, start, end, pauses) {
  // [a, b) of a span clipped to this day, in minutes of the day; null when it misses the day.
  const clip = (from, to) => {
    const fd = from.slice(0, 10); const td = to.slice(0, 10);
    if (fd > date || td < date) return null;
    return [fd < date ? 0 : minutesOf(from.slice(11, 16)), td > date ? 1440 : minutesOf(to.slice(11, 16))];
  };
  const win = clip(start, end);
  let counted = 0;
  let paused = 0;
  if (!win) return { counted, paused };
  const spans = pauses.map((p) => clip(p.from, p.to)).filter(Boolean);
  for (const iv of hours) {
    const a = Math.max(minutesOf(iv.start), win[0]);
    const b = Math.min(minutesOf(iv.end), win[1]);
    if (b <= a) continue;
    counted += b - a;
    for (const [pa, pb] of spans) paused += Math.max(0, Math.min(b, pb) - Math.max(a, pa));
  }
  return { counted, paused: Math.min(paused, counted) };
}

function monthHours(cal, y, m) {
  const map = new Map();
  if (typeof cal.monthDays !== 'function') return map;
  try { for (const d of cal.monthDays(y, m)) map.set(d.date, d.hours); } catch { /* plain days */ }
  return map;
}

/**
 * Renders one month. `mark`: working-time counting { from, to, start, end, pauses } (dates and
 * date-times: the working days between are counted, paused working time shown as such) or
 * calendar-day counting { calendarFrom, calendarTo } (every day after the date of receipt up to
 * the last day counted); `due`, `received`: dates.
 */
export function monthCalendar(cal, y, m, mark = {}) {
  const offs = daysOffMap(cal, y);
  const hoursOf = mark.start ? monthHours(cal, y, m) : new Map();
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (weekday(y, m, 1) + 6) % 7; // Monday first
  const head = t('wd.short').split(',');
  const title = lang() === 'vi' ? t('cal.month', { m, y }) : t('cal.month', { mname: monthName(m), y });
  const table = h('table', { class: 'cal' },
    h('caption', { text: title }),
    h('thead', {}, h('tr', {}, head.map((d) => h('th', { scope: 'col', text: d })))));
  const body = h('tbody');
  let row = h('tr');
  for (let i = 0; i < lead; i += 1) row.append(h('td', { class: 'empty' }));
  const notes = [];
  for (let d = 1; d <= days; d += 1) {
    const date = iso(y, m, d);
    const wd = weekday(y, m, d);
    const off = offs.get(date);
    let working;
    try { working = cal.isWorkingDay(date); } catch { working = wd !== 0 && wd !== 6; }
    const cls = ['day'];
    const labels = [];
    if (off) {
      const kind = dayKind(off);
      cls.push(kind);
      const name = lang() === 'en' ? (off.nameEn || off.name) : (off.name || off.nameEn);
      labels.push(name);
      notes.push({ date, kind, name, estimated: off.estimated });
    } else if (!working) cls.push('weekend');
    if (mark.calendarFrom && date > mark.calendarFrom && date <= mark.calendarTo) {
      cls.push('counted'); labels.push(t('cal.countedCalendar'));
    } else if (working && mark.from && date >= mark.from && date <= mark.to) {
      const hours = hoursOf.get(date) ?? [{ start: '00:00', end: '24:00' }];
      const { counted, paused } = mark.start ? dayMinutes(date, hours, mark.start, mark.end, mark.pauses ?? []) : { counted: 1, paused: 0 };
      if (counted > 0 && paused >= counted) { cls.push('paused'); labels.push(t('cal.paused')); } else if (paused > 0) {
        cls.push('counted', 'part-paused'); labels.push(t('cal.partPaused'));
      } else if (counted > 0 || date === mark.due) { cls.push('counted'); labels.push(t('cal.counted')); }
    }
    if (date === mark.due) { cls.push('due'); labels.push(t('cal.due')); }
    if (date === mark.received) { cls.push('received'); labels.push(t('cal.received')); }
    let lunar = '';
    try {
      const l = engine().toLunar(date);
      lunar = l.day === 1 || d === 1 ? `${l.day}/${l.month}${l.leap ? 'n' : ''}` : String(l.day);
    } catch { /* no lunar date */ }
    const cell = h('td', { class: cls.join(' '), title: labels.join(' · ') || null, dataset: { date } },
      h('span', { class: 'solar', text: d }),
      h('span', { class: 'lunar', text: lunar }),
      labels.length ? h('span', { class: 'visually-hidden', text: ` — ${labels.join(', ')}` }) : null);
    row.append(cell);
    if ((lead + d) % 7 === 0) { body.append(row); row = h('tr'); }
  }
  if (row.childElementCount) {
    while (row.childElementCount < 7) row.append(h('td', { class: 'empty' }));
    body.append(row);
  }
  table.append(body);
  const list = notes.length
    ? h('ul', { class: 'daysoff' }, notes.map((n) => h('li', { class: n.kind },
      h('span', { class: `swatch ${n.kind}`, 'aria-hidden': 'true' }),
      h('time', { datetime: n.date, text: `${n.date.slice(8)}/${n.date.slice(5, 7)}` }), ' ', n.name,
      n.kind === 'workingSaturday' ? ` (${t('cal.workingSaturday')})` : '',
      n.estimated ? ' *' : '')))
    : null;
  return h('div', { class: 'month' }, table, list);
}

/** The legend of the calendar colours. */
export function legend(mark = {}) {
  const item = (cls, key) => h('li', { dataset: { legend: cls } }, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), t(key));
  return h('ul', { class: 'legend', 'aria-label': t('cal.legend') },
    item('received', 'cal.received'), item('counted', mark.calendarFrom ? 'cal.countedCalendar' : 'cal.counted'),
    mark.calendarFrom ? null : [item('paused', 'cal.paused'), item('part-paused', 'cal.partPaused')],
    item('due', 'cal.due'), item('holiday', 'cal.holiday'),
    item('compensatory', 'cal.compensatory'), item('workingSaturday', 'cal.workingSaturday'), item('weekend', 'cal.weekend'));
}

/** Months [y, m] from a to b inclusive ("YYYY-MM"). */
export function monthsBetween(a, b) {
  let [y, m] = a.split('-').map(Number);
  const [y2, m2] = b.split('-').map(Number);
  const out = [];
  while ((y < y2 || (y === y2 && m <= m2)) && out.length < 240) {
    out.push([y, m]);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** Renders a window of months into `el` with previous/next buttons. */
export function calendarStrip(el, cal, months, mark) {
  let end = months.length; // show the last ≤ 3 months of the range first (where the due day is)
  const shift = (k) => {
    const [y, m] = k < 0 ? months[0] : months[months.length - 1];
    const extra = [];
    let yy = y; let mm = m;
    for (let i = 0; i < Math.abs(k); i += 1) {
      mm += k < 0 ? -1 : 1;
      if (mm < 1) { mm = 12; yy -= 1; }
      if (mm > 12) { mm = 1; yy += 1; }
      extra.push([yy, mm]);
    }
    return extra;
  };
  const render = () => {
    const start = Math.max(0, end - 3);
    const view = months.slice(start, end);
    replace(el,
      h('div', { class: 'cal-nav' },
        h('button', { type: 'button', class: 'secondary', text: `‹ ${t('cal.prev')}`, onclick: () => {
          if (start > 0) end -= 1; else { months.unshift(...shift(-1)); }
          render();
        } }),
        h('button', { type: 'button', class: 'secondary', text: `${t('cal.next')} ›`, onclick: () => {
          if (end < months.length) end += 1; else { months.push(...shift(1)); end = months.length; }
          render();
        } })),
      h('div', { class: 'months' }, view.map(([y, m]) => monthCalendar(cal, y, m, mark))),
      legend(mark));
  };
  render();
}
