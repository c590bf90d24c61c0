// The same analyze() call repeated in one Node process, to see how much this machine's speed moves between calls.
//   node bench/repeat.mjs [--pkg pkg] [--file bench/data/export-1000000.csv] [--times 6]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
const pkg = path.resolve(opt('pkg', 'pkg'));
const tthc = await import(pathToFileURL(path.join(pkg, 'tthc.js')).href);
tthc.initSync({ module: fs.readFileSync(path.join(pkg, 'tthc_bg.wasm')) });
const bytes = new Uint8Array(fs.readFileSync(opt('file', 'bench/data/export-1000000.csv')));
for (let i = 0; i < Number(opt('times', 6)); i++) {
  const t = performance.now();
  tthc.analyze(bytes, { period: { from: '2026-01-01', to: '2026-01-31' } });
  const ms = performance.now() - t;
  console.log(`${i}: ${ms.toFixed(0)} ms, ${(bytes.length / 1048576 / ms * 1000).toFixed(0)} MiB/s`);
}
