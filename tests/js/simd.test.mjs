// The two modules of pkg/ — tthc_bg_simd.wasm (wasm SIMD) and tthc_bg.wasm (without) — behind the same glue: the
// glue's default picks the SIMD one where SIMD validates, and both give the same answers (reports of every fixture
// format and of a generated export with bad rows, streamed in odd chunks; form validation; due dates).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toCsv } from '../../bench/gen-export.mjs';
import { formSpec } from '../../bench/forms-spec.mjs';

const pkg = (f) => new URL(`../../pkg/${f}`, import.meta.url);
// One instance of the package per module: each loaded from its own copy of pkg/ (the entry and the glue it imports
// are module records of their own only under another URL).
const copies = fs.mkdtempSync(path.join(os.tmpdir(), 'tthc-simd-test-'));
async function load(wasm) {
  const dir = path.join(copies, wasm);
  fs.cpSync(new URL('../../pkg/', import.meta.url), dir, { recursive: true });
  const m = await import(pathToFileURL(path.join(dir, 'tthc.js')).href);
  m.initSync({ module: fs.readFileSync(pkg(wasm)) });
  return m;
}
const plain = await load('tthc_bg.wasm');
const simd = await load('tthc_bg_simd.wasm');

test('the glue loads the SIMD module where SIMD validates, the plain one elsewhere', () => {
  const glue = fs.readFileSync(pkg('tthc_glue.js'), 'utf8');
  // Each file named by a literal `new URL('…', import.meta.url)`: the only form bundlers follow and emit.
  const m = glue.match(/WebAssembly\.validate\(new Uint8Array\(\[([\d,]+)\]\)\)\s*\? new URL\('tthc_bg_simd\.wasm', import\.meta\.url\)\s*: new URL\('tthc_bg\.wasm', import\.meta\.url\)/);
  assert.ok(m, 'the default module URL chooses by a SIMD probe');
  const probe = new Uint8Array(m[1].split(',').map(Number));
  assert.equal(WebAssembly.validate(probe), true, 'Node 20 has SIMD: the probe validates');
  // The probe is SIMD and nothing else: with its one SIMD opcode (0xFD 0x0F, i8x16.splat) made a plain i32 no-op,
  // the module no longer validates (its function must return a v128), so the probe cannot pass without SIMD.
  assert.deepEqual([...probe.slice(-4)], [0, 253, 15, 11]);
  assert.ok(JSON.parse(fs.readFileSync(pkg('package.json'), 'utf8')).files.includes('tthc_bg_simd.wasm'), 'published');
});

const period = { from: '2025-08-15', to: '2025-09-15' };
const fixtures = ['definitions.csv', 'definitions-1258.csv', 'definitions-utf16le.csv', 'definitions-semicolon.csv',
  'definitions-tab.csv', 'definitions.xlsx', 'definitions.json', 'xlsx-edge-cases.xlsx', 'export-sheetjs.xlsx'];

test('both modules give the same report for every fixture', () => {
  for (const f of fixtures) {
    const bytes = new Uint8Array(fs.readFileSync(new URL(`../fixtures/${f}`, import.meta.url)));
    for (const p of [period, { from: '2026-01-01', to: '2026-01-31' }]) {
      const a = JSON.stringify(plain.analyze(bytes, { period: p }));
      const b = JSON.stringify(simd.analyze(bytes, { period: p }));
      assert.equal(b, a, f);
    }
  }
});

test('both modules give the same report for a generated export with bad rows, whole and in odd chunks', () => {
  const bytes = new TextEncoder().encode(toCsv(20000, 11, { bad: 0.01 }));
  const whole = JSON.stringify(plain.analyze(bytes, { period }));
  assert.equal(JSON.stringify(simd.analyze(bytes, { period })), whole);
  for (const m of [plain, simd]) {
    const a = new m.DossierAnalyzer({ period });
    for (let o = 0, step = 1; o < bytes.length; o += step, step = (step * 7 + 13) % 70001 + 1) a.push(bytes.subarray(o, o + step));
    assert.equal(JSON.stringify(a.finish()), whole);
  }
});

test('both modules validate forms and compute due dates alike', () => {
  const spec = formSpec(64, 3);
  const [va, vb] = [new plain.FormValidator(spec.tthcSchema), new simd.FormValidator(spec.tthcSchema)];
  for (const s of spec.samples) {
    for (const locale of ['vi', 'en']) {
      assert.deepStrictEqual(vb.validate(s, { today: '2026-03-02', locale }), va.validate(s, { today: '2026-03-02', locale }));
    }
  }
  const [ca, cb] = [new plain.WorkCalendar(), new simd.WorkCalendar()];
  for (let d = 0; d < 400; d += 3) {
    const receivedAt = new Date(Date.UTC(2025, 11, 1, 1 + (d % 9), 0) + d * 86400000).toISOString();
    const req = { receivedAt, amount: 1 + (d % 20), unit: d % 3 ? 'workingDays' : 'workingHours', cutoff: '15:00' };
    assert.deepStrictEqual(cb.dueDate(req), ca.dueDate(req));
  }
});
