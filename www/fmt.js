// Vietnamese-first formatting of numbers, dates and durations (Intl, no library).
import { lang, t } from './i18n.js';

const locale = () => (lang() === 'en' ? 'en-GB' : 'vi-VN');
const nf = new Map();
function numberFormat(digits) {
  const key = `${locale()}|${digits}`;
  if (!nf.has(key)) {
    nf.set(key, new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  }
  return nf.get(key);
}

/** 6753 → "6.753" (vi) or "6,753" (en). */
export const num = (n) => (n === null || n === undefined || Number.isNaN(n) ? '—' : numberFormat(0).format(n));
/** 90.09 → "90,09" (2 decimals). */
export const num2 = (n) => (n === null || n === undefined || Number.isNaN(n) ? '—' : numberFormat(2).format(n));
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
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
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
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(p.y, p.mo - 1, 1)));
    return `${pad(p.hh)}:${pad(p.mi)}, ${wd} ${p.d} ${month} ${p.y}`;
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
