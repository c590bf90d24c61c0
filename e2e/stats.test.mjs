// End-to-end tests of the statistics tab (Thống kê) in Debian Chromium, at phone width in
// Vietnamese and in English (and at desktop width where the drawing differs): Cancel leaves no
// report of other files, the Decision 766 section explains every indicator, the on-time chart
// shows a one-point difference, a missing receipt-date column gives a column picker, broken
// characters in the header give an encoding hint, and every string follows the language switch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, panelReady, text, PHONE, DESKTOP } from './page-helpers.mjs';
import { makeExport, PERIOD } from './export-fixture.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const LANGS = ['vi', 'en'];
const fmtNum = (lang, n) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN').format(n);

/** The statistics tab in `lang`, at `viewport`. */
async function openStats({ viewport = PHONE, lang = 'vi' } = {}) {
  const o = await env.open({ viewport, hash: '#thong-ke' });
  await panelReady(o.page, 'stats');
  if (lang === 'en') await o.page.click('#lang');
  return o;
}

const csvFile = (name, csv) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

/** The generated export analysed for its own period (15/8–15/9/2025). */
async function analyseExport(page, name = 'ket-xuat.csv') {
  await page.selectOption('#stats-preset', 'custom');
  await page.fill('#stats-from', PERIOD.from);
  await page.fill('#stats-to', PERIOD.to);
  await page.setInputFiles('#stats-file', csvFile(name, makeExport().csv));
  await page.waitForSelector('#stats-report', { timeout: 60_000 });
}

/**
 * Gives the file input an export of about `mb` MB (the generated rows repeated), built in the page:
 * big buffers through the driver are slow, a File made in the page is not.
 */
