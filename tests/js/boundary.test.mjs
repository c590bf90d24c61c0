// The JS boundary: a careless or hostile caller gets one TthcError per bad call, never a dead or corrupted instance.
// The property run (boundary-run.mjs) goes through every export with random hostile values on both modules; the tests
// below pin the cases that once killed or corrupted the instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as tthc from '../../pkg/tthc.js';

const wasmExports = tthc.initSync({ module: fs.readFileSync(new URL('../../pkg/tthc_bg.wasm', import.meta.url)) });
const memory = wasmExports.memory;
const period = { period: { from: '2026-01-01', to: '2026-01-31' } };
const csv = new TextEncoder().encode('Mã hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc xử lý,Cơ quan\n'
  + 'A1,02/01/2026 08:00,09/01/2026 17:00,05/01/2026 10:00,Sở Tư pháp\n');

// Memory may grow by this much over a whole property run (the module's own caches and the 1 MiB strings it copies).
const MEMORY_GROWTH_BOUND = 64 * 1024 * 1024;

function runIn(wasm, seed, calls) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./boundary-run.mjs', import.meta.url), { workerData: { wasm, seed, calls } });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`worker exited with ${code}`)); });
  });
}

for (const wasm of ['tthc_bg.wasm', 'tthc_bg_simd.wasm']) {
  test(`property: 20000 hostile calls of every export on ${wasm} leave the instance answering right`, async () => {
    const seed = Number(process.env.TTHC_BOUNDARY_SEED ?? 20261206);
    const r = await runIn(wasm, seed, Number(process.env.TTHC_BOUNDARY_CALLS ?? 20000));
    assert.deepEqual(r.failures, [], `seed ${seed}`);
    assert.ok(r.calls >= 1000 && r.errors > r.calls / 3, JSON.stringify({ calls: r.calls, errors: r.errors }));
    assert.deepEqual(r.checks, { dueOk: true, reportOk: true, mergeOk: true, finalOk: true });
    assert.ok(r.memoryAfter - r.memoryBefore <= MEMORY_GROWTH_BOUND,
      `memory grew from ${r.memoryBefore} to ${r.memoryAfter} bytes`);
  });
}

const isArgumentError = (name) => (e) => e instanceof tthc.TthcError && e.name === 'TthcError' && e.kind === 'argument'
  && (name === undefined || e.field === name) && /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(e.message)
  && typeof e.messageEn === 'string' && e.messageEn.length > 0;

test('calls that throw with Rust frames on the stack no longer leak the stack: 2000 each, then everything works', () => {
  const cal = new tthc.WorkCalendar();
  const before = memory.buffer.byteLength;
  for (let i = 0; i < 2000; i++) {
    assert.throws(() => tthc.analyze(null, period), isArgumentError('data'));
    assert.throws(() => tthc.checkPhone('0912345678', { get today() { throw new Error('x'); } }), isArgumentError('options'));
    assert.throws(() => cal.dueDate({ get receivedAt() { throw 1; }, amount: 1, unit: 'workingDays' }), isArgumentError('request'));
    assert.throws(() => tthc.fromLunar(new Proxy({}, { get() { throw new Error('p'); }, ownKeys() { throw new Error('p'); } })), isArgumentError('lunar'));
  }
  assert.equal(tthc.checkPhone('0912 345 678').normalized, '0912345678');
  assert.equal(cal.addWorkingDays('2026-02-13', 1), '2026-02-23');
  assert.equal(tthc.analyze(csv, period).received.total, 1);
  assert.ok(memory.buffer.byteLength - before < 4 * 1024 * 1024);
});

test('wrong types where a string is expected are argument errors, not traps', () => {
  const cal = new tthc.WorkCalendar();
  for (const v of [40090012345, true, {}, Symbol('s'), 10n, null, undefined, NaN]) {
    assert.throws(() => tthc.checkCitizenId(v), isArgumentError('value'));
    assert.throws(() => tthc.toLunar(v), isArgumentError('date'));
    assert.throws(() => tthc.communes(v), isArgumentError('provinceCode'));
    assert.throws(() => cal.isWorkingDay(v), isArgumentError('date'));
  }
  assert.throws(() => cal.addWorkingDays('2026-01-01', NaN), isArgumentError('n'));
  assert.throws(() => cal.daysOff('2026'), isArgumentError('year'));
  assert.equal(tthc.checkCitizenId('040090012345', { today: '2026-12-06' }).valid, true);
});

