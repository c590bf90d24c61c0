// The forms wire codec's JavaScript half (src/js/forms-codec.js) on its own, over a plain ArrayBuffer standing for wasm
// memory: what `packForm` writes is decoded here by the wire format's rules, and what `unpackResult` / `unpackIssues`
// read is written here by them. (tests/js/forms.test.mjs checks the codec with wasm against the generic path.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formCodec, packForm, packFormSafe, unpackResult, unpackIssues, unpackResultSafe, unpackIssuesSafe, valuesJson,
} from '../../src/js/forms-codec.js';

const memory = () => ({ buffer: new ArrayBuffer(1 << 16) });
const PTR = 1024;

// packForm's records at PTR: [header, ...one string per field], each as the UTF-8 text it holds.
function pack(c, values, options, cap = 8192) {
  const n = packForm(c, values, options, PTR, cap);
  if (n < 0 || n > cap) return n;
  const bytes = new Uint8Array(c.memory.buffer, PTR, n);
  assert.equal(bytes[n - 1], 0, 'the last record ends with NUL');
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n - 1)).split('\0');
}

// Writes wire text (UTF-16) at byte PTR and returns its length in units.
function write16(c, text) {
  const u = new Uint16Array(c.memory.buffer);
  for (let i = 0; i < text.length; i++) u[(PTR >>> 1) + i] = text.charCodeAt(i);
  return text.length;
}

test('packForm: header and one record per field, in schema order, for each value type', () => {
  const c = formCodec(['name', 'age', 'ok', 'no', 'none', 'absent', 'undef', 'neg', 'empty'], memory());
  const values = { undef: undefined, name: 'Nguyễn Văn An', age: 42.5, ok: true, no: false, none: null,
    neg: -0.001, empty: '' };
  assert.deepEqual(pack(c, values, { today: '2026-03-02', locale: 'en' }),
    ['es2026-03-02', 'sNguyễn Văn An', 'd42.5', 't', 'f', 'n', 'u', 'u', 'd-0.001', 's']);
  assert.deepEqual(pack(c, values, { locale: 'vi' })[0], 'vu');
  assert.deepEqual(pack(c, values, undefined)[0], '-u');
  assert.deepEqual(pack(c, values, null)[0], '-u');
  assert.deepEqual(pack(c, values, { today: '' })[0], '-s');
  assert.deepEqual(pack(c, {}, undefined), ['-u', ...Array(9).fill('u')], 'no values: every field absent');
});

test('packForm: text of every UTF-8 length, non-BMP characters included, is written as UTF-8', () => {
  const c = formCodec(['a', 'b', 'c'], memory());
  const texts = ['ASCII ~\x7f', 'Ưu đãi ₫ “ngoặc”', '𠀀𝔘 😀 👩‍👩‍👧 chữ Nôm 𡨸'];
  const records = pack(c, { a: texts[0], b: texts[1], c: texts[2] }, undefined);
  assert.deepEqual(records.slice(1), texts.map((t) => 's' + t));
  // Byte for byte what Node's encoder writes.
  const n = packForm(c, { a: texts[2] }, undefined, PTR, 8192);
  const bytes = Buffer.from(new Uint8Array(c.memory.buffer, PTR, n));
  assert.ok(bytes.includes(Buffer.concat([Buffer.from('s'), Buffer.from(texts[2], 'utf8'), Buffer.from([0])])));
});

test('packForm: a lone surrogate (text cut inside an emoji) sends the call to the generic path', () => {
  const c = formCodec(['a'], memory());
  for (const bad of ['\ud83d', 'x\ud83d', '\ude00', '\ude00\ud83d', 'a\ud83dz']) {
    assert.equal(packForm(c, { a: bad }, undefined, PTR, 8192), -1, JSON.stringify(bad));
  }
  assert.equal(packForm(c, { a: 'ok' }, { today: '\ud800' }, PTR, 8192), -1);
  // The generic path's JSON makes it U+FFFD.
  assert.equal(valuesJson({ a: 'x\ud83d' }), '{"a":"x\ufffd"}');
  assert.equal(valuesJson({ a: '😀' }), '{"a":"😀"}');
});

test('packForm: many fields, and a buffer too small answers the size it needs', () => {
  const names = Array.from({ length: 300 }, (_, i) => `field${i}`);
  const c = formCodec(names, memory());
  const values = Object.fromEntries(names.map((n, i) => [n, i % 3 === 0 ? `giá trị ${i}` : i % 3 === 1 ? i : null]));
  const needed = packForm(c, values, { today: '2026-03-02' }, PTR, 64);
  assert.ok(needed > 64);
  const records = pack(c, values, { today: '2026-03-02' }, needed);
  assert.equal(records.length, 301);
  assert.equal(records[0], '-s2026-03-02');
  for (const [i, r] of records.slice(1).entries()) {
    assert.equal(r, i % 3 === 0 ? `sgiá trị ${i}` : i % 3 === 1 ? `d${i}` : 'n');
  }
  // A header larger than the buffer too.
  assert.ok(packForm(c, values, { today: 'x'.repeat(100) }, PTR, 16) > 16);
});

