// End-to-end tests of the portal page (www/) in Debian Chromium, driven by playwright-core,
// against the built module in pkg/. Screenshots of every tab (desktop and phone width) go to
// e2e/artifacts/ (git-ignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, panelReady, DESKTOP, PHONE } from './page-helpers.mjs';
import { makeExport, PERIOD } from './export-fixture.mjs';

const ART = new URL('./artifacts/', import.meta.url);
fs.mkdirSync(ART, { recursive: true });
const vi = (n) => new Intl.NumberFormat('vi-VN').format(n);
const viPct = (n) => `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)}\u00a0%`;

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });
const open = (o) => env.open(o);

test('the page loads under the strict CSP, all three tabs mount, language switch persists, no console error', async () => {
  const { page, done } = await open();
  for (const [tab, id] of [['Nộp hồ sơ', 'submit'], ['Tính ngày hẹn trả', 'due'], ['Thống kê', 'stats']]) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForFunction((x) => document.getElementById(`panel-${x}`).childElementCount > 0, id);
    assert.equal(await page.getAttribute(`#tab-${id}`, 'aria-selected'), 'true');
  }
  await page.click('#lang');
  assert.equal(await page.textContent('#tab-due'), 'Due date');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.tthcReady === '1');
  assert.equal(await page.textContent('#tab-stats'), 'Statistics', 'the choice survives a reload');
  await page.click('#lang');
  assert.equal(await page.textContent('#tab-stats'), 'Thống kê');
  // No element carries an inline style attribute (the CSP would block it).
  assert.equal(await page.locator('[style]').count(), 0);
  // Every sample form compiles and renders.
  {
    await page.click('#tab-submit');
    await panelReady(page, 'submit');
    const ids = await page.$$eval('#submit-procedure option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(ids.length >= 3, `sample forms: ${ids}`);
    for (const id of ids) {
      await page.selectOption('#submit-procedure', id);
      await page.waitForFunction(() => document.querySelectorAll('#submit-form [name]').length > 3);
      assert.match(await page.textContent('#submit-info'), /Thời hạn giải quyết: \S+/, id);
    }
  }
  await done();
});

test('keyboard only: arrow keys move between tabs, every tab is reachable and focus is visible', async () => {
  const { page, done } = await open();
  await page.focus('#tab-submit');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-due');
  assert.equal(await page.getAttribute('#tab-due', 'aria-selected'), 'true');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-stats');
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-submit');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => location.hash), '#thong-ke');
  // Tab from the tab list lands in the panel, then on the file picker of the statistics tab.
  await panelReady(page, 'stats').catch(() => {});
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'panel-stats');
  // The due desk with the keyboard only: Tab through the fields, type, Enter computes.
  {
    await page.focus('#tab-stats');
    await page.keyboard.press('ArrowLeft');
    await panelReady(page, 'due');
    await page.keyboard.press('Tab'); // the panel
    await page.keyboard.press('Tab'); // receipt time
    assert.equal(await page.evaluate(() => document.activeElement.id), 'due-received');
    // (a date-time input takes several Tab presses: one per part)
    const visited = [];
    for (let i = 0; i < 15 && visited.at(-1) !== 'due-amount'; i += 1) {
      await page.keyboard.press('Tab');
      visited.push(await page.evaluate(() => document.activeElement.id));
    }
    assert.deepEqual([...new Set(visited)], ['due-received', 'due-procedure', 'due-amount']);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#due-at') !== null);
    assert.match(await page.textContent('#due-result'), /Hẹn trả kết quả/);
  }
  await done();
});

