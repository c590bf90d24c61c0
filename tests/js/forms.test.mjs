// FormValidator.validate / validateField: the fast path (values of the usual shapes packed into one string in JS, the
// result unpacked in JS) gives exactly what the generic path (JSON.stringify in, JSON.parse out) gives. The generic path
// is forced by an extra key whose value is an object (ignored by the validation, but not packable).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as tthc from '../../pkg/tthc.js';
import { formSpec } from '../../bench/forms-spec.mjs';

tthc.initSync({ module: fs.readFileSync(new URL('../../pkg/tthc_bg.wasm', import.meta.url)) });
const lltp = fs.readFileSync(new URL('../../assets/forms/ly-lich-tu-phap.json', import.meta.url), 'utf8');
const spec = formSpec();
const today = { today: '2026-03-02' };

const generic = (values) => ({ ...values, forceGeneric: { x: 1 } });
// Same result on both paths, with the same key order (JSON.stringify compares that too).
function same(v, values, options, name) {
  const fast = v.validate(values, options);
  const slow = v.validate(generic(values), options);
  assert.deepStrictEqual(fast, slow, name);
  assert.equal(JSON.stringify(fast), JSON.stringify(slow), name);
  assert.deepStrictEqual(Object.keys(fast), ['valid', 'errors', 'warnings', 'values']);
  for (const f of v.fieldNames()) {
    const a = v.validateField(f, values, options);
    assert.deepStrictEqual(a, v.validateField(f, generic(values), options), `${name} ${f}`);
    assert.ok(Array.isArray(a));
  }
  return fast;
}

test('forms fast path: the benchmark samples give what the generic path gives', () => {
  const v = new tthc.FormValidator(spec.tthcSchema);
  let invalid = 0;
  for (const [i, s] of spec.samples.entries()) if (!same(v, s, today, `sample ${i}`).valid) invalid++;
  assert.ok(invalid > 0 && invalid < spec.samples.length);
  same(v, spec.samples[1], { today: '2026-03-02', locale: 'en' }, 'english');
  same(v, spec.samples[1], { locale: 'vi' }, 'clock today');
  same(v, spec.samples[0], undefined, 'no options');
  same(v, spec.samples[0], null, 'null options');
});

test('forms fast path: issue strings sent once and reused stay right, past the table\'s 512 strings and across locales', () => {
  const v = new tthc.FormValidator(spec.tthcSchema);
  // Messages seen before cross as ids: the same sample twice, in both languages, gives the same result.
  for (let round = 0; round < 2; round++) {
    for (const [i, s] of spec.samples.entries()) {
      for (const locale of ['vi', 'en']) same(v, s, { today: '2026-03-02', locale }, `sample ${i} ${locale} round ${round}`);
    }
  }
  // Messages that quote the input: 700 different ones fill the table (512) and start it afresh.
  const base = spec.samples[0];
  for (let i = 0; i < 700; i++) {
    const values = { ...base, province: `tỉnh ${i}`, commune: `xã ${i}` };
    const r = v.validate(values, today);
    assert.ok(r.errors.some((e) => e.field === 'province' && e.message.includes(`tỉnh ${i}`)), JSON.stringify(r.errors));
    if (i % 50 === 0 || i > 505 && i < 520) same(v, values, today, `quoting ${i}`);
  }
  // A validator's strings are its own: a second validator on the same schema is not confused by the first.
  const w = new tthc.FormValidator(spec.tthcSchema);
  for (const [i, s] of spec.samples.slice(0, 16).entries()) {
    assert.deepStrictEqual(w.validate(s, today), v.validate(s, today), `two validators ${i}`);
  }
});

test('forms fast path: values of every type, unknown keys, null and undefined, wrong types', () => {
  const v = new tthc.FormValidator(spec.tthcSchema);
  const base = spec.samples[0];
  const cases = {
    empty: {},
    nulls: Object.fromEntries(v.fieldNames().map((n) => [n, null])),
    undefineds: Object.fromEntries(v.fieldNames().map((n) => [n, undefined])),
    numbers: { ...base, copies: '2', citizenId: 40191012345, phone: 912345678, sex: 1, agreed: 'true' },
    floats: { ...base, copies: 2.5, postalCode: 1e21, notes: -0, ethnicity: 0.1 + 0.2 },
    nonFinite: { ...base, copies: NaN, notes: Infinity, ethnicity: -Infinity },
    booleans: { ...base, fullName: true, agreed: false, copies: true },
    wrongTypes: { ...base, fullName: 5, birthDate: false, province: 40, agreed: 'maybe', copies: 'ba' },
    unknownPrimitives: { ...base, extraText: 'x', extraNumber: 1, extraNull: null, extraUndefined: undefined, extraBool: true },
    unknownFirst: { zzz: 'first', ...base },
    spaces: { ...base, fullName: '  nguyễn   văn  an ', address: ' Số 5 ', phone: '+84 912 345 678', email: 'A@Example.VN' },
    decomposed: { ...base, fullName: 'Nguye\u0302\u0303n Va\u0306n An' },
    nul: { ...base, address: 'Số 5\u0000đường', notes: '\u0000' },
    replacement: { ...base, notes: 'ghi chú \uFFFD' },
    lone: { ...base, notes: 'x\uD800y' },
    emptyStrings: Object.fromEntries(v.fieldNames().map((n) => [n, ''])),
    dates: { ...base, birthDate: '12/03/1991', idIssueDate: '2021-5-1', requestDate: '2026-03-03' },
    legacyFont: { ...base, address: 'Sè 5 ®\u00adêng Lª Lîi' },
    long: { ...base, notes: 'ghi chú '.repeat(700), address: 'Số 5 '.repeat(300) },
    emoji: { ...base, notes: 'ok 👍', fullName: 'Nguyễn 👍' },
  };
  for (const [name, values] of Object.entries(cases)) {
    let fast, slow;
    try { fast = v.validate(values, today); } catch (e) { fast = { threw: e.kind, message: e.message }; }
    try { slow = v.validate(generic(values), today); } catch (e) { slow = { threw: e.kind, message: e.message }; }
    assert.deepStrictEqual(fast, slow, name);
    if (!fast.threw) same(v, values, today, name);
  }
  const r = v.validate(cases.wrongTypes, today);
  assert.equal(r.valid, false);
  assert.ok(r.errors.some((e) => e.field === 'fullName' && e.code === 'wrongType'), JSON.stringify(r.errors));
  assert.equal(v.validate(cases.numbers, today).values.copies, 2);
  // A value JSON can't carry is a wrong type, not an empty field (Infinity must not pass a number field's max).
  const nonFinite = v.validate(cases.nonFinite, today).errors.filter((e) => e.code === 'wrongType').map((e) => e.field);
  assert.deepEqual(nonFinite.sort(), ['copies', 'ethnicity', 'notes']);
  assert.equal(v.validate(cases.spaces, today).values.phone, '0912345678');
});

