//! Criterion benchmarks of the statistics: the full report from a generated, realistic
//! one-stop export (Vietnamese names, 14 columns) as CSV (whole and streamed in 64 KiB chunks),
//! XLSX (shared strings, date cells) and JSON.
//!
//! `cargo bench --bench stats` (set `TTHC_BENCH_ROWS` to change the CSV size, default 200 000).
//! `TTHC_STREAM_MIB=1024 cargo bench --bench stats` instead streams a generated 1 GiB CSV through
//! `Analyzer` and prints the peak resident memory.
//! Current numbers in BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tthc::stats::{analyze, AnalyzeOptions, Analyzer};

const AGENCIES: &[&str] = &[
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Giao thông vận tải",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Công Thương",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "UBND thành phố Vinh",
    "UBND thị xã Cửa Lò",
    "UBND huyện Nghi Lộc",
    "UBND huyện Diễn Châu",
    "UBND huyện Quỳnh Lưu",
    "UBND huyện Nam Đàn",
    "UBND huyện Hưng Nguyên",
    "UBND huyện Đô Lương",
    "UBND huyện Thanh Chương",
    "UBND huyện Yên Thành",
    "Công an tỉnh Nghệ An",
    "Chi nhánh Văn phòng đăng ký đất đai",
];

const PROCEDURES: &[(&str, &str)] = &[
    (
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "Lý lịch tư pháp",
    ),
    (
        "Đăng ký thành lập doanh nghiệp tư nhân",
        "Thành lập và hoạt động doanh nghiệp",
    ),
    (
        "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
        "Thành lập và hoạt động doanh nghiệp",
    ),
    (
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "Hoạt động xây dựng",
    ),
    (
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "Đất đai",
    ),
    (
        "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
        "Đường bộ",
    ),
    (
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "Chứng thực",
    ),
    ("Đăng ký khai sinh", "Hộ tịch"),
    (
        "Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm",
        "An toàn thực phẩm",
    ),
    ("Giải quyết hưởng trợ cấp thất nghiệp", "Việc làm"),
    (
        "Cấp giấy phép hoạt động khám bệnh, chữa bệnh",
        "Khám bệnh, chữa bệnh",
    ),
    (
        "Công nhận tốt nghiệp trung học cơ sở",
        "Giáo dục và Đào tạo",
    ),
];

const CHANNELS: &[&str] = &[
    "Trực tiếp",
    "Trực tuyến",
    "Dịch vụ công trực tuyến toàn trình",
    "Bưu chính công ích",
    "Trực tuyến một phần",
];
const RETURNS: &[&str] = &["Trực tiếp", "Bưu chính công ích", "Trực tuyến"];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Rec {
    id: String,
    code: String,
    proc_name: &'static str,
    domain: &'static str,
    agency: &'static str,
    received: (u32, u32, u32, u32, u32),
    due: Option<(u32, u32, u32)>,
    finished: Option<(u32, u32, u32, u32, u32)>,
    returned: Option<(u32, u32, u32, u32, u32)>,
    channel: &'static str,
    ret: &'static str,
    status: &'static str,
    supplements: u32,
}

fn ymd(day_of_2025: u32) -> (u32, u32, u32) {
    let d = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
        + chrono::Duration::days(i64::from(day_of_2025));
    use chrono::Datelike;
    (d.day(), d.month(), d.year() as u32)
}

