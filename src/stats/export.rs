//! The report as CSV and as an XLSX workbook laid out like the centre's report table
//! (Vietnamese headers).
//!
//! The XLSX writer is hand-written (calamine only reads): a workbook is a zip of a few XML
//! files; entries are stored uncompressed (a report is a few kilobytes) with a small CRC-32,
//! so no compressor is linked into the wasm module.

pub use super::wire::ExportReport;
use super::{Counters, Report};
use crate::ingest::column_letters;
use crate::stats::format::format_percent_vi;

/// The columns of the centre's table after the name column: (group, column).
const COLUMNS: [(&str, &str); 17] = [
    ("Tiếp nhận", "Tổng số"),
    ("Tiếp nhận", "Từ kỳ trước chuyển sang"),
    ("Tiếp nhận", "Mới tiếp nhận"),
    ("Tiếp nhận", "Trực tiếp"),
    ("Tiếp nhận", "Trực tuyến"),
    ("Tiếp nhận", "Bưu chính công ích"),
    ("Đã giải quyết", "Tổng số"),
    ("Đã giải quyết", "Trước hạn"),
    ("Đã giải quyết", "Đúng hạn"),
    ("Đã giải quyết", "Quá hạn"),
    ("Đã giải quyết", "Chưa xác định hạn"),
    ("Đã giải quyết", "Tỷ lệ trước hạn, đúng hạn (%)"),
    ("Đang giải quyết", "Tổng số"),
    ("Đang giải quyết", "Trong hạn"),
    ("Đang giải quyết", "Quá hạn"),
    ("Tỷ lệ nộp trực tuyến (%)", ""),
    ("Lượt sử dụng bưu chính công ích", ""),
];

/// One cell of an exported table.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    /// A rate (2 decimals) or empty.
    Rate(Option<f64>),
    Empty,
}

fn counter_values(c: &Counters) -> Vec<Value> {
    let n = |x: u64| Value::Number(x as f64);
    vec![
        n(c.received.total),
        n(c.received.carried_over),
        n(c.received.new),
        n(c.received.in_person),
        n(c.received.online),
        n(c.received.postal),
        n(c.resolved.total),
        n(c.resolved.early),
        n(c.resolved.on_time),
        n(c.resolved.late),
        n(c.resolved.unclassified),
        Value::Rate(c.resolved.on_time_rate),
        n(c.pending.total),
        n(c.pending.within_deadline),
        n(c.pending.overdue),
        Value::Rate(c.online_rate),
        n(c.postal_uses),
    ]
}

fn csv_field(v: &Value) -> String {
    let s = match v {
        // Text from the export (agency, procedure names) that a spreadsheet would read as a
        // formula is neutralised with a leading apostrophe (CSV injection).
        Value::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
        Value::Text(s) => s.clone(),
        Value::Number(x) => crate::ingest::format_number(*x),
        Value::Rate(Some(x)) => format!("{x:.2}"),
        Value::Rate(None) | Value::Empty => String::new(),
    };
    if s.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Which table of the report to export as CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// Per agency (the centre's table), with a total row.
    Agency,
    /// Per domain.
    Domain,
    /// Per procedure, with processing times.
    Procedure,
    /// Per month.
    Month,
}

impl Table {
    /// Reads `"agency"`, `"domain"`, `"procedure"`, `"month"`.
    pub fn from_name(s: &str) -> Option<Table> {
        match s {
            "agency" | "byAgency" => Some(Table::Agency),
            "domain" | "byDomain" => Some(Table::Domain),
            "procedure" | "byProcedure" => Some(Table::Procedure),
            "month" | "byMonth" => Some(Table::Month),
            _ => None,
        }
    }
}

