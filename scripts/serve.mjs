// Static server for the tthc page, loopback only, with the strict Content-Security-Policy the portal uses.
//   /          → www/
//   /pkg/      → pkg/     (wasm-pack output)
//   /assets/   → assets/  (on-demand data: form samples, pre-2025 units, ward conversion)
// Usage: node scripts/serve.mjs [--port N]   (default 8080, or the next free port; the URL is printed)
// Also importable: `const { server, url } = await startServer({ port: 0 })` (used by the end-to-end tests).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MOUNTS = [
  ['/pkg/', path.join(ROOT, 'pkg')],
  ['/assets/', path.join(ROOT, 'assets')],
  ['/', path.join(ROOT, 'www')],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.ts': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream', '.gz': 'application/gzip', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const CSP = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' data: blob:",
  "connect-src 'self'", "worker-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'",
  "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

function resolve(urlPath) {
  let p;
  try { p = decodeURIComponent(urlPath.split('?')[0]); } catch { return null; }
  for (const [prefix, dir] of MOUNTS) {
    if (p.startsWith(prefix)) {
      let file = path.join(dir, p.slice(prefix.length));
      if (!file.startsWith(dir)) return null; // no escaping the mount
      if (p.endsWith('/')) file = path.join(file, 'index.html');
      return file;
    }
  }
  return null;
}

function handler(req, res) {
  const file = resolve(req.url || '/');
  const headers = {
    'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache', 'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, headers); res.end(); return; }
  if (!file) { res.writeHead(400, headers); res.end('bad path'); return; }
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) { res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }); res.end('not found'); return; }
    headers['Content-Type'] = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    headers['Content-Length'] = st.size;
    if (file.endsWith('sw.js')) headers['Service-Worker-Allowed'] = '/';
    res.writeHead(200, headers);
    if (req.method === 'HEAD') { res.end(); return; }
    fs.createReadStream(file).pipe(res);
  });
}

export function startServer({ port = 8080, tries = 20 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const server = http.createServer(handler);
    let p = port;
    server.on('error', (e) => {
      if (e.code === 'EADDRINUSE' && port !== 0 && --tries > 0) { p += 1; server.listen(p, '127.0.0.1'); } else reject(e);
    });
    server.on('listening', () => {
      const { port: actual } = server.address();
      resolvePromise({ server, url: `http://127.0.0.1:${actual}/` });
    });
    server.listen(p, '127.0.0.1');
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT || 8080);
  const { url } = await startServer({ port });
  console.log(`tthc: serving the page on ${url}  (Ctrl+C to stop)`);
}
