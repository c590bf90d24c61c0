// The benchmark page: every runner measures one peer on data fetched beforehand (fetch time is never counted), and
// returns plain numbers to bench/run.mjs, which alternates the peers and writes bench/results/.
import { Aggregator, aggregateRows, headerIndex, parseVn } from './reference.mjs';
import { splitFiles } from '/www/split.js';

const now = () => performance.now();
const cache = new Map();
async function bytesOf(url) {
  if (!cache.has(url)) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    cache.set(url, new Uint8Array(await r.arrayBuffer()));
  }
  return cache.get(url);
}
const gc = () => { if (globalThis.gc) globalThis.gc(); };

// ---------------------------------------------------------------------------------------------------------- tthc
// Which of pkg/'s two modules to measure (bench/run.mjs --wasm): by default the SIMD build, the one a browser with SIMD gets.
const WASM = `/pkg/${new URLSearchParams(location.search).get('wasm') || 'tthc_bg.wasm'}`;
let tthc = null; let wasm = null;
async function loadTthc() {
  if (!tthc) {
    tthc = await import('/pkg/tthc.js');
    wasm = await tthc.default({ module_or_path: await bytesOf(WASM) });
  }
  return tthc;
}
const wasmMemory = () => (wasm ? wasm.memory.buffer.byteLength : 0);