test('push takes Uint8Array, ArrayBuffer and any ArrayBufferView; anything else is a clear error; the analyzer lives on', () => {
  class Lying extends Uint8Array {
    get length() { return 1e9; }
    subarray() { return new Uint8Array(2); }
  }
  const a = new tthc.DossierAnalyzer(period);
  const head = csv.slice(0, 20);
  a.push(new Lying(head)); // read by its real bytes
  a.push(head.buffer.slice(0, 0));
  const rest = csv.slice(20);
  a.push(new DataView(rest.buffer, 0, 10));
  a.push(rest.buffer.slice(10, 30));
  a.push(new Uint8Array(rest.buffer, 30));
  for (const bad of [[65], null, undefined, 'x', 5, { length: 2, 0: 65, 1: 66 }, new Proxy({}, {})]) {
    assert.throws(() => a.push(bad), isArgumentError('chunk'));
  }
  assert.equal(a.bytesRead, csv.length);
  const r = a.finish();
  assert.equal(r.received.total, 1);
  assert.equal(r.quality.skipped, 0);
  // 200 bad pushes hold no memory.
  const before = memory.buffer.byteLength;
  const b = new tthc.DossierAnalyzer(period);
  for (let i = 0; i < 200; i++) assert.throws(() => b.push([65, 66, 67]), isArgumentError('chunk'));
  b.push(csv);
  assert.equal(b.finish().received.total, 1);
  assert.ok(memory.buffer.byteLength - before < 1024 * 1024);
});

test('a lone surrogate in a field is a field issue, and other fields validate as before', () => {
  const v = new tthc.FormValidator({ fields: [
    { name: 'fullName', type: 'name', label: 'Họ và tên', required: true },
    { name: 'address', type: 'text', label: 'Địa chỉ' },
  ] });
  const cut = 'Nguyễn 😀'.slice(0, -1);
  const r = v.validate({ fullName: cut, address: 'Vinh' }, { today: '2026-12-06' });
  assert.equal(r.valid, false);
  assert.deepEqual(r.errors.map((e) => e.field), ['fullName']);
  assert.deepEqual(v.validateField('address', { fullName: cut, address: 'Vinh' }), []);
  assert.deepEqual(v.validate({ fullName: 'Nguyễn Văn An', address: cut.slice(0, 3) }).errors, []);
});

test('objects stay usable after errors; use after free() is a TthcError; free() twice does nothing', () => {
  const cal = new tthc.WorkCalendar();
  assert.throws(() => cal.dueDate({ receivedAt: 'x', amount: 1, unit: 'workingDays' }), (e) => e instanceof tthc.TthcError && e.kind === 'date');
  assert.equal(cal.isWorkingDay('2026-02-16'), false);
  cal.free();
  cal.free();
  assert.throws(() => cal.isWorkingDay('2026-02-16'), (e) => e instanceof tthc.TthcError && /free/.test(e.messageEn));
  const v = new tthc.FormValidator({ fields: [{ name: 'a', type: 'text', label: 'A' }] });
  v.free();
  assert.throws(() => v.validate({ a: 'x' }), (e) => e instanceof tthc.TthcError && e.kind === 'argument');
  assert.throws(() => tthc.WorkCalendar.prototype.isWorkingDay.call({}, '2026-01-01'), isArgumentError());
});

test('errors raised inside wasm are TthcError instances with both languages', () => {
  assert.throws(() => tthc.normalizeDateTime('2026-13-01T00:00'),
    (e) => e instanceof tthc.TthcError && e.kind === 'date' && /2026-13-01/.test(e.message) && /2026-13-01/.test(e.messageEn));
});

