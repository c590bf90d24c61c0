// The procedure catalogue (danh mục TTHC: statutory time and unit): the module's procedureCatalog(),
// plus the procedures of the sample forms that it lacks (marked as samples).
import { engine } from './engine.js';

/**
 * English names of the built-in catalogue's procedures (the module gives the official Vietnamese
 * names only); a receipt or a list in English shows these.
 */
const NAMES_EN = {
  '1.001193': 'Birth registration',
  '1.000894': 'Marriage registration',
  '1.000656': 'Death registration',
  '2.000635': 'Copy of a civil-status extract',
  '1.004873': 'Certificate of marital status',
  '1.004884': 'Re-registration of a birth',
  '1.005461': 'Re-registration of a death',
  '1.001022': 'Registration of the recognition of a father, mother or child',
  '1.004837': 'Guardianship registration',
  '2.000815': 'Certified copy from the original of a document issued by a Vietnamese authority',
  '2.000884': 'Certification of a signature',
  '1.004222': 'Permanent residence registration',
  '1.004194': 'Temporary residence registration',
  '1.002755': 'Extension of temporary residence',
  '1.010038': 'Splitting a household',
  '1.001612': 'Registration of a household business',
  '2.000720': 'Registration of changes to a household business',
  '1.001570': 'Suspension or early resumption of a household business',
  '1.001266': 'Closing a household business',
  '2.001610': 'Registration of a private enterprise',
  '2.001955': 'Registration of an enterprise’s labour rules',
  '2.001263': 'Registration of a domestic adoption',
};

/** The procedures of the sample forms in assets/forms/ that the module's catalogue lacks. */
const FORM_PROCEDURES = [
  { code: '2.000488', name: { vi: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', en: 'Judicial record certificate' }, amount: 10, unit: 'workingDays' },
  { code: '1.002804', name: { vi: 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp', en: 'Driving licence exchange' }, amount: 5, unit: 'workingDays' },
];

let cache = null;
/** Procedures as [{ code, name: string | {vi,en}, amount, unit, cutoff?, sample? }]. */
export function catalog() {
  if (cache) return cache;
  const own = engine().procedureCatalog().map((p) => {
    const en = NAMES_EN[p.code];
    return { code: p.code, name: en ? { vi: p.name ?? p.code, en } : (p.name ?? p.code), amount: p.amount, unit: p.unit, cutoff: p.cutoff ?? null };
  });
  const extra = FORM_PROCEDURES.filter((x) => !own.some((p) => p.code === x.code)).map((x) => ({ ...x, sample: true }));
  cache = [...own, ...extra];
  return cache;
}

/** The catalogue entry of a procedure code (the module's, else a sample), or null. */
export function procedureByCode(code) {
  if (!code) return null;
  return catalog().find((x) => x.code === code) ?? null;
}
