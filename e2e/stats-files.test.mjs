// End-to-end tests of the statistics tab with the data's own period and several files, in Debian
// Chromium at phone width, in Vietnamese and in English: an upload shows the report of the data's
// months at once and says so; the presets come from the data's months with labels that match their
// dates; an XLSX export gives the report of the same table as CSV, and one whose receipt-date
// column is not recognised a column picker of its header row; several files dropped at once are
// analysed in parallel workers (as many as the cores, at most 4) and listed one by one, with the
// report of one worker over all of them; repeated dossier codes are flagged, also across workers;
// a period without dossiers is said in words; an error names its file, once; a receipt-date column
// picked for one of several files is that file's only; a web page saved as .csv is refused in
// words; Cancel stops every worker.
// The page's cores are set through navigator.hardwareConcurrency.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, panelReady, text, PHONE } from './page-helpers.mjs';
import { makeExport, PERIOD } from './export-fixture.mjs';
import { splitFiles, workerCount } from '../www/split.js';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const LANGS = ['vi', 'en'];
const fmtNum = (lang, n) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN').format(n);
const fixture = (name) => fs.readFileSync(new URL(`../tests/fixtures/${name}`, import.meta.url));
const CELLS = ['received.total', 'received.carriedOver', 'received.new', 'resolved.total', 'resolved.early', 'resolved.onTime',
  'resolved.late', 'resolved.onTimeRate', 'pending.total', 'pending.overdue', 'onlineRate'];

async function openStats(lang) {
  const o = await env.open({ viewport: PHONE, hash: '#thong-ke' });
  await panelReady(o.page, 'stats');
  if (lang === 'en') await o.page.click('#lang');
  return o;
}

const cells = (page) => page.$$eval('#stats-report [data-k]', (tds) => Object.fromEntries(tds.map((x) => [x.dataset.k, x.textContent])));
const reportShown = (page) => page.waitForSelector('#stats-report', { timeout: 60_000 });

/** Drops `files` ([{ name, text }]) on the drop zone, as a drag from the file manager does. */
async function dropFiles(page, files) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    const zone = document.getElementById('stats-drop');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** The generated export cut into `n` CSV files of consecutive rows, each with the header. */
function splitExport(n) {
  const [head, ...rows] = makeExport().csv.trimEnd().split('\r\n');
  const size = Math.ceil(rows.length / n);
  return Array.from({ length: n }, (_, i) => ({
    name: `thang-${i + 1}.csv`, text: `${[head, ...rows.slice(i * size, (i + 1) * size)].join('\r\n')}\r\n`,
  }));
}

/** Makes the page see `n` cores (the workers it starts follow navigator.hardwareConcurrency). */
const setCores = (page, n) => page.evaluate((x) => Object.defineProperty(navigator, 'hardwareConcurrency', { value: x, configurable: true }), n);
const workersUsed = (page) => page.getAttribute('#stats-progress', 'data-workers');
/** Waits (up to 5 s) until the page's workers are gone: terminated workers leave page.workers(). */
async function noWorkersLeft(page) {
  for (let i = 0; i < 50 && page.workers().length; i += 1) await page.waitForTimeout(100);
  assert.equal(page.workers().length, 0, 'every worker terminated');
}

/** Everything the report shows: title, period note, the report and agency tables, Decision 766, data quality. */
const reportSeen = (page) => page.evaluate(() => Object.fromEntries(
  ['#stats-report-title', '#stats-period-note', '#stats-report', '#stats-agencies', '#stats-d766', '#stats-quality']
    .map((sel) => [sel, document.querySelector(sel)?.innerText ?? null])));

/** The preset whose dates are `from`–`to`. */
async function choosePreset(page, from, to) {
  await page.selectOption('#stats-preset', `${from}_${to}`);
  assert.equal(await page.inputValue('#stats-from'), from);
  assert.equal(await page.inputValue('#stats-to'), to);
  await page.click('#stats-run');
}