test('forms fast path: files, arrays, a Uint8Array head and a Date go the generic way and still work', () => {
  const v = new tthc.FormValidator(lltp);
  const values = {
    fullName: 'Nguyễn Thị Hoà', sex: 'female', birthDate: new Date(Date.UTC(1991, 2, 11, 17)), birthPlace: 'Vinh',
    nationality: 'Việt Nam', citizenId: '040 191 012345', idIssueDate: '2021-05-10', idIssuePlace: 'Cục CS', province: '40',
    commune: '16681', address: 'Số 5', phone: '0912 345 678', certificateType: '1', purpose: 'Xin việc', copies: 1,
    deliveryMethod: 'postal', commitment: true, idCardCopy: { name: 'cccd.pdf', size: 1000, head: new TextEncoder().encode('%PDF-1.7') },
  };
  const r = v.validate(values, { today: '2026-01-15' });
  assert.equal(r.valid, true, JSON.stringify(r.errors));
  assert.equal(r.values.birthDate, '1991-03-12');
  assert.equal(r.values.idCardCopy.type, 'pdf');
  const { idCardCopy, birthDate, ...plain } = values;
  same(v, { ...plain, birthDate: '12/03/1991' }, { today: '2026-01-15' }, 'lltp strings');
});

test('forms fast path: odd values objects and options behave as on the generic path', () => {
  const v = new tthc.FormValidator(spec.tthcSchema);
  const s = spec.samples[0];
  assert.throws(() => v.validate([1, 2], today), (e) => e.kind === 'form');
  assert.throws(() => v.validate('x', today), (e) => e.kind === 'form');
  assert.throws(() => v.validate(s, { today: '02/03/2026' }), (e) => e.kind === 'date');
  assert.throws(() => v.validate(s, { today: 20260302 }), (e) => e instanceof Error);
  assert.throws(() => v.validate(s, { locale: 'fr' }), (e) => e instanceof Error);
  // A BigInt, a Symbol or a function is a wrong type in a field, and ignored, as any value, under a key the schema lacks.
  assert.deepStrictEqual(v.validate({ ...s, big: 1n, sym: Symbol('s'), fn: () => 1 }, today), v.validate(s, today));
  const odd = v.validate({ ...s, fullName: 1n, address: Symbol('s'), notes: () => 1 }, today);
  assert.deepEqual(odd.errors.filter((e) => e.code === 'wrongType').map((e) => e.field).sort(), ['address', 'fullName', 'notes']);
  assert.equal(v.validate(undefined, today).valid, false);
  // inherited and non-enumerable properties are not values (JSON.stringify does not see them)
  const inherited = Object.create({ fullName: 'Lê Văn A' });
  assert.deepStrictEqual(v.validate(inherited, today), v.validate({}, today));
  const hidden = { ...s };
  Object.defineProperty(hidden, 'fullName', { value: 'Lê Văn A', enumerable: false });
  assert.equal(v.validate(hidden, today).values.fullName, null);
  // a getter that throws is reported, and the validator keeps working
  const bad = { ...s };
  Object.defineProperty(bad, 'phone', { enumerable: true, get() { throw new Error('boom'); } });
  assert.throws(() => v.validate(bad, today), (e) => e instanceof Error);
  assert.throws(() => v.validateField('phone', bad, today), (e) => e instanceof Error);
  assert.equal(v.validate(s, today).valid, true);
  // an object with toJSON is read the way JSON.stringify reads it
  assert.deepStrictEqual(v.validate({ toJSON: () => s }, today), v.validate(s, today));
  // a field called __proto__ still works (generic path)
  const p = new tthc.FormValidator({ fields: [{ name: '__proto__', type: 'text', label: 'P', required: true }] });
  assert.equal(p.validate(JSON.parse('{"__proto__":"x"}'), today).valid, true);
  assert.throws(() => v.validateField('noSuchField', s, today), (e) => e.kind === 'form');
  // results are fresh objects: changing one does not change the next
  const r1 = v.validate(s, today); r1.errors.push(1); r1.values.fullName = 'x';
  const r2 = v.validate(s, today);
  assert.deepStrictEqual(r2.errors, []); assert.equal(r2.values.fullName, s.fullName);
});
