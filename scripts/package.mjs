// Turns wasm-pack's output in pkg/ into the published package. Run by `./dev.sh build` after both wasm builds.
//
// - pkg/tthc_glue.js: wasm-bindgen's glue (renamed from pkg/tthc.js). Its default wasm URL becomes the SIMD file where
//   `WebAssembly.validate` accepts a 29-byte module using one SIMD instruction, else the plain file — each named by a
//   literal `new URL('…', import.meta.url)`, the only form bundlers (Vite, webpack, Rollup) follow and emit.
// - pkg/tthc.js: the public entry, src/js/tthc.js: the same exports with their arguments checked before wasm sees
//   them (see that file).
// - pkg/tthc.d.ts: wasm-bindgen's declarations (the entry exports the same names and shapes) plus `TthcError`.
// - pkg/tthc-node.js: the entry of the "node" export condition, initialised from the installed wasm file.
// - pkg/package.json: the files to publish and the exports map.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG = path.join(ROOT, 'pkg');
const file = (f) => path.join(PKG, f);

// (module (func (result v128) i32.const 0 i8x16.splat)): valid exactly where the engine has wasm SIMD.
export const SIMD_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11];

function fail(msg) {
  console.error(`package: ${msg}`);
  process.exit(1);
}

// 1. The glue, under its own name, with the two wasm files named by literals.
const generated = fs.existsSync(file('tthc.js')) && !fs.readFileSync(file('tthc.js'), 'utf8').includes('tthc_glue.js')
  ? file('tthc.js') : null;
if (generated !== null) {
  const glue = fs.readFileSync(generated, 'utf8');
  const from = "module_or_path = new URL('tthc_bg.wasm', import.meta.url);";
  if (glue.split(from).length !== 2) fail(`expected exactly one "${from}" in the glue (wasm-bindgen changed it?)`);
  const to = `module_or_path = WebAssembly.validate(new Uint8Array([${SIMD_PROBE.join(',')}]))\n`
    + "            ? new URL('tthc_bg_simd.wasm', import.meta.url)\n"
    + "            : new URL('tthc_bg.wasm', import.meta.url);";
  fs.writeFileSync(file('tthc_glue.js'),
    glue.replace(from, `// The wasm SIMD build where the engine has SIMD (scripts/package.mjs).\n        ${to}`));
  fs.rmSync(generated);
  const dts = fs.readFileSync(file('tthc.d.ts'), 'utf8');
  fs.writeFileSync(file('tthc_glue.d.ts'), dts);
}
if (!fs.existsSync(file('tthc_glue.js'))) fail('pkg/tthc_glue.js is missing: run wasm-pack first');

// 2. The public entries: for browsers and bundlers, and for Node.js (initialised from the installed files).
fs.copyFileSync(path.join(ROOT, 'src/js/tthc.js'), file('tthc.js'));
fs.copyFileSync(path.join(ROOT, 'src/js/tthc-node.js'), file('tthc-node.js'));

// 3. Declarations: the glue's, plus the error type.
const dts = fs.readFileSync(file('tthc_glue.d.ts'), 'utf8');
// Symbol.dispose (the classes' \`[Symbol.dispose]()\`) is declared by TypeScript's esnext.disposable library.
const disposable = '/// <reference lib="esnext.disposable" />\n';
// An options argument is optional, as the contract says (wasm-bindgen declares \`Option<Object>\` as required).
let declared = dts.replace(/options: ValidateOptions\)/g, 'options?: ValidateOptions | null)');
// toLunar() always gives `leap`; tsify declares it optional because fromLunar's input may omit it
// (`#[serde(default)]`), and fromLunar declares its own input type.
const lunarAt = declared.indexOf('export interface LunarDate {');
const lunarEnd = declared.indexOf('\n}\n', lunarAt);
const lunar = declared.slice(lunarAt, lunarEnd);
if (lunarAt < 0 || !lunar.includes('leap?: boolean;')) fail('expected "leap?: boolean" in LunarDate (tsify changed it?)');
declared = declared.slice(0, lunarAt) + lunar.replace('leap?: boolean;', 'leap: boolean;') + declared.slice(lunarEnd);
// reportToCsv's table is one of a fixed list (wasm-bindgen declares the `Option<String>` as any string).
const table = 'reportToCsv(report: Report, table?: string | null)';
if (!declared.includes(table)) fail(`expected "${table}" in the glue's declarations`);
declared = declared.replace(table, 'reportToCsv(report: Report, table?: ReportTable | null)');
fs.writeFileSync(file('tthc.d.ts'), `${disposable}${declared}
/** Validates a form once (compiles the schema each time: keep a \`FormValidator\` for keystrokes). */
export function validateForm(schema: FormSchema | string, values: FormValues | null | undefined,
  options?: ValidateOptions | null): FormResult;
/** Limits of an attachment check (\`accept\` may also be one string: "pdf" or "pdf, jpg"). */
export type AttachmentLimits = { accept?: string[] | string | null, maxSize?: number | null, label?: string | null,
  labelEn?: string | null };
/**
 * Checks one file against attachment limits by its first bytes and its name: \`FieldIssue[]\` (field \`"file"\`).
 */
export function checkAttachment(spec: AttachmentLimits | null | undefined,
  bytes: Uint8Array | ArrayBuffer | ArrayBufferView, fileName: string, size?: number | null,
  options?: ValidateOptions | null): FieldIssue[];
/**
 * The error every tthc function throws: \`message\` in Vietnamese, \`messageEn\` in English, \`kind\` the area
 * ("argument" for a wrong argument, "date", "calendar", "deadline", "range", "schema", "form", "ingest", "limit",
 * "options", "internal"), \`field\` the argument or option at fault, \`row\` and \`column\` a place in an export.
 */
export class TthcError extends Error {
  readonly name: "TthcError";
  readonly kind: "argument" | "date" | "calendar" | "deadline" | "range" | "schema" | "form" | "ingest" | "limit"
    | "options" | "internal";
  readonly messageEn: string;
  readonly field: string | null;
  readonly row: number | null;
  readonly column: string | null;
}
`);

// 4. package.json: what npm publishes.
const pj = file('package.json');
const p = JSON.parse(fs.readFileSync(pj, 'utf8'));
const files = new Set(p.files ?? []);
for (const f of ['tthc.js', 'tthc-node.js', 'tthc_glue.js', 'tthc_bg.wasm', 'tthc_bg_simd.wasm', 'tthc.d.ts', 'snippets']) {
  files.add(f);
}
p.files = [...files];
p.main = 'tthc.js';
p.module = 'tthc.js';
p.types = 'tthc.d.ts';
p.exports = {
  '.': { types: './tthc.d.ts', node: './tthc-node.js', default: './tthc.js' },
  './tthc_bg.wasm': './tthc_bg.wasm',
  './tthc_bg_simd.wasm': './tthc_bg_simd.wasm',
  './package.json': './package.json',
};
fs.writeFileSync(pj, JSON.stringify(p, null, 2) + '\n');