async function pickBig(page, name, mb) {
  const [head, ...rest] = makeExport().csv.trimEnd().split('\r\n');
  const body = `${rest.slice(0, -1).join('\r\n')}\r\n`;
  await page.evaluate(({ name, head, body, mb }) => {
    const parts = [`${head}\r\n`];
    for (let size = 0; size < mb * 1e6; size += body.length) parts.push(body);
    const dt = new DataTransfer();
    dt.items.add(new File(parts, name, { type: 'text/csv' }));
    const input = document.getElementById('stats-file');
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, { name, head, body, mb });
}

for (const lang of LANGS) {
  test(`statistics (${lang}, phone): Cancel during a big file leaves no report of the file before under the new name`, async () => {
    const { page, done } = await openStats({ lang });
    await analyseExport(page, 'thang-8.csv');
    assert.match(await text(page, '#stats-file-name'), /thang-8\.csv/);
    await pickBig(page, 'ca-nam.csv', 60);
    // The report of thang-8.csv is gone as soon as another file is chosen.
    assert.equal(await page.locator('#stats-report').count(), 0);
    await page.waitForFunction(() => /\d/.test(document.getElementById('stats-progress-text').textContent));
    await page.click('#stats-cancel');
    await page.waitForSelector('#stats-message .info');
    assert.equal(await text(page, '#stats-message'), lang === 'en' ? 'Analysis cancelled.' : 'Đã hủy phân tích.');
    assert.match(await text(page, '#stats-file-name'), /^ca-nam\.csv — /);
    assert.equal(await page.locator('#stats-report').count(), 0, 'no report after cancelling');
    assert.equal(await page.locator('#stats-results *').count(), 0, 'nothing of the file before is shown');
    assert.equal(await page.isHidden('#stats-cancel'), true);
    assert.equal(await page.isEnabled('#stats-run'), true);
    await done();
  });

  test(`statistics (${lang}, phone): the progress line and the results follow the language switch`, async () => {
    const { page, done } = await openStats({ lang });
    await page.selectOption('#stats-preset', 'custom');
    await page.fill('#stats-from', PERIOD.from);
    await page.fill('#stats-to', PERIOD.to);
    await pickBig(page, 'lon.csv', 12);
    const progress = lang === 'en' ? /^Read [\d.,]+ (B|KB|MB) of [\d.,]+ MB · [\d,]+ rows$/ : /^Đã đọc [\d.,]+ (B|KB|MB) \/ [\d.,]+ MB · [\d.]+ dòng$/;
    await page.waitForFunction(() => /\d/.test(document.getElementById('stats-progress-text').textContent));
    const during = await text(page, '#stats-progress-text');
    if (!/^(Analysed|Đã phân tích)/.test(during)) assert.match(during, progress);
    await page.waitForSelector('#stats-report', { timeout: 120_000 });
    const doneLine = lang === 'en' ? /^Analysed [\d,]+ rows in [\d,]+ ms\.$/ : /^Đã phân tích [\d.]+ dòng trong [\d.]+ ms\.$/;
    assert.match(await text(page, '#stats-progress-text'), doneLine);
    // Switch: the progress line, the file line, the report and the quality panel change language.
    await page.click('#lang');
    const other = lang === 'en' ? 'vi' : 'en';
    assert.match(await text(page, '#stats-progress-text'), other === 'en' ? /^Analysed [\d,]+ rows in/ : /^Đã phân tích [\d.]+ dòng trong/);
    assert.match(await text(page, '#stats-report-title'), other === 'en' ? /^Report on administrative procedures/ : /^Báo cáo kết quả giải quyết/);
    assert.match(await text(page, '#stats-quality'), other === 'en' ? /rows read/ : /dòng đọc được/);
    assert.match(await text(page, '#stats-d766'), other === 'en' ? /Formula:/ : /Công thức:/);
    await done();
  });

  test(`statistics (${lang}, phone): every Decision 766 indicator says its formula, numerator and denominator, or why it is not applicable`, async () => {
    const { page, done } = await openStats({ lang });
    await analyseExport(page);
    const rows = await page.$$eval('#stats-d766 tbody tr', (trs) => trs.map((tr) => ({
      code: tr.dataset.code, applicable: tr.dataset.applicable === 'true', text: tr.textContent.replace(/\s+/g, ' '),
      ratio: tr.children[2].textContent,
    })));
    assert.deepEqual(rows.map((r) => r.code), ['2.1', '3.3', '3.6', '4.2', '5.4']);
    const F = lang === 'en'
      ? { formula: 'Formula:', num: 'numerator', den: 'denominator', na: 'Not applicable', noPay: 'the file has no online payment column', noDigit: 'the file has no digitised components column' }
      : { formula: 'Công thức:', num: 'tử số', den: 'mẫu số', na: 'Không áp dụng', noPay: 'tệp không có cột thanh toán trực tuyến', noDigit: 'tệp không có cột số hóa thành phần hồ sơ' };
    for (const r of rows) {
      assert.ok(r.text.includes(F.formula), `${r.code} has its formula: ${r.text}`);
      assert.ok(r.text.includes(F.num) && r.text.includes(F.den), `${r.code} names its numerator and denominator`);
    }
    // The export has no payment or digitisation column: 3.6 and 4.2 say so, never a bare "0 / 0".
    for (const [code, why] of [['3.6', F.noPay], ['4.2', F.noDigit]]) {
      const r = rows.find((x) => x.code === code);
      assert.equal(r.applicable, false);
      assert.equal(r.ratio, F.na);
      assert.ok(r.text.includes(why), `${code}: ${r.text}`);
    }
    // 2.1 differs from the headline rate: the row says why, with the dossiers in progress counted.
    const { expected } = makeExport();
    const r21 = rows.find((x) => x.code === '2.1');
    const within = expected.pending.withinDeadline;
    const overdue = expected.pending.overdue;
    assert.equal(r21.ratio, `${fmtNum(lang, expected.resolved.early + expected.resolved.onTime + within)} / ${fmtNum(lang, expected.resolved.total + expected.pending.total)}`);
    assert.ok(r21.text.includes(lang === 'en'
      ? `${fmtNum(lang, within)} within their due date (in the numerator) and ${fmtNum(lang, overdue)} overdue`
      : `${fmtNum(lang, within)} hồ sơ còn hạn (vào tử số) và ${fmtNum(lang, overdue)} hồ sơ đã quá hạn`), r21.text);
    // On a phone every indicator is a card within the screen (no column off to the right), each number after its
    // column's name; the table's roles stay for screen readers.
    const cells = await page.$$eval('#stats-d766 td, #stats-d766 tr > th', (xs) => xs.map((x) => ({
      right: x.getBoundingClientRect().right, label: x.dataset.label ?? null, td: x.tagName === 'TD', role: x.getAttribute('role'),
      before: x.tagName === 'TD' ? getComputedStyle(x, '::before').content : null,
    })));
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    for (const c of cells) {
      assert.ok(c.right <= width, `within the screen: ${JSON.stringify(c)} (${width}px)`);
      if (c.td) assert.ok(c.label && c.before.includes(c.label), `labelled: ${JSON.stringify(c)}`);
    }
    assert.equal(await page.getAttribute('#stats-d766 table', 'role'), 'table');
    assert.ok(cells.every((c) => c.role), 'every cell keeps its role');
    await done();
  });

  test(`statistics (${lang}, phone): no receipt-date column → a picker of all the headers read, then the report`, async () => {
    const { page, done } = await openStats({ lang });
    const { csv, expected } = makeExport();
    // More than 12 headers, with commas inside one of them, and the receipt date's header longer than the 256 bytes
    // the reader keeps of a cell: every header is offered, the long one as the reader keeps it, and choosing it works.
    const extra = Array.from({ length: 15 }, (_, i) => `Cột phụ ${i + 1}`);
    extra[3] = '"Ghi chú, nếu có, của cán bộ"';
    const longHeader = `Thời điểm nộp hồ sơ tại bộ phận một cửa (${'ngày, giờ '.repeat(40).trim()})`;
    assert.ok(Buffer.byteLength(longHeader) > 256);
    const renamed = csv.trimEnd().split('\r\n')
      .map((line, i) => `${i === 0 ? extra.join(',') : ','.repeat(extra.length - 1)},${line}`)
      .join('\r\n').replace('Ngày tiếp nhận', `"${longHeader}"`);
    await page.selectOption('#stats-preset', 'custom');
    await page.fill('#stats-from', PERIOD.from);
    await page.fill('#stats-to', PERIOD.to);
    await page.setInputFiles('#stats-file', csvFile('doi-ten.csv', renamed));
    await page.waitForSelector('#stats-column-pick', { timeout: 30_000 });
    const msg = await text(page, '#stats-message');
    assert.ok(!/columns option|tùy chọn columns|receivedAt/i.test(msg), `no option the page lacks is named: ${msg}`);
    assert.match(msg, lang === 'en' ? /No receipt-date column was found in “doi-ten\.csv”/ : /Không tìm thấy cột ngày tiếp nhận trong tệp “doi-ten\.csv”/);
    const options = await page.$$eval('#stats-column-pick option', (os) => os.map((o) => o.value));
    assert.equal(options.length, extra.length + 13, options.join(' | '));
    assert.deepEqual(options.slice(0, extra.length), extra.map((x) => x.replaceAll('"', '')));
    assert.ok(options.includes('Mã hồ sơ') && options.includes('Số lần bổ sung'), options.join(' | '));
    const picked = options.find((o) => o.startsWith('Thời điểm nộp hồ sơ'));
    assert.ok(picked && picked.length > 100 && Buffer.byteLength(picked) <= 256 && picked.endsWith('…'), picked);
    assert.equal(await page.locator('#stats-encoding-hint').count(), 0);
    // Keyboard: the picker has focus; choose the column and analyse.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'stats-column-pick');
    await page.selectOption('#stats-column-pick', picked);
    await page.click('#stats-column-use');
    await page.waitForSelector('#stats-report', { timeout: 60_000 });
    assert.equal(await page.textContent('#stats-report [data-k="received.total"]'), fmtNum(lang, expected.received.total));
    await done();
  });

  test(`statistics (${lang}, phone): broken characters (U+FFFD) in the header give a hint about the file's encoding`, async () => {
    const { page, done } = await openStats({ lang });
    // The export as a program shows it after decoding Windows-1258 bytes as UTF-8.
    const garbled = makeExport().csv.replace(/^[^\r\n]*/, (head) => head.replace(/[^\x20-\x7e]/g, '\uFFFD'));
    await page.setInputFiles('#stats-file', csvFile('sai-ma.csv', garbled));
    await page.waitForSelector('#stats-encoding-hint', { timeout: 30_000 });
    assert.match(await text(page, '#stats-encoding-hint'), lang === 'en' ? /wrong encoding.*original file/ : /sai bảng mã.*tệp gốc/);
    await done();
  });
}

test('statistics (desktop and phone): the on-time chart shows a one-point difference and says where its axis starts; agency names are not cut when there is room', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const { page, done } = await openStats({ viewport });
    const got = await page.evaluate(async () => {
      const { barChart } = await import('./charts.js');
      const fig = barChart('t', [
        { label: 'Ủy ban nhân dân phường Trường Vinh', value: 100 },
        { label: 'Sở Tư pháp', value: 98.77 },
        { label: 'Sở Xây dựng', value: null },
      ], { axisNote: (min) => `from ${min}` });
      document.body.append(fig);
      const bars = [...fig.querySelectorAll('rect.value')].map((r) => r.getBBox().width);
      const labels = [...fig.querySelectorAll('text.label')].map((x) => x.textContent);
      const lefts = [...fig.querySelectorAll('text.label')].map((x) => x.getBBox().x);
      const out = { bars, labels, lefts, min: Number(fig.dataset.axisMin), note: fig.querySelector('.axis-note')?.textContent ?? null };
      fig.remove();
      return out;
    });
    assert.ok(got.min > 0 && got.min <= 98, `the axis starts below the lowest rate, above 0: ${got.min}`);
    assert.equal(got.note, `from ${got.min}`);
    assert.ok(got.bars[1] < got.bars[0] * 0.9, `98,77 % is visibly shorter than 100 %: ${got.bars}`);
    if (viewport === DESKTOP) assert.equal(got.labels[0], 'Ủy ban nhân dân phường Trường Vinh');
    // No label runs off the drawing's left edge (its first letters were lost); one too long for the room ends in "…".
    for (const [k, x] of got.lefts.entries()) assert.ok(x >= 0, `${got.labels[k]} starts at ${x}`);
    if (viewport === PHONE) assert.match(got.labels[0], /^Ủy ban nhân dân.*…$/);
    await done();
  }
});