test('due-date desk: 3 working days from Fri 13/2/2026 10:15 skip Tết → 10:15 Wed 25/2/2026', async () => {
  const { page, done } = await open({ hash: '#ngay-hen' });
  await panelReady(page, 'due');
  await page.fill('#due-received', '2026-02-13T10:15');
  await page.selectOption('#due-procedure', '');
  await page.selectOption('#due-unit', 'workingDays');
  await page.fill('#due-amount', '3');
  await page.click('#due-compute');
  await page.waitForFunction(() => document.getElementById('due-result').dataset.dueAt === '2026-02-25T10:15:00+07:00');
  const text = await page.textContent('#due-at');
  assert.match(text, /10 giờ 15 phút, thứ Tư, ngày 25 tháng 02 năm 2026/);
  // The working time counted equals the time limit (it used to show 4: the part-days 13 and 25 February counted whole).
  assert.equal(await page.textContent('#due-counted'), '3 ngày làm việc (24 giờ)');
  // The February calendar marks Tết days off with their names and the counted days.
  const tet = page.locator('td[data-date="2026-02-17"]');
  assert.match(await tet.getAttribute('class'), /holiday/);
  assert.match(await tet.getAttribute('title'), /Tết/);
  assert.match(await page.locator('td[data-date="2026-02-23"]').getAttribute('class'), /counted/);
  assert.match(await page.locator('td[data-date="2026-02-25"]').getAttribute('class'), /due/);
  assert.doesNotMatch(await page.locator('td[data-date="2026-02-16"]').getAttribute('class'), /counted/);
  // Lunar date of the due day: 25/2/2026 = 9 tháng Giêng Bính Ngọ.
  assert.match(await page.textContent('#due-result'), /Ngày 9 tháng 1 năm Bính Ngọ \(2026\)/);
  // A pause is subtracted: 2 h on Mon 23/2 moves the due time by 2 working hours.
  await page.click('#due-add-pause');
  await page.locator('.pause-from').fill('2026-02-23T08:00');
  await page.locator('.pause-to').fill('2026-02-23T10:00');
  await page.click('#due-compute');
  await page.waitForFunction(() => document.getElementById('due-result').dataset.dueAt === '2026-02-25T13:45:00+07:00');
  // An impossible date gives a clear message and the desk keeps working.
  await page.locator('.pause-to').fill('2026-02-20T10:00');
  await page.click('#due-compute');
  await page.waitForSelector('#due-result .error');
  await page.click('#due-result ~ * button >> nth=0').catch(() => {});
  await page.locator('#due-pauses button').click();
  await page.click('#due-compute');
  await page.waitForFunction(() => document.getElementById('due-result').dataset.dueAt === '2026-02-25T10:15:00+07:00');
  await done();
});

test('statistics: a generated export gives the exact report, sortable by agency, downloadable', async () => {
  const { page, done } = await open({ hash: '#thong-ke' });
  await panelReady(page, 'stats');
  const { csv, expected, byAgency, rows, badRow } = makeExport();
  await page.selectOption('#stats-preset', 'custom');
  await page.fill('#stats-from', PERIOD.from);
  await page.fill('#stats-to', PERIOD.to);
  await page.setInputFiles('#stats-file', { name: 'ket-xuat.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.waitForSelector('#stats-report', { timeout: 60_000 });
  const cell = (k) => page.textContent(`#stats-report [data-k="${k}"]`);
  assert.equal(await cell('received.total'), vi(expected.received.total));
  assert.equal(await cell('received.carriedOver'), vi(expected.received.carriedOver));
  assert.equal(await cell('received.new'), vi(expected.received.new));
  assert.equal(await cell('received.online'), vi(expected.received.online));
  assert.equal(await cell('onlineRate'), viPct(expected.onlineRate));
  assert.equal(await cell('resolved.total'), vi(expected.resolved.total));
  assert.equal(await cell('resolved.early'), vi(expected.resolved.early));
  assert.equal(await cell('resolved.onTime'), vi(expected.resolved.onTime));
  assert.equal(await cell('resolved.late'), vi(expected.resolved.late));
  assert.equal(await cell('resolved.onTimeRate'), viPct(expected.resolved.onTimeRate));
  assert.equal(await cell('pending.withinDeadline'), vi(expected.pending.withinDeadline));
  assert.equal(await cell('pending.overdue'), vi(expected.pending.overdue));
  assert.equal(await cell('postalUses'), vi(expected.postalUses));
  // Per-agency table: sorted by received dossiers, descending; a click sorts by name.
  const names = () => page.$$eval('#stats-agencies tbody th', (ths) => ths.map((x) => x.textContent));
  assert.deepEqual(await names(), [...byAgency.keys()]);
  await page.click('#stats-agencies button[data-key="agency"]');
  assert.deepEqual(await names(), [...byAgency.keys()].sort((a, b) => a.localeCompare(b, 'vi')));
  assert.equal(await page.getAttribute('#stats-agencies th:has(button[data-key="agency"])', 'aria-sort'), 'ascending');
  // Data quality: every row read, the impossible date reported with its spreadsheet row.
  const q = await page.textContent('#stats-quality');
  assert.match(q, new RegExp(`${vi(rows)} dòng đọc được`));
  assert.match(q, /1 dòng bỏ qua/);
  const problemRows = await page.$$eval('#stats-quality tbody tr td:first-child', (tds) => tds.map((x) => x.textContent));
  assert.ok(problemRows.includes(String(badRow)), `row ${badRow} is reported (${problemRows})`);
  assert.match(await page.textContent('#stats-progress-text'), new RegExp(`${vi(rows)} dòng`));
  // Charts exist (SVG, one bar per agency).
  assert.equal(await page.locator('svg.bars >> nth=0').locator('g.bar').count(), byAgency.size);
  // Download as CSV.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#stats-csv')]);
  assert.match(dl.suggestedFilename(), /^bao-cao-tthc_2025-08-15_2025-09-15\.csv$/);
  const body = fs.readFileSync(await dl.path(), 'utf8');
  assert.match(body, /Sở Tư pháp/);
  {
    const [x] = await Promise.all([page.waitForEvent('download'), page.click('#stats-xlsx')]);
    assert.match(x.suggestedFilename(), /\.xlsx$/);
    assert.equal(fs.readFileSync(await x.path()).subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) workbook');
  }
  await done();
});

test('statistics: a malformed file gives a clear message and the page keeps working (then a JSON export)', async () => {
  const { page, done } = await open({ hash: '#thong-ke' });
  await panelReady(page, 'stats');
  const junk = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 0x5a)]);
  await page.setInputFiles('#stats-file', { name: 'hong.xlsx', mimeType: 'application/octet-stream', buffer: junk });
  await page.waitForSelector('#stats-message .error', { timeout: 30_000 });
  const msg = await page.textContent('#stats-message');
  assert.match(msg, /Không phân tích được tệp “hong\.xlsx”: \S.{10,}/);
  // The same page then analyses a good file — the same export as JSON (an array of objects).
  const { csv, expected } = makeExport();
  const [head, ...lines] = csv.trimEnd().split('\r\n');
  const keys = head.split(',');
  const json = JSON.stringify(lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v]))));
  await page.selectOption('#stats-preset', 'custom');
  await page.fill('#stats-from', PERIOD.from);
  await page.fill('#stats-to', PERIOD.to);
  await page.setInputFiles('#stats-file', { name: 'tot.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.waitForSelector('#stats-report', { timeout: 60_000 });
  assert.equal(await page.textContent('#stats-report [data-k="received.total"]'), vi(expected.received.total));
  assert.equal(await page.textContent('#stats-report [data-k="resolved.onTimeRate"]'), viPct(expected.resolved.onTimeRate));
  assert.equal(await page.locator('#stats-message .error').count(), 0);
  await done();
});

