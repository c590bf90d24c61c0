// The boundary property run: thousands of calls of every export with random hostile JS values, interleaved with
// known-good calls whose answers must not change. Run in a Worker by boundary.test.mjs, once per wasm module:
//   node tests/js/boundary-run.mjs WASM_FILE SEED CALLS
// Prints one JSON line: { calls, errors, failures: [...], memoryBefore, memoryAfter, checks }.
// A failure is a thrown value that is not a TthcError, a WebAssembly.RuntimeError, a good call answering differently,
// or a call that took more than a second.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const args = workerData ?? { wasm: process.argv[2], seed: Number(process.argv[3] ?? 1), calls: Number(process.argv[4] ?? 5000) };
const tthc = await import('../../pkg/tthc.js');
const exportsOfWasm = tthc.initSync({ module: fs.readFileSync(new URL(`../../pkg/${args.wasm}`, import.meta.url)) });
const memory = exportsOfWasm.memory;

// A small deterministic generator (mulberry32), so that a failure can be replayed from its seed.
let state = args.seed >>> 0;
function rand() {
  state = (state + 0x6D2B79F5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];

const HUGE = 'x'.repeat(1 << 20);
const MARKS = 'a' + '\u0301'.repeat(50_000);
const LONE = 'Nguy\u1ec5n \ud83d';
class LyingBytes extends Uint8Array {
  get length() { return 1e9; }
  subarray() { return new Uint8Array(3); }
}
const throwing = (keys) => {
  const o = {};
  for (const k of keys) Object.defineProperty(o, k, { get() { throw new Error(`getter ${k}`); }, enumerable: true });
  return o;
};
const proxy = () => new Proxy({}, {
  get() { throw new Error('proxy get'); },
  ownKeys() { throw new Error('proxy ownKeys'); },
  has() { throw new Error('proxy has'); },
  getOwnPropertyDescriptor() { throw new Error('proxy gopd'); },
  getPrototypeOf() { throw new Error('proxy getPrototypeOf'); },
});
const cyclic = () => { const o = { a: 1 }; o.self = o; return o; };
const deep = () => { let o = {}; for (let i = 0; i < 10_000; i++) o = { o }; return o; };
const KEYS = ['today', 'locale', 'period', 'from', 'to', 'receivedAt', 'amount', 'unit', 'pauses', 'columns', 'format',
  'calendar', 'catalog', 'year', 'month', 'day', 'leap', 'accept', 'maxSize', 'fields', 'sheet', 'hours', 'daysOff'];

function hostile() {
  switch (Math.floor(rand() * 38)) {
    case 0: return undefined;
    case 1: return null;
    case 2: return NaN;
    case 3: return Infinity;
    case 4: return -Infinity;
    case 5: return -0;
    case 6: return 40090012345;
    case 7: return 10n ** 30n;
    case 8: return Symbol('s');
    case 9: return true;
    case 10: return {};
    case 11: return [];
    case 12: return [65, 66];
    case 13: return () => 1;
    case 14: return HUGE;
    case 15: return MARKS;
    case 16: return LONE;
    case 17: return '';
    case 18: return '2026-02-13';
    case 19: return throwing(KEYS);
    case 20: return proxy();
    case 21: return cyclic();
    case 22: return new LyingBytes(4);
    case 23: return new ArrayBuffer(8);
    case 24: return new DataView(new ArrayBuffer(4));
    case 25: return { length: 3, 0: 1, 1: 2, 2: 3 };
    case 26: return new Uint8Array([0xff, 0xfe, 0, 1]);
    case 27: return new Date();
    case 28: return deep();
    case 29: return { period: { from: '2026-01-01', to: '2026-01-31' }, sheet: -1 };
    case 30: return { receivedAt: '2026-02-13T10:15', amount: pick([NaN, -1, 1e300, '3', 3]), unit: pick(['workingDays', 'x', 5]) };
    case 31: return { year: pick([2026, 1e12, NaN, '2026']), month: 1, day: pick([1, 31, -5]), leap: pick([true, 'x']) };
    case 32: return Object.assign(Object.create(null), { today: '2026-02-13', locale: pick(['vi', 'en', 'fr']) });
    case 33: return Uint8Array.from({ length: Math.floor(rand() * 4096) }, () => Math.floor(rand() * 256));
    case 34: return new TextEncoder().encode(`Mã hồ sơ;Ngày tiếp nhận\n"A1;${LONE}\n${'\u0301'.repeat(Math.floor(rand() * 5000))};x`);
    case 35: return { fields: [{ name: pick(['a', '', '__proto__', LONE]), type: pick(['text', 'select', 'date', 'nope']),
      label: 'A', pattern: pick(['\\p{L}{3}', '(?i)\\w+', '(', 'a{99999}']), options: pick([[], ['x'], 'x', null]) }] };
    case 36: return { today: pick(['2026-02-30', '9999-12-31', LONE, '']), locale: pick(['vi', 'en', undefined]) };
    default: return 'Sở Tư pháp' + LONE;
  }
}

// The known-good calls and their answers before any hostile call.
const schema = {
  fields: [
    { name: 'fullName', type: 'name', label: 'Họ và tên', required: true, maxLength: 100 },
    { name: 'id', type: 'citizenId', label: 'Số định danh', required: true },
    { name: 'phone', type: 'phone', label: 'Điện thoại' },
    { name: 'birthDate', type: 'date', label: 'Ngày sinh', notFuture: true },
  ],
};
const goodValues = { fullName: 'Nguyễn Văn An', id: '040090012345', phone: '0912 345 678', birthDate: '1990-05-01' };
const csv = new TextEncoder().encode('Mã hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc xử lý,Cơ quan\n'
  + 'A1,02/01/2026 08:00,09/01/2026 17:00,05/01/2026 10:00,Sở Tư pháp\n'
  + 'A2,03/01/2026 09:00,06/01/2026 17:00,08/01/2026 10:00,Sở Y tế\n');
const period = { period: { from: '2026-01-01', to: '2026-01-31' } };
const cal = new tthc.WorkCalendar();
const validator = new tthc.FormValidator(schema);
const analyzer = new tthc.DossierAnalyzer(period);
const snapshotOf = new tthc.DossierAnalyzer(period);
snapshotOf.push(csv);
const goodSnapshot = snapshotOf.snapshot();
snapshotOf.free();
const good = [
  ['checkPhone', () => tthc.checkPhone('0912 345 678')],
  ['checkCitizenId', () => tthc.checkCitizenId('040090012345', { today: '2026-12-06' })],
  ['checkTaxCode', () => tthc.checkTaxCode('0100233488')],
  ['dueDate', () => cal.dueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' })],
  ['addWorkingDays', () => cal.addWorkingDays('2026-02-13', 1)],
  ['toLunar', () => tthc.toLunar('2026-02-17')],
  ['validate', () => validator.validate(goodValues, { today: '2026-12-06' })],
  ['validateField', () => validator.validateField('phone', { phone: '0912' }, { today: '2026-12-06' })],
  ['analyze', () => tthc.analyze(csv, period)],
  ['merge', () => tthc.DossierAnalyzer.merge([goodSnapshot], period)],
  ['formatNumberVi', () => tthc.formatNumberVi(6753)],
];
const expected = new Map(good.map(([name, f]) => [name, JSON.stringify(f())]));
// Contract values, so that "unchanged" also means "right".
const dueOk = JSON.parse(expected.get('dueDate')).dueAt === '2026-02-25T10:15:00+07:00';
const reportOk = JSON.parse(expected.get('analyze')).received.total === 2;

// Every export and method, called with hostile arguments.
const fns = Object.entries(tthc).filter(([k, v]) => typeof v === 'function' && !['default', 'initSync', 'TthcError'].includes(k)
  && !['WorkCalendar', 'FormValidator', 'DossierAnalyzer'].includes(k)).map(([k, f]) => [k, (a) => f(...a)]);
const methods = (name, obj, Cls) => Object.getOwnPropertyNames(Cls.prototype)
  .filter((m) => m !== 'constructor' && m !== 'free')
  .map((m) => [`${name}.${m}`, (a) => {
    const d = Object.getOwnPropertyDescriptor(Cls.prototype, m);
    return d.get ? d.get.call(obj) : obj[m](...a);
  }]);
const scratch = () => new tthc.DossierAnalyzer(period);
let spare = scratch();
const targets = [
  ...fns,
  ...methods('WorkCalendar', cal, tthc.WorkCalendar),
  ...methods('FormValidator', validator, tthc.FormValidator),
  ...methods('DossierAnalyzer', analyzer, tthc.DossierAnalyzer),
  ['new WorkCalendar', (a) => new tthc.WorkCalendar(...a)],
  ['new FormValidator', (a) => new tthc.FormValidator(...a)],
  ['new DossierAnalyzer', (a) => new tthc.DossierAnalyzer(...a)],
  ['DossierAnalyzer.merge', (a) => tthc.DossierAnalyzer.merge(...a)],
  ['merge of a damaged snapshot', () => {
    const b = goodSnapshot.slice();
    b[Math.floor(rand() * b.length)] ^= 1 + Math.floor(rand() * 255);
    return tthc.DossierAnalyzer.merge(rand() < 0.5 ? [b] : [goodSnapshot, b], period);
  }],
  ['spare analyzer push+finish', (a) => { spare.push(a[0]); if (rand() < 0.2) { const r = spare.finish(); spare.free(); spare = scratch(); return r; } }],
  ['method on a wrong this', (a) => tthc.WorkCalendar.prototype.isWorkingDay.call(a[0], '2026-01-01')],
  ['use after free', () => { const c = new tthc.WorkCalendar(); c.free(); c.free(); return c.isWorkingDay('2026-01-01'); }],
];

const failures = [];
let errors = 0;
const memoryBefore = memory.buffer.byteLength;
const runOne = (name, f, a) => {
  const t0 = performance.now();
  try {
    f(a);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError || !(e instanceof tthc.TthcError) || typeof e.messageEn !== 'string'
      || typeof e.kind !== 'string' || !e.message) {
      failures.push({ name, error: String(e && e.stack || e), args: a.map(describe) });
    }
    errors++;
  }
  const ms = performance.now() - t0;
  if (ms > 1000) failures.push({ name, slow: Math.round(ms), args: a.map(describe) });
};
function describe(v) {
  try {
    if (typeof v === 'string') return v.length > 40 ? `string(${v.length})` : JSON.stringify(v);
    if (typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function') return typeof v;
    return Object.prototype.toString.call(v);
  } catch { return 'unprintable'; }
}

let calls = 0;
for (let i = 0; i < args.calls; i++) {
  const [name, f] = pick(targets);
  const a = Array.from({ length: Math.floor(rand() * 6) }, hostile);
  runOne(name, f, a);
  calls++;
  if (i % 25 === 0) {
    for (const [gname, g] of good) {
      try {
        const got = JSON.stringify(g());
        if (got !== expected.get(gname)) failures.push({ name: gname, changed: got.slice(0, 200) });
      } catch (e) {
        failures.push({ name: gname, error: String(e && e.stack || e) });
      }
    }
    if (failures.length > 20) break;
  }
}
// The streaming analyzer that saw only good chunks still answers.
analyzer.free();
const a2 = new tthc.DossierAnalyzer(period);
a2.push(csv);
const finalReport = a2.finish();
const out = {
  calls, errors, failures, memoryBefore, memoryAfter: memory.buffer.byteLength,
  checks: { dueOk, reportOk, mergeOk: expected.get('merge') === expected.get('analyze'), finalOk: finalReport.received.total === 2 },
};
if (parentPort) parentPort.postMessage(out); else console.log(JSON.stringify(out));
