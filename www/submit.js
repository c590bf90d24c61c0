// Nộp hồ sơ — a citizen form generated from a procedure's JSON form schema (assets/forms/*.json),
// validated live by tthc's FormValidator (errors under each field, announced via aria-live,
// focus to the first error on submit), attachments checked, and on success the receipt slip
// (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) with the dossier code and the appointment computed by
// the due-date engine, printable.
import { h, replace } from './dom.js';
import { t, lang, pick } from './i18n.js';
import { engine, errorText, defaultCalendar, has } from './engine.js';
import { catalog, SAMPLE_CATALOG } from './catalog.js';
import * as fmt from './fmt.js';
import { timeText } from './due.js';

const FORMS_DIR = './assets/forms/';
const HEAD_BYTES = 64; // the validator decides a file's type by its magic bytes

/** Reads a bilingual label in any of the shapes a schema may use. */
function label(obj, key = 'label') {
  if (!obj) return '';
  const v = obj[key];
  if (v && typeof v === 'object') return pick(v);
  if (lang() === 'en' && obj[`${key}En`]) return obj[`${key}En`];
  return v ?? obj[`${key}Vi`] ?? (key === 'label' ? obj.name : '') ?? '';
}

/** The schema's fields as an array of { name, ... } (array or object map). */
export function fieldsOf(schema) {
  const f = schema.fields ?? schema.properties ?? [];
  if (Array.isArray(f)) return f;
  return Object.entries(f).map(([name, v]) => ({ name, ...v }));
}

const isFileField = (f) => ['file', 'files', 'attachment', 'attachments'].includes(f.type);

