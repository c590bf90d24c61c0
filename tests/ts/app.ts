// A portal's TypeScript calling every export as the contract documents (checked by `tsc --strict`, never run):
// optional options left out, absent outputs checked against null, fixed lists narrowed as string unions, the
// identifier details narrowed on their `kind`, errors caught as TthcError. tests/js/dts.test.mjs checks that every
// export and method of pkg/tthc.d.ts is used here.
import init, {
  WorkCalendar, toLunar, fromLunar, leapMonth, validateForm, FormValidator, checkCitizenId, checkTaxCode, checkPhone,
  checkIdentifier, checkAttachment, analyze, analyzeFiles, DossierAnalyzer, TthcError, provinces, communes, formatNumberVi,
  formatPercentVi, reportToCsv, reportToXlsx, normalizeDateTime, dayNumber, dateFromDayNumber, detectFileType,
  procedureCatalog, convertOldWard, loadLegacyUnits, version, initSync,
} from '../../pkg/tthc.js';
import type {
  DayKind, DayOff, IdCheck, IdInfo, ProblemCode, QualityCode, ReportTable, FileType, Report, FormSchema,
} from '../../pkg/tthc.js';

/** A sentence for a day off, by its kind (every kind handled: `never` proves it). */
function describeDay(d: DayOff): string {
  switch (d.kind) {
    case 'holiday': return `${d.name} (lễ)`;
    case 'compensatory': return `${d.name} (nghỉ bù)`;
    case 'swap': return `${d.name} (hoán đổi)`;
    case 'workingSaturday':
    case 'workingSunday': return `${d.date} làm bù`;
    case 'extraDayOff':
    case 'extraWorkingDay': return `${d.date} (cấu hình)`;
    default: {
      const unknown: never = d.kind;
      return unknown;
    }
  }
}

/** The details of a checked identifier, narrowed on `kind`. */
function describeInfo(info: IdInfo): string {
  switch (info.kind) {
    case 'citizenId': return `${info.provinceName} ${info.sex} ${info.century} ${info.birthYearTwoDigits} ${info.birthYear}`;
    case 'taxCode': return `${info.taxCodeKind} ${info.base} ${info.branch ?? ''}`;
    case 'phone': return `${info.phoneKind} ${info.carrier ?? ''} ${info.areaCode ?? ''} ${info.province ?? ''} ${info.international}`;
    case 'healthInsurance': return `${info.group} ${info.benefitLevel} ${info.provinceCode} ${info.socialInsuranceNumber}`;
    case 'vehiclePlate': return `${info.locality} ${info.series} ${info.vehicle === 'car' ? 'ô tô' : 'xe máy'}`;
    default: {
      const unknown: never = info;
      return unknown;
    }
  }
}

/** A problem code the page words itself (the rest: the module's message). */
function ownWords(code: ProblemCode, message: string): string {
  if (code === 'required') return 'Bắt buộc';
  if (code === 'checksum' || code === 'birthYearMismatch') return 'Kiểm tra lại các chữ số';
  return message;
}

function idLine(id: IdCheck): string {
  if (!id.valid) return id.code === null ? '' : ownWords(id.code, id.message ?? '');
  const warnings = id.warnings.map((w) => ownWords(w.code, w.message)).join(' ');
  return `${id.normalized ?? ''} ${id.info === null ? '' : describeInfo(id.info)} ${id.suggestion ?? ''} ${warnings}`;
}

