// Web Worker: streams a run of export files through tthc DossierAnalyzers (each file after
// beginFile, in the chunks File.stream() delivers) and reports progress (bytes and rows); then the
// report — or, when the page splits the files among several workers, the snapshots of the state.
// A receipt-date column picked for one file applies to that file only: consecutive files with the
// same column overrides share an analyzer, and a file with other overrides starts a new one after a
// snapshot of the one before. "merge" turns the snapshots of all runs, in order, into the report
// (DossierAnalyzer.merge). The page cancels by terminating it.
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

/**
 * `files` and `columns` (each file's column overrides, or null) side by side; `first`: the index of
 * the run's first file among all files, so that an error names the very file (names may repeat).
 */
async function run({ files, columns = [], first = 0, options, snapshot }) {
  ready ??= init();
  await ready;
  const fail = (i, e) => postError(i < 0 ? null : first + i, e);
  const snapshots = [];
  let analyzer = null;
  let key = null; // the current analyzer's overrides, as text
  let rowsBefore = 0; // rows read by the analyzers before the current one
  let bytesRead = 0;
  let lastPost = 0;
  let previous = -1; // the file the current analyzer read last
  // Ends the current analyzer with a snapshot: its last file ends here, its errors are that file's.
  const close = () => {
    try {
      snapshots.push(analyzer.snapshot());
    } catch (e) {
      fail(previous, e);
      return false;
    }
    rowsBefore += analyzer.rowsRead;
    analyzer.free(); // its memory goes back before the next one reads
    analyzer = null;
    return true;
  };
  for (let i = 0; i < files.length; i += 1) {
    const file = files[i];
    const cols = columns[i] ?? null;
    const k = JSON.stringify(cols);
    if (analyzer && k !== key && !close()) return;
    if (!analyzer) {
      try {
        analyzer = new tthc.DossierAnalyzer(cols ? { ...options, columns: cols } : options);
      } catch (e) {
        fail(i, e);
        return;
      }
      key = k;
      previous = -1;
    }
    // A buffered file (XLSX, JSON) is read when it ends, at the next beginFile(): its errors are its own.
    try {
      analyzer.beginFile(file.name);
    } catch (e) {
      fail(previous < 0 ? i : previous, e);
      return;
    }
    previous = i;
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
          postMessage({ type: 'progress', bytesRead, rows: rowsBefore + analyzer.rowsRead });
        }
      }
    } catch (e) {
      fail(i, e);
      return;
    }
  }
  // The last file ends here (snapshot or finish): its errors are its own.
  if (!snapshot && !snapshots.length) {
    postMessage({ type: 'progress', bytesRead, rows: rowsBefore + analyzer.rowsRead });
    try {
      postMessage({ type: 'report', report: analyzer.finish() });
    } catch (e) {
      fail(previous, e);
    }
    return;
  }
  if (!close()) return;
  postMessage({ type: 'progress', bytesRead, rows: rowsBefore });
  if (snapshot) {
    postMessage({ type: 'snapshot', snapshots }, snapshots.map((x) => x.buffer));
  } else {
    // A run alone with several analyzers: the report of their snapshots, in order.
    mergeSnapshots(snapshots, options, first + files.length - 1);
  }
}

/** Posts the report of `snapshots`, in order; an error is the file at `at`'s (`null`: no one file's). */
function mergeSnapshots(snapshots, options, at) {
  try {
    postMessage({ type: 'report', report: tthc.DossierAnalyzer.merge(snapshots, options) });
  } catch (e) {
    postError(at, e);
  }
}

async function merge({ snapshots, options }) {
  ready ??= init();
  await ready;
  mergeSnapshots(snapshots, options, null);
}

/** An error, with the index among all files of the file it concerns (`null`: no one file). */
function postError(at, e) {
  postMessage({ type: 'error', at, error: errorData(e) });
}

self.onmessage = (e) => {
  const job = e.data?.type === 'run' ? run : (e.data?.type === 'merge' ? merge : null);
  job?.(e.data).catch((err) => postError(null, err));
};