// ---------------------------------------------------------------------------------------------------------- peers
const peers = {};
async function peer(name) {
  if (!peers[name]) peers[name] = await import(`/bench/dist/${name}.mjs`);
  return peers[name];
}
let duck = null;
async function duckdb() {
  if (!duck) {
    const m = await peer('duckdb');
    const worker = new Worker('/bench/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js');
    const db = new m.AsyncDuckDB(new m.VoidLogger(), worker);
    await db.instantiate('/bench/node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
    await db.open({});
    const conn = await db.connect();
    duck = { m, db, conn };
  }
  return duck;
}

// ------------------------------------------------------------------------------------------------------- start-up
/** Start-up in a fresh page: module compile + instantiate (tthc, DuckDB) or bundle import (JS peers). */
export async function startup(name) {
  if (name === 'tthc') {
    const bytes = await bytesOf(WASM);
    const glue = await import('/pkg/tthc.js');
    const t0 = now();
    const w = await glue.default({ module_or_path: bytes });
    const t1 = now();
    return { ms: t1 - t0, memory: w.memory.buffer.byteLength, what: `WebAssembly compile + instantiate of ${WASM.slice(1)} (bytes in memory)` };
  }
  if (name === 'tthc-cold') {
    const t0 = now();
    const glue = await import('/pkg/tthc.js');
    const w = await glue.default({ module_or_path: WASM });
    return { ms: now() - t0, memory: w.memory.buffer.byteLength, what: 'import of pkg/tthc.js + streaming fetch/compile/instantiate of the wasm (from 127.0.0.1)' };
  }
  if (name === 'duckdb') {
    await peer('duckdb');
    await bytesOf('/bench/node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'); // warm the HTTP path, not counted
    const t0 = now();
    const { conn } = await duckdb();
    await conn.query('SELECT 1');
    return { ms: now() - t0, what: 'worker start + duckdb-eh.wasm compile/instantiate (from 127.0.0.1) + open + connect + SELECT 1' };
  }
  const t0 = now();
  await peer(name);
  return { ms: now() - t0, what: `import of the minified bundle dist/${name}.mjs (fetch from 127.0.0.1 + parse + evaluate)` };
}

// ---------------------------------------------------------------------------------------------------------- stats
const PERIOD = { from: '2026-01-01', to: '2026-01-31' };
const summary = (r) => ({
  received: r.received.total, carriedOver: r.received.carriedOver, new: r.received.new, online: r.received.online,
  resolved: r.resolved.total, early: r.resolved.early, onTime: r.resolved.onTime, late: r.resolved.late,
  pending: r.pending.total, overdue: r.pending.overdue, agencies: r.byAgency.length,
});

const SQL_FIELDS = `"Cơ quan giải quyết" AS agency, "Ngày tiếp nhận" AS r, "Ngày hẹn trả" AS due,
  coalesce("Ngày có kết quả", "Ngày trả kết quả") AS fin, "Hình thức nộp" AS ch, "Số lần bổ sung" AS supp`;
function reportSql(period) {
  const f = `TIMESTAMP '${period.from} 00:00:00'`;
  const e = `(DATE '${period.to}' + INTERVAL 1 DAY)`;
  return `WITH d AS (SELECT ${SQL_FIELDS} FROM dossiers),
    c AS (SELECT *, fin IS NOT NULL AND fin < ${e} AS ended,
                 supp > 1 OR fin > due AS lt FROM d WHERE r < ${e} AND (fin IS NULL OR fin >= ${f}))
    SELECT agency, count(*) AS received, count(*) FILTER (r < ${f}) AS carried_over,
      count(*) FILTER (r >= ${f}) AS new,
      count(*) FILTER (r >= ${f} AND ch = 'Trực tiếp') AS in_person,
      count(*) FILTER (r >= ${f} AND ch = 'Trực tuyến') AS online,
      count(*) FILTER (r >= ${f} AND ch = 'Bưu chính công ích') AS postal,
      count(*) FILTER (ended) AS resolved,
      count(*) FILTER (ended AND due IS NOT NULL AND NOT lt AND CAST(fin AS DATE) < CAST(due AS DATE)) AS early,
      count(*) FILTER (ended AND due IS NOT NULL AND NOT lt AND CAST(fin AS DATE) >= CAST(due AS DATE)) AS on_time,
      count(*) FILTER (ended AND (supp > 1 OR (due IS NOT NULL AND fin > due))) AS late,
      count(*) FILTER (NOT ended) AS pending,
      count(*) FILTER (NOT ended AND due < ${e}) AS overdue
    FROM c GROUP BY ROLLUP(agency) ORDER BY received DESC`;
}

/** Full report on a CSV (or JSON) export. Returns { ms, loadMs, queryMs, bytes, summary }. */
export async function stats(name, url, opts = {}) {
  const bytes = await bytesOf(url);
  const period = opts.period || PERIOD;
  gc();
  if (name === 'tthc') {
    const t = await loadTthc();
    const m0 = wasmMemory();
    const t0 = now();
    const report = t.analyze(bytes, { period });
    const ms = now() - t0;
    return { ms, bytes: bytes.length, summary: summary(report), memoryBefore: m0, memoryAfter: wasmMemory(), problems: report.quality.problems.length };
  }
  if (name === 'tthc-stream') {
    const t = await loadTthc();
    const t0 = now();
    const a = new t.DossierAnalyzer({ period });
    const step = opts.chunk || 1 << 20;
    for (let o = 0; o < bytes.length; o += step) a.push(bytes.subarray(o, o + step));
    const report = a.finish();
    if (a.free) try { a.free(); } catch { /* consumed by finish */ }
    return { ms: now() - t0, bytes: bytes.length, summary: summary(report), memoryAfter: wasmMemory() };
  }
  if (name === 'papaparse') {
    const Papa = (await peer('papaparse')).default;
    const t0 = now();
    const text = new TextDecoder().decode(bytes);
    const parsed = Papa.parse(text, { skipEmptyLines: true });
    const t1 = now();
    const report = aggregateRows(parsed.data, period);
    const t2 = now();
    return { ms: t2 - t0, loadMs: t1 - t0, queryMs: t2 - t1, bytes: bytes.length, summary: summary(report) };
  }
  if (name === 'duckdb') {
    const { db, conn } = await duckdb();
    await conn.query('DROP TABLE IF EXISTS dossiers');
    await db.dropFile('export.csv').catch(() => {});
    const t0 = now();
    // DuckDB-Wasm takes ownership of the buffer it is given: hand it a copy (copy time counted, as for tthc's copy in).
    await db.registerFileBuffer('export.csv', bytes.slice());
    await conn.query(`CREATE TABLE dossiers AS SELECT * FROM read_csv('export.csv', header = true, timestampformat = '%d/%m/%Y %H:%M')`);
    const t1 = now();
    const res = (await conn.query(reportSql(period))).toArray().map((r) => r.toJSON());
    const t2 = now();
    const all = res.find((r) => r.agency === null);
    const n = (v) => Number(v);
    return { ms: t2 - t0, loadMs: t1 - t0, queryMs: t2 - t1, bytes: bytes.length,
      summary: { received: n(all.received), carriedOver: n(all.carried_over), new: n(all.new), online: n(all.online), resolved: n(all.resolved),
        early: n(all.early), onTime: n(all.on_time), late: n(all.late), pending: n(all.pending), overdue: n(all.overdue), agencies: res.length - 1 } };
  }
  if (name === 'arquero') {
    const aq = await peer('arquero');
    const t0 = now();
    const text = new TextDecoder().decode(bytes);
    const table = aq.fromCSV(text, { autoType: false });
    const t1 = now();
    const f = (new Aggregator(period)).f, e = (new Aggregator(period)).e;
    const d = table.derive({
      r: aq.escape((x) => parseVn(x['Ngày tiếp nhận'])),
      due: aq.escape((x) => parseVn(x['Ngày hẹn trả'], true)),
      fin: aq.escape((x) => parseVn(x['Ngày có kết quả']) ?? parseVn(x['Ngày trả kết quả'])),
    }).filter(aq.escape((x) => x.r !== null && x.r < e && (x.fin === null || x.fin >= f)))
      .derive({
        carried: aq.escape((x) => (x.r < f ? 1 : 0)),
        online: aq.escape((x) => (x.r >= f && x['Hình thức nộp'] === 'Trực tuyến' ? 1 : 0)),
        ended: aq.escape((x) => (x.fin !== null && x.fin < e ? 1 : 0)),
        late: aq.escape((x) => (x.fin !== null && x.fin < e && (Number(x['Số lần bổ sung']) > 1 || (x.due !== null && x.fin > x.due)) ? 1 : 0)),
        early: aq.escape((x) => (x.fin !== null && x.fin < e && !(Number(x['Số lần bổ sung']) > 1) && x.due !== null && x.fin <= x.due
          && Math.floor(x.fin / 1440) < Math.floor(x.due / 1440) ? 1 : 0)),
        overdue: aq.escape((x) => ((x.fin === null || x.fin >= e) && x.due !== null && x.due < e ? 1 : 0)),
      });
    const by = d.groupby('Cơ quan giải quyết').rollup({
      received: aq.op.count(), carried: aq.op.sum('carried'), online: aq.op.sum('online'), ended: aq.op.sum('ended'),
      late: aq.op.sum('late'), early: aq.op.sum('early'), overdue: aq.op.sum('overdue'),
    }).orderby(aq.desc('received')).objects();
    const t2 = now();
    const s = (k) => by.reduce((acc, x) => acc + x[k], 0);
    return { ms: t2 - t0, loadMs: t1 - t0, queryMs: t2 - t1, bytes: bytes.length,
      summary: { received: s('received'), carriedOver: s('carried'), new: s('received') - s('carried'), online: s('online'),
        resolved: s('ended'), early: s('early'), onTime: s('ended') - s('early') - s('late'), late: s('late'),
        pending: s('received') - s('ended'), overdue: s('overdue'), agencies: by.length } };
  }
  throw new Error(`unknown stats peer ${name}`);
}

/** Stream a (large) CSV from the server through DossierAnalyzer.push, recording the peak wasm memory. */
export async function streamPeak(url, opts = {}) {
  const t = await loadTthc();
  const period = opts.period || PERIOD;
  const m0 = wasmMemory();
  const a = new t.DossierAnalyzer({ period });
  const res = await fetch(url);
  const reader = res.body.getReader();
  let bytes = 0, peak = m0, pushMs = 0;
  const t0 = now();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const p0 = now();
    a.push(value);
    pushMs += now() - p0;
    bytes += value.length;
    const m = wasmMemory();
    if (m > peak) peak = m;
  }
  const p0 = now();
  const report = a.finish();
  pushMs += now() - p0;
  return { ms: now() - t0, pushMs, bytes, memoryBefore: m0, peakMemory: Math.max(peak, wasmMemory()), summary: summary(report) };
}

