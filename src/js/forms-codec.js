// The JavaScript half of the forms wire codec (the Rust half is src/js/forms_codec.rs). `FormValidator.validate` and
// `validateField` use it for the usual call — values that are strings, numbers, booleans, null or undefined, options
// `{ locale?, today? }` — so that a keystroke's validation crosses the boundary as two buffers in wasm memory instead
// of JSON text or one boundary call per value. Anything else answers "generic path" and wasm reads the values through
// `valuesJson` (JSON.stringify) with the same results.
//
// Wire format. Every record ends with a NUL.
// - In (`packForm` → wasm), UTF-8 at `ptr`: a header record, locale (`v`, `e`, or `-` for none) then today (`u` for
//   none, or `s` + text); then one record per field of the schema, in schema order: `s` + text, `d` + number, `t`,
//   `f`, `n` (null), `u` (absent or undefined). NaN, ±Infinity, a Symbol, a function or a BigInt go the generic way.
// - Out (wasm → `unpackResult` / `unpackIssues`), UTF-16 at `ptr`: the counts `errors,warnings`; then per issue four
//   records: field, code, message (each a shared string, see `sharedString`) and the suggestion (empty, or `s` + text);
//   then, for `unpackResult`, one record per field as above, or `=` (the input string unchanged) or `j` + JSON.
//
// Text is written and read by the small loops below: per call, TextEncoder's and TextDecoder's fixed cost is larger
// than a whole form's packing.

// The field names as the engine's own property keys (a name read back from an object literal), so that reading
// `values[name]` does not hash a fresh string on every call.
const propertyKey = (n) => Object.keys({ [n]: 0 })[0];

/**
 * What the codec keeps per schema: the field names, a template of the result's `values` (made by
 * Object.fromEntries, which keeps the object's properties in fast mode), the wasm memory, and the strings of issues
 * sent before. `null` (always the generic path) when a field is named `__proto__`, which an object literal cannot
 * hold as an own key.
 */
export function formCodec(names, memory) {
  if (names.includes('__proto__')) return null;
  names = names.map(propertyKey);
  return {
    names,
    index: new Set(names),
    template: Object.fromEntries(names.map((n) => [n, null])),
    memory,
    u8: null,
    u16: null,
    // The values `packForm` read, by field: a string that comes back unchanged is returned as read (the page's
    // getters are not called a second time).
    values: names.map(() => undefined),
    // The shared strings of issues, by id.
    shared: [],
  };
}

const LOCALE_NONE = 45; // -
const LOCALE_VI = 118; // v
const LOCALE_EN = 101; // e
const TAG_STRING = 115; // s
const TAG_NUMBER = 100; // d
const TAG_TRUE = 116; // t
const TAG_FALSE = 102; // f
const TAG_NULL = 110; // n
const TAG_UNDEFINED = 117; // u
const TAG_JSON = 106; // j
const TAG_UNCHANGED = 61; // =

/**
 * Writes the options and the values at `ptr` in wasm memory (at most `cap` bytes). Returns the bytes written, or,
 * when more than `cap` are needed, at least the number needed (nothing useful is written then); -1 for the generic
 * path: values or options of another shape, a key whose value JSON could not carry, a lone surrogate.
 */
