// Benchmark worker: analyses a run of files whose bytes it already holds, so that the parallel suite can time the
// analysis alone, with no reading by the browser. "load" takes the bytes and instantiates tthc; "go" pushes each file
// in 1 MiB chunks through one DossierAnalyzer (as www/stats-worker.js does with a File's stream) and ends with a
// snapshot (several workers) or the report (one), then posts the time that took.
import init, * as tthc from '/www/pkg/tthc.js';

let files = null;
let snapshot = false;
self.onmessage = async ({ data }) => {
  if (data.type === 'load') {
    await init();
    ({ files, snapshot } = data);
    postMessage({ type: 'ready' });
    return;
  }
  const t0 = performance.now();
  const analyzer = new tthc.DossierAnalyzer({});
  for (const { name, bytes } of files) {
    analyzer.beginFile(name);
    for (let at = 0; at < bytes.length; at += 1 << 20) analyzer.push(bytes.subarray(at, at + (1 << 20)));
  }
  const rows = analyzer.rowsRead;
  if (snapshot) analyzer.snapshot();
  else analyzer.finish();
  postMessage({ type: 'done', ms: performance.now() - t0, rows });
};