test('statistics (phone): the monthly trend\'s axis is labelled with round numbers and reaches above the highest column', async () => {
  const { page, done } = await openStats({ viewport: PHONE });
  for (const [top, want] of [[50, ['0', '10', '20', '30', '40', '50']], [38, ['0', '10', '20', '30', '40']], [7, ['0', '2', '4', '6', '8']],
    [1, ['0', '1']], [101, ['0', '25', '50', '75', '100', '125']], [192671, ['0', '50.000', '100.000', '150.000', '200.000']]]) {
    const got = await page.evaluate(async (t) => {
      const { trendChart } = await import('./charts.js');
      const fig = trendChart('t', [{ label: '05/2021', a: Math.round(t / 3), b: 1 }, { label: '06/2021', a: t, b: Math.round(t / 2) }], ['a', 'b']);
      document.body.append(fig);
      const labels = [...fig.querySelectorAll('text.axis')].map((x) => x.textContent).filter((x) => !x.includes('/'));
      const tallest = Math.max(...[...fig.querySelectorAll('rect')].map((r) => r.getBBox().height));
      const grid = [...fig.querySelectorAll('line.grid')].map((l) => Number(l.getAttribute('y1')));
      fig.remove();
      return { labels, tallest, span: Math.max(...grid) - Math.min(...grid) };
    }, top);
    assert.deepEqual(got.labels, want, `highest column ${top}`);
    assert.ok(got.tallest <= got.span + 0.5, `the highest column stays within the axis: ${JSON.stringify(got)}`);
  }
  await done();
});
