// The page: language switch, tabs (ARIA tab pattern, arrow keys), the module, the service worker.
import { applyI18n, setLang, lang, t } from './i18n.js';
import { loadEngine, engine, errorText } from './engine.js';
import { $, $$, h, replace } from './dom.js';

const TABS = [
  { id: 'submit', hash: '#nop-ho-so', load: () => import('./submit.js') },
  { id: 'due', hash: '#ngay-hen', load: () => import('./due.js') },
  { id: 'stats', hash: '#thong-ke', load: () => import('./stats.js') },
];
const mounted = new Map();
let ready = null;

function setStatus(text, kind = '') {
  const el = $('#status');
  el.textContent = text;
  el.className = `status ${kind}`;
  delete el.dataset.i18n;
}

async function show(id, { focus = false } = {}) {
  for (const tab of TABS) {
    const on = tab.id === id;
    const btn = $(`#tab-${tab.id}`);
    btn.setAttribute('aria-selected', String(on));
    btn.tabIndex = on ? 0 : -1;
    $(`#panel-${tab.id}`).hidden = !on;
  }
  const tab = TABS.find((x) => x.id === id);
  if (location.hash !== tab.hash) history.replaceState(null, '', tab.hash);
  if (focus) $(`#tab-${id}`).focus();
  if (!mounted.has(id)) {
    const panel = $(`#panel-${id}`);
    const p = (async () => {
      await ready;
      const m = await tab.load();
      await m.mount(panel);
      panel.dataset.ready = '1';
    })().catch((e) => {
      replace(panel, h('p', { class: 'error', role: 'alert', text: errorText(e, lang()) }));
    });
    mounted.set(id, p);
  }
  return mounted.get(id);
}

function initTabs() {
  const buttons = TABS.map((x) => $(`#tab-${x.id}`));
  buttons.forEach((btn, i) => {
    btn.addEventListener('click', () => show(TABS[i].id));
    btn.addEventListener('keydown', (e) => {
      let j = null;
      if (e.key === 'ArrowRight') j = (i + 1) % TABS.length;
      else if (e.key === 'ArrowLeft') j = (i + TABS.length - 1) % TABS.length;
      else if (e.key === 'Home') j = 0;
      else if (e.key === 'End') j = TABS.length - 1;
      if (j !== null) { e.preventDefault(); show(TABS[j].id, { focus: true }); }
    });
  });
  window.addEventListener('hashchange', () => {
    const tab = TABS.find((x) => x.hash === location.hash);
    if (tab) show(tab.id);
  });
}

function initLang() {
  $('#lang').addEventListener('click', () => setLang(lang() === 'vi' ? 'en' : 'vi'));
  applyI18n();
  document.addEventListener('langchange', () => {
    document.title = t('app.title');
    const m = engine();
    if (m) setStatus(t('app.ready'), 'ok');
  });
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js').catch(() => { /* offline use is a bonus, never an error */ });
}

initLang();
document.title = t('app.title');
initTabs();
ready = loadEngine().then((m) => {
  setStatus(t('app.ready'), 'ok'); // the version is for developers: data-tthc-version below
  document.body.dataset.engine = 'ready';
  // Readiness markers (also read by e2e/smoke.test.mjs).
  document.documentElement.dataset.tthcVersion = typeof m.version === 'function' ? m.version() : '';
  document.documentElement.dataset.tthcReady = '1';
}, (e) => {
  setStatus(t('app.loadFailed', { error: errorText(e, lang()) }), 'error');
  document.body.dataset.engine = 'failed';
  throw e;
});
const first = TABS.find((x) => x.hash === location.hash) || TABS[0];
show(first.id);
// After the engine is up: the service worker's first downloads would otherwise compete with the page's own.
ready.then(registerServiceWorker, registerServiceWorker);
// Tests and curious developers: which tabs are mounted.
window.tthcPage = { show, mounted: () => $$('[role=tabpanel]').filter((p) => p.childElementCount).map((p) => p.id) };
