// The package as a front-end developer bundles it: `npm pack` of pkg/, installed into small apps built by Vite (build
// and dev server), webpack 5, Rollup (+ @web/rollup-plugin-import-meta-assets) and esbuild (+ the wasm files copied,
// as docs/package.md says), each calling plain `init()` with no configuration about wasm, in the page and, where the
// bundler builds Workers, in a module Worker. Each app is opened in headless Chromium behind a static server that
// sends the portal's strict Content-Security-Policy and answers 404 for a missing file; the results must be right and
// the console free of errors (a CSP violation is one). Every entry of the package's `exports` map is tested (`.`, the
// full module, and `./forms`, the light one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build as viteBuild, createServer as viteServer } from 'vite';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = path.join(ROOT, 'pkg');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// What every app computes, in the page and in a Worker (the contract's worked example for the due date).
const EXPECTED = { citizenId: ['040090012345', 'Nghệ An', 'male'], dueAt: '2026-02-25T10:15:00+07:00' };
// The full module also reads a three-row CSV export: 3 received in January, 2 resolved (1 early, 1 late), 1 pending.
const EXPECTED_FULL = { ...EXPECTED, analyzed: [3, 1, 1, 1] };
const CSV = 'Mã hồ sơ,Cơ quan,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc xử lý\\n'
  + 'H1,UBND,05/01/2026,10/01/2026,08/01/2026\\n'
  + 'H2,UBND,06/01/2026,09/01/2026,12/01/2026\\n'
  + 'H3,UBND,07/01/2026,20/02/2026,\\n';

let dir; // the apps' project: package.json, node_modules/tthc from the tarball, one folder per app
let entries; // [{ key: '.', spec: 'tthc', full: true }, …] from the installed package's exports map
let browser;
let wasmNames; // SHA-256 of each installed wasm file → its name (bundlers rename what they emit)
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tthc-bundlers-'));
  const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: PKG, encoding: 'utf8' }).trim();
  const tarball = path.join(dir, out.split('\n').pop());
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'apps', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir, stdio: 'pipe' });
  const exports = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/tthc/package.json'), 'utf8')).exports;
  entries = Object.keys(exports).filter((k) => k !== './package.json' && !k.endsWith('.wasm'))
    .map((key) => ({ key, spec: key === '.' ? 'tthc' : `tthc/${key.slice(2)}`, full: key === '.' }));
  const installed = path.join(dir, 'node_modules/tthc');
  wasmNames = new Map(fs.readdirSync(installed, { recursive: true }).map(String).filter((f) => f.endsWith('.wasm'))
    .map((f) => [sha(fs.readFileSync(path.join(installed, f))), f]));
  // The light module built into pkg/ must be reachable through the exports map, so that it is tested here too.
  const light = fs.readdirSync(PKG).filter((f) => /^forms.*\.js$|^tthc_forms.*\.wasm$/.test(f));
  if (light.length > 0) assert.ok(exports['./forms'], `pkg/ has ${light.join(', ')} but exports has no "./forms"`);
});

before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes an app's sources into `app`/`src`: the calls, a page entry and, with `worker`, a module Worker. */
function writeApp(app, entry, { worker, src = '.' }) {
  const at = path.join(app, src);
  fs.mkdirSync(at, { recursive: true });
  const names = ['checkCitizenId', 'WorkCalendar', ...(entry.full ? ['analyze'] : [])];
  fs.writeFileSync(path.join(at, 'calls.js'), `
import init, { ${names.join(', ')} } from '${entry.spec}';
export async function run() {
  await init();
  const id = checkCitizenId('040 090 012 345', { today: '2026-12-06' });
  const out = {
    citizenId: [id.normalized, id.info && id.info.provinceName, id.info && id.info.sex],
    dueAt: new WorkCalendar().dueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' }).dueAt,
  };
  ${entry.full ? `const r = analyze(new TextEncoder().encode('${CSV}'), { period: { from: '2026-01-01', to: '2026-01-31' } });
  out.analyzed = [r.received.total, r.resolved.early, r.resolved.late, r.pending.total];` : ''}
  return out;
}
`);
  fs.writeFileSync(path.join(at, 'main.js'), `
import { run } from './calls.js';
const show = (key, value) => { document.documentElement.dataset[key] = JSON.stringify(value); };
run().then((r) => show('page', r), (e) => show('page', { error: String(e && e.stack || e) }));
${worker ? `const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
w.onmessage = ({ data }) => show('worker', data);
w.onerror = (e) => show('worker', { error: 'worker: ' + e.message });` : ''}
`);
  if (worker) {
    fs.writeFileSync(path.join(at, 'worker.js'), `
import { run } from './calls.js';
run().then((r) => postMessage(r), (e) => postMessage({ error: String(e && e.stack || e) }));
`);
  }
}

