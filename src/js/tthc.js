// The public entry of the package, published as pkg/tthc.js over the glue that wasm-bindgen generates
// (pkg/tthc_glue.js). It exports the same names with the same shapes, and guards the boundary:
//
// - Every argument is checked in JavaScript before wasm sees it (strings are strings, numbers are finite, byte
//   arguments are real byte views), and option objects are copied into plain data here, so that a throwing getter, a
//   Proxy or a cycle costs one TthcError (kind "argument") instead of an exception unwinding through wasm frames.
// - An exception that still unwinds through wasm (it leaves wasm's shadow stack pointer where the frames left it)
//   resets that pointer to its resting value, so the instance keeps working.
// - Objects stay usable after an error; use after free() is a TthcError; free() twice does nothing.
// - Every error thrown by an export is a TthcError: `message` in Vietnamese, `messageEn` in English, `kind`, `field`
//   (the argument or option at fault), `row`, `column`, `headers` (the header cells of an export without a
//   receipt-date column).

import initGlue, * as glue from './tthc_glue.js';

/**
 * The error of every tthc function: Vietnamese `message`, English `messageEn`, `kind`, `field`, `row`, `column`,
 * `headers`.
 */
export class TthcError extends Error {
  constructor(kind, message, messageEn, field = null) {
    super(message);
    this.name = 'TthcError';
    this.kind = kind;
    this.messageEn = messageEn;
    this.field = field;
    this.row = null;
    this.column = null;
    this.headers = null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The instance and the stack guard.

let wasm = null;
// wasm's shadow stack pointer (exported by the link flags in .cargo/config.toml) and its value when no wasm frame is
// live.
let stackPointer = null;
let restingStack = 0;
let depth = 0; // wasm calls in progress through this module (a getter of the page may call back in)

function adopt(exports) {
  wasm = exports;
  stackPointer = exports.__stack_pointer instanceof WebAssembly.Global ? exports.__stack_pointer : null;
  if (stackPointer !== null) restingStack = stackPointer.value;
  return exports;
}

/**
 * Initialises the module (fetches the wasm file next to this one unless told otherwise), as wasm-bindgen's `init`.
 * @param {any} [input]
 */
export default async function init(input) {
  if (wasm !== null) return wasm;
  return adopt(await initGlue(input));
}

/**
 * Initialises the module synchronously from the wasm bytes or a compiled `WebAssembly.Module`, as wasm-bindgen's
 * `initSync`.
 * @param {any} input
 */
export function initSync(input) {
  if (wasm !== null) return wasm;
  return adopt(glue.initSync(input));
}

function notReady() {
  return new TthcError('argument',
    'Mô-đun tthc chưa được khởi tạo: hãy gọi await init() (hoặc initSync) trước.',
    'The tthc module is not initialised: call await init() (or initSync) first.');
}

const WELL_FORMED = typeof ''.isWellFormed === 'function';

// `instanceof` and String() of whatever a page threw, without letting a hostile value throw again.
function is(v, C) {
  try { return v instanceof C; } catch { return false; }
}
function textOf(e) {
  try { return is(e, Error) ? String(e.message) : String(e); } catch { return 'không đọc được lỗi / unreadable error'; }
}

const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
// Array.isArray throws on a revoked Proxy: such a value is then an object like any other (and fails when read).
function isArray(v) {
  try { return Array.isArray(v); } catch { return false; }
}

// Turns whatever was thrown into a TthcError, and puts wasm's stack pointer back when the exception left the
// outermost wasm call (the frames it unwound never popped their shadow-stack space).
function fail(e, where) {
  if (depth === 1 && stackPointer !== null && stackPointer.value !== restingStack) stackPointer.value = restingStack;
  if (is(e, TthcError)) return e;
  if (is(e, Error) && e.name === 'TthcError') {
    Object.setPrototypeOf(e, TthcError.prototype);
    return e;
  }
  const text = textOf(e);
  const err = new TthcError('internal',
    `Lỗi nội bộ khi gọi ${where}: ${text}`,
    `Internal error in ${where}: ${text}`);
  err.cause = e;
  return err;
}

// ---------------------------------------------------------------------------------------------------------------
// Argument checks. Each returns the value to pass to wasm or throws a TthcError naming the argument.

function typeVi(v) {
  if (v === null) return 'null';
  if (isArray(v)) return 'mảng';
  switch (typeof v) {
    case 'undefined': return 'không có giá trị (undefined)';
    case 'number': return Number.isNaN(v) ? 'NaN' : `số ${v}`;
    case 'string': return 'chuỗi';
    case 'boolean': return `giá trị ${v}`;
    case 'bigint': return 'BigInt';
    case 'symbol': return 'Symbol';
    case 'function': return 'hàm';
    default: return 'đối tượng';
  }
}
function typeEn(v) {
  if (v === null) return 'null';
  if (isArray(v)) return 'an array';
  switch (typeof v) {
    case 'undefined': return 'undefined';
    case 'number': return Number.isNaN(v) ? 'NaN' : `the number ${v}`;
    case 'string': return 'a string';
    case 'boolean': return `${v}`;
    case 'bigint': return 'a BigInt';
    case 'symbol': return 'a Symbol';
    case 'function': return 'a function';
    default: return 'an object';
  }
}

function wrong(name, vi, en, v) {
  return new TthcError('argument',
    `Tham số "${name}" phải là ${vi} (nhận được: ${typeVi(v)}).`,
    `The argument "${name}" must be ${en} (got ${typeEn(v)}).`, name);
}

/** Lone surrogates (text cut inside an emoji) become U+FFFD, which the checks report as an invalid character. */
function wellFormed(s) {
  return !WELL_FORMED || s.isWellFormed() ? s : s.toWellFormed();
}

// The longest string argument (a name, a code, a date …): wasm copies a string in and its messages may quote it, so a
// careless 50 MB argument would cost hundreds of MiB of wasm memory, which never shrinks.
const MAX_TEXT = 65_536;

function str(v, name) {
  if (typeof v !== 'string') throw wrong(name, 'một chuỗi', 'a string', v);
  if (v.length > MAX_TEXT) {
    throw new TthcError('limit', `Tham số "${name}" dài quá ${MAX_TEXT.toLocaleString('vi-VN')} ký tự.`,
      `The argument "${name}" is longer than ${MAX_TEXT} characters.`, name);
  }
  return wellFormed(v);
}

/** A value to check (a phone number, an ID …): one longer than MAX_TEXT can't be valid, and is checked cut there. */
function valueToCheck(v, name) {
  if (typeof v !== 'string') throw wrong(name, 'một chuỗi', 'a string', v);
  return wellFormed(v.length > MAX_TEXT ? v.slice(0, MAX_TEXT + 1) : v);
}

function optStr(v, name) {
  return v === undefined || v === null ? undefined : str(v, name);
}

function num(v, name) {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw wrong(name, 'một số hữu hạn', 'a finite number', v);
  return v;
}

function int(v, name) {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw wrong(name, 'một số nguyên', 'an integer', v);
  return v;
}

function optNum(v, name) {
  return v === undefined || v === null ? undefined : num(v, name);
}

const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const taBuffer = Object.getOwnPropertyDescriptor(typedArrayProto, 'buffer').get;
const taOffset = Object.getOwnPropertyDescriptor(typedArrayProto, 'byteOffset').get;
const taLength = Object.getOwnPropertyDescriptor(typedArrayProto, 'byteLength').get;
const dvBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
const dvOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get;
const dvLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
const abLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const sabLength = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : null;

function isArrayBuffer(v) {
  try { abLength.call(v); return true; } catch { /* not one */ }
  if (sabLength === null) return false;
  try { sabLength.call(v); return true; } catch { return false; }
}

/**
 * A plain Uint8Array over the bytes of a Uint8Array, any other ArrayBufferView (typed array, DataView) or an
 * ArrayBuffer — read through the built-in getters, so that a subclass or an object posing as a view can't disagree
 * with itself.
 */
function bytes(v, name) {
  if (ArrayBuffer.isView(v)) {
    try {
      const dv = !Object.prototype.hasOwnProperty.call(v, 'BYTES_PER_ELEMENT') && isDataView(v);
      return dv
        ? new Uint8Array(dvBuffer.call(v), dvOffset.call(v), dvLength.call(v))
        : new Uint8Array(taBuffer.call(v), taOffset.call(v), taLength.call(v));
    } catch { /* fall through to the error */ }
  } else if (isArrayBuffer(v)) {
    return new Uint8Array(v);
  }
  throw wrong(name, 'dữ liệu nhị phân (Uint8Array, ArrayBuffer hoặc một ArrayBufferView)',
    'binary data (a Uint8Array, an ArrayBuffer or another ArrayBufferView)', v);
}

function isDataView(v) {
  try { dvLength.call(v); return true; } catch { return false; }
}

const MAX_DEPTH = 32;
const MAX_ITEMS = 1_000_000;

/**
 * A plain copy (objects, arrays, strings, finite numbers, booleans, null) of an options-like value, read here so that
 * getters, Proxies and cycles fail in JavaScript. Byte views are kept as Uint8Array when `keepBytes`.
 */
function plain(v, path, keepBytes = false) {
  let items = 0;
  const seen = [];
  const copy = (x, p, d) => {
    switch (typeof x) {
      case 'string': return str(x, p);
      case 'boolean': return x;
      case 'undefined': return undefined;
      case 'number':
        if (!Number.isFinite(x)) throw wrong(p, 'một số hữu hạn', 'a finite number', x);
        return x;
      case 'object': break;
      default: throw wrong(p, 'dữ liệu JSON (chuỗi, số, đúng/sai, mảng, đối tượng)',
        'JSON data (a string, number, boolean, array or object)', x);
    }
    if (x === null) return null;
    if (d > MAX_DEPTH) {
      throw new TthcError('argument', `Tham số "${p}" lồng quá ${MAX_DEPTH} cấp.`,
        `The argument "${p}" is nested more than ${MAX_DEPTH} levels deep.`, p);
    }
    if (seen.includes(x)) {
      throw new TthcError('argument', `Tham số "${p}" có vòng lặp (một đối tượng chứa chính nó).`,
        `The argument "${p}" has a cycle (an object that contains itself).`, p);
    }
    if (keepBytes && (ArrayBuffer.isView(x) || isArrayBuffer(x))) return bytes(x, p);
    if (x instanceof Date || x instanceof Map || x instanceof Set || x instanceof RegExp || ArrayBuffer.isView(x)
      || isArrayBuffer(x) || x instanceof Promise) {
      throw wrong(p, 'dữ liệu JSON (ngày tháng là chuỗi "YYYY-MM-DD")',
        'JSON data (dates as "YYYY-MM-DD" strings)', x);
    }
    seen.push(x);
    let out;
    if (isArray(x)) {
      const n = x.length;
      items += n;
      if (items > MAX_ITEMS) throw tooMany(path);
      out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = copy(x[i], `${p}[${i}]`, d + 1);
    } else {
      out = {};
      const keys = Object.keys(x);
      items += keys.length;
      if (items > MAX_ITEMS) throw tooMany(path);
      for (const k of keys) {
        const val = copy(x[k], `${p}.${k}`, d + 1);
        if (val !== undefined) {
          // A key named __proto__ is kept as data, never as the prototype.
          Object.defineProperty(out, k, { value: val, enumerable: true, writable: true, configurable: true });
        }
      }
    }
    seen.pop();
    return out;
  };
  return readOrFail(path, () => copy(v, path, 0));
}

/** `read()`, with a getter's or a Proxy trap's exception turned into a TthcError naming `path`. */
function readOrFail(path, read) {
  try {
    return read();
  } catch (e) {
    if (is(e, TthcError)) throw e;
    const text = textOf(e);
    const err = new TthcError('argument', `Không đọc được tham số "${path}": ${text}`,
      `The argument "${path}" can't be read: ${text}`, path);
    err.cause = e;
    throw err;
  }
}

function tooMany(path) {
  return new TthcError('argument', `Tham số "${path}" có quá ${MAX_ITEMS.toLocaleString('vi-VN')} phần tử.`,
    `The argument "${path}" has more than ${MAX_ITEMS} items.`, path);
}

/** An optional options-like object: undefined/null pass as undefined; anything else must be an object. */
function optObj(v, name, keepBytes = false) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || isArray(v)) throw wrong(name, 'một đối tượng', 'an object', v);
  return plain(v, name, keepBytes);
}

