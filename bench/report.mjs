// Markdown tables from bench/results/*.json, written by `./dev.sh bench` (bench/run.mjs) and `cargo bench --bench
// calendar_numpy`: pasted into BENCHMARKS.md, so numbers are never retyped by hand.
//   node bench/report.mjs            (--quick: the smoke run's, bench/results/quick/)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const R = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', ...(process.argv[2] === '--quick' ? ['quick'] : []));
const load = (f) => { try { return JSON.parse(fs.readFileSync(path.join(R, f), 'utf8')); } catch { return null; } };
const MiB = 1048576;
const ms = (x) => (x == null || Number.isNaN(x) ? '—' : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const kib = (b) => (b == null ? '—' : b >= 1048576 ? `${(b / MiB).toFixed(2)} MiB` : `${(b / 1024).toFixed(1)} KiB`);
const rt = (x, d) => (x == null || Number.isNaN(x) ? '—' : `${x.toFixed(d)}×`);
const out = [];
const row = (...c) => out.push(`| ${c.join(' | ')} |`);

const s = load('startup.json');
if (s) {
  out.push(`\n### Start-up and size\n\nCommand: \`${s.command}\` · ${s.machine.date} · load ${s.machine.load}\n`);
  row('module', 'start-up (median)', 'what is timed', 'size (gzip -9)'); row('---', '---:', '---', '---:');
  for (const r of s.rows) row(r.peer, ms(r.ms), r.what || '', kib(r.gzipBytes));
}
const st = load('stats.json');
if (st) {
  const b = st.rows.find((r) => r.peer === 'tthc');
  out.push(`\n### Statistics (full report) on a generated CSV export\n\nCommand: \`${st.command}\` · ${st.machine.date} · load ${st.machine.load} · ${st.rows[0].rows} rows, ${(b.bytes / MiB).toFixed(1)} MiB\n`);
  row('peer', 'rows', 'total (median)', 'load / parse', 'aggregate', 'throughput', 'time ÷ tthc'); row('---', '---:', '---:', '---:', '---:', '---:', '---:');
  for (const r of [...st.rows, ...(st.arquero || []).map((a) => ({ ...a, peer: a.peer === 'tthc' ? 'tthc (paired with Arquero)' : a.peer }))]) {
    row(r.peer, r.rows, ms(r.ms), ms(r.loadMs), ms(r.queryMs), r.mibPerSec ? `${r.mibPerSec.toFixed(1)} MiB/s` : '—', rt(r.ratioVsTthc, 2));
  }
  const sums = [...st.rows, ...(st.arquero || [])].filter((r) => r.summary).map((r) => `${r.peer}@${r.rows}: ${JSON.stringify(r.summary)}`);
  out.push('\nCounters each side computed (must agree between peers on the same rows):\n\n```\n' + sums.join('\n') + '\n```');
}
const x = load('xlsx.json');
if (x) {
  out.push(`\n### XLSX\n\nCommand: \`${x.command}\` · ${x.machine.date} · load ${x.machine.load} · ${x.xlsxRows} rows\n`);
  row('peer', 'read + report (median)', 'time ÷ tthc'); row('---', '---:', '---:');
  for (const r of x.rows) row(r.peer, ms(r.ms), rt(r.ratioVsTthc, 2));
  out.push('\n```\n' + x.rows.map((r) => `${r.peer}: ${JSON.stringify(r.summary)}`).join('\n') + '\n```');
}
const f = load('forms.json');
if (f) {
  out.push(`\n### Form validation (${f.fields} fields)\n\nCommand: \`${f.command}\` · ${f.machine.date} · load ${f.machine.load}\n`);
  row('peer', 'median per validation', 'time ÷ tthc'); row('---', '---:', '---:');
  for (const r of f.rows) row(r.peer, r.medianUs == null ? '—' : `${r.medianUs.toFixed(2)} µs`, rt(r.ratioVsTthc, 2));
}
const c = load('calendar.json');
if (c) {
  out.push(`\n### Calendar: addWorkingDays(d, 10)\n\nCommand: \`${c.command}\` · ${c.machine.date} · load ${c.machine.load}\n`);
  row('peer', 'per second (median)', 'tthc is … × faster'); row('---', '---:', '---:');
  for (const r of c.rows) row(r.peer, r.perSec ? (r.perSec >= 1e4 ? `${(r.perSec / 1e6).toFixed(2)} M/s` : `${r.perSec.toFixed(1)} /s`) : '—', r.ratioVsTthc >= 1e4 ? `${r.ratioVsTthc.toExponential(1)}×` : rt(r.ratioVsTthc, 1));
}
const n = load('calendar-native.json');
if (n) {
  out.push(`\n### Calendar, native\n\nCommand: \`${n.command}\` · ${n.cpu}\n`);
  row('peer', 'per second (median of 5)', 'agreement'); row('---', '---:', '---');
  row(n.tthc.peer, `${(n.tthc.perSec / 1e6).toFixed(1)} M/s`, '');
  row(`${n.numpy.peer} (numpy ${n.numpy.numpy})`, `${(n.numpy.perSec / 1e6).toFixed(1)} M/s`, `${n.numpy.mismatches} mismatches in the first ${n.numpy.checked}`);
}
const sr = load('stream.json');
if (sr) {
  const r = sr.result;
  out.push(`\n### Streaming a large CSV\n\nCommand: \`${sr.command}\` · ${sr.machine.date} · load ${sr.machine.load}\n`);
  row('bytes', 'total', 'push+finish only', 'throughput in push', 'wasm memory before', 'peak wasm memory'); row('---:', '---:', '---:', '---:', '---:', '---:');
  row(kib(r.bytes), ms(r.ms), ms(r.pushMs), `${(r.bytes / MiB / (r.pushMs / 1000)).toFixed(1)} MiB/s`, kib(r.memoryBefore), kib(r.peakMemory));
}
/** Each repetition's time, in ms, in order. */
const runTimes = (runs) => runs.map((x) => (x.ms == null ? 'error' : x.ms.toFixed(0))).join(' / ');
const pa = load('parallel.json');
if (pa) {
  out.push(`\n### Several files in parallel Workers\n\nCommand: \`${pa.command}\` · ${pa.machine.date} · load ${pa.machine.load} · ${pa.files} files of ${pa.monthRows} rows, ${kib(pa.rows[0].bytes)}\n`);
  row('workers', 'rows', 'total (median)', 'of which the merge', 'snapshots', 'throughput', 'speed-up'); row('---:', '---:', '---:', '---:', '---:', '---:', '---:');
  for (const r of pa.rows) {
    row(r.workers, r.rows, ms(r.ms), r.snapshotBytes ? ms(r.mergeMs) : '—', r.snapshotBytes ? kib(r.snapshotBytes) : '—', `${(r.bytes / MiB / (r.ms / 1000)).toFixed(1)} MiB/s`, rt(pa.rows[0].ms / r.ms, 2));
  }
  out.push(`\nReports ${pa.identical ? 'identical' : '**differ**'} (SHA-256 of the report's JSON${pa.digest ? ` ${pa.digest.slice(0, 16)}…` : ''}); runs: `
    + pa.rows.map((r) => `${r.workers} worker(s) ${runTimes(r.runs)} ms`).join('; ') + '.');
  const two = pa.rows[1];
  const before = two?.runs.filter((x) => x.ms != null && x.mergeMs != null).map((x) => x.ms - x.mergeMs).sort((a, b) => a - b) ?? [];
  if (before.length) {
    const mid = before[before.length >> 1];
    out.push(`\nWith ${two.workers} Workers the merge starts after ${ms(mid)} (median; ${before.map((x) => x.toFixed(0)).join(' / ')} ms): `
      + `a merge costing nothing would give ${rt(pa.rows[0].ms / mid, 2)}.`);
  }
  /** Each number of Workers with its median time and every run's. */
  const perWorkers = (rows) => rows.map((r) => `${r.workers} worker(s) ${ms(r.ms)} (${runTimes(r.runs)} ms)`).join('; ');
  if (pa.reading) {
    out.push(`
The same files read only (\`File.stream()\`, nothing analysed): ${perWorkers(pa.reading)}.`);
  }
  if (pa.analysis) {
    out.push(`
The analysis alone, each Worker already holding its files' bytes (no reading, no merge; one Worker's time counts its report): `
      + `${perWorkers(pa.analysis)}: at most ${rt(pa.ceiling, 2)} from ${pa.analysis[1].workers} Workers on this machine.`);
  }
}
console.log(out.join('\n'));
