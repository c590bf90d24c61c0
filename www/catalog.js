// The procedure catalogue (danh mục TTHC: statutory time and unit). Taken from the module's
// procedureCatalog() when the build has it; otherwise this small sample list, marked as such.
import { pickFn } from './engine.js';

/** Sample procedures used when the module has no catalogue (times as commonly published). */
export const SAMPLE_CATALOG = [
  // The procedures of the sample forms in assets/forms/ (national codes).
  { code: '2.000488', name: { vi: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', en: 'Judicial record certificate' }, amount: 10, unit: 'workingDays' },
  { code: '1.002804', name: { vi: 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp', en: 'Driving licence exchange' }, amount: 5, unit: 'workingDays' },
  { code: '2.000720', name: { vi: 'Đăng ký thành lập hộ kinh doanh', en: 'Household business registration' }, amount: 3, unit: 'workingDays' },
  { code: 'CT-BANSAO', name: { vi: 'Chứng thực bản sao từ bản chính', en: 'Certified copy from the original' }, amount: 0, unit: 'sameDay', cutoff: '15:00' },
  { code: 'HT-TRICHLUC', name: { vi: 'Cấp bản sao trích lục hộ tịch', en: 'Copy of a civil-status extract' }, amount: 0, unit: 'sameDay', cutoff: '15:00' },
  { code: 'DN-TLDN', name: { vi: 'Đăng ký thành lập doanh nghiệp', en: 'Enterprise registration' }, amount: 3, unit: 'workingDays' },
  { code: 'XD-GPXD', name: { vi: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', en: 'Building permit for a private house' }, amount: 15, unit: 'calendarDays' },
  { code: 'TN-DATDAI', name: { vi: 'Đăng ký biến động quyền sử dụng đất', en: 'Land-use right change registration' }, amount: 10, unit: 'workingDays' },
  { code: 'YT-HANHNGHE', name: { vi: 'Xác nhận nội dung quảng cáo (4 giờ)', en: 'Advertising content confirmation (4 hours)' }, amount: 4, unit: 'workingHours' },
];

let cache = null;
/** Procedures as [{ code, name: string | {vi,en}, amount, unit, cutoff?, sample? }]. */
export function catalog() {
  if (cache) return cache;
  const fn = pickFn('procedureCatalog', 'catalog');
  if (fn) {
    try {
      const list = fn();
      const arr = Array.isArray(list) ? list : (list && Array.isArray(list.procedures) ? list.procedures : []);
      if (arr.length) {
        const own = arr.map((p) => ({
          code: p.code,
          name: p.nameEn ? { vi: p.name, en: p.nameEn } : (p.name ?? p.code),
          amount: p.amount,
          unit: p.unit,
          cutoff: p.cutoff ?? null,
        }));
        // The sample forms' procedures, when the module's catalogue lacks them (marked as samples).
        const extra = SAMPLE_CATALOG.slice(0, 3).filter((x) => !own.some((p) => p.code === x.code)).map((x) => ({ ...x, sample: true }));
        cache = [...own, ...extra];
        return cache;
      }
    } catch { /* fall back to the sample list */ }
  }
  cache = SAMPLE_CATALOG.map((p) => ({ ...p, sample: true }));
  return cache;
}