fn table_rows(report: &Report, table: Table) -> (Vec<String>, Vec<Vec<Value>>) {
    let mut head: Vec<String> = Vec::new();
    let counters_head: Vec<String> = COLUMNS
        .iter()
        .map(|(g, c)| {
            if c.is_empty() {
                g.to_string()
            } else {
                format!("{g} - {c}")
            }
        })
        .collect();
    let mut rows: Vec<Vec<Value>> = Vec::new();
    match table {
        Table::Agency => {
            head.extend(["STT".to_string(), "Cơ quan, đơn vị".to_string()]);
            for (i, a) in report.by_agency.iter().enumerate() {
                let mut r = vec![Value::Number((i + 1) as f64), Value::Text(a.agency.clone())];
                r.extend(counter_values(&a.counters));
                rows.push(r);
            }
            let mut t = vec![Value::Empty, Value::Text("Tổng cộng".into())];
            t.extend(counter_values(&report.totals));
            rows.push(t);
        }
        Table::Domain => {
            head.extend(["STT".to_string(), "Lĩnh vực".to_string()]);
            for (i, a) in report.by_domain.iter().enumerate() {
                let mut r = vec![Value::Number((i + 1) as f64), Value::Text(a.domain.clone())];
                r.extend(counter_values(&a.counters));
                rows.push(r);
            }
            let mut t = vec![Value::Empty, Value::Text("Tổng cộng".into())];
            t.extend(counter_values(&report.totals));
            rows.push(t);
        }
        Table::Procedure => {
            head.extend(
                ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực"]
                    .iter()
                    .map(|s| s.to_string()),
            );
            for (i, p) in report.by_procedure.iter().enumerate() {
                let mut r = vec![
                    Value::Number((i + 1) as f64),
                    Value::Text(p.procedure_code.clone()),
                    Value::Text(p.procedure.clone()),
                    Value::Text(p.domain.clone()),
                ];
                r.extend(counter_values(&p.counters));
                r.push(Value::Rate(p.processing.avg_calendar_days));
                r.push(Value::Rate(p.processing.avg_working_days));
                r.push(
                    p.processing
                        .statutory
                        .clone()
                        .map_or(Value::Empty, Value::Text),
                );
                rows.push(r);
            }
        }
        Table::Month => {
            head.extend([
                "Tháng".to_string(),
                "Từ ngày".to_string(),
                "Đến ngày".to_string(),
            ]);
            for m in &report.by_month {
                let mut r = vec![
                    Value::Text(m.month.clone()),
                    Value::Text(m.period.from.clone()),
                    Value::Text(m.period.to.clone()),
                ];
                r.extend(counter_values(&m.counters));
                rows.push(r);
            }
        }
    }
    head.extend(counters_head);
    if table == Table::Procedure {
        head.extend([
            "Thời gian giải quyết trung bình (ngày)".to_string(),
            "Thời gian giải quyết trung bình (ngày làm việc)".to_string(),
            "Thời hạn theo quy định".to_string(),
        ]);
    }
    (head, rows)
}

/// The report's table as CSV: UTF-8 with BOM (Excel opens it with the right accents), comma
/// separated, one header row of Vietnamese names, `.` as decimal point (machine-readable).
///
/// # Example
/// ```
/// use tthc::stats::{analyze, AnalyzeOptions, export::{report_to_csv, Table}};
/// let r = analyze("Ngày tiếp nhận,Cơ quan\n16/08/2021,Sở Tư pháp\n".as_bytes(), &AnalyzeOptions::for_period("2021-08-15", "2021-09-15")).unwrap();
/// let csv = report_to_csv(&r, Table::Agency);
/// assert!(csv.starts_with("\u{FEFF}STT,Cơ quan, đơn vị".replace("Cơ quan, đơn vị", "\"Cơ quan, đơn vị\"").as_str()));
/// assert!(csv.contains("1,Sở Tư pháp,1,0,1,"));
/// assert!(csv.contains(",Tổng cộng,1,0,1,"));
/// ```
pub fn report_to_csv(report: &Report, table: Table) -> String {
    let (head, rows) = table_rows(report, table);
    let mut out = String::from("\u{FEFF}");
    out.push_str(
        &head
            .iter()
            .map(|h| csv_field(&Value::Text(h.clone())))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(csv_field).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// XLSX writer.

/// Cell styles of the workbook (indices into `cellXfs`).
const ST_HEADER: u8 = 1;
const ST_INT: u8 = 2;
const ST_RATE: u8 = 3;
const ST_TEXT: u8 = 4;
const ST_TITLE: u8 = 5;
const ST_INT_BOLD: u8 = 6;
const ST_TEXT_BOLD: u8 = 7;

struct Sheet {
    name: String,
    rows: Vec<Vec<(Value, u8)>>,
    merges: Vec<String>,
    widths: Vec<f64>,
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => o.push(c),
        }
    }
    o
}