function obj(v, name, keepBytes = false) {
  if (v === null || typeof v !== 'object' || isArray(v)) throw wrong(name, 'một đối tượng', 'an object', v);
  return plain(v, name, keepBytes);
}

/** An array (or typed array) of numbers, as the typed array the glue copies into wasm. */
function numbers(v, name, Type, check) {
  const array = isArray(v);
  if (!array && !(ArrayBuffer.isView(v) && !isDataView(v))) {
    throw wrong(name, 'một mảng số', 'an array of numbers', v);
  }
  let n;
  try { n = array ? v.length : taLength.call(v) / v.BYTES_PER_ELEMENT; } catch { n = NaN; }
  if (!Number.isSafeInteger(n) || n > 50_000_000) throw wrong(name, 'một mảng số', 'an array of numbers', v);
  const out = new Type(n);
  for (let i = 0; i < n; i++) {
    let x;
    try { x = v[i]; } catch { x = undefined; }
    if (!check(x)) {
      throw new TthcError('argument', `Phần tử "${name}[${i}]" không hợp lệ (nhận được: ${typeVi(x)}).`,
        `The item "${name}[${i}]" is not valid (got ${typeEn(x)}).`, `${name}[${i}]`);
    }
    out[i] = x;
  }
  return out;
}
const isInt32 = (x) => Number.isInteger(x) && x >= -2147483648 && x <= 2147483647;
const isFiniteNum = (x) => typeof x === 'number' && Number.isFinite(x);
const isUnitCode = (x) => Number.isInteger(x) && x >= 0 && x <= 255;

