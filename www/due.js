// Tính ngày hẹn trả — the due-date desk: receipt time, procedure (statutory time from the
// catalogue), cut-off, pauses → the due date-time and the figures a clerk checks it against:
// the time limit, the working time counted, the paused time, how the start of counting was found
// (office hours, cut-off) and the office hours used; the days on a month calendar with holidays,
// compensatory days, worked Saturdays and paused days; the lunar date.
import { h, replace, newId } from './dom.js';
import { t, lang, pick } from './i18n.js';
import { engine, errorText, defaultCalendar } from './engine.js';
import { catalog } from './catalog.js';
import * as fmt from './fmt.js';
import { calendarStrip, monthsBetween, lunarText } from './calendar-view.js';

const UNITS = ['workingDays', 'workingHours', 'calendarDays', 'sameDay'];
const MAX_AMOUNT = 3650;

/** A labelled control with its hint and its error line (aria-describedby on both). */
function field(labelKey, control, hintKey) {
  const error = h('p', { class: 'field-error', id: `${control.id}-error`, 'aria-live': 'polite' });
  const hint = hintKey ? h('small', { class: 'hint', id: newId('hint'), text: t(hintKey), dataset: { i18n: hintKey } }) : null;
  control.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
  return h('div', { class: 'field' }, h('label', { for: control.id, text: t(labelKey), dataset: { i18n: labelKey } }), control, hint, error);
}

/** "07:30–12:00, 13:30–17:00". */
const hoursText = (ivs) => ivs.map((i) => `${i.start}–${i.end}`).join(', ');
/** "16/10", "15/4" from "10-16", "04-15". */
const monthDay = (md) => (md ? `${Number(md.slice(3, 5))}/${Number(md.slice(0, 2))}` : '');

/** The season's name in the page's language ("giờ mùa hè" …) from the calendar's label or start. */
function seasonText(hu) {
  const n = String(hu.seasonName ?? '');
  let key = null;
  if (/summer|hè/i.test(n) || (!n && hu.seasonFrom === '04-16')) key = 'due.summer';
  else if (/winter|đông/i.test(n) || (!n && hu.seasonFrom === '10-16')) key = 'due.winter';
  const name = key ? t(key) : (n || t('due.season'));
  return hu.seasonFrom ? `${name} (${monthDay(hu.seasonFrom)}–${monthDay(hu.seasonTo)})` : name;
}