impl Sheet {
    fn xml(&self) -> String {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
        );
        if !self.widths.is_empty() {
            x.push_str("<cols>");
            for (i, w) in self.widths.iter().enumerate() {
                x.push_str(&format!(
                    "<col min=\"{0}\" max=\"{0}\" width=\"{w}\" customWidth=\"1\"/>",
                    i + 1
                ));
            }
            x.push_str("</cols>");
        }
        x.push_str("<sheetData>");
        for (ri, row) in self.rows.iter().enumerate() {
            x.push_str(&format!("<row r=\"{}\">", ri + 1));
            for (ci, (v, st)) in row.iter().enumerate() {
                let r = format!("{}{}", column_letters(ci), ri + 1);
                match v {
                    Value::Text(s) => x.push_str(&format!(
                        "<c r=\"{r}\" s=\"{st}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                        xml_escape(s)
                    )),
                    Value::Number(n) if n.is_finite() => {
                        x.push_str(&format!("<c r=\"{r}\" s=\"{st}\"><v>{n}</v></c>"))
                    }
                    Value::Rate(Some(n)) if n.is_finite() => {
                        x.push_str(&format!("<c r=\"{r}\" s=\"{st}\"><v>{n}</v></c>"))
                    }
                    _ => x.push_str(&format!("<c r=\"{r}\" s=\"{st}\"/>")),
                }
            }
            x.push_str("</row>");
        }
        x.push_str("</sheetData>");
        if !self.merges.is_empty() {
            x.push_str(&format!("<mergeCells count=\"{}\">", self.merges.len()));
            for m in &self.merges {
                x.push_str(&format!("<mergeCell ref=\"{m}\"/>"));
            }
            x.push_str("</mergeCells>");
        }
        x.push_str("</worksheet>");
        x
    }
}

fn styled(values: Vec<Value>, bold: bool) -> Vec<(Value, u8)> {
    values
        .into_iter()
        .map(|v| {
            let st = match (&v, bold) {
                (Value::Text(_), false) | (Value::Empty, false) => ST_TEXT,
                (Value::Text(_), true) | (Value::Empty, true) => ST_TEXT_BOLD,
                (Value::Number(_), false) => ST_INT,
                (Value::Number(_), true) => ST_INT_BOLD,
                (Value::Rate(_), _) => ST_RATE,
            };
            (v, st)
        })
        .collect()
}

