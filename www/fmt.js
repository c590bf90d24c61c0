// Vietnamese-first formatting of numbers, dates and durations (Intl, no library).
import { lang, monthName, t } from './i18n.js';

const locale = () => (lang() === 'en' ? 'en-GB' : 'vi-VN');
const nf = new Map();
function numberFormat(digits, maxDigits = digits, grouping = true) {
  const key = `${locale()}|${digits}|${maxDigits}|${grouping}`;
  if (!nf.has(key)) {
    nf.set(key, new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: maxDigits, useGrouping: grouping }));
  }
  return nf.get(key);
}

/** 6753 → "6.753" (vi) or "6,753" (en). */
export const num = (n) => (n === null || n === undefined || Number.isNaN(n) ? '—' : numberFormat(0).format(n));
/** 90.09 → "90,09" (2 decimals). */
export const num2 = (n) => (n === null || n === undefined || Number.isNaN(n) ? '—' : numberFormat(2).format(n));
/**
 * A typed amount with its own decimals (up to 6, more is noise of the binary fraction): 1.5 →
 * "1,5" (vi) or "1.5" (en), 3650 → "3.650" / "3,650". A time limit must never read rounded.
 * `grouping: false` gives the form to put back into an input ("1,5", "3650"), which
 * parseDecimal reads again.
 */
export const dec = (n, { grouping = true } = {}) => (n === null || n === undefined || Number.isNaN(n) ? '—' : numberFormat(0, 6, grouping).format(n));

/**
 * Reads a decimal as typed by a Vietnamese or an English user: "1,5" and "1.5" are both one and
 * a half. Anything else is refused rather than guessed: thousands separators ("1.000,5"), two
 * marks, units, exponents. "1.000" and "2,500" are refused too (ambiguous): a thousand in one
 * language, a decimal in the other. Returns { value } or { error: 'empty' | 'notNumber' |
 * 'ambiguous' }; a negative number is returned as a value (the caller says what the range is).
 */
export function parseDecimal(text) {
  const s = String(text ?? '').trim();
  if (s === '') return { error: 'empty' };
  const m = /^([-\u2212]?)(\d*)(?:[.,](\d+))?$/.exec(s);
  if (!m || (m[2] === '' && m[3] === undefined)) return { error: 'notNumber' };
  const [, sign, whole, frac] = m;
  if (frac !== undefined && frac.length === 3 && /^[1-9]\d{0,2}$/.test(whole)) return { error: 'ambiguous' };
  const value = Number(`${whole || '0'}.${frac ?? '0'}`);
  return { value: sign ? -value : value };
}
/** 99.19 → "99,19 %" (vi) or "99.19%" (en); null → "—". */
export function pct(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const v = numberFormat(2).format(n);
  return lang() === 'en' ? `${v}%` : `${v}\u00a0%`;
}
/** Bytes as "1,5 MB". */
export function bytes(n) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return `${numberFormat(0, i ? 1 : 0).format(v)} ${units[i]}`;
}

/** Splits a contract date-time "YYYY-MM-DDTHH:MM:SS+07:00" (or a date) into numbers, no time-zone maths. */
export function parts(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s || '');
  if (!m) return null;
  return { y: +m[1], mo: +m[2], d: +m[3], hh: +(m[4] || 0), mi: +(m[5] || 0) };
}
const pad = (n) => String(n).padStart(2, '0');
/** Day of week 0 = Sunday of a civil date (UTC arithmetic, no local time zone involved). */
export const weekday = (y, mo, d) => new Date(Date.UTC(y, mo - 1, d)).getUTCDay();

/** "2026-02-25" → "25/02/2026". */
export function date(s) {
  const p = parts(s);
  return p ? `${pad(p.d)}/${pad(p.mo)}/${p.y}` : '—';
}
/** "2026-02-25T10:15:00+07:00" → "10:15 25/02/2026". */
export function dateTime(s) {
  const p = parts(s);
  return p ? `${pad(p.hh)}:${pad(p.mi)} ${pad(p.d)}/${pad(p.mo)}/${p.y}` : '—';
}
/** The receipt-slip wording: "10 giờ 15 phút, thứ Tư, ngày 25 tháng 02 năm 2026". */
export function dateTimeLong(s) {
  const p = parts(s);
  if (!p) return '—';
  const wd = t(`weekday.${weekday(p.y, p.mo, p.d)}`);
  if (lang() === 'en') {
    return `${pad(p.hh)}:${pad(p.mi)}, ${wd} ${p.d} ${monthName(p.mo)} ${p.y}`;
  }
  return `${pad(p.hh)} giờ ${pad(p.mi)} phút, ${wd}, ngày ${pad(p.d)} tháng ${pad(p.mo)} năm ${p.y}`;
}
/** Working minutes as "2 ngày 3 giờ 15 phút" (8 working hours a day). */
export function workingDuration(minutes) {
  const neg = minutes < 0;
  let m = Math.abs(Math.round(minutes));
  const d = Math.floor(m / 480); m -= d * 480;
  const hh = Math.floor(m / 60); m -= hh * 60;
  const out = [];
  if (d) out.push(`${num(d)} ${t(d === 1 ? 'unit.day' : 'unit.days')}`);
  if (hh) out.push(`${hh} ${t(hh === 1 ? 'unit.hour' : 'unit.hours')}`);
  if (m || !out.length) out.push(`${m} ${t(m === 1 ? 'unit.minute' : 'unit.minutes')}`);
  return (neg ? '−' : '') + out.join(' ');
}

/** Current Vietnam time as "YYYY-MM-DDTHH:MM" (UTC+7, whatever the machine's zone). */
export function nowVn() {
  const d = new Date(Date.now() + 7 * 3600_000);
  return d.toISOString().slice(0, 16);
}
export const todayVn = () => nowVn().slice(0, 10);
export { pad };