// ---------------------------------------------------------------------------------------------------------- xlsx
export async function xlsx(name, url, opts = {}) {
  const bytes = await bytesOf(url);
  const period = opts.period || PERIOD;
  gc();
  if (name === 'tthc') {
    const t = await loadTthc();
    const t0 = now();
    const report = t.analyze(bytes, { period, format: 'xlsx' });
    return { ms: now() - t0, bytes: bytes.length, summary: summary(report), memoryAfter: wasmMemory() };
  }
  if (name === 'sheetjs') {
    const XLSX = await peer('xlsx');
    const t0 = now();
    const wb = XLSX.read(bytes, { type: 'array', dense: true });
    const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false, defval: '' });
    const t1 = now();
    const report = aggregateRows(rows, period);
    const t2 = now();
    return { ms: t2 - t0, loadMs: t1 - t0, queryMs: t2 - t1, bytes: bytes.length, summary: summary(report) };
  }
  throw new Error(`unknown xlsx peer ${name}`);
}

// ---------------------------------------------------------------------------------------------------------- forms
/** Validate `iterations` times the same 25-field form; returns the median and mean per validation (µs). */
export async function forms(name, spec, iterations = 20000) {
  gc();
  let validate;
  if (name === 'tthc') {
    const t = await loadTthc();
    const v = new t.FormValidator(spec.tthcSchema);
    validate = (vals) => v.validate(vals, { today: '2026-03-02' }).valid;
  } else if (name === 'ajv') {
    const { Ajv, addFormats } = await peer('ajv');
    const { makeAjvValidator } = await import('./forms-ajv.mjs');
    validate = makeAjvValidator(Ajv, addFormats, spec);
  } else throw new Error(`unknown forms peer ${name}`);
  const samples = spec.samples;
  let ok = 0;
  for (let i = 0; i < 200; i++) if (validate(samples[i % samples.length])) ok++; // warm-up
  // batches of 1000 validations, timed per batch (performance.now is coarsened to 100 µs in a page that is not cross-origin isolated: 1000 per batch gives 0.1 µs)
  const per = [];
  ok = 0;
  const batch = 1000;
  for (let i = 0; i < iterations; i += batch) {
    const t0 = now();
    for (let k = 0; k < batch; k++) if (validate(samples[(i + k) % samples.length])) ok++;
    per.push(((now() - t0) * 1000) / batch);
  }
  per.sort((a, b) => a - b);
  return { medianUs: per[per.length >> 1], meanUs: per.reduce((s, x) => s + x, 0) / per.length, valid: ok, iterations };
}

