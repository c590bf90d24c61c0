//! Throughput of the statistics in wasm (Node): a generated 200 000-row CSV (≈ 55 MiB, the
//! native bench's shape) through the JS binding, whole and in 1 MiB chunks.
//! `cargo test --release --target wasm32-unknown-unknown --test stats_wasm_speed -- --nocapture`
#![cfg(target_arch = "wasm32")]

use js_sys::{Date, Uint8Array};
use wasm_bindgen_test::*;

const AGENCIES: &[&str] = &[
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "UBND thành phố Vinh",
    "UBND huyện Nghi Lộc",
    "UBND huyện Diễn Châu",
    "Công an tỉnh Nghệ An",
    "Sở Tài nguyên và Môi trường",
];
const PROCS: &[(&str, &str)] = &[
    (
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "Lý lịch tư pháp",
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
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "Chứng thực",
    ),
];
const CH: &[&str] = &[
    "Trực tiếp",
    "Trực tuyến",
    "Dịch vụ công trực tuyến toàn trình",
    "Bưu chính công ích",
];

fn gen(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 300);
    s.push_str("STT,Mã hồ sơ,Mã thủ tục,Tên thủ tục,Lĩnh vực,Cơ quan giải quyết,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả,Hình thức nộp,Hình thức nhận kết quả,Trạng thái,Số lần bổ sung\r\n");
    let mut x: u64 = 12345;
    let mut r = |m: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % m
    };
    for i in 0..n {
        let p = r(PROCS.len() as u64) as usize;
        let a = r(AGENCIES.len() as u64) as usize;
        let (m, d) = (1 + r(12), 1 + r(28));
        let (dm, dd) = (m, (d + 1 + r(20)).min(28));
        let done = r(10) < 8;
        let fin = if done {
            format!(
                "{:02}/{:02}/2025 {:02}:{:02}",
                (d + r(25)).min(28),
                m,
                8 + r(9),
                r(60)
            )
        } else {
            String::new()
        };
        s.push_str(&format!(
            "{},000.00.{a:02}.H40-25{m:02}{d:02}-{:04},1.00{:04}.000.00.00.H40,\"{}\",\"{}\",{},{d:02}/{m:02}/2025 {:02}:{:02},{dd:02}/{dm:02}/2025,{fin},,{},{},{},{}\r\n",
            i + 1, i % 10000, p * 37 + 1000, PROCS[p].0, PROCS[p].1, AGENCIES[a], 7 + r(10), r(60),
            CH[r(4) as usize], CH[r(4) as usize], if done { "Đã trả kết quả" } else { "Đang xử lý" }, r(2)
        ));
    }
    s.into_bytes()
}

#[wasm_bindgen_test]
fn throughput() {
    let data = gen(200_000);
    let mib = data.len() as f64 / 1048576.0;
    let arr = Uint8Array::from(&data[..]);
    let opts =
        js_sys::JSON::parse(r#"{"period": {"from": "2025-03-15", "to": "2025-09-15"}}"#).unwrap();
    let mut best_whole = f64::MAX;
    let mut best_chunks = f64::MAX;
    for _ in 0..3 {
        let t = Date::now();
        let _ = tthc::js::stats::analyze(&arr, opts.clone()).unwrap();
        best_whole = best_whole.min(Date::now() - t);
        let t = Date::now();
        let mut a = tthc::js::stats::DossierAnalyzer::new(opts.clone()).unwrap();
        let mut i = 0u32;
        while i < arr.length() {
            let j = (i + (1 << 20)).min(arr.length());
            a.push(&arr.subarray(i, j)).unwrap();
            i = j;
        }
        let _ = a.finish().unwrap();
        best_chunks = best_chunks.min(Date::now() - t);
    }
    console_log!(
        "wasm: {:.1} MiB CSV, analyze {:.0} ms = {:.0} MiB/s; DossierAnalyzer 1 MiB chunks {:.0} ms = {:.0} MiB/s",
        mib, best_whole, mib / best_whole * 1000.0, best_chunks, mib / best_chunks * 1000.0
    );
    assert!(best_whole > 0.0);
}
