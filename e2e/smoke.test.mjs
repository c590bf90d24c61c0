// Foundation smoke test: the page loads the module with no console error and makes no request outside 127.0.0.1.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let browser, srv;
before(async () => {
  srv = await startServer({ port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});
after(async () => { await browser?.close(); srv?.server.close(); });

test('the page loads the module, no console error, no request leaves 127.0.0.1', async () => {
  const page = await browser.newPage();
  const errors = [];
  const outside = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { const u = new URL(r.url()); if (u.hostname !== '127.0.0.1' && u.protocol !== 'data:' && u.protocol !== 'blob:') outside.push(r.url()); });
  await page.goto(srv.url);
  await page.waitForFunction(() => document.documentElement.dataset.tthcReady === '1', null, { timeout: 30000 });
  const version = await page.evaluate(() => document.documentElement.dataset.tthcVersion);
  assert.match(version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await page.close();
});

// The page gets the wasm SIMD build where the browser has SIMD, and still works on a browser without it (simulated:
// WebAssembly.validate refuses the glue's SIMD probe, as Safari before 16.4 would): then it loads tthc_bg.wasm.
for (const simd of [true, false]) {
  test(`the page loads ${simd ? 'the SIMD module' : 'the plain module when SIMD is missing'} and reads an export`, async () => {
    const page = await browser.newPage();
    const wasm = [];
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.split('/').pop()); });
    if (!simd) {
      await page.addInitScript(() => {
        const validate = WebAssembly.validate;
        // The probe is the only module of 29 bytes the page validates; any SIMD opcode (0xFD) there means "no".
        WebAssembly.validate = (b) => (b.length === 29 && [...new Uint8Array(b)].includes(0xfd) ? false : validate(b));
      });
    }
    await page.goto(srv.url);
    await page.waitForFunction(() => document.documentElement.dataset.tthcReady === '1', null, { timeout: 30000 });
    // The statistics run in a worker that loads the module the same way; analyse a small export there and here.
    const received = await page.evaluate(async () => {
      const m = await import('./pkg/tthc.js');
      const csv = 'Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả\n'
        + 'A1,"Sở Tư pháp, Nghệ An",14/08/2021 09:00,20/08/2021,18/08/2021 10:00\n'
        + 'A2,Sở Tư pháp,16/08/2021 09:00,20/08/2021,\n';
      return m.analyze(new TextEncoder().encode(csv), { period: { from: '2021-08-15', to: '2021-09-15' } }).received.total;
    });
    assert.equal(received, 2);
    assert.deepEqual(errors, []);
    assert.ok(wasm.length > 0, 'a module was fetched');
    assert.deepEqual([...new Set(wasm)], [simd ? 'tthc_bg_simd.wasm' : 'tthc_bg.wasm']);
    await page.close();
  });
}
