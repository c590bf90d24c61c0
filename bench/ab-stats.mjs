// Paired A/B of analyze() on a generated CSV: each round runs A and B back to back (order flipping) and keeps the
// ratio B/A of that pair, so the machine's slow drifts (speed varies up to 2x here) cancel; prints the median ratio.
//   node bench/ab-stats.mjs --a DIR --b DIR [--rows 200000] [--rounds 30] [--xlsx FILE]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toCsv } from './gen-export.mjs';

const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
const load = async (dir) => {
  const m = await import(pathToFileURL(path.join(path.resolve(dir), 'tthc.js')).href);
  m.initSync({ module: fs.readFileSync(path.join(path.resolve(dir), 'tthc_bg.wasm')) });
  return m;
};
const A = await load(opt('a', 'pkg')), B = await load(opt('b', 'pkg'));
const period = { period: { from: '2026-01-01', to: '2026-01-31' } };
const input = opt('xlsx') ? new Uint8Array(fs.readFileSync(opt('xlsx'))) : new TextEncoder().encode(toCsv(Number(opt('rows', 200000)), 42));
const time = (m) => { const t = performance.now(); m.analyze(input, period); return performance.now() - t; };
time(A); time(B);
const ratios = [], ta = [], tb = [];
for (let i = 0; i < Number(opt('rounds', 30)); i++) {
  let a, b;
  if (i % 2) { a = time(A); b = time(B); } else { b = time(B); a = time(A); }
  ta.push(a); tb.push(b); ratios.push(a / b);
}
const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
const mib = input.length / 1048576;
console.log(`A median ${(mib / med(ta) * 1000).toFixed(1)} MiB/s, B median ${(mib / med(tb) * 1000).toFixed(1)} MiB/s; ` +
  `speed-up B over A, median of paired ratios: ${med(ratios).toFixed(3)} (${ratios.length} pairs)`);
