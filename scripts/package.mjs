// Turns wasm-pack's output in pkg/ into the published package. Run by `./dev.sh build` after the wasm builds.
//
// - pkg/tthc_glue.js: wasm-bindgen's glue (renamed from pkg/tthc.js). Its default wasm URL becomes the SIMD file where
//   `WebAssembly.validate` accepts a 29-byte module using one SIMD instruction, else the plain file — each named by a
//   literal `new URL('…', import.meta.url)`, the only form bundlers (Vite, webpack, Rollup) follow and emit.
// - pkg/tthc.js: the public entry, src/js/tthc.js: the same exports with their arguments checked before wasm sees
//   them (see that file).
// - pkg/tthc.d.ts: wasm-bindgen's declarations (the entry exports the same names and shapes) plus `TthcError`.
// - pkg/tthc-node.js: the entry of the "node" export condition, initialised from the installed wasm file.
// - pkg/forms.js, forms-node.js, forms.d.ts, tthc_forms_glue.js, tthc_forms_bg(_simd).wasm: the same for the light
//   module of citizen pages (`tthc/forms`: the crate without the `stats` feature; the entry without its statistics).
// - pkg/package.json: the files to publish and the exports map (`.` and `./forms`).
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

// 1. The glues, under their own names, with the two wasm files of each named by literals.
function adoptGlue(fromJs, fromDts, name, plainWasm, simdWasm) {
  const glue = fs.readFileSync(fromJs, 'utf8');
  const from = "module_or_path = new URL('tthc_bg.wasm', import.meta.url);";
  if (glue.split(from).length !== 2) fail(`expected exactly one "${from}" in ${fromJs} (wasm-bindgen changed it?)`);
  const to = `module_or_path = WebAssembly.validate(new Uint8Array([${SIMD_PROBE.join(',')}]))\n`
    + `            ? new URL('${simdWasm}', import.meta.url)\n`
    + `            : new URL('${plainWasm}', import.meta.url);`;
  fs.writeFileSync(file(`${name}.js`),
    glue.replace(from, `// The wasm SIMD build where the engine has SIMD (scripts/package.mjs).\n        ${to}`));
  fs.writeFileSync(file(`${name}.d.ts`), fs.readFileSync(fromDts, 'utf8'));
}
const generated = fs.existsSync(file('tthc.js')) && !fs.readFileSync(file('tthc.js'), 'utf8').includes('tthc_glue.js');
if (generated) {
  adoptGlue(file('tthc.js'), file('tthc.d.ts'), 'tthc_glue', 'tthc_bg.wasm', 'tthc_bg_simd.wasm');
  fs.rmSync(file('tthc.js'));
}
if (!fs.existsSync(file('tthc_glue.js'))) fail('pkg/tthc_glue.js is missing: run wasm-pack first');
const FORMS = path.join(ROOT, 'target', 'forms', 'pkg');
if (!fs.existsSync(path.join(FORMS, 'tthc.js'))) fail('target/forms/pkg is missing: ./dev.sh build builds it');
adoptGlue(path.join(FORMS, 'tthc.js'), path.join(FORMS, 'tthc.d.ts'), 'tthc_forms_glue', 'tthc_forms_bg.wasm',
  'tthc_forms_bg_simd.wasm');
// The light module's JS snippets (the same crate: usually the same files) beside the full module's.
fs.cpSync(path.join(FORMS, 'snippets'), file('snippets'), { recursive: true });

// 2. The public entries: for browsers and bundlers, and for Node.js (initialised from the installed files). The light
// entry is the full one without its statistics section, over the light glue.
const entry = fs.readFileSync(path.join(ROOT, 'src/js/tthc.js'), 'utf8');
const cut = entry.indexOf('// @@statistics');
if (cut < 0) fail('src/js/tthc.js has no "// @@statistics" line');
const sectionStart = entry.lastIndexOf('// ----', cut);
fs.writeFileSync(file('tthc.js'), entry);
fs.writeFileSync(file('forms.js'), entry.slice(0, sectionStart).replace("from './tthc_glue.js'", "from './tthc_forms_glue.js'"));
const nodeEntry = fs.readFileSync(path.join(ROOT, 'src/js/tthc-node.js'), 'utf8');
fs.writeFileSync(file('tthc-node.js'), nodeEntry);
fs.writeFileSync(file('forms-node.js'),
  nodeEntry.replaceAll("'./tthc.js'", "'./forms.js'").replace('tthc_bg_simd.wasm', 'tthc_forms_bg_simd.wasm'));

