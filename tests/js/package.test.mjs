// The package as a Node.js project installs it: `npm pack` of pkg/, installed into a fresh project, imported by name
// with no init call (the "node" export condition initialises it), the wasm files reachable as subpaths.
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
  for (const f of ['tthc.js', 'tthc-node.js', 'tthc_glue.js', 'tthc_bg.wasm', 'tthc_bg_simd.wasm', 'tthc.d.ts', 'snippets']) {
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
  fs.rmSync(dir, { recursive: true, force: true });
});
