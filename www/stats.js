// Thống kê — statistics from one or several one-stop exports: the files are analysed in Web
// Workers (several files in parallel, runs of consecutive files merged through snapshots; progress
// in bytes and rows over all files, one Cancel for all); the report covers the data's own months
// until a period is chosen, and the period presets are built from those months; the report table
// laid out like the centre's, a sortable per-agency table, SVG charts, the Decision 766 indicators
// explained, the data-quality panel (each file, duplicates), the report as XLSX/CSV.
import { h, replace, download } from './dom.js';
import { t, lang } from './i18n.js';
import { errorText, engine } from './engine.js';
import * as fmt from './fmt.js';
import { barChart, trendChart } from './charts.js';
import { d766Explain } from './d766.js';
import { dataPresets, range } from './periods.js';
import { splitFiles, workerCount } from './split.js';

const MAX_PROBLEMS = 200;
/** Problems listed before "Show all": on a phone each is a card, and 200 of them are a very long page. */
const FIRST_PROBLEMS = 20;
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

/** The header cells read, all of them, when the engine found no receipt-date column (`TthcError.headers`), or null. */
function headersRead(err) {
  return Array.isArray(err?.headers) && err.headers.length ? err.headers : null;
}

/**
 * The engine's message about the file `name` without its own `Tệp "name": ` / `File "name": ` (the name cut
 * when long), which the page's sentence says already.
 */
function withoutFileName(text, name) {
  const m = /^(?:Tệp|File) "(.*?)": /su.exec(text);
  if (!m) return text;
  const named = m[1];
  const same = named === name || (named.endsWith('…') && name.startsWith(named.slice(0, -1)));
  return same ? text.slice(m[0].length) : text;
}

/**
 * A cell of a table that is laid out as cards on a phone (`table.cards`): it names its column (`data-label`, shown
 * before it there) and keeps its table role.
 */
function cell(column, attrs = {}, ...content) {
  return h('td', { role: 'cell', ...attrs, dataset: { label: t(column), ...attrs.dataset } }, ...content);
}