test('statistics: a large export shows progress in bytes and rows and can be cancelled', async () => {
  const { page, done } = await open({ hash: '#thong-ke' });
  await panelReady(page, 'stats');
  const { csv } = makeExport();
  const [head, ...rest] = csv.trimEnd().split('\r\n');
  const body = rest.slice(0, -1).join('\r\n'); // without the bad row
  const parts = [head];
  while (parts.join('').length < 20e6) parts.push(`\r\n${body}`);
  const big = Buffer.from(`${parts.join('')}\r\n`, 'utf8');
  await page.setInputFiles('#stats-file', { name: 'lon.csv', mimeType: 'text/csv', buffer: big });
  await page.click('#stats-cancel');
  await page.waitForSelector('#stats-message >> text=Đã hủy phân tích.');
  assert.equal(await page.locator('#stats-report').count(), 0, 'no report after cancelling');
  assert.equal(await page.isHidden('#stats-cancel'), true);
  // Run it to the end: the progress line counts bytes and rows.
  await page.click('#stats-run');
  const seen = new Set();
  const poll = setInterval(() => page.textContent('#stats-progress-text').then((x) => seen.add(x)).catch(() => {}), 50);
  await page.waitForSelector('#stats-report', { timeout: 120_000 });
  clearInterval(poll);
  assert.ok([...seen].some((x) => /Đã đọc .*MB \/ .*MB · [\d.]+ dòng/.test(x)) || seen.size === 0, [...seen].join(' | '));
  assert.match(await page.textContent('#stats-progress-text'), /Đã phân tích [\d.]+ dòng/);
  await done();
});