// ---------------------------------------------------------------------------------------------------------------
// Calls.

/** Calls `f` (a glue function or method of `self`) with the checked arguments, turning any failure into a TthcError. */
function call(where, f, self, a, b, c, d, e) {
  if (wasm === null) throw notReady();
  depth++;
  try {
    return f.call(self, a, b, c, d, e);
  } catch (err) {
    throw explainShape(fail(err, where), [a, b, c, d, e]);
  } finally {
    depth--;
  }
}

// serde's words in its complaints, in Vietnamese (the names and values it quotes are kept as written).
const SERDE_WORDS = [
  ['did not match any variant of untagged enum', 'không khớp dạng nào của'], ['missing field', 'thiếu trường'],
  ['unknown field', 'trường không biết'], ['unknown variant', 'giá trị không hợp lệ'], ['invalid type:', 'sai kiểu:'],
  ['invalid value:', 'giá trị không hợp lệ:'], ['invalid length', 'độ dài không hợp lệ'],
  ['expected one of', 'cần là một trong'], ['expected', 'cần'], ['floating point', 'số'], ['a string', 'một chuỗi'],
  ['string', 'chuỗi'], ['a boolean', 'giá trị đúng/sai'], ['boolean', 'giá trị'], ['a sequence', 'một mảng'],
  ['sequence', 'mảng'], ['a map', 'một đối tượng'], ['map', 'đối tượng'], ['struct', 'đối tượng'], ['integer', 'số nguyên'],
  [/\bu(64|32|16|8)\b/g, 'số nguyên không âm'], [/\b[if](64|32|16|8)\b/g, 'số'],
];

