// Service worker: keeps the page, the wasm module and the sample data so that a reload works
// without network. Network-first for this origin (development always sees fresh files), cache
// as the fallback; other origins are never touched (the page makes no such request).
const VERSION = 'tthc-page-v4';
// Only the wasm build this browser runs (the glue's own test for SIMD): a phone keeps one module, not two.
const SIMD = typeof WebAssembly === 'object'
  && WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11]));
const WASM = SIMD ? './pkg/tthc_bg_simd.wasm' : './pkg/tthc_bg.wasm';
const CORE = [
  './', './index.html', './style.css', './app.js', './i18n.js', './dom.js', './fmt.js', './engine.js',
  './catalog.js', './due.js', './calendar-view.js', './submit.js', './combobox.js', './stats.js', './stats-worker.js', './split.js', './charts.js',
  './periods.js', './d766.js',
  './favicon.svg', './manifest.webmanifest', './forms.json', './pkg/tthc.js', './pkg/tthc_glue.js',
];
const FORMS = './assets/forms/';

async function precache() {
  const cache = await caches.open(VERSION);
  await Promise.all([...CORE, WASM].map((u) => cache.add(u).catch(() => undefined)));
  // The JS snippets the glue imports (wasm-bindgen names them by a hash: read them from tthc_glue.js).
  try {
    const glue = await (await fetch('./pkg/tthc_glue.js')).text();
    const snippets = new Set([...glue.matchAll(/from\s+['"]\.\/(snippets\/[^'"]+\.js)['"]/g)].map((m) => `./pkg/${m[1]}`));
    await Promise.all([...snippets].map((u) => cache.add(u).catch(() => undefined)));
  } catch { /* offline at install: cached on first use instead */ }
  // The sample forms listed in forms.json.
  try {
    const r = await fetch('./forms.json');
    if (r.ok) {
      await cache.put('./forms.json', r.clone());
      const idx = await r.json();
      const list = Array.isArray(idx) ? idx : (idx.forms ?? []);
      await Promise.all(list.map((id) => cache.add(`${FORMS}${String(id).replace(/\.json$/, '')}.json`).catch(() => undefined)));
    }
  } catch { /* no sample forms */ }
}
self.addEventListener('install', (e) => {
  e.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    for (const k of await caches.keys()) if (k !== VERSION) await caches.delete(k);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  e.respondWith((async () => {
    const cache = await caches.open(VERSION);
    try {
      const res = await fetch(req);
      if (res.ok && res.type === 'basic') cache.put(req, res.clone()).catch(() => undefined);
      return res;
    } catch (err) {
      const hit = await cache.match(req, { ignoreSearch: true })
        ?? (req.mode === 'navigate' ? await cache.match('./index.html') : undefined);
      if (hit) return hit;
      throw err;
    }
  })());
});
