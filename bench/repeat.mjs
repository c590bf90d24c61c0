// The same analyze() call repeated in one Node process, to see how much this machine's speed moves between calls.
//   node bench/repeat.mjs [--pkg pkg] [--file bench/data/export-1000000.csv] [--times 6]
import fs from 'node:fs';
import { opt, loadPkg } from './node-pkg.mjs';

const tthc = await loadPkg(opt('pkg', 'pkg'));
const bytes = new Uint8Array(fs.readFileSync(opt('file', 'bench/data/export-1000000.csv')));
for (let i = 0; i < Number(opt('times', 6)); i++) {
  const t = performance.now();
  tthc.analyze(bytes, { period: { from: '2026-01-01', to: '2026-01-31' } });
  const ms = performance.now() - t;
  console.log(`${i}: ${ms.toFixed(0)} ms, ${(bytes.length / 1048576 / ms * 1000).toFixed(0)} MiB/s`);
}