for (const lang of LANGS) {
  test(`statistics (${lang}, phone): an upload shows the data's months at once; presets from the data with labels that match their dates`, async () => {
    const { page, done } = await openStats(lang);
    await page.setInputFiles('#stats-file', { name: 'ket-xuat.csv', mimeType: 'text/csv', buffer: Buffer.from(makeExport().csv) });
    await reportShown(page);
    // Receipts from 01/07/2025 to 20/09/2025: the report covers July to September 2025, and says so.
    assert.match(await text(page, '#stats-report-title'), /01\/07\/2025.*30\/09\/2025/);
    assert.equal(await page.inputValue('#stats-from'), '2025-07-01');
    assert.equal(await page.inputValue('#stats-to'), '2025-09-30');
    assert.equal(await page.inputValue('#stats-preset'), 'data');
    assert.equal(await text(page, '#stats-period-note'), lang === 'en'
      ? 'Period taken from the data: the months 01/07 – 30/09/2025. The data holds receipt dates from 01/07/2025 to 20/09/2025.'
      : 'Kỳ báo cáo lấy theo dữ liệu: các tháng 01/07 – 30/09/2025. Dữ liệu có ngày tiếp nhận từ 01/07/2025 đến 20/09/2025.');
    // Every preset's label matches its dates.
    const options = await page.$$eval('#stats-preset optgroup option', (os) => os.map((o) => ({ id: o.value, label: o.textContent })));
    const want = new Map([
      ['2025-07-01_2025-09-30', lang === 'en' ? 'All the data (01/07 – 30/09/2025)' : 'Toàn bộ dữ liệu (01/07 – 30/09/2025)'],
      ['2025-01-01_2025-12-31', lang === 'en' ? 'Year 2025' : 'Năm 2025'],
      ['2025-07-01_2025-07-31', lang === 'en' ? 'July 2025' : 'Tháng 7/2025'],
      ['2025-08-01_2025-08-31', lang === 'en' ? 'August 2025' : 'Tháng 8/2025'],
      ['2025-09-01_2025-09-30', lang === 'en' ? 'September 2025' : 'Tháng 9/2025'],
      ['2025-06-15_2025-07-15', '15/06 – 15/07/2025'],
      ['2025-07-15_2025-08-15', '15/07 – 15/08/2025'],
      ['2025-08-15_2025-09-15', '15/08 – 15/09/2025'],
      ['2025-09-15_2025-10-15', '15/09 – 15/10/2025'],
    ]);
    // The whole span is also the third quarter: listed once, under "all".
    assert.deepEqual(options.map((o) => o.id).sort(), [...want.keys()].sort());
    for (const o of options) assert.equal(o.label, want.get(o.id), o.id);
    // A preset gives the centre's period and its exact figures.
    await choosePreset(page, PERIOD.from, PERIOD.to);
    await page.waitForFunction(() => /15\/08\/2025/.test(document.getElementById('stats-report-title')?.textContent ?? ''));
    const { expected } = makeExport();
    assert.equal(await page.textContent('#stats-report [data-k="received.total"]'), fmtNum(lang, expected.received.total));
    assert.equal(await text(page, '#stats-period-note'), lang === 'en'
      ? 'The data holds receipt dates from 01/07/2025 to 20/09/2025.' : 'Dữ liệu có ngày tiếp nhận từ 01/07/2025 đến 20/09/2025.');
    await done();
  });

  test(`statistics (${lang}, phone): one file chooser in the page's language — the native input is drawn by its label, which shows its keyboard focus`, async () => {
    const { page, done } = await openStats(lang);
    // The native control ("Choose Files · No file chosen", in the browser's language) takes no room on the screen.
    const box = await page.$eval('#stats-file', (x) => { const r = x.getBoundingClientRect(); return { w: r.width, h: r.height, opacity: getComputedStyle(x).opacity }; });
    assert.ok(box.w <= 1 && box.h <= 1 && box.opacity === '0', JSON.stringify(box));
    // Its name is the label's words, in the page's language.
    const pick = lang === 'en' ? 'Choose export files' : 'Chọn các tệp kết xuất';
    assert.equal(await page.getByLabel(pick, { exact: true }).getAttribute('id'), 'stats-file');
    // The keyboard reaches it, and the label shows the focus.
    const label = 'label[for="stats-file"]';
    assert.equal(await page.$eval(label, (x) => getComputedStyle(x).outlineStyle), 'none');
    await page.focus('#stats-preset');
    for (let k = 0; k < 12 && (await page.evaluate(() => document.activeElement?.id)) !== 'stats-file'; k++) await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'stats-file');
    assert.equal(await page.$eval(label, (x) => getComputedStyle(x).outlineStyle), 'solid');
    // Files chosen through it are named by the page.
    await page.setInputFiles('#stats-file', { name: 'ket-xuat.csv', mimeType: 'text/csv', buffer: Buffer.from(makeExport().csv) });
    await reportShown(page);
    assert.match(await text(page, '#stats-file-name'), /ket-xuat\.csv/);
    await done();
  });

  test(`statistics (${lang}, phone): the agency table scrolls sideways with the agency names kept in view`, async () => {
    const { page, done } = await openStats(lang);
    await page.setInputFiles('#stats-file', { name: 'ket-xuat.csv', mimeType: 'text/csv', buffer: Buffer.from(makeExport().csv) });
    await reportShown(page);
    const at = () => page.evaluate(() => {
      const wrap = document.querySelector('#stats-agencies').parentElement;
      const name = document.querySelector('#stats-agencies tbody th');
      const sortName = document.querySelector('#stats-agencies button[data-key="agency"]').closest('th');
      const total = document.querySelector('#stats-agencies tfoot th');
      const left = (x) => Math.round(x.getBoundingClientRect().left - wrap.getBoundingClientRect().left);
      return { scroll: wrap.scrollLeft, room: wrap.scrollWidth - wrap.clientWidth, name: left(name), head: left(sortName), total: left(total),
        background: getComputedStyle(name).backgroundColor };
    });
    const before = await at();
    assert.ok(before.room > 100, `the table is wider than the screen: ${JSON.stringify(before)}`);
    await page.$eval('#stats-agencies', (t) => { t.parentElement.scrollLeft = t.parentElement.scrollWidth; });
    const after = await at();
    assert.ok(after.scroll > 100, JSON.stringify(after));
    for (const k of ['name', 'head', 'total']) assert.ok(Math.abs(after[k] - before[k]) <= 1, `the first column stays: ${k} ${JSON.stringify({ before, after })}`);
    assert.notEqual(after.background, 'rgba(0, 0, 0, 0)', 'numbers do not show through the names');
    await done();
  });

  test(`statistics (${lang}, phone): a period without dossiers is said in words, not shown as a report of zeros`, async () => {
    const { page, done } = await openStats(lang);
    await page.setInputFiles('#stats-file', { name: 'ket-xuat.csv', mimeType: 'text/csv', buffer: Buffer.from(makeExport().csv) });
    await reportShown(page);
    // Before every receipt of the data: nothing received, nothing carried over.
    await page.selectOption('#stats-preset', 'custom');
    await page.fill('#stats-from', '2025-03-01');
    await page.fill('#stats-to', '2025-03-31');
    await page.click('#stats-run');
    await page.waitForSelector('#stats-empty', { timeout: 60_000 });
    assert.equal(await page.locator('#stats-report').count(), 0);
    assert.equal(await page.locator('#stats-xlsx').count(), 0, 'no report to download');
    assert.match(await text(page, '#stats-empty'), lang === 'en'
      ? /^No dossier in the period 01\/03 – 31\/03\/2025: .*The data holds receipt dates from 01\/07\/2025 to 20\/09\/2025\.$/
      : /^Không có hồ sơ nào trong kỳ 01\/03 – 31\/03\/2025: .*Dữ liệu có ngày tiếp nhận từ 01\/07\/2025 đến 20\/09\/2025\.$/);
    await done();
  });

  test(`statistics (${lang}, phone): an XLSX export gives the report of the same table as CSV, its sheet and header row listed`, async () => {
    const { page, done } = await openStats(lang);
    await page.setInputFiles('#stats-file', { name: 'definitions.csv', mimeType: 'text/csv', buffer: fixture('definitions.csv') });
    await reportShown(page);
    const fromCsv = await cells(page);
    const titleCsv = await text(page, '#stats-report-title');
    await page.setInputFiles('#stats-file', {
      name: 'definitions.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixture('definitions.xlsx'),
    });
    await page.waitForFunction(() => /definitions\.xlsx/.test(document.querySelector('#stats-sources tbody')?.textContent ?? ''), null, { timeout: 60_000 });
    assert.deepEqual(await cells(page), fromCsv);
    assert.equal(await text(page, '#stats-report-title'), titleCsv);
    const row = await page.$$eval('#stats-sources tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(row.length, 1);
    assert.equal(row[0][0], 'definitions.xlsx');
    assert.match(row[0][1], lang === 'en' ? /^XLSX, sheet “Danh sách hồ sơ”$/ : /^XLSX, trang “Danh sách hồ sơ”$/);
    assert.equal(row[0][2], '3');
    await done();
  });

  test(`statistics (${lang}, phone): an XLSX export without a recognised receipt-date column → a picker of its header row, then the report`, async () => {
    const { page, done } = await openStats(lang);
    await page.setInputFiles('#stats-file', { name: 'definitions.csv', mimeType: 'text/csv', buffer: fixture('definitions.csv') });
    await reportShown(page);
    const fromCsv = await cells(page);
    // definitions.xlsx with "Ngày tiếp nhận" renamed "Thời điểm nộp": a notes sheet with one title cell comes first.
    await page.setInputFiles('#stats-file', {
      name: 'doi-ten.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixture('definitions-no-date.xlsx'),
    });
    await page.waitForSelector('#stats-column-pick', { timeout: 60_000 });
    const options = await page.$$eval('#stats-column-pick option', (os) => os.map((o) => o.value));
    assert.equal(options.length, 14, options.join(' | '));
    assert.deepEqual(options.slice(0, 2), ['STT', 'Mã hồ sơ']);
    await page.selectOption('#stats-column-pick', 'Thời điểm nộp');
    await page.click('#stats-column-use');
    await reportShown(page);
    assert.deepEqual(await cells(page), fromCsv);
    await done();
  });

  {
    test(`statistics (${lang}, phone): several files dropped at once → one report, each file listed`, async () => {
      const { page, done } = await openStats(lang);
      const files = splitExport(3);
      await dropFiles(page, files);
      await reportShown(page);
      assert.match(await text(page, '#stats-file-name'), lang === 'en' ? /^3 files, .*: thang-1\.csv; thang-2\.csv; thang-3\.csv$/ : /^3 tệp, .*: thang-1\.csv; thang-2\.csv; thang-3\.csv$/);
      const sources = await page.$$eval('#stats-sources tbody tr', (trs) => trs.map((tr) => ({
        name: tr.dataset.name, format: tr.children[1].textContent, rows: tr.querySelector('[data-k="rows"]').textContent,
        problems: tr.querySelector('[data-k="problems"]').textContent,
      })));
      const { rows, expected, badRow } = makeExport();
      assert.deepEqual(sources.map((x) => x.name), files.map((f) => f.name));
      for (const x of sources) assert.match(x.format, /^CSV, /);
      const perFile = files.map((f) => f.text.trimEnd().split('\r\n').length - 1);
      assert.deepEqual(sources.map((x) => x.rows), perFile.map((n) => fmtNum(lang, n)));
      assert.equal(perFile.reduce((a, b) => a + b, 0), rows);
      // The impossible date is in the last file: its problem is listed with that file.
      assert.deepEqual(sources.map((x) => x.problems), ['0', '0', '1']);
      const problem = await page.$$eval('#stats-quality table:not(.sources) tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      assert.equal(problem[0][0], 'thang-3.csv');
      assert.equal(problem[0][1], String(badRow - perFile[0] - perFile[1]));
      // On a phone the problem is a card: its message lies within the screen (no sideways scrolling) and each other
      // cell says which column it is.
      const card = await page.$eval('#stats-quality table:not(.sources) tbody tr', (tr) => {
        const message = tr.lastElementChild.getBoundingClientRect();
        return { left: message.left, right: message.right, width: message.width, screen: document.documentElement.clientWidth,
          label: getComputedStyle(tr.firstElementChild, '::before').content };
      });
      assert.ok(card.left >= 0 && card.right <= card.screen && card.width > card.screen * 0.6, JSON.stringify(card));
      assert.equal(card.label, lang === 'en' ? '"File: "' : '"Tệp: "');
      // So is each file read: every cell within the screen, after its column's name; the list of problems has a title.
      const width = await page.evaluate(() => document.documentElement.clientWidth);
      const sourceCells = await page.$$eval('#stats-sources tbody td, #stats-sources tbody th', (xs) => xs.map((x) => ({
        right: x.getBoundingClientRect().right, before: x.tagName === 'TD' ? getComputedStyle(x, '::before').content : null, label: x.dataset.label ?? null,
      })));
      for (const c of sourceCells) {
        assert.ok(c.right <= width, `within the screen: ${JSON.stringify(c)}`);
        if (c.before !== null) assert.ok(c.label && c.before.includes(c.label), JSON.stringify(c));
      }
      assert.equal(await text(page, '#stats-quality table.list caption'), lang === 'en' ? 'Problems found' : 'Các vấn đề phát hiện');
      // The centre's period over the three files: the figures of the single export.
      await choosePreset(page, PERIOD.from, PERIOD.to);
      await page.waitForFunction(() => /15\/08\/2025/.test(document.getElementById('stats-report-title')?.textContent ?? ''));
      assert.equal(await page.textContent('#stats-report [data-k="received.total"]'), fmtNum(lang, expected.received.total));
      assert.equal(await page.textContent('#stats-report [data-k="resolved.late"]'), fmtNum(lang, expected.resolved.late));
      assert.equal(await page.textContent('#stats-report [data-k="pending.overdue"]'), fmtNum(lang, expected.pending.overdue));
      await done();
    });

    test(`statistics (${lang}, phone): the same export twice, in two workers, counts each dossier once and says so`, async () => {
      const { page, done } = await openStats(lang);
      await setCores(page, 2);
      const { csv, expected } = makeExport();
      await dropFiles(page, [{ name: 'lan-1.csv', text: csv }, { name: 'lan-2.csv', text: csv }]);
      await reportShown(page);
      assert.equal(await workersUsed(page), '2', 'each file in its own worker');
      await choosePreset(page, PERIOD.from, PERIOD.to);
      await page.waitForFunction(() => /15\/08\/2025/.test(document.getElementById('stats-report-title')?.textContent ?? ''));
      assert.equal(await page.textContent('#stats-report [data-k="received.total"]'), fmtNum(lang, expected.received.total));
      const dupes = makeExport().rows - 1; // every usable row of the second file repeats one of the first
      assert.match(await text(page, '#stats-duplicates'), lang === 'en'
        ? new RegExp(`^${fmtNum(lang, dupes)} rows repeat the dossier code of another row: each dossier code is counted once\\.`)
        : new RegExp(`^Có ${fmtNum(lang, dupes)} dòng trùng mã hồ sơ với một dòng khác: mỗi mã hồ sơ chỉ được tính một lần\\.`));
      assert.match(await text(page, '#stats-duplicates li'), lang === 'en' ? /^lan-2\.csv, row 2: The dossier code "H40\.00001"/ : /^lan-2\.csv, dòng 2: Mã hồ sơ "H40\.00001"/);
      // The problems list starts with 20 (cards on a phone); "Show all" lists the page's 200, the keyboard going on
      // from the 21st; the rest are counted. A language switch keeps it open; the next report starts short again.
      // A repeat's outcome is the dossier's (its row may be the one not counted).
      assert.equal(await page.$eval('#stats-quality table.list tbody tr:last-child .sev-warn', (x) => x.textContent),
        lang === 'en' ? 'Dossier counted once' : 'Hồ sơ tính một lần');
      const listed = () => page.locator('#stats-quality table.list tbody tr').count();
      const total = dupes + 2; // every repeat, and each file's impossible date
      assert.equal(await listed(), 20);
      assert.equal(await text(page, '#stats-problems-all'), lang === 'en' ? 'Show all 200 problems' : 'Hiện cả 200 vấn đề');
      await page.click('#stats-problems-all');
      assert.equal(await listed(), 200);
      assert.equal(await page.evaluate(() => [...document.querySelectorAll('#stats-quality table.list tbody tr')].indexOf(document.activeElement)), 20);
      assert.equal(await page.locator('#stats-problems-all').count(), 0);
      assert.match(await text(page, '#stats-quality'), lang === 'en' ? new RegExp(`and ${total - 200} more problems\\.`) : new RegExp(`và ${total - 200} vấn đề khác\\.`));
      await page.click('#lang');
      assert.equal(await listed(), 200);
      await page.click('#lang');
      await choosePreset(page, '2025-07-01', '2025-09-30');
      await page.waitForFunction(() => /30\/09\/2025/.test(document.getElementById('stats-report-title')?.textContent ?? ''));
      assert.equal(await listed(), 20);
      await done();
    });
  }

  test(`statistics (${lang}, phone): three files in three workers give the report of one worker and of the one export`, async () => {
    const { page, done } = await openStats(lang);
    const { csv } = makeExport();
    await page.setInputFiles('#stats-file', { name: 'ket-xuat.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await reportShown(page);
    const whole = await reportSeen(page);
    const files = splitExport(3);
    const seen = {};
    for (const cores of [1, 4]) {
      await setCores(page, cores);
      await dropFiles(page, files);
      await reportShown(page);
      assert.equal(await workersUsed(page), String(Math.min(cores, 3)));
      seen[cores] = await reportSeen(page);
      // The progress line ends with all rows of all files.
      assert.match(await text(page, '#stats-progress-text'), lang === 'en'
        ? new RegExp(`^Analysed ${fmtNum(lang, makeExport().rows)} rows in [\\d,]+ ms\\.$`)
        : new RegExp(`^Đã phân tích ${fmtNum(lang, makeExport().rows)} dòng trong [\\d.]+ ms\\.$`));
    }
    assert.deepEqual(seen[4], seen[1], 'three workers and one give the same report, file by file');
    // Against the one export: the same figures, only the quality panel differs (three sources, rows counted per file).
    for (const sel of ['#stats-report-title', '#stats-period-note', '#stats-report', '#stats-agencies', '#stats-d766']) {
      assert.equal(seen[4][sel], whole[sel], sel);
    }
    await done();
  });

  test(`statistics (${lang}, phone): an error in one of several workers names its file; no report is shown`, async () => {
    const { page, done } = await openStats(lang);
    await setCores(page, 4);
    const [first, , last] = splitExport(3);
    // Not a workbook: read when the file ends, at the worker's snapshot.
    await dropFiles(page, [first, { name: 'hong.xlsx', text: `PK\x03\x04${'Z'.repeat(300)}` }, last]);
    await page.waitForSelector('#stats-message .error', { timeout: 60_000 });
    assert.equal(await workersUsed(page), '3');
    assert.match(await text(page, '#stats-message'), lang === 'en' ? /^Could not analyse “hong\.xlsx”: \S.{10,}/ : /^Không phân tích được tệp “hong\.xlsx”: \S.{10,}/);
    assert.equal(await page.locator('#stats-report').count(), 0);
    assert.equal(await page.isHidden('#stats-cancel'), true);
    await noWorkersLeft(page);
    await done();
  });

  test(`statistics (${lang}, phone): a receipt-date column picked for one of several files applies to that file only; another file without one gets its own picker`, async () => {
    const { page, done } = await openStats(lang);
    const files = splitExport(3);
    await dropFiles(page, files);
    await reportShown(page);
    const asExported = await reportSeen(page);
    const sourcesAsExported = await text(page, '#stats-sources tbody');
    // The second and the third file name their receipt date in words of their own, each differently.
    const picks = { 'thang-2.csv': 'Thời điểm nộp', 'thang-3.csv': 'Lúc nộp' };
    const renamed = files.map((f) => (picks[f.name] ? { ...f, text: f.text.replace('Ngày tiếp nhận', picks[f.name]) } : f));
    // One worker (its analyzers merged in it) and two (the first run's two analyzers sent as two snapshots).
    for (const cores of [1, 2]) {
      await setCores(page, cores);
      await dropFiles(page, renamed);
      const named = [];
      for (let k = 0; k < 2; k += 1) {
        await page.waitForSelector('#stats-message .error', { timeout: 60_000 });
        assert.equal(await page.locator('#stats-column-pick').count(), 1, `a picker, not an error: ${await text(page, '#stats-message')}`);
        const msg = await text(page, '#stats-message .error');
        const file = Object.keys(picks).find((name) => msg.includes(`“${name}”`));
        assert.ok(file, msg);
        assert.match(msg, lang === 'en' ? /^No receipt-date column was found in “thang-\d\.csv”/ : /^Không tìm thấy cột ngày tiếp nhận trong tệp “thang-\d\.csv”/);
        named.push(file);
        // That file's own headers.
        const options = await page.$$eval('#stats-column-pick option', (os) => os.map((o) => o.value));
        assert.ok(options.includes(picks[file]) && !Object.values(picks).some((p) => p !== picks[file] && options.includes(p)), options.join(' | '));
        await page.selectOption('#stats-column-pick', picks[file]);
        await page.click('#stats-column-use');
      }
      assert.deepEqual([...named].sort(), Object.keys(picks), 'each file without the column named once');
      await reportShown(page);
      assert.equal(await workersUsed(page), String(cores));
      // The report of the files as exported: the first file read its receipt dates by itself, the others by the columns picked.
      const seen = await reportSeen(page);
      for (const sel of ['#stats-report-title', '#stats-period-note', '#stats-report', '#stats-agencies', '#stats-d766']) {
        assert.equal(seen[sel], asExported[sel], sel);
      }
      assert.equal(await text(page, '#stats-sources tbody'), sourcesAsExported);
      // Another period keeps the columns picked for these files.
      await choosePreset(page, PERIOD.from, PERIOD.to);
      await page.waitForFunction(() => /15\/08\/2025/.test(document.getElementById('stats-report-title')?.textContent ?? ''));
      assert.equal(await page.textContent('#stats-report [data-k="received.total"]'), fmtNum(lang, makeExport().expected.received.total));
      await page.selectOption('#stats-preset', 'data');
    }
    // The files chosen again: the columns picked went with the files before.
    await setCores(page, 1);
    await dropFiles(page, [renamed[1], files[2]]);
    await page.waitForSelector('#stats-column-pick', { timeout: 60_000 });
    assert.match(await text(page, '#stats-message .error'), /“thang-2\.csv”/);
    await done();
  });

  test(`statistics (${lang}, phone): an error names its file once`, async () => {
    const { page, done } = await openStats(lang);
    const [first] = splitExport(3);
    const long = 'bao-cao-ho-so-mot-cua-tu-thang-7-den-thang-9-nam-2025.csv'; // the engine cuts it at 40 characters
    const said = (name) => (lang === 'en'
      ? `Could not analyse “${name}”: The file is empty: no header row and no data.`
      : `Không phân tích được tệp “${name}”: Tệp rỗng: không có dòng tiêu đề và dữ liệu.`);
    // In one worker: the empty file ends at the next file's beginFile(), then at finish().
    await setCores(page, 1);
    for (const [list, name] of [[[{ name: 'rong.csv', text: '' }, first], 'rong.csv'], [[first, { name: long, text: '' }], long]]) {
      await page.setInputFiles('#stats-file', list.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text) })));
      await page.waitForSelector('#stats-message .error', { timeout: 60_000 });
      assert.equal(await text(page, '#stats-message'), said(name));
    }
    await done();
  });

  test(`statistics (${lang}, phone): a web page saved as .csv is refused in words, not offered as columns`, async () => {
    const { page, done } = await openStats(lang);
    const [first] = splitExport(3);
    // An HTML table (some systems' ".xls" downloads) and an SVG image: their first line is no header row.
    const pages = {
      'trang.csv': '<html><head><meta charset="utf-8"></head><body><table><tr><td>Mã hồ sơ</td><td>Ngày tiếp nhận</td></tr>'
        + '<tr><td>H40.00001</td><td>01/08/2025 10:00</td></tr></table></body></html>\r\n',
      'hinh.csv': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15"/></svg>',
    };
    for (const [name, body] of Object.entries(pages)) {
      await dropFiles(page, [first, { name, text: body }]);
      await page.waitForSelector('#stats-message .error', { timeout: 60_000 });
      assert.equal(await page.locator('#stats-column-pick').count(), 0);
      assert.equal(await text(page, '#stats-message'), lang === 'en'
        ? `Could not analyse “${name}”: The file is an HTML or XML page, not a CSV, XLSX or JSON table: open it in Excel and save it as .xlsx.`
        : `Không phân tích được tệp “${name}”: Tệp là trang HTML hoặc XML, không phải bảng CSV, XLSX hay JSON: hãy mở bằng Excel rồi lưu thành .xlsx.`);
    }
    await done();
  });

  test(`statistics (${lang}, phone): Cancel during several big files in parallel stops every worker; no report comes later`, async () => {
    const { page, done } = await openStats(lang);
    await setCores(page, 4);
    const [head, ...rest] = makeExport().csv.trimEnd().split('\r\n');
    const body = `${rest.slice(0, -1).join('\r\n')}\r\n`;
    const total = await page.evaluate(({ head, body }) => {
      const dt = new DataTransfer();
      for (const name of ['q1.csv', 'q2.csv', 'q3.csv']) {
        const parts = [`${head}\r\n`];
        for (let size = 0; size < 25e6; size += body.length) parts.push(body);
        dt.items.add(new File(parts, name, { type: 'text/csv' }));
      }
      document.getElementById('stats-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      return [...dt.files].reduce((a, f) => a + f.size, 0);
    }, { head, body });
    assert.equal(await workersUsed(page), '3');
    assert.equal(await page.getAttribute('#stats-progress', 'max'), String(total), 'progress over the bytes of all files');
    // Progress over all files: some bytes read of the three files' total, and rows.
    await page.waitForFunction(() => /[1-9]/.test(/\d[\d.,]* [KMG]?B/.exec(document.getElementById('stats-progress-text').textContent)?.[0] ?? ''), null, { timeout: 60_000 });
    const totalText = `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }).format(total / 2 ** 20)} MB`;
    assert.match(await text(page, '#stats-progress-text'), lang === 'en'
      ? new RegExp(`^Read [\\d.,]+ [KM]?B of ${totalText} · [\\d,]+ rows$`)
      : new RegExp(`^Đã đọc [\\d.,]+ [KM]?B / ${totalText} · [\\d.]+ dòng$`));
    // The driver learns of a worker a moment after the page starts it (later on a busy machine).
    for (let i = 0; i < 50 && page.workers().length < 3; i += 1) await page.waitForTimeout(100);
    assert.equal(page.workers().length, 3, 'three workers running');
    await page.click('#stats-cancel');
    await page.waitForSelector('#stats-message .info');
    assert.equal(await text(page, '#stats-message'), lang === 'en' ? 'Analysis cancelled.' : 'Đã hủy phân tích.');
    await noWorkersLeft(page);
    await page.waitForTimeout(3000);
    assert.equal(await page.locator('#stats-report').count(), 0, 'no report after Cancel');
    assert.equal(await text(page, '#stats-progress-text'), '');
    await done();
  });
}

