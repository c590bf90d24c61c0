// Side-by-side benchmarks of tthc and its peers, in headless Debian Chromium (playwright-core), same page, same data,
// same machine, peers alternating run by run. The one command: ./dev.sh bench [options] (= node bench/run.mjs).
//
//   --suite startup,stats,xlsx,forms,calendar,stream,parallel   (default: startup,stats,xlsx,forms,calendar)
//   --rows N         rows of the CSV export for `stats` (default 1000000)
//   --arquero-rows N rows for Arquero (default: same as --rows)
//   --xlsx-rows N    rows of the XLSX export for `xlsx` (default 100000)
//   --stream-size S  size of the CSV streamed through DossierAnalyzer for `stream` (default 1G)
//   --month-rows N   rows of each of the 12 monthly exports of `parallel` (default 100000): the page's worker, one vs
//                    as many as the page starts (cores, at most 4), snapshots merged; the reports must be identical
//   --reps N         alternating repetitions (default 3; medians reported)
//   --pkg DIR        the tthc package to measure (default pkg/)
//   --wasm FILE      which of its modules (default tthc_bg_simd.wasm when the package has it, else tthc_bg.wasm)
//   --quick          small sizes, one repetition (a smoke run: --rows 20000 --xlsx-rows 5000 --month-rows 5000
//                    --reps 1), results in bench/results/quick/ so a full run's are not overwritten
//   --help           this text
// Results: bench/results/<suite>.json (not in git; `node bench/report.mjs` turns them into the tables of BENCHMARKS.md)
// and a table on stdout. Native benchmarks are `cargo bench` (benches/).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { writeExport } from './gen-export.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
let RESULTS = path.join(BENCH, 'results');
const DATA = path.join(BENCH, 'data');