// ---------------------------------------------------------------------------------------------------------- calendar
/** addWorkingDays over n start dates through tthc's batch API, or date-holidays + a JS loop. */
export async function calendar(name, n = 1000000, amount = 10) {
  gc();
  const starts = new Int32Array(n);
  const base = Math.floor(Date.UTC(2025, 0, 1) / 86400000);
  for (let i = 0; i < n; i++) starts[i] = base + ((i * 7919) % 730);
  if (name === 'tthc') {
    const t = await loadTthc();
    const cal = new t.WorkCalendar();
    const fn = batchFn(cal);
    cal[fn](starts.subarray(0, 1000), Int32Array.of(amount)); // warm-up (tables for the years)
    const t0 = now();
    const out = cal[fn](starts, Int32Array.of(amount));
    const ms = now() - t0;
    return { ms, perSec: n / (ms / 1000), api: fn, check: Array.from(out.slice(0, 3)) };
  }
  const Holidays = (await peer('holidays')).default;
  const hd = new Holidays('VN');
  if (name === 'date-holidays') {
    // the straightforward use: ask date-holidays about every day stepped over
    const m = Math.min(n, 50); // isHoliday costs ~10 ms per call (it recomputes the year): a small sample is enough
    const t0 = now();
    let sink = 0;
    for (let i = 0; i < m; i++) {
      let d = starts[i], k = 0;
      while (k < amount) {
        d++;
        const dt = new Date(d * 86400000);
        const w = dt.getUTCDay();
        if (w !== 0 && w !== 6 && !hd.isHoliday(new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth(), dt.getUTCDate(), 5)))) k++;
      }
      sink += d;
    }
    const ms = now() - t0;
    return { ms, perSec: m / (ms / 1000), sample: m, sink };
  }
  if (name === 'date-holidays-set') {
    // the tuned use: the holidays of the years in a Set of day numbers (built inside the timing), then a JS loop
    const t0 = now();
    const off = new Set();
    for (const y of [2025, 2026, 2027]) for (const h of hd.getHolidays(y)) if (h.type === 'public') {
      for (let t = h.start.getTime(); t < h.end.getTime(); t += 86400000) off.add(Math.floor((t + 7 * 3600000) / 86400000));
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let d = starts[i], k = 0;
      while (k < amount) { d++; const w = (d + 4) % 7; if (w !== 0 && w !== 6 && !off.has(d)) k++; }
      out[i] = d;
    }
    const ms = now() - t0;
    return { ms, perSec: n / (ms / 1000), check: Array.from(out.slice(0, 3)) };
  }
  throw new Error(`unknown calendar peer ${name}`);
}