const indexHtml = (script) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>tthc app</title>
<script type="module" src="${script}"></script></head><body></body></html>
`;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };

/** A static server of `root` on 127.0.0.1 with the strict CSP; a missing file is a 404 (no SPA fallback). */
function serve(root) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (p.endsWith('/')) p += 'index.html';
      const file = path.join(root, p);
      const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' };
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() }));
  });
}

/**
 * Opens `url` in a fresh context and waits for the app's results; fails on a console error (a CSP violation is one),
 * an uncaught exception, an HTTP error or a failed request. Returns the results and the wasm files fetched.
 */
async function open(url, { worker }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const wasm = [];
  // The browser's own request for /favicon.ico is not the app's (the servers would answer it 404).
  await context.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e}`));
  context.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  const bodies = [];
  context.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    else if (new URL(r.url()).pathname.endsWith('.wasm')) {
      bodies.push(r.body().then((b) => wasm.push(wasmNames.get(sha(b)) ?? `unknown: ${r.url()}`)));
    }
  });
  try {
    await page.goto(url);
    await page.waitForFunction((w) => document.documentElement.dataset.page && (!w || document.documentElement.dataset.worker),
      worker, { timeout: 60_000 }).catch((e) => problems.push(`no result: ${e.message.split('\n')[0]}`));
    const results = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    await Promise.all(bodies);
    return { problems, wasm, page: results.page && JSON.parse(results.page), worker: results.worker && JSON.parse(results.worker) };
  } finally {
    await context.close();
  }
}

/** Checks an app's run: no problem, the right answers in the page (and the Worker), the SIMD module fetched. */
function check(run, entry, { worker }) {
  assert.deepEqual(run.problems, [], 'no console error, exception or failed request');
  const expected = entry.full ? EXPECTED_FULL : EXPECTED;
  assert.deepEqual(run.page, expected, 'results in the page');
  if (worker) assert.deepEqual(run.worker, expected, 'results in the module Worker');
  assert.ok(run.wasm.length > 0 && run.wasm.every((f) => /simd/.test(f)),
    `Chromium fetched only the package's SIMD module (got ${run.wasm.join(', ')})`);
}

/** The wasm files a build emitted, by their names in the package: the plain and the SIMD module of one entry. */
function emittedWasm(dist) {
  const all = fs.readdirSync(dist, { recursive: true }).map(String).filter((f) => f.endsWith('.wasm'))
    .map((f) => wasmNames.get(sha(fs.readFileSync(path.join(dist, f)))) ?? `unknown: ${f}`);
  assert.equal(all.length, 2, `two wasm files emitted (got ${all.join(', ')})`);
  assert.equal(all.filter((f) => /simd/.test(f)).length, 1, `one SIMD wasm emitted (got ${all.join(', ')})`);
  assert.ok(!all.some((f) => f.startsWith('unknown')), `the package's wasm files emitted as they are (got ${all.join(', ')})`);
  return all;
}

/** A logger for Vite that keeps its warnings and errors (it has none to say about a correct package). */
function viteLogger(said) {
  const keep = (level) => (msg) => said.push(`${level}: ${msg}`);
  return {
    info() {}, warn: keep('warn'), warnOnce: keep('warn'), error: keep('error'), clearScreen() {},
    hasErrorLogged: () => false, hasWarned: false,
  };
}

