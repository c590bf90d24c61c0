// The 25-field form of the forms benchmark (a criminal-record certificate request, Phiếu lý lịch tư pháp, with contact,
// address and delivery fields): tthc's FormSchema, the equivalent JSON Schema for ajv (+ ajv-formats and custom keywords
// in page/forms-ajv.mjs), and deterministic sample submissions (mostly valid, some with mistakes).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));

export const tthcSchema = {
  id: 'cap-phieu-ly-lich-tu-phap', title: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
  fields: [
    { name: 'fullName', type: 'name', label: 'Họ và tên', required: true, maxLength: 100 },
    { name: 'otherName', type: 'name', label: 'Tên gọi khác', maxLength: 100 },
    { name: 'birthDate', type: 'date', label: 'Ngày sinh', required: true, notFuture: true },
    { name: 'sex', type: 'select', label: 'Giới tính', required: true, options: [{ value: 'nam', label: 'Nam' }, { value: 'nu', label: 'Nữ' }] },
    { name: 'citizenId', type: 'citizenId', label: 'Số định danh cá nhân', required: true },
    { name: 'idIssueDate', type: 'date', label: 'Ngày cấp', required: true, notFuture: true },
    { name: 'nationality', type: 'select', label: 'Quốc tịch', required: true, options: ['Việt Nam', 'Khác'] },
    { name: 'ethnicity', type: 'text', label: 'Dân tộc', maxLength: 50 },
    { name: 'phone', type: 'phone', label: 'Số điện thoại', required: true, accept: 'mobile' },
    { name: 'email', type: 'email', label: 'Thư điện tử' },
    { name: 'taxCode', type: 'taxCode', label: 'Mã số thuế' },
    { name: 'province', type: 'province', label: 'Tỉnh/thành phố', required: true },
    { name: 'commune', type: 'commune', label: 'Xã/phường', required: true, provinceField: 'province' },
    { name: 'address', type: 'text', label: 'Số nhà, đường/thôn, xóm', required: true, maxLength: 200 },
    { name: 'fatherName', type: 'name', label: 'Họ tên cha', maxLength: 100 },
    { name: 'motherName', type: 'name', label: 'Họ tên mẹ', maxLength: 100 },
    { name: 'spouseName', type: 'name', label: 'Họ tên vợ/chồng', maxLength: 100 },
    { name: 'purpose', type: 'text', label: 'Mục đích sử dụng Phiếu', required: true, maxLength: 300 },
    { name: 'copies', type: 'number', label: 'Số lượng Phiếu', required: true, integer: true, min: 1, max: 10 },
    { name: 'certificateType', type: 'select', label: 'Loại Phiếu', required: true, options: ['1', '2'] },
    { name: 'delivery', type: 'select', label: 'Hình thức nhận kết quả', required: true, options: ['Trực tiếp', 'Bưu chính công ích', 'Trực tuyến'] },
    { name: 'postalCode', type: 'postalCode', label: 'Mã bưu chính', requiredIf: { field: 'delivery', equals: 'Bưu chính công ích' } },
    { name: 'notes', type: 'text', label: 'Ghi chú', maxLength: 500, multiline: true },
    { name: 'requestDate', type: 'date', label: 'Ngày yêu cầu', required: true, notFuture: true },
    { name: 'agreed', type: 'checkbox', label: 'Tôi cam đoan những lời khai trên là đúng sự thật', required: true },
  ],
  rules: [
    { rule: 'citizenIdMatches', id: 'citizenId', birthDate: 'birthDate', sex: 'sex', sexValues: { male: 'nam', female: 'nu' } },
    { rule: 'dateAfter', field: 'idIssueDate', after: 'birthDate' },
    { rule: 'dateAfter', field: 'requestDate', after: 'idIssueDate', orEqual: true },
    { rule: 'age', field: 'birthDate', min: 14, at: 'requestDate' },
  ],
};

