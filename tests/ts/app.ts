// A portal's TypeScript calling every export as the contract documents (checked by `tsc --strict`, never run).
import init, {
  WorkCalendar, toLunar, fromLunar, validateForm, FormValidator, checkCitizenId, checkTaxCode, checkPhone,
  checkIdentifier, checkAttachment, analyze, DossierAnalyzer, TthcError, provinces, communes, formatNumberVi,
  formatPercentVi, reportToCsv, normalizeDateTime,
} from '../../pkg/tthc.js';

export async function main(bytes: Uint8Array): Promise<string[]> {
  await init();
  const out: string[] = [];
  const cal = new WorkCalendar();
  const cal2 = new WorkCalendar({ daysOff: ['2026-09-03'] });
  out.push(String(cal.isWorkingDay('2026-02-16')), cal.addWorkingDays('2026-02-13', 3));
  out.push(String(cal.workingDaysBetween('2026-02-13', '2026-02-24')));
  for (const d of cal.daysOff(2026)) out.push(d.date, d.name, d.nameEn, String(d.working), String(d.estimated));
  const due = cal2.dueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays', cutoff: '15:00',
    pauses: [{ from: '2026-02-13T11:00', to: '2026-02-13T13:30' }] });
  out.push(due.dueAt, due.startAt, String(due.pausedMinutes), String(due.estimated));
  const c: 'early' | 'onTime' | 'late' = cal.classify(due.dueAt, '2026-02-24T16:00');
  out.push(c);
  const l = toLunar('2026-02-17');
  out.push(String(l.year + l.month + l.day), String(l.leap));
  out.push(fromLunar({ year: 2026, month: 1, day: 1 }), fromLunar({ year: 2023, month: 2, day: 1, leap: true }));

  const schema = { fields: [{ name: 'fullName', type: 'name' as const, label: 'Họ và tên', required: true }] };
  const r = validateForm(schema, { fullName: 'Nguyễn Văn An' });
  const r2 = validateForm(schema, { fullName: 'x' }, { locale: 'en', today: '2026-12-06' });
  const v = new FormValidator(schema);
  const r3 = v.validate({ fullName: 'An' });
  const issues = v.validateField('fullName', { fullName: '' });
  for (const i of [...r.errors, ...r2.warnings, ...r3.errors, ...issues]) out.push(i.field, i.code, i.message);
  out.push(String(r.valid));

  for (const id of [checkCitizenId('040090012345'), checkTaxCode('0100233488'), checkPhone('0912345678'),
    checkCitizenId('040090012345', { today: '2026-12-06' }), checkIdentifier('phone', '0912345678')]) {
    if (id.code !== null) out.push(id.code.length.toString());
    if (id.normalized !== null) out.push(id.normalized);
    if (id.message !== null) out.push(id.message);
    out.push(String(id.valid));
  }
  out.push(...checkAttachment({ accept: ['pdf'] }, bytes, 'a.pdf').map((i) => i.message));

  const report = analyze(bytes, { period: { from: '2026-01-01', to: '2026-01-31' } });
  out.push(String(report.received.total), String(report.resolved.onTimeRate ?? ''), String(report.onlineRate ?? ''));
  for (const a of report.byAgency) out.push(a.agency, String(a.received.total));
  for (const p of report.quality.problems) out.push(String(p.row), p.column ?? '', p.code, p.message);
  const an = new DossierAnalyzer({ period: { from: '2026-01-01', to: '2026-01-31' }, format: 'csv' });
  an.push(bytes);
  out.push(String(an.finish().received.new));
  out.push(reportToCsv(report), formatNumberVi(6753), formatPercentVi(99.19), formatPercentVi(null));
  out.push(...provinces().map((p) => p.name), ...communes('40').map((x) => x.name), normalizeDateTime('2026-06-01T01:30:00Z'));
  try {
    checkPhone('x');
  } catch (e) {
    if (e instanceof TthcError) out.push(e.kind, e.messageEn, e.field ?? '', String(e.row ?? ''), e.column ?? '');
  }
  return out;
}