test('files are shared among the workers in runs of consecutive files of about equal bytes', () => {
  const sized = (...sizes) => sizes.map((size, i) => ({ name: `f${i}`, size }));
  const sizes = (runs) => runs.map((r) => r.map((f) => f.size));
  assert.equal(workerCount(12, 2), 2);
  assert.equal(workerCount(12, 16), 4, 'at most 4');
  assert.equal(workerCount(3, 8), 3, 'never more than files');
  assert.equal(workerCount(1, 8), 1);
  assert.equal(workerCount(5, undefined), 1, 'no core count: one worker');
  assert.deepEqual(sizes(splitFiles(sized(...Array(12).fill(10)), 4)), [[10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10]]);
  assert.deepEqual(sizes(splitFiles(sized(4, 3, 3), 2)), [[4], [3, 3]]);
  assert.deepEqual(sizes(splitFiles(sized(3, 3, 4), 2)), [[3, 3], [4]]);
  assert.deepEqual(sizes(splitFiles(sized(100, 1, 1, 1), 2)), [[100], [1, 1, 1]]);
  assert.deepEqual(sizes(splitFiles(sized(1, 1, 1, 100), 3)), [[1, 1], [1], [100]], 'every run at least one file');
  assert.deepEqual(sizes(splitFiles(sized(0, 0, 0), 3)), [[0], [0], [0]]);
  assert.deepEqual(sizes(splitFiles(sized(5, 7), 1)), [[5, 7]]);
  const files = sized(8, 2, 9, 1, 4, 6, 3);
  for (let n = 1; n <= files.length; n += 1) assert.deepEqual(splitFiles(files, n).flat(), files, `${n} runs keep the files in order`);
});
