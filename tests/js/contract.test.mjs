// The JavaScript contract (spec/js-api.md), checked on the built package in Node through the exact names a portal uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as tthc from '../../pkg/tthc.js';

tthc.initSync({ module: fs.readFileSync(new URL('../../pkg/tthc_bg.wasm', import.meta.url)) });
const dts = fs.readFileSync(new URL('../../pkg/tthc.d.ts', import.meta.url), 'utf8');

test('package files exist', () => {
  for (const f of ['tthc.js', 'tthc_bg.wasm', 'tthc.d.ts', 'package.json']) {
    assert.ok(fs.existsSync(new URL(`../../pkg/${f}`, import.meta.url)), f);
  }
});

test('every contract name is exported', () => {
  for (const name of ['WorkCalendar', 'toLunar', 'fromLunar', 'validateForm', 'FormValidator', 'checkCitizenId',
    'checkTaxCode', 'checkPhone', 'analyze', 'DossierAnalyzer', 'initSync', 'default']) {
    assert.equal(typeof tthc[name], 'function', name);
  }
  for (const m of ['isWorkingDay', 'addWorkingDays', 'workingDaysBetween', 'daysOff', 'dueDate', 'classify']) {
    assert.equal(typeof tthc.WorkCalendar.prototype[m], 'function', `WorkCalendar.${m}`);
  }
  assert.equal(typeof tthc.FormValidator.prototype.validate, 'function');
  assert.equal(typeof tthc.FormValidator.prototype.validateField, 'function');
  assert.equal(typeof tthc.DossierAnalyzer.prototype.push, 'function');
  assert.equal(typeof tthc.DossierAnalyzer.prototype.finish, 'function');
});