/**
 * An option object of the wrong shape, as serde reports it from wasm: in English, with a JS `Error: ` prefix, a
 * position in a one-line JSON text the caller never wrote, and no path. Here its words become Vietnamese in `message`,
 * the noise goes, and when the value or key it quotes occurs once in the arguments the error names its path
 * (`request.pauses[2].to`).
 */
function explainShape(e, args) {
  const field = e.field;
  if ((e.kind !== 'options' && e.kind !== 'calendar') || typeof field !== 'string' || !/^\w+$/.test(field)) return e;
  const clean = (t) => t.replace(/: Error: /, ': ').replace(/ at line 1 column \d+/, '');
  e.messageEn = clean(e.messageEn);
  e.message = clean(e.message).replace(/(`[^`]*`|"[^"]*")|[^`"]+/g,
    (t, quoted) => quoted ?? SERDE_WORDS.reduce((x, [en, vi]) => x.replaceAll(en, vi), t));
  const m = /invalid (?:type|value): (?:(?:floating point|integer) `([^`]+)`|string "([^"\\]*)"|boolean `(\w+)`)|unknown field `(\w+)`|unknown variant `([^`]*)`/
    .exec(e.messageEn);
  if (m === null) return e;
  const text = m[2] ?? m[5];
  const same = m[1] !== undefined ? (v) => v === Number(m[1])
    : text !== undefined ? (v) => v === text : m[3] !== undefined ? (v) => v === (m[3] === 'true') : null;
  const found = [];
  const walk = (v, path, d) => {
    if (found.length > 1 || d > MAX_DEPTH) return;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) {
      if (same !== null && same(v)) found.push(path);
    } else if (isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, d + 1));
    else {
      for (const [k, x] of Object.entries(v)) {
        if (same === null && k === m[4]) found.push(`${path}.${k}`);
        walk(x, `${path}.${k}`, d + 1);
      }
    }
  };
  // (Form values are the page's own object, not a copy: a getter there may throw; the error then stays as it is.)
  try {
    for (const a of args) if (a !== null && typeof a === 'object' && !ArrayBuffer.isView(a)) walk(a, field, 0);
  } catch {
    return e;
  }
  if (found.length === 1) {
    const at = found[0];
    const name = (t) => t.replace(`"${field}"`, `"${at}"`).replace(`[${field}]`, `[${at}]`);
    e.message = name(e.message);
    e.messageEn = name(e.messageEn);
    e.field = at;
  }
  return e;
}

