// Thống kê — statistics from a one-stop export: the analysis runs in a Web Worker (progress in
// bytes and rows, cancellable); period presets (months, 15th-to-15th) or free dates; the report
// table laid out like the centre's report; a sortable per-agency table; SVG charts; the
// data-quality panel; the report as XLSX/CSV.
import { h, replace, download } from './dom.js';
import { t, lang, monthName } from './i18n.js';
import { errorText, pickFn } from './engine.js';
import * as fmt from './fmt.js';
import { barChart, trendChart } from './charts.js';

const MAX_PROBLEMS = 200;

/** Period presets: the last 12 months as calendar months and as 15th-to-15th periods. */
export function presets(today = fmt.todayVn()) {
  let [y, m] = today.slice(0, 7).split('-').map(Number);
  const out = [];
  for (let i = 0; i < 12; i += 1) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const mm = fmt.pad(m);
    const py = m === 1 ? y - 1 : y;
    const pm = m === 1 ? 12 : m - 1;
    out.push({ id: `m-${y}-${mm}`, from: `${y}-${mm}-01`, to: `${y}-${mm}-${last}`, label: () => t('stats.presetMonth', { m, y, mname: monthName(m) }) });
    out.push({ id: `h-${y}-${mm}`, from: `${py}-${fmt.pad(pm)}-15`, to: `${y}-${mm}-15`, label: () => t('stats.presetMid', { m0: pm, m, y }) });
    m -= 1;
    if (m < 1) { m = 12; y -= 1; }
  }
  return out;
}

const COUNTERS = [
  ['received.total', 'col.receivedTotal'], ['received.carriedOver', 'col.carriedOver'], ['received.new', 'col.new'],
  ['received.inPerson', 'col.inPerson'], ['received.online', 'col.online'], ['received.postal', 'col.postal'],
  ['resolved.total', 'col.resolvedTotal'], ['resolved.early', 'col.early'], ['resolved.onTime', 'col.onTime'],
  ['resolved.late', 'col.late'], ['resolved.onTimeRate', 'col.onTimeRate'],
  ['pending.total', 'col.pendingTotal'], ['pending.withinDeadline', 'col.withinDeadline'], ['pending.overdue', 'col.overdue'],
  ['onlineRate', 'col.onlineRate'], ['postalUses', 'col.postalUses'],
];
const isRate = (k) => /Rate$/.test(k);
const get = (obj, path) => path.split('.').reduce((o, k) => (o == null ? null : o[k]), obj);
const show = (k, v) => (isRate(k) ? fmt.pct(v) : fmt.num(v));

