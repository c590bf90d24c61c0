// Deterministic generator of realistic one-stop exports (hồ sơ TTHC) of Nghệ An province, shared by the
// benchmarks and the tests.
//
// CLI:
//   node bench/gen-export.mjs --rows 1000000 --format csv|json|xlsx \
//        [--encoding utf8|utf8bom|utf16|cp1258] [--delimiter , | ; | tab] [--seed 42] \
//        [--channel words|codes] [--bad 0.001] [--from 2025-10-01] [--to 2026-03-31] --out file
//   (--out - writes to stdout; --size 1G generates rows until about that many bytes, CSV only)
//
// Import:
//   import { generateRows, HEADERS, toCsv } from './gen-export.mjs';
//   for (const r of generateRows(1000, 42)) { r['Mã hồ sơ'] … }   // records keyed by the Vietnamese headers
//
// What the data looks like (see BENCHMARKS.md): agencies of Nghệ An (the departments merged in 2025 carry their old name
// before 1/3/2025 — Sở Kế hoạch và Đầu tư → Sở Tài chính; commune-level dossiers before 1/7/2025 go to the old
// city/districts), real procedure names with national-style codes, channels, statuses, return methods, supplement
// counts, receivedAt spread across Tết 2026 (days off 14/2–22/2/2026) with dueAt computed on a simplified
// state-office calendar (weekends and official holidays) and finishedAt / returnedAt consistent with it (most early or
// on time, some late, the recent ones still pending at the export moment). Dates as dd/mm/yyyy HH:mm.
// Same seed ⇒ same bytes, on any machine.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The header row, in order: the contract's Vietnamese aliases plus two Decision 766 columns. */
export const HEADERS = [
  'Mã hồ sơ', 'Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cơ quan giải quyết', 'Ngày tiếp nhận', 'Ngày hẹn trả',
  'Ngày có kết quả', 'Ngày trả kết quả', 'Hình thức nộp', 'Hình thức nhận kết quả', 'Trạng thái', 'Số lần bổ sung',
  'DuocThanhToanTrucTuyen', 'HoSoCoThanhPhanSoHoa',
];