/** The name of tthc's batch addWorkingDays method (the calendar area chooses it; found by shape). */
function batchFn(cal) {
  const names = [];
  for (let p = Object.getPrototypeOf(cal); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) names.push(...Object.getOwnPropertyNames(p));
  const hit = names.find((k) => /addWorkingDays/i.test(k) && /batch|many|bulk|array/i.test(k));
  if (!hit) throw new Error(`no batch addWorkingDays on WorkCalendar (methods: ${names.join(', ')})`);
  return hit;
}

export const memory = () => ({ wasm: wasmMemory() });
// ---------------------------------------------------------------------------------------------------------- parallel
/**
 * Several exports analysed as the statistics page does it, with the page's own code: the files shared by
 * www/split.js into `workers` runs of consecutive files of about equal bytes, one www/stats-worker.js per run
 * (snapshots), the last to finish merging them; with one worker, its report. The files are fetched beforehand (as
 * Blobs, like the Files a page gets); the time counts worker start-up (module load, wasm compile and instantiate)
 * and the merge. Returns { ms, mergeMs (posting the snapshots to the merge until its report), snapshotBytes, workers,
 * bytes, rows, digest (SHA-256 of the report's JSON), summary }.
 */
const blobs = new Map();
async function blobOf(url) {
  if (!blobs.has(url)) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    blobs.set(url, new File([await r.blob()], url.split('/').pop(), { type: 'text/csv' }));
  }
  return blobs.get(url);
}
/** The Files of `urls` and their runs for `workers` Workers, as the page shares them out (www/split.js). */
async function runsOf(urls, workers) {
  const files = await Promise.all(urls.map(blobOf));
  return { files, runs: splitFiles(files, Math.min(workers, files.length)) };
}
export async function parallel(urls, workers) {
  const { files, runs } = await runsOf(urls, workers);
  const options = {}; // the data's own months, as right after an upload
  const job = (w, msg, transfer = []) => new Promise((resolve, reject) => {
    w.onmessage = ({ data }) => {
      if (data.type === 'error') reject(new Error(`${data.file}: ${data.error.messageEn ?? data.error.message}`));
      else if (data.type !== 'progress') resolve(data);
    };
    w.onerror = (e) => reject(new Error(e.message));
    w.postMessage(msg, transfer);
  });
  gc();
  const t0 = now();
  const started = runs.map(() => new Worker('/www/stats-worker.js', { type: 'module' }));
  let report;
  let mergeMs = null;
  let snapshotBytes = null;
  try {
    if (runs.length === 1) {
      ({ report } = await job(started[0], { type: 'run', files: runs[0], options }));
    } else {
      let last = null;
      const snaps = await Promise.all(runs.map((run, k) => job(started[k], { type: 'run', files: run, options, snapshot: true })
        .then((x) => { last = started[k]; return x.snapshot; })));
      snapshotBytes = snaps.reduce((a, x) => a + x.length, 0);
      const t1 = now();
      ({ report } = await job(last, { type: 'merge', snapshots: snaps, options }, snaps.map((x) => x.buffer)));
      mergeMs = now() - t1;
    }
  } finally {
    for (const w of started) w.terminate();
  }
  const ms = now() - t0;
  const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(report))))]
    .map((b) => b.toString(16).padStart(2, '0')).join('');
  return { ms, mergeMs, snapshotBytes, workers: runs.length, bytes: files.reduce((a, f) => a + f.size, 0), rows: report.quality.rows, digest, summary: summary(report) };
}