// The apps, one test per bundler and package entry.
const APPS = [
  ['Vite build (page + module Worker)', async (app, entry) => {
    writeApp(app, entry, { worker: true });
    fs.writeFileSync(path.join(app, 'index.html'), indexHtml('./main.js'));
    const said = [];
    await viteBuild({ root: app, configFile: false, logLevel: 'warn', customLogger: viteLogger(said), build: { outDir: 'dist' } });
    assert.deepEqual(said, [], 'Vite says nothing');
    emittedWasm(path.join(app, 'dist'));
    return { root: path.join(app, 'dist'), worker: true };
  }],
  ['Vite dev server (page + module Worker)', async (app, entry) => {
    writeApp(app, entry, { worker: true });
    fs.writeFileSync(path.join(app, 'index.html'), indexHtml('./main.js'));
    const said = [];
    // The CSP header is what the portal's server would send; the rest is Vite's default.
    const server = await viteServer({
      root: app, configFile: false, customLogger: viteLogger(said),
      server: { host: '127.0.0.1', port: 0, headers: { 'Content-Security-Policy': CSP } },
    });
    await server.listen();
    return { url: server.resolvedUrls.local[0], worker: true, close: () => server.close(), said };
  }],
  ['webpack 5 (page + module Worker)', async (app, entry) => {
    // No configuration file: webpack-cli's defaults (src/index.js → dist/main.js).
    writeApp(app, entry, { worker: true, src: 'src' });
    fs.renameSync(path.join(app, 'src/main.js'), path.join(app, 'src/index.js'));
    let out;
    try {
      out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'],
        { cwd: app, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      assert.fail(`webpack failed:\n${e.stdout}\n${e.stderr}`);
    }
    // Its only warnings are the size hints (the wasm files are over its 244 KiB "recommended" limit).
    const warnings = out.split('\n').filter((l) => /^WARNING/.test(l) && !/size limit/.test(l));
    assert.deepEqual(warnings, [], `webpack warns of nothing but sizes:\n${out}`);
    emittedWasm(path.join(app, 'dist'));
    fs.writeFileSync(path.join(app, 'dist/index.html'), indexHtml('./main.js'));
    return { root: path.join(app, 'dist'), worker: true };
  }],
  ['Rollup + @web/rollup-plugin-import-meta-assets (page)', async (app, entry) => {
    writeApp(app, entry, { worker: false });
    const said = [];
    const bundle = await rollup({
      input: path.join(app, 'main.js'), plugins: [nodeResolve(), importMetaAssets()],
      onwarn: (w) => said.push(w.message),
    });
    await bundle.write({ dir: path.join(app, 'dist'), format: 'es' });
    await bundle.close();
    assert.deepEqual(said, [], 'Rollup warns of nothing');
    emittedWasm(path.join(app, 'dist'));
    fs.writeFileSync(path.join(app, 'dist/index.html'), indexHtml('./main.js'));
    return { root: path.join(app, 'dist'), worker: false };
  }],
  ['esbuild + the wasm files copied (page)', async (app, entry) => {
    writeApp(app, entry, { worker: false });
    const dist = path.join(app, 'dist');
    const r = await esbuild.build({
      entryPoints: [path.join(app, 'main.js')], bundle: true, format: 'esm', outdir: dist, logLevel: 'silent',
    });
    assert.deepEqual(r.warnings, [], 'esbuild warns of nothing');
    // esbuild leaves `new URL('….wasm', import.meta.url)` as it is: the files go next to the bundle (docs/package.md).
    // The files of the entry's glue: those its JavaScript names.
    const installed = path.join(dir, 'node_modules/tthc');
    const named = new Set(fs.readdirSync(dist).filter((f) => f.endsWith('.js'))
      .flatMap((f) => [...fs.readFileSync(path.join(dist, f), 'utf8').matchAll(/new URL\(["']([^"']+\.wasm)["']/g)].map((m) => m[1])));
    for (const f of named) fs.copyFileSync(path.join(installed, f), path.join(dist, f));
    emittedWasm(dist);
    fs.writeFileSync(path.join(dist, 'index.html'), indexHtml('./main.js'));
    return { root: dist, worker: false };
  }],
];

for (const [name, make] of APPS) {
  test(name, async (t) => {
    for (const entry of entries) {
      await t.test(entry.spec, async () => {
        const app = path.join(dir, `${name.split(' ')[0].toLowerCase()}-${name.includes('dev') ? 'dev-' : ''}${entry.full ? 'full' : entry.key.slice(2)}`);
        const made = await make(app, entry);
        const server = made.url ? null : await serve(made.root);
        try {
          const run = await open(made.url ?? server.url, made);
          check(run, entry, made);
          if (made.said) assert.deepEqual(made.said, [], 'the dev server says nothing');
        } finally {
          server?.close();
          await made.close?.();
        }
      });
    }
  });
}