function freed(cls, method) {
  return new TthcError('argument',
    `Đối tượng ${cls} đã được giải phóng (free()), không gọi ${method}() được nữa.`,
    `This ${cls} has been freed (free()); ${method}() can't be called any more.`);
}

function notInstance(cls, method) {
  return new TthcError('argument',
    `${cls}.${method}() phải được gọi trên một đối tượng ${cls} (gọi như obj.${method}(...)).`,
    `${cls}.${method}() must be called on a ${cls} object (as obj.${method}(...)).`);
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar and due dates.

// The wasm object behind each instance of the classes below (a WeakMap: looking up a Proxy runs none of its traps).
const raws = new WeakMap();

function rawOf(self, cls, method) {
  const r = isObject(self) ? raws.get(self) : undefined;
  if (r === undefined) throw notInstance(cls, method);
  if (r === null) throw freed(cls, method);
  return r;
}

// Calls in progress per wasm object: free() from a getter the object's own call is reading waits for that call to end
// (wasm can't release an object it is using).
const inUse = new Map();
const freeLater = new Set();

/** Releases the wasm memory of `self` now (the garbage collector would later); later calls throw. */
function free(self, cls) {
  const r = isObject(self) ? raws.get(self) : undefined;
  if (r === undefined) throw notInstance(cls, 'free');
  if (r === null) return; // freed before: nothing to do
  raws.set(self, null);
  if (inUse.has(r)) {
    freeLater.add(r);
    return;
  }
  try {
    r.free();
  } catch (e) {
    throw fail(e, `${cls}.free`);
  }
}

/**
 * Calls method `m` of the wasm object of `self` with the arguments `check` returns (checked in JavaScript first; a
 * getter there may free `self`).
 */
function callMethod(self, cls, m, check) {
  const r = rawOf(self, cls, m);
  const args = check();
  if (raws.get(self) !== r) throw freed(cls, m);
  inUse.set(r, (inUse.get(r) ?? 0) + 1);
  try {
    return call(m, r[m], r, ...args);
  } finally {
    const n = inUse.get(r) - 1;
    if (n > 0) inUse.set(r, n);
    else {
      inUse.delete(r);
      // (A failure to release must not replace the call's own result or error.)
      if (freeLater.delete(r)) try { r.free(); } catch { /* the object stays with the garbage collector */ }
    }
  }
}

// Argument checkers by name, for the method tables.
const S = (name) => (v) => str(v, name);
const OS = (name) => (v) => optStr(v, name);
const N = (name) => (v) => num(v, name);
const O = (name) => (v) => obj(v, name);
const I32 = (name) => (v) => numbers(v, name, Int32Array, isInt32);

/**
 * Defines the methods of `Cls` from a table { method: [checker, …] }: each checks its arguments, then calls the wasm
 * object's method of the same name through call().
 */
function methods(Cls, table) {
  for (const [m, checks] of Object.entries(table)) {
    Object.defineProperty(Cls.prototype, m, {
      value(...args) {
        return callMethod(this, Cls.name, m, () => checks.map((check, i) => check(args[i])));
      },
      writable: true,
      configurable: true,
    });
  }
}

/** `using x = new WorkCalendar()` frees at the end of the block, where the engine has explicit resource management. */
function disposable(Cls) {
  if (typeof Symbol.dispose === 'symbol') {
    Object.defineProperty(Cls.prototype, Symbol.dispose, {
      value() { this.free(); }, writable: true, configurable: true,
    });
  }
}

/** The state-office working calendar. See the contract for `config`. */
export class WorkCalendar {
  /** @param {object} [config] */
  constructor(config) {
    raws.set(this, call('WorkCalendar', construct, glue.WorkCalendar, optObj(config, 'config')));
  }
  /** Releases the wasm memory now (the garbage collector would later); later calls throw. */
  free() { free(this, 'WorkCalendar'); }
}
disposable(WorkCalendar);
methods(WorkCalendar, {
  isWorkingDay: [S('date')],
  addWorkingDays: [S('date'), N('n')],
  workingDaysBetween: [S('from'), S('to')],
  daysOff: [N('year')],
  namedDays: [N('year')],
  dueDate: [O('request')],
  classify: [S('dueAt'), S('finishedAt')],
  remainingWorkingTime: [S('now'), S('dueAt')],
  stepDueDates: [O('request'), (v) => {
    if (!isArray(v)) throw wrong('steps', 'một mảng các bước', 'an array of steps', v);
    return plain(v, 'steps');
  }],
  extendDueDate: [O('request'), N('extra'), OS('unit')],
  monthDays: [N('year'), N('month')],
  isEstimatedYear: [N('year')],
  noticeYears: [],
  closingTime: [S('date')],
  addWorkingDaysBatch: [I32('days'), I32('n')],
  workingDaysBetweenBatch: [I32('from'), I32('to')],
  dueDateBatch: [(v) => numbers(v, 'received', Float64Array, isFiniteNum),
    (v) => numbers(v, 'amounts', Float64Array, isFiniteNum), (v) => numbers(v, 'units', Uint8Array, isUnitCode)],
});

// Called as construct.call(Class, argument) by call().
function construct(a) {
  return new this(a);
}

/** The Vietnamese lunar date of a Gregorian date "YYYY-MM-DD". */
export function toLunar(date) {
  return call('toLunar', glue.toLunar, null, str(date, 'date'));
}

/** The Gregorian date "YYYY-MM-DD" of a Vietnamese lunar date. */
export function fromLunar(lunar) {
  return call('fromLunar', glue.fromLunar, null, obj(lunar, 'lunar'));
}

/** The leap month (1–12) of a lunar year, or null. */
export function leapMonth(year) {
  return call('leapMonth', glue.leapMonth, null, num(year, 'year'));
}

/** The built-in procedure catalog. */
export function procedureCatalog() {
  return call('procedureCatalog', glue.procedureCatalog, null);
}

/** Day number (days since 1970-01-01) of a date, for the batch functions. */
export function dayNumber(date) {
  return call('dayNumber', glue.dayNumber, null, str(date, 'date'));
}

/** The date "YYYY-MM-DD" of a day number. */
export function dateFromDayNumber(n) {
  return call('dateFromDayNumber', glue.dateFromDayNumber, null, num(n, 'n'));
}

/** A contract date-time, normalised to "YYYY-MM-DDTHH:MM:SS+07:00". */
export function normalizeDateTime(value) {
  return call('normalizeDateTime', glue.normalizeDateTime, null, str(value, 'value'));
}

/** The crate version. */
export function version() {
  return call('version', glue.version, null);
}

// ---------------------------------------------------------------------------------------------------------------
// Forms, identifiers, administrative units.

// Options of a validation: { locale?, today? } read once here (no getter of the page runs inside wasm).
function validateOptions(v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || isArray(v)) throw wrong('options', 'một đối tượng', 'an object', v);
  let locale, today;
  try {
    locale = v.locale;
    today = v.today;
  } catch (e) {
    return plain(v, 'options'); // reports the getter's failure as a TthcError
  }
  if (locale !== undefined && locale !== 'vi' && locale !== 'en') {
    throw new TthcError('argument', 'Tùy chọn "options.locale" phải là "vi" hoặc "en".',
      'The option "options.locale" must be "vi" or "en".', 'options.locale');
  }
  if (today !== undefined && typeof today !== 'string') throw wrong('options.today', 'một chuỗi "YYYY-MM-DD"', 'a "YYYY-MM-DD" string', today);
  return locale === undefined ? (today === undefined ? {} : { today }) : (today === undefined ? { locale } : { locale, today });
}

