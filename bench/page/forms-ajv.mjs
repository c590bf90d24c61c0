// The ajv peer of the forms benchmark: ajv + ajv-formats, custom keywords for what JSON Schema can't express, and the
// cross-field checks tthc's rules do (commune in province, ID vs birth date and sex, date order, age), written as an
// ajv user would. Returns validate(values) → boolean.
const PRE_2025 = new Set(['001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048', '049', '051', '052',
  '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075', '077', '079', '080', '082', '083', '084',
  '086', '087', '089', '091', '092', '093', '094', '095', '096']);
const MOBILE = /^0(?:121[0-3]\d{5}|(?:1[46]0|(?:3\d|7[06-9])\d|5(?:[1689]\d|2[238]|59)|8(?:[1-8]\d|9[6-9])|9(?:[0-8]\d|9[013-9]))\d{6})$/;
const NAME = /^[\p{L}\p{M}' -]+$/u;
const digitsOf = (s) => s.replace(/[\s.-]/g, '');
const TODAY = '2026-03-02';

function citizenIdOk(s) {
  const d = digitsOf(s);
  if (!/^\d{12}$/.test(d) || !PRE_2025.has(d.slice(0, 3)) || d[3] > '3') return false;
  const year = (d[3] < '2' ? 1900 : 2000) + Number(d.slice(4, 6));
  return year <= Number(TODAY.slice(0, 4));
}
function taxOk(s) {
  const d = digitsOf(s);
  if (/^\d{12}$/.test(d)) return citizenIdOk(d);
  if (!/^\d{10}(\d{3})?$/.test(d) || d.slice(2, 9) === '0000000' || d.slice(10) === '000') return false;
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += w[i] * (d.charCodeAt(i) - 48);
  const r = sum % 11;
  if (r === 0) return false;
  return (r === 10 ? 0 : 10 - r) === d.charCodeAt(9) - 48;
}
function phoneOk(s) {
  let d = digitsOf(s);
  if (d.startsWith('+84')) d = '0' + d.slice(3); else if (d.startsWith('0084')) d = '0' + d.slice(4); else if (d.startsWith('84') && d.length === 11) d = '0' + d.slice(2);
  return MOBILE.test(d);
}

export function makeAjvValidator(Ajv, addFormats, spec) {
  const provinces = new Set(spec.units.provinces);
  const communes = spec.units.communes;
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv, ['date', 'email']);
  const kw = (keyword, fn) => ajv.addKeyword({ keyword, type: 'string', schemaType: 'boolean', validate: (_, data) => fn(data) });
  kw('vnName', (s) => s === '' || NAME.test(s.normalize('NFC').trim()));
  kw('vnCitizenId', citizenIdOk);
  kw('vnPhone', phoneOk);
  kw('vnTaxCode', (s) => s === '' || taxOk(s));
  kw('vnPostalCode', (s) => s === '' || /^\d{5}$/.test(s.trim()));
  kw('vnProvince', (s) => provinces.has(s.trim()));
  kw('notFuture', (s) => s <= TODAY);
  const v = ajv.compile(spec.ajvSchema);
  return (values) => {
    let ok = v(values);
    // cross-field checks
    if (communes[values.commune] !== values.province) ok = false;
    const id = digitsOf(values.citizenId || '');
    if (id.length === 12) {
      const g = id.charCodeAt(3) - 48;
      if ((g % 2 === 0 ? 'nam' : 'nu') !== values.sex) ok = false;
      const year = (g < 2 ? 1900 : 2000) + Number(id.slice(4, 6));
      if (values.birthDate && Number(values.birthDate.slice(0, 4)) !== year) ok = false;
    }
    if (values.idIssueDate && values.birthDate && !(values.idIssueDate > values.birthDate)) ok = false;
    if (values.requestDate && values.idIssueDate && !(values.requestDate >= values.idIssueDate)) ok = false;
    if (values.birthDate && values.requestDate) {
      const [y, m, d] = values.birthDate.split('-').map(Number);
      const [ry, rm, rd] = values.requestDate.split('-').map(Number);
      const age = ry - y - (rm < m || (rm === m && rd < d) ? 1 : 0);
      if (age < 14) ok = false;
    }
    return ok;
  };
}