test('option objects: cycles, deep nesting, Dates, functions and BigInts are argument errors naming the place', () => {
  const cyc = { period: { from: '2026-01-01', to: '2026-01-31' } };
  cyc.period.self = cyc;
  assert.throws(() => tthc.analyze(csv, cyc), isArgumentError('options.period.self'));
  let deep = {};
  for (let i = 0; i < 1000; i++) deep = { deep };
  assert.throws(() => new tthc.WorkCalendar(deep), (e) => e instanceof tthc.TthcError && e.kind === 'argument');
  assert.throws(() => tthc.analyze(csv, { period: { from: new Date(), to: '2026-01-31' } }), isArgumentError('options.period.from'));
  assert.throws(() => tthc.analyze(csv, { period, format: () => 'csv' }), isArgumentError('options.format'));
  assert.throws(() => tthc.fromLunar({ year: 10n, month: 1, day: 1 }), isArgumentError('lunar.year'));
  assert.equal(tthc.fromLunar({ year: 2030, month: 1, day: 1 }), '2030-02-02');
});

test('checkAttachment takes accept as a string too', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n');
  assert.deepEqual(tthc.checkAttachment({ accept: 'pdf' }, pdf, 'don.pdf'), []);
  assert.deepEqual(tthc.checkAttachment({ accept: 'pdf, jpg' }, pdf, 'don.pdf'), []);
});

test('formatNumberVi and formatPercentVi check their arguments', () => {
  assert.equal(tthc.formatNumberVi(6753), '6.753');
  assert.equal(tthc.formatPercentVi(99.19), '99,19 %');
  assert.equal(tthc.formatPercentVi(null), '');
  assert.throws(() => tthc.formatNumberVi('6753'), isArgumentError('n'));
  assert.throws(() => tthc.formatNumberVi(1, -1), isArgumentError('decimals'));
});

test('the safety net: an exception that unwinds through wasm frames leaves the stack pointer at rest', async () => {
  // Reach past the entry's checks: make the glue's own dueDate hand wasm an object whose getter throws while Rust
  // reads it (what every unchecked call used to do), 3000 times; each leaked ~300 bytes of the 1 MiB stack.
  const glue = await import('../../pkg/tthc_glue.js');
  const proto = glue.WorkCalendar.prototype;
  const original = proto.dueDate;
  const rest = wasmExports.__stack_pointer.value;
  const cal = new tthc.WorkCalendar();
  proto.dueDate = function () {
    return original.call(this, { get receivedAt() { throw new Error('getter'); }, amount: 1, unit: 'workingDays' });
  };
  try {
    for (let i = 0; i < 3000; i++) {
      assert.throws(() => cal.dueDate({ receivedAt: '2026-02-13T10:15', amount: 1, unit: 'workingDays' }),
        (e) => e instanceof tthc.TthcError);
      assert.equal(wasmExports.__stack_pointer.value, rest);
    }
  } finally {
    proto.dueDate = original;
  }
  assert.equal(cal.dueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' }).dueAt, '2026-02-25T10:15:00+07:00');
});

test('Vietnamese number formats of huge numbers write their digits', () => {
  assert.equal(tthc.formatNumberVi(1e39), '1.' + '000.'.repeat(12) + '000');
  assert.equal(tthc.formatNumberVi(-1e39), '-1.' + '000.'.repeat(12) + '000');
  assert.equal(tthc.formatPercentVi(1e21), '1.000.000.000.000.000.000.000 %');
  assert.equal(tthc.formatNumberVi(1234567.891, 2), '1.234.567,89');
});

test('the entry wraps every function, class and method of the glue, and adds nothing unchecked', async () => {
  const glue = await import('../../pkg/tthc_glue.js');
  const mine = new Set(['TthcError', 'checkAttachment', 'validateForm']); // written in the entry itself
  for (const [name, v] of Object.entries(glue)) {
    if (typeof v !== 'function' || name.startsWith('__')) continue;
    assert.equal(typeof tthc[name], 'function', `${name} is exported by the entry`);
    assert.notEqual(tthc[name], v, `${name} is wrapped, not re-exported`);
    if (/^[A-Z]/.test(name)) {
      for (const m of Object.getOwnPropertyNames(v.prototype)) {
        if (m === 'constructor' || m.startsWith('__')) continue;
        assert.ok(Object.getOwnPropertyDescriptor(tthc[name].prototype, m), `${name}.${m} is wrapped`);
      }
    }
  }
  for (const name of Object.keys(tthc)) {
    assert.ok(name in glue || mine.has(name), `${name} comes from the glue or is written in the entry`);
  }
});

test('a getter that calls tthc and grows wasm memory: the values read are the values validated', () => {
  const schema = { fields: [{ name: 'code', type: 'text', label: 'Mã số', pattern: '^[0-9]+$' }] };
  const v = new tthc.FormValidator(schema);
  assert.equal(v.validate({ code: '1234' }).valid, true);
  const keep = [];
  const grow = () => {
    const start = memory.buffer;
    while (memory.buffer === start) keep.push(new tthc.FormValidator({ fields: Array.from({ length: 40 }, (_, j) => ({ name: `f${j}`, type: 'text', label: 'L' })) }));
  };
  let once = true;
  const r = v.validate({ get code() { if (once) { once = false; grow(); } return 'abcd'; } });
  assert.equal(r.valid, false);
  assert.deepEqual(r.errors.map((e) => e.code), ['patternMismatch']);
  assert.equal(r.values.code, 'abcd');
  v.validateField('code', { code: '1234' });
  once = true;
  assert.deepEqual(v.validateField('code', { get code() { if (once) { once = false; grow(); } return 'abcd'; } }).map((e) => e.code), ['patternMismatch']);
  for (const k of keep) k.free();
});

test('a revoked Proxy as form values is an argument error, and the validator stays usable and freeable', () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const schema = { fields: [{ name: 'a', type: 'text', label: 'A', required: true }] };
  assert.throws(() => tthc.validateForm(schema, proxy), isArgumentError('values'));
  const v = new tthc.FormValidator(schema);
  assert.throws(() => v.validate(proxy), isArgumentError('values'));
  assert.throws(() => v.validateField('a', proxy), isArgumentError('values'));
  assert.equal(v.validate({ a: 'x' }).valid, true);
  v.free();
  assert.throws(() => v.validate({ a: 'x' }), isArgumentError());
});