const name = { type: 'string', maxLength: 100, vnName: true };
// The JSON Schema for ajv: the same constraints; what JSON Schema can't say is in custom keywords (vnName, vnCitizenId,
// vnPhone, vnTaxCode, vnPostalCode, vnProvince, notFuture) and cross-field checks (page/forms-ajv.mjs: commune in province,
// ID vs birth date and sex, date order, age) run after ajv, as an ajv user would write them.
export const ajvSchema = {
  type: 'object',
  required: ['fullName', 'birthDate', 'sex', 'citizenId', 'idIssueDate', 'nationality', 'phone', 'province', 'commune', 'address',
    'purpose', 'copies', 'certificateType', 'delivery', 'requestDate', 'agreed'],
  properties: {
    fullName: { ...name, minLength: 1 }, otherName: name,
    birthDate: { type: 'string', format: 'date', notFuture: true },
    sex: { enum: ['nam', 'nu'] },
    citizenId: { type: 'string', vnCitizenId: true },
    idIssueDate: { type: 'string', format: 'date', notFuture: true },
    nationality: { enum: ['Việt Nam', 'Khác'] },
    ethnicity: { type: 'string', maxLength: 50 },
    phone: { type: 'string', vnPhone: true },
    email: { type: 'string', anyOf: [{ maxLength: 0 }, { format: 'email', maxLength: 254 }] },
    taxCode: { type: 'string', vnTaxCode: true },
    province: { type: 'string', vnProvince: true },
    commune: { type: 'string', pattern: '^\\d{5}$' },
    address: { type: 'string', minLength: 1, maxLength: 200 },
    fatherName: name, motherName: name, spouseName: name,
    purpose: { type: 'string', minLength: 1, maxLength: 300 },
    copies: { type: 'integer', minimum: 1, maximum: 10 },
    certificateType: { enum: ['1', '2'] },
    delivery: { enum: ['Trực tiếp', 'Bưu chính công ích', 'Trực tuyến'] },
    postalCode: { type: 'string', vnPostalCode: true },
    notes: { type: 'string', maxLength: 500 },
    requestDate: { type: 'string', format: 'date', notFuture: true },
    agreed: { const: true },
  },
  if: { properties: { delivery: { const: 'Bưu chính công ích' } } },
  then: { required: ['postalCode'] },
};

// deterministic samples
function lcg(seed) { let s = seed >>> 0; return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; }; }
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Hồ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Ngọc', 'Minh', 'Thanh', 'Hữu', 'Quang'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hùng', 'Lan', 'Linh', 'Nga', 'Phương', 'Quỳnh', 'Sơn', 'Thảo', 'Tuấn', 'Yến'];
const PURPOSES = ['Bổ sung hồ sơ xin việc', 'Xuất khẩu lao động', 'Du học', 'Thành lập doanh nghiệp', 'Kết hôn với người nước ngoài'];

export function formSpec(count = 64, seed = 7) {
  const units = JSON.parse(fs.readFileSync(path.join(BENCH, 'page', 'units-2025.json'), 'utf8'));
  const nghean = Object.keys(units.communes).filter((c) => units.communes[c] === '40');
  const rnd = lcg(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const digits = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const samples = [];
  for (let i = 0; i < count; i++) {
    const year = 1960 + Math.floor(rnd() * 45), month = 1 + Math.floor(rnd() * 12), day = 1 + Math.floor(rnd() * 28);
    const male = rnd() < 0.5;
    const g = (year >= 2000 ? 2 : 0) + (male ? 0 : 1);
    const p2 = (n) => String(n).padStart(2, '0');
    const v = {
      fullName: `${pick(FAMILY)} ${male ? pick(['Văn', 'Đức', 'Minh', 'Hữu', 'Quang']) : 'Thị'} ${pick(GIVEN)}`,
      otherName: '', birthDate: `${year}-${p2(month)}-${p2(day)}`, sex: male ? 'nam' : 'nu',
      citizenId: `040${g}${p2(year % 100)}${digits(6)}`, idIssueDate: `2021-${p2(1 + Math.floor(rnd() * 12))}-15`,
      nationality: 'Việt Nam', ethnicity: 'Kinh', phone: `09${digits(1)} ${digits(3)} ${digits(4)}`,
      email: rnd() < 0.5 ? `nguoidan${i}@example.vn` : '', taxCode: pick(['0100233488', '0314409058-002', '', '']),
      province: '40', commune: pick(nghean), address: `Số ${1 + Math.floor(rnd() * 200)} đường Lê Lợi, khối ${1 + Math.floor(rnd() * 20)}`,
      fatherName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`, motherName: `${pick(FAMILY)} Thị ${pick(GIVEN)}`, spouseName: '',
      purpose: pick(PURPOSES), copies: 1 + Math.floor(rnd() * 3), certificateType: pick(['1', '2']),
      delivery: pick(['Trực tiếp', 'Bưu chính công ích', 'Trực tuyến']), postalCode: '43100', notes: '',
      requestDate: '2026-03-02', agreed: true,
    };
    // one in four submissions carries a mistake a citizen makes
    const k = i % 16;
    if (k === 1) v.citizenId = v.citizenId.slice(0, 11);
    else if (k === 5) v.phone = '0123 456 789';
    else if (k === 9) v.sex = male ? 'nu' : 'nam';
    else if (k === 13) v.email = 'nguoidan@';
    samples.push(v);
  }
  return { fields: tthcSchema.fields.length, tthcSchema, ajvSchema, samples, units };
}
