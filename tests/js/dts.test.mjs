// The declarations a TypeScript user reads (pkg/tthc.d.ts): the fixed lists are the documented ones, the values at run
// time carry what the types promise (the `kind` of identifier details, null for an absent value), the hover docs hold
// no Rust, and the typed sample app (tests/ts/app.ts, checked by `tsc --strict`) calls every export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as tthc from '../../pkg/tthc.js';

tthc.initSync({ module: fs.readFileSync(new URL('../../pkg/tthc_bg.wasm', import.meta.url)) });

const read = (f) => fs.readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');
const dts = read('pkg/tthc.d.ts');

/** The members of `export type NAME = "a" | "b" …;` in the declarations. */
function union(name) {
  const m = dts.match(new RegExp(`export type ${name} =([^;]*);`));
  assert.ok(m, `pkg/tthc.d.ts declares ${name}`);
  return [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]).sort();
}

/** The codes in the first column of the table under `heading` in a docs page. */
function documentedCodes(page, heading) {
  const text = read(page);
  const at = text.indexOf(heading);
  assert.ok(at >= 0, `${page} has "${heading}"`);
  const codes = [];
  for (const line of text.slice(at).split('\n').slice(1)) {
    if (line.startsWith('#')) break;
    const m = line.match(/^\| `([A-Za-z0-9]+)` \|/);
    if (m) codes.push(m[1]);
  }
  return [...new Set(codes)].sort();
}

test('ProblemCode lists exactly the problem codes of docs/forms.md', () => {
  assert.deepEqual(union('ProblemCode'), documentedCodes('docs/forms.md', '## Problem codes'));
});

test('QualityCode lists exactly the data-quality codes of docs/statistics.md', () => {
  assert.deepEqual(union('QualityCode'), documentedCodes('docs/statistics.md', '| code | severity |'));
});

test('the other fixed lists', () => {
  assert.deepEqual(union('DayKind'),
    ['compensatory', 'extraDayOff', 'extraWorkingDay', 'holiday', 'swap', 'workingSaturday', 'workingSunday']);
  assert.deepEqual(union('ReportTable'),
    ['agency', 'byAgency', 'byDomain', 'byMonth', 'byProcedure', 'domain', 'month', 'procedure']);
  assert.match(dts, /severity: "skipped" \| "warning";/);
  assert.match(dts, /export function reportToCsv\(report: Report, table\?: ReportTable \| null\): string;/);
  assert.match(dts, /export function detectFileType\([^)]*\): FileType \| null;/);
});

test('identifier details carry the kind TypeScript narrows on', () => {
  const kinds = [
    tthc.checkCitizenId('040090012345'), tthc.checkTaxCode('0100233488'), tthc.checkTaxCode('040090012345'),
    tthc.checkPhone('0912345678'), tthc.checkIdentifier('healthInsurance', 'GD4404012345678'),
    tthc.checkIdentifier('vehiclePlate', '37A-123.45'),
  ].map((r) => r.info?.kind);
  assert.deepEqual(kinds, ['citizenId', 'taxCode', 'taxCode', 'phone', 'healthInsurance', 'vehiclePlate']);
  const info = tthc.checkCitizenId('040090012345', { today: '2026-12-06' }).info;
  assert.deepEqual(info, { kind: 'citizenId', provinceCode: '040', provinceName: 'Nghệ An', sex: 'male', century: 20,
    birthYearTwoDigits: 90, birthYear: 1990 });
  assert.match(dts, /export type IdInfo = \(\{ kind: "citizenId" \} & CitizenIdInfo\)/);
});

test('an absent value is null, never undefined: detectFileType, toLunar().leap', () => {
  assert.equal(tthc.detectFileType(new Uint8Array([1, 2, 3]), 'x.bin'), null);
  assert.equal(tthc.detectFileType(new TextEncoder().encode('%PDF-1.4\n'), 'a.pdf'), 'pdf');
  assert.equal(tthc.toLunar('2026-02-17').leap, false);
  assert.match(dts, /export interface LunarDate \{[\s\S]*?\n {4}leap: boolean;\n\}/);
});

// Each module's declarations and the typed app that uses them: the full module, and the light one where built.
const MODULES = [['pkg/tthc.d.ts', 'tests/ts/app.ts'], ['pkg/forms.d.ts', 'tests/ts/forms-app.ts']]
  .filter(([d]) => fs.existsSync(new URL(`../../${d}`, import.meta.url)));

test('hover docs are written for JavaScript readers: no Rust examples or paths', () => {
  for (const [file] of MODULES) {
    const text = read(file);
    for (const rust of ['```', 'unwrap()', 'use tthc', 'assert!', 'assert_eq!', '](super::', '](crate::', 'serde_json']) {
      const at = text.indexOf(rust);
      assert.ok(at < 0, `${file} holds "${rust}" at …${text.slice(at - 200, at + 80)}…`);
    }
  }
});

test('the typed apps call every export and every method of their module', () => {
  for (const [file, appFile] of MODULES) {
    const text = read(file);
    const app = read(appFile);
    const names = [...text.matchAll(/^export (?:declare )?(?:function|class) (\w+)/gm)].map((m) => m[1]);
    const methods = [...text.matchAll(/^ {4}(?!readonly )(\w+)\(/gm)].map((m) => m[1]).filter((n) => n !== 'constructor');
    assert.ok(names.length > 15 && methods.length > 15, `the declarations of ${file} were read`);
    for (const n of [...names, ...methods]) {
      assert.match(app, new RegExp(`\\b${n}\\b`), `${appFile} uses ${n} of ${file}`);
    }
  }
});