export async function main(bytes: Uint8Array, wasm: ArrayBuffer, legacy: Uint8Array): Promise<string[]> {
  await init();
  initSync({ module: wasm });
  const out: string[] = [version()];

  // The calendar (contract: "Calendar and lunar dates", "Due dates").
  const cal = new WorkCalendar();
  const cal2 = new WorkCalendar({
    daysOff: ['2026-09-03'], workingDays: ['2026-09-05'],
    officeHours: [{ from: '01-01', name: 'cả năm', intervals: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] }],
    notices: [{ year: 2027, documents: ['01/TB'], daysOff: [{ date: '2027-02-08', kind: 'holiday' }], workingDays: [] }],
  });
  out.push(String(cal.isWorkingDay('2026-02-16')), cal.addWorkingDays('2026-02-13', 3));
  out.push(String(cal.workingDaysBetween('2026-02-13', '2026-02-24')));
  for (const d of [...cal.daysOff(2026), ...cal.namedDays(2026)]) {
    out.push(d.date, d.name, d.nameEn, String(d.working), String(d.estimated), describeDay(d));
  }
  const due = cal2.dueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays', cutoff: '15:00',
    pauses: [{ from: '2026-02-13T11:00', to: '2026-02-13T13:30' }] });
  out.push(due.dueAt, due.startAt, String(due.pausedMinutes), String(due.estimated), due.startRule,
    String(due.calendarDays ?? ''), due.countEndDate ?? '', ...due.officeHours.map((h) => h.seasonName ?? h.from));
  const c: 'early' | 'onTime' | 'late' = cal.classify(due.dueAt, '2026-02-24T16:00');
  out.push(c);
  const left = cal.remainingWorkingTime('2026-02-13T12:00', due.dueAt);
  out.push(left.text, left.textEn, String(left.overdue && left.workingMinutes < 0));
  for (const s of cal.stepDueDates({ receivedAt: '2026-02-13T10:15', amount: 10, unit: 'workingDays' },
    [{ name: 'UBND cấp xã', share: 3 }, { name: 'Sở', share: 7 }])) out.push(s.name, s.startAt, s.dueAt);
  const ext = cal.extendDueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' }, 2);
  const ext2 = cal.extendDueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' }, 4, 'workingHours');
  out.push(ext.originalDueAt, ext.dueAt, ext2.startAt, String(ext2.estimated));
  for (const day of cal.monthDays(2026, 2)) {
    const kind: DayKind | null = day.kind;
    out.push(day.date, String(day.weekday), kind ?? '', day.name ?? '', String(day.lunar.leap), String(day.hours.length));
  }
  out.push(String(cal.isEstimatedYear(2030)), cal.closingTime('2026-02-16') ?? 'nghỉ');
  for (const n of cal.noticeYears()) out.push(String(n.year), ...n.documents);
  const days = cal.addWorkingDaysBatch(new Int32Array([dayNumber('2026-02-13')]), [3]);
  out.push(dateFromDayNumber(days[0]), String(cal.workingDaysBetweenBatch([0], [30])[0]));
  out.push(String(cal.dueDateBatch(new Float64Array([Date.UTC(2026, 1, 13, 10, 15) / 1000]), [3], new Uint8Array([0]))[0]));
  cal2.free();
  const l = toLunar('2026-02-17');
  const leap: boolean = l.leap;
  out.push(String(l.year + l.month + l.day), String(leap), String(leapMonth(2025) ?? 0));
  out.push(fromLunar({ year: 2026, month: 1, day: 1 }), fromLunar({ year: 2025, month: 6, day: 1, leap: true }));
  for (const p of procedureCatalog()) out.push(p.code, p.unit, p.name ?? '');

  // Forms (contract: "Forms").
  const schema: FormSchema = { fields: [{ name: 'fullName', type: 'name', label: 'Họ và tên', required: true }] };
  const r = validateForm(schema, { fullName: 'Nguyễn Văn An' });
  const r2 = validateForm(schema, { fullName: 'x' }, { locale: 'en', today: '2026-12-06' });
  using v = new FormValidator(schema);
  const r3 = v.validate({ fullName: 'An', birthDate: new Date(Date.UTC(1991, 2, 11, 17)) });
  const issues = v.validateField('fullName', { fullName: '' });
  for (const i of [...r.errors, ...r2.warnings, ...r3.errors, ...issues]) {
    out.push(i.field, i.message, i.severity, i.suggestion ?? '', ownWords(i.code, i.message));
  }
  out.push(String(r.valid), ...v.fieldNames(), JSON.stringify(r.values));
  out.push(...v.checkAttachment('fullName', bytes, 'a.pdf', bytes.length).map((i) => i.code));
  out.push(...checkAttachment({ accept: ['pdf'] }, bytes, 'a.pdf').map((i) => i.message));

  for (const id of [checkCitizenId('040090012345'), checkTaxCode('0100233488'), checkPhone('0912345678'),
    checkCitizenId('040090012345', { today: '2026-12-06' }), checkIdentifier('vehiclePlate', '37A-123.45'),
    checkIdentifier('healthInsurance', 'HS4400123456789', { locale: 'en' })]) {
    if (id.code !== null) out.push(id.code.length.toString());
    out.push(idLine(id));
  }
  const type: FileType | null = detectFileType(bytes, 'a.pdf');
  out.push(detectFileType(bytes.buffer as ArrayBuffer, 'a.pdf') ?? '', ...v.checkAttachment('fullName', new DataView(bytes.buffer as ArrayBuffer), 'a.pdf', null).map((i) => i.code));
  out.push(type ?? 'unknown');
  out.push(...provinces().map((p) => `${p.code} ${p.name} ${p.shortName} ${p.city} ${p.phoneCode}`));
  out.push(...communes('40').map((x) => `${x.code} ${x.name} ${x.kind} ${x.provinceCode}`));
  const counts = loadLegacyUnits(legacy);
  out.push(String(counts.wards + counts.conversions));
  for (const w of [...convertOldWard('16672'), ...convertOldWard({ ward: 'Hưng Bình', province: 'Nghệ An' })]) {
    out.push(w.newWardCode, w.kind, w.note ?? '');
  }

  // Statistics (contract: "Statistics from downloaded records").
  const report: Report = analyze(bytes, { period: { from: '2026-01-01', to: '2026-01-31' } });
  out.push(String(report.received.total), String(report.resolved.onTimeRate ?? ''), String(report.onlineRate ?? ''));
  for (const a of report.byAgency) out.push(a.agency, String(a.received.total));
  for (const p of report.quality.problems) {
    const code: QualityCode = p.code;
    out.push(String(p.row), p.column ?? '', code, p.message, p.severity === 'skipped' ? 'bỏ qua' : 'cảnh báo');
  }
  for (const i of report.d766.indicators) out.push(i.code, String(i.rate ?? ''), String(i.points ?? ''));
  for (const a of report.audit.items) out.push(a.kind === 'earlier' ? 'sớm hơn' : 'muộn hơn');
  const both = analyzeFiles([{ name: 'a.csv', data: bytes }, { name: 'b.csv', data: bytes.buffer as ArrayBuffer }],
    { format: 'csv' });
  out.push(both.period?.from ?? '', both.dataSpan.firstReceivedAt ?? '', ...both.quality.problems.map((p) => p.source ?? ''));
  const an = new DossierAnalyzer({ period: { from: '2026-01-01', to: '2026-01-31' }, format: 'csv' });
  an.beginFile('a.csv');
  an.push(bytes);
  // Bytes as an ArrayBuffer or a DataView, and options left out, as the docs allow.
  const whole = analyze(bytes.buffer as ArrayBuffer);
  using bare = new DossierAnalyzer();
  bare.push(new DataView(bytes.buffer as ArrayBuffer));
  out.push(String(whole.received.total), String(bare.finish().received.total));
  out.push(String(an.rowsRead), String(an.bytesRead), String(an.finish().received.new));
  an[Symbol.dispose]();
  // Two runs of files (as in two Workers), merged.
  const runs: Uint8Array[] = [bytes, bytes].map((b, i) => {
    const part = new DossierAnalyzer({ format: 'csv' });
    part.beginFile(`part-${i}.csv`);
    part.push(b);
    const s: Uint8Array = part.snapshot();
    part.free();
    return s;
  });
  const merged: Report = DossierAnalyzer.merge(runs, { format: 'csv' });
  out.push(String(merged.quality.sources.length), String(merged.quality.counts.duplicateId ?? 0));
  // @ts-expect-error: snapshots are bytes, not reports
  DossierAnalyzer.merge([merged], {});
  const tables: ReportTable[] = ['agency', 'domain', 'procedure', 'month'];
  for (const t of tables) out.push(reportToCsv(report, t));
  out.push(reportToCsv(report), String(reportToXlsx(report).length));
  out.push(formatNumberVi(6753), formatNumberVi(99.194, 2), formatPercentVi(99.19), formatPercentVi(null), formatPercentVi());
  out.push(normalizeDateTime('2026-06-01T01:30:00Z'));

  // Errors (contract: "Bad input never crashes the instance").
  try {
    checkPhone('x');
  } catch (e) {
    if (e instanceof TthcError) out.push(e.kind, e.message, e.messageEn, e.field ?? '', String(e.row ?? ''), e.column ?? '');
  }
  // An export without a receipt-date column: the headers read, for a column picker.
  try {
    analyze(new TextEncoder().encode('Mã hồ sơ,Thời điểm nộp\nA1,02/08/2021\n'), {});
  } catch (e) {
    if (e instanceof TthcError && e.headers !== null) {
      const picked: string = e.headers[1];
      out.push(...e.headers, String(analyze(bytes, { columns: { receivedAt: picked } }).received.total));
    }
  }
  return out;
}

// Wrong values of the fixed lists don't compile.
export function wrong(report: Report, d: DayOff, id: IdCheck): void {
  // @ts-expect-error: not a table of the report
  reportToCsv(report, 'agencies');
  // @ts-expect-error: not a day kind
  if (d.kind === 'weekend') return;
  // @ts-expect-error: not a problem code
  if (id.code === 'invalid') return;
  // @ts-expect-error: not a unit
  new WorkCalendar().dueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'days' });
  // @ts-expect-error: `info` may be null
  void id.info.kind;
  if (id.info?.kind === 'phone') {
    // @ts-expect-error: a phone has no province code of birth
    void id.info.provinceName;
  }
}