function schemaArg(v) {
  if (typeof v === 'string') return wellFormed(v);
  return obj(v, 'schema');
}

// Form values go to wasm as they are: the glue's codec reads them in JavaScript and catches the page's getters, and
// the general path reads them by one JSON.stringify that catches too; wasm answers a wrong type with a `form` error.
// Only a revoked Proxy is refused here: wasm asks Array.isArray of the values, which throws on one.
const formValues = (v) => {
  readOrFail('values', () => Array.isArray(v));
  return v;
};

/** A form validator compiled once from a schema (an object or its JSON text). */
export class FormValidator {
  /** @param {object | string} schema */
  constructor(schema) {
    raws.set(this, call('FormValidator', construct, glue.FormValidator, schemaArg(schema)));
  }
  /** Releases the wasm memory now; later calls throw. */
  free() { free(this, 'FormValidator'); }
  /** Validates the whole form: { valid, errors, warnings, values }. */
  validate(values, options) {
    return callMethod(this, 'FormValidator', 'validate', () => [formValues(values), validateOptions(options)]);
  }
}
disposable(FormValidator);
methods(FormValidator, {
  validateField: [S('name'), formValues, validateOptions],
  checkAttachment: [S('field'), (v) => bytes(v, 'bytes'), S('fileName'), (v) => optNum(v, 'size'), validateOptions],
  fieldNames: [],
});