test('free() from a getter during the object\'s own call: the call ends, then the object is freed', () => {
  const schema = { fields: [{ name: 'a', type: 'text', label: 'A' }] };
  const v = new tthc.FormValidator(schema);
  const r = v.validate({ get a() { v.free(); return 'x'; } });
  assert.equal(r.values.a, 'x');
  assert.throws(() => v.validate({ a: 'x' }), (e) => e instanceof tthc.TthcError && /free/.test(e.messageEn));
  v.free();
  // Freed while the arguments are read in JavaScript, before wasm is called: the freed error, not an internal one.
  const cal = new tthc.WorkCalendar();
  assert.throws(() => cal.dueDate({ get receivedAt() { cal.free(); return '2026-01-05T08:00'; }, amount: 1, unit: 'workingDays' }),
    (e) => e instanceof tthc.TthcError && e.kind === 'argument' && /free/.test(e.messageEn));
  assert.equal(tthc.checkPhone('0912345678').valid, true);
});

test('analyzeFiles and merge: a throwing getter or Proxy in the list is an argument error naming the place', () => {
  const boom = () => { throw new Error('boom'); };
  const cases = [
    [() => tthc.analyzeFiles([{ name: 'a.csv', get data() { return boom(); } }]), 'files[0]'],
    [() => tthc.analyzeFiles([{ get name() { return boom(); }, data: csv }]), 'files[0]'],
    [() => tthc.analyzeFiles(new Proxy([], { get: (t, k) => (k === 'length' ? boom() : t[k]) })), 'files'],
    [() => tthc.analyzeFiles([{ name: 'a.csv', data: csv }, new Proxy({}, { get: boom })]), 'files[1]'],
    [() => { const a = []; Object.defineProperty(a, 0, { get: boom }); return tthc.analyzeFiles(a); }, 'files[0]'],
    [() => { const a = []; Object.defineProperty(a, 0, { get: boom }); return tthc.DossierAnalyzer.merge(a); }, 'snapshots[0]'],
    [() => tthc.DossierAnalyzer.merge(new Proxy([], { get: (t, k) => (k === 'length' ? boom() : t[k]) })), 'snapshots'],
  ];
  for (const [f, field] of cases) assert.throws(f, (e) => isArgumentError(field)(e) && /boom/.test(e.message), field);
  assert.equal(tthc.analyzeFiles([{ name: 'a.csv', data: csv }], period).received.total, 1);
});