/// The sheet of a grouped table with a two-row header (groups merged), like the centre's report.
fn grouped_sheet(name: &str, title: &str, subtitle: &str, report: &Report, table: Table) -> Sheet {
    let (head, rows) = table_rows(report, table);
    let lead = head.len() - COLUMNS.len() - if table == Table::Procedure { 3 } else { 0 };
    let ncols = head.len();
    let last = column_letters(ncols - 1);
    let mut s = Sheet {
        name: name.into(),
        rows: Vec::new(),
        merges: vec![format!("A1:{last}1"), format!("A2:{last}2")],
        widths: Vec::new(),
    };
    s.rows.push(vec![(Value::Text(title.into()), ST_TITLE)]);
    s.rows.push(vec![(Value::Text(subtitle.into()), 0)]);
    // Header rows 3 and 4.
    let mut h1: Vec<(Value, u8)> = Vec::new();
    let mut h2: Vec<(Value, u8)> = Vec::new();
    for (i, h) in head.iter().enumerate().take(lead) {
        h1.push((Value::Text(h.clone()), ST_HEADER));
        h2.push((Value::Empty, ST_HEADER));
        s.merges.push(format!("{0}3:{0}4", column_letters(i)));
    }
    let mut i = 0;
    while i < COLUMNS.len() {
        let (g, c) = COLUMNS[i];
        let mut j = i;
        while j + 1 < COLUMNS.len() && COLUMNS[j + 1].0 == g && !c.is_empty() {
            j += 1;
        }
        let c0 = lead + i;
        if c.is_empty() {
            h1.push((Value::Text(g.into()), ST_HEADER));
            h2.push((Value::Empty, ST_HEADER));
            s.merges.push(format!("{0}3:{0}4", column_letters(c0)));
        } else {
            for (k, (_, sub)) in COLUMNS.iter().enumerate().take(j + 1).skip(i) {
                h1.push((
                    if k == i {
                        Value::Text(g.into())
                    } else {
                        Value::Empty
                    },
                    ST_HEADER,
                ));
                h2.push((Value::Text((*sub).into()), ST_HEADER));
            }
            if j > i {
                s.merges.push(format!(
                    "{}3:{}3",
                    column_letters(c0),
                    column_letters(lead + j)
                ));
            }
        }
        i = j + 1;
    }
    for (k, h) in head.iter().enumerate().skip(lead + COLUMNS.len()) {
        h1.push((Value::Text(h.clone()), ST_HEADER));
        h2.push((Value::Empty, ST_HEADER));
        s.merges.push(format!("{0}3:{0}4", column_letters(k)));
    }
    s.rows.push(h1);
    s.rows.push(h2);
    let n = rows.len();
    for (k, r) in rows.into_iter().enumerate() {
        let total = matches!(table, Table::Agency | Table::Domain) && k + 1 == n;
        s.rows.push(styled(r, total));
    }
    s.widths = (0..ncols)
        .map(|c| {
            if c < lead {
                if head[c] == "STT" {
                    6.0
                } else {
                    36.0
                }
            } else {
                12.0
            }
        })
        .collect();
    s
}

fn d766_sheet(report: &Report) -> Sheet {
    let mut s = Sheet {
        name: "Chỉ số 766".into(),
        rows: vec![
            vec![(
                Value::Text("CHỈ SỐ THEO QUYẾT ĐỊNH 766/QĐ-TTg (tính từ dữ liệu hồ sơ)".into()),
                ST_TITLE,
            )],
            vec![(Value::Text(period_text(report)), 0)],
        ],
        merges: vec!["A1:I1".into(), "A2:I2".into()],
        widths: vec![8.0, 44.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 70.0],
    };
    s.rows.push(
        [
            "Mã",
            "Chỉ số",
            "Tử số",
            "Mẫu số",
            "Tỷ lệ (%)",
            "Ngưỡng (%)",
            "Điểm tối đa",
            "Điểm",
            "Ghi chú",
        ]
        .iter()
        .map(|h| (Value::Text(h.to_string()), ST_HEADER))
        .collect(),
    );
    for i in &report.d766.indicators {
        s.rows.push(styled(
            vec![
                Value::Text(i.code.clone()),
                Value::Text(i.name.clone()),
                Value::Number(i.numerator as f64),
                Value::Number(i.denominator as f64),
                Value::Rate(i.rate),
                Value::Rate(Some(i.threshold)),
                Value::Rate(Some(i.max_points)),
                if i.applicable {
                    Value::Rate(i.points)
                } else {
                    Value::Text("Không áp dụng".into())
                },
                Value::Text(i.note.clone()),
            ],
            false,
        ));
    }
    s.rows.push(styled(
        vec![
            Value::Empty,
            Value::Text("Tổng (các chỉ số áp dụng được)".into()),
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Rate(Some(report.d766.max_points)),
            Value::Rate(Some(report.d766.points)),
            Value::Empty,
        ],
        true,
    ));
    s
}

