//! The CSV reader's fast path (simple lines split in place) against csv-core alone: the same
//! rows, row numbers, cells and row issues for any input and any chunking.
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]

use proptest::prelude::*;

#[path = "common/csv_recorder.rs"]
mod csv_recorder;
use csv_recorder::{read, HEADER, TOKENS};

fn body() -> impl Strategy<Value = Vec<u8>> {
    let token = proptest::sample::select(TOKENS.to_vec());
    proptest::collection::vec(token, 0..80).prop_map(|ts| ts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn fast_path_gives_what_csv_core_gives(
        body in body(),
        cuts in proptest::collection::vec(0usize..1500, 0..8),
    ) {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        let (fast, r1) = read(&bytes, &cuts, true);
        let (slow, r2) = read(&bytes, &[], false);
        prop_assert_eq!(r1, r2);
        prop_assert_eq!(fast, slow);
    }
}

#[test]
fn the_fast_path_reads_a_real_shaped_export_like_csv_core() {
    let mut text = String::from(HEADER);
    for i in 0..500 {
        text.push_str(&format!(
            "H42-{i:04},\"Sở Tư pháp, Nghệ An\",0{}/03/2026 08:{:02},Đã trả kết quả,Trực tuyến\r\n",
            1 + i % 9,
            i % 60
        ));
        if i % 97 == 0 {
            text.push_str("\r\n,,,,\r\n\"a \"\"b\"\"\",x,01/03/2026,y,z\r\n");
        }
    }
    let bytes = text.as_bytes();
    for chunk in [7usize, 64, 1000, 1 << 20] {
        let cuts: Vec<usize> = (chunk..bytes.len()).step_by(chunk).collect();
        let (fast, r1) = read(bytes, &cuts, true);
        let (slow, r2) = read(bytes, &[], false);
        assert_eq!(r1, r2);
        assert_eq!(fast, slow, "chunk {chunk}");
        assert!(fast.events.len() > 500);
    }
}
