// Nộp hồ sơ — a citizen form generated from a procedure's JSON form schema (assets/forms/*.json),
// validated by tthc's FormValidator, and on success the receipt slip (Giấy tiếp nhận hồ sơ và hẹn
// trả kết quả) with the dossier code and the appointment computed by the due-date engine.
//
// When errors show (what a citizen expects):
// - a field's error appears when the user leaves the field, or after a pause in typing once the
//   field has been left before; never on each keystroke;
// - it disappears as soon as the value becomes valid (on the keystroke that fixes it);
// - a change to a field re-checks every field that a cross-field rule ties to it (ID number ↔
//   sex and date of birth, issue date ↔ date of birth, phone ↔ e-mail, a required-if field ↔
//   its condition, commune ↔ province), so no error stays after its cause is fixed;
// - one message per field at a time (the first one), and on submit every field is checked and
//   focus moves to the first field in error.
import { h, replace } from './dom.js';
import { t, lang, pick } from './i18n.js';
import { engine, errorText, defaultCalendar } from './engine.js';
import { procedureByCode } from './catalog.js';
import { combobox } from './combobox.js';
import * as fmt from './fmt.js';
import { timeText } from './due.js';

const FORMS_DIR = './assets/forms/';
const HEAD_BYTES = 64; // the validator decides a file's type by its magic bytes
/** Pause in typing after which the error of a field left before is shown. */
export const PAUSE_MS = 1500;

/** A schema text in the page's language: `label`/`labelEn`, `title`/`titleEn` … (docs/forms.md). */
function label(obj, key = 'label') {
  if (!obj) return '';
  if (lang() === 'en' && obj[`${key}En`]) return obj[`${key}En`];
  return obj[key] ?? '';
}

/** The schema's fields (an array, as the engine requires). */
export const fieldsOf = (schema) => schema.fields;

const isFileField = (f) => ['file', 'files', 'attachment', 'attachments'].includes(f.type);
// Controls whose value is chosen, not typed: "Vui lòng chọn …", not "Vui lòng nhập …".
const CHOICE_KINDS = new Set(['select', 'multi', 'combo', 'province']);

