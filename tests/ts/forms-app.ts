// A citizen page's TypeScript on the light module (`tthc/forms`, pkg/forms.d.ts), checked by `tsc --strict` like
// app.ts and never run: every export of the light module, the unions narrowed, wrong union values rejected.
// tests/js/dts.test.mjs checks that every export and method of pkg/forms.d.ts is used here.
import init, {
  WorkCalendar, toLunar, fromLunar, leapMonth, validateForm, FormValidator, checkCitizenId, checkTaxCode, checkPhone,
  checkIdentifier, checkAttachment, TthcError, provinces, communes, normalizeDateTime, dayNumber, dateFromDayNumber,
  detectFileType, procedureCatalog, convertOldWard, loadLegacyUnits, version, initSync,
} from '../../pkg/forms.js';
import type { DayKind, IdCheck, IdInfo, ProblemCode, FileType, FormSchema } from '../../pkg/forms.js';

function describeInfo(info: IdInfo): string {
  switch (info.kind) {
    case 'citizenId': return `${info.provinceName} ${info.sex} ${info.birthYear}`;
    case 'taxCode': return `${info.taxCodeKind} ${info.branch ?? ''}`;
    case 'phone': return `${info.phoneKind} ${info.carrier ?? ''}`;
    case 'healthInsurance': return info.group;
    case 'vehiclePlate': return info.vehicle;
    default: {
      const unknown: never = info;
      return unknown;
    }
  }
}

function line(id: IdCheck): string {
  const code: ProblemCode | null = id.code;
  return `${id.valid} ${id.normalized ?? ''} ${code ?? ''} ${id.message ?? ''} ${id.info ? describeInfo(id.info) : ''}`;
}

export async function page(head: Uint8Array, wasm: ArrayBuffer, legacy: Uint8Array): Promise<string[]> {
  await init();
  initSync({ module: wasm });
  const out: string[] = [version()];
  const schema: FormSchema = { fields: [{ name: 'citizenId', type: 'citizenId', label: 'Số định danh', required: true }] };
  using v = new FormValidator(schema);
  for (const i of [...v.validate({ citizenId: '040090012345' }, { locale: 'vi' }).errors,
    ...v.validateField('citizenId', {}), ...v.checkAttachment('citizenId', head, 'a.pdf', head.length),
    ...validateForm(schema, {}).errors, ...checkAttachment({ accept: 'pdf' }, head, 'a.pdf')]) {
    const code: ProblemCode = i.code;
    out.push(i.field, code, i.message, i.severity, i.suggestion ?? '');
  }
  out.push(...v.fieldNames());
  out.push(line(checkCitizenId('040090012345')), line(checkTaxCode('0100233488', { today: '2026-12-06' })),
    line(checkPhone('0912345678')), line(checkIdentifier('passport', 'C1234567')));
  const type: FileType | null = detectFileType(head, 'a.pdf');
  out.push(type ?? '', ...provinces().map((p) => p.name), ...communes('40').map((c) => c.kind));
  out.push(String(loadLegacyUnits(legacy).wards), ...convertOldWard('16672').map((w) => w.newWardName));

  const cal = new WorkCalendar();
  const due = cal.dueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' });
  out.push(due.dueAt, cal.classify(due.dueAt, '2026-02-20T10:00'), cal.addWorkingDays('2026-02-13', 1));
  out.push(String(cal.isWorkingDay('2026-02-16')), String(cal.workingDaysBetween('2026-02-13', '2026-02-24')));
  for (const d of [...cal.daysOff(2026), ...cal.namedDays(2026)]) {
    const kind: DayKind = d.kind;
    out.push(kind, d.name);
  }
  for (const d of cal.monthDays(2026, 2)) out.push(d.kind ?? '', String(d.lunar.leap));
  out.push(cal.remainingWorkingTime('2026-02-13T12:00', due.dueAt).text, cal.closingTime('2026-02-14') ?? 'nghỉ');
  out.push(...cal.stepDueDates({ receivedAt: '2026-02-13T10:15', amount: 4, unit: 'workingDays' },
    [{ name: 'xã', share: 1 }]).map((s) => s.dueAt));
  out.push(cal.extendDueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' }, 1).dueAt);
  out.push(String(cal.isEstimatedYear(2030)), ...cal.noticeYears().map((n) => String(n.year)));
  out.push(String(cal.addWorkingDaysBatch([dayNumber('2026-02-13')], [1])[0]), dateFromDayNumber(0));
  out.push(String(cal.workingDaysBetweenBatch([0], [7])[0]), String(cal.dueDateBatch([0], [1], [0])[0]));
  cal.free();
  out.push(String(toLunar('2026-02-17').leap), fromLunar({ year: 2026, month: 1, day: 1 }), String(leapMonth(2025)));
  out.push(normalizeDateTime('2026-06-01T08:30'), ...procedureCatalog().map((p) => p.unit));
  try {
    checkPhone('x');
  } catch (e) {
    if (e instanceof TthcError) out.push(e.kind, e.messageEn);
  }
  return out;
}

export function wrong(id: IdCheck): void {
  // @ts-expect-error: not a problem code
  if (id.code === 'notAProblem') return;
  // @ts-expect-error: not an identifier kind
  checkIdentifier('iban', 'x');
}