/**
 * The same files read by `workers` Workers in the same runs as `parallel`, each File streamed and nothing analysed:
 * what the browser's reading alone costs, and whether it shrinks with more Workers. Returns { ms, bytes }.
 */
export async function readOnly(urls, workers) {
  const { runs } = await runsOf(urls, workers);
  gc();
  const t0 = now();
  const started = runs.map(() => new Worker('/bench/page/read-worker.js'));
  try {
    const read = await Promise.all(runs.map((run, k) => new Promise((resolve, reject) => {
      started[k].onmessage = ({ data }) => resolve(data.bytes);
      started[k].onerror = (e) => reject(new Error(e.message));
      started[k].postMessage({ files: run });
    })));
    return { ms: now() - t0, bytes: read.reduce((a, b) => a + b, 0) };
  } finally {
    for (const w of started) w.terminate();
  }
}

/**
 * The same runs analysed by `workers` Workers that already hold their files' bytes (bench/page/memory-worker.js): no
 * reading by the browser and no merge, the Workers started together once each has its bytes. With one Worker the time
 * counts its report, with several only their snapshots, so the ratio of the two is more than any page could get from
 * that many Workers on this machine. Returns { ms (the start until the last Worker is done), workerMs, rows }.
 */
export async function analysisOnly(urls, workers) {
  const { runs } = await runsOf(urls, workers);
  const loaded = await Promise.all(runs.map((run) => Promise.all(run.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))));
  const started = runs.map(() => new Worker('/bench/page/memory-worker.js', { type: 'module' }));
  const reply = (w) => new Promise((resolve, reject) => {
    w.onmessage = ({ data }) => resolve(data);
    w.onerror = (e) => reject(new Error(e.message));
  });
  try {
    await Promise.all(started.map((w, k) => {
      const ready = reply(w);
      w.postMessage({ type: 'load', files: loaded[k], snapshot: runs.length > 1 }, loaded[k].map((f) => f.bytes.buffer));
      return ready;
    }));
    gc();
    const t0 = now();
    const done = await Promise.all(started.map((w) => {
      const d = reply(w);
      w.postMessage({ type: 'go' });
      return d;
    }));
    return { ms: now() - t0, workerMs: done.map((d) => d.ms), rows: done.reduce((a, d) => a + d.rows, 0) };
  } finally {
    for (const w of started) w.terminate();
  }
}

Object.assign(globalThis, { bench: { startup, stats, streamPeak, xlsx, forms, calendar, memory, headerIndex, parallel, readOnly, analysisOnly } });
document.title = 'ready';
