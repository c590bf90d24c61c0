// Web Worker: streams export files through one tthc DossierAnalyzer chunk by chunk (each file
// after beginFile) and reports progress (bytes and rows), then the report. The page cancels by
// terminating it.
import init, * as tthc from './pkg/tthc.js';

const CHUNK = 1 << 20; // 1 MiB
let ready = null;

/** The parts of a TthcError the page shows (an Error's own fields do not survive postMessage). */
const errorData = (e) => ({
  message: e && typeof e.message === 'string' ? e.message : String(e),
  messageEn: e && typeof e.messageEn === 'string' ? e.messageEn : null,
  kind: e && typeof e.kind === 'string' ? e.kind : null,
  field: e && typeof e.field === 'string' ? e.field : null,
  // The header cells read when no receipt-date column was found: the page offers them in a column picker.
  headers: e && Array.isArray(e.headers) ? e.headers.filter((x) => typeof x === 'string') : null,
});

async function run({ files, options }) {
  ready ??= init();
  await ready;
  const analyzer = new tthc.DossierAnalyzer(options);
  let bytesRead = 0;
  let lastPost = 0;
  let previous = null;
  for (const file of files) {
    // A buffered file (XLSX, JSON) is read when it ends, at the next beginFile(): its errors are its own.
    try {
      analyzer.beginFile(file.name);
    } catch (e) {
      postMessage({ type: 'error', file: previous?.name ?? file.name, error: errorData(e) });
      return;
    }
    previous = file;
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
  try {
    postMessage({ type: 'report', report: analyzer.finish() });
  } catch (e) {
    postMessage({ type: 'error', file: files[files.length - 1]?.name ?? null, error: errorData(e) });
  }
}

self.onmessage = (e) => {
  if (e.data?.type !== 'run') return;
  run(e.data).catch((err) => postMessage({ type: 'error', file: null, error: errorData(err) }));
};
