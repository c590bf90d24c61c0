// Shared by the Node probes (ab.mjs, ab-paired.mjs, repeat.mjs): command-line options and loading a built package.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const argv = process.argv.slice(2);
/** The value after `--k`, or `d`. */
export const opt = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
/** The wasm-pack package in `dir` (tthc.js + tthc_bg.wasm), instantiated synchronously. */
export const loadPkg = async (dir) => {
  const m = await import(pathToFileURL(path.join(path.resolve(dir), 'tthc.js')).href);
  m.initSync({ module: fs.readFileSync(path.join(path.resolve(dir), 'tthc_bg.wasm')) });
  return m;
};
