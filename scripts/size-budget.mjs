// Measures both modules against their budgets and fails past them: the full one (tthc_bg.wasm or tthc_bg_simd.wasm +
// tthc.js + tthc_glue.js + the JS snippets the glue imports, gzip -9) 400 KiB, the light one for citizen pages
// (tthc_forms_bg(_simd).wasm + forms.js + tthc_forms_glue.js + its snippets) 240 KiB.
// Reports on-demand data beside them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The budgets, as a page downloads each module (see BENCHMARKS.md, "Module size"): 400 KiB gzip for the full module,
// 240 KiB for the light one citizen pages load (`tthc/forms`). The test run fails past either.
const FULL_BUDGET_KIB = 400;
const FORMS_BUDGET_KIB = 240;
// JavaScript is measured minified by esbuild with UTF-8 kept (Vite's settings), as a production bundle of the portal
// ships it; wasm as it is.
const minified = new Map();
const bytesOf = (f) => minified.get(f) ?? fs.readFileSync(f);
const gz = (f) => zlib.gzipSync(bytesOf(f), { level: 9 }).length;
const kib = (n) => (n / 1024).toFixed(1) + ' KiB';
const raw = (f) => fs.statSync(f).size;

// wasm-bindgen copies the JS modules the crate imports (src/js/forms-codec.js) to pkg/snippets/<crate>-<hash>/; each glue
// imports its own, so they count for the module whose glue names them.
const snippetsOf = (glueFile) => [...new Set([...fs.readFileSync(glueFile, 'utf8').matchAll(/from ['"]\.\/(snippets\/[^'"]+)['"]/g)]
  .map((m) => path.join(ROOT, 'pkg', m[1])))].sort();
// Two builds of each module share its glue: the wasm SIMD one and the plain one; a browser downloads one of them, so
// each must fit the budget with the glue.
const modules = [
  { js: ['pkg/tthc.js', 'pkg/tthc_glue.js'], wasm: ['pkg/tthc_bg.wasm', 'pkg/tthc_bg_simd.wasm'], budget: FULL_BUDGET_KIB },
  { js: ['pkg/forms.js', 'pkg/tthc_forms_glue.js'], wasm: ['pkg/tthc_forms_bg.wasm', 'pkg/tthc_forms_bg_simd.wasm'],
    budget: FORMS_BUDGET_KIB },
];
const over = [];
for (const m of modules) {
  const js = m.js.map((f) => path.join(ROOT, f));
  js.push(...snippetsOf(js[1]));
  for (const f of js) {
    minified.set(f, Buffer.from((await transform(fs.readFileSync(f, 'utf8'), { minify: true, format: 'esm', charset: 'utf8' })).code));
  }
  for (const wasm of m.wasm.map((f) => path.join(ROOT, f))) {
    if (!fs.existsSync(wasm)) { over.push(`${path.relative(ROOT, wasm)} is missing`); continue; }
    let sum = 0;
    for (const f of [wasm, ...js]) {
      const g = gz(f); sum += g;
      console.log(`${path.relative(ROOT, f).padEnd(40)} raw ${kib(raw(f)).padStart(11)}  gzip ${kib(g).padStart(10)}`);
    }
    const met = sum <= m.budget * 1024;
    console.log(`${('module total, ' + path.basename(wasm)).padEnd(40)} ${' '.repeat(16)}  gzip ${kib(sum).padStart(10)}  (budget ${m.budget} KiB: ${met ? 'met' : 'EXCEEDED'})`);
    if (!met) over.push(`${path.basename(wasm)}: ${kib(sum)} > ${m.budget} KiB`);
  }
}
const walk = (d) => fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]) : [];
for (const f of walk(path.join(ROOT, 'assets')).filter((f) => !f.endsWith('.md'))) {
  const g = f.endsWith('.gz') ? raw(f) : gz(f);
  console.log(`on demand: ${path.relative(ROOT, f).padEnd(29)} raw ${kib(raw(f)).padStart(11)}  gzip ${kib(g).padStart(10)}`);
}
if (over.length) {
  console.error(`size budget exceeded: ${over.join('; ')}`);
  process.exit(1);
}
