// Paired A/B of two builds of tthc: each round times A and B back to back (the order flips every round) and keeps the
// ratio A/B of that pair, so the machine's slow drifts (its speed moves up to 2× on a shared box) cancel; prints the
// medians and the median of the paired ratios (> 1: B is faster).
//
//   node bench/ab-paired.mjs --a DIR|FILE.wasm --b DIR|FILE.wasm [--suite stats|xlsx|forms|forms-chromium] [options]
//
//   --suite stats           analyze() of a generated CSV export in Node (default); --rows N (default 200000)
//   --suite xlsx            analyze() of an XLSX file in Node; --xlsx FILE (e.g. node bench/gen-export.mjs --format xlsx)
//   --suite forms           FormValidator.validate of the 25-field form (bench/forms-spec.mjs) in Node, 5000 per timing
//   --suite forms-chromium  the same form in headless Chromium (where the forms target is measured), both builds in one
//                           page, 2000 per timing; --strict fails when A and B disagree on how many forms are valid
//   --rounds N              pairs (default 30; forms-chromium 40)
//
// A directory means its tthc_bg.wasm; a .wasm file (pkg/tthc_bg_simd.wasm) is loaded with the glue beside it. The
// build loaded second can be favoured (forms: up to 15 %), so run both orders (--a X --b Y, then --a Y --b X) and
// compare the two ratios. Older spellings: --forms (= --suite forms), --xlsx FILE alone (= --suite xlsx).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toCsv } from './gen-export.mjs';
import { formSpec } from './forms-spec.mjs';

const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
if (argv.includes('--help') || argv.includes('-h')) {
  const text = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n');
  console.log(text.slice(0, text.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const suite = opt('suite', argv.includes('--forms') ? 'forms' : opt('xlsx') ? 'xlsx' : 'stats');
const SUITES = ['stats', 'xlsx', 'forms', 'forms-chromium'];
if (!SUITES.includes(suite)) {
  console.error(`unknown --suite ${suite} (one of ${SUITES.join(', ')})`);
  process.exit(2);
}
if (suite === 'xlsx' && !opt('xlsx')) {
  console.error('--suite xlsx needs --xlsx FILE');
  process.exit(2);
}
const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];

/** The package in `dir` (tthc.js + tthc_bg.wasm), instantiated synchronously; `dir` may also name one of the package's
 * modules (pkg/tthc_bg_simd.wasm), which gets its own copy of the package (the entry and the glue it imports are
 * module records of their own only under another URL). */
async function loadPkg(dir) {
  const wasm = dir.endsWith('.wasm') ? path.resolve(dir) : path.join(path.resolve(dir), 'tthc_bg.wasm');
  let base = path.dirname(wasm);
  if (dir.endsWith('.wasm')) {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'tthc-pkg-'));
    fs.cpSync(base, copy, { recursive: true });
    base = copy;
  }
  const m = await import(pathToFileURL(path.join(base, 'tthc.js')).href);
  m.initSync({ module: fs.readFileSync(wasm) });
  return m;
}

async function inNode() {
  const A = await loadPkg(opt('a', 'pkg')), B = await loadPkg(opt('b', 'pkg'));
  const period = { period: { from: '2026-01-01', to: '2026-01-31' } };
  const forms = suite === 'forms';
  const input = forms ? new Uint8Array(0)
    : suite === 'xlsx' ? new Uint8Array(fs.readFileSync(opt('xlsx')))
    : new TextEncoder().encode(toCsv(Number(opt('rows', 200000)), 42));
  const spec = forms ? formSpec() : null;
  const validators = new Map();
  const validate = (m) => {
    if (!validators.has(m)) validators.set(m, new m.FormValidator(spec.tthcSchema));
    const v = validators.get(m);
    for (let i = 0; i < 5000; i++) v.validate(spec.samples[i % spec.samples.length], { today: '2026-03-02' });
  };
  const time = (m) => { const t = performance.now(); if (forms) validate(m); else m.analyze(input, period); return performance.now() - t; };
  time(A); time(B);
  const ratios = [], ta = [], tb = [];
  for (let i = 0; i < Number(opt('rounds', 30)); i++) {
    let a, b;
    if (i % 2) { a = time(A); b = time(B); } else { b = time(B); a = time(A); }
    ta.push(a); tb.push(b); ratios.push(a / b);
  }
  const mib = input.length / 1048576;
  const rate = (t) => (forms ? `${(t * 1000 / 5000).toFixed(1)} µs per form` : `${(mib / t * 1000).toFixed(1)} MiB/s`);
  console.log(`${suite}: A median ${rate(med(ta))}, B median ${rate(med(tb))}; ` +
    `speed-up B over A, median of paired ratios: ${med(ratios).toFixed(3)} (${ratios.length} pairs)`);
}

async function inChromium() {
  const { chromium } = await import('playwright-core');
  const { startServer } = await import('./server.mjs');
  const side = (k) => {
    const p = path.resolve(opt(k, 'pkg'));
    return p.endsWith('.wasm') ? { dir: path.dirname(p), file: path.basename(p) } : { dir: p, file: 'tthc_bg.wasm' };
  };
  const A = side('a'), B = side('b');
  const { server, url } = await startServer({ extra: [['/ab-a/', A.dir], ['/ab-b/', B.dir]] });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  let out;
  try {
    const page = await browser.newPage();
    await page.goto(url + 'bench/page/index.html');
    await page.waitForFunction(() => document.title === 'ready');
    out = await page.evaluate(async ([spec, a, b, rounds]) => {
      const load = async (prefix, file) => {
        const m = await import(`/${prefix}/tthc.js?${file}`);
        const bytes = await (await fetch(`/${prefix}/${file}`)).arrayBuffer();
        await m.default({ module_or_path: bytes });
        return new m.FormValidator(spec.tthcSchema);
      };
      const va = await load('ab-a', a), vb = await load('ab-b', b);
      const s = spec.samples, opts = { today: '2026-03-02' };
      const time = (v) => {
        const t0 = performance.now();
        let ok = 0;
        for (let i = 0; i < 2000; i++) if (v.validate(s[i % s.length], opts).valid) ok++;
        return [(performance.now() - t0) * 1000 / 2000, ok];
      };
      for (let i = 0; i < 5; i++) { time(va); time(vb); }
      const ta = [], tb = [], r = [];
      let okA = 0, okB = 0;
      for (let i = 0; i < rounds; i++) {
        let x, y;
        if (i % 2) { x = time(va); y = time(vb); } else { y = time(vb); x = time(va); }
        ta.push(x[0]); tb.push(y[0]); r.push(x[0] / y[0]); okA = x[1]; okB = y[1];
      }
      const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
      return { a: med(ta), b: med(tb), ratio: med(r), okA, okB, rounds };
    }, [formSpec(), A.file, B.file, Number(opt('rounds', 40))]);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`forms-chromium: A median ${out.a.toFixed(2)} µs, B median ${out.b.toFixed(2)} µs per form (valid ${out.okA} / ${out.okB} of 2000); ` +
    `speed-up B over A, median of paired ratios: ${out.ratio.toFixed(3)} (${out.rounds} pairs)`);
  if (argv.includes('--strict') && out.okA !== out.okB) process.exit(1);
}

await (suite === 'forms-chromium' ? inChromium() : inNode());
