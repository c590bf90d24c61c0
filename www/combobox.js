// An accessible combobox with a listbox popup (WAI-ARIA 1.2 combobox pattern, list autocomplete
// with manual selection): the user types part of a name, without diacritics if they like
// ("nghi loc" finds "Xã Nghi Lộc", "dong" finds "Phường Đông Vĩnh"), moves with the arrow keys
// and picks with Enter or a tap. The text input keeps DOM focus; the highlighted option is
// announced through aria-activedescendant, the number of matches through a polite live region.
import { h, replace } from './dom.js';
import { t } from './i18n.js';

/** Lower case without diacritics, đ/Đ → d, runs of spaces collapsed: the search key of a name. */
export function fold(s) {
  return String(s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// Type words a citizen may leave out ("Nghi Lộc" for "Xã Nghi Lộc").
const TYPE_WORDS = /^(xa|phuong|dac khu|thi tran|thi xa|thanh pho|tinh|huyen|quan) /;

/**
 * The options matching `query`, best first: names whose own part (without the type word) starts
 * with the query, then a word of the name starting with it, then anywhere in the name.
 */
export function filterOptions(options, query) {
  const q = fold(query);
  if (!q) return options.slice();
  const starts = [];
  const words = [];
  const inside = [];
  for (const o of options) {
    const k = o.key;
    const bare = k.replace(TYPE_WORDS, '');
    if (bare.startsWith(q) || k.startsWith(q)) starts.push(o);
    else if (k.includes(` ${q}`)) words.push(o);
    else if (k.includes(q)) inside.push(o);
  }
  return [...starts, ...words, ...inside];
}

let seq = 0;

/**
 * Creates a combobox. `attrs`: attributes of the text input (id, name, aria-describedby,
 * required …). `label`: the accessible name of the listbox. Returns { input, root, setOptions,
 * value, setValue, text, onchange } where `value()` is the chosen option's value, or the typed
 * text when nothing matching was chosen (so a validator can say what is wrong with it).
 */
export function combobox(attrs, { label = '', onchange = () => {} } = {}) {
  const listId = `${attrs.id}-list`;
  const input = h('input', {
    ...attrs, type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': listId, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', class: 'combo-input',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'combo-list', 'aria-label': label, hidden: true });
  const count = h('span', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const toggle = h('button', {
    type: 'button', class: 'combo-toggle', tabindex: '-1', 'aria-hidden': 'true', text: '▾',
  });
  const root = h('div', { class: 'combo' }, input, toggle, list, count);
  let options = []; // { value, text, key, el }
  let shown = [];
  let active = -1;
  let chosen = null; // the chosen option
  const prefix = `${attrs.id}-opt-${++seq}`;

  const isOpen = () => !list.hidden;
  function open() {
    if (isOpen() || !options.length) return;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }
  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
    count.textContent = ''; // a closed list has nothing to count; the next search is announced afresh
  }
  function setActive(i) {
    if (active >= 0 && shown[active]) shown[active].el.setAttribute('aria-selected', 'false');
    active = i;
    if (i >= 0 && shown[i]) {
      const el = shown[i].el;
      el.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', el.id);
      // Keep the highlighted option in view inside the list (never scrolls the page sideways).
      const top = el.offsetTop;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (top + el.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + el.offsetHeight - list.clientHeight;
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }
  /** Fills the list for `query`; `announce`: only when the user opens or searches it. */
  function render(query, { announce = true } = {}) {
    // Only the active option is marked selected: unmark that one (writing all 130 on every key cost a slow phone a
    // style pass), and redraw the list only when its options change.
    if (active >= 0 && shown[active]) shown[active].el.setAttribute('aria-selected', 'false');
    const before = shown;
    shown = filterOptions(options, query);
    const same = before.length > 0 && shown.length === before.length && shown.every((o, i) => o === before[i]);
    if (!same) replace(list, shown.length ? shown.map((o) => o.el) : h('li', { class: 'combo-empty', role: 'presentation', text: t('combo.none') }));
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (announce) count.textContent = t('combo.count', { n: shown.length });
  }
  function choose(o, { silent = false } = {}) {
    chosen = o;
    input.value = o ? o.text : '';
    close();
    if (!silent) onchange();
  }

  input.addEventListener('input', () => {
    chosen = null;
    render(input.value);
    open();
    onchange({ typing: true });
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!isOpen()) {
        render(chosen ? '' : input.value);
        open();
        if (e.altKey) return;
        const at = chosen ? shown.indexOf(chosen) : -1;
        setActive(at >= 0 ? at : (e.key === 'ArrowDown' ? 0 : shown.length - 1));
        return;
      }
      if (!shown.length) return;
      const n = shown.length;
      setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
    } else if (e.key === 'Enter') {
      if (isOpen() && active >= 0) {
        e.preventDefault(); // pick, don't submit the form
        choose(shown[active]);
      } else if (isOpen()) {
        e.preventDefault();
        const exact = matchExact();
        if (exact) choose(exact);
        else if (shown.length === 1) choose(shown[0]);
        else close();
      }
    } else if (e.key === 'Escape') {
      if (isOpen()) { e.preventDefault(); close(); } else if (input.value) { e.preventDefault(); choose(null); }
    } else if (e.key === 'Tab') {
      if (isOpen() && active >= 0) choose(shown[active]);
    }
  });
  // A pointer pick: mousedown would blur the input first; keep focus, pick on click.
  list.addEventListener('mousedown', (e) => e.preventDefault());
  list.addEventListener('click', (e) => {
    const li = e.target.closest('[role=option]');
    const o = li && options.find((x) => x.el === li);
    if (o) choose(o);
  });
  toggle.addEventListener('mousedown', (e) => e.preventDefault());
  toggle.addEventListener('click', () => {
    if (isOpen()) close(); else { render(''); open(); input.focus(); }
  });
  input.addEventListener('click', () => { if (!isOpen()) { render(chosen ? '' : input.value); open(); } });
  input.addEventListener('blur', () => {
    if (!chosen) {
      const exact = matchExact();
      if (exact) choose(exact, { silent: true });
    }
    close();
  });

  function matchExact() {
    const k = fold(input.value);
    if (!k) return null;
    return options.find((o) => o.key === k) ?? options.find((o) => o.key.replace(TYPE_WORDS, '') === k) ?? null;
  }

  return {
    input,
    root,
    /** Replaces the options ([{ value, text }]); keeps the choice when its value is still offered. */
    setOptions(list2) {
      const keep = chosen?.value;
      options = list2.map((o, i) => ({
        value: String(o.value), text: o.text, key: fold(o.text),
        el: h('li', { id: `${prefix}-${i}`, role: 'option', 'aria-selected': 'false', class: 'combo-option', text: o.text }),
      }));
      chosen = keep ? options.find((o) => o.value === keep) ?? null : null;
      if (!chosen && keep) input.value = '';
      input.disabled = !options.length;
      // Not announced: the list changes with the province while closed (and at page load).
      render('', { announce: false });
      close();
    },
    /** The chosen option's value, else the typed text (trimmed). */
    value: () => (chosen ? chosen.value : input.value.trim()),
    /** Chooses the option with this value, or keeps a typed text. */
    setValue(v) {
      const o = options.find((x) => x.value === String(v ?? ''));
      if (o) choose(o, { silent: true }); else { chosen = null; input.value = v ?? ''; }
    },
    reset() { chosen = null; input.value = ''; close(); },
  };
}
