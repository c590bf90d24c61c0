// Loads the tthc WebAssembly module once and tells the page which functions the build has.
// Contract functions (spec/js-api.md) are expected; extras are optional and the page degrades
// clearly (a message naming the missing function) when one is absent.

let loading = null;
let mod = null;

/** Loads and initialises pkg/tthc.js (relative to this file). Resolves to the module namespace. */
export function loadEngine() {
  if (!loading) {
    loading = (async () => {
      const m = await import('./pkg/tthc.js');
      await m.default(); // wasm-bindgen initialiser: fetches pkg/tthc_bg.wasm
      mod = m;
      return m;
    })();
  }
  return loading;
}

/** The loaded module (null before loadEngine() resolves). */
export const engine = () => mod;

/** Whether the loaded build exports `name` (a function or class). */
export const has = (name) => !!mod && typeof mod[name] === 'function';

/** The first of several candidate export names that exists (extras may be named slightly differently). */
export function pickFn(...names) {
  for (const n of names) if (has(n)) return mod[n];
  return null;
}

/** The message of a thrown value, in the current language when the error carries both. */
export function errorText(e, lang) {
  if (e && typeof e === 'object') {
    if (lang === 'en' && typeof e.messageEn === 'string' && e.messageEn) return e.messageEn;
    if (typeof e.message === 'string') return e.message;
  }
  return String(e);
}

let calendar = null;
/** The default WorkCalendar (Nghệ An office hours, official days off), created once. */
export function defaultCalendar() {
  if (!calendar) calendar = new mod.WorkCalendar();
  return calendar;
}
