import fs from 'node:fs';
// Which call grows wasm memory? 200 iterations of one kind of call, memory printed every 40.
//   node bench/leak-probe.mjs pkg analyze|stream|garbage|validate|ids|badschema [free]
import path from 'node:path';
const pkg = path.resolve(process.argv[2] || 'pkg');
const t = await import('file://' + pkg + '/tthc.js');
const w = t.initSync({ module: fs.readFileSync(pkg + '/tthc_bg.wasm') });
const mem = () => (w.memory.buffer.byteLength / 1048576).toFixed(2);
const { toCsv } = await import('./gen-export.mjs');
const { formSpec } = await import('./forms-spec.mjs');
const csv = new TextEncoder().encode(toCsv(2000, 11, { bad: 0.01 }));
const period = { from: '2026-01-01', to: '2026-01-31' };
const what = process.argv[3];
const spec = formSpec(); const v = new t.FormValidator(spec.tthcSchema);
const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 255);
const line = [];
for (let i = 0; i < 200; i++) {
  if (what === 'analyze') t.analyze(csv, { period });
  else if (what === 'stream') { const a = new t.DossierAnalyzer({ period }); for (let o = 0; o < csv.length; o += 65536) a.push(csv.subarray(o, o + 65536)); a.finish(); if (process.argv[4]) a.free(); }
  else if (what === 'garbage') { try { t.analyze(garbage, { period }); } catch {} }
  else if (what === 'validate') { for (let k = 0; k < 1000; k++) v.validate(spec.samples[k % 64], { today: '2026-03-02' }); }
  else if (what === 'ids') { for (let k = 0; k < 1000; k++) { const s = spec.samples[k % 64]; t.checkCitizenId(s.citizenId); t.checkPhone(s.phone); t.checkTaxCode(s.taxCode); } }
  else if (what === 'badschema') { for (let k = 0; k < 10; k++) try { t.validateForm({ fields: [{ name: 'x', type: 'nope' }] }, {}); } catch {} }
  if (i % 40 === 0 || i === 199) line.push(mem());
}
console.log(what, line.join(' → '));
