// A file without a receipt-date column: the TthcError lists the header cells read (`headers`), all of them, as the
// reader keeps them, so that a page can offer them in a column picker and the one picked names the column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as tthc from '../../pkg/tthc.js';

tthc.initSync({ module: fs.readFileSync(new URL('../../pkg/tthc_bg.wasm', import.meta.url)) });
const dts = fs.readFileSync(new URL('../../pkg/tthc.d.ts', import.meta.url), 'utf8');

const enc = (t) => new TextEncoder().encode(t);
const quote = (cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const csvOf = (head, rows) => enc([head, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'));

/** What `f()` threw (it must throw). */
function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

const HEAD = ['Mã hồ sơ', 'Thời điểm nộp', 'Cơ quan, đơn vị xử lý', 'Ghi chú "nội bộ"', 'Trạng thái'];
const FILE = csvOf(HEAD, [['A1', '02/08/2021 09:00', 'Sở Tư pháp', '', 'Đã trả kết quả']]);

test('no receipt-date column: TthcError.headers is the header row, commas and quotes kept', () => {
  const e = thrown(() => tthc.analyze(FILE, {}));
  assert.ok(e instanceof tthc.TthcError);
  assert.equal(e.kind, 'ingest');
  assert.equal(e.field, 'receivedAt');
  assert.deepEqual(e.headers, HEAD);
  // The message still says what is wrong, in both languages.
  assert.match(e.message, /Không tìm thấy cột ngày tiếp nhận/);
  assert.match(e.messageEn, /No receipt-date column/);
  // A header picked from the list names the column.
  const r = tthc.analyze(FILE, { columns: { receivedAt: e.headers[1] } });
  assert.equal(r.received.total, 1);
});

test('no receipt-date column: 300 headers, one of them longer than the 256 bytes kept of a cell, are all listed', () => {
  const long = `Thời điểm nộp hồ sơ tại bộ phận một cửa (${'ngày, giờ, phút '.repeat(30).trim()})`;
  assert.ok(enc(long).length > 256);
  const head = Array.from({ length: 300 }, (_, i) => `Cột ${i + 1}`);
  head[257] = long;
  const row = head.map(() => '');
  row[0] = 'A1';
  row[257] = '02/08/2021 09:00';
  const file = csvOf(head, [row]);
  const e = thrown(() => tthc.analyze(file, {}));
  assert.ok(e instanceof tthc.TthcError);
  assert.equal(e.headers.length, 300);
  assert.deepEqual(e.headers.slice(0, 257), head.slice(0, 257));
  assert.deepEqual(e.headers.slice(258), head.slice(258));
  // The long header as the reader keeps it: its first bytes, cut at a character boundary, and "…", 256 bytes at most.
  const kept = e.headers[257];
  assert.ok(kept.endsWith('…') && enc(kept).length <= 256 && enc(kept).length > 250, kept);
  assert.ok(long.startsWith(kept.slice(0, -1)), kept);
  // The message keeps naming a few of them, shortened; the field has them all. Picking the long one works.
  assert.ok(e.messageEn.length < 2000, `${e.messageEn.length} characters`);
  const r = tthc.analyze(file, { columns: { receivedAt: kept } });
  assert.equal(r.received.total, 1);
});

test('no receipt-date column in analyzeFiles and beginFile: the error names its file and keeps the headers', () => {
  const good = csvOf(['Mã hồ sơ', 'Ngày tiếp nhận'], [['B1', '01/08/2021 08:00']]);
  const e = thrown(() => tthc.analyzeFiles([{ name: 'thang-7.csv', data: good }, { name: 'thang-8.csv', data: FILE }], {}));
  assert.ok(e instanceof tthc.TthcError);
  assert.match(e.message, /thang-8\.csv/);
  assert.match(e.messageEn, /thang-8\.csv/);
  assert.equal(e.field, 'receivedAt');
  assert.deepEqual(e.headers, HEAD);
  // Streamed: the CSV's error comes at the next beginFile() or at finish().
  const an = new tthc.DossierAnalyzer({});
  an.beginFile('thang-8.csv');
  an.push(FILE.subarray(0, 10));
  an.push(FILE.subarray(10));
  const streamed = thrown(() => an.finish());
  assert.match(streamed.message, /thang-8\.csv/);
  assert.deepEqual(streamed.headers, HEAD);
});

test('no receipt-date column in JSON and in XLSX: the keys, the header row of the data sheet', () => {
  const json = enc(JSON.stringify([{ 'Mã hồ sơ': 'A1', 'Thời điểm nộp': '02/08/2021 09:00' }]));
  assert.deepEqual(thrown(() => tthc.analyze(json, {})).headers, ['Mã hồ sơ', 'Thời điểm nộp']);
  // definitions.xlsx with its receipt-date header renamed: a notes sheet with one title cell comes first, and title
  // rows stand above the header of the data sheet; the header row is listed, and its sheet named.
  const xlsx = fs.readFileSync(new URL('../fixtures/definitions-no-date.xlsx', import.meta.url));
  const e = thrown(() => tthc.analyze(xlsx, {}));
  assert.equal(e.kind, 'ingest');
  assert.equal(e.field, 'sheet Danh sách hồ sơ');
  assert.equal(e.headers.length, 14);
  assert.deepEqual(e.headers.slice(0, 8), ['STT', 'Mã hồ sơ', 'Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực',
    'Cơ quan giải quyết', 'Thời điểm nộp', 'Ngày hẹn trả']);
  const period = { from: '2021-08-15', to: '2021-09-15' };
  const original = fs.readFileSync(new URL('../fixtures/definitions.xlsx', import.meta.url));
  assert.deepEqual(tthc.analyze(xlsx, { period, columns: { receivedAt: e.headers[6] } }).received,
    tthc.analyze(original, { period }).received);
});

test('headers is null, never undefined, on every other error', () => {
  const errors = [
    thrown(() => tthc.analyze(enc(''), {})), // empty file (ingest)
    thrown(() => tthc.analyze(FILE, { period: { from: '2021-09-15', to: '2021-08-15' } })), // options
    thrown(() => tthc.checkPhone(1)), // argument, made in JavaScript
    thrown(() => new tthc.WorkCalendar().dueDate({ receivedAt: 'x', amount: 1, unit: 'workingDays' })),
  ];
  for (const e of errors) {
    assert.ok(e instanceof tthc.TthcError, String(e));
    assert.equal(e.headers, null, `${e.kind}: ${e.message}`);
  }
  // A `columns` entry naming no header of the file: the header is still not found, and the headers are listed again.
  assert.deepEqual(thrown(() => tthc.analyze(FILE, { columns: { receivedAt: 'Không có' } })).headers, HEAD);
});

test('tthc.d.ts declares TthcError.headers with its documentation', () => {
  const at = dts.indexOf('export class TthcError');
  assert.ok(at > 0);
  const decl = dts.slice(dts.lastIndexOf('/**', at), dts.indexOf('\n}\n', at));
  assert.match(decl, /readonly headers: string\[\] \| null;/);
  assert.match(decl, /`headers`/);
});
