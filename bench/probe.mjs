// A quick speed probe of one built package in Node (initSync), used to compare release profiles
// (bench/profiles.sh): statistics on a generated CSV, addWorkingDays through the batch API, form validation (whole form:
// formUs; one keystroke, validateField: fieldUs).
//   node bench/probe.mjs --pkg DIR [--rows 200000]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toCsv } from './gen-export.mjs';
import { formSpec } from './forms-spec.mjs';

const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
const pkg = path.resolve(opt('pkg', 'pkg'));
const rows = Number(opt('rows', 200000));
const tthc = await import(pathToFileURL(path.join(pkg, 'tthc.js')).href);
const bytes = fs.readFileSync(path.join(pkg, 'tthc_bg.wasm'));
let t0 = performance.now();
tthc.initSync({ module: bytes });
const startupMs = performance.now() - t0;
const med = (f, n = 3) => { const xs = []; for (let i = 0; i < n; i++) { const t = performance.now(); f(); xs.push(performance.now() - t); } return xs.sort((a, b) => a - b)[n >> 1]; };
const out = { pkg: path.basename(pkg), startupMs };
const csv = new TextEncoder().encode(toCsv(rows, 42));
if (tthc.analyze) {
  const ms = med(() => tthc.analyze(csv, { period: { from: '2026-01-01', to: '2026-01-31' } }));
  out.statsMiBps = csv.length / 1048576 / (ms / 1000);
}
if (tthc.WorkCalendar) {
  const cal = new tthc.WorkCalendar();
  const names = Object.getOwnPropertyNames(Object.getPrototypeOf(cal));
  const fn = names.find((k) => /addWorkingDays/i.test(k) && /batch|many|bulk|array/i.test(k));
  if (fn) {
    const n = 1000000, starts = new Int32Array(n), base = Math.floor(Date.UTC(2025, 0, 1) / 86400000);
    for (let i = 0; i < n; i++) starts[i] = base + ((i * 7919) % 730);
    const ms = med(() => cal[fn](starts, Int32Array.of(10)));
    out.calendarMps = n / ms / 1000;
  }
}
if (tthc.FormValidator) {
  const spec = formSpec();
  const v = new tthc.FormValidator(spec.tthcSchema);
  const n = 20000;
  const ms = med(() => { for (let i = 0; i < n; i++) v.validate(spec.samples[i % spec.samples.length], { today: '2026-03-02' }); });
  out.formUs = (ms * 1000) / n;
  const ks = med(() => { for (let i = 0; i < n; i++) v.validateField('citizenId', spec.samples[i % spec.samples.length], { today: '2026-03-02' }); });
  out.fieldUs = (ks * 1000) / n; // one keystroke: validateField
}
console.log(JSON.stringify(out));
