// A CPU profile of the forms benchmark in headless Chromium (the numbers that count: Node 20's V8 writes to a typed
// array over wasm memory 5× slower than Chromium 156's, so a Node profile overstates the JS packing).
//   node bench/profile-forms.mjs PKG_DIR OUT_DIR     (PKG_DIR: a build with names, e.g. wasm-opt -g; see BENCHMARKS.md)
// Writes OUT_DIR/chromium.cpuprofile (open it in Chrome DevTools, Performance → Load profile).
import fs from 'node:fs';
import { startServer } from './server.mjs';
import { formSpec } from './forms-spec.mjs';
const { chromium } = await import('playwright-core');
const { server, url } = await startServer({ pkg: process.argv[2] });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
const page = await browser.newPage();
await page.goto(url + 'bench/page/index.html');
await page.waitForFunction(() => document.title === 'ready');
const spec = formSpec();
console.log('warm', await page.evaluate(([s]) => globalThis.bench.forms('tthc', s, 20000), [spec]));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 }); await cdp.send('Profiler.start');
console.log('prof', await page.evaluate(([s]) => globalThis.bench.forms('tthc', s, 100000), [spec]));
const { profile } = await cdp.send('Profiler.stop');
fs.mkdirSync(process.argv[3], { recursive: true });
fs.writeFileSync(process.argv[3] + '/chromium.cpuprofile', JSON.stringify(profile));
await browser.close(); server.close();