function parseArgs(argv) {
  const o = { suite: 'startup,stats,xlsx,forms,calendar', rows: 1000000, xlsxRows: 100000, streamSize: '1G', monthRows: 100000, reps: 3, pkg: path.join(ROOT, 'pkg') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--suite') o.suite = v();
    else if (a === '--rows') o.rows = Number(v());
    else if (a === '--arquero-rows') o.arqueroRows = Number(v());
    else if (a === '--xlsx-rows') o.xlsxRows = Number(v());
    else if (a === '--stream-size') o.streamSize = v();
    else if (a === '--month-rows') o.monthRows = Number(v());
    else if (a === '--reps') o.reps = Number(v());
    else if (a === '--pkg') o.pkg = path.resolve(v());
    else if (a === '--wasm') o.wasm = v();
    else if (a === '--help' || a === '-h') {
      const text = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
      console.log(text.slice(0, text.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else if (a === '--quick') { Object.assign(o, { rows: 20000, xlsxRows: 5000, reps: 1, streamSize: '20M', monthRows: 5000 }); RESULTS = path.join(BENCH, 'results', 'quick'); }
    else { console.error(`unknown option ${a}`); process.exit(2); }
  }
  o.arqueroRows ??= o.rows;
  o.wasm ??= fs.existsSync(path.join(o.pkg, 'tthc_bg_simd.wasm')) ? 'tthc_bg_simd.wasm' : 'tthc_bg.wasm';
  o.suites = o.suite.split(',');
  return o;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN; };
const MiB = 1048576;
const fmtMs = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function dataFile(name, gen) {
  fs.mkdirSync(DATA, { recursive: true });
  const file = path.join(DATA, name);
  if (!fs.existsSync(file)) {
    const t0 = Date.now();
    await gen(file + '.tmp');
    fs.renameSync(file + '.tmp', file);
    console.error(`generated bench/data/${name} (${(fs.statSync(file).size / MiB).toFixed(1)} MiB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return `/data/${name}`;
}

function tthcSize(pkg, wasm) {
  const files = [wasm, 'tthc.js'].map((f) => path.join(pkg, f));
  return { files: files.map((f) => path.relative(ROOT, f)), gzipBytes: files.reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0),
    rawBytes: files.reduce((s, f) => s + fs.statSync(f).size, 0) };
}

function machine() {
  let chromium = '';
  try { chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim(); } catch { /* absent */ }
  return { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, chromium,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '), date: new Date().toISOString() };
}

// The peers live in bench/node_modules (bench/package.json, never the top-level one): install them on first use.
function ensurePeers() {
  if (fs.existsSync(path.join(BENCH, 'node_modules', '.package-lock.json'))
    && fs.statSync(path.join(BENCH, 'node_modules', '.package-lock.json')).mtimeMs >= fs.statSync(path.join(BENCH, 'package-lock.json')).mtimeMs) return;
  console.error('== npm ci in bench/ (the peers: DuckDB-Wasm, Papa Parse, Arquero, SheetJS, ajv, date-holidays, esbuild)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: BENCH, stdio: 'inherit' });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  ensurePeers();
  const { buildPeers } = await import('./build-peers.mjs');
  if (!fs.existsSync(path.join(o.pkg, o.wasm))) { console.error(`no ${o.pkg}/${o.wasm}: run ./dev.sh build first`); process.exit(1); }
  const { chromium } = await import('playwright-core');
  fs.mkdirSync(RESULTS, { recursive: true });
  const sizes = { tthc: tthcSize(o.pkg, o.wasm), ...(await buildPeers()) };
  const { server, url } = await startServer({ pkg: o.pkg });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--js-flags=--expose-gc', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-renderer-backgrounding'],
  });
  const newPage = async () => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(url + `bench/page/index.html?wasm=${o.wasm}`);
    await page.waitForFunction(() => document.title === 'ready');
    return page;
  };
  const all = { machine: machine(), options: { ...o, pkg: path.relative(ROOT, o.pkg) || '.' }, sizes, suites: {} };
  const out = (suite, data) => {
    all.suites[suite] = data;
    fs.writeFileSync(path.join(RESULTS, `${suite}.json`), JSON.stringify({ machine: all.machine, options: all.options, command: `./dev.sh bench ${process.argv.slice(2).join(' ')}`.trim(), sizes, ...data }, null, 2) + '\n');
  };
  // run `fn(name)` for every name, alternating, `reps` times; returns { name: [results] }
  const alternate = async (names, reps, fn) => {
    const res = Object.fromEntries(names.map((n) => [n, []]));
    for (let r = 0; r < reps; r++) {
      const order = r % 2 ? [...names].reverse() : names;
      for (const n of order) {
        try { res[n].push(await fn(n)); } catch (e) { console.error(`${n}: ${e.message.split('\n')[0]}`); res[n].push({ error: e.message.split('\n')[0] }); }
      }
    }
    return res;
  };
  // One untimed call per peer on small data first (its time is kept as `firstCallMs`): wasm starts in the baseline
  // compiler (Liftoff) and V8 tiers hot functions up in the background, JS peers are JIT-compiled likewise; then a
  // pause lets background compilation finish. Without this the first timed run of whoever goes first is penalised.
  const warm = async (names, fn) => {
    const first = {};
    for (const n of names) {
      const t0 = Date.now();
      try { await fn(n); } catch (e) { console.error(`warm-up ${n}: ${e.message.split('\n')[0]}`); }
      first[n] = Date.now() - t0;
    }
    await new Promise((r) => setTimeout(r, 1500));
    return first;
  };
  const table = (title, rows) => {
    console.log(`\n## ${title}`);
    for (const r of rows) console.log(r.join(' | '));
  };

  try {
    if (o.suites.includes('startup')) {
      const names = ['tthc', 'tthc-cold', 'duckdb', 'papaparse', 'arquero', 'xlsx', 'ajv', 'holidays'];
      const res = await alternate(names, Math.max(o.reps, 3), async (n) => {
        const page = await newPage();
        try { return await page.evaluate((x) => globalThis.bench.startup(x), n); } finally { await page.close(); }
      });
      const rows = names.map((n) => ({ peer: n, ms: median(res[n].map((x) => x.ms)), gzipBytes: sizes[n.replace('-cold', '')]?.gzipBytes, what: res[n][0]?.what, runs: res[n] }));
      out('startup', { rows });
      table('start-up (median ms) and size (gzip)', rows.map((r) => [r.peer, `${fmtMs(r.ms)} ms`, `${(r.gzipBytes / 1024).toFixed(0)} KiB`]));
    }

    if (o.suites.includes('stats')) {
      const csv = await dataFile(`export-${o.rows}.csv`, (f) => writeExport({ rows: o.rows, format: 'csv', out: f }));
      const page = await newPage();
      const names = ['tthc', 'duckdb', 'papaparse', 'tthc-stream'];
      const small = await dataFile('export-20000.csv', (f) => writeExport({ rows: 20000, format: 'csv', out: f }));
      const firstCallMs = await warm([...names, 'arquero'], (n) => page.evaluate(([x, u]) => globalThis.bench.stats(x, u), [n, small]));
      const res = await alternate(names, o.reps, (n) => page.evaluate(([x, u]) => globalThis.bench.stats(x, u), [n, csv]));
      let arq = null;
      if (o.arqueroRows > 0) {
        const acsv = o.arqueroRows === o.rows ? csv : await dataFile(`export-${o.arqueroRows}.csv`, (f) => writeExport({ rows: o.arqueroRows, format: 'csv', out: f }));
        arq = await alternate(['tthc', 'arquero'], o.reps, (n) => page.evaluate(([x, u]) => globalThis.bench.stats(x, u), [n, acsv]));
      }
      await page.close();
      const summarize = (r, rows) => Object.entries(r).map(([peer, runs]) => {
        const ok = runs.filter((x) => !x.error);
        const ms = median(ok.map((x) => x.ms));
        const bytes = ok[0]?.bytes;
        return { peer, rows, ms, loadMs: median(ok.map((x) => x.loadMs).filter((x) => x != null)), queryMs: median(ok.map((x) => x.queryMs).filter((x) => x != null)),
          mibPerSec: bytes ? bytes / MiB / (ms / 1000) : null, bytes, summary: ok[0]?.summary, runs };
      });
      const rows = summarize(res, o.rows);
      const arows = arq ? summarize(arq, o.arqueroRows) : [];
      const base = rows.find((r) => r.peer === 'tthc');
      const abase = arows.find((r) => r.peer === 'tthc');
      for (const r of rows) r.ratioVsTthc = r.ms / base.ms;
      for (const r of arows) r.ratioVsTthc = r.ms / abase.ms;
      out('stats', { rows, arquero: arows, firstCallMs, warmUp: 'one untimed call per peer on export-20000.csv' });
      table(`statistics, CSV ${o.rows} rows (${(base.bytes / MiB).toFixed(1)} MiB)`, [...rows, ...arows].map((r) => [r.peer, `${r.rows} rows`, `${fmtMs(r.ms)} ms`,
        r.mibPerSec ? `${r.mibPerSec.toFixed(1)} MiB/s` : '', `×${r.ratioVsTthc.toFixed(2)} tthc`, JSON.stringify(r.summary)]));
    }

    if (o.suites.includes('xlsx')) {
      const x = await dataFile(`export-${o.xlsxRows}.xlsx`, (f) => writeExport({ rows: o.xlsxRows, format: 'xlsx', out: f }));
      const page = await newPage();
      const sx = await dataFile('export-5000.xlsx', (f) => writeExport({ rows: 5000, format: 'xlsx', out: f }));
      const firstCallMs = await warm(['tthc', 'sheetjs'], (n) => page.evaluate(([a, u]) => globalThis.bench.xlsx(a, u), [n, sx]));
      const res = await alternate(['tthc', 'sheetjs'], o.reps, (n) => page.evaluate(([a, u]) => globalThis.bench.xlsx(a, u), [n, x]));
      await page.close();
      const rows = Object.entries(res).map(([peer, runs]) => ({ peer, ms: median(runs.filter((r) => !r.error).map((r) => r.ms)), summary: runs[0]?.summary, runs }));
      for (const r of rows) r.ratioVsTthc = r.ms / rows[0].ms;
      out('xlsx', { rows, xlsxRows: o.xlsxRows, firstCallMs, warmUp: 'one untimed call per peer on export-5000.xlsx' });
      table(`XLSX ${o.xlsxRows} rows`, rows.map((r) => [r.peer, `${fmtMs(r.ms)} ms`, `×${r.ratioVsTthc.toFixed(2)} tthc`, JSON.stringify(r.summary)]));
    }

    if (o.suites.includes('forms')) {
      const { formSpec } = await import('./forms-spec.mjs');
      const spec = formSpec();
      const page = await newPage();
      await warm(['tthc', 'ajv'], (n) => page.evaluate(([a, s]) => globalThis.bench.forms(a, s, 5000), [n, spec]));
      const res = await alternate(['tthc', 'ajv'], o.reps, (n) => page.evaluate(([a, s]) => globalThis.bench.forms(a, s), [n, spec]));
      await page.close();
      const rows = Object.entries(res).map(([peer, runs]) => ({ peer, medianUs: median(runs.filter((r) => !r.error).map((r) => r.medianUs)), runs }));
      for (const r of rows) r.ratioVsTthc = r.medianUs / rows[0].medianUs;
      out('forms', { rows, fields: spec.fields });
      table('forms: validating a 25-field form (median µs per validation)', rows.map((r) => [r.peer, `${r.medianUs?.toFixed(2)} µs`, `×${r.ratioVsTthc.toFixed(2)} tthc`]));
    }

    if (o.suites.includes('calendar')) {
      const page = await newPage();
      await warm(['tthc', 'date-holidays-set'], (n) => page.evaluate((a) => globalThis.bench.calendar(a, 100000), n));
      const res = await alternate(['tthc', 'date-holidays-set', 'date-holidays'], o.reps, (n) => page.evaluate((a) => globalThis.bench.calendar(a), n));
      await page.close();
      const rows = Object.entries(res).map(([peer, runs]) => ({ peer, perSec: median(runs.filter((r) => !r.error).map((r) => r.perSec)), runs }));
      for (const r of rows) r.ratioVsTthc = rows[0].perSec / r.perSec;
      out('calendar', { rows });
      table('calendar: addWorkingDays(d, 10) per second', rows.map((r) => [r.peer, `${(r.perSec / 1e6).toFixed(2)} M/s`, `tthc ×${r.ratioVsTthc.toFixed(1)}`]));
    }

    if (o.suites.includes('parallel')) {
      const months = [];
      for (let m = 1; m <= 12; m++) {
        const mm = String(m).padStart(2, '0');
        const last = new Date(Date.UTC(2025, m, 0)).getUTCDate();
        months.push(await dataFile(`month-2025-${mm}-${o.monthRows}.csv`, (f) => writeExport({ rows: o.monthRows, format: 'csv', seed: 100 + m, from: `2025-${mm}-01`, to: `2025-${mm}-${last}`, out: f })));
      }
      const page = await newPage();
      // As many workers as the page starts for 12 files in this browser (www/split.js).
      const cores = await page.evaluate(async (n) => (await import('/www/split.js')).workerCount(n, navigator.hardwareConcurrency), months.length);
      if (cores < 2) throw new Error('parallel: the browser reports one core, nothing to compare');
      const names = ['1', String(cores)];
      const firstCallMs = await warm(names, (n) => page.evaluate(([u, w]) => globalThis.bench.parallel(u, w), [months.slice(0, 2), Number(n)]));
      const res = await alternate(names, o.reps, (n) => page.evaluate(([u, w]) => globalThis.bench.parallel(u, w), [months, Number(n)]));
      // The files' reading alone, by as many Workers (the browser's share, which more Workers may not shrink).
      const reading = await alternate(names, o.reps, (n) => page.evaluate(([u, w]) => globalThis.bench.readOnly(u, w), [months, Number(n)]));
      // The analysis alone, the bytes already in each Worker: the most that many Workers can give on this machine.
      const analysis = await alternate(names, o.reps, (n) => page.evaluate(([u, w]) => globalThis.bench.analysisOnly(u, w), [months, Number(n)]));
      await page.close();
      const rows = names.map((n) => {
        const ok = res[n].filter((x) => !x.error);
        return { workers: Number(n), ms: median(ok.map((x) => x.ms)), mergeMs: median(ok.map((x) => x.mergeMs).filter((x) => x != null)),
          snapshotBytes: ok[0]?.snapshotBytes, rows: ok[0]?.rows, bytes: ok[0]?.bytes, summary: ok[0]?.summary, runs: res[n] };
      });
      // Both ways must give the identical report (SHA-256 of its JSON), every run.
      const digests = new Set(names.flatMap((n) => res[n].map((x) => x.digest ?? `error: ${x.error}`)));
      const identical = digests.size === 1 && !res[names[0]][0].error;
      if (!identical) { console.error(`parallel: the reports differ: ${[...digests].join(', ')}`); process.exitCode = 1; }
      const speedup = rows[0].ms / rows[1].ms;
      // Per number of Workers: the median time of the runs that worked, and every run.
      const byWorkers = (res) => names.map((n) => ({ workers: Number(n), ms: median(res[n].filter((x) => !x.error).map((x) => x.ms)), runs: res[n] }));
      const readingRows = byWorkers(reading);
      const analysisRows = byWorkers(analysis);
      const ceiling = analysisRows[0].ms / analysisRows[1].ms;
      out('parallel', { rows, speedup, identical, digest: identical ? [...digests][0] : null, files: months.length, monthRows: o.monthRows, cores, firstCallMs, reading: readingRows, analysis: analysisRows, ceiling,
        worker: 'www/stats-worker.js; the module the glue picks (SIMD in Chromium)' });
      table(`12 monthly exports of ${o.monthRows} rows (${((rows[0].bytes ?? 0) / MiB).toFixed(1)} MiB): one Worker vs ${cores}`, [
        ...rows.map((r) => [`${r.workers} worker(s)`, `${fmtMs(r.ms)} ms`, r.snapshotBytes ? `merge ${fmtMs(r.mergeMs)} ms of ${(r.snapshotBytes / MiB).toFixed(1)} MiB of snapshots` : 'no merge',
          `${r.rows} rows`, JSON.stringify(r.summary)]),
        [`speed-up ×${speedup.toFixed(2)}`, identical ? 'identical reports' : 'REPORTS DIFFER'],
        ...readingRows.map((r) => [`reading only, ${r.workers} worker(s)`, `${fmtMs(r.ms)} ms`]),
        ...analysisRows.map((r) => [`analysis only (bytes in memory, no merge), ${r.workers} worker(s)`, `${fmtMs(r.ms)} ms`]),
        [`ceiling ×${ceiling.toFixed(2)}`, 'what this many Workers could give with free reading and a free merge']]);
    }

    if (o.suites.includes('stream')) {
      const csv = await dataFile(`export-${o.streamSize}.csv`, (f) => writeExport({ size: o.streamSize, format: 'csv', out: f }));
      const page = await newPage();
      const r = await page.evaluate((u) => globalThis.bench.streamPeak(u), csv);
      await page.close();
      out('stream', { result: r, size: o.streamSize });
      table(`streaming ${o.streamSize} CSV through DossierAnalyzer.push`, [[`${(r.bytes / MiB).toFixed(0)} MiB`, `${fmtMs(r.ms)} ms`,
        `${(r.bytes / MiB / (r.pushMs / 1000)).toFixed(1)} MiB/s in push`, `peak wasm memory ${(r.peakMemory / MiB).toFixed(1)} MiB`]]);
    }
  } finally {
    await browser.close();
    server.close();
  }

}

main().catch((e) => { console.error(e); process.exit(1); });
