// A citizen page's TypeScript on the light module `tthc/forms` (checked by `tsc --strict`, never run): the same names
// and types as the full module for forms, identifiers, units and due dates.
import init, {
  WorkCalendar, validateForm, FormValidator, checkCitizenId, checkPhone, provinces, communes, TthcError,
} from '../../pkg/forms.js';
import type { FormResult, FieldIssue, IdCheck } from '../../pkg/forms.js';

export async function citizenPage(schema: string): Promise<string[]> {
  await init();
  const out: string[] = [];
  const v = new FormValidator(schema);
  const r: FormResult = v.validate({ fullName: 'Nguyễn Văn An', citizenId: '040123456789' });
  const issues: FieldIssue[] = v.validateField('citizenId', { citizenId: '0401' }, { locale: 'en' });
  for (const i of [...r.errors, ...issues]) out.push(i.field, i.code, i.message, i.suggestion ?? '');
  out.push(String(validateForm(schema, null).valid));
  const id: IdCheck = checkCitizenId('040123456789');
  out.push(String(id.valid), checkPhone('0912345678', { today: '2026-03-02' }).normalized ?? '');
  out.push(...provinces().map((p) => p.code), ...(communes('40').map((c) => c.name)));
  const due = new WorkCalendar().dueDate({ receivedAt: '2026-02-13T10:15', amount: 3, unit: 'workingDays' });
  out.push(due.dueAt);
  try { checkPhone('x'); } catch (e) { if (e instanceof TthcError) out.push(e.kind, e.messageEn); }
  v.free();
  return out;
}