test('citizen form: a wrong ID number shows the Vietnamese error; fixed, the receipt has the right appointment', async () => {
  // Fri 13/2/2026 10:15 in Vietnam: the appointment must skip Tết.
  const { page, done } = await open({ hash: '#nop-ho-so', clock: '2026-02-13T10:15:00+07:00' });
  await panelReady(page, 'submit');
  const formCount = await page.locator('#submit-procedure option').count();
  assert.ok(formCount > 1, 'sample forms are listed');
  await page.selectOption('#submit-procedure', 'ly-lich-tu-phap');
  await page.waitForSelector('#submit-form #f-citizenId');
  const fields = await page.$$eval('#submit-form [name]', (els) => els.map((e) => e.name));
  assert.ok(fields.includes('citizenId'), `the form has a citizenId field (${fields})`);
  await page.fill('#f-citizenId', '999123456789');
  await page.press('#f-citizenId', 'Tab');
  await page.waitForSelector('#f-citizenId-error:not(:empty)');
  const err = await page.textContent('#f-citizenId-error');
  assert.match(err, /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i, `a Vietnamese sentence: ${err}`);
  assert.equal(await page.getAttribute('#f-citizenId', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#f-citizenId-error', 'aria-live'), 'polite', 'errors are announced');
  // An attachment whose content is not an allowed type is refused (checked by its bytes).
  await page.setInputFiles('#f-idCardCopy', { name: 'the-can-cuoc.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf at all') });
  await page.waitForSelector('#f-idCardCopy-error:not(:empty)');
  assert.match(await page.textContent('#f-idCardCopy-error'), /\S{3,}/);
  // Submitting now: focus moves to the first invalid field (the empty name).
  await page.click('#submit-button');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-fullName');
  assert.match(await page.textContent('#submit-summary'), /Tờ khai còn \d+ lỗi/);
  await fillValid(page);
  await page.fill('#f-citizenId', '040090012345');
  await page.press('#f-citizenId', 'Tab');
  await page.waitForSelector('#f-citizenId-error:empty', { state: 'attached' });
  await page.click('#submit-button');
  await page.waitForSelector('#receipt', { timeout: 10_000 }).catch(async (e) => {
    const errs = await page.$$eval('.field-error', (els) => els.map((x) => `${x.id}: ${x.textContent}`).filter((x) => !x.endsWith(': ')));
    throw new Error(`no receipt; errors: ${errs.join(' | ')} ${e}`);
  });
  const code = await page.textContent('#receipt-code');
  assert.match(code, /^H40-260213-\d{4}$/);
  const dueAt = await page.getAttribute('#receipt', 'data-due-at');
  const info = await page.textContent('#submit-info');
  assert.ok(dueAt, `an appointment (${info})`);
  if (/10 ngày làm việc/.test(info)) {
    // 5 h 15 on Fri 13/2, Tết 14–22/2 skipped, 9 full days 23/2–5/3, 2 h 45 on Fri 6/3.
    assert.equal(dueAt, '2026-03-06T10:15:00+07:00');
    assert.match(await page.textContent('#receipt-due'), /10 giờ 15 phút, thứ Sáu, ngày 06 tháng 03 năm 2026/);
  } else {
    assert.ok(dueAt > '2026-02-23', `after Tết: ${dueAt} (${info})`);
  }
  await page.screenshot({ path: new URL('receipt-desktop.png', ART).pathname, fullPage: true });
  // Printable: in print media only the slip remains (no tabs, no buttons).
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.tabs'), false);
  assert.equal(await page.isVisible('#receipt-print'), false);
  assert.equal(await page.isVisible('#receipt'), true);
  await page.screenshot({ path: new URL('receipt-print.png', ART).pathname, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await done();
});

/** Fills every field of the sample form with a valid value (by type, from the DOM). */
async function fillValid(page) {
  const controls = await page.$$eval('#submit-form [name]', (els) => els.map((e) => ({ id: e.id, tag: e.tagName, type: e.type, name: e.name, role: e.getAttribute('role') })));
  for (const c of controls) {
    const sel = `#${c.id}`;
    if (c.role === 'combobox') {
      // The commune is a combobox: type part of a name, pick the first match.
      await page.fill(sel, 'vinh');
      await page.press(sel, 'ArrowDown');
      await page.press(sel, 'Enter');
    } else if (c.tag === 'SELECT') {
      const opts = await page.$$eval(`${sel} option`, (os) => os.map((o) => o.value).filter(Boolean));
      if (opts.length) {
        const want = c.name === 'province' ? (opts.includes('40') ? '40' : opts[0]) : (c.name === 'sex' ? 'male' : opts[0]);
        await page.selectOption(sel, want);
      }
    } else if (c.type === 'checkbox') await page.check(sel);
    else if (c.type === 'file') {
      await page.setInputFiles(sel, { name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% sample\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    } else if (c.type === 'date') {
      await page.fill(sel, /birth/i.test(c.name) ? '1990-05-20' : '2021-06-01');
    } else {
      const v = { fullName: 'Nguyễn Văn An', phone: '0912345678', email: 'an.nguyen@example.vn', copies: '1', taxCode: '0100233488' }[c.name]
        ?? (/name/i.test(c.name) ? 'Nguyễn Văn An' : (/phone/i.test(c.name) ? '0912345678' : (/email/i.test(c.name) ? 'an@example.vn' : 'Thành phố Vinh')));
      await page.fill(sel, v);
    }
  }
}

test('works offline once loaded: a reload without network still computes a due date', async () => {
  const { context, page, done } = await open({ hash: '#ngay-hen' });
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload(); // now controlled by the service worker, which caches everything fetched
  await page.waitForFunction(() => document.documentElement.dataset.tthcReady === '1');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.tthcReady === '1', null, { timeout: 15_000 });
  await panelReady(page, 'due');
  await page.fill('#due-received', '2026-04-24T09:00');
  await page.selectOption('#due-procedure', '');
  await page.selectOption('#due-unit', 'workingDays');
  await page.fill('#due-amount', '2');
  await page.click('#due-compute');
  await page.waitForFunction(() => document.getElementById('due-result').dataset.dueAt === '2026-04-29T09:00:00+07:00');
  await context.setOffline(false);
  await done();
});

test('works offline from what the first visit installs: every tab mounts, and an export is analysed in its worker', async () => {
  // Nothing is reloaded online first: whatever the page or its worker loads must be in the service worker's list.
  const { context, page, done } = await open({ hash: '#thong-ke' });
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.tthcReady === '1', null, { timeout: 15_000 });
  for (const id of ['submit', 'due', 'stats']) {
    await page.click(`#tab-${id}`);
    await panelReady(page, id);
  }
  await page.setInputFiles('#stats-file', { name: 'ket-xuat.csv', mimeType: 'text/csv', buffer: Buffer.from(makeExport().csv) });
  await page.waitForSelector('#stats-report', { timeout: 60_000 });
  await context.setOffline(false);
  await done();
});

test('the service worker keeps only the wasm build this browser runs', async () => {
  const { page, done } = await open();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const wasm = await page.evaluate(async () => {
    const names = [];
    for (const k of await caches.keys()) {
      for (const r of await (await caches.open(k)).keys()) if (r.url.endsWith('.wasm')) names.push(new URL(r.url).pathname);
    }
    return names.sort();
  });
  // Chromium runs wasm SIMD: its build only (a phone downloads and keeps one module, not both).
  assert.deepEqual(wasm, ['/pkg/tthc_bg_simd.wasm']);
  await done();
});

test("the service worker's list names every file of www/ (a file missing there breaks the page offline)", () => {
  const sw = fs.readFileSync(new URL('../www/sw.js', import.meta.url), 'utf8');
  const listed = new Set([...sw.match(/const CORE = \[([^\]]*)\]/)[1].matchAll(/'\.\/([^']*)'/g)].map((m) => m[1]));
  const files = fs.readdirSync(new URL('../www/', import.meta.url)).filter((f) => /\.(js|css|html|svg|json|webmanifest)$/.test(f) && f !== 'sw.js');
  assert.deepEqual(files.filter((f) => !listed.has(f)), []);
});

test('phone width: no horizontal scrolling; screenshots of every tab at desktop and phone width', async () => {
  for (const [vp, tag] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
    const { page, done } = await open({ viewport: vp, clock: '2026-02-13T10:15:00+07:00' });
    for (const [id, hash] of [['submit', '#nop-ho-so'], ['due', '#ngay-hen'], ['stats', '#thong-ke']]) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.waitForFunction((x) => document.getElementById(`panel-${x}`).childElementCount > 0, id);
      if (id === 'submit') {
        await panelReady(page, 'submit');
        await page.selectOption('#submit-procedure', 'ly-lich-tu-phap');
        await page.fill('#f-fullName', 'Nguyễn Thị Bình');
        await page.fill('#f-citizenId', '04019');
        await page.press('#f-citizenId', 'Tab');
        await page.waitForSelector('#f-citizenId-error:not(:empty)');
      }
      if (id === 'due') {
        await panelReady(page, 'due');
        await page.fill('#due-received', '2026-02-13T10:15');
        await page.selectOption('#due-procedure', '');
        await page.fill('#due-amount', '3');
        await page.click('#due-compute');
      }
      if (id === 'stats') {
        await panelReady(page, 'stats');
        await page.selectOption('#stats-preset', 'custom');
        await page.fill('#stats-from', PERIOD.from);
        await page.fill('#stats-to', PERIOD.to);
        await page.setInputFiles('#stats-file', { name: 'ket-xuat.csv', mimeType: 'text/csv', buffer: Buffer.from(makeExport().csv) });
        await page.waitForSelector('#stats-report', { timeout: 60_000 }).catch(() => {});
        await page.waitForTimeout(300);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${tag} ${id}: page wider than the screen by ${overflow}px`);
      await page.screenshot({ path: new URL(`${id}-${tag}.png`, ART).pathname, fullPage: true });
    }
    await done();
  }
});
