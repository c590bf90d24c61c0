// Soak run: 1,000 analyses and 1,000,000 form validations (plus identifier checks and deliberate errors) in ONE wasm
// instance, in Node (initSync). Wasm memory never shrinks, so a leak shows as growth: after a warm-up (the first 5 % of
// the work) the memory may grow by at most BOUND bytes over the remaining 95 %.
//   node bench/soak.mjs [--pkg pkg] [--analyses 1000] [--validations 1000000] [--rows 2000] [--no-free]
// Writes bench/results/soak.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toCsv } from './gen-export.mjs';
import { formSpec } from './forms-spec.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') && x !== '--no-free' ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const pkg = path.resolve(args.pkg || path.join(BENCH, '..', 'pkg'));
const ANALYSES = Number(args.analyses || 1000);
const VALIDATIONS = Number(args.validations || 1000000);
const ROWS = Number(args.rows || 2000);
// --no-free: leave finished DossierAnalyzer objects to the garbage collector instead of calling free() (reproduces the
// finding in BENCHMARKS.md: a finished analyzer keeps its state until its JS wrapper is collected).
const FREE = !process.argv.includes('--no-free');
export const BOUND = 1 << 20; // 1 MiB after warm-up

const tthc = await import(pathToFileURL(path.join(pkg, 'tthc.js')).href);
const wasm = tthc.initSync({ module: fs.readFileSync(path.join(pkg, 'tthc_bg.wasm')) });
const mem = () => wasm.memory.buffer.byteLength;
const MiB = (x) => (x / 1048576).toFixed(2);

const csv = new TextEncoder().encode(toCsv(ROWS, 11, { bad: 0.01 }));
const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 255);
const period = { from: '2026-01-01', to: '2026-01-31' };
const spec = formSpec();
const validator = new tthc.FormValidator(spec.tthcSchema);

const m0 = mem();
let errors = 0, valid = 0, analyses = 0;
const t0 = performance.now();
let warm = null;
const warmAt = Math.floor(ANALYSES * 0.05), warmV = Math.floor(VALIDATIONS * 0.05);
const perAnalysis = Math.ceil(VALIDATIONS / ANALYSES);
let v = 0;
for (let a = 0; a < ANALYSES; a++) {
  if (a === warmAt) warm = mem();
  try {
    if (a % 10 === 9) tthc.analyze(garbage, { period }); // must throw or report problems, never break the instance
    else if (a % 2) { const an = new tthc.DossierAnalyzer({ period }); for (let o = 0; o < csv.length; o += 65536) an.push(csv.subarray(o, o + 65536)); an.finish(); if (FREE) an.free(); }
    else tthc.analyze(csv, { period });
    analyses++;
  } catch { errors++; }
  for (let k = 0; k < perAnalysis && v < VALIDATIONS; k++, v++) {
    const s = spec.samples[v % spec.samples.length];
    try {
      if (v % 1000 === 999) tthc.validateForm({ fields: [{ name: 'x', type: 'nope' }] }, s); // schema error: throws
      else if (v % 10 === 5) { tthc.checkCitizenId(s.citizenId); tthc.checkPhone(s.phone); tthc.checkTaxCode(s.taxCode); valid++; }
      else if (validator.validate(s, { today: '2026-03-02' }).valid) valid++;
    } catch { errors++; }
  }
  if (v === warmV && warm === null) warm = mem();
}
const ms = performance.now() - t0;
const m1 = mem();
const result = {
  command: `node bench/soak.mjs ${process.argv.slice(2).join(' ')}`.trim(), analyses: ANALYSES, rowsPerAnalysis: ROWS, validations: VALIDATIONS,
  freeAfterFinish: FREE, okAnalyses: analyses, validResults: valid, thrownErrors: errors, seconds: ms / 1000,
  memory: { start: m0, afterWarmup: warm, end: m1, growthAfterWarmup: m1 - warm, bound: BOUND }, pass: m1 - warm <= BOUND,
};
fs.mkdirSync(path.join(BENCH, 'results'), { recursive: true });
fs.writeFileSync(path.join(BENCH, 'results', 'soak.json'), JSON.stringify(result, null, 2) + '\n');
console.log(`soak: ${ANALYSES} analyses (${ROWS} rows each, every 10th garbage) + ${VALIDATIONS} validations in ${(ms / 1000).toFixed(1)} s; `
  + `${errors} errors thrown and recovered; wasm memory ${MiB(m0)} → ${MiB(warm)} (after warm-up) → ${MiB(m1)} MiB; `
  + `growth after warm-up ${MiB(m1 - warm)} MiB (bound ${MiB(BOUND)} MiB): ${result.pass ? 'PASS' : 'FAIL'}`);
process.exit(result.pass ? 0 : 1);