/** Validates a form once (compiles the schema each time: use FormValidator on every keystroke). */
export function validateForm(schema, values, options) {
  const opts = validateOptions(options);
  const vals = formValues(values);
  const v = call('validateForm', construct, glue.FormValidator, schemaArg(schema));
  try {
    return call('validateForm', v.validate, v, vals, opts);
  } finally {
    v.free();
  }
}

/** Checks a 12-digit citizen identification number. */
export function checkCitizenId(value, options) {
  return call('checkCitizenId', glue.checkCitizenId, null, valueToCheck(value, 'value'), validateOptions(options));
}

/** Checks a tax code (10 or 13 digits, or a 12-digit personal number). */
export function checkTaxCode(value, options) {
  return call('checkTaxCode', glue.checkTaxCode, null, valueToCheck(value, 'value'), validateOptions(options));
}

/** Checks a Vietnamese phone number. */
export function checkPhone(value, options) {
  return call('checkPhone', glue.checkPhone, null, valueToCheck(value, 'value'), validateOptions(options));
}

/** Checks an identifier of the given kind. */
export function checkIdentifier(kind, value, options) {
  return call('checkIdentifier', glue.checkIdentifier, null, str(kind, 'kind'), valueToCheck(value, 'value'),
    validateOptions(options));
}

/** The provinces and cities of 2025. */
export function provinces() {
  return call('provinces', glue.provinces, null);
}

/** The communes, wards and special zones of a province (by its code). */
export function communes(provinceCode) {
  return call('communes', glue.communes, null, str(provinceCode, 'provinceCode'));
}

/** Loads the list of administrative units before 2025 and the conversion (CSV bytes). */
export function loadLegacyUnits(data) {
  return call('loadLegacyUnits', glue.loadLegacyUnits, null, bytes(data, 'bytes'));
}

/** The 2025 commune(s) an old ward became. */
export function convertOldWard(query) {
  const q = typeof query === 'string' ? str(query, 'query') : obj(query, 'query');
  return call('convertOldWard', glue.convertOldWard, null, q);
}

/**
 * Checks one attached file against `spec` ({ accept, maxSize, label, labelEn }): a one-field form of type
 * "attachment", compiled here and freed at once.
 */
export function checkAttachment(spec, data, fileName, size, options) {
  const s = optObj(spec, 'spec') ?? {};
  const field = { name: 'file', type: 'attachment', label: s.label ?? 'Tệp đính kèm', labelEn: s.labelEn ?? 'Attachment' };
  if (typeof field.label !== 'string') throw wrong('spec.label', 'một chuỗi', 'a string', field.label);
  if (typeof field.labelEn !== 'string') throw wrong('spec.labelEn', 'một chuỗi', 'a string', field.labelEn);
  if (s.accept !== undefined && s.accept !== null) {
    // "pdf" or "pdf, jpg": the list a careless caller meant.
    const accept = typeof s.accept === 'string' ? s.accept.split(/[\s,;]+/).filter(Boolean) : s.accept;
    if (!isArray(accept) || accept.some((a) => typeof a !== 'string')) {
      throw wrong('spec.accept', 'một mảng tên loại tệp ("pdf", "jpg" …)', 'an array of file types ("pdf", "jpg" …)', s.accept);
    }
    field.accept = accept;
  }
  if (s.maxSize !== undefined && s.maxSize !== null) field.maxSize = num(s.maxSize, 'spec.maxSize');
  const args = [bytes(data, 'bytes'), str(fileName, 'fileName'), optNum(size, 'size'), validateOptions(options)];
  const v = call('checkAttachment', construct, glue.FormValidator, JSON.stringify({ fields: [field] }));
  try {
    return call('checkAttachment', v.checkAttachment, v, 'file', ...args);
  } finally {
    v.free();
  }
}

