// Web Worker: streams an export file through tthc's DossierAnalyzer chunk by chunk, reporting
// progress (bytes and rows), then (for files small enough to keep) a monthly trend.
// The page cancels by terminating the worker.
import init, * as tthc from './pkg/tthc.js';

const CHUNK = 1 << 20; // 1 MiB
const TREND_LIMIT = 32 << 20; // per-month re-analysis only below 32 MiB
let ready = null;

const errorMessage = (e) => ({
  message: e && typeof e.message === 'string' ? e.message : String(e),
  messageEn: e && typeof e.messageEn === 'string' ? e.messageEn : null,
  row: e && typeof e.row === 'number' ? e.row : null,
  column: e && typeof e.column === 'string' ? e.column : null,
});

const counter = (obj, name) => {
  const v = obj[name];
  if (typeof v === 'function') return v.call(obj);
  return typeof v === 'number' ? v : null;
};

function monthPeriods(to, max = 12) {
  // The months overlapping [to − (max−1) months, to], clipped to whole months.
  let [y, m] = to.slice(0, 7).split('-').map(Number);
  const out = [];
  for (let i = 0; i < max; i += 1) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const mm = String(m).padStart(2, '0');
    out.unshift({ from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}`, label: `${mm}/${y}` });
    m -= 1;
    if (m < 1) { m = 12; y -= 1; }
  }
  return out;
}

async function run({ file, options, trend }) {
  ready ??= init();
  await ready;
  const t0 = performance.now();
  const analyzer = new tthc.DossierAnalyzer(options);
  let offset = 0;
  let lastPost = 0;
  while (offset < file.size) {
    const buf = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
    analyzer.push(buf);
    offset += buf.length;
    const now = performance.now();
    if (now - lastPost > 50 || offset >= file.size) {
      lastPost = now;
      postMessage({ type: 'progress', bytesRead: counter(analyzer, 'bytesRead') ?? offset, total: file.size, rows: counter(analyzer, 'rowsRead') });
    }
    if (buf.length === 0) break;
  }
  const report = analyzer.finish();
  const ms = Math.round(performance.now() - t0);
  postMessage({ type: 'report', report, ms, total: file.size });
  // The module's report has a monthly table (byMonth); an older build without it gets the trend
  // from one analysis per month, for files small enough to read again.
  if (!trend || Array.isArray(report.byMonth) || file.size > TREND_LIMIT) { postMessage({ type: 'done' }); return; }
  const keep = new Uint8Array(await file.arrayBuffer());
  const months = [];
  for (const p of monthPeriods(options.period.to)) {
    try {
      const r = tthc.analyze(keep, { ...options, period: { from: p.from, to: p.to } });
      months.push({ label: p.label, from: p.from, to: p.to, received: r.received.new, resolved: r.resolved.total, onTimeRate: r.resolved.onTimeRate, onlineRate: r.onlineRate });
    } catch {
      months.push({ label: p.label, from: p.from, to: p.to, received: null, resolved: null, onTimeRate: null, onlineRate: null });
    }
  }
  postMessage({ type: 'trend', months });
  postMessage({ type: 'done' });
}

self.onmessage = (e) => {
  if (e.data?.type !== 'run') return;
  run(e.data).catch((err) => postMessage({ type: 'error', ...errorMessage(err) }));
};