/** Mounts the statistics tab. */
export function mount(panel) {
  const state = {
    files: [], workers: [], report: null, sort: { key: 'received.total', dir: -1 },
    // The receipt-date column picked for a file (File → options.columns): that file's only, the others
    // keep finding theirs; forgotten with the files.
    columns: new Map(),
    presets: [], // from the data's months (periods.js)
    dataPeriod: null, // the period of the data's months, once a report without a period has said it
    status: null, // what the progress line says: { key, vars } with raw numbers, formatted when shown
    message: null, // () => node: the message area, rebuilt on a language switch
    allProblems: false, // the whole problems list shown ("Show all"), until the next report
  };

  const input = h('input', { type: 'file', id: 'stats-file', multiple: true, accept: '.xlsx,.csv,.json,.txt,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', class: 'file-input' });
  const fileName = h('p', { class: 'file-name', id: 'stats-file-name', 'aria-live': 'polite' });
  const drop = h('div', { class: 'drop', id: 'stats-drop' },
    h('p', { text: t('stats.drop'), dataset: { i18n: 'stats.drop' } }),
    // The native input (focus, keyboard, screen readers) before its label, which draws it: the native
    // control's own words ("No file chosen") follow the browser's language, not the page's.
    input,
    h('label', { for: 'stats-file', class: 'button', text: t('stats.pick'), dataset: { i18n: 'stats.pick' } }),
    fileName);
  const preset = h('select', { id: 'stats-preset' });
  const from = h('input', { type: 'date', id: 'stats-from' });
  const to = h('input', { type: 'date', id: 'stats-to' });
  const runBtn = h('button', { type: 'submit', id: 'stats-run', text: t('stats.run'), dataset: { i18n: 'stats.run' } });
  const cancelBtn = h('button', { type: 'button', id: 'stats-cancel', class: 'secondary', hidden: true, text: t('stats.cancel'), dataset: { i18n: 'stats.cancel' } });
  const progress = h('progress', { id: 'stats-progress', max: 1, value: 0, hidden: true, 'aria-describedby': 'stats-progress-text', 'aria-label': t('stats.run'), dataset: { i18nLabel: 'stats.run' } });
  const progressText = h('p', { id: 'stats-progress-text', class: 'progress-text', 'aria-live': 'polite' });
  const message = h('div', { id: 'stats-message', 'aria-live': 'assertive' });
  const results = h('div', { id: 'stats-results' });

  // 'data': no period given, the report covers the months the receipts span; then the presets
  // built from those months; 'custom': the dates typed.
  const fillPresets = () => {
    const keep = preset.value || 'data';
    const dataLabel = state.dataPeriod ? `${t('stats.presetData')} (${range(state.dataPeriod.from, state.dataPeriod.to)})` : t('stats.presetData');
    const groups = ['all', 'year', 'quarter', 'month', 'mid'].map((g) => {
      const items = state.presets.filter((p) => p.group === g);
      return items.length ? h('optgroup', { label: t(`stats.group${g[0].toUpperCase()}${g.slice(1)}`) }, items.map((p) => h('option', { value: p.id, text: p.label() }))) : null;
    });
    replace(preset, h('option', { value: 'data', text: dataLabel }), groups, h('option', { value: 'custom', text: t('stats.presetCustom') }));
    preset.value = [...preset.options].some((o) => o.value === keep) ? keep : 'custom';
  };
  const applyPreset = () => {
    if (preset.value === 'data') {
      from.value = state.dataPeriod?.from ?? '';
      to.value = state.dataPeriod?.to ?? '';
      return;
    }
    const p = state.presets.find((x) => x.id === preset.value);
    if (p) { from.value = p.from; to.value = p.to; }
  };
  fillPresets();
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

  const showFiles = () => {
    const n = state.files.length;
    fileName.textContent = n > 1
      ? `${t('stats.filesChosen', { n: fmt.num(n), size: fmt.bytes(state.files.reduce((a, f) => a + f.size, 0)) })} ${state.files.map((f) => f.name).join('; ')}`
      : state.files.map((f) => `${f.name} — ${fmt.bytes(f.size)}`).join('');
  };
  const setFiles = (files) => {
    stop();
    state.files = files;
    state.columns = new Map();
    // The report shown belongs to the files before: it goes, whatever happens to the new run.
    state.report = null;
    state.presets = [];
    state.dataPeriod = null;
    // Dates typed before choosing the files are kept; otherwise the report covers the data's months.
    const typed = preset.value === 'custom' && from.value && to.value && from.value <= to.value;
    preset.value = typed ? 'custom' : 'data';
    fillPresets();
    if (!typed) applyPreset();
    renderResults();
    showFiles();
    if (files.length) run();
  };
  input.addEventListener('change', () => setFiles([...input.files]));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) setFiles(files);
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  cancelBtn.addEventListener('click', () => {
    stop();
    setStatus(null);
    say(() => h('p', { class: 'info', text: t('stats.cancelled') }));
  });

  /** The message area: `render` builds its content in the current language (again on a switch). */
  function say(render) {
    state.message = render;
    replace(message, render ? render() : null);
  }
  const sayError = (text) => say(() => h('p', { class: 'error', role: 'alert', text: text() }));

  function setStatus(status) {
    state.status = status;
    renderStatus();
  }
  function renderStatus() {
    const st = state.status;
    if (!st) { progressText.textContent = ''; return; }
    const v = st.vars;
    progressText.textContent = st.key === 'stats.progress'
      ? t(st.key, { bytes: fmt.bytes(v.bytes), total: fmt.bytes(v.total), rows: fmt.num(v.rows) })
      : t(st.key, { rows: fmt.num(v.rows), ms: fmt.num(v.ms) });
  }

  /** Ends the running analysis (if any): all its workers go, the controls come back. */
  function stop() {
    for (const w of state.workers) w.terminate();
    state.workers = [];
    cancelBtn.hidden = true;
    runBtn.disabled = false;
    progress.hidden = true;
  }

  function run() {
    if (!state.files.length) { sayError(() => t('stats.noFile')); input.focus(); return; }
    const options = {};
    if (preset.value !== 'data') {
      if (!from.value || !to.value || from.value > to.value) { sayError(() => t('stats.badPeriod')); from.focus(); return; }
      options.period = { from: from.value, to: to.value };
    }
    stop();
    say(null);
    const files = state.files;
    const total = files.reduce((n, f) => n + f.size, 0);
    const t0 = performance.now();
    const runs = splitFiles(files, workerCount(files.length, navigator.hardwareConcurrency));
    let before = 0;
    const starts = runs.map((r) => (before += r.length) - r.length); // each run's first file among all
    const read = runs.map(() => ({ bytes: 0, rows: 0 }));
    const snapshots = new Array(runs.length);
    let pending = runs.length;
    runBtn.disabled = true;
    cancelBtn.hidden = false;
    progress.hidden = false;
    progress.max = Math.max(1, total);
    progress.value = 0;
    progress.dataset.workers = String(runs.length);
    setStatus({ key: 'stats.progress', vars: { bytes: 0, total, rows: 0 } });

    const fail = (file, error) => { stop(); setStatus(null); failed(file, error); };
    const showReport = (report) => {
      stop();
      state.report = report;
      state.allProblems = false;
      if (!options.period) state.dataPeriod = report.period;
      state.presets = dataPresets(report.dataSpan);
      fillPresets();
      if (!options.period) applyPreset();
      setStatus({ key: 'stats.done', vars: { rows: report.quality.rows, ms: Math.round(performance.now() - t0) } });
      renderResults();
    };
    // A worker's messages count only while it belongs to this run (stop() empties the list).
    const current = (w) => state.workers.includes(w);
    runs.forEach((runFiles, k) => {
      const w = new Worker(new URL('./stats-worker.js', import.meta.url), { type: 'module' });
      state.workers.push(w);
      w.onerror = (e) => {
        if (current(w)) fail(runFiles[0], { message: e.message || 'Worker error' });
      };
      w.onmessage = (e) => {
        const d = e.data;
        if (!current(w)) return;
        if (d.type === 'progress') {
          read[k] = { bytes: d.bytesRead, rows: d.rows };
          const bytes = read.reduce((a, x) => a + x.bytes, 0);
          progress.value = bytes;
          setStatus({ key: 'stats.progress', vars: { bytes, total, rows: read.reduce((a, x) => a + x.rows, 0) } });
        } else if (d.type === 'report') {
          showReport(d.report);
        } else if (d.type === 'snapshot') {
          // The last run to finish merges all snapshots (a run may send several), in the files' order; the others go.
          snapshots[k] = d.snapshots;
          pending -= 1;
          if (pending > 0) {
            w.terminate();
            state.workers = state.workers.filter((x) => x !== w);
          } else {
            const all = snapshots.flat();
            w.postMessage({ type: 'merge', snapshots: all, options }, all.map((x) => x.buffer));
          }
        } else if (d.type === 'error') {
          // An error of no one file is named by the run's first, or by the last file when merging (as finish() would).
          fail(files[d.at] ?? (pending === 0 ? files[files.length - 1] : runFiles[0]), d.error);
        }
      };
      w.postMessage({
        type: 'run', files: runFiles, columns: runFiles.map((f) => state.columns.get(f) ?? null), first: starts[k],
        options, snapshot: runs.length > 1,
      });
    });
  }

  /**
   * A failed analysis of `file` (a File): the engine's words, or — when no receipt-date column was found — a picker
   * of its columns, the column chosen being that file's only.
   */
  function failed(file, err) {
    const headers = headersRead(err);
    const garbled = (headers ?? [err.message]).some((x) => x.includes('\uFFFD'));
    const hint = () => (garbled ? h('p', { class: 'stats-hint', id: 'stats-encoding-hint', text: t('stats.encodingHint') }) : null);
    if (!headers) {
      say(() => h('div', {},
        h('p', { class: 'error', role: 'alert', text: t('stats.failed', { file: file.name, error: withoutFileName(errorText(err, lang()), file.name) }) }),
        hint()));
      return;
    }
    say(() => {
      const pick = h('select', { id: 'stats-column-pick' }, headers.map((x) => h('option', { value: x, text: x })));
      return h('div', { class: 'column-picker' },
        h('p', { class: 'error', role: 'alert', text: t('stats.noDateColumn', { file: file.name }) }),
        hint(),
        h('div', { class: 'field' }, h('label', { for: 'stats-column-pick', text: t('stats.columnPick') }), pick),
        h('button', { type: 'button', id: 'stats-column-use', text: t('stats.columnUse'),
          onclick: () => { state.columns.set(file, { ...state.columns.get(file), receivedAt: pick.value }); run(); } }));
    });
    message.querySelector('select')?.focus();
  }

  // ---- results ------------------------------------------------------------------------------
  const trendBox = h('div', { id: 'stats-trend' });

  function renderResults() {
    const r = state.report;
    if (!r) { results.replaceChildren(); return; }
    const title = h('h3', { id: 'stats-report-title', text: t('stats.reportTitle', { from: fmt.date(r.period.from), to: fmt.date(r.period.to) }) });
    // A period without a single dossier (received in it or carried over into it) is said in words, not shown as zeros.
    if (r.received.total === 0) {
      replace(results, title, periodNote(r),
        h('div', { class: 'stats-empty', id: 'stats-empty', role: 'alert' },
          h('p', { text: t('stats.emptyPeriod', { range: range(r.period.from, r.period.to) }) }),
          h('p', { text: spanText(r) })),
        qualityPanel(r.quality));
      renderTrend();
      return;
    }
    replace(results,
      title,
      periodNote(r),
      duplicatesWarning(r.quality),
      reportTable(r),
      downloads(r),
      h('h3', { text: t('stats.agencyTitle') }),
      agencyTable(r),
      h('h3', { text: t('stats.charts') }),
      h('div', { class: 'charts' }, agencyCharts(r), trendBox),
      d766Panel(r),
      qualityPanel(r.quality));
    renderTrend();
  }

  /** Where the data's receipts lie, in words. */
  function spanText(r) {
    const { firstReceivedAt: first, lastReceivedAt: last } = r.dataSpan;
    return first && last ? t('stats.dataSpan', { first: fmt.date(first), last: fmt.date(last) }) : t('stats.dataSpanNone');
  }

  /** Which period the report covers and why: the data's months (no period chosen), or the period chosen. */
  function periodNote(r) {
    const fromData = preset.value === 'data' && state.dataPeriod && state.dataPeriod.from === r.period.from && state.dataPeriod.to === r.period.to;
    return h('p', { class: 'period-note', id: 'stats-period-note' },
      fromData ? `${t('stats.periodFromData', { range: range(r.period.from, r.period.to) })} ` : '',
      spanText(r));
  }

  /** The duplicated dossier codes: counted once, said with a few examples. */
  function duplicatesWarning(q) {
    const n = q.counts?.duplicateId ?? 0;
    if (!n) return null;
    const examples = q.problems.filter((p) => p.code === 'duplicateId').slice(0, 5);
    return h('div', { class: 'stats-hint duplicates', id: 'stats-duplicates', role: 'status' },
      h('p', { class: 'strong', text: t('stats.duplicates', { n: fmt.num(n) }) }),
      examples.length ? h('ul', {}, examples.map((p) => h('li', {
        text: `${p.source ? `${p.source}, ` : ''}${t('col.row').toLowerCase()} ${fmt.num(p.row)}: ${lang() === 'en' && p.messageEn ? p.messageEn : p.message}`,
      }))) : null);
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

  const axisNote = (min) => t('stats.axisFrom', { min: fmt.num(min) });
  function agencyCharts(r) {
    const top = [...(r.byAgency || [])].slice(0, 15);
    return h('div', { class: 'chart-pair' },
      barChart(t('stats.onTimeChart'), top.map((a) => ({ label: a.agency, value: a.resolved.onTimeRate })), { axisNote }),
      barChart(t('stats.onlineChart'), top.map((a) => ({ label: a.agency, value: a.onlineRate })), { cls: 'alt', axisNote }));
  }

  function renderTrend() {
    const r = state.report;
    if (!r) { trendBox.replaceChildren(); return; }
    const months = r.byMonth.map((m) => ({ label: `${m.month.slice(5)}/${m.month.slice(0, 4)}`, a: m.received.new, b: m.resolved.total }));
    while (months.length && !months[0].a && !months[0].b) months.shift();
    replace(trendBox, months.length
      ? trendChart(t('stats.trendChart'), months, [t('col.new'), t('col.resolved')])
      : h('p', { class: 'note', text: t('stats.trendNone') }));
  }

  /**
   * The Decision 766 indicators: each with its formula, what its numerator and denominator count, and why it is not
   * applicable. On a phone each indicator is a card (as the problems list), its numbers after their columns' names.
   */
  function d766Panel(r) {
    const d = r.d766;
    const head = ['d766.code', 'd766.name', 'd766.ratio', 'd766.rate', 'd766.threshold', 'd766.points'];
    return h('section', { class: 'd766', id: 'stats-d766', 'aria-labelledby': 'stats-d766-h' },
      h('h3', { id: 'stats-d766-h', text: t('d766.title') }),
      h('div', { class: 'table-wrap', tabindex: 0, 'aria-label': t('d766.title') }, h('table', { class: 'problems d766-table cards', role: 'table' },
        h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
          head.map((k, i) => h('th', { scope: 'col', role: 'columnheader', class: i > 1 ? 'num' : null, text: t(k) })))),
        h('tbody', { role: 'rowgroup' }, d.indicators.map((x) => {
          const e = d766Explain(x, r);
          return h('tr', { role: 'row', dataset: { code: x.code, applicable: String(x.applicable) } },
            cell('d766.code', { class: 'd766-code', text: x.code }),
            h('th', { scope: 'row', role: 'rowheader' },
              h('span', { class: 'd766-name', text: lang() === 'en' ? x.nameEn : x.name }),
              h('span', { class: 'd766-formula', text: e.formula }),
              h('span', { class: 'd766-terms', text: `${e.numerator} · ${e.denominator}` }),
              e.note ? h('span', { class: x.applicable ? 'd766-note' : 'd766-note na', text: e.note }) : null),
            cell('d766.ratio', { class: 'num', text: x.applicable ? `${fmt.num(x.numerator)} / ${fmt.num(x.denominator)}` : t('d766.notApplicable') }),
            cell('d766.rate', { class: 'num', text: fmt.pct(x.rate) }),
            cell('d766.threshold', { class: 'num', text: fmt.pct(x.threshold) }),
            cell('d766.points', { class: 'num', text: x.points == null ? '—' : `${fmt.num2(x.points)} / ${fmt.num(x.maxPoints)}` }));
        })),
        h('tfoot', { role: 'rowgroup' }, h('tr', { role: 'row' }, h('th', { scope: 'row', role: 'rowheader', colspan: 5, text: t('d766.total') }),
          cell('d766.points', { class: 'num strong', text: `${fmt.num2(d.points)} / ${fmt.num(d.maxPoints)}` }))))));
  }

  function qualityPanel(q) {
    if (!q) return null;
    const problems = q.problems || [];
    const listed = Math.min(problems.length, MAX_PROBLEMS);
    const shown = problems.slice(0, state.allProblems ? listed : FIRST_PROBLEMS);
    const showAll = () => {
      state.allProblems = true;
      const panel = qualityPanel(q);
      document.getElementById('stats-quality')?.replaceWith(panel);
      // The keyboard goes on from the first problem it had not seen.
      panel.querySelectorAll('table.list tbody tr')[FIRST_PROBLEMS]?.focus();
    };
    const several = q.sources.length > 1;
    // What could not be computed (no channel column, no calendar …), in the page's language.
    const notes = (lang() === 'en' && q.notesEn && q.notesEn.length === (q.notes || []).length ? q.notesEn : q.notes) || [];
    return h('section', { class: 'quality', id: 'stats-quality', 'aria-labelledby': 'stats-quality-h' },
      h('h3', { id: 'stats-quality-h', text: t('stats.quality') }),
      h('p', { text: t('stats.qualitySummary', { rows: fmt.num(q.rows), used: fmt.num(q.used), skipped: fmt.num(q.skipped) }) }),
      notes.length ? h('ul', { class: 'notes' }, notes.map((n) => h('li', { text: n }))) : null,
      sourcesTable(q),
      shown.length ? problemsTable(shown, several) : h('p', { class: 'ok', text: t('stats.noProblems') }),
      listed > shown.length
        ? h('button', { type: 'button', class: 'secondary', id: 'stats-problems-all', text: t('stats.problemsAll', { n: fmt.num(listed) }), onclick: showAll })
        : null,
      problems.length > shown.length && listed === shown.length
        ? h('p', { text: t('stats.problemsMore', { n: fmt.num(problems.length - shown.length) }) }) : null);
  }

  /**
   * The problems listed. On a phone each row is shown as a card, every cell after its column's name (`data-label`),
   * so that the message is read without scrolling sideways; the explicit roles keep it a table for screen readers
   * when CSS changes its display.
   */
  function problemsTable(shown, several) {
    // A repeated code's row may be the one not counted (the latest state wins): its outcome is the dossier's.
    const outcome = (p) => (p.severity !== 'warning' ? t('stats.skipped') : (p.code === 'duplicateId' ? t('stats.countedOnce') : t('stats.warning')));
    const cols = [...(several ? ['col.file'] : []), 'col.row', 'col.column', 'col.code', 'col.severity', 'col.message'];
    return h('div', { class: 'table-wrap', tabindex: 0, 'aria-label': t('stats.problemsList') }, h('table', { class: 'problems list cards', role: 'table' },
      h('caption', { text: t('stats.problemsList') }),
      h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, cols.map((k) => h('th', { scope: 'col', role: 'columnheader', text: t(k) })))),
      h('tbody', { role: 'rowgroup' }, shown.map((p) => h('tr', { role: 'row', tabindex: -1 },
        several ? cell('col.file', { text: p.source ?? '' }) : null,
        cell('col.row', { class: 'num', text: p.row ?? '' }), cell('col.column', { text: p.column ?? '' }),
        cell('col.code', {}, h('code', { text: p.code })),
        cell('col.severity', { class: p.severity === 'warning' ? 'sev-warn' : 'sev-skip', text: outcome(p) }),
        cell('col.message', { class: 'message', text: lang() === 'en' && p.messageEn ? p.messageEn : p.message }))))));
  }

  /** Each file read: its format (encoding, sheet), header row, rows read, used and skipped, problems listed; a card each on a phone. */
  function sourcesTable(q) {
    const cols = ['col.file', 'col.format', 'col.headerRow', 'col.rows', 'col.used', 'col.skippedRows', 'col.problems'];
    return h('div', { class: 'table-wrap', tabindex: 0, 'aria-label': t('stats.sources') },
      h('table', { class: 'problems sources cards', id: 'stats-sources', role: 'table' },
        h('caption', { text: t('stats.sources') }),
        h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
          cols.map((k, i) => h('th', { scope: 'col', role: 'columnheader', class: i > 1 ? 'num' : null, text: t(k) })))),
        h('tbody', { role: 'rowgroup' }, q.sources.map((src) => {
          const listed = q.problems.filter((p) => p.source === src.name).length;
          return h('tr', { role: 'row', dataset: { name: src.name } },
            h('th', { scope: 'row', role: 'rowheader', text: src.name }),
            cell('col.format', { text: [src.format.toUpperCase(), src.encoding, src.sheet ? t('stats.sheet', { sheet: src.sheet }) : null].filter(Boolean).join(', ') }),
            cell('col.headerRow', { class: 'num', text: fmt.num(src.headerRow) }),
            cell('col.rows', { class: 'num', dataset: { k: 'rows' }, text: fmt.num(src.rows) }),
            cell('col.used', { class: 'num', text: fmt.num(src.used) }),
            cell('col.skippedRows', { class: 'num', text: fmt.num(src.skipped) }),
            cell('col.problems', { class: 'num', dataset: { k: 'problems' }, text: q.problemsTruncated ? `≥ ${fmt.num(listed)}` : fmt.num(listed) }));
        }))));
  }


  function downloads(r) {
    const base = `bao-cao-tthc_${r.period.from}_${r.period.to}`;
    const m = engine();
    const xlsx = h('button', { type: 'button', id: 'stats-xlsx', text: t('stats.downloadXlsx'),
      onclick: () => {
        try { download(m.reportToXlsx(r), `${base}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'); } catch (e) { sayError(() => errorText(e, lang())); }
      } });
    const csv = h('button', { type: 'button', id: 'stats-csv', class: 'secondary', text: t('stats.downloadCsv'),
      onclick: () => {
        try {
          const text = m.reportToCsv(r);
          download(text.startsWith('\ufeff') ? text : `\ufeff${text}`, `${base}.csv`, 'text/csv;charset=utf-8');
        } catch (e) { sayError(() => errorText(e, lang())); }
      } });
    return h('div', { class: 'actions downloads', role: 'group', 'aria-label': t('stats.download') }, xlsx, csv);
  }

  replace(panel,
    h('h2', { text: t('stats.heading'), dataset: { i18n: 'stats.heading' } }),
    h('p', { class: 'intro', text: t('stats.intro'), dataset: { i18n: 'stats.intro' } }),
    form, results);
  document.addEventListener('langchange', () => {
    fillPresets();
    showFiles();
    renderStatus();
    if (state.message) replace(message, state.message());
    renderResults();
  });
}