test('a 50 MB string argument: a limit error for names, a cut value for checks; wasm memory stays small', () => {
  const long = 'a'.repeat(50 << 20);
  const before = memory.buffer.byteLength;
  const v = new tthc.FormValidator({ fields: [{ name: 'a', type: 'text', label: 'A' }] });
  const isLimit = (field) => (e) => e instanceof tthc.TthcError && e.kind === 'limit' && e.field === field && e.message.length < 200;
  assert.throws(() => tthc.communes(long), isLimit('provinceCode'));
  assert.throws(() => tthc.checkIdentifier(long, '1'), isLimit('kind'));
  assert.throws(() => v.validateField(long, {}), isLimit('name'));
  assert.throws(() => v.checkAttachment(long, new Uint8Array(4), 'a.pdf'), isLimit('field'));
  for (const r of [tthc.checkPhone(long), tthc.checkCitizenId(long), tthc.checkTaxCode(long), tthc.checkIdentifier('vehiclePlate', long)]) {
    assert.equal(r.valid, false);
    assert.ok(r.message.length < 1000, r.message.slice(0, 100));
  }
  v.free();
  assert.ok(memory.buffer.byteLength - before < 16 << 20, `wasm memory grew by ${(memory.buffer.byteLength - before) >> 20} MiB`);
});

test('a value of the wrong shape inside an option object: the error names its path, in Vietnamese words', () => {
  const cal = new tthc.WorkCalendar();
  const ok = { from: '2026-01-05T09:00', to: '2026-01-05T10:00' };
  const shape = (field, vi) => (e) => e instanceof tthc.TthcError && e.field === field && e.message.includes(`"${field}"`)
    && e.messageEn.includes(`"${field}"`) && e.message.includes(vi) && !/expected|invalid type|Error:/.test(e.message);
  assert.throws(() => cal.dueDate({ receivedAt: '2026-01-05T08:00', amount: 1, unit: 'workingDays', pauses: [ok, ok, { from: ok.from, to: 5 }] }),
    shape('request.pauses[2].to', 'sai kiểu: số `5'));
  assert.throws(() => tthc.fromLunar({ year: 2026, month: 1, day: 1, leap: 'yes' }), shape('lunar.leap', 'cần giá trị đúng/sai'));
  assert.throws(() => tthc.analyze(csv, { period: { from: '2026-01-01', to: 20260131 } }), shape('options.period.to', 'cần một chuỗi'));
  // The calendar configuration: the path, and no position in a JSON text the caller never wrote.
  assert.throws(() => new tthc.WorkCalendar({ officeHours: [{ from: '01-01', intervals: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: 17 }] }] }),
    (e) => e instanceof tthc.TthcError && e.field === 'config.officeHours[0].intervals[1].end'
      && e.message.endsWith('sai kiểu: số nguyên `17`, cần một chuỗi. [config.officeHours[0].intervals[1].end]')
      && !/line 1 column/.test(e.messageEn));
  // A mistyped unit (serde's "unknown variant") and a number given as text.
  assert.throws(() => cal.dueDate({ receivedAt: '2026-01-05T08:00', amount: 1, unit: 'weeks' }),
    shape('request.unit', 'giá trị không hợp lệ `weeks`, cần là một trong'));
  assert.throws(() => cal.dueDate({ receivedAt: '2026-01-05T08:00', amount: '3', unit: 'workingDays' }),
    shape('request.amount', 'sai kiểu: chuỗi "3", cần số'));
  // Found twice: not guessed.
  assert.throws(() => cal.dueDate({ receivedAt: '2026-01-05T08:00', amount: 1, unit: 'workingDays', pauses: [{ from: 5, to: 5 }] }),
    (e) => e instanceof tthc.TthcError && e.field === 'request');
  cal.free();
});