export function packForm(c, values, options, ptr, cap) {
  if (c === null) return -1;
  let locale = LOCALE_NONE, today;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' || Array.isArray(options)) return -1;
    const l = options.locale;
    today = options.today;
    if (l === 'vi') locale = LOCALE_VI;
    else if (l === 'en') locale = LOCALE_EN;
    else if (l !== undefined) return -1;
    if (today !== undefined && typeof today !== 'string') return -1;
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values) || typeof values.toJSON === 'function') {
    return -1;
  }
  // Every value is read before a byte is written: a getter may call tthc, and a call that grows wasm memory leaves
  // a view taken before it writing into a detached buffer (the writes lost, the last call's bytes validated).
  const names = c.names, read = c.values;
  for (let i = 0; i < names.length; i++) read[i] = values[names[i]];
  let u = c.u8;
  if (u === null || u.buffer !== c.memory.buffer) u = c.u8 = new Uint8Array(c.memory.buffer);
  const end = ptr + cap;
  let p = ptr, extra = 0;
  // (The header is written outside the field loop, and the loop's `tag` and `text` keep one type each: the loop
  // stays fast.)
  const t = today === undefined ? '' : today;
  if (3 * t.length + 3 <= cap) {
    u[p++] = locale;
    u[p++] = today === undefined ? TAG_UNDEFINED : TAG_STRING;
    p = utf8(u, p, t);
    if (p < 0) return -1;
    u[p++] = 0;
  } else extra = 3 * t.length + 3;
  let found = 0;
  for (let i = 0; i < names.length; i++) {
    const v = read[i];
    let tag = 0, text = '';
    switch (typeof v) {
      case 'string': tag = TAG_STRING; text = v; found++; break;
      case 'undefined': tag = TAG_UNDEFINED; break;
      case 'number': if (!Number.isFinite(v)) return -1; tag = TAG_NUMBER; text = '' + v; found++; break;
      case 'boolean': tag = v ? TAG_TRUE : TAG_FALSE; found++; break;
      default:
        if (v !== null) return -1;
        tag = TAG_NULL; found++;
    }
    const n = 3 * text.length; // at most 3 bytes per UTF-16 unit
    if (extra === 0 && p + n + 2 <= end) {
      u[p++] = tag;
      p = utf8(u, p, text);
      if (p < 0) return -1;
      u[p++] = 0;
    } else extra += n + 2;
  }
  // JSON.stringify reads own enumerable keys only: the fields read above must be exactly those, and any other key
  // must hold a value JSON can carry (it is ignored either way).
  const keys = Object.keys(values);
  if (keys.length !== found) {
    let own = 0;
    for (const k of keys) {
      const v = values[k], type = typeof v;
      if (c.index.has(k)) { if (v !== undefined) own++; }
      else if (v !== null && type === 'object' || type === 'bigint' || type === 'symbol' || type === 'function') return -1;
    }
    if (own !== found) return -1;
  }
  return p - ptr + extra;
}

/** Writes `s` as UTF-8 at `p`; returns the position after it, or -1 for a lone surrogate. */
export function utf8(u, p, s) {
  for (let j = 0; j < s.length; j++) {
    const x = s.charCodeAt(j);
    if (x < 0x80) u[p++] = x;
    else if (x < 0x800) { u[p++] = 0xc0 | (x >> 6); u[p++] = 0x80 | (x & 63); }
    else if (x < 0xd800 || x > 0xdfff) { u[p++] = 0xe0 | (x >> 12); u[p++] = 0x80 | ((x >> 6) & 63); u[p++] = 0x80 | (x & 63); }
    else {
      const y = x < 0xdc00 ? s.charCodeAt(j + 1) : 0;
      if (!(y >= 0xdc00 && y <= 0xdfff)) return -1;
      const cp = 0x10000 + ((x - 0xd800) << 10) + (y - 0xdc00);
      u[p++] = 0xf0 | (cp >> 18); u[p++] = 0x80 | ((cp >> 12) & 63); u[p++] = 0x80 | ((cp >> 6) & 63); u[p++] = 0x80 | (cp & 63);
      j++;
    }
  }
  return p;
}

const utf16 = new TextDecoder('utf-16le');
function view16(c) {
  let u = c.u16;
  if (u === null || u.buffer !== c.memory.buffer) u = c.u16 = new Uint16Array(c.memory.buffer);
  return u;
}
// Short strings by String.fromCharCode over a plain array (TextDecoder's cost per call is larger than theirs).
const units = [];
function str(u, a, b) {
  if (b - a > 32) return utf16.decode(u.subarray(a, b));
  units.length = b - a;
  for (let i = a; i < b; i++) units[i - a] = u[i];
  return String.fromCharCode.apply(null, units);
}
// The NUL at or after `p` (never past `lim`, whatever is in memory).
function nul(u, p, lim) {
  while (p < lim && u[p] !== 0) p++;
  return p;
}
// A shared string of an issue (field, code, message) from `p` to the NUL at `e`: `#` + id (sent before:
// `c.shared[id]`), `+` + id + `:` + text (new, kept at `id`), or `-` + text (not kept). The same messages come back
// keystroke after keystroke: each is decoded once per validator.
function sharedString(c, u, p, e) {
  const tag = u[p];
  if (tag === 45) return str(u, p + 1, e); // -
  let id = 0;
  for (p++; p < e && u[p] !== 58; p++) id = id * 10 + u[p] - 48;
  if (tag === 43) return (c.shared[id] = str(u, p + 1, e)); // +
  const s = c.shared[id];
  // The caller answers by the generic path, and wasm forgets what it sent.
  if (s === undefined) throw new Error('tthc: unknown shared string');
  return s;
}
function readIssues(c, u, lim, list, n, pos, severity) {
  for (let i = 0; i < n; i++) {
    const a = nul(u, pos, lim), b = nul(u, a + 1, lim), d = nul(u, b + 1, lim), e = nul(u, d + 1, lim);
    list.push({
      field: sharedString(c, u, pos, a), code: sharedString(c, u, a + 1, b), message: sharedString(c, u, b + 1, d),
      severity, suggestion: e === d + 1 ? null : str(u, d + 2, e),
    });
    pos = e + 1;
  }
  return pos;
}
// [errors, warnings, position after the counts]
function readCounts(u, p, lim) {
  let errors = 0, warnings = 0;
  for (; p < lim && u[p] !== 44; p++) errors = errors * 10 + u[p] - 48;
  for (p++; p < lim && u[p] !== 0; p++) warnings = warnings * 10 + u[p] - 48;
  return [errors, warnings, p + 1];
}

