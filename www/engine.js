// Loads the tthc WebAssembly module once. The page ships with its own build of the module, so
// every function it calls is there.

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
