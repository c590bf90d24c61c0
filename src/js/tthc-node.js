// The package entry for Node.js (the "node" export condition): the same exports as tthc.js, already initialised from
// the installed wasm file (Node's fetch can't read file: URLs, so `await init()` without an argument can't work
// there). Node has wasm SIMD, so the SIMD build is used.
import { readFileSync } from 'node:fs';
import { initSync } from './tthc.js';

initSync({ module: readFileSync(new URL('./tthc_bg_simd.wasm', import.meta.url)) });

export * from './tthc.js';
export { default } from './tthc.js';
