//! tthc's `add_working_days_batch` natively, on the same start dates as numpy_busday.py, and the calendar's days off
//! for numpy (so both sides use the same days).
//!
//! `cargo run --release --manifest-path bench/native/Cargo.toml -- N AMOUNT OUT_DIR`
use std::io::Write;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000);
    let amount: i32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let dir = args.get(3).cloned().unwrap_or_else(|| ".".into());
    let cal = tthc::calendar::WorkCalendar::default();
    // days off (weekdays) and worked weekend days, 2024–2028, for numpy's busdaycalendar
    let mut off = std::fs::File::create(format!("{dir}/days-off.txt")).expect("write days-off.txt");
    let mut worked = std::fs::File::create(format!("{dir}/worked-weekend.txt"))
        .expect("write worked-weekend.txt");
    for year in 2024..=2028 {
        for d in cal.days_off(year).expect("days off") {
            if d.working {
                writeln!(worked, "{}", d.date).ok();
            } else {
                writeln!(off, "{}", d.date).ok();
            }
        }
    }
    let base =
        tthc::datetime::day_number(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"));
    let days: Vec<i32> = (0..n)
        .map(|i| base + ((i as i64 * 7919) % 730) as i32)
        .collect();
    let mut out = vec![0i32; n];
    cal.add_working_days_batch(&days[..1000.min(n)], &[amount], &mut out[..1000.min(n)])
        .expect("warm-up");
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        cal.add_working_days_batch(&days, &[amount], &mut out)
            .expect("batch");
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let med = times[times.len() / 2];
    let mut check =
        std::fs::File::create(format!("{dir}/tthc-first.txt")).expect("write tthc-first.txt");
    for v in out.iter().take(100_000) {
        writeln!(check, "{v}").ok();
    }
    println!(
        "{{\"peer\":\"tthc add_working_days_batch (native)\",\"n\":{n},\"amount\":{amount},\"medianSeconds\":{med},\"perSec\":{}}}",
        n as f64 / med
    );
}