fn quality_sheet(report: &Report) -> Sheet {
    let q = &report.quality;
    let mut s = Sheet {
        name: "Chất lượng dữ liệu".into(),
        rows: vec![vec![(Value::Text("CHẤT LƯỢNG DỮ LIỆU".into()), ST_TITLE)]],
        merges: vec!["A1:E1".into()],
        widths: vec![10.0, 24.0, 22.0, 12.0, 90.0],
    };
    for (k, v) in [
        ("Số dòng dữ liệu", q.rows),
        ("Dòng dùng được", q.used),
        ("Dòng bỏ qua", q.skipped),
        ("Dòng ngoài kỳ báo cáo", q.outside_period),
    ] {
        s.rows.push(vec![
            (Value::Text(k.into()), ST_TEXT),
            (Value::Number(v as f64), ST_INT),
        ]);
    }
    for note in &q.notes {
        s.rows.push(vec![(Value::Text(note.clone()), 0)]);
    }
    s.rows.push(Vec::new());
    s.rows.push(
        ["Dòng", "Cột", "Mã lỗi", "Mức", "Mô tả"]
            .iter()
            .map(|h| (Value::Text(h.to_string()), ST_HEADER))
            .collect(),
    );
    for p in &q.problems {
        s.rows.push(styled(
            vec![
                Value::Number(p.row as f64),
                p.column.clone().map_or(Value::Empty, Value::Text),
                Value::Text(p.code.clone()),
                Value::Text(
                    if p.severity == "skipped" {
                        "bỏ qua dòng"
                    } else {
                        "cảnh báo"
                    }
                    .into(),
                ),
                Value::Text(p.message.clone()),
            ],
            false,
        ));
    }
    s
}

fn period_text(report: &Report) -> String {
    let vi = |d: &str| {
        let p: Vec<&str> = d.split('-').collect();
        if p.len() == 3 {
            format!("{}/{}/{}", p[2], p[1], p[0])
        } else {
            d.to_string()
        }
    };
    match &report.period {
        Some(p) => format!("Kỳ báo cáo: từ ngày {} đến ngày {}", vi(&p.from), vi(&p.to)),
        None => "Kỳ báo cáo: không có hồ sơ có ngày tiếp nhận".to_string(),
    }
}

/// The report as an XLSX workbook: sheets "Báo cáo" (per agency, the centre's table with a
/// two-row merged header and a total row), "Lĩnh vực", "Thủ tục", "Theo tháng",
/// "Chỉ số 766" and "Chất lượng dữ liệu".
///
/// # Example
/// ```
/// use tthc::stats::{analyze, AnalyzeOptions, export::report_to_xlsx};
/// let r = analyze("Ngày tiếp nhận\n16/08/2021\n".as_bytes(), &AnalyzeOptions::for_period("2021-08-15", "2021-09-15")).unwrap();
/// let bytes = report_to_xlsx(&r);
/// assert!(bytes.starts_with(b"PK\x03\x04"));
/// ```
pub fn report_to_xlsx(report: &Report) -> Vec<u8> {
    let sub = period_text(report);
    let online = format_percent_vi(report.totals.online_rate);
    let ontime = format_percent_vi(report.totals.resolved.on_time_rate);
    let subtitle = format!(
        "{sub}. Tỷ lệ trước hạn, đúng hạn: {}; tỷ lệ trực tuyến: {}.",
        if ontime.is_empty() {
            "—".into()
        } else {
            ontime
        },
        if online.is_empty() {
            "—".into()
        } else {
            online
        }
    );
    let sheets = vec![
        grouped_sheet(
            "Báo cáo",
            "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
            &subtitle,
            report,
            Table::Agency,
        ),
        grouped_sheet("Lĩnh vực", "THEO LĨNH VỰC", &sub, report, Table::Domain),
        grouped_sheet(
            "Thủ tục",
            "THEO THỦ TỤC HÀNH CHÍNH",
            &sub,
            report,
            Table::Procedure,
        ),
        grouped_sheet(
            "Theo tháng",
            "THEO THÁNG (toàn bộ dữ liệu)",
            "",
            report,
            Table::Month,
        ),
        d766_sheet(report),
        quality_sheet(report),
    ];
    write_workbook(&sheets)
}

