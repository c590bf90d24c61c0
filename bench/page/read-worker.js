// Benchmark worker: reads a run of Files as www/stats-worker.js does (File.stream()) and analyses nothing, so that
// the parallel suite can tell the browser's reading of the files apart from the analysis.
self.onmessage = async ({ data }) => {
  let bytes = 0;
  for (const file of data.files) {
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
    }
  }
  postMessage({ bytes });
};