test('tthc.d.ts declares the contract shapes, with no `any` in the contract signatures', () => {
  for (const t of ['CalendarConfig', 'DayOff', 'DueRequest', 'DueResult', 'FormSchema', 'FormResult', 'FieldIssue',
    'IdCheck', 'AnalyzeOptions', 'Report']) {
    assert.match(dts, new RegExp(`(type|interface) ${t}\\b`), `type ${t}`);
  }
  const contractLines = dts.split('\n').filter((l) =>
    /\b(isWorkingDay|addWorkingDays|workingDaysBetween|daysOff|dueDate|classify|toLunar|fromLunar|validateForm|validate|validateField|checkCitizenId|checkTaxCode|checkPhone|analyze|push|finish)\(/.test(l));
  assert.ok(contractLines.length >= 17, contractLines.join('\n'));
  for (const l of contractLines) assert.doesNotMatch(l, /\bany\b/, l);
});

test('errors are JS Errors with a message, and the instance keeps working', () => {
  assert.throws(() => tthc.normalizeDateTime('2026-13-01T00:00'), (e) => e instanceof Error && /2026-13-01/.test(e.message) && e.kind === 'date');
  assert.equal(tthc.normalizeDateTime('2026-06-01T01:30:00Z'), '2026-06-01T08:30:00+07:00');
  const cal = new tthc.WorkCalendar();
  assert.throws(() => cal.dueDate({ receivedAt: '2026-02-30T10:00', amount: 1, unit: 'workingDays' }), Error);
  assert.throws(() => cal.dueDate({ receivedAt: '2026-02-10T10:00', amount: -1, unit: 'workingDays' }), /amount/);
  assert.throws(() => tthc.analyze(new Uint8Array([0, 1, 2, 255]), { period: { from: '2026-01-01', to: '2026-01-31' } }), Error);
  assert.equal(cal.addWorkingDays('2026-02-13', 1), '2026-02-23');
});

test('calendar: the contract rules of addWorkingDays and workingDaysBetween', () => {
  const cal = new tthc.WorkCalendar();
  assert.equal(cal.isWorkingDay('2026-02-16'), false);          // Tết
  assert.equal(cal.isWorkingDay('2026-01-10'), true);           // Saturday worked for Fri 2/1
  assert.equal(cal.addWorkingDays('2026-02-13', 0), '2026-02-13');
  assert.equal(cal.addWorkingDays('2026-02-14', 0), '2026-02-23');
  assert.equal(cal.addWorkingDays('2026-02-23', -1), '2026-02-13');
  assert.equal(cal.workingDaysBetween('2026-02-13', '2026-02-24'), 2);
  assert.equal(cal.workingDaysBetween('2026-02-24', '2026-02-13'), -2);
  const off = cal.daysOff(2026);
  const byDate = Object.fromEntries(off.map((d) => [d.date, d]));
  assert.equal(byDate['2026-01-10'].working, true);
  assert.equal(byDate['2026-02-16'].working, false);
  assert.equal(byDate['2026-11-24'].working, false);
  for (const d of off) {
    assert.equal(typeof d.name, 'string'); assert.ok(d.name.length > 0);
    assert.equal(typeof d.nameEn, 'string'); assert.ok(d.nameEn.length > 0);
    assert.equal(d.estimated, false);
  }
  assert.ok(cal.daysOff(2030).every((d) => d.estimated === true));
  assert.deepEqual([...off.map((d) => d.date)].sort(), off.map((d) => d.date));
});

test('calendar: the worked examples of the due-date table', () => {
  const cal = new tthc.WorkCalendar();
  const rows = [
    [{ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' }, '2026-02-25T10:15:00+07:00', '2026-02-13T10:15:00+07:00'],
    [{ receivedAt: '2025-06-30T12:45', amount: 20, unit: 'workingDays' }, '2025-07-28T11:30:00+07:00', '2025-06-30T13:30:00+07:00'],
    [{ receivedAt: '2025-11-20T15:20', amount: 1, unit: 'workingDays', cutoff: '15:00' }, '2025-11-21T17:00:00+07:00', '2025-11-21T07:30:00+07:00'],
    [{ receivedAt: '2025-11-20T15:20', amount: 0, unit: 'sameDay', cutoff: '15:00' }, '2025-11-21T17:00:00+07:00', '2025-11-21T07:30:00+07:00'],
    [{ receivedAt: '2026-04-24T09:00', amount: 2, unit: 'workingDays' }, '2026-04-29T09:00:00+07:00', '2026-04-24T09:00:00+07:00'],
    [{ receivedAt: '2026-06-01T01:30:00Z', amount: 5, unit: 'workingDays', pauses: [{ from: '2026-06-02T14:00', to: '2026-06-04T09:30' }] }, '2026-06-09T16:00:00+07:00', '2026-06-01T08:30:00+07:00'],
    [{ receivedAt: '2026-08-14T16:00', amount: 10, unit: 'calendarDays' }, '2026-08-24T17:00:00+07:00', null],
    [{ receivedAt: '2025-10-15T16:00', amount: 1, unit: 'workingHours' }, '2025-10-15T17:00:00+07:00', '2025-10-15T16:00:00+07:00'],
  ];
  for (const [req, due, start] of rows) {
    const r = cal.dueDate(req);
    assert.equal(r.dueAt, due, JSON.stringify(req));
    if (start) assert.equal(r.startAt, start, JSON.stringify(req));
    assert.equal(typeof r.pausedMinutes, 'number');
    assert.equal(r.estimated, false);
  }
  assert.equal(cal.dueDate(rows[5][0]).pausedMinutes, 810);
  assert.equal(cal.classify('2026-02-25T10:15:00+07:00', '2026-02-24T16:00'), 'early');
  assert.equal(cal.classify('2026-02-25T10:15:00+07:00', '2026-02-25T10:15'), 'onTime');
  assert.equal(cal.classify('2026-02-25T10:15:00+07:00', '2026-02-25T10:16'), 'late');
});

test('lunar calendar: Tết, Hùng Kings, Vietnam vs China, leap months', () => {
  assert.deepEqual(tthc.toLunar('2026-02-17'), { year: 2026, month: 1, day: 1, leap: false });
  assert.deepEqual(tthc.toLunar('1985-01-21'), { year: 1985, month: 1, day: 1, leap: false });
  assert.deepEqual(tthc.toLunar('2025-08-19'), { year: 2025, month: 6, day: 26, leap: true });
  assert.equal(tthc.fromLunar({ year: 2007, month: 1, day: 1 }), '2007-02-17');
  assert.equal(tthc.fromLunar({ year: 2030, month: 1, day: 1 }), '2030-02-02');
  assert.equal(tthc.fromLunar({ year: 2009, month: 3, day: 10 }), '2009-04-04');
  assert.equal(tthc.fromLunar({ year: 2023, month: 2, day: 1, leap: true }), '2023-03-22');
});

test('identifiers: tax code, phone and citizen ID as the contract states', () => {
  for (const v of ['0100233488', '0314409058-002', '0314409058002', ' 0100047516 ', '0100.233.488']) {
    assert.equal(tthc.checkTaxCode(v).valid, true, v);
  }
  for (const v of ['0100233480', '010023348', '0314409058-000', 'abc']) assert.equal(tthc.checkTaxCode(v).valid, false, v);
  assert.equal(tthc.checkTaxCode('040205012345').valid, true);            // a 12-digit personal number
  assert.equal(tthc.checkTaxCode('003205012345').valid, false);           // 003 is not a province code
  for (const [v, n] of [['0912 345 678', '0912345678'], ['+84 912.345.678', '0912345678'], ['84912345678', '0912345678'],
    ['0084912345678', '0912345678'], ['0238 3844 123', '02383844123']]) {
    const r = tthc.checkPhone(v);
    assert.equal(r.valid, true, v); assert.equal(r.normalized, n, v);
  }
  for (const v of ['0112345678', '091234567', '01234567890']) assert.equal(tthc.checkPhone(v).valid, false, v);
  const id = tthc.checkCitizenId('040 3 05 012345');
  assert.equal(id.valid, true);
  assert.equal(id.normalized, '040305012345');
  assert.equal(id.info.provinceCode, '040');
  assert.equal(id.info.provinceName, 'Nghệ An');
  assert.equal(id.info.sex, 'female');
  assert.equal(typeof id.info.century, 'number');
  assert.equal(tthc.checkCitizenId('040205012345').info.sex, 'male');
  assert.equal(id.info.birthYearTwoDigits, 5);
  const bad = tthc.checkCitizenId('003205012345');
  assert.equal(bad.valid, false); assert.equal(bad.code, 'unknownProvince'); assert.ok(bad.message.length > 10);
  assert.equal(tthc.checkCitizenId('040899012345').valid, false);      // 8 = 2300s: no living person
});

test('forms: validateForm and FormValidator agree, Vietnamese by default, English on request', () => {
  const schema = { fields: [
    { name: 'fullName', type: 'name', label: 'Họ và tên', required: true },
    { name: 'idNumber', type: 'citizenId', label: 'Số định danh cá nhân', required: true },
  ] };
  const values = { fullName: '  Nguye\u0302\u0303n   Văn An ', idNumber: '' };
  const r = tthc.validateForm(schema, values);
  assert.equal(r.valid, false);
  assert.equal(r.values.fullName, 'Nguyễn Văn An');
  const e = r.errors.find((x) => x.field === 'idNumber');
  assert.equal(e.code, 'required');
  assert.match(e.message, /Số định danh cá nhân/);
  const en = new tthc.FormValidator(schema).validate(values, { locale: 'en' });
  assert.equal(en.errors.find((x) => x.field === 'idNumber').code, 'required');
  assert.doesNotMatch(en.errors.find((x) => x.field === 'idNumber').message, /bắt buộc/);
  const one = new tthc.FormValidator(schema).validateField('idNumber', { idNumber: '040205012345' });
  assert.deepEqual(one, []);
  assert.throws(() => new tthc.FormValidator({ fields: [{ name: 'x', type: 'noSuchType', label: 'X' }] }), /noSuchType|fields/);
});

test('statistics: analyze on a small CSV, definitions of the contract', () => {
  const csv = [
    'Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả,Hình thức nộp,Trạng thái,Số lần bổ sung',
    'A1,Sở Tư pháp,20/07/2021 08:00,25/07/2021,,,Trực tiếp,Đang xử lý,0',          // carried over, ended in period (below)
    'A2,Sở Tư pháp,16/08/2021 09:00,20/08/2021 17:00,19/08/2021 10:00,,Trực tuyến,Đã trả kết quả,0', // new, early
    'A3,Sở Xây dựng,15/08/2021 00:00,20/08/2021,20/08/2021 16:00,,Bưu chính công ích,Đã trả kết quả,0', // new, onTime (date only = end of day)
    'A4,Sở Xây dựng,01/09/2021,03/09/2021,10/09/2021,,2,Đã trả kết quả,0',        // new, late
    'A5,Sở Xây dựng,02/09/2021,30/09/2021,05/09/2021,,1,Đã trả kết quả,2',        // two supplements => late
    'A6,Sở Tư pháp,10/09/2021,12/09/2021,,,1,Đang xử lý,0',                       // pending overdue (12/9 < 16/9)
    'A7,Sở Tư pháp,15/09/2021 23:59,30/09/2021,,,3,Đang xử lý,0',                 // new, pending within deadline
    'A8,Sở Tư pháp,16/09/2021 00:00,30/09/2021,,,1,Đang xử lý,0',                 // after the period
    'A9,Sở Tư pháp,10/08/2021,12/08/2021,14/08/2021,,1,Đã trả kết quả,0',         // ended before the period
    'X1,Sở Tư pháp,không phải ngày,,,,1,Đang xử lý,0',                            // unusable row
  ].join('\n');
  // A1 finishes in the period:
  const data = new TextEncoder().encode(csv.replace('A1,Sở Tư pháp,20/07/2021 08:00,25/07/2021,,', 'A1,Sở Tư pháp,20/07/2021 08:00,25/07/2021,20/08/2021 10:00,'));
  const r = tthc.analyze(data, { period: { from: '2021-08-15', to: '2021-09-15' } });
  assert.deepEqual(r.period, { from: '2021-08-15', to: '2021-09-15' });
  assert.equal(r.received.carriedOver, 1);
  assert.equal(r.received.new, 6);
  assert.equal(r.received.total, 7);
  assert.equal(r.received.online, 2);
  assert.equal(r.received.postal, 2);
  assert.equal(r.received.inPerson, 2);
  assert.equal(r.resolved.total, 5);
  assert.equal(r.resolved.early, 1);
  assert.equal(r.resolved.onTime, 1);
  assert.equal(r.resolved.late, 3);          // A1 (finished 20/8 after 25/7), A4, A5
  assert.equal(r.resolved.onTimeRate, 40);
  assert.equal(r.pending.total, 2);
  assert.equal(r.pending.overdue, 1);
  assert.equal(r.pending.withinDeadline, 1);
  assert.equal(r.received.total, r.resolved.total + r.pending.total);
  assert.equal(r.onlineRate, 33.33);
  assert.equal(r.quality.rows, 10);
  assert.equal(r.quality.skipped, 1);
  assert.equal(r.quality.problems[0].row, 11);
  assert.equal(r.byAgency[0].received.total >= r.byAgency[1].received.total, true);
  const sum = r.byAgency.reduce((s, a) => s + a.received.total, 0);
  assert.equal(sum, r.received.total);
  // Streaming gives the same report, whatever the chunking.
  const an = new tthc.DossierAnalyzer({ period: { from: '2021-08-15', to: '2021-09-15' } });
  for (let i = 0; i < data.length; i += 7) an.push(data.subarray(i, i + 7));
  assert.deepEqual(an.finish(), r);
});

test('statistics: the data\'s period by default, dataSpan, several files, duplicates (added 2026-12-06)', () => {
  const enc = (t) => new TextEncoder().encode(t);
  const head = 'Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Hình thức nộp\n';
  const july = enc(`${head}B1,Sở Tư pháp,02/07/2021 11:00,09/07/2021,08/07/2021 10:00,1\nB2,Sở Y tế,30/07/2021 20:00,06/08/2021,,2\n`);
  // The second export repeats B2 (now ended) and adds a dossier of September, as JSON.
  const later = enc(JSON.stringify([
    { 'Mã hồ sơ': 'B2', 'Cơ quan giải quyết': 'Sở Y tế', 'Ngày tiếp nhận': '30/07/2021 20:00', 'Ngày hẹn trả': '06/08/2021', 'Ngày có kết quả': '05/08/2021 09:00', 'Hình thức nộp': '2' },
    { 'Mã hồ sơ': 'B3', 'Cơ quan giải quyết': 'Sở Y tế', 'Ngày tiếp nhận': '01/09/2021 08:00', 'Ngày hẹn trả': '', 'Ngày có kết quả': '', 'Hình thức nộp': '1' },
  ]));
  // Without a period: the whole months the receipts span.
  const one = tthc.analyze(july, {});
  assert.deepEqual(one.period, { from: '2021-07-01', to: '2021-07-31' });
  assert.deepEqual(one.dataSpan, { firstReceivedAt: '2021-07-02T11:00:00+07:00', lastReceivedAt: '2021-07-30T20:00:00+07:00' });
  assert.equal(one.received.total, 2);
  // dataSpan is there with a period too.
  const aug = tthc.analyze(july, { period: { from: '2021-08-01', to: '2021-08-31' } });
  assert.equal(aug.dataSpan.lastReceivedAt, '2021-07-30T20:00:00+07:00');
  // Several files, one report; B2 counts once, as ended (the latest state).
  const r = tthc.analyzeFiles([{ name: 'thang-7.csv', data: july }, { name: 'sau.json', data: later.buffer }], {});
  assert.deepEqual(r.period, { from: '2021-07-01', to: '2021-09-30' });
  assert.equal(r.received.total, 3);
  assert.equal(r.resolved.total, 2);
  assert.equal(r.pending.total, 1);
  assert.equal(r.quality.counts.duplicateId, 1);
  const dup = r.quality.problems.find((p) => p.code === 'duplicateId');
  assert.equal(dup.source, 'sau.json');
  assert.deepEqual(r.quality.sources.map((s) => [s.name, s.format, s.rows, s.used, s.skipped]),
    [['thang-7.csv', 'csv', 2, 2, 0], ['sau.json', 'json', 2, 2, 0]]);
  assert.equal(r.quality.sources[0].encoding, 'utf-8');
  assert.equal(r.quality.sources[1].headerRow, 1);
  // The same with beginFile, chunk by chunk.
  const an = new tthc.DossierAnalyzer({});
  an.beginFile('thang-7.csv');
  for (let i = 0; i < july.length; i += 5) an.push(july.subarray(i, i + 5));
  an.beginFile('sau.json');
  an.push(later);
  assert.deepEqual(an.finish(), r);
  // No receipts at all: period and dataSpan are null.
  const none = tthc.analyze(enc(`${head}B9,Sở Tư pháp,,,,1\n`), {});
  assert.equal(none.period, null);
  assert.deepEqual(none.dataSpan, { firstReceivedAt: null, lastReceivedAt: null });
  // Argument checks name the argument.
  assert.throws(() => tthc.analyzeFiles('x', {}), (e) => e instanceof tthc.TthcError && /files/.test(e.message));
  assert.throws(() => tthc.analyzeFiles([{ name: 1, data: july }], {}), /files\[0\]\.name/);
  assert.throws(() => tthc.analyzeFiles([{ name: 'a', data: 'x' }], {}), /files\[0\]\.data/);
  assert.throws(() => new tthc.DossierAnalyzer({}).beginFile(3), /name/);
  assert.match(dts, /analyzeFiles\(files: \{ name: string, data: Uint8Array \| ArrayBuffer \}\[\], options: AnalyzeOptions\): Report/);
  assert.match(dts, /beginFile\(name: string\): void/);
  assert.match(dts, /dataSpan: DataSpan/);
  assert.match(dts, /sources: SourceSummary\[\]/);
});

test('statistics: snapshot() and DossierAnalyzer.merge give the report of one analysis over all files (added 2026-12-06)', () => {
  const enc = (t) => new TextEncoder().encode(t);
  const head = 'Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Hình thức nộp\n';
  const files = [
    { name: 'thang-7.csv', data: enc(`${head}B1,Sở Tư pháp,02/07/2021 11:00,09/07/2021,08/07/2021 10:00,1\nB2,Sở Y tế,30/07/2021 20:00,06/08/2021,,2\n`) },
    { name: 'thang-8.csv', data: enc(`${head}B2,Sở Y tế,30/07/2021 20:00,06/08/2021,05/08/2021 09:00,2\nB3,Sở Xây dựng,02/08/2021 08:00,,,1\n`) },
    { name: 'thang-9.csv', data: enc(`${head}B4,Sở Y tế,01/09/2021 08:00,,,3\nB5,Sở Y tế,xx/09/2021,,,1\n`) },
  ];
  for (const options of [{}, { period: { from: '2021-08-01', to: '2021-08-31' }, maxProblems: 1 }]) {
    const whole = tthc.analyzeFiles(files, options);
    // Two "Workers": the first file, then the other two.
    const runs = [files.slice(0, 1), files.slice(1)].map((run) => {
      const a = new tthc.DossierAnalyzer(options);
      for (const f of run) { a.beginFile(f.name); a.push(f.data); }
      const s = a.snapshot();
      a.free();
      assert.ok(s instanceof Uint8Array && s.length > 0);
      return s;
    });
    const merged = tthc.DossierAnalyzer.merge(runs, options);
    assert.deepEqual(merged, whole);
    // Transferred as an ArrayBuffer (postMessage) works the same.
    assert.deepEqual(tthc.DossierAnalyzer.merge(runs.map((s) => s.slice().buffer), options), whole);
  }
  const merged = tthc.DossierAnalyzer.merge(files.map((f) => {
    const a = new tthc.DossierAnalyzer({});
    a.beginFile(f.name);
    a.push(f.data);
    return a.snapshot();
  }), {});
  assert.equal(merged.received.total, 5 - 1); // B2 counts once, B5 is skipped
  assert.equal(merged.quality.counts.duplicateId, 1);
  assert.equal(merged.quality.problems.find((p) => p.code === 'duplicateId').source, 'thang-8.csv');
  assert.match(merged.quality.problems.find((p) => p.code === 'duplicateId').message, /dòng 3 của tệp thang-7\.csv/);

  // Wrong arguments and damaged snapshots are TthcErrors naming them; the instance keeps working.
  const good = (() => { const a = new tthc.DossierAnalyzer({}); a.push(files[0].data); return a.snapshot(); })();
  assert.throws(() => tthc.DossierAnalyzer.merge('x', {}), (e) => e instanceof tthc.TthcError && /snapshots/.test(e.message));
  assert.throws(() => tthc.DossierAnalyzer.merge([good, 'x'], {}), (e) => e instanceof tthc.TthcError && /snapshots\[1\]/.test(e.message));
  const damaged = good.slice();
  damaged[damaged.length >> 1] ^= 1;
  assert.throws(() => tthc.DossierAnalyzer.merge([good, damaged], {}), (e) => e instanceof tthc.TthcError
    && e.kind === 'ingest' && e.field === 'snapshots[1]' && /ảnh chụp trạng thái/.test(e.message) && /checksum/.test(e.messageEn));
  assert.throws(() => tthc.DossierAnalyzer.merge([good], { period: { from: '2021-07-01', to: '2021-07-31' } }),
    (e) => e instanceof tthc.TthcError && /other options/.test(e.messageEn));
  assert.equal(tthc.DossierAnalyzer.merge([good], {}).received.total, 2);
  const dts = fs.readFileSync(new URL('../../pkg/tthc.d.ts', import.meta.url), 'utf8');
  assert.match(dts, /snapshot\(\): Uint8Array/);
  assert.match(dts, /static merge\(snapshots: Uint8Array\[\], options: AnalyzeOptions\): Report/);
});