/** The type of a file from its first bytes and name ("pdf", "jpg", …), or null (the glue's undefined). */
export function detectFileType(data, fileName) {
  return call('detectFileType', glue.detectFileType, null, bytes(data, 'bytes'), str(fileName, 'fileName')) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics. Not in the light entry for citizen pages (`tthc/forms`): scripts/package.mjs leaves out everything from
// this line to the end.
// @@statistics

/** Analysis options: an object, or nothing (the data's own period, every default). */
function analyzeOptions(options) {
  return optObj(options, 'options') ?? {};
}

/** The report of a whole export (CSV, XLSX or JSON bytes). */
export function analyze(data, options) {
  return call('analyze', glue.analyze, null, bytes(data, 'data'), analyzeOptions(options));
}

/** One report of several exports, `[{ name, data }]` in order (any mix of CSV, XLSX and JSON). */
export function analyzeFiles(files, options) {
  if (!isArray(files)) throw wrong('files', 'một mảng { name, data }', 'an array of { name, data }', files);
  const list = [];
  const n = readOrFail('files', () => files.length);
  for (let i = 0; i < n; i++) {
    const at = `files[${i}]`;
    list.push(readOrFail(at, () => {
      const f = files[i];
      if (f === null || typeof f !== 'object' || isArray(f)) {
        throw wrong(at, 'một đối tượng { name, data }', 'an object { name, data }', f);
      }
      return { name: str(f.name, `${at}.name`), data: bytes(f.data, `${at}.data`) };
    }));
  }
  return call('analyzeFiles', glue.analyzeFiles, null, list, analyzeOptions(options));
}

/** An analysis fed chunk by chunk (`push`), then `finish()`. */
export class DossierAnalyzer {
  /** @param {object} options */
  constructor(options) {
    raws.set(this, call('DossierAnalyzer', construct, glue.DossierAnalyzer, analyzeOptions(options)));
  }
  /** Releases the wasm memory now; later calls throw. */
  free() { free(this, 'DossierAnalyzer'); }
  /** Data rows read so far. */
  get rowsRead() {
    const r = rawOf(this, 'DossierAnalyzer', 'rowsRead');
    return call('rowsRead', rowsRead, r);
  }
  /** Bytes pushed so far. */
  get bytesRead() {
    const r = rawOf(this, 'DossierAnalyzer', 'bytesRead');
    return call('bytesRead', bytesRead, r);
  }
  /**
   * The report of the snapshots of consecutive runs of files, in order (e.g. one per Worker): exactly the report of
   * one analyzer over all the files. `options` are the ones the snapshots were made with.
   */
  static merge(snapshots, options) {
    if (!isArray(snapshots)) {
      throw wrong('snapshots', 'một mảng Uint8Array (kết quả của snapshot())', 'an array of Uint8Array (from snapshot())', snapshots);
    }
    const list = [];
    const n = readOrFail('snapshots', () => snapshots.length);
    for (let i = 0; i < n; i++) list.push(readOrFail(`snapshots[${i}]`, () => bytes(snapshots[i], `snapshots[${i}]`)));
    return call('merge', glue.DossierAnalyzer.merge, null, list, analyzeOptions(options));
  }
}
disposable(DossierAnalyzer);
methods(DossierAnalyzer, {
  // The next bytes of the file: a Uint8Array, an ArrayBuffer or any ArrayBufferView.
  push: [(v) => bytes(v, 'chunk')],
  // The name of the next file; the bytes pushed after it are that file's.
  beginFile: [(v) => str(v, 'name')],
  finish: [],
  // The state so far (the current file ended), to merge with other runs' snapshots.
  snapshot: [],
});

function rowsRead() { return this.rowsRead; }
function bytesRead() { return this.bytesRead; }

/** A report as CSV text (`table`: "summary" by default, or "agencies", "procedures" …). */
export function reportToCsv(report, table) {
  return call('reportToCsv', glue.reportToCsv, null, obj(report, 'report'), optStr(table, 'table'));
}

/** A report as an XLSX workbook (bytes). */
export function reportToXlsx(report) {
  return call('reportToXlsx', glue.reportToXlsx, null, obj(report, 'report'));
}

/** A number in Vietnamese notation: 6753 → "6.753". */
export function formatNumberVi(n, decimals) {
  const d = decimals === undefined || decimals === null ? undefined : int(decimals, 'decimals');
  if (d !== undefined && (d < 0 || d > 20)) throw wrong('decimals', 'một số nguyên từ 0 đến 20', 'an integer from 0 to 20', decimals);
  return call('formatNumberVi', glue.formatNumberVi, null, num(n, 'n'), d);
}

/** A percentage in Vietnamese notation: 99.19 → "99,19 %"; null → "". */
export function formatPercentVi(x) {
  return call('formatPercentVi', glue.formatPercentVi, null, x === null || x === undefined ? undefined : num(x, 'x'));
}
