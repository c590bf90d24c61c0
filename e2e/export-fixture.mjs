// A small deterministic one-stop export (CSV, Vietnamese headers as in the contract) whose report
// numbers are known exactly: every row is built to fall in one report category, and the expected
// counters are tallied while the rows are written.

export const PERIOD = { from: '2025-08-15', to: '2025-09-15' };
const HEADERS = ['Mã hồ sơ', 'Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cơ quan giải quyết', 'Ngày tiếp nhận', 'Ngày hẹn trả',
  'Ngày có kết quả', 'Ngày trả kết quả', 'Kênh nộp', 'Hình thức nhận kết quả', 'Trạng thái', 'Số lần bổ sung'];

// Rows per category and agency.
const AGENCIES = [
  ['Sở Tư pháp', 9],
  ['Sở Kế hoạch và Đầu tư', 6],
  ['UBND phường Trường Vinh', 3],
];

const empty = () => ({
  received: { total: 0, carriedOver: 0, new: 0, inPerson: 0, online: 0, postal: 0 },
  resolved: { total: 0, early: 0, onTime: 0, late: 0, unclassified: 0 },
  pending: { total: 0, withinDeadline: 0, overdue: 0 },
  postalUses: 0,
});

/** Returns { csv (string), expected: { total, byAgency: Map }, rows, badRow } */
export function makeExport() {
  const lines = [HEADERS.join(',')];
  const total = empty();
  const byAgency = new Map();
  let seq = 0;
  let rowNo = 1; // the header is row 1
  const channels = ['Trực tiếp', 'Trực tuyến', 'Bưu chính công ích'];
  let chan = 0;
  let ret = 0;
  const add = (agency, r, tally) => {
    seq += 1;
    rowNo += 1;
    const a = byAgency.get(agency) ?? empty();
    byAgency.set(agency, a);
    const channel = r.channel ?? channels[chan++ % 3];
    const returnMethod = r.end ? (ret++ % 4 === 0 ? 'Bưu chính công ích' : 'Trực tiếp') : '';
    lines.push([`H40.${String(seq).padStart(5, '0')}`, '2.000488', 'Cấp Phiếu lý lịch tư pháp', 'Lý lịch tư pháp', agency,
      r.received, r.due ?? '', r.end ?? '', r.end ?? '', channel, returnMethod, r.end ? 'Đã trả kết quả' : 'Đang xử lý', r.supp ?? 0]
      .map((v) => (/[",]/.test(String(v)) ? `"${v}"` : v)).join(','));
    if (!tally) return;
    for (const o of [a, total]) {
      o.received.total += 1;
      if (r.carried) o.received.carriedOver += 1;
      else {
        o.received.new += 1;
        if (channel === 'Trực tiếp') o.received.inPerson += 1;
        else if (channel === 'Trực tuyến') o.received.online += 1;
        else { o.received.postal += 1; o.postalUses += 1; }
      }
      if (r.cls) { o.resolved.total += 1; o.resolved[r.cls] += 1; if (returnMethod === 'Bưu chính công ích') o.postalUses += 1; }
      if (r.pend) { o.pending.total += 1; o.pending[r.pend] += 1; }
    }
  };
  for (const [agency, k] of AGENCIES) {
    for (let i = 0; i < k; i += 1) {
      // carried over from before 15/8
      add(agency, { carried: true, received: '01/08/2025 10:00', due: '20/08/2025 17:00', end: '20/08/2025 09:00', cls: 'onTime', channel: 'Trực tiếp' }, true);
      add(agency, { carried: true, received: '04/08/2025 14:30', due: '30/09/2025 17:00', pend: 'withinDeadline', channel: 'Trực tuyến' }, true);
      add(agency, { carried: true, received: '05/08/2025 08:00', due: '25/08/2025 17:00', pend: 'overdue', channel: 'Trực tiếp' }, true);
      // new in the period
      add(agency, { received: '20/08/2025 08:00', due: '27/08/2025 17:00', end: '25/08/2025 10:00', cls: 'early' }, true);
      add(agency, { received: '20/08/2025 09:00', due: '27/08/2025 17:00', end: '26/08/2025 10:00', cls: 'early' }, true);
      add(agency, { received: '21/08/2025 09:00', due: '22/08/2025 17:00', end: '26/08/2025 10:00', cls: 'late' }, true);
      add(agency, { received: '29/08/2025 09:00', due: '05/09/2025 16:00', end: '05/09/2025 15:00', cls: 'onTime' }, true);
      add(agency, { received: '08/09/2025 15:45', due: '12/09/2025 17:00', end: '10/09/2025 11:00', cls: 'late', supp: 2 }, true);
      add(agency, { received: '10/09/2025 10:00', due: '24/09/2025 17:00', pend: 'withinDeadline' }, true);
      add(agency, { received: '12/09/2025 10:00', due: '15/09/2025 17:00', end: '15/09/2025 16:00', cls: 'onTime' }, true);
      // outside the period: ended before it, received after it
      add(agency, { received: '01/07/2025 10:00', due: '10/07/2025 17:00', end: '09/07/2025 10:00', channel: 'Trực tiếp' }, false);
      add(agency, { received: '20/09/2025 10:00', due: '30/09/2025 17:00', channel: 'Trực tuyến' }, false);
    }
  }
  // One unusable row: an impossible receipt date.
  seq += 1; rowNo += 1;
  const badRow = rowNo;
  lines.push([`H40.${String(seq).padStart(5, '0')}`, '2.000488', 'Cấp Phiếu lý lịch tư pháp', 'Lý lịch tư pháp', 'Sở Tư pháp',
    '31/02/2025 10:00', '10/03/2025 17:00', '', '', 'Trực tiếp', '', 'Đang xử lý', 0].join(','));
  const rate = (a, b) => (b === 0 ? null : Math.round((a / b) * 10000) / 100);
  const finish = (o) => {
    o.resolved.onTimeRate = rate(o.resolved.early + o.resolved.onTime, o.resolved.early + o.resolved.onTime + o.resolved.late);
    o.onlineRate = rate(o.received.online, o.received.new);
    return o;
  };
  finish(total);
  for (const o of byAgency.values()) finish(o);
  return { csv: `${lines.join('\r\n')}\r\n`, expected: total, byAgency, rows: rowNo - 1, badRow };
}
