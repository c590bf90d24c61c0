// Web Worker: streams export files through tthc's DossierAnalyzer chunk by chunk and reports
// progress (bytes and rows). The page cancels by terminating the worker.
import init, * as tthc from './pkg/tthc.js';

const CHUNK = 1 << 20; // 1 MiB
let ready = null;

/** The parts of a TthcError the page shows (an Error's own fields do not survive postMessage). */
const errorData = (e) => ({
  message: e && typeof e.message === 'string' ? e.message : String(e),
  messageEn: e && typeof e.messageEn === 'string' ? e.messageEn : null,
  kind: e && typeof e.kind === 'string' ? e.kind : null,
  field: e && typeof e.field === 'string' ? e.field : null,
});

async function run({ files, options }) {
  ready ??= init();
  await ready;
  const t0 = performance.now();
  const analyzer = new tthc.DossierAnalyzer(options);
  let bytesRead = 0;
  let lastPost = 0;
  for (const file of files) {
    try {
      for (let offset = 0; offset < file.size;) {
        const buf = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
        if (buf.length === 0) break;
        analyzer.push(buf);
        offset += buf.length;
        bytesRead += buf.length;
        const now = performance.now();
        if (now - lastPost > 50) {
          lastPost = now;
          postMessage({ type: 'progress', bytesRead, rows: analyzer.rowsRead });
        }
      }
    } catch (e) {
      postMessage({ type: 'error', file: file.name, error: errorData(e) });
      return;
    }
  }
  postMessage({ type: 'progress', bytesRead, rows: analyzer.rowsRead });
  let report;
  try {
    report = analyzer.finish();
  } catch (e) {
    postMessage({ type: 'error', file: files[files.length - 1]?.name ?? null, error: errorData(e) });
    return;
  }
  postMessage({ type: 'report', report, ms: Math.round(performance.now() - t0) });
}

self.onmessage = (e) => {
  if (e.data?.type !== 'run') return;
  run(e.data).catch((err) => postMessage({ type: 'error', file: null, error: errorData(err) }));
};
