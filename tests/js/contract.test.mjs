// The JavaScript contract, checked on the built package in Node (initSync with the module bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as tthc from '../../pkg/tthc.js';

tthc.initSync({ module: fs.readFileSync(new URL('../../pkg/tthc_bg.wasm', import.meta.url)) });

test('package files exist', () => {
  for (const f of ['tthc.js', 'tthc_bg.wasm', 'tthc.d.ts', 'package.json']) {
    assert.ok(fs.existsSync(new URL(`../../pkg/${f}`, import.meta.url)), f);
  }
});

test('errors are JS Errors with a message, and the instance keeps working', () => {
  assert.throws(() => tthc.normalizeDateTime('2026-13-01T00:00'), (e) => e instanceof Error && /2026-13-01/.test(e.message) && e.kind === 'date');
  assert.equal(tthc.normalizeDateTime('2026-06-01T01:30:00Z'), '2026-06-01T08:30:00+07:00');
});