async function fetchJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${r.status} ${url}`);
  return r.json();
}

/** The sample forms offered: www/forms.json lists their ids (files assets/forms/<id>.json). */
async function formIndex() {
  try {
    const idx = await fetchJson('./forms.json');
    return idx.forms.map((id) => ({ id, file: `${id}.json` }));
  } catch {
    return [];
  }
}

/** Mounts the submission tab. */
export async function mount(panel) {
  const select = h('select', { id: 'submit-procedure' });
  const info = h('p', { class: 'note', id: 'submit-info', 'aria-live': 'polite' });
  const formBox = h('div', { id: 'submit-form-box' });
  const receiptBox = h('div', { id: 'submit-receipt' });
  const forms = await formIndex();
  const schemas = new Map();
  let current = null;
  let slip = null; // the receipt shown: re-rendered when the language changes

  const fillSelect = () => {
    const keep = select.value;
    replace(select, h('option', { value: '', text: t('submit.choose') }),
      forms.map((f, i) => (schemas.has(i) ? h('option', { value: f.id, text: label(schemas.get(i), 'title') || f.id }) : null)));
    select.value = keep;
  };

  replace(panel,
    h('h2', { text: t('submit.heading'), dataset: { i18n: 'submit.heading' } }),
    h('p', { class: 'intro', text: t('submit.intro'), dataset: { i18n: 'submit.intro' } }),
    h('div', { class: 'field wide' }, h('label', { for: 'submit-procedure', text: t('submit.procedure'), dataset: { i18n: 'submit.procedure' } }), select),
    info, formBox, receiptBox);

  if (!forms.length) {
    replace(info, t('submit.noForms'));
    select.disabled = true;
    return;
  }
  // Titles come from the schemas themselves: load them all (small files, cached by the service worker).
  await Promise.all(forms.map(async (f, i) => {
    try { schemas.set(i, await fetchJson(FORMS_DIR + f.file)); } catch { /* reported when chosen */ }
  }));
  fillSelect();

  const onReceipt = (state) => {
    slip = state;
    renderReceipt(slip, receiptBox, () => { slip = null; });
  };
  select.addEventListener('change', async () => {
    receiptBox.replaceChildren();
    slip = null;
    const i = select.value === '' ? null : forms.findIndex((f) => f.id === select.value);
    if (i === null || i < 0) { formBox.replaceChildren(); info.textContent = ''; current = null; return; }
    try {
      const schema = schemas.get(i) ?? await fetchJson(FORMS_DIR + forms[i].file);
      schemas.set(i, schema);
      current = buildForm(schema, formBox, info, onReceipt);
    } catch (e) {
      formBox.replaceChildren();
      info.textContent = t('submit.loadFailed', { name: forms[i].file, error: errorText(e, lang()) });
    }
  });
  // Preselect the first form for a quicker start.
  const firstOk = forms.find((f, i) => schemas.has(i));
  if (firstOk) {
    select.value = firstOk.id;
    select.dispatchEvent(new Event('change'));
  } else {
    replace(info, t('submit.noForms'));
  }

  document.addEventListener('langchange', () => {
    fillSelect();
    if (current) current = current.relabel();
    if (slip) renderReceipt(slip, receiptBox, () => { slip = null; }, { focus: false });
  });
}

/** The statutory time of the schema's procedure, from the catalogue. */
function processingTime(schema) {
  const c = procedureByCode(schema.procedureCode);
  if (c) return { amount: c.amount, unit: c.unit, cutoff: c.cutoff ?? null };
  return null;
}

/** A file name's extension → the accepted type word that covers it, and its display name. */
const EXT_TYPES = {
  pdf: ['pdf', 'PDF'], jpg: ['jpg', 'JPEG'], jpeg: ['jpg', 'JPEG'], png: ['png', 'PNG'], gif: ['gif', 'GIF'], webp: ['webp', 'WebP'],
  tif: ['tiff', 'TIFF'], tiff: ['tiff', 'TIFF'], heic: ['heic', 'HEIC'], docx: ['docx', 'DOCX'], xlsx: ['xlsx', 'XLSX'], odt: ['odt', 'ODT'],
};
const IMAGE_TYPES = new Set(['jpg', 'png', 'gif', 'webp', 'tiff', 'heic']);

/** Fields tied together by the schema's cross-field rules and conditions (each a Set of names). */
function ruleGroups(schema, names) {
  const groups = [];
  for (const rule of schema.rules ?? []) {
    const g = new Set();
    for (const [k, v] of Object.entries(rule)) {
      if (k === 'rule') continue;
      for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string' && names.has(x)) g.add(x);
    }
    if (g.size > 1) groups.push(g);
  }
  for (const f of fieldsOf(schema)) {
    const dep = f.requiredIf?.field;
    if (dep && names.has(dep)) groups.push(new Set([dep, f.name]));
    const prov = f.provinceField ?? f.province;
    if (['commune', 'ward'].includes(f.type) && typeof prov === 'string' && names.has(prov)) groups.push(new Set([prov, f.name]));
  }
  return groups;
}

function buildForm(schema, box, info, onReceipt) {
  const m = engine();
  const validator = new m.FormValidator(schema);
  const fields = fieldsOf(schema);
  const controls = new Map(); // name → control (see control())
  // Polite: after a submit it is updated as each field is fixed, and must not cut the user off.
  const summary = h('div', { class: 'summary', id: 'submit-summary', 'aria-live': 'polite', tabindex: -1 });
  let summaryOn = false; // from a submit with errors until the form is reset or submitted
  let summaryKey = '';
  let summaryQueued = false;
  const ptime = processingTime(schema);
  replace(info, ptime ? t('submit.time', { time: timeText(ptime) }) : '');

  const plain = [];
  const files = [];
  for (const f of fields) (isFileField(f) ? files : plain).push(f);

  const opts = () => ({ locale: lang(), today: fmt.todayVn() });

  function control(f) {
    const id = `f-${f.name}`;
    const errId = `${id}-error`;
    const hintId = `${id}-hint`;
    const hintText = label(f, 'hint') || label(f, 'help') || label(f, 'description') || (isFileField(f) ? attachHint(f) : '');
    const describedBy = [hintText ? hintId : null, errId].filter(Boolean).join(' ');
    const common = { id, name: f.name, 'aria-describedby': describedBy, required: !!f.required };
    const type = String(f.type || 'text');
    const options = f.options ?? f.enum ?? f.choices;
    const error = h('p', { class: 'field-error', id: errId, 'aria-live': 'polite' });
    const hint = hintText ? h('small', { class: 'hint', id: hintId, text: hintText }) : null;
    const reqMark = f.required ? [h('span', { class: 'req', text: ' *', 'aria-hidden': 'true' }), h('span', { class: 'visually-hidden', text: ` ${t('submit.required')}` })] : [];
    const labelEl = () => h('label', { for: id }, h('span', { class: 'label-text', text: label(f) || f.name }), reqMark);
    const c = { field: f, error, shown: false, edited: false, timer: null, fileMeta: null };

    if (f.multiple && Array.isArray(options)) {
      // Several choices (e.g. driving-licence classes): a group of checkboxes.
      c.kind = 'multi';
      const boxes = options.map((o, i) => {
        const value = typeof o === 'object' ? String(o.value ?? o.code) : String(o);
        const text = typeof o === 'object' ? (label(o) || value) : String(o);
        const cb = h('input', { type: 'checkbox', id: `${id}-${i}`, name: f.name, value });
        return { cb, el: h('label', { class: 'choice', for: cb.id }, cb, h('span', { text })) };
      });
      c.inputs = boxes.map((b) => b.cb);
      c.focusEl = c.inputs[0];
      c.get = () => c.inputs.filter((x) => x.checked).map((x) => x.value);
      c.set = (v) => { const s = new Set(Array.isArray(v) ? v.map(String) : []); for (const x of c.inputs) x.checked = s.has(x.value); };
      c.invalidEl = null;
      c.wrap = h('fieldset', { class: 'field choices wide', id, 'aria-describedby': describedBy },
        h('legend', {}, h('span', { class: 'label-text', text: label(f) || f.name }), reqMark),
        h('div', { class: 'choice-list' }, boxes.map((b) => b.el)), hint, error);
    } else if (['commune', 'ward'].includes(type)) {
      c.kind = 'combo';
      c.combo = combobox({ ...common, 'aria-describedby': describedBy }, {
        label: label(f) || f.name,
        onchange: (ev) => (ev?.typing ? edited(f.name) : committed(f.name)),
      });
      c.focusEl = c.combo.input;
      c.invalidEl = c.combo.input;
      c.get = () => c.combo.value();
      c.set = (v) => c.combo.setValue(v);
      c.wrap = h('div', { class: 'field' }, labelEl(), c.combo.root,
        hint ?? h('small', { class: 'hint', id: hintId, text: t('combo.hint') }), error);
      c.combo.input.setAttribute('aria-describedby', `${hintId} ${errId}`);
    } else {
      let el;
      if (Array.isArray(options) || type === 'select' || type === 'radio') {
        c.kind = 'select';
        el = h('select', common, h('option', { value: '', text: t('submit.pick') }),
          (options || []).map((o) => (typeof o === 'object' ? h('option', { value: o.value ?? o.code, text: label(o) || o.value }) : h('option', { value: o, text: o }))));
      } else if (type === 'province') {
        c.kind = 'province';
        el = h('select', common, h('option', { value: '', text: t('submit.pick') }), (m.provinces() || []).map((u) => h('option', { value: u.code, text: u.name ?? u.code })));
        // The Nghệ An portal: its own province first, and again after "Làm lại" (the default option).
        const home = [...el.options].find((o) => o.value === '40');
        if (home) { home.defaultSelected = true; el.value = '40'; }
      } else if (['textarea', 'longText', 'multiline'].includes(type) || f.multiline) {
        c.kind = 'text';
        el = h('textarea', { ...common, rows: 3, maxlength: f.maxLength ?? null });
      } else if (['checkbox', 'boolean', 'consent'].includes(type)) {
        c.kind = 'check';
        el = h('input', { ...common, type: 'checkbox' });
      } else if (isFileField(f)) {
        c.kind = 'file';
        el = h('input', { ...common, type: 'file', multiple: type === 'files' || (f.maxFiles ?? 1) > 1, accept: acceptOf(f) });
      } else {
        const dayPrecision = !f.precision || f.precision === 'day';
        const htmlType = { date: dayPrecision ? 'date' : 'text', birthDate: 'date', email: 'email', number: 'text', integer: 'text', phone: 'tel' }[type] ?? 'text';
        // A whole number ("integer": true) gets the digits-only keypad; a decimal keeps its comma key.
        const mode = type === 'number' && f.integer ? 'numeric'
          : { citizenId: 'numeric', taxCode: 'numeric', phone: 'tel', number: 'decimal', integer: 'numeric', socialInsurance: 'numeric', postalCode: 'numeric' }[type];
        const auto = { name: 'name', fullName: 'name', phone: 'tel', email: 'email', address: 'street-address' }[type];
        c.kind = htmlType === 'date' ? 'date' : 'text';
        el = h('input', { ...common, type: htmlType, inputmode: mode ?? null, autocomplete: auto ?? null, maxlength: f.maxLength ?? null, placeholder: label(f, 'placeholder') || null });
      }
      c.el = el;
      c.focusEl = el;
      c.invalidEl = el;
      if (c.kind === 'check') { c.get = () => el.checked; c.set = (v) => { el.checked = !!v; }; } else if (c.kind === 'file') {
        c.get = () => c.fileMeta ?? (el.multiple ? [] : null);
        c.set = () => {};
        c.kept = h('small', { class: 'hint kept', 'aria-live': 'polite' });
      } else { c.get = () => el.value; c.set = (v) => { el.value = v ?? ''; }; }
      c.wrap = h('div', { class: `field${c.kind === 'check' ? ' check' : ''}${type === 'textarea' || type === 'address' || f.multiline ? ' wide' : ''}` },
        c.kind === 'check' ? [el, labelEl()] : [labelEl(), el], c.kept, hint, error);
    }
    controls.set(f.name, c);
    return c.wrap;
  }

  function attachHint(f) {
    const a = f.accept ?? f.types;
    const names = { pdf: 'PDF', image: t('submit.image'), jpeg: 'JPEG', jpg: 'JPEG', png: 'PNG', docx: 'DOCX', xlsx: 'XLSX', odt: 'ODT' };
    const types = (Array.isArray(a) ? a : (a ? [a] : [])).map((x) => names[x] ?? x).join(', ') || '—';
    return f.maxSize ? t('submit.attachHint', { types, size: fmt.bytes(f.maxSize) }) : types;
  }

  function acceptOf(f) {
    const a = f.accept ?? f.types ?? f.allowedTypes;
    if (!a) return null;
    const MAP = { pdf: '.pdf,application/pdf', image: 'image/*', jpeg: '.jpg,.jpeg', jpg: '.jpg,.jpeg', png: '.png', gif: '.gif', webp: '.webp', tiff: '.tif,.tiff', heic: '.heic,.heif', docx: '.docx', xlsx: '.xlsx', odt: '.odt', doc: '.doc', xls: '.xls' };
    return (Array.isArray(a) ? a : [a]).map((x) => (x.includes('/') || x.startsWith('.') ? x : (MAP[x] ?? `.${x}`))).join(',');
  }

  async function fileMeta(input) {
    const list = [...input.files];
    const metas = await Promise.all(list.map(async (file) => ({
      name: file.name, size: file.size, type: file.type,
      head: new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()),
    })));
    return input.multiple ? metas : (metas[0] ?? null);
  }
  const metaList = (c) => (c.fileMeta ? (Array.isArray(c.fileMeta) ? c.fileMeta : [c.fileMeta]) : []);

  function values() {
    const v = {};
    for (const [name, c] of controls) v[name] = c.get();
    return v;
  }

  /** The sentence shown for an issue: the validator's, except where the page knows better. */
  function message(c, issue) {
    const f = c.field;
    if (issue.code === 'required' && CHOICE_KINDS.has(c.kind)) return t('err.choose', { label: label(f) || f.name });
    if (issue.code === 'fileTypeNotAllowed' || issue.code === 'fileTypeMismatch') {
      // A file named .pdf whose bytes are not a PDF: say so, not "wrong type (pdf, jpg…)".
      const accepted = new Set((Array.isArray(f.accept) ? f.accept : [f.accept ?? '']).flatMap((x) => (x === 'image' ? [...IMAGE_TYPES] : [x === 'jpeg' ? 'jpg' : x])));
      for (const file of metaList(c)) {
        const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
        const known = ext && EXT_TYPES[ext];
        if (known && accepted.has(known[0])) return t('attach.notReally', { file: file.name, ext, type: known[1] });
      }
    }
    return issue.message;
  }

  /** Shows the first issue of a field (or none). */
  function display(name, issues) {
    const c = controls.get(name);
    if (!c) return;
    clearTimeout(c.timer);
    const first = issues.find((i) => i.field === name || i.field == null);
    const text = first ? message(c, first) : '';
    if (c.error.textContent !== text) c.error.textContent = text;
    if (c.invalidEl) c.invalidEl.setAttribute('aria-invalid', first ? 'true' : 'false');
    if (c.inputs) for (const x of c.inputs) x.setAttribute('aria-invalid', first ? 'true' : 'false');
    c.wrap.classList.toggle('invalid', !!first);
    queueSummary();
  }

  /** The errors the validator gives no field of the form for (shown in the summary only). */
  function orphanErrors() {
    try {
      return validator.validate(values(), opts()).errors.filter((i) => !controls.has(i.field));
    } catch (err) {
      return [{ field: null, code: 'error', message: errorText(err, lang()) }];
    }
  }
  /** The summary counts the errors shown now, not those of the last submit (once per event). */
  function queueSummary() {
    if (!summaryOn || summaryQueued) return;
    summaryQueued = true;
    queueMicrotask(() => { summaryQueued = false; renderSummary(); });
  }
  function renderSummary(orphans = summaryOn ? orphanErrors() : []) {
    if (!summaryOn) { summaryKey = ''; summary.replaceChildren(); return; }
    const n = [...controls.values()].filter((c) => c.wrap.classList.contains('invalid')).length + orphans.length;
    const key = [lang(), n, ...orphans.map((i) => i.message)].join('\n');
    if (key === summaryKey) return; // unchanged: not announced again
    summaryKey = key;
    replace(summary, n ? h('p', { class: 'error', text: t('submit.errorsSummary', { n }) }) : h('p', { class: 'ok', text: t('submit.noErrors') }),
      orphans.length ? h('ul', {}, orphans.map((i) => h('li', { text: i.message }))) : null);
  }

  function check(name) {
    const c = controls.get(name);
    if (!c) return [];
    try {
      return validator.validateField(name, values(), opts());
    } catch (e) {
      return [{ field: name, code: 'error', message: errorText(e, lang()) }];
    }
  }

  const groups = ruleGroups(schema, new Set(fields.map((f) => f.name)));
  /** Re-checks the fields tied to `name` by a rule, where the user has already seen them. */
  function refreshRelated(name) {
    const done = new Set([name]);
    for (const g of groups) {
      if (!g.has(name)) continue;
      for (const other of g) {
        if (done.has(other)) continue;
        done.add(other);
        if (controls.get(other)?.shown) display(other, check(other));
      }
    }
  }

  /** The user typed: fixed ⇒ the error goes at once; still wrong ⇒ no new error until a pause or leaving. */
  function edited(name) {
    const c = controls.get(name);
    c.edited = true;
    const issues = check(name);
    const first = issues.find((i) => i.field === name || i.field == null);
    if (!first) display(name, []);
    else if (c.error.textContent !== message(c, first)) {
      display(name, []);
      if (c.shown) c.timer = setTimeout(() => display(name, check(name)), PAUSE_MS);
    }
    refreshRelated(name);
  }
  /** A choice was made (select, checkbox, file, date, commune): checked at once. */
  function committed(name) {
    const c = controls.get(name);
    c.shown = true;
    c.edited = true;
    display(name, check(name));
    refreshRelated(name);
  }
  /** The user left the field. */
  function left(name) {
    const c = controls.get(name);
    const v = c.get();
    if (!c.shown && !c.edited && (v === '' || v === null)) return; // passed through: no scolding
    c.shown = true;
    display(name, check(name));
  }

  const form = h('form', { id: 'submit-form', class: 'citizen-form', novalidate: true },
    h('h3', { class: 'form-title', text: label(schema, 'title') }),
    h('div', { class: 'grid' }, plain.map(control)),
    files.length ? h('fieldset', { class: 'attachments' }, h('legend', { text: t('submit.attachments') }), files.map(control)) : null,
    summary,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'submit-button', text: t('submit.button') }),
      h('button', { type: 'reset', class: 'secondary', text: t('submit.reset') })));

  // Province → communes: the commune list follows the chosen province.
  for (const [, c] of controls) {
    if (c.kind !== 'combo') continue;
    const provName = c.field.provinceField ?? c.field.province ?? [...controls.values()].find((x) => x.field.type === 'province')?.field.name;
    const prov = provName ? controls.get(provName) : null;
    const fill = () => {
      let list = [];
      try { list = prov?.el.value ? m.communes(prov.el.value) : []; } catch { list = []; }
      c.combo.setOptions((list || []).map((u) => ({ value: u.code, text: u.name ?? u.code })));
    };
    c.fill = fill;
    prov?.el.addEventListener('change', fill);
    fill();
  }

  for (const [name, c] of controls) {
    if (c.kind === 'combo') {
      c.combo.input.addEventListener('blur', () => setTimeout(() => left(name)));
    } else if (c.kind === 'multi') {
      for (const x of c.inputs) x.addEventListener('change', () => committed(name));
    } else if (c.kind === 'file') {
      c.el.addEventListener('change', async () => {
        c.fileMeta = await fileMeta(c.el);
        c.kept.textContent = '';
        committed(name);
      });
    } else if (c.kind === 'text') {
      c.el.addEventListener('input', () => edited(name));
      c.el.addEventListener('blur', () => left(name));
    } else {
      // select, checkbox, province, date: a complete choice each time.
      c.el.addEventListener('change', () => committed(name));
      c.el.addEventListener('blur', () => left(name));
    }
  }

  form.addEventListener('reset', () => {
    setTimeout(() => {
      for (const [name, c] of controls) {
        c.shown = false; c.edited = false; c.fileMeta = null;
        // The reset put the province back without a change event: the communes follow it here.
        if (c.kind === 'combo') { c.fill?.(); c.combo.reset(); }
        if (c.kept) c.kept.textContent = '';
        display(name, []);
      }
      summaryOn = false;
      renderSummary();
    });
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const vals = values();
    let result;
    try {
      result = validator.validate(vals, opts());
    } catch (err) {
      result = { valid: false, errors: [{ field: null, code: 'error', message: errorText(err, lang()) }], warnings: [], values: vals };
    }
    let errors = [...result.errors];
    for (const [name, c] of controls) { c.shown = true; display(name, errors.filter((i) => i.field === name)); }
    const orphans = errors.filter((i) => !controls.has(i.field));
    const invalid = fields.map((f) => controls.get(f.name)).filter((c) => c && c.wrap.classList.contains('invalid'));
    summaryOn = errors.length > 0;
    renderSummary(orphans);
    if (errors.length) {
      (invalid[0] ? invalid[0].focusEl : summary).focus();
      return;
    }
    form.hidden = true;
    onReceipt(newReceipt(schema, result.values ?? vals, ptime));
  });

  replace(box, form);
  return {
    relabel() {
      // Re-render in the new language, keeping what was typed and which errors were shown.
      const state = [...controls].map(([n, c]) => [n, { v: c.get(), shown: c.shown, edited: c.edited, meta: c.fileMeta }]);
      const wasHidden = form.hidden;
      const again = buildForm(schema, box, info, onReceipt);
      again.restore(new Map(state), { summary: summaryOn });
      if (wasHidden) again.hide();
      return again;
    },
    hide() { form.hidden = true; },
    restore(state, { summary: withSummary = false } = {}) {
      summaryOn = withSummary;
      // Communes last, each list refilled from its restored province first (else a commune of
      // another province than Nghệ An is not found in the list and shows as its code).
      const ordered = [...controls].sort(([, x], [, y]) => (x.kind === 'combo') - (y.kind === 'combo'));
      for (const [n, c] of ordered) {
        const s = state.get(n);
        if (!s) continue;
        if (c.kind === 'combo') c.fill?.();
        if (c.kind === 'file') {
          c.fileMeta = s.meta ?? null;
          const names = metaList(c).map((x) => x.name);
          c.kept.textContent = names.length ? t('submit.kept', { files: names.join(', ') }) : '';
        } else c.set(s.v);
        c.shown = s.shown;
        c.edited = s.edited;
      }
      for (const [n, c] of controls) if (c.shown) display(n, check(n));
      renderSummary();
    },
  };
}

/** The procedure's name from the catalogue (else the form's title), with its national code. */
function procedureName(schema) {
  const code = schema.procedureCode ?? schema.code ?? null;
  const c = procedureByCode(code);
  const name = c ? pick(c.name) : label(schema, 'title');
  return code ? `${name} (${code})` : name;
}

/** Dossier code (mã hồ sơ, Decree 61): agency code + receipt date (yymmdd) + sequence of the day. */
function dossierCode(schema, receivedAt) {
  const agency = schema.agencyCode ?? 'H40';
  const ymd = receivedAt.slice(2, 10).replaceAll('-', '');
  let seq = 1;
  try {
    const key = `tthc.seq.${ymd}`;
    seq = Number(localStorage.getItem(key) || 0) + 1;
    localStorage.setItem(key, String(seq));
  } catch { /* private mode: 1 */ }
  return `${agency}-${ymd}-${String(seq).padStart(4, '0')}`;
}

/** What a receipt records (language-independent): rendered, and re-rendered on a language switch. */
function newReceipt(schema, values, ptime) {
  const receivedAt = fmt.nowVn();
  const code = dossierCode(schema, receivedAt);
  let due = null;
  let dueError = null;
  if (ptime) {
    try {
      const req = { receivedAt, amount: ptime.amount, unit: ptime.unit };
      if (ptime.cutoff) req.cutoff = ptime.cutoff;
      due = defaultCalendar().dueDate(req);
    } catch (e) { dueError = e; }
  }
  return { schema, values, ptime, receivedAt, code, due, dueError };
}

function renderReceipt(r, box, onNew, { focus = true } = {}) {
  const { schema, values, ptime, receivedAt, code, due } = r;
  const fields = fieldsOf(schema);
  // The person who submits: an applicant field, else the form's full name, else its first name field.
  const nameField = fields.find((f) => /^applicant(Name)?$/i.test(f.name))
    ?? fields.find((f) => /^(fullName|hoTen|name)$/i.test(f.name))
    ?? fields.find((f) => ['name', 'fullName'].includes(f.type));
  const applicant = nameField ? String(values[nameField.name] ?? '') : '';
  const items = fields.filter(isFileField).flatMap((f) => {
    const v = values[f.name];
    const list = Array.isArray(v) ? v : (v ? [v] : []);
    return list.map((x) => `${label(f)}: ${x.name}`);
  });
  const dueError = r.dueError ? errorText(r.dueError, lang()) : t('receipt.noTime');
  const row = (k, v, id) => [h('dt', { text: t(k) }), h('dd', { id }, v)];
  const slip = h('article', { class: 'receipt', id: 'receipt', 'aria-labelledby': 'receipt-h', tabindex: -1, lang: lang() },
    h('header', { class: 'receipt-head' },
      h('div', {}, h('p', { class: 'org', text: t('receipt.centre') }), h('p', { class: 'code-line', text: `${t('receipt.code')}: ${code}` })),
      h('div', { class: 'motto' }, h('p', { class: 'strong', text: t('receipt.nation') }), h('p', { text: t('receipt.motto') }))),
    h('h3', { id: 'receipt-h', text: t('receipt.heading') }),
    h('p', { class: 'form-no', text: t('receipt.form') }),
    h('dl', { class: 'facts' },
      row('receipt.code', h('strong', { text: code }), 'receipt-code'),
      row('receipt.procedure', procedureName(schema), 'receipt-procedure'),
      applicant ? row('receipt.applicant', applicant, 'receipt-applicant') : null,
      ptime ? row('receipt.time', timeText(ptime), 'receipt-time') : null,
      row('receipt.receivedAt', fmt.dateTimeLong(`${receivedAt}:00+07:00`), 'receipt-received'),
      row('receipt.dueAt', due ? h('strong', { text: fmt.dateTimeLong(due.dueAt) }) : t('receipt.noDue', { error: dueError }), 'receipt-due'),
      items.length ? row('receipt.items', h('ul', {}, items.map((x) => h('li', { text: x }))), 'receipt-items') : null),
    due?.estimated ? h('p', { class: 'note', text: t('receipt.estimated') }) : null,
    h('div', { class: 'signatures' },
      h('div', {}, h('p', { class: 'role', text: t('receipt.applicantSign') }), h('p', { class: 'note', text: t('receipt.signHint') }), applicant ? h('p', { text: applicant }) : null),
      h('div', {}, h('p', { class: 'role', text: t('receipt.officerSign') }), h('p', { class: 'note', text: t('receipt.signHint') }))),
    h('div', { class: 'actions no-print' },
      h('button', { type: 'button', id: 'receipt-print', text: t('receipt.print'), onclick: () => window.print() }),
      h('button', { type: 'button', class: 'secondary', id: 'receipt-new', text: t('receipt.new'), onclick: () => {
        box.replaceChildren();
        onNew();
        const f = document.getElementById('submit-form');
        if (f) { f.reset(); f.hidden = false; f.querySelector('input,select,textarea')?.focus(); }
      } })));
  if (due) slip.dataset.dueAt = due.dueAt;
  replace(box, h('p', { class: 'ok', role: 'status', text: t('submit.ok') }), slip);
  if (focus) slip.focus();
}
