// Same-process A/B speed probe of two built packages (e.g. before/after a size change): both modules are
// instantiated in one Node process and called alternately, so machine load hits both alike.
//   node bench/ab.mjs --a DIR --b DIR [--rows 200000] [--xlsx FILE]
// Prints best and median of: analyze() of a generated CSV (MiB/s), addWorkingDays through the batch API
// (M dates/s), a 25-field form validation (µs), and analyze() of an XLSX file if --xlsx is given (ms).
import fs from 'node:fs';
import { opt, loadPkg } from './node-pkg.mjs';
import { toCsv } from './gen-export.mjs';
import { formSpec } from './forms-spec.mjs';

const A = await loadPkg(opt('a', 'pkg')), B = await loadPkg(opt('b', 'pkg'));
// Alternates A and B (the order flips every round); returns the two lists of measures.
const ab = (rounds, fa, fb) => {
  const ta = [], tb = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2) { ta.push(fa()); tb.push(fb()); } else { tb.push(fb()); ta.push(fa()); }
  }
  return [ta, tb];
};
const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
// best = the fastest; higher is faster when `rate`.
const show = (name, [ta, tb], unit, rate) => {
  const q = (a) => { const s = [...a].sort((x, y) => (rate ? y - x : x - y)); return `best ${s[0].toFixed(1)} median ${s[s.length >> 1].toFixed(1)}`; };
  console.log(`${name.padEnd(22)} A ${q(ta)} ${unit} | B ${q(tb)} ${unit}`);
};
const period = { period: { from: '2026-01-01', to: '2026-01-31' } };

const csv = new TextEncoder().encode(toCsv(Number(opt('rows', 200000)), 42));
const mib = csv.length / 1048576;
show('stats CSV', ab(10, () => mib / time(() => A.analyze(csv, period)) * 1000, () => mib / time(() => B.analyze(csv, period)) * 1000), 'MiB/s', true);

const n = 1000000, starts = new Int32Array(n), base = Math.floor(Date.UTC(2025, 0, 1) / 86400000);
for (let i = 0; i < n; i++) starts[i] = base + ((i * 7919) % 730);
const ca = new A.WorkCalendar(), cb = new B.WorkCalendar();
show('calendar batch', ab(10, () => n / time(() => ca.addWorkingDaysBatch(starts, Int32Array.of(10))) / 1000,
  () => n / time(() => cb.addWorkingDaysBatch(starts, Int32Array.of(10))) / 1000), 'M/s', true);

const spec = formSpec();
const va = new A.FormValidator(spec.tthcSchema), vb = new B.FormValidator(spec.tthcSchema);
const forms = (v) => time(() => { for (let i = 0; i < 20000; i++) v.validate(spec.samples[i % spec.samples.length], { today: '2026-03-02' }); }) * 1000 / 20000;
show('forms (25 fields)', ab(8, () => forms(va), () => forms(vb)), 'µs', false);

if (opt('xlsx')) {
  const x = new Uint8Array(fs.readFileSync(opt('xlsx')));
  show('stats XLSX', ab(6, () => time(() => A.analyze(x, period)), () => time(() => B.analyze(x, period))), 'ms', false);
}
