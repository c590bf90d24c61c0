// Tính ngày hẹn trả — the due-date desk: receipt time, procedure (statutory time from the
// catalogue), cut-off, pauses → due date-time, remaining working time, the counted working days on
// a month calendar with holidays, compensatory days and worked Saturdays, and the lunar date.
import { h, replace, newId } from './dom.js';
import { t, lang, pick } from './i18n.js';
import { engine, errorText, defaultCalendar } from './engine.js';
import { catalog } from './catalog.js';
import * as fmt from './fmt.js';
import { calendarStrip, monthsBetween, lunarText } from './calendar-view.js';

const UNITS = ['workingDays', 'workingHours', 'calendarDays', 'sameDay'];

function field(labelKey, control, hintKey) {
  const hint = hintKey ? h('small', { class: 'hint', id: newId('hint'), text: t(hintKey), dataset: { i18n: hintKey } }) : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  return h('div', { class: 'field' }, h('label', { for: control.id, text: t(labelKey), dataset: { i18n: labelKey } }), control, hint);
}

/** Mounts the desk into its tab panel. */
export function mount(panel) {
  const cal = defaultCalendar();
  const procs = catalog();
  const received = h('input', { type: 'datetime-local', id: 'due-received', name: 'receivedAt', required: true, value: fmt.nowVn() });
  const proc = h('select', { id: 'due-procedure', name: 'procedure' });
  const amount = h('input', { type: 'number', id: 'due-amount', name: 'amount', min: 0, max: 3650, step: 'any', value: 3, inputmode: 'decimal' });
  const unit = h('select', { id: 'due-unit', name: 'unit' });
  const cutoff = h('input', { type: 'time', id: 'due-cutoff', name: 'cutoff' });
  const pauseList = h('ol', { class: 'pauses', id: 'due-pauses' });
  const addPause = h('button', { type: 'button', class: 'secondary', id: 'due-add-pause', text: t('due.addPause'), dataset: { i18n: 'due.addPause' } });
  const result = h('div', { class: 'due-result', id: 'due-result', 'aria-live': 'polite' });
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
    const n = pauseList.childElementCount + 1;
    const f = h('input', { type: 'datetime-local', id: newId('pause-from'), value: from, class: 'pause-from' });
    const tt = h('input', { type: 'datetime-local', id: newId('pause-to'), value: to, class: 'pause-to' });
    const li = h('li', { class: 'pause' },
      h('label', { for: f.id, text: t('due.pauseFrom') }), f,
      h('label', { for: tt.id, text: t('due.pauseTo') }), tt,
      h('button', { type: 'button', class: 'secondary small', 'aria-label': t('due.removePause', { n }), text: '✕', onclick: () => { li.remove(); compute(); } }));
    pauseList.append(li);
    return f;
  };
  addPause.addEventListener('click', () => pauseRow().focus());

  proc.addEventListener('change', () => {
    const p = procs.find((x) => x.code === proc.value);
    if (p) {
      amount.value = p.amount;
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

  let last = null;
  function compute(announce = false) {
    const req = {
      receivedAt: received.value,
      amount: unit.value === 'sameDay' ? 0 : Number(amount.value || 0),
      unit: unit.value,
    };
    if (cutoff.value) req.cutoff = cutoff.value.slice(0, 5);
    const pauses = [...pauseList.querySelectorAll('li')].map((li) => ({ from: li.querySelector('.pause-from').value, to: li.querySelector('.pause-to').value }))
      .filter((p) => p.from && p.to);
    if (pauses.length) req.pauses = pauses;
    if (!req.receivedAt) return;
    try {
      const res = cal.dueDate(req);
      last = { req, res };
      render(res);
    } catch (e) {
      last = { req, error: e };
      replace(result, h('p', { class: 'error', role: 'alert', text: t('due.error', { error: errorText(e, lang()) }) }));
      calEl.replaceChildren();
    }
    if (announce) result.focus?.();
  }

  function render(res) {
    const dueDate = res.dueAt.slice(0, 10);
    const startDate = (res.startAt || last.req.receivedAt).slice(0, 10);
    let counted = null;
    try { counted = cal.workingDaysBetween(startDate, dueDate) + (cal.isWorkingDay(dueDate) ? 1 : 0); } catch { /* shown as — */ }
    let lunar = null;
    try { lunar = engine().toLunar(dueDate); } catch { /* none */ }
    const rows = [
      ['due.dueAt', h('strong', { class: 'big', id: 'due-at', text: fmt.dateTimeLong(res.dueAt) })],
      ['due.startAt', fmt.dateTimeLong(res.startAt)],
      ['due.workingDays', h('span', { id: 'due-counted', text: counted === null ? '—' : fmt.num(counted) })],
      ['due.paused', fmt.workingDuration(res.pausedMinutes || 0)],
      ['due.lunar', lunar ? lunarText(lunar) : '—'],
      ['due.remaining', remaining(res.dueAt)],
    ];
    replace(result,
      h('h3', { text: t('due.result') }),
      h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', { text: t(k) }), h('dd', {}, v)])),
      res.estimated ? h('p', { class: 'note', text: t('due.estimated') }) : null);
    result.dataset.dueAt = res.dueAt;
    // From the month of receipt (counting may start later: cut-off, days off) to the due month.
    const receivedDate = last.req.receivedAt.slice(0, 10);
    const first = receivedDate < startDate ? receivedDate : startDate;
    const months = monthsBetween(first.slice(0, 7), dueDate.slice(0, 7));
    calendarStrip(calEl, cal, months, { from: startDate, to: dueDate, due: dueDate, received: receivedDate });
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
      return days >= 0 ? `${fmt.num(days)} ${t('unit.workingDays')}` : t('due.overdue', { time: `${fmt.num(-days)} ${t('unit.workingDays')}` });
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
    for (const li of pauseList.querySelectorAll('li')) {
      const [a, b] = li.querySelectorAll('label');
      a.textContent = t('due.pauseFrom');
      b.textContent = t('due.pauseTo');
    }
    compute();
  });
}

/** "3 ngày làm việc" / "trong ngày (trước 15:00)". */
export function timeText(p) {
  if (p.unit === 'sameDay') return t('unit.sameDay') + (p.cutoff ? ` (< ${p.cutoff})` : '');
  return `${fmt.num(p.amount)} ${t(`unit.${p.unit}`) || p.unit}`;
}
