// Paired A/B of FormValidator.validate in headless Chromium (where the forms target is measured): two packages in one
// page, each round validates 2000 forms with A and with B back to back (order flipping) and keeps the ratio A/B of the
// pair, so the machine's slow drifts (up to 2x) cancel; prints the median ratio (> 1: B is faster).
//   node bench/ab-forms-chromium.mjs --a DIR|FILE.wasm --b DIR|FILE.wasm [--rounds 40]
// A directory means its tthc_bg.wasm; a .wasm file is loaded with the glue beside it. Run both orders (--a X --b Y,
// then --a Y --b X): the package loaded second may be favoured.
import path from 'node:path';
import { argv, opt } from './node-pkg.mjs';
import { startServer } from './server.mjs';
import { formSpec } from './forms-spec.mjs';

const { chromium } = await import('playwright-core');
const side = (k) => {
  const p = path.resolve(opt(k, 'pkg'));
  return p.endsWith('.wasm') ? { dir: path.dirname(p), file: path.basename(p) } : { dir: p, file: 'tthc_bg.wasm' };
};
const A = side('a'), B = side('b');
const { server, url } = await startServer({ extra: [['/ab-a/', A.dir], ['/ab-b/', B.dir]] });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(url + 'bench/page/index.html');
await page.waitForFunction(() => document.title === 'ready');
const out = await page.evaluate(async ([spec, a, b, rounds]) => {
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
  return { a: med(ta), b: med(tb), ratio: med(r), okA, okB };
}, [formSpec(), A.file, B.file, Number(opt('rounds', 40))]);
console.log(`A median ${out.a.toFixed(2)} µs, B median ${out.b.toFixed(2)} µs per form (valid ${out.okA} / ${out.okB} of 2000); ` +
  `speed-up B over A, median of paired ratios: ${out.ratio.toFixed(3)}`);
await browser.close();
server.close();
if (argv.includes('--strict') && out.okA !== out.okB) process.exit(1);
