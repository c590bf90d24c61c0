// The package as a Node.js project installs it: `npm pack` of pkg/, installed into a fresh project, imported by name
// with no init call (the "node" export condition initialises it), the wasm files reachable as subpaths; and its light
// module for citizen pages, `tthc/forms`, the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PKG = new URL('../../pkg/', import.meta.url);

test('npm pack + npm install: import "tthc" works in Node with no init, and errors are TthcError', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tthc-pack-'));
  const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: PKG, encoding: 'utf8' }).trim();
  const tarball = path.join(dir, out.split('\n').pop());
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app, stdio: 'pipe' });
  const files = fs.readdirSync(path.join(app, 'node_modules', 'tthc')).sort();
  for (const f of ['tthc.js', 'tthc-node.js', 'tthc_glue.js', 'tthc_bg.wasm', 'tthc_bg_simd.wasm', 'tthc.d.ts', 'snippets',
    'forms.js', 'forms-node.js', 'tthc_forms_glue.js', 'tthc_forms_bg.wasm', 'tthc_forms_bg_simd.wasm', 'forms.d.ts']) {
    assert.ok(files.includes(f), `${f} is published (got ${files.join(', ')})`);
  }
  fs.writeFileSync(path.join(app, 'main.js'), `
    import { checkPhone, WorkCalendar, TthcError } from 'tthc';
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('tthc/tthc_bg_simd.wasm');
    let kind = null;
    try { checkPhone(5); } catch (e) { kind = e instanceof TthcError ? e.kind : 'other'; }
    console.log(JSON.stringify({
      phone: checkPhone('0912 345 678').normalized,
      due: new WorkCalendar().dueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' }).dueAt,
      kind, wasm: wasm.endsWith('tthc_bg_simd.wasm'),
    }));
  `);
  const r = JSON.parse(execFileSync('node', ['main.js'], { cwd: app, encoding: 'utf8' }));
  assert.deepEqual(r, { phone: '0912345678', due: '2026-02-25T10:15:00+07:00', kind: 'argument', wasm: true });

  // tthc/forms: validates a form and computes a due date, with the full module's names and shapes, and has none of
  // the statistics.
  fs.writeFileSync(path.join(app, 'forms.js'), `
    import * as forms from 'tthc/forms';
    import * as full from 'tthc';
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const schema = { fields: [
      { name: 'fullName', type: 'name', label: 'Họ và tên', required: true },
      { name: 'citizenId', type: 'citizenId', label: 'Số định danh cá nhân', required: true },
      { name: 'phone', type: 'phone', label: 'Số điện thoại' },
    ] };
    const values = { fullName: 'nguyễn văn  an', citizenId: '0123', phone: '0912 345 678' };
    const v = new forms.FormValidator(schema);
    const r = v.validate(values, { today: '2026-03-02' });
    const request = { receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' };
    let kind = null;
    try { forms.checkPhone(5); } catch (e) { kind = e instanceof forms.TthcError ? e.kind : 'other'; }
    console.log(JSON.stringify({
      result: r,
      same: JSON.stringify(r) === JSON.stringify(new full.FormValidator(schema).validate(values, { today: '2026-03-02' })),
      field: v.validateField('citizenId', values, { today: '2026-03-02', locale: 'en' }).map((i) => i.code),
      due: new forms.WorkCalendar().dueDate(request).dueAt,
      kind,
      exports: Object.keys(forms).sort(),
      fullExports: Object.keys(full).sort(),
      wasm: require.resolve('tthc/tthc_forms_bg_simd.wasm').endsWith('tthc_forms_bg_simd.wasm')
        && require.resolve('tthc/tthc_forms_bg.wasm').endsWith('tthc_forms_bg.wasm'),
    }));
  `);
  const f = JSON.parse(execFileSync('node', ['forms.js'], { cwd: app, encoding: 'utf8' }));
  assert.equal(f.result.valid, false);
  assert.deepEqual(f.result.errors.map((e) => [e.field, e.severity]), [['citizenId', 'error']]);
  assert.equal(f.result.values.fullName, 'nguyễn văn an', 'spaces normalised');
  assert.equal(f.result.values.phone, '0912345678');
  assert.ok(f.same, 'the light module validates as the full one does');
  assert.ok(f.field.length > 0);
  assert.equal(f.due, '2026-02-25T10:15:00+07:00');
  assert.equal(f.kind, 'argument');
  assert.ok(f.wasm);
  for (const name of ['analyze', 'DossierAnalyzer', 'reportToCsv', 'reportToXlsx', 'formatNumberVi', 'formatPercentVi']) {
    assert.ok(f.fullExports.includes(name), `the full module has ${name}`);
    assert.ok(!f.exports.includes(name), `tthc/forms has no ${name}`);
  }
  for (const name of ['FormValidator', 'validateForm', 'checkCitizenId', 'checkTaxCode', 'checkPhone', 'checkIdentifier',
    'provinces', 'communes', 'WorkCalendar', 'toLunar', 'procedureCatalog', 'TthcError']) {
    assert.ok(f.exports.includes(name), `tthc/forms exports ${name}`);
  }
  // Every name of the light module is a name of the full one.
  assert.deepEqual(f.exports.filter((n) => !f.fullExports.includes(n)), []);
  // The light module's wasm has no statistics code, and its declarations none of its types.
  const dts = fs.readFileSync(path.join(app, 'node_modules', 'tthc', 'forms.d.ts'), 'utf8');
  for (const name of ['DossierAnalyzer', 'analyze(', 'AnalyzeOptions', 'Report']) assert.ok(!dts.includes(name), name);
  const wasm = fs.readFileSync(path.join(app, 'node_modules', 'tthc', 'tthc_forms_bg.wasm'));
  const exported = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
  assert.ok(exported.some((n) => n.startsWith('formvalidator_')));
  assert.ok(!exported.some((n) => /analy[sz]|dossier|report/i.test(n)), exported.join(' '));
  fs.rmSync(dir, { recursive: true, force: true });
});
