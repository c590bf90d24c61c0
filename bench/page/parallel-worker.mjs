// Worker of the `parallel` suite, as the page's www/stats-worker.js does it: streams its run of files (Blobs, 1 MiB
// slices) through one DossierAnalyzer (beginFile per file) and sends the report, or a snapshot when the files are split
// among several workers; "merge" merges the snapshots in order.
import init, * as tthc from '/pkg/tthc.js';

const CHUNK = 1 << 20;
let ready = null;

self.onmessage = async ({ data }) => {
  try {
    ready ??= init({ module_or_path: data.wasm });
    await ready;
    if (data.type === 'merge') {
      postMessage({ report: tthc.DossierAnalyzer.merge(data.snapshots, data.options) });
      return;
    }
    const analyzer = new tthc.DossierAnalyzer(data.options);
    for (const { name, blob } of data.files) {
      analyzer.beginFile(name);
      for (let o = 0; o < blob.size; o += CHUNK) analyzer.push(new Uint8Array(await blob.slice(o, o + CHUNK).arrayBuffer()));
    }
    if (data.snapshot) {
      const snapshot = analyzer.snapshot();
      postMessage({ snapshot }, [snapshot.buffer]);
    } else {
      postMessage({ report: analyzer.finish() });
    }
  } catch (e) {
    postMessage({ error: String(e?.message ?? e) });
  }
};
