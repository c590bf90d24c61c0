//! The forms benchmark's 25-field form validated natively by tthc's core (no JS boundary), to split the JS API's time
//! into core work and boundary conversion. Input: the JSON written by `node bench/native/forms-spec-json.mjs`.
//!
//! `cargo run --release --manifest-path bench/native/Cargo.toml --bin forms -- SPEC.json`
use std::time::Instant;
use tthc::forms::{FormValidator, FormValues, ValidateOptions};

fn main() {
    let path = std::env::args().nth(1).expect("spec path");
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read spec")).expect("json");
    let v = FormValidator::new(&spec["tthcSchema"]).expect("schema");
    let samples: Vec<FormValues> = spec["samples"]
        .as_array()
        .expect("samples")
        .iter()
        .map(|s| FormValues::from_json(&s.to_string()).expect("values"))
        .collect();
    let opts = ValidateOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"));
    let mut valid = 0;
    for i in 0..2000 {
        valid += usize::from(v.validate(&samples[i % samples.len()], &opts).valid);
    }
    let n = 200_000;
    let mut per = Vec::new();
    for b in 0..(n / 1000) {
        let t = Instant::now();
        for k in 0..1000 {
            valid += usize::from(
                v.validate(&samples[(b * 1000 + k) % samples.len()], &opts)
                    .valid,
            );
        }
        per.push(t.elapsed().as_secs_f64() * 1e6 / 1000.0);
    }
    per.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{{\"peer\":\"tthc FormValidator::validate (native core)\",\"medianUs\":{},\"validations\":{n},\"valid\":{valid}}}",
        per[per.len() / 2]
    );
}