// 3. Declarations: each glue's, plus what the entries add.
// Symbol.dispose (the classes' \`[Symbol.dispose]()\`) is declared by TypeScript's esnext.disposable library.
const disposable = '/// <reference lib="esnext.disposable" />\n';
const added = `
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
 * "options", "internal"), \`field\` the argument or option at fault, \`row\` and \`column\` a place in an export,
 * \`headers\` the header cells read from an export without a receipt-date column.
 */
export class TthcError extends Error {
  readonly name: "TthcError";
  readonly kind: "argument" | "date" | "calendar" | "deadline" | "range" | "schema" | "form" | "ingest" | "limit"
    | "options" | "internal";
  readonly messageEn: string;
  readonly field: string | null;
  readonly row: number | null;
  readonly column: string | null;
  /**
   * When an export has no receipt-date column (\`kind\` "ingest"): every header cell read, in order — the likeliest
   * header row of the file (its first object's keys for JSON) — each as the reader keeps a cell (at most 256 bytes,
   * a longer one cut with "…"), at most 1,024 of them; one of them given back as \`columns: { receivedAt }\` names
   * that column. Empty when no row was read; \`null\` on every other error.
   */
  readonly headers: string[] | null;
}
`;
for (const [glue, out] of [['tthc_glue', 'tthc'], ['tthc_forms_glue', 'forms']]) {
  const dts = fs.readFileSync(file(`${glue}.d.ts`), 'utf8');
  // An options argument is optional, as the contract says (wasm-bindgen declares \`Option<Object>\` as required).
  let declared = dts.replace(/options: ValidateOptions\)/g, 'options?: ValidateOptions | null)');
  // toLunar() always gives `leap`; tsify declares it optional because fromLunar's input may omit it
  // (`#[serde(default)]`), and fromLunar declares its own input type.
  const lunarAt = declared.indexOf('export interface LunarDate {');
  const lunarEnd = declared.indexOf('\n}\n', lunarAt);
  const lunar = declared.slice(lunarAt, lunarEnd);
  if (lunarAt < 0 || !lunar.includes('leap?: boolean;')) fail(`expected "leap?: boolean" in LunarDate of ${glue}.d.ts (tsify changed it?)`);
  declared = declared.slice(0, lunarAt) + lunar.replace('leap?: boolean;', 'leap: boolean;') + declared.slice(lunarEnd);
  // Bytes: the entry takes a Uint8Array, an ArrayBuffer or any ArrayBufferView (wasm-bindgen declares `&[u8]` as
  // `Uint8Array`, or `Uint8Array | number[]`, and the entry refuses an array of numbers).
  const BYTES = 'Uint8Array | ArrayBuffer | ArrayBufferView';
  const widen = [
    ['checkAttachment(field: string, bytes: Uint8Array | number[],', `checkAttachment(field: string, bytes: ${BYTES},`],
    ['detectFileType(bytes: Uint8Array | number[],', `detectFileType(bytes: ${BYTES},`],
    ['loadLegacyUnits(bytes: Uint8Array | number[])', `loadLegacyUnits(bytes: ${BYTES})`],
  ];
  if (out === 'tthc') {
    // The analysis options of one file may be omitted (the data's own period, every default); analyzeFiles and merge
    // keep the contract's words.
    widen.push(
      ['push(chunk: Uint8Array): void;', `push(chunk: ${BYTES}): void;`],
      ['analyze(data: Uint8Array, options: AnalyzeOptions)', `analyze(data: ${BYTES}, options?: AnalyzeOptions | null)`],
      ['constructor(options: AnalyzeOptions);', 'constructor(options?: AnalyzeOptions | null);'],
    );
  }
  for (const [from, to] of widen) {
    if (!declared.includes(from)) fail(`expected "${from}" in ${glue}.d.ts`);
    declared = declared.replaceAll(from, to);
  }
  // reportToCsv's table is one of a fixed list (wasm-bindgen declares the `Option<String>` as any string); the light
  // module has no statistics.
  const table = 'reportToCsv(report: Report, table?: string | null)';
  if (out === 'tthc') {
    if (!declared.includes(table)) fail(`expected "${table}" in the glue's declarations`);
    declared = declared.replace(table, 'reportToCsv(report: Report, table?: ReportTable | null)');
  }
  fs.writeFileSync(file(`${out}.d.ts`), `${disposable}${declared}${added}`);
}

// 4. package.json: what npm publishes.
const pj = file('package.json');
const p = JSON.parse(fs.readFileSync(pj, 'utf8'));
const files = new Set(p.files ?? []);
for (const f of ['tthc.js', 'tthc-node.js', 'tthc_glue.js', 'tthc_bg.wasm', 'tthc_bg_simd.wasm', 'tthc.d.ts', 'forms.js',
  'forms-node.js', 'tthc_forms_glue.js', 'tthc_forms_bg.wasm', 'tthc_forms_bg_simd.wasm', 'forms.d.ts', 'snippets']) {
  files.add(f);
}
p.files = [...files];
p.main = 'tthc.js';
p.module = 'tthc.js';
p.types = 'tthc.d.ts';
p.exports = {
  '.': { types: './tthc.d.ts', node: './tthc-node.js', default: './tthc.js' },
  './forms': { types: './forms.d.ts', node: './forms-node.js', default: './forms.js' },
  './tthc_bg.wasm': './tthc_bg.wasm',
  './tthc_bg_simd.wasm': './tthc_bg_simd.wasm',
  './tthc_forms_bg.wasm': './tthc_forms_bg.wasm',
  './tthc_forms_bg_simd.wasm': './tthc_forms_bg_simd.wasm',
  './package.json': './package.json',
};
fs.writeFileSync(pj, JSON.stringify(p, null, 2) + '\n');
