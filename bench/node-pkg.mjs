// Shared by the Node probes (ab.mjs, ab-paired.mjs, repeat.mjs): command-line options and loading a built package.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const argv = process.argv.slice(2);
/** The value after `--k`, or `d`. */
export const opt = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
/** The wasm-pack package in `dir` (tthc.js + tthc_bg.wasm), instantiated synchronously; `dir` may also name one of the
 * package's modules (`pkg/tthc_bg_simd.wasm`), which gets its own instance of the glue. */
export const loadPkg = async (dir) => {
  const wasm = dir.endsWith('.wasm') ? path.resolve(dir) : path.join(path.resolve(dir), 'tthc_bg.wasm');
  const glue = pathToFileURL(path.join(path.dirname(wasm), 'tthc.js')).href + (dir.endsWith('.wasm') ? `?${path.basename(wasm)}` : '');
  const m = await import(glue);
  m.initSync({ module: fs.readFileSync(wasm) });
  return m;
};