fn records(n: usize) -> impl Iterator<Item = Rec> {
    let mut g = Lcg(20250101);
    (0..n).map(move |i| {
        let p = g.below(PROCEDURES.len() as u64) as usize;
        let a = g.below(AGENCIES.len() as u64) as usize;
        let day = g.below(360) as u32;
        let (d, m, y) = ymd(day);
        let received = (d, m, y, 7 + g.below(10) as u32, g.below(60) as u32);
        let span = 1 + g.below(20) as u32;
        let due = (g.below(10) != 0).then(|| ymd(day + span));
        let done = g.below(10) < 8;
        let took = g.below(u64::from(span) + 3) as u32;
        let fin = done.then(|| {
            let (d, m, y) = ymd(day + took);
            (d, m, y, 8 + g.below(9) as u32, g.below(60) as u32)
        });
        let ret = fin
            .filter(|_| g.below(2) == 0)
            .map(|(d, m, y, h, mi)| (d, m, y, h.min(16) + 1, mi));
        Rec {
            id: format!(
                "000.00.{:02}.H40-{:02}{:02}{:02}-{:04}",
                a,
                y % 100,
                m,
                d,
                i % 10_000
            ),
            code: format!("1.00{:04}.000.00.00.H40", p * 37 + 1000),
            proc_name: PROCEDURES[p].0,
            domain: PROCEDURES[p].1,
            agency: AGENCIES[a],
            received,
            due,
            finished: fin,
            returned: ret,
            channel: CHANNELS[g.below(CHANNELS.len() as u64) as usize],
            ret: RETURNS[g.below(RETURNS.len() as u64) as usize],
            status: if done {
                "Đã trả kết quả"
            } else {
                "Đang xử lý"
            },
            supplements: if g.below(20) == 0 {
                1 + g.below(2) as u32
            } else {
                0
            },
        }
    })
}

const HEAD: [&str; 14] = [
    "STT",
    "Mã hồ sơ",
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cơ quan giải quyết",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Hình thức nộp",
    "Hình thức nhận kết quả",
    "Trạng thái",
    "Số lần bổ sung",
];

fn dt(t: (u32, u32, u32, u32, u32)) -> String {
    format!("{:02}/{:02}/{} {:02}:{:02}", t.0, t.1, t.2, t.3, t.4)
}

/// One CSV line (the `HEAD` columns) for record number `n`.
fn csv_line(n: usize, r: &Rec) -> String {
    format!(
        "{n},{},{},\"{}\",\"{}\",{},{},{},{},{},{},{},{},{}\r\n",
        r.id,
        r.code,
        r.proc_name,
        r.domain,
        r.agency,
        dt(r.received),
        r.due
            .map(|(d, m, y)| format!("{d:02}/{m:02}/{y}"))
            .unwrap_or_default(),
        r.finished.map(dt).unwrap_or_default(),
        r.returned.map(dt).unwrap_or_default(),
        r.channel,
        r.ret,
        r.status,
        r.supplements
    )
}

fn gen_csv(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 300);
    s.push_str(&HEAD.join(","));
    s.push_str("\r\n");
    for (i, r) in records(n).enumerate() {
        s.push_str(&csv_line(i + 1, &r));
    }
    s.into_bytes()
}

fn gen_json(n: usize) -> Vec<u8> {
    let v: Vec<serde_json::Value> = records(n)
        .map(|r| {
            serde_json::json!({
                "MaHoSo": r.id, "MaTTHC": r.code, "TenTTHC": r.proc_name, "LinhVuc": r.domain,
                "CoQuanGiaiQuyet": r.agency, "NgayTiepNhan": dt(r.received),
                "NgayHenTra": r.due.map(|(d, m, y)| format!("{d:02}/{m:02}/{y}")),
                "NgayKetThucXuLy": r.finished.map(dt), "NgayTraKetQua": r.returned.map(dt),
                "KenhThucHien": r.channel, "HinhThucTraKetQua": r.ret, "TrangThai": r.status,
                "SoLanBoSung": r.supplements,
            })
        })
        .collect();
    serde_json::to_vec(&v).unwrap()
}

// A minimal XLSX writer for the benchmark input: shared strings, dates as serial numbers with a
// date style, stored (uncompressed) zip entries.
fn serial(t: (u32, u32, u32, u32, u32)) -> f64 {
    let d = chrono::NaiveDate::from_ymd_opt(t.2 as i32, t.1, t.0).unwrap();
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (d - base).num_days() as f64 + (f64::from(t.3) * 60.0 + f64::from(t.4)) / 1440.0
}

