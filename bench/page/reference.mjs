// The same statistics as tthc's Report (received / resolved / pending / by agency), in plain JavaScript, for the
// peers that only parse (Papa Parse, SheetJS, Arquero). Follows the contract's definitions (period [from 00:00, to 24:00),
// end of processing = finishedAt, else returnedAt; more than one supplement ⇒ late; appointment without a time = end of day).
// Also used to cross-check tthc's counters in the benchmark run.

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const dig = (s, i) => s.charCodeAt(i) - 48;
/** "dd/mm/yyyy[ HH:mm[:ss]]" → minutes since 1970-01-01 00:00 local, or null. */
export function parseVn(s, endOfDay = false) {
  if (s == null || s.length < 10) return null;
  const d = dig(s, 0) * 10 + dig(s, 1), m = dig(s, 3) * 10 + dig(s, 4);
  const y = dig(s, 6) * 1000 + dig(s, 7) * 100 + dig(s, 8) * 10 + dig(s, 9);
  if (!(d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1900 && y <= 2200) || s[2] !== '/' || s[5] !== '/') return null;
  const dim = [31, (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (d > dim) return null;
  const day = daysFromCivil(y, m, d);
  if (s.length >= 16) {
    const hh = dig(s, 11) * 10 + dig(s, 12), mm = dig(s, 14) * 10 + dig(s, 15);
    if (!(hh >= 0 && hh < 24 && mm >= 0 && mm < 60)) return null;
    return day * 1440 + hh * 60 + mm;
  }
  return day * 1440 + (endOfDay ? 1439 : 0);
}

const CH = { 'Trực tiếp': 0, 1: 0, 'Trực tuyến': 1, 2: 1, 'Bưu chính công ích': 2, 3: 2 };
const POSTAL_RETURN = new Set(['Bưu chính công ích', '3']);

function counters() {
  return { received: { total: 0, carriedOver: 0, new: 0, inPerson: 0, online: 0, postal: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0, unclassified: 0 }, pending: { total: 0, withinDeadline: 0, overdue: 0 },
    postalUses: 0 };
}

/** Streaming aggregator: add() one row's fields (strings, or numbers for minutes when pre-parsed), report() at the end. */
export class Aggregator {
  constructor(period) {
    this.f = daysFromCivil(...period.from.split('-').map(Number)) * 1440;
    this.e = (daysFromCivil(...period.to.split('-').map(Number)) + 1) * 1440;
    this.period = period;
    this.all = counters();
    this.by = new Map();
    this.rows = 0; this.skipped = 0;
  }

  add(agency, receivedAt, dueAt, finishedAt, returnedAt, channel, returnMethod, supplements) {
    this.rows++;
    const r = parseVn(receivedAt);
    if (r === null) { this.skipped++; return; }
    const due = parseVn(dueAt, true);
    const fin0 = parseVn(finishedAt), ret = parseVn(returnedAt);
    const fin = fin0 !== null ? fin0 : ret;
    this.addParsed(agency, r, due, fin, ret, CH[channel], POSTAL_RETURN.has(returnMethod), Number(supplements) || 0);
  }

  addParsed(agency, r, due, fin, ret, ch, postalReturn, supp) {
    const { f, e } = this;
    let a = this.by.get(agency);
    if (a === undefined) { a = counters(); this.by.set(agency, a); }
    const retAt = ret !== null ? ret : fin;
    if (postalReturn && retAt !== null && retAt >= f && retAt < e) { a.postalUses++; this.all.postalUses++; }
    if (r >= e) return;
    if (fin !== null && fin < f) return;
    for (const c of [a, this.all]) {
      c.received.total++;
      if (r < f) c.received.carriedOver++;
      else {
        c.received.new++;
        if (ch === 0) c.received.inPerson++; else if (ch === 1) c.received.online++; else if (ch === 2) { c.received.postal++; c.postalUses++; }
      }
      if (fin !== null && fin < e) {
        c.resolved.total++;
        if (supp > 1) c.resolved.late++;
        else if (due === null) c.resolved.unclassified++;
        else if (fin > due) c.resolved.late++;
        else if (Math.floor(fin / 1440) < Math.floor(due / 1440)) c.resolved.early++;
        else c.resolved.onTime++;
      } else {
        c.pending.total++;
        if (due === null || due >= e) c.pending.withinDeadline++; else c.pending.overdue++;
      }
    }
  }

  report() {
    const rate = (n, d) => (d ? Math.round((n / d) * 10000) / 100 : null);
    const fin = (c) => ({ ...c, resolved: { ...c.resolved, onTimeRate: rate(c.resolved.early + c.resolved.onTime, c.resolved.early + c.resolved.onTime + c.resolved.late) },
      onlineRate: rate(c.received.online, c.received.new) });
    const byAgency = [...this.by].map(([agency, c]) => ({ agency, ...fin(c) })).filter((x) => x.received.total > 0)
      .sort((x, y) => y.received.total - x.received.total);
    return { period: this.period, ...fin(this.all), byAgency, quality: { rows: this.rows, skipped: this.skipped } };
  }
}

/** Column indexes of the fields in a header row (generated exports use these exact headers). */
export function headerIndex(header) {
  const i = (h) => header.indexOf(h);
  return { agency: i('Cơ quan giải quyết'), receivedAt: i('Ngày tiếp nhận'), dueAt: i('Ngày hẹn trả'), finishedAt: i('Ngày có kết quả'),
    returnedAt: i('Ngày trả kết quả'), channel: i('Hình thức nộp'), returnMethod: i('Hình thức nhận kết quả'), supplements: i('Số lần bổ sung') };
}

/** Aggregate an array of row arrays (first row = header). */
export function aggregateRows(rows, period) {
  const x = headerIndex(rows[0].map(String));
  const agg = new Aggregator(period);
  for (let k = 1; k < rows.length; k++) {
    const r = rows[k];
    if (r.length < 2) continue;
    agg.add(r[x.agency], r[x.receivedAt], r[x.dueAt], r[x.finishedAt], r[x.returnedAt], r[x.channel], r[x.returnMethod], r[x.supplements]);
  }
  return agg.report();
}