fn write_workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut ct = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
    );
    for i in 0..sheets.len() {
        ct.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>", i + 1));
    }
    ct.push_str("</Types>");
    files.push(("[Content_Types].xml".into(), ct.into_bytes()));
    files.push((
        "_rels/.rels".into(),
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_vec(),
    ));
    let mut wb = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
    let mut rels = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (i, s) in sheets.iter().enumerate() {
        wb.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
            xml_escape(&s.name),
            i + 1,
            i + 1
        ));
        rels.push_str(&format!("<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{}.xml\"/>", i + 1, i + 1));
    }
    wb.push_str("</sheets></workbook>");
    rels.push_str(&format!("<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>", sheets.len() + 1));
    files.push(("xl/workbook.xml".into(), wb.into_bytes()));
    files.push(("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()));
    files.push(("xl/styles.xml".into(), STYLES.as_bytes().to_vec()));
    for (i, s) in sheets.iter().enumerate() {
        files.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            s.xml().into_bytes(),
        ));
    }
    zip_store(&files)
}

const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"8\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf><xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\"/><xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\"/><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment wrapText=\"1\"/></xf><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/><xf numFmtId=\"3\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\" applyBorder=\"1\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";

/// CRC-32 (IEEE 802.3, reflected polynomial `0xEDB8_8320`), as zip needs, bit by bit. No table: an export is a
/// few kilobytes, and a table-driven crate (crc32fast's 16 KiB of tables) would cost the module ≈ 15 KiB gzip.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            // All ones when the low bit is set, else zero: the polynomial is applied without a branch.
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// A zip archive with stored (uncompressed) entries.
fn zip_store(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let n = name.as_bytes();
        le32(&mut out, 0x0403_4b50);
        le16(&mut out, 20);
        le16(&mut out, 0x0800);
        le16(&mut out, 0);
        le16(&mut out, 0);
        le16(&mut out, 0x21);
        le32(&mut out, crc);
        le32(&mut out, size);
        le32(&mut out, size);
        le16(&mut out, n.len() as u16);
        le16(&mut out, 0);
        out.extend_from_slice(n);
        out.extend_from_slice(data);

        le32(&mut central, 0x0201_4b50);
        le16(&mut central, 20);
        le16(&mut central, 20);
        le16(&mut central, 0x0800);
        le16(&mut central, 0);
        le16(&mut central, 0);
        le16(&mut central, 0x21);
        le32(&mut central, crc);
        le32(&mut central, size);
        le32(&mut central, size);
        le16(&mut central, n.len() as u16);
        le16(&mut central, 0);
        le16(&mut central, 0);
        le16(&mut central, 0);
        le16(&mut central, 0);
        le32(&mut central, 0);
        le32(&mut central, offset);
        central.extend_from_slice(n);
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    le32(&mut out, 0x0605_4b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, files.len() as u16);
    le16(&mut out, files.len() as u16);
    le32(&mut out, cd_size);
    le32(&mut out, cd_offset);
    le16(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known check values of CRC-32/ISO-HDLC (the zip CRC).
    #[test]
    fn crc32_known_vectors() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"a"), 0xE8B7_BE43);
        assert_eq!(crc32(b"abc"), 0x3524_41C2);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
        assert_eq!(crc32(&[0u8; 32]), 0x190A_55AD);
        assert_eq!(crc32(&[0xFFu8; 32]), 0xFF6C_AB0B);
    }

    /// The same CRC as the crc32fast crate on pseudo-random inputs of every length up to 300 bytes and a few
    /// larger ones.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn crc32_matches_crc32fast() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            // xorshift64*: reproducible, no dependency.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        };
        let data: Vec<u8> = (0..70_000).map(|_| next()).collect();
        for n in (0..=300).chain([1023, 1024, 1025, 4096, 65_537, 70_000]) {
            assert_eq!(crc32(&data[..n]), crc32fast::hash(&data[..n]), "length {n}");
        }
        for start in 1..64 {
            let slice = &data[start..start + 500];
            assert_eq!(crc32(slice), crc32fast::hash(slice), "offset {start}");
        }
    }

    #[test]
    fn column_names() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }
}
