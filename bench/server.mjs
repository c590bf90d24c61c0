// Static server of the benchmark page, loopback only (no CSP: peers such as DuckDB-Wasm need workers and eval-free
// blob-less loading only, but the bench page is not the portal page; the portal's CSP is tested by e2e/).
//   /pkg/    → the tthc package (pkg/ at the top, or another directory: startServer({ pkg }))
//   /bench/  → bench/ (page, peer bundles in bench/dist/, node_modules for DuckDB's worker and wasm)
//   /data/   → bench/data/ (generated exports)
//   /www/    → the page's www/ (its statistics worker), with /www/pkg/ → the same tthc package as /pkg/
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8', '.xlsx': 'application/octet-stream', '.map': 'application/json',
};

export function startServer({ pkg = path.join(ROOT, 'pkg'), port = 0, extra = [] } = {}) {
  // `extra`: more [prefix, directory] mounts (the paired A/B in Chromium serves two packages).
  const mounts = [...extra, ['/pkg/', pkg], ['/www/pkg/', pkg], ['/www/', path.join(ROOT, 'www')], ['/bench/', BENCH], ['/data/', path.join(BENCH, 'data')]];
  const server = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent((req.url || '/').split('?')[0]); } catch { res.writeHead(400); res.end(); return; }
    let file = null;
    for (const [prefix, dir] of mounts) {
      if (p.startsWith(prefix)) {
        const f = path.join(dir, p.slice(prefix.length));
        if (f.startsWith(dir)) file = f;
        break;
      }
    }
    if (!file) { res.writeHead(404); res.end('not found'); return; }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st.size, 'Cache-Control': 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}
