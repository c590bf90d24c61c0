// Makes pkg/ serve two builds of the same module: pkg/tthc_bg_simd.wasm (wasm SIMD: the CSV scan reads 16 bytes a
// step, memchr and LLVM vectorise) and pkg/tthc_bg.wasm (no SIMD, for browsers without it, such as Safari before 16.4).
// Run by `./dev.sh build` after both are built; the two glue files were checked identical before.
//
// - pkg/tthc.js: the initialiser's default URL becomes the SIMD file when `WebAssembly.validate` accepts a 29-byte
//   module using one SIMD instruction, else the plain file. A portal passing its own module or path is unaffected.
// - pkg/package.json: the SIMD file is listed in "files", so `npm publish` ships it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'pkg');

// (module (func (result v128) i32.const 0 i8x16.splat)): valid exactly where the engine has wasm SIMD.
export const SIMD_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11];

const glueFile = path.join(PKG, 'tthc.js');
const glue = fs.readFileSync(glueFile, 'utf8');
const from = "module_or_path = new URL('tthc_bg.wasm', import.meta.url);";
const to = `module_or_path = new URL(WebAssembly.validate(new Uint8Array([${SIMD_PROBE.join(',')}])) ? 'tthc_bg_simd.wasm' : 'tthc_bg.wasm', import.meta.url);`;
if (!glue.includes(to)) {
  if (glue.split(from).length !== 2) {
    console.error(`simd-loader: expected exactly one "${from}" in pkg/tthc.js (wasm-bindgen changed its glue?)`);
    process.exit(1);
  }
  fs.writeFileSync(glueFile, glue.replace(from, `// tthc: the wasm SIMD build where the browser has SIMD (scripts/simd-loader.mjs).\n        ${to}`));
}

const pj = path.join(PKG, 'package.json');
const p = JSON.parse(fs.readFileSync(pj, 'utf8'));
if (!p.files.includes('tthc_bg_simd.wasm')) {
  p.files.splice(1, 0, 'tthc_bg_simd.wasm');
  fs.writeFileSync(pj, JSON.stringify(p, null, 2) + '\n');
}