// ---------------------------------------------------------------------------------------------------------------
// Seeded PRNG (sfc32): fast, good enough for test data, identical everywhere.
function sfc32(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// Agencies. `old` is the name before `until` (yyyymmdd as a day number), when the agency was renamed or merged.
const COMMUNES = ['UBND phường Thành Vinh', 'UBND phường Trường Vinh', 'UBND phường Vinh Phú', 'UBND phường Vinh Lộc',
  'UBND phường Vinh Hưng', 'UBND phường Cửa Lò', 'UBND xã Nghĩa Đàn', 'UBND phường Thái Hòa', 'UBND xã Quỳ Châu',
  'UBND xã Tương Dương', 'UBND xã Yên Na', 'UBND xã Hưng Nguyên', 'UBND xã Diễn Châu', 'UBND xã Yên Thành'];
const OLD_COMMUNES = ['UBND thành phố Vinh', 'UBND thị xã Cửa Lò', 'UBND huyện Nghĩa Đàn', 'UBND thị xã Thái Hòa',
  'UBND huyện Quỳ Châu', 'UBND huyện Tương Dương', 'UBND huyện Hưng Nguyên', 'UBND huyện Diễn Châu', 'UBND huyện Yên Thành'];

const AGENCIES = {
  tp: { name: 'Sở Tư pháp', code: '000.00.12.H42' },
  xd: { name: 'Sở Xây dựng', code: '000.00.17.H42' },
  tc: { name: 'Sở Tài chính', code: '000.00.09.H42', old: 'Sở Kế hoạch và Đầu tư', until: '2025-03-01' },
  nn: { name: 'Sở Nông nghiệp và Môi trường', code: '000.00.19.H42', old: 'Sở Tài nguyên và Môi trường', until: '2025-03-01' },
  yt: { name: 'Sở Y tế', code: '000.00.22.H42' },
  nv: { name: 'Sở Nội vụ', code: '000.00.11.H42', old: 'Sở Lao động - Thương binh và Xã hội', until: '2025-03-01' },
  gd: { name: 'Sở Giáo dục và Đào tạo', code: '000.00.14.H42' },
  ca: { name: 'Công an tỉnh Nghệ An', code: '000.00.30.H42' },
  xa: { name: null, code: '000.00.40.H42', communes: true },
};

// Procedures: [code, name, domain, agency, amount, unit ('wd' working days | 'cd' calendar days | 'sd' same day),
// fee-bearing, weight (share of dossiers)]
const PROCEDURES = [
  ['2.000488', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam', 'Lý lịch tư pháp', 'tp', 10, 'wd', true, 30],
  ['1.008925', 'Thủ tục thay đổi nội dung đăng ký hoạt động của Văn phòng công chứng', 'Công chứng', 'tp', 5, 'wd', true, 2],
  ['1.009972', 'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II', 'Hoạt động xây dựng', 'xd', 20, 'wd', true, 4],
  ['1.002671', 'Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp', 'Đường bộ', 'xd', 5, 'wd', true, 40],
  ['1.009794', 'Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng', 'Hoạt động xây dựng', 'xd', 30, 'cd', true, 2],
  ['2.001610', 'Đăng ký thành lập doanh nghiệp tư nhân', 'Thành lập và phát triển doanh nghiệp', 'tc', 3, 'wd', true, 12],
  ['1.005380', 'Đăng ký thành lập công ty TNHH một thành viên', 'Thành lập và phát triển doanh nghiệp', 'tc', 3, 'wd', true, 18],
  ['2.002003', 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp', 'Thành lập và phát triển doanh nghiệp', 'tc', 3, 'wd', true, 20],
  ['1.009645', 'Quyết định chủ trương đầu tư của UBND cấp tỉnh', 'Đầu tư tại Việt Nam', 'tc', 35, 'cd', false, 1],
  ['1.004227', 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'Đất đai', 'nn', 10, 'wd', true, 35],
  ['1.012794', 'Cấp giấy phép môi trường', 'Môi trường', 'nn', 30, 'wd', true, 2],
  ['1.001978', 'Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh', 'Khám bệnh, chữa bệnh', 'yt', 20, 'wd', true, 5],
  ['1.001766', 'Giải quyết hưởng trợ cấp thất nghiệp', 'Việc làm', 'nv', 20, 'wd', false, 15],
  ['1.005092', 'Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở nước ngoài cấp', 'Văn bằng, chứng chỉ', 'gd', 20, 'wd', false, 2],
  ['2.002161', 'Cấp hộ chiếu phổ thông ở trong nước', 'Quản lý xuất nhập cảnh', 'ca', 8, 'wd', true, 30],
  ['1.010793', 'Đăng ký, cấp biển số xe lần đầu', 'Đăng ký, quản lý phương tiện giao thông', 'ca', 2, 'wd', true, 25],
  ['1.001193', 'Đăng ký khai sinh', 'Hộ tịch', 'xa', 0, 'sd', false, 60],
  ['1.000894', 'Đăng ký kết hôn', 'Hộ tịch', 'xa', 0, 'sd', false, 15],
  ['1.004873', 'Cấp bản sao trích lục hộ tịch', 'Hộ tịch', 'xa', 0, 'sd', true, 40],
  ['2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp', 'Chứng thực', 'xa', 0, 'sd', true, 120],
  ['2.000884', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'Chứng thực', 'xa', 0, 'sd', true, 30],
  ['1.003583', 'Đăng ký khai tử', 'Hộ tịch', 'xa', 0, 'sd', false, 20],
  ['1.004082', 'Xác nhận tình trạng hôn nhân', 'Hộ tịch', 'xa', 3, 'wd', false, 25],
  ['1.001612', 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội', 'Bảo trợ xã hội', 'xa', 3, 'wd', false, 5],
];

const CHANNELS = [['Trực tiếp', '1', 0.55], ['Trực tuyến', '2', 0.38], ['Bưu chính công ích', '3', 0.07]];
const RETURN_METHODS = ['Trực tiếp', 'Bưu chính công ích', 'Trực tuyến'];

// ---------------------------------------------------------------------------------------------------------------
// A simplified state-office calendar (enough to make realistic data; the oracle is tthc's own calendar).
const DAY = 86400000;
const dayNum = (iso) => Math.floor(Date.parse(iso + 'T00:00:00Z') / DAY);
const HOLIDAYS = new Set([
  // 2025: New Year, Tết 25/1–2/2, Hùng Kings 7/4, 30/4–1/5, National Day 1–2/9
  '2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30',
  '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02',
  // 2026: New Year, Tết 14/2–22/2 (weekdays 16–20/2), Hùng Kings 26/4 (Sun) → 27/4, 30/4–1/5, 2/9 + 1/9
  '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27',
  '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
].map(dayNum));
const isWorking = (d) => { const w = (d + 4) % 7; return w !== 0 && w !== 6 && !HOLIDAYS.has(d); }; // 1970-01-01 was Thu
function addWorkingDays(d, n) { let k = 0; while (k < n) { d++; if (isWorking(d)) k++; } return d; }
function nextWorking(d) { while (!isWorking(d)) d++; return d; }

const pad2 = (n) => (n < 10 ? '0' + n : '' + n);
// day number + minute of day → "dd/mm/yyyy HH:mm"
const civilCache = new Map();
function civil(d) {
  let s = civilCache.get(d);
  if (s === undefined) {
    const t = new Date(d * DAY);
    s = [pad2(t.getUTCDate()) + '/' + pad2(t.getUTCMonth() + 1) + '/' + t.getUTCFullYear(),
      String(t.getUTCFullYear() % 100) + pad2(t.getUTCMonth() + 1) + pad2(t.getUTCDate())];
    civilCache.set(d, s);
  }
  return s;
}
const fmt = (d, m) => civil(d)[0] + ' ' + pad2(Math.floor(m / 60)) + ':' + pad2(m % 60);

// ---------------------------------------------------------------------------------------------------------------
/**
 * Yield `n` records (plain objects keyed by HEADERS, every value a string) for the given seed.
 * Options: from/to (receivedAt range, "YYYY-MM-DD"), asOf (export moment, default `to` 17:00), channel ('words'|'codes'),
 * bad (share of rows with a deliberately broken cell: 0 by default).
 */
export function* generateRows(n, seed = 42, opts = {}) {
  const rnd = sfc32(seed);
  const from = dayNum(opts.from || '2025-10-01');
  const to = dayNum(opts.to || '2026-03-31');
  const asOf = (opts.asOf ? dayNum(opts.asOf) : to) * 1440 + 17 * 60;
  const codes = opts.channel === 'codes';
  const bad = opts.bad || 0;
  const span = to - from + 1;
  const mergeDay = dayNum('2025-03-01'), communeDay = dayNum('2025-07-01');
  const totalW = PROCEDURES.reduce((s, p) => s + p[7], 0);
  const cum = []; let acc = 0;
  for (const p of PROCEDURES) { acc += p[7] / totalW; cum.push(acc); }
  const seq = new Map();
  for (let i = 0; i < n; i++) {
    const u = rnd();
    let pi = 0; while (pi < cum.length - 1 && u > cum[pi]) pi++;
    const [code, name, domain, agKey, amount, unit, fee] = PROCEDURES[pi];
    const ag = AGENCIES[agKey];
    // receivedAt: a day in the range (weekends/holidays only online), a minute in office hours (online: any time)
    let rd = from + Math.floor(rnd() * span);
    const cu = rnd();
    const ch = cu < CHANNELS[0][2] ? CHANNELS[0] : cu < CHANNELS[0][2] + CHANNELS[1][2] ? CHANNELS[1] : CHANNELS[2];
    const online = ch === CHANNELS[1];
    if (!online) rd = nextWorking(rd);
    let rm;
    if (online && rnd() < 0.3) rm = Math.floor(rnd() * 1440);
    else { const w = rnd(); rm = w < 0.5 ? 450 + Math.floor(rnd() * 240) : 810 + Math.floor(rnd() * 210); }
    let agency, ci = -1;
    if (ag.communes) {
      const list = rd < communeDay ? OLD_COMMUNES : COMMUNES;
      ci = Math.floor(rnd() * list.length);
      agency = list[ci];
    } else agency = ag.old && rd < mergeDay ? ag.old : ag.name;
    // the receipt counts from the next working day when received outside hours
    let sd = rd, sm = rm;
    if (!isWorking(sd) || sm >= 1020) { sd = nextWorking(sd + 1); sm = 450; } else if (sm < 420) sm = 450;
    // dueAt
    let dd, dm;
    if (unit === 'sd') { dd = sm >= 900 ? nextWorking(sd + 1) : sd; dm = 1020; }
    else if (unit === 'cd') { dd = nextWorking(rd + amount); dm = 1020; }
    else { dd = addWorkingDays(sd, amount); dm = sm; }
    const supp = (() => { const s = rnd(); return s < 0.88 ? 0 : s < 0.97 ? 1 : 2; })();
    // processing outcome
    const budget = Math.max(1, (dd - sd) * 1440 + (dm - sm));
    const o = rnd();
    let fin;
    if (o < 0.72) fin = sd * 1440 + sm + Math.floor(budget * (0.2 + 0.75 * rnd()));
    else if (o < 0.93) fin = dd * 1440 + Math.max(420, dm - Math.floor(rnd() * 180));
    else fin = dd * 1440 + dm + Math.floor(rnd() * budget * 0.6) + 30;
    if (supp > 0) fin += Math.floor(rnd() * 5 * 1440);
    // finishing only happens in office hours on working days
    let fd = Math.floor(fin / 1440), fm = fin % 1440;
    if (!isWorking(fd) || fm > 1020) { fd = nextWorking(fd + 1); fm = 450 + Math.floor(rnd() * 120); }
    else if (fm < 420) fm = 420 + Math.floor(rnd() * 60);
    fin = fd * 1440 + fm;
    const r = {};
    // Decree 61 style: agency identifier + receipt date + sequence number
    const agCode = ci >= 0 ? '000.' + pad2(ci + (rd < communeDay ? 50 : 10)) + '.40.H42' : ag.code;
    const key = agCode + civil(rd)[1];
    const s = (seq.get(key) || 0) + 1; seq.set(key, s);
    r['Mã hồ sơ'] = agCode + '-' + civil(rd)[1] + '-' + String(s).padStart(4, '0');
    r['Mã thủ tục'] = code;
    r['Tên thủ tục'] = name;
    r['Lĩnh vực'] = domain;
    r['Cơ quan giải quyết'] = agency;
    r['Ngày tiếp nhận'] = fmt(rd, rm);
    r['Ngày hẹn trả'] = fmt(dd, dm);
    const end = rnd();
    let status, finished = fin <= asOf;
    if (end < 0.02) { status = 'Từ chối'; fin = Math.min(fin, sd * 1440 + sm + 600); finished = fin <= asOf; }
    else if (end < 0.025) status = 'Công dân yêu cầu rút hồ sơ';
    else if (end < 0.028) status = 'Dừng xử lý';
    else status = 'Đã trả kết quả';
    if (!finished) {
      status = supp > 0 && rnd() < 0.5 ? 'Yêu cầu bổ sung hồ sơ' : 'Đang xử lý';
      r['Ngày có kết quả'] = '';
      r['Ngày trả kết quả'] = '';
    } else {
      const f = fmt(Math.floor(fin / 1440), fin % 1440);
      r['Ngày có kết quả'] = f;
      if (status === 'Đã trả kết quả') {
        if (rnd() < 0.08 && fin + 2 * 1440 > asOf) { status = 'Đã xử lý xong'; r['Ngày trả kết quả'] = ''; }
        else {
          const lag = rnd() < 0.6 ? 0 : Math.floor(rnd() * 3);
          let rtd = fd + lag; if (lag) rtd = nextWorking(rtd);
          const rtm = lag ? 450 + Math.floor(rnd() * 540) : Math.min(1020, fm + Math.floor(rnd() * 60));
          r['Ngày trả kết quả'] = fmt(rtd, rtm);
        }
      } else r['Ngày trả kết quả'] = '';
    }
    r['Hình thức nộp'] = codes ? ch[1] : ch[0];
    const ret = online ? (rnd() < 0.7 ? 2 : rnd() < 0.5 ? 1 : 0) : ch === CHANNELS[2] ? 1 : (rnd() < 0.85 ? 0 : 1);
    // codes as for channels: 1 in person, 2 online (electronic result), 3 public postal service
    r['Hình thức nhận kết quả'] = codes ? ['1', '3', '2'][ret] : RETURN_METHODS[ret];
    r['Trạng thái'] = status;
    r['Số lần bổ sung'] = String(supp);
    r['DuocThanhToanTrucTuyen'] = fee ? (online ? (rnd() < 0.8 ? (rnd() < 0.7 ? '1' : '2') : '0') : '0') : '';
    r['HoSoCoThanhPhanSoHoa'] = rnd() < (online ? 0.9 : 0.6) ? '1' : '0';
    if (bad > 0 && rnd() < bad) {
      const k = Math.floor(rnd() * 4);
      if (k === 0) r['Ngày tiếp nhận'] = '31/02/2026 08:00';
      else if (k === 1) r['Ngày tiếp nhận'] = '';
      else if (k === 2) r['Ngày hẹn trả'] = 'không rõ';
      else r['Ngày có kết quả'] = '99/99/9999';
    }
    yield r;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Encoders
const csvCell = (v, delim) => (v.includes(delim) || v.includes('"') || v.includes('\n') || v.includes('\r')
  ? '"' + v.replaceAll('"', '""') + '"' : v);
/** One CSV line (with CRLF) for a record. */
export function toCsvLine(values, delim = ',') {
  let s = '';
  for (let i = 0; i < values.length; i++) { if (i) s += delim; s += csvCell(values[i], delim); }
  return s + '\r\n';
}
/** A whole CSV text (header + n rows), for tests. */
export function toCsv(n, seed = 42, opts = {}) {
  const d = opts.delimiter || ',';
  let s = toCsvLine(HEADERS, d);
  for (const r of generateRows(n, seed, opts)) s += toCsvLine(HEADERS.map((h) => r[h]), d);
  return s;
}

let cp1258Table = null;
/** Encode text as Windows-1258 (Vietnamese letters as base letter + combining tone mark where needed). */
export function encodeCp1258(text) {
  if (!cp1258Table) {
    cp1258Table = new Map();
    const dec = new TextDecoder('windows-1258');
    for (let b = 0x80; b < 0x100; b++) {
      const c = dec.decode(Uint8Array.of(b));
      if (c !== '\ufffd' && !cp1258Table.has(c)) cp1258Table.set(c, b);
    }
  }
  const out = new Uint8Array(text.length * 3);
  let j = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) { out[j++] = cp; continue; }
    const direct = cp1258Table.get(ch);
    if (direct !== undefined) { out[j++] = direct; continue; }
    const nfd = [...ch.normalize('NFD')];
    let base = nfd[0], marks = nfd.slice(1), done = false;
    // try composing the base with one mark into a precomposed cp1258 letter (â, ê, ô, ă, ơ, ư, á …)
    for (let k = 0; k < marks.length && !done; k++) {
      const comp = (base + marks[k]).normalize('NFC');
      if (cp1258Table.has(comp)) { base = comp; marks = marks.filter((_, x) => x !== k); done = true; }
    }
    const bb = base.codePointAt(0) < 0x80 ? base.codePointAt(0) : cp1258Table.get(base);
    out[j++] = bb === undefined ? 0x3f : bb;
    for (const m of marks) { const mb = cp1258Table.get(m); out[j++] = mb === undefined ? 0x3f : mb; }
  }
  return out.subarray(0, j);
}

function encodeText(s, encoding) {
  if (encoding === 'utf16') { const b = Buffer.from(s, 'utf16le'); return b; }
  if (encoding === 'cp1258') return Buffer.from(encodeCp1258(s));
  return Buffer.from(s, 'utf8');
}
function bom(encoding) {
  if (encoding === 'utf8bom') return Buffer.from([0xef, 0xbb, 0xbf]);
  if (encoding === 'utf16') return Buffer.from([0xff, 0xfe]);
  return Buffer.alloc(0);
}

function parseSize(s) {
  const m = /^([\d.]+)\s*([kmg]?)i?b?$/i.exec(String(s));
  if (!m) throw new Error(`bad --size ${s}`);
  return Math.round(Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()]);
}

/** Write an export to a file (or stdout with out = '-'). Returns { rows, bytes }. */
export async function writeExport({ rows = 1000, format = 'csv', encoding = 'utf8', delimiter = ',', seed = 42, out, size,
  ...opts }) {
  if (format === 'xlsx') {
    const XLSX = await import('@e965/xlsx');
    const aoa = [HEADERS];
    for (const r of generateRows(rows, seed, opts)) aoa.push(HEADERS.map((h) => (h === 'Số lần bổ sung' ? Number(r[h]) : r[h])));
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Danh sách hồ sơ');
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true });
    if (out === '-') process.stdout.write(buf); else fs.writeFileSync(out, buf);
    return { rows, bytes: buf.length };
  }
  const fd = out === '-' ? 1 : fs.openSync(out, 'w');
  let bytes = 0;
  const write = (b) => { let o = 0; while (o < b.length) o += fs.writeSync(fd, b, o); bytes += b.length; };
  let pending = '';
  const flush = () => { if (pending) { write(encodeText(pending, encoding)); pending = ''; } };
  write(bom(encoding));
  const limit = size ? parseSize(size) : Infinity;
  const n = size ? Number.MAX_SAFE_INTEGER : rows;
  let count = 0;
  if (format === 'json') {
    pending += '[';
    for (const r of generateRows(n, seed, opts)) {
      pending += (count ? ',\n' : '\n') + JSON.stringify(r);
      count++;
      if (pending.length > 1 << 20) { flush(); if (bytes >= limit) break; }
    }
    pending += '\n]\n';
  } else {
    const d = delimiter === 'tab' ? '\t' : delimiter;
    pending += toCsvLine(HEADERS, d);
    for (const r of generateRows(n, seed, opts)) {
      pending += toCsvLine(HEADERS.map((h) => r[h]), d);
      count++;
      if (pending.length > 1 << 20) { flush(); if (bytes >= limit) break; }
    }
  }
  flush();
  if (out !== '-') fs.closeSync(fd);
  return { rows: count, bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { console.error(`unexpected argument ${a}`); process.exit(2); }
    args[a.slice(2)] = argv[i + 1]; i++;
  }
  if (!args.out) {
    console.error('usage: node bench/gen-export.mjs --rows N --format csv|json|xlsx [--encoding utf8|utf8bom|utf16|cp1258] '
      + '[--delimiter ,|;|tab] [--seed S] [--channel words|codes] [--bad 0.001] [--from YYYY-MM-DD] [--to YYYY-MM-DD] '
      + '[--size 1G] --out FILE|-');
    process.exit(2);
  }
  const t0 = performance.now();
  const res = await writeExport({
    ...args, rows: Number(args.rows || 1000), seed: Number(args.seed || 42), bad: Number(args.bad || 0),
  });
  if (args.out !== '-') {
    console.error(`wrote ${res.rows} rows, ${(res.bytes / 1048576).toFixed(1)} MiB to ${args.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}
