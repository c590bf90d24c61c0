// Shared by the Node probes (ab.mjs, ab-paired.mjs, repeat.mjs): command-line options and loading a built package.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const argv = process.argv.slice(2);
/** The value after `--k`, or `d`. */
export const opt = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
/** The package in `dir` (tthc.js + tthc_bg.wasm), instantiated synchronously; `dir` may also name one of the
 * package's modules (`pkg/tthc_bg_simd.wasm`), which gets its own copy of the package (the entry and the glue it
 * imports are module records of their own only under another URL). */
export const loadPkg = async (dir) => {
  const wasm = dir.endsWith('.wasm') ? path.resolve(dir) : path.join(path.resolve(dir), 'tthc_bg.wasm');
  let base = path.dirname(wasm);
  if (dir.endsWith('.wasm')) {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'tthc-pkg-'));
    fs.cpSync(base, copy, { recursive: true });
    base = copy;
  }
  const m = await import(pathToFileURL(path.join(base, 'tthc.js')).href);
  m.initSync({ module: fs.readFileSync(wasm) });
  return m;
};