/** The issues of `validateField` (`len` UTF-16 units at byte `ptr`): errors, then warnings. */
export function unpackIssues(c, ptr, len) {
  const u = view16(c), lim = (ptr >>> 1) + len;
  const [ne, nw, pos] = readCounts(u, ptr >>> 1, lim);
  const out = [];
  readIssues(c, u, lim, out, nw, readIssues(c, u, lim, out, ne, pos, 'error'), 'warning');
  return out;
}

/** The result of `validate` (`len` UTF-16 units at byte `ptr`): `{ valid, errors, warnings, values }`. */
export function unpackResult(c, ptr, len) {
  const u = view16(c), lim = (ptr >>> 1) + len;
  const [ne, nw, start] = readCounts(u, ptr >>> 1, lim);
  const errors = [], warnings = [];
  let pos = readIssues(c, u, lim, warnings, nw, readIssues(c, u, lim, errors, ne, start, 'error'), 'warning');
  const names = c.names, read = c.values, out = { ...c.template };
  for (let i = 0; i < names.length; i++) {
    const tag = u[pos], name = names[i];
    if (tag === TAG_UNCHANGED) { out[name] = read[i]; read[i] = undefined; pos += 2; continue; }
    read[i] = undefined; // the page's values are not kept after the result is built
    const end = nul(u, pos, lim);
    switch (tag) {
      case TAG_STRING: out[name] = str(u, pos + 1, end); break;
      case TAG_NUMBER: out[name] = +str(u, pos + 1, end); break;
      case TAG_TRUE: out[name] = true; break;
      case TAG_FALSE: out[name] = false; break;
      case TAG_JSON: out[name] = JSON.parse(str(u, pos + 1, end)); break;
      default: out[name] = null;
    }
    pos = end + 1;
  }
  return { valid: ne === 0, errors, warnings, values: out };
}

// Lone surrogates (text cut inside an emoji) become U+FFFD, which the checks report as an invalid character
// (serde_json refuses the escaped lone surrogate JSON.stringify writes). A value JSON can't carry (NaN, ±Infinity, a
// Symbol, a function, a BigInt) becomes {}, which every field type reports as `wrongType`: JSON.stringify would make it
// null or leave it out, and a number field given Infinity would pass as empty.
function wellFormed(k, v) {
  switch (typeof v) {
    case 'string': return typeof v.isWellFormed === 'function' && !v.isWellFormed() ? v.toWellFormed() : v;
    case 'number': return Number.isFinite(v) ? v : {};
    case 'symbol': case 'function': case 'bigint': return {};
    default: return v;
  }
}

/** The values as JSON text for the generic path; `undefined` when a getter, a proxy or a cycle throws. */
export function valuesJson(values) {
  try { return JSON.stringify(values, wellFormed); } catch { return undefined; }
}

// The functions wasm calls: an exception of the page's code (a getter, a proxy) never unwinds into wasm; -1 or
// `undefined` sends the call to the generic path, which reports it.
export function packFormSafe(c, values, options, ptr, cap) {
  try { return packForm(c, values, options, ptr, cap); } catch { return -1; }
}
export function unpackResultSafe(c, ptr, len) {
  try { return unpackResult(c, ptr, len); } catch { return undefined; }
}
export function unpackIssuesSafe(c, ptr, len) {
  try { return unpackIssues(c, ptr, len); } catch { return undefined; }
}