/** Mounts the statistics tab. */
export function mount(panel) {
  const state = { file: null, worker: null, report: null, trend: null, sort: { key: 'received.total', dir: -1 }, started: 0 };

  const input = h('input', { type: 'file', id: 'stats-file', accept: '.xlsx,.csv,.json,.txt,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', class: 'file-input' });
  const fileName = h('p', { class: 'file-name', id: 'stats-file-name' });
  const drop = h('div', { class: 'drop', id: 'stats-drop' },
    h('p', { text: t('stats.drop'), dataset: { i18n: 'stats.drop' } }),
    h('label', { for: 'stats-file', class: 'button', text: t('stats.pick'), dataset: { i18n: 'stats.pick' } }),
    input, fileName);
  const preset = h('select', { id: 'stats-preset' });
  const from = h('input', { type: 'date', id: 'stats-from', required: true });
  const to = h('input', { type: 'date', id: 'stats-to', required: true });
  const runBtn = h('button', { type: 'submit', id: 'stats-run', text: t('stats.run'), dataset: { i18n: 'stats.run' } });
  const cancelBtn = h('button', { type: 'button', id: 'stats-cancel', class: 'secondary', hidden: true, text: t('stats.cancel'), dataset: { i18n: 'stats.cancel' } });
  const progress = h('progress', { id: 'stats-progress', max: 1, value: 0, hidden: true, 'aria-describedby': 'stats-progress-text', 'aria-label': t('stats.run') });
  const progressText = h('p', { id: 'stats-progress-text', class: 'progress-text', 'aria-live': 'polite' });
  const message = h('div', { id: 'stats-message', 'aria-live': 'assertive' });
  const results = h('div', { id: 'stats-results' });

  const PRESETS = presets();
  const fillPresets = () => {
    const keep = preset.value || PRESETS[2].id; // the previous full month
    replace(preset, PRESETS.map((p) => h('option', { value: p.id, text: p.label() })), h('option', { value: 'custom', text: t('stats.presetCustom') }));
    preset.value = keep;
  };
  fillPresets();
  const applyPreset = () => {
    const p = PRESETS.find((x) => x.id === preset.value);
    if (p) { from.value = p.from; to.value = p.to; }
  };
  applyPreset();
  preset.addEventListener('change', applyPreset);
  for (const el of [from, to]) el.addEventListener('input', () => { preset.value = 'custom'; });

  const form = h('form', { id: 'stats-form', class: 'stats-form', novalidate: true },
    drop,
    h('fieldset', { class: 'period' },
      h('legend', { text: t('stats.period'), dataset: { i18n: 'stats.period' } }),
      h('div', { class: 'grid' },
        h('div', { class: 'field' }, h('label', { for: 'stats-preset', text: t('stats.preset'), dataset: { i18n: 'stats.preset' } }), preset),
        h('div', { class: 'field' }, h('label', { for: 'stats-from', text: t('stats.from'), dataset: { i18n: 'stats.from' } }), from),
        h('div', { class: 'field' }, h('label', { for: 'stats-to', text: t('stats.to'), dataset: { i18n: 'stats.to' } }), to))),
    h('div', { class: 'actions' }, runBtn, cancelBtn),
    progress, progressText, message);

  const setFile = (f) => {
    state.file = f;
    fileName.textContent = f ? `${f.name} — ${fmt.bytes(f.size)}` : '';
    if (f) run();
  };
  input.addEventListener('change', () => setFile(input.files[0] || null));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) setFile(f);
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  cancelBtn.addEventListener('click', () => cancel(true));

  function say(text, kind = 'info') {
    replace(message, text ? h('p', { class: kind, role: kind === 'error' ? 'alert' : null, text }) : null);
  }

  function cancel(announce) {
    if (state.worker) { state.worker.terminate(); state.worker = null; }
    cancelBtn.hidden = true;
    runBtn.disabled = false;
    progress.hidden = true;
    if (announce) { progressText.textContent = ''; say(t('stats.cancelled')); }
  }

  function run() {
    if (!state.file) { say(t('stats.noFile'), 'error'); input.focus(); return; }
    if (!from.value || !to.value || from.value > to.value) { say(t('stats.badPeriod'), 'error'); from.focus(); return; }
    cancel(false);
    say('');
    const options = { period: { from: from.value, to: to.value } };
    const w = new Worker(new URL('./stats-worker.js', import.meta.url), { type: 'module' });
    state.worker = w;
    state.started = performance.now();
    runBtn.disabled = true;
    cancelBtn.hidden = false;
    progress.hidden = false;
    progress.max = Math.max(1, state.file.size);
    progress.value = 0;
    progressText.textContent = t('stats.progress', { bytes: fmt.bytes(0), total: fmt.bytes(state.file.size), rows: fmt.num(0) });
    const file = state.file;
    w.onmessage = (e) => {
      const d = e.data;
      if (state.worker !== w) return;
      if (d.type === 'progress') {
        progress.value = d.bytesRead;
        progressText.textContent = t('stats.progress', { bytes: fmt.bytes(d.bytesRead), total: fmt.bytes(d.total), rows: d.rows === null ? '…' : fmt.num(d.rows) });
      } else if (d.type === 'report') {
        state.report = d.report;
        state.trend = null;
        runBtn.disabled = false;
        progress.value = progress.max;
        progressText.textContent = t('stats.done', { rows: fmt.num(d.report.quality?.rows ?? 0), ms: fmt.num(d.ms) });
        renderResults();
      } else if (d.type === 'trend') {
        state.trend = d.months;
        renderTrend();
      } else if (d.type === 'done') {
        cancel(false);
      } else if (d.type === 'error') {
        cancel(false);
        const msg = lang() === 'en' && d.messageEn ? d.messageEn : d.message;
        say(t('stats.failed', { file: file.name, error: msg }), 'error');
        progressText.textContent = '';
        state.report = null;
        results.replaceChildren();
      }
    };
    w.onerror = (e) => {
      if (state.worker !== w) return;
      cancel(false);
      say(t('stats.failed', { file: file.name, error: e.message || 'Worker error' }), 'error');
    };
    w.postMessage({ type: 'run', file, options, trend: true });
  }

  // ---- results ------------------------------------------------------------------------------
  const trendBox = h('div', { id: 'stats-trend' });

  function renderResults() {
    const r = state.report;
    if (!r) { results.replaceChildren(); return; }
    replace(results,
      h('h3', { id: 'stats-report-title', text: t('stats.reportTitle', { from: fmt.date(r.period.from), to: fmt.date(r.period.to) }) }),
      reportTable(r),
      downloads(r),
      h('h3', { text: t('stats.agencyTitle') }),
      agencyTable(r),
      h('h3', { text: t('stats.charts') }),
      h('div', { class: 'charts' }, agencyCharts(r), trendBox),
      d766Panel(r.d766),
      qualityPanel(r.quality));
    renderTrend();
  }

  function reportTable(r) {
    const row = (key, labelKey, level, rateKey) => h('tr', { class: `lvl${level}` },
      h('th', { scope: 'row', text: t(labelKey) }),
      h('td', { class: 'num', dataset: { k: key }, text: show(key, get(r, key)) }),
      h('td', { class: 'num', dataset: rateKey ? { k: rateKey } : {}, text: rateKey ? fmt.pct(get(r, rateKey)) : '' }));
    return h('div', { class: 'table-wrap' }, h('table', { class: 'report', id: 'stats-report' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: lang() === 'vi' ? 'Chỉ tiêu' : 'Indicator' }),
        h('th', { scope: 'col', class: 'num', text: lang() === 'vi' ? 'Số hồ sơ' : 'Dossiers' }),
        h('th', { scope: 'col', class: 'num', text: lang() === 'vi' ? 'Tỷ lệ' : 'Rate' }))),
      h('tbody', {},
        row('received.total', 'col.received', 0),
        row('received.carriedOver', 'col.carriedOver', 1),
        row('received.new', 'col.new', 1),
        row('received.inPerson', 'col.inPerson', 2),
        row('received.online', 'col.online', 2, 'onlineRate'),
        row('received.postal', 'col.postal', 2),
        row('resolved.total', 'col.resolved', 0),
        row('resolved.early', 'col.early', 1),
        row('resolved.onTime', 'col.onTime', 1),
        row('resolved.late', 'col.late', 1),
        row('resolved.unclassified', 'col.unclassified', 1),
        h('tr', { class: 'lvl1 rate' }, h('th', { scope: 'row', text: t('col.onTimeRate') }), h('td', {}),
          h('td', { class: 'num strong', dataset: { k: 'resolved.onTimeRate' }, text: fmt.pct(r.resolved.onTimeRate) })),
        row('pending.total', 'col.pending', 0),
        row('pending.withinDeadline', 'col.withinDeadline', 1),
        row('pending.overdue', 'col.overdue', 1),
        row('postalUses', 'stats.postalUses', 0))));
  }

  function agencyTable(r) {
    const cols = [['agency', 'col.agency'], ...COUNTERS];
    const groups = [
      [null, 1], ['col.received', 6], ['col.resolved', 5], ['col.pending', 3], [null, 2],
    ];
    const rows = [...(r.byAgency || [])];
    const { key, dir } = state.sort;
    rows.sort((a, b) => {
      const va = get(a, key); const vb = get(b, key);
      if (key === 'agency') return dir * String(va).localeCompare(String(vb), 'vi');
      return dir * ((va ?? -1) - (vb ?? -1));
    });
    const head2 = h('tr', {}, cols.map(([k, label]) => {
      const sorted = state.sort.key === k;
      return h('th', { scope: 'col', class: k === 'agency' ? '' : 'num', 'aria-sort': sorted ? (dir < 0 ? 'descending' : 'ascending') : null },
        h('button', { type: 'button', class: 'sort', dataset: { key: k }, 'aria-label': t('stats.sortBy', { col: t(label) }),
          onclick: () => {
            state.sort = { key: k, dir: state.sort.key === k ? -state.sort.dir : (k === 'agency' ? 1 : -1) };
            const fresh = agencyTable(state.report);
            wrap.replaceWith(fresh);
            fresh.querySelector(`button[data-key="${CSS.escape(k)}"]`)?.focus();
          } }, t(label), h('span', { class: 'arrow', 'aria-hidden': 'true', text: sorted ? (dir < 0 ? ' ▼' : ' ▲') : '' })));
    }));
    const head1 = h('tr', {}, groups.map(([g, span]) => h('th', { scope: 'colgroup', colspan: span, class: g ? 'group' : 'blank', text: g ? t(g) : '' })));
    const total = h('tr', { class: 'total' }, h('th', { scope: 'row', text: t('stats.total') }),
      COUNTERS.map(([k]) => h('td', { class: 'num', text: show(k, get(r, k)) })));
    const body = h('tbody', {}, rows.map((a) => h('tr', {},
      h('th', { scope: 'row', text: a.agency }),
      COUNTERS.map(([k]) => h('td', { class: 'num', text: show(k, get(a, k)) })))));
    const wrap = h('div', { class: 'table-wrap', tabindex: 0, 'aria-label': t('stats.agencyTitle') },
      h('table', { class: 'agencies', id: 'stats-agencies' }, h('thead', {}, head1, head2), body, h('tfoot', {}, total)));
    return wrap;
  }

  function agencyCharts(r) {
    const top = [...(r.byAgency || [])].slice(0, 15);
    return h('div', { class: 'chart-pair' },
      barChart(t('stats.onTimeChart'), top.map((a) => ({ label: a.agency, value: a.resolved?.onTimeRate ?? null }))),
      barChart(t('stats.onlineChart'), top.map((a) => ({ label: a.agency, value: a.onlineRate ?? null })), { cls: 'alt' }));
  }

  function renderTrend() {
    let months = state.report?.byMonth || state.trend;
    if (!months) { trendBox.replaceChildren(); return; }
    const monthLabel = (x) => (/^\d{4}-\d{2}$/.test(x || '') ? `${x.slice(5)}/${x.slice(0, 4)}` : x);
    months = months.map((m) => ({ label: monthLabel(m.label || m.month), a: m.received?.new ?? m.received, b: m.resolved?.total ?? m.resolved }));
    while (months.length && !months[0].a && !months[0].b) months.shift();
    replace(trendBox, months.length
      ? trendChart(t('stats.trendChart'), months, [t('col.new'), t('col.resolved')])
      : h('p', { class: 'note', text: t('stats.trendNone') }));
  }

  /** The Decision 766 indicators, when the module computes them. */
  function d766Panel(d) {
    if (!d || !Array.isArray(d.indicators)) return null;
    const head = ['d766.code', 'd766.name', 'd766.ratio', 'd766.rate', 'd766.threshold', 'd766.points'];
    return h('section', { class: 'd766', id: 'stats-d766', 'aria-labelledby': 'stats-d766-h' },
      h('h3', { id: 'stats-d766-h', text: t('d766.title') }),
      h('div', { class: 'table-wrap', tabindex: 0 }, h('table', { class: 'problems d766-table' },
        h('thead', {}, h('tr', {}, head.map((k, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : null, text: t(k) })))),
        h('tbody', {}, d.indicators.map((x) => h('tr', {},
          h('td', { text: x.code }),
          h('th', { scope: 'row', text: lang() === 'en' ? (x.nameEn || x.name) : x.name }),
          h('td', { class: 'num', text: `${fmt.num(x.numerator)} / ${fmt.num(x.denominator)}` }),
          h('td', { class: 'num', text: fmt.pct(x.rate ?? null) }),
          h('td', { class: 'num', text: fmt.pct(x.threshold ?? null) }),
          h('td', { class: 'num', text: x.points == null ? '—' : `${fmt.num2(x.points)} / ${fmt.num(x.maxPoints)}` })))),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 5, text: t('d766.total') }),
          h('td', { class: 'num strong', text: `${fmt.num2(d.points)} / ${fmt.num(d.maxPoints)}` }))))));
  }

  function qualityPanel(q) {
    if (!q) return null;
    const problems = q.problems || [];
    const shown = problems.slice(0, MAX_PROBLEMS);
    // What could not be computed (no channel column, no calendar …), in the page's language.
    const notes = (lang() === 'en' && q.notesEn && q.notesEn.length === (q.notes || []).length ? q.notesEn : q.notes) || [];
    return h('section', { class: 'quality', id: 'stats-quality', 'aria-labelledby': 'stats-quality-h' },
      h('h3', { id: 'stats-quality-h', text: t('stats.quality') }),
      h('p', { text: t('stats.qualitySummary', { rows: fmt.num(q.rows), used: fmt.num(q.used), skipped: fmt.num(q.skipped) }) }),
      notes.length ? h('ul', { class: 'notes' }, notes.map((n) => h('li', { text: n }))) : null,
      shown.length
        ? h('div', { class: 'table-wrap', tabindex: 0 }, h('table', { class: 'problems' },
          h('thead', {}, h('tr', {}, ['col.row', 'col.column', 'col.code', 'col.severity', 'col.message'].map((k) => h('th', { scope: 'col', text: t(k) })))),
          h('tbody', {}, shown.map((p) => h('tr', {},
            h('td', { class: 'num', text: p.row ?? '' }), h('td', { text: p.column ?? '' }),
            h('td', {}, h('code', { text: p.code })),
            h('td', { class: p.severity === 'warning' ? 'sev-warn' : 'sev-skip', text: p.severity === 'warning' ? t('stats.warning') : t('stats.skipped') }),
            h('td', { text: lang() === 'en' && p.messageEn ? p.messageEn : p.message }))))))
        : h('p', { class: 'ok', text: t('stats.noProblems') }),
      problems.length > shown.length ? h('p', { text: t('stats.problemsMore', { n: fmt.num(problems.length - shown.length) }) }) : null);
  }

  function downloads(r) {
    const base = `bao-cao-tthc_${r.period.from}_${r.period.to}`;
    const xlsxFn = pickFn('reportToXlsx');
    const csvFn = pickFn('reportToCsv');
    const xlsx = h('button', { type: 'button', id: 'stats-xlsx', text: t('stats.downloadXlsx'), disabled: !xlsxFn,
      title: xlsxFn ? null : t('app.missing', { name: 'reportToXlsx' }),
      onclick: () => {
        try { download(xlsxFn(r), `${base}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'); } catch (e) { say(errorText(e, lang()), 'error'); }
      } });
    const csv = h('button', { type: 'button', id: 'stats-csv', class: 'secondary', text: t('stats.downloadCsv'),
      onclick: () => {
        try {
          const text = csvFn ? csvFn(r) : reportCsv(r);
          download(typeof text === 'string' && !text.startsWith('\ufeff') ? `\ufeff${text}` : text, `${base}.csv`, 'text/csv;charset=utf-8');
        } catch (e) { say(errorText(e, lang()), 'error'); }
      } });
    return h('div', { class: 'actions downloads', role: 'group', 'aria-label': t('stats.download') }, xlsx, csv,
      xlsxFn ? null : h('small', { class: 'note', text: t('app.missing', { name: 'reportToXlsx' }) }));
  }

  /** Fallback CSV of the report (only when the module lacks reportToCsv). */
  function reportCsv(r) {
    const q = (v) => (/[",\n;]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const lines = [[t('col.agency'), ...COUNTERS.map(([, l]) => t(l))].map(q).join(',')];
    const line = (name, o) => [name, ...COUNTERS.map(([k]) => get(o, k) ?? '')].map(q).join(',');
    lines.push(line(t('stats.total'), r));
    for (const a of r.byAgency || []) lines.push(line(a.agency, a));
    return `${lines.join('\r\n')}\r\n`;
  }

  replace(panel,
    h('h2', { text: t('stats.heading'), dataset: { i18n: 'stats.heading' } }),
    h('p', { class: 'intro', text: t('stats.intro'), dataset: { i18n: 'stats.intro' } }),
    form, results);
  document.addEventListener('langchange', () => { fillPresets(); renderResults(); if (state.file) fileName.textContent = `${state.file.name} — ${fmt.bytes(state.file.size)}`; });
}
