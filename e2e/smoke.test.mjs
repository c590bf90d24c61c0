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
