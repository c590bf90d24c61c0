// Paired A/B of analyze() on a generated CSV (or an XLSX file, or the 25-field form with --forms): each round runs A
// and B back to back (order flipping) and keeps the ratio A/B of that pair's times, so the machine's slow drifts (its
// speed varies up to 2x) cancel; prints the median ratio (> 1: B is faster).
//   node bench/ab-paired.mjs --a DIR --b DIR [--rows 200000] [--rounds 30] [--xlsx FILE | --forms]
// Caveat (2026-11-27): with --forms the second-loaded package (B) comes out 15–18 % faster than A for two copies of the
// same build in two directories (the statistics show no such bias: 0.98–1.02); run both orders (--a X --b Y, then
// --a Y --b X) and compare the two ratios. The same directory twice is one module instance.
import fs from 'node:fs';
import { argv, opt, loadPkg } from './node-pkg.mjs';
import { toCsv } from './gen-export.mjs';
import { formSpec } from './forms-spec.mjs';

const A = await loadPkg(opt('a', 'pkg')), B = await loadPkg(opt('b', 'pkg'));
const period = { period: { from: '2026-01-01', to: '2026-01-31' } };
const input = argv.includes('--forms') ? new Uint8Array(0) : opt('xlsx') ? new Uint8Array(fs.readFileSync(opt('xlsx'))) : new TextEncoder().encode(toCsv(Number(opt('rows', 200000)), 42));
const forms = argv.includes('--forms');
const spec = forms ? formSpec() : null;
const validators = new Map();
const validate = (m) => {
  if (!validators.has(m)) validators.set(m, new m.FormValidator(spec.tthcSchema));
  const v = validators.get(m);
  for (let i = 0; i < 5000; i++) v.validate(spec.samples[i % spec.samples.length], { today: '2026-03-02' });
};
const time = (m) => { const t = performance.now(); if (forms) validate(m); else m.analyze(input, period); return performance.now() - t; };
time(A); time(B);
const ratios = [], ta = [], tb = [];
for (let i = 0; i < Number(opt('rounds', 30)); i++) {
  let a, b;
  if (i % 2) { a = time(A); b = time(B); } else { b = time(B); a = time(A); }
  ta.push(a); tb.push(b); ratios.push(a / b);
}
const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
const mib = input.length / 1048576;
const rate = (t) => (forms ? `${(t * 1000 / 5000).toFixed(1)} µs per form` : `${(mib / t * 1000).toFixed(1)} MiB/s`);
console.log(`A median ${rate(med(ta))}, B median ${rate(med(tb))}; ` +
  `speed-up B over A, median of paired ratios: ${med(ratios).toFixed(3)} (${ratios.length} pairs)`);