/** Mounts the desk into its tab panel. */
export function mount(panel) {
  const cal = defaultCalendar();
  const procs = catalog();
  const received = h('input', { type: 'datetime-local', id: 'due-received', name: 'receivedAt', required: true, value: fmt.nowVn() });
  const proc = h('select', { id: 'due-procedure', name: 'procedure' });
  // Text, not type=number: Chromium reads "1,5" typed there as 15, and a Vietnamese clerk types a
  // decimal comma. parseDecimal reads "1,5" and "1.5" and refuses the rest.
  const amount = h('input', { type: 'text', id: 'due-amount', name: 'amount', value: 3, inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', required: true });
  const unit = h('select', { id: 'due-unit', name: 'unit' });
  const cutoff = h('input', { type: 'time', id: 'due-cutoff', name: 'cutoff' });
  const pauseList = h('ol', { class: 'pauses', id: 'due-pauses' });
  const addPause = h('button', { type: 'button', class: 'secondary', id: 'due-add-pause', text: t('due.addPause'), dataset: { i18n: 'due.addPause' } });
  const result = h('div', { class: 'due-result', id: 'due-result', 'aria-live': 'polite', tabindex: -1 });
  const calEl = h('div', { class: 'calendar', id: 'due-calendar' });

  const fillProcedures = () => {
    const keep = proc.value;
    replace(proc, h('option', { value: '', text: t('due.custom') }),
      procs.map((p) => h('option', { value: p.code, text: `${pick(p.name)} — ${timeText(p)}` })));
    proc.value = keep;
  };
  const fillUnits = () => {
    const keep = unit.value || 'workingDays';
    replace(unit, UNITS.map((u) => h('option', { value: u, text: t(`unit.${u}`) })));
    unit.value = keep;
  };
  fillProcedures();
  fillUnits();

  const pauseRow = (from = '', to = '') => {
    const f = h('input', { type: 'datetime-local', id: newId('pause-from'), value: from, class: 'pause-from' });
    const tt = h('input', { type: 'datetime-local', id: newId('pause-to'), value: to, class: 'pause-to' });
    const err = h('p', { class: 'field-error pause-error', id: newId('pause-error'), 'aria-live': 'polite' });
    f.setAttribute('aria-describedby', err.id);
    tt.setAttribute('aria-describedby', err.id);
    const remove = h('button', { type: 'button', class: 'secondary small', text: '✕', onclick: () => { li.remove(); relabelPauses(); compute(); } });
    const li = h('li', { class: 'pause' },
      h('label', { for: f.id, text: t('due.pauseFrom') }), f,
      h('label', { for: tt.id, text: t('due.pauseTo') }), tt, remove, err);
    pauseList.append(li);
    relabelPauses();
    return f;
  };
  function relabelPauses() {
    [...pauseList.children].forEach((li, i) => {
      const [a, b] = li.querySelectorAll('label');
      a.textContent = t('due.pauseFrom');
      b.textContent = t('due.pauseTo');
      li.querySelector('button').setAttribute('aria-label', t('due.removePause', { n: i + 1 }));
    });
  }
  addPause.addEventListener('click', () => pauseRow().focus());

  proc.addEventListener('change', () => {
    const p = procs.find((x) => x.code === proc.value);
    if (p) {
      amount.value = fmt.dec(p.amount, { grouping: false });
      // Read back as the number written, not as typed text: "1,125" would be ambiguous to parseDecimal.
      amount.dataset.written = amount.value;
      amount.dataset.writtenValue = String(p.amount);
      unit.value = p.unit;
      cutoff.value = p.cutoff || '';
    }
    syncAmount();
    compute();
  });
  const syncAmount = () => { amount.disabled = unit.value === 'sameDay'; };
  unit.addEventListener('change', () => { proc.value = ''; syncAmount(); compute(); });
  amount.addEventListener('input', () => { proc.value = ''; });

  const form = h('form', { class: 'due-form', id: 'due-form', novalidate: true },
    h('div', { class: 'grid' },
      field('due.receivedAt', received),
      field('due.procedure', proc),
      field('due.amount', amount),
      field('due.unit', unit),
      field('due.cutoff', cutoff, 'due.cutoffHint')),
    h('fieldset', { class: 'pauses-box' }, h('legend', { text: t('due.pauses'), dataset: { i18n: 'due.pauses' } }), pauseList, addPause),
    h('button', { type: 'submit', id: 'due-compute', text: t('due.compute'), dataset: { i18n: 'due.compute' } }));
  form.addEventListener('submit', (e) => { e.preventDefault(); compute(true); });
  form.addEventListener('change', () => compute());

  /** The control and the page's name for an error field of the engine ("pauses[0].to" …). */
  function controlOf(fieldName) {
    const f = String(fieldName ?? '');
    const p = /^pauses\[(\d+)\]\.(from|to)$/.exec(f);
    if (p) {
      const li = pauseList.children[Number(p[1])];
      if (!li) return null;
      return { el: li.querySelector(p[2] === 'from' ? '.pause-from' : '.pause-to'), err: li.querySelector('.pause-error'), name: t(p[2] === 'from' ? 'due.pauseFromN' : 'due.pauseToN', { n: Number(p[1]) + 1 }) };
    }
    const el = { receivedAt: received, amount, unit, cutoff }[f];
    if (!el) return null;
    return { el, err: document.getElementById(`${el.id}-error`), name: t({ receivedAt: 'due.receivedAt', amount: 'due.amount', unit: 'due.unit', cutoff: 'due.cutoff' }[f]) };
  }
  function clearErrors() {
    for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.setAttribute('aria-invalid', 'false');
    for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
  }
  function fieldError(c, message) {
    c.el.setAttribute('aria-invalid', 'true');
    if (c.err && !c.err.textContent) c.err.textContent = message;
  }
  /** Shows an error without internal names: the location suffix goes, the field gets its label. */
  function showFailure(problems, announce) {
    delete result.dataset.dueAt;
    replace(result, h('div', { class: 'error', role: 'alert' },
      h('p', { text: t('due.fixFields') }),
      h('ul', {}, problems.map((p) => h('li', { text: p.name ? `${p.name}: ${p.message}` : p.message })))));
    calEl.replaceChildren();
    if (announce) (problems.find((p) => p.el)?.el ?? result).focus?.();
  }

  /** Checks the inputs the way a clerk reads them; returns the request or the problems. */
  function readRequest() {
    const problems = [];
    const add = (c, message) => { if (c) fieldError(c, message); problems.push({ name: c?.name, message, el: c?.el }); };
    if (!received.value) add(controlOf('receivedAt'), t('due.needReceived'));
    const req = { receivedAt: received.value, unit: unit.value, amount: 0 };
    if (unit.value !== 'sameDay') {
      const written = amount.value === amount.dataset.written;
      const { value, error } = written ? { value: Number(amount.dataset.writtenValue) } : fmt.parseDecimal(amount.value);
      if (error === 'empty') add(controlOf('amount'), t('due.needAmount'));
      else if (error === 'ambiguous') add(controlOf('amount'), t('due.amountAmbiguous', { v: amount.value.trim() }));
      else if (error) add(controlOf('amount'), t('due.amountNotNumber'));
      else if (value < 0) add(controlOf('amount'), t('due.amountNegative'));
      else if (value > MAX_AMOUNT) add(controlOf('amount'), t('due.amountTooLarge', { max: fmt.num(MAX_AMOUNT) }));
      else req.amount = value;
    }
    if (cutoff.value) req.cutoff = cutoff.value.slice(0, 5);
    const pauses = [];
    [...pauseList.children].forEach((li, i) => {
      const from = li.querySelector('.pause-from').value;
      const to = li.querySelector('.pause-to').value;
      if (!from && !to) return; // an empty row is ignored
      if (!from) add(controlOf(`pauses[${i}].from`), t('due.pauseNeedsBoth'));
      else if (!to) add(controlOf(`pauses[${i}].to`), t('due.pauseNeedsBoth'));
      else if (to < from) add(controlOf(`pauses[${i}].to`), t('due.pauseOrder'));
      else pauses.push({ from, to });
    });
    if (pauses.length) req.pauses = pauses;
    return { req, problems };
  }

  let last = null;
  function compute(announce = false) {
    clearErrors();
    const { req, problems } = readRequest();
    if (problems.length) {
      last = null;
      showFailure(problems, announce);
      return;
    }
    // A tap on "Tính" right after an edit fires the field's change and then the submit: the second finds its answer
    // on the screen already (drawing it again costs a phone a tenth of a second).
    // (The minute is in the key: the working time left is counted from now.)
    const key = `${lang()}|${Math.floor(Date.now() / 60_000)}|${JSON.stringify(req)}`;
    if (last !== null && last.key === key) {
      if (announce) result.focus?.();
      return;
    }
    try {
      // dueDate also gives the figures behind the due date (countedMinutes, officeHours …).
      const res = cal.dueDate(req);
      const details = 'countedMinutes' in res ? res : null;
      last = { req, res, details, key };
      render(res, details);
    } catch (e) {
      last = null;
      const c = controlOf(e?.field);
      // The engine's sentence without its location suffix ("… [pauses[0].to]").
      const message = errorText(e, lang()).replace(/\s*\[[^\]]*\]\s*$/, '').replace(/\s*\((amount|receivedAt|cutoff|unit|pauses[^)]*)\)/g, '');
      if (c) fieldError(c, message);
      showFailure([{ name: c?.name, message, el: c?.el }], announce);
      return;
    }
    if (announce) result.focus?.();
  }

  /** "10 ngày làm việc (80 giờ)" / "2 ngày 3 giờ 15 phút làm việc". */
  function workingText(minutes) {
    const hours = minutes / 60;
    const extra = minutes >= 480 && Number.isInteger(hours) ? t('due.totalHours', { h: fmt.num(hours) }) : '';
    return `${t('due.workingTime', { time: fmt.workingDuration(minutes) })}${extra}`;
  }

  function countedText(res, d) {
    const unitName = last.req.unit;
    if (unitName === 'calendarDays') {
      const days = d?.calendarDays ?? Math.ceil(last.req.amount);
      const end = d?.countEndDate ?? null;
      const text = t('due.calendarCounted', { n: fmt.num(days), from: fmt.date(last.req.receivedAt), to: end ? fmt.date(end) : '—' });
      const moved = end && end !== res.dueAt.slice(0, 10) ? ` ${t('due.movedToWorkingDay', { date: fmt.date(res.dueAt) })}` : '';
      return text + moved;
    }
    const minutes = d ? d.countedMinutes : Math.round((unitName === 'workingHours' ? 60 : 480) * last.req.amount);
    if (unitName === 'sameDay') return t('due.sameDayCounted', { time: workingText(minutes), date: fmt.date(res.dueAt) });
    return workingText(minutes);
  }

  function startText(res, d) {
    const when = fmt.dateTimeLong(res.startAt);
    const rule = d?.startRule;
    return rule ? `${when} — ${t(`due.start.${rule}`, { cutoff: last.req.cutoff ?? '' })}` : when;
  }

  function render(res, d) {
    const req = last.req;
    const dueDate = res.dueAt.slice(0, 10);
    const startDate = (res.startAt || req.receivedAt).slice(0, 10);
    let lunar = null;
    try { lunar = engine().toLunar(dueDate); } catch { /* none */ }
    const calendarUnit = req.unit === 'calendarDays';
    const hours = d?.officeHours ?? [];
    const cutoffRow = req.cutoff
      ? h('span', { id: 'due-cutoff-used', text: d?.cutoffApplied ? t('due.cutoffApplied', { cutoff: req.cutoff, at: fmt.dateTime(`${req.receivedAt}:00`) }) : t(calendarUnit ? 'due.cutoffNotForCalendar' : 'due.cutoffNotApplied', { cutoff: req.cutoff }) })
      : null;
    const rows = [
      ['due.dueAt', h('strong', { class: 'big', id: 'due-at', text: fmt.dateTimeLong(res.dueAt) })],
      ['due.limit', h('span', { id: 'due-limit', text: timeText({ amount: req.amount, unit: req.unit, cutoff: req.cutoff }) })],
      ['due.startAt', h('span', { id: 'due-start', text: startText(res, d) })],
      ['due.counted', h('span', { id: 'due-counted', text: countedText(res, d) })],
      ['due.paused', h('span', { id: 'due-paused', text: calendarUnit ? t('due.pausedNotForCalendar') : t('due.workingTime', { time: fmt.workingDuration(res.pausedMinutes || 0) }) })],
      hours.length ? ['due.hours', h('ul', { id: 'due-hours', class: 'plain' }, hours.map((hu) => h('li', {},
        h('strong', { text: hoursText(hu.intervals) }), ` — ${seasonText(hu)}`,
        hu.from === hu.to ? `, ${fmt.date(hu.from)}` : `, ${t('due.fromTo', { from: fmt.date(hu.from), to: fmt.date(hu.to) })}`)))] : null,
      cutoffRow ? ['due.cutoffUsed', cutoffRow] : null,
      ['due.lunar', lunar ? lunarText(lunar) : '—'],
      ['due.remaining', remaining(res.dueAt)],
    ].filter(Boolean);
    replace(result,
      h('h3', { text: t('due.result') }),
      h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', { text: t(k) }), h('dd', {}, v)])),
      res.estimated ? h('p', { class: 'note', text: t('due.estimated') }) : null);
    result.dataset.dueAt = res.dueAt;
    // From the month of receipt (counting may start later: cut-off, days off) to the due month.
    const receivedDate = req.receivedAt.slice(0, 10);
    const first = receivedDate < startDate ? receivedDate : startDate;
    const months = monthsBetween(first.slice(0, 7), dueDate.slice(0, 7));
    calendarStrip(calEl, cal, months, calendarUnit
      ? { calendarFrom: receivedDate, calendarTo: d?.countEndDate ?? dueDate, due: dueDate, received: receivedDate }
      : { from: startDate, to: dueDate, due: dueDate, received: receivedDate, start: res.startAt, end: res.dueAt, pauses: req.pauses ?? [] });
  }

  function remaining(dueAt) {
    const now = fmt.nowVn();
    if (typeof cal.remainingWorkingTime === 'function') {
      try {
        const r = cal.remainingWorkingTime(now, dueAt);
        const minutes = typeof r === 'number' ? r : (r?.workingMinutes ?? r?.minutes);
        if (typeof minutes === 'number') {
          return minutes >= 0 && !r?.overdue ? fmt.workingDuration(minutes) : t('due.overdue', { time: fmt.workingDuration(Math.abs(minutes)) });
        }
      } catch { /* fall back to whole working days */ }
    }
    try {
      const days = cal.workingDaysBetween(now.slice(0, 10), dueAt.slice(0, 10));
      return days >= 0 ? amountText(days, 'workingDays') : t('due.overdue', { time: amountText(-days, 'workingDays') });
    } catch (e) {
      return errorText(e, lang());
    }
  }

  replace(panel,
    h('h2', { text: t('due.heading'), dataset: { i18n: 'due.heading' } }),
    h('p', { class: 'intro', text: t('due.intro'), dataset: { i18n: 'due.intro' } }),
    h('div', { class: 'due-layout' }, form, h('div', {}, result, calEl)));
  syncAmount();
  compute();
  document.addEventListener('langchange', () => {
    fillProcedures();
    fillUnits();
    relabelPauses();
    compute();
  });
}

/** "3 ngày làm việc", "1,5 ngày làm việc" (decimals as given) / "trong ngày (nhận trước 15:00)". */
export function timeText(p) {
  if (p.unit === 'sameDay') return t('unit.sameDay') + (p.cutoff ? ` ${t('due.beforeCutoff', { cutoff: p.cutoff })}` : '');
  return amountText(p.amount, p.unit);
}

/** "1 working day", "1,5 ngày làm việc": an amount and its unit, the unit singular for exactly one. */
function amountText(n, unit) {
  return `${fmt.dec(n)} ${t(`unit.${unit}${n === 1 ? '.one' : ''}`)}`;
}
