// Web Worker: streams a run of export files through one tthc DossierAnalyzer (each file after
// beginFile, in the chunks File.stream() delivers) and reports progress (bytes and rows); then the
// report — or, when the page splits the files among several workers, a snapshot of the state.
// "merge" turns the snapshots of all runs, in order, into the report (DossierAnalyzer.merge). The
// page cancels by terminating it.
import init, * as tthc from './pkg/tthc.js';

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

async function run({ files, options, snapshot }) {
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
      // The file's stream: the browser reads ahead while a chunk is analysed, so the worker seldom waits.
      const reader = file.stream().getReader();
      for (;;) {
        const { done, value: buf } = await reader.read();
        if (done) break;
        analyzer.push(buf);
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
  // The last file ends here (snapshot or finish): its errors are its own.
  try {
    if (snapshot) {
      const state = analyzer.snapshot();
      analyzer.free(); // this worker may be asked to merge next: its memory goes back first
      postMessage({ type: 'snapshot', snapshot: state }, [state.buffer]);
    } else {
      postMessage({ type: 'report', report: analyzer.finish() });
    }
  } catch (e) {
    postMessage({ type: 'error', file: previous?.name ?? null, error: errorData(e) });
  }
}

async function merge({ snapshots, options }) {
  ready ??= init();
  await ready;
  try {
    postMessage({ type: 'report', report: tthc.DossierAnalyzer.merge(snapshots, options) });
  } catch (e) {
    postMessage({ type: 'error', file: null, error: errorData(e) });
  }
}

self.onmessage = (e) => {
  const job = e.data?.type === 'run' ? run : (e.data?.type === 'merge' ? merge : null);
  job?.(e.data).catch((err) => postMessage({ type: 'error', file: null, error: errorData(err) }));
};