async function fetchJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${r.status} ${url}`);
  return r.json();
}

/** The sample forms offered: www/forms.json lists their ids (files assets/forms/<id>.json). */
async function formIndex() {
  try {
    const idx = await fetchJson('./forms.json');
    const list = Array.isArray(idx) ? idx : (idx.forms ?? []);
    return list.map((x) => {
      const id = String(typeof x === 'string' ? x : x.id).replace(/\.json$/, '');
      return { id, file: `${id}.json` };
    });
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

  select.addEventListener('change', async () => {
    receiptBox.replaceChildren();
    const i = select.value === '' ? null : forms.findIndex((f) => f.id === select.value);
    if (i === null || i < 0) { formBox.replaceChildren(); info.textContent = ''; current = null; return; }
    try {
      const schema = schemas.get(i) ?? await fetchJson(FORMS_DIR + forms[i].file);
      schemas.set(i, schema);
      current = buildForm(schema, formBox, info, receiptBox);
    } catch (e) {
      formBox.replaceChildren();
      info.textContent = t('submit.loadFailed', { name: forms[i].file, error: errorText(e, lang()) });
    }
  });
  // Deep link: #nop-ho-so?form=0 is not needed; preselect the first form for a quicker demo.
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
  });
}

/** The statutory time of the schema's procedure: schema fields, else the catalogue entry. */
function processingTime(schema) {
  const p = schema.processingTime ?? schema.deadline ?? schema.time ?? null;
  if (p && typeof p === 'object' && p.unit) return { amount: Number(p.amount ?? 0), unit: p.unit, cutoff: p.cutoff ?? null };
  if (schema.unit) return { amount: Number(schema.amount ?? 0), unit: schema.unit, cutoff: schema.cutoff ?? null };
  const code = schema.procedureCode ?? schema.code ?? schema.procedure?.code;
  const c = catalog().find((x) => x.code === code) ?? SAMPLE_CATALOG.find((x) => x.code === code);
  if (c) return { amount: c.amount, unit: c.unit, cutoff: c.cutoff ?? null };
  return null;
}

function buildForm(schema, box, info, receiptBox) {
  const m = engine();
  const validator = has('FormValidator') ? new m.FormValidator(schema) : null;
  const fields = fieldsOf(schema);
  const controls = new Map(); // name → { field, el, error, wrap, touched }
  const summary = h('div', { class: 'summary', id: 'submit-summary', 'aria-live': 'assertive', tabindex: -1 });
  const ptime = processingTime(schema);
  replace(info, ptime ? t('submit.time', { time: timeText(ptime) }) : '', validator ? '' : ` ${t('app.missing', { name: 'FormValidator' })}`);

  const plain = [];
  const files = [];
  for (const f of fields) (isFileField(f) ? files : plain).push(f);

  const opts = () => ({ locale: lang(), today: fmt.todayVn() });

  function control(f) {
    const id = `f-${f.name}`;
    const errId = `${id}-error`;
    const hintId = `${id}-hint`;
    const hintText = label(f, 'hint') || label(f, 'help') || label(f, 'description') || (isFileField(f) ? attachHint(f) : '');
    const common = { id, name: f.name, 'aria-describedby': [hintText ? hintId : null, errId].filter(Boolean).join(' '), required: !!f.required };
    let el;
    const type = String(f.type || 'text');
    const options = f.options ?? f.enum ?? f.choices;
    if (Array.isArray(options) || type === 'select' || type === 'radio') {
      el = h('select', common, h('option', { value: '', text: '—' }),
        (options || []).map((o) => (typeof o === 'object' ? h('option', { value: o.value ?? o.code, text: label(o) || o.value }) : h('option', { value: o, text: o }))));
    } else if (type === 'province' && has('provinces')) {
      el = h('select', common, h('option', { value: '', text: '—' }), unitOptions(m.provinces()));
      if ([...el.options].some((o) => o.value === '40')) el.value = '40'; // the Nghệ An portal: its own province first
    } else if (['commune', 'ward'].includes(type) && has('communes')) {
      el = h('select', common, h('option', { value: '', text: '—' }));
    } else if (['textarea', 'longText', 'multiline'].includes(type) || f.multiline) {
      el = h('textarea', { ...common, rows: 3, maxlength: f.maxLength ?? null });
    } else if (['checkbox', 'boolean', 'consent'].includes(type)) {
      el = h('input', { ...common, type: 'checkbox' });
    } else if (isFileField(f)) {
      el = h('input', { ...common, type: 'file', multiple: type === 'files' || (f.maxFiles ?? 1) > 1, accept: acceptOf(f) });
    } else {
      const dayPrecision = !f.precision || f.precision === 'day';
      const htmlType = { date: dayPrecision ? 'date' : 'text', birthDate: 'date', email: 'email', number: 'text', integer: 'text', phone: 'tel' }[type] ?? 'text';
      const mode = { citizenId: 'numeric', taxCode: 'numeric', phone: 'tel', number: 'decimal', integer: 'numeric', socialInsurance: 'numeric', postalCode: 'numeric' }[type];
      const auto = { name: 'name', fullName: 'name', phone: 'tel', email: 'email', address: 'street-address' }[type];
      el = h('input', { ...common, type: htmlType, inputmode: mode ?? null, autocomplete: auto ?? null, maxlength: f.maxLength ?? null, placeholder: label(f, 'placeholder') || null });
    }
    const error = h('p', { class: 'field-error', id: errId, 'aria-live': 'polite' });
    const labelEl = h('label', { for: id }, h('span', { class: 'label-text', text: label(f) || f.name }),
      f.required ? h('span', { class: 'req', text: ' *', 'aria-hidden': 'true' }) : null,
      f.required ? h('span', { class: 'visually-hidden', text: ` ${t('submit.required')}` }) : null);
    const hint = hintText ? h('small', { class: 'hint', id: hintId, text: hintText }) : null;
    const wrap = h('div', { class: `field${el.type === 'checkbox' ? ' check' : ''}${type === 'textarea' || type === 'address' ? ' wide' : ''}` },
      el.type === 'checkbox' ? [el, labelEl] : [labelEl, el], hint, error);
    controls.set(f.name, { field: f, el, error, wrap, touched: false, fileMeta: null });
    return wrap;
  }

  function attachHint(f) {
    const a = f.accept ?? f.types;
    const names = { pdf: 'PDF', image: lang() === 'en' ? 'image' : 'ảnh', jpeg: 'JPEG', jpg: 'JPEG', png: 'PNG', docx: 'DOCX', xlsx: 'XLSX', odt: 'ODT' };
    const types = (Array.isArray(a) ? a : (a ? [a] : [])).map((x) => names[x] ?? x).join(', ') || '—';
    return f.maxSize ? t('submit.attachHint', { types, size: fmt.bytes(f.maxSize) }) : types;
  }

  function acceptOf(f) {
    const a = f.accept ?? f.types ?? f.allowedTypes;
    if (!a) return null;
    const MAP = { pdf: '.pdf,application/pdf', image: 'image/*', jpeg: '.jpg,.jpeg', jpg: '.jpg,.jpeg', png: '.png', gif: '.gif', webp: '.webp', tiff: '.tif,.tiff', heic: '.heic,.heif', docx: '.docx', xlsx: '.xlsx', odt: '.odt', doc: '.doc', xls: '.xls' };
    return (Array.isArray(a) ? a : [a]).map((x) => (x.includes('/') || x.startsWith('.') ? x : (MAP[x] ?? `.${x}`))).join(',');
  }

  function unitOptions(list) {
    const arr = Array.isArray(list) ? list : [];
    return arr.map((u) => h('option', { value: u.code, text: u.name ?? u.code }));
  }

  async function fileMeta(input) {
    const list = [...input.files];
    const metas = await Promise.all(list.map(async (file) => ({
      name: file.name, size: file.size, type: file.type,
      head: new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()),
    })));
    return input.multiple ? metas : (metas[0] ?? null);
  }

  function values() {
    const v = {};
    for (const [name, c] of controls) {
      if (c.el.type === 'checkbox') v[name] = c.el.checked;
      else if (c.el.type === 'file') v[name] = c.fileMeta ?? (c.el.multiple ? [] : null);
      else v[name] = c.el.value;
    }
    return v;
  }

  function showIssues(name, issues) {
    const c = controls.get(name);
    if (!c) return;
    const errs = issues.filter((i) => i.field === name || i.field == null || i.field === undefined);
    c.error.textContent = errs.map((i) => i.message).join(' ');
    c.el.setAttribute('aria-invalid', errs.length ? 'true' : 'false');
    c.wrap.classList.toggle('invalid', errs.length > 0);
  }

  function checkField(name) {
    const c = controls.get(name);
    if (!validator || !c) return [];
    let issues = [];
    try {
      issues = validator.validateField(name, values(), opts());
    } catch (e) {
      issues = [{ field: name, code: 'error', message: errorText(e, lang()) }];
    }
    showIssues(name, issues);
    return issues;
  }

  // Attachments also get a local check (size, type, emptiness) when the module has no file rules.
  function localFileIssues(name) {
    const c = controls.get(name);
    const f = c.field;
    const list = c.fileMeta ? (Array.isArray(c.fileMeta) ? c.fileMeta : [c.fileMeta]) : [];
    const issues = [];
    if (!list.length && f.required) issues.push({ field: name, code: 'missingAttachment', message: t('attach.required', { name: label(f) }) });
    const max = f.maxSize ?? f.maxBytes ?? null;
    const accept = acceptOf(f);
    for (const file of list) {
      if (file.size === 0) issues.push({ field: name, code: 'emptyFile', message: t('attach.empty', { file: file.name }) });
      if (max && file.size > max) issues.push({ field: name, code: 'fileTooLarge', message: t('attach.tooBig', { file: file.name, size: fmt.bytes(max) }) });
      const okType = (a) => (a.startsWith('.') ? file.name.toLowerCase().endsWith(a.toLowerCase()) : (a.endsWith('/*') ? file.type.startsWith(a.slice(0, -1)) : file.type === a));
      if (accept && !accept.split(',').some(okType)) {
        issues.push({ field: name, code: 'fileTypeNotAllowed', message: t('attach.badType', { file: file.name, types: accept }) });
      }
    }
    return issues;
  }

  const form = h('form', { id: 'submit-form', class: 'citizen-form', novalidate: true },
    h('h3', { class: 'form-title', text: label(schema, 'title') }),
    h('div', { class: 'grid' }, plain.map(control)),
    files.length ? h('fieldset', { class: 'attachments' }, h('legend', { text: t('submit.attachments') }), files.map(control)) : null,
    summary,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'submit-button', text: t('submit.button') }),
      h('button', { type: 'reset', class: 'secondary', text: t('submit.reset') })));

  // Province → communes cascade when the module has the 2025 unit list.
  for (const [, c] of controls) {
    if (['commune', 'ward'].includes(c.field.type) && has('communes')) {
      const provName = c.field.provinceField ?? c.field.province ?? [...controls.values()].find((x) => x.field.type === 'province')?.field.name;
      const prov = provName ? controls.get(provName) : null;
      const fill = () => {
        let list = [];
        try { list = prov?.el.value ? m.communes(prov.el.value) : []; } catch { list = []; }
        replace(c.el, h('option', { value: '', text: '—' }), unitOptions(list));
      };
      prov?.el.addEventListener('change', fill);
      fill();
    }
  }

  for (const [name, c] of controls) {
    const ev = c.el.tagName === 'SELECT' || c.el.type === 'checkbox' || c.el.type === 'file' || c.el.type === 'date' ? 'change' : 'input';
    c.el.addEventListener(ev, async () => {
      if (c.el.type === 'file') {
        c.fileMeta = await fileMeta(c.el);
        c.touched = true;
      }
      if (c.touched) {
        const issues = checkField(name);
        if (c.el.type === 'file' && !issues.length && !validator) showIssues(name, localFileIssues(name));
      }
    });
    c.el.addEventListener('blur', () => {
      if (c.el.type === 'file') return;
      if (!c.touched && c.el.value === '' && c.el.type !== 'checkbox') return; // don't scold a field merely passed through
      c.touched = true;
      checkField(name);
    });
  }

  form.addEventListener('reset', () => {
    setTimeout(() => {
      for (const [name, c] of controls) { c.touched = false; c.fileMeta = null; showIssues(name, []); }
      summary.textContent = '';
    });
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const vals = values();
    let result;
    try {
      result = validator ? validator.validate(vals, opts()) : { valid: true, errors: [], warnings: [], values: vals };
    } catch (err) {
      result = { valid: false, errors: [{ field: null, code: 'error', message: errorText(err, lang()) }], warnings: [], values: vals };
    }
    let errors = [...result.errors];
    for (const f of files) {
      const local = localFileIssues(f.name).filter((i) => !errors.some((x) => x.field === i.field && x.code === i.code));
      if (!validator || !errors.some((x) => x.field === f.name)) errors = errors.concat(local);
    }
    for (const [name, c] of controls) { c.touched = true; showIssues(name, errors.filter((i) => i.field === name)); }
    const orphans = errors.filter((i) => !controls.has(i.field));
    if (errors.length) {
      replace(summary, h('p', { class: 'error', text: t('submit.errorsSummary', { n: errors.length }) }),
        orphans.length ? h('ul', {}, orphans.map((i) => h('li', { text: i.message }))) : null);
      const first = fields.map((f) => controls.get(f.name)).find((c) => c && c.el.getAttribute('aria-invalid') === 'true');
      (first ? first.el : summary).focus();
      return;
    }
    summary.textContent = '';
    showReceipt(schema, result.values ?? vals, receiptBox, form, ptime);
  });

  replace(box, form);
  return {
    relabel() {
      // Re-render in the new language, keeping what was typed.
      const vals = new Map([...controls].map(([n, c]) => [n, c.el.type === 'checkbox' ? c.el.checked : c.el.value]));
      const touched = new Set([...controls].filter(([, c]) => c.touched).map(([n]) => n));
      const metas = new Map([...controls].map(([n, c]) => [n, c.fileMeta]));
      const wasHidden = form.hidden;
      const again = buildForm(schema, box, info, receiptBox);
      again.restore(vals, touched, metas);
      if (wasHidden) again.hide();
      return again;
    },
    hide() { form.hidden = true; },
    restore(vals, touched, metas) {
      for (const [n, c] of controls) {
        if (c.el.type === 'checkbox') c.el.checked = !!vals.get(n);
        else if (c.el.type !== 'file' && vals.has(n)) c.el.value = vals.get(n);
        c.fileMeta = metas.get(n) ?? null;
        if (touched.has(n)) { c.touched = true; checkField(n); }
      }
    },
  };
}

/** The procedure's name from the catalogue (else the form's title), with its national code. */
function procedureName(schema) {
  const code = schema.procedureCode ?? schema.code ?? null;
  const c = code ? (catalog().find((x) => x.code === code) ?? SAMPLE_CATALOG.find((x) => x.code === code)) : null;
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

function showReceipt(schema, values, box, form, ptime) {
  const receivedAt = fmt.nowVn();
  const code = dossierCode(schema, receivedAt);
  let due = null;
  let dueError = null;
  if (ptime) {
    try {
      const req = { receivedAt, amount: ptime.amount, unit: ptime.unit };
      if (ptime.cutoff) req.cutoff = ptime.cutoff;
      due = defaultCalendar().dueDate(req);
    } catch (e) { dueError = errorText(e, lang()); }
  } else {
    dueError = '—';
  }
  const fields = fieldsOf(schema);
  const nameField = fields.find((f) => ['name', 'fullName'].includes(f.type) || /^(fullName|hoTen|applicantName|name)$/i.test(f.name));
  const applicant = nameField ? String(values[nameField.name] ?? '') : '';
  const items = fields.filter(isFileField).flatMap((f) => {
    const v = values[f.name];
    const list = Array.isArray(v) ? v : (v ? [v] : []);
    return list.map((x) => `${label(f)}: ${x.name}`);
  });
  const row = (k, v, id) => [h('dt', { text: t(k) }), h('dd', { id }, v)];
  const slip = h('article', { class: 'receipt', id: 'receipt', 'aria-labelledby': 'receipt-h', tabindex: -1 },
    h('header', { class: 'receipt-head' },
      h('div', {}, h('p', { class: 'org', text: t('receipt.centre') }), h('p', { class: 'code-line', text: `${t('receipt.code')}: ${code}` })),
      h('div', { class: 'motto' }, h('p', { class: 'strong', text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' }), h('p', { text: 'Độc lập - Tự do - Hạnh phúc' }))),
    h('h3', { id: 'receipt-h', text: t('receipt.heading') }),
    h('p', { class: 'form-no', text: t('receipt.form') }),
    h('dl', { class: 'facts' },
      row('receipt.code', h('strong', { text: code }), 'receipt-code'),
      row('receipt.procedure', procedureName(schema)),
      applicant ? row('receipt.applicant', applicant) : null,
      row('receipt.receivedAt', fmt.dateTimeLong(`${receivedAt}:00+07:00`), 'receipt-received'),
      row('receipt.dueAt', due ? h('strong', { text: fmt.dateTimeLong(due.dueAt) }) : t('receipt.noDue', { error: dueError }), 'receipt-due'),
      items.length ? row('receipt.items', h('ul', {}, items.map((x) => h('li', { text: x })))) : null),
    due?.estimated ? h('p', { class: 'note', text: t('receipt.estimated') }) : null,
    h('div', { class: 'signatures' },
      h('div', {}, h('p', { class: 'role', text: t('receipt.applicantSign') }), h('p', { class: 'note', text: t('receipt.signHint') }), applicant ? h('p', { text: applicant }) : null),
      h('div', {}, h('p', { class: 'role', text: t('receipt.officerSign') }), h('p', { class: 'note', text: t('receipt.signHint') }))),
    h('div', { class: 'actions no-print' },
      h('button', { type: 'button', id: 'receipt-print', text: t('receipt.print'), onclick: () => window.print() }),
      h('button', { type: 'button', class: 'secondary', text: t('receipt.new'), onclick: () => { box.replaceChildren(); const f = document.getElementById('submit-form') ?? form; f.reset(); f.hidden = false; f.querySelector('input,select,textarea')?.focus(); } })));
  if (due) slip.dataset.dueAt = due.dueAt;
  replace(box, h('p', { class: 'ok', role: 'status', text: t('submit.ok') }), slip);
  form.hidden = true;
  slip.focus();
}
