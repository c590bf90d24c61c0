// Bundle each peer into one minified ES module in bench/dist/ (what a page would ship), with esbuild.
// Returns { name: { files, gzipBytes } } — the bundle sizes reported beside tthc's.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(BENCH, 'dist');
const NM = path.join(BENCH, 'node_modules');

const ENTRIES = {
  duckdb: "export * from '@duckdb/duckdb-wasm';",
  papaparse: "import Papa from 'papaparse'; export default Papa;",
  arquero: "export * from 'arquero';",
  xlsx: "export * from '@e965/xlsx';",
  ajv: "import Ajv from 'ajv'; import addFormats from 'ajv-formats'; export { Ajv, addFormats };",
  holidays: "import Holidays from 'date-holidays'; export default Holidays;",
};
// Files fetched at run time besides the bundle.
const EXTRA = {
  duckdb: ['@duckdb/duckdb-wasm/dist/duckdb-eh.wasm', '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js'],
};

export const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

export async function buildPeers() {
  fs.mkdirSync(DIST, { recursive: true });
  const sizes = {};
  for (const [name, contents] of Object.entries(ENTRIES)) {
    const out = path.join(DIST, `${name}.mjs`);
    await esbuild.build({
      stdin: { contents, resolveDir: BENCH, loader: 'js' }, bundle: true, format: 'esm', minify: true,
      platform: 'browser', outfile: out, logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' },
    });
    const files = [out, ...(EXTRA[name] || []).map((f) => path.join(NM, f))];
    sizes[name] = { files: files.map((f) => path.relative(BENCH, f)), gzipBytes: files.reduce((s, f) => s + gz(f), 0) };
  }
  return sizes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await buildPeers());
}