fn gen_xlsx(n: usize) -> Vec<u8> {
    use std::collections::HashMap;
    let mut strings: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut sid = |s: &str| -> usize {
        if let Some(&i) = index.get(s) {
            return i;
        }
        strings.push(s.to_string());
        index.insert(s.to_string(), strings.len() - 1);
        strings.len() - 1
    };
    let col = |c: usize| ((b'A' + c as u8) as char).to_string();
    let mut sheet = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
    sheet.push_str("<row r=\"1\">");
    for (c, h) in HEAD.iter().enumerate() {
        sheet.push_str(&format!(
            "<c r=\"{}1\" t=\"s\"><v>{}</v></c>",
            col(c),
            sid(h)
        ));
    }
    sheet.push_str("</row>");
    for (i, r) in records(n).enumerate() {
        let rn = i + 2;
        sheet.push_str(&format!("<row r=\"{rn}\">"));
        let mut s = |c: usize, v: &str, sheet: &mut String| {
            sheet.push_str(&format!(
                "<c r=\"{}{rn}\" t=\"s\"><v>{}</v></c>",
                col(c),
                sid(v)
            ));
        };
        sheet.push_str(&format!("<c r=\"A{rn}\"><v>{}</v></c>", i + 1));
        s(1, &r.id, &mut sheet);
        s(2, &r.code, &mut sheet);
        s(3, r.proc_name, &mut sheet);
        s(4, r.domain, &mut sheet);
        s(5, r.agency, &mut sheet);
        sheet.push_str(&format!(
            "<c r=\"G{rn}\" s=\"1\"><v>{}</v></c>",
            serial(r.received)
        ));
        if let Some((d, m, y)) = r.due {
            sheet.push_str(&format!(
                "<c r=\"H{rn}\" s=\"1\"><v>{}</v></c>",
                serial((d, m, y, 0, 0))
            ));
        }
        if let Some(f) = r.finished {
            sheet.push_str(&format!("<c r=\"I{rn}\" s=\"1\"><v>{}</v></c>", serial(f)));
        }
        if let Some(f) = r.returned {
            sheet.push_str(&format!("<c r=\"J{rn}\" s=\"1\"><v>{}</v></c>", serial(f)));
        }
        s(10, r.channel, &mut sheet);
        s(11, r.ret, &mut sheet);
        s(12, r.status, &mut sheet);
        sheet.push_str(&format!(
            "<c r=\"N{rn}\"><v>{}</v></c></row>",
            r.supplements
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let mut sst = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{0}\" uniqueCount=\"{0}\">", strings.len());
    for s in &strings {
        sst.push_str(&format!(
            "<si><t>{}</t></si>",
            s.replace('&', "&amp;").replace('<', "&lt;")
        ));
    }
    sst.push_str("</sst>");
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>".to_vec()),
        ("_rels/.rels", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_vec()),
        ("xl/workbook.xml", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Danh s\xc3\xa1ch\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_vec()),
        ("xl/_rels/workbook.xml.rels", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>".to_vec()),
        ("xl/styles.xml", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm\"/></numFmts><fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>".to_vec()),
        ("xl/sharedStrings.xml", sst.into_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
    ];
    zip_store(&files)
}

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    let mut c = !0u32;
    for &b in data {
        c = table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

fn zip_store(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let (mut out, mut cd) = (Vec::new(), Vec::new());
    for (name, data) in files {
        let off = out.len() as u32;
        let (crc, size, n) = (crc32(data), data.len() as u32, name.as_bytes());
        for v in [&mut out] {
            v.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            for x in [20u16, 0x800, 0, 0, 0x21] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            for x in [crc, size, size] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            v.extend_from_slice(&(n.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
            v.extend_from_slice(n);
            v.extend_from_slice(data);
        }
        cd.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for x in [20u16, 20, 0x800, 0, 0, 0x21] {
            cd.extend_from_slice(&x.to_le_bytes());
        }
        for x in [crc, size, size] {
            cd.extend_from_slice(&x.to_le_bytes());
        }
        for x in [n.len() as u16, 0, 0, 0, 0] {
            cd.extend_from_slice(&x.to_le_bytes());
        }
        cd.extend_from_slice(&0u32.to_le_bytes());
        cd.extend_from_slice(&off.to_le_bytes());
        cd.extend_from_slice(n);
    }
    let cd_off = out.len() as u32;
    out.extend_from_slice(&cd);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for x in [0u16, 0, files.len() as u16, files.len() as u16] {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_off.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn opts() -> AnalyzeOptions {
    AnalyzeOptions::for_period("2025-03-15", "2025-09-15")
}

/// Streams a generated CSV of `mib` MiB through [`Analyzer`] in 1 MiB chunks (generated on the
/// fly, never held whole) and prints the peak resident memory of the process.
fn stream_experiment(mib: usize) {
    let start = std::time::Instant::now();
    let mut a = Analyzer::new(&opts()).unwrap();
    let mut buf = String::with_capacity(2 << 20);
    buf.push_str(&HEAD.join(","));
    buf.push_str("\r\n");
    let mut total = 0usize;
    let limit = mib << 20;
    let mut i = 0usize;
    let mut recs = records(usize::MAX);
    let mut push_ticks = 0u64;
    while total < limit {
        while buf.len() < 1 << 20 {
            let r = recs.next().unwrap();
            i += 1;
            buf.push_str(&csv_line(i, &r));
        }
        let t0 = cpu_ticks();
        a.push(buf.as_bytes()).unwrap();
        push_ticks += cpu_ticks() - t0;
        total += buf.len();
        buf.clear();
    }
    let r = a.finish().unwrap();
    let hwm = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(str::to_string)
        })
        .unwrap_or_default();
    let cpu = push_ticks as f64 / 100.0;
    eprintln!(
        "streamed {:.0} MiB, {} rows ({} in the report) in {:.1} s wall (with generation); \
         CPU time inside push: {cpu:.2} s = {:.0} MiB/s of CPU; peak {hwm}",
        total as f64 / 1048576.0,
        r.quality.rows,
        r.totals.received.total,
        start.elapsed().as_secs_f64(),
        total as f64 / 1048576.0 / cpu.max(0.01)
    );
}

/// User + system CPU time of this thread in clock ticks (1/100 s), from /proc (Linux).
fn cpu_ticks() -> u64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    // Fields after the command: state(0) … utime(11) stime(12).
    let g = |i: usize| f.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
    g(11) + g(12)
}

fn bench(c: &mut Criterion) {
    if let Some(mib) = std::env::var("TTHC_STREAM_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        stream_experiment(mib);
        return;
    }
    let rows: usize = std::env::var("TTHC_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let csv = gen_csv(rows);
    eprintln!("CSV: {rows} rows, {:.1} MiB", csv.len() as f64 / 1048576.0);
    let r = analyze(&csv, &opts()).unwrap();
    assert_eq!(r.quality.rows, rows as u64);
    assert_eq!(r.quality.skipped, 0);

    let mut g = c.benchmark_group("stats");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(15))
        .warm_up_time(Duration::from_secs(2));
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function(format!("csv_{rows}_report"), |b| {
        b.iter(|| analyze(black_box(&csv), &opts()).unwrap())
    });
    g.bench_function(format!("csv_{rows}_streamed_64KiB"), |b| {
        b.iter(|| {
            let mut a = Analyzer::new(&opts()).unwrap();
            for ch in csv.chunks(64 * 1024) {
                a.push(black_box(ch)).unwrap();
            }
            a.finish().unwrap()
        })
    });
    drop(csv);

    let xlsx = gen_xlsx(100_000);
    eprintln!(
        "XLSX: 100000 rows, {:.1} MiB",
        xlsx.len() as f64 / 1048576.0
    );
    let rx = analyze(&xlsx, &opts()).unwrap();
    assert_eq!(rx.quality.rows, 100_000);
    assert_eq!(rx.quality.skipped, 0);
    g.throughput(Throughput::Bytes(xlsx.len() as u64));
    g.bench_function("xlsx_100000_report", |b| {
        b.iter(|| analyze(black_box(&xlsx), &opts()).unwrap())
    });
    drop(xlsx);

    let json = gen_json(100_000);
    eprintln!(
        "JSON: 100000 rows, {:.1} MiB",
        json.len() as f64 / 1048576.0
    );
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("json_100000_report", |b| {
        b.iter(|| analyze(black_box(&json), &opts()).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