test('packForm: other shapes take the generic path (-1)', () => {
  const c = formCodec(['a'], memory());
  const generic = [
    [[], undefined], [null, undefined], ['text', undefined], [{ a: [1] }, undefined], [{ a: { name: 'f' } }, undefined],
    [{ a: 1n }, undefined], [{ a: 'x', extra: {} }, undefined], [{ a: 'x', extra: () => 1 }, undefined],
    [{ a: NaN }, undefined], [{ a: Infinity }, undefined], [{ a: Symbol('s') }, undefined],
    [{ toJSON: () => ({}) }, undefined], [{ a: 'x' }, { locale: 'fr' }], [{ a: 'x' }, { today: 20260302 }],
    [{ a: 'x' }, []], [{ a: 'x' }, 'vi'],
  ];
  for (const [values, options] of generic) assert.equal(packForm(c, values, options, PTR, 8192), -1);
  // Keys the schema does not have are ignored when JSON could carry them.
  assert.deepEqual(pack(c, { a: 'x', extra: 'y', more: 1, none: null }, undefined), ['-u', 'sx']);
  // There, a value JSON can't carry becomes {} (which every field type reports as a wrong type), not null or nothing.
  assert.equal(valuesJson({ a: NaN, b: -Infinity, c: Symbol('s'), d: () => 1, e: 1n, f: [1, Infinity], g: 'x' }),
    '{"a":{},"b":{},"c":{},"d":{},"e":{},"f":[1,{}],"g":"x"}');
  // Every value is read before a byte is written: a getter that grows wasm memory (a call into tthc) can't leave the
  // writes in a detached buffer.
  const mem = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const grows = formCodec(['a', 'b'], mem);
  const before = packForm(grows, { a: 'x', b: 'y' }, undefined, PTR, 8192);
  const n = packForm(grows, { get a() { mem.grow(1); return 'mới'; }, b: 'z' }, undefined, PTR, 8192);
  assert.ok(before > 0 && n > 0);
  assert.equal(Buffer.from(new Uint8Array(mem.buffer, PTR, n)).toString('utf8').split('\0').slice(1, 3).join('|'), 'smới|sz');
  // A getter that throws: packFormSafe answers -1.
  const throwing = { get a() { throw new Error('page'); } };
  assert.equal(packFormSafe(c, throwing, undefined, PTR, 8192), -1);
  // A field named __proto__ can't be an own key of an object literal: no codec, always the generic path.
  const proto = formCodec(['a', '__proto__'], memory());
  assert.equal(proto, null);
  assert.equal(packFormSafe(proto, { a: 'x' }, undefined, PTR, 8192), -1);
});

test('unpackResult: issues with shared strings, values by tag, unchanged strings returned as read', () => {
  const c = formCodec(['name', 'age', 'ok', 'no', 'none', 'obj', 'emoji'], memory());
  const page = { name: 'An', age: 7, ok: true, no: false, none: null, emoji: 'x' };
  pack(c, page, undefined); // keeps the strings it read
  const long = 'Trường “Họ tên” có ký tự không hợp lệ: 😀 (quá dài để đọc từng ký tự)';
  const wire = [
    '1,1',
    '+0:name', '+1:required', `+2:${long}`, 'sAn Nguyễn',
    '#0', '+3:short😀', '-not kept', '',
    '=', 'd-12.5', 't', 'f', 'n', 'j{"a":[1,"😀"]}', 's𝔘😀',
  ].join('\0') + '\0';
  const r = unpackResult(c, PTR, write16(c, wire));
  assert.deepEqual(r, {
    valid: false,
    errors: [{ field: 'name', code: 'required', message: long, severity: 'error', suggestion: 'An Nguyễn' }],
    warnings: [{ field: 'name', code: 'short😀', message: 'not kept', severity: 'warning', suggestion: null }],
    values: { name: 'An', age: -12.5, ok: true, no: false, none: null, obj: { a: [1, '😀'] }, emoji: '𝔘😀' },
  });
  assert.deepEqual(Object.keys(r.values), ['name', 'age', 'ok', 'no', 'none', 'obj', 'emoji'], 'schema order');
  // The next result refers to the strings by id only.
  const again = ['0,1', '#0', '#1', '#2', '', 'n', 'n', 'n', 'n', 'n', 'n', 'n'].join('\0') + '\0';
  const r2 = unpackResult(c, PTR, write16(c, again));
  assert.equal(r2.valid, true);
  assert.deepEqual(r2.warnings, [{ field: 'name', code: 'required', message: long, severity: 'warning', suggestion: null }]);
  // An id it never received: the safe reader answers undefined (wasm then takes the generic path).
  assert.equal(unpackResultSafe(c, PTR, write16(c, ['1,0', '#9', '#0', '#0', ''].join('\0') + '\0')), undefined);
});

test('unpackIssues: errors then warnings, empty and many', () => {
  const c = formCodec(['a'], memory());
  assert.deepEqual(unpackIssues(c, PTR, write16(c, '0,0\0')), []);
  const many = ['120,3'];
  for (let i = 0; i < 123; i++) many.push(`+${i}:f${i}`, '-code', `-thông báo ${i}`, i % 2 ? '' : `s${i}`);
  const issues = unpackIssues(c, PTR, write16(c, many.join('\0') + '\0'));
  assert.equal(issues.length, 123);
  assert.deepEqual(issues[0], { field: 'f0', code: 'code', message: 'thông báo 0', severity: 'error', suggestion: '0' });
  assert.deepEqual(issues[122], { field: 'f122', code: 'code', message: 'thông báo 122', severity: 'warning', suggestion: '122' });
  assert.equal(issues.filter((i) => i.severity === 'warning').length, 3);
  assert.equal(c.shared[121], 'f121');
  assert.equal(unpackIssuesSafe(c, PTR, write16(c, '1,0\0#999\0-c\0-m\0\0')), undefined);
});

test('the codec follows wasm memory when it grows (a new buffer)', () => {
  const mem = memory();
  const c = formCodec(['a'], mem);
  assert.deepEqual(pack(c, { a: 'một' }, undefined), ['-u', 'smột']);
  mem.buffer = new ArrayBuffer(1 << 17);
  assert.deepEqual(pack(c, { a: 'hai' }, undefined), ['-u', 'shai']);
  assert.deepEqual(unpackIssues(c, PTR, write16(c, '0,0\0')), []);
});
