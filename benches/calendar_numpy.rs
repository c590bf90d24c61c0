//! tthc's `add_working_days_batch` beside numpy's `busday_offset`: the same start dates, the same days off (the
//! calendar's, written for numpy), the same amount; the median of five runs each, and numpy's answers checked against
//! tthc's.
//!
//! `cargo bench --bench calendar_numpy [-- N AMOUNT]` (default 10,000,000 dates, +10 working days). Needs `python3`
//! with numpy for the peer (`python3 -m pip install numpy`); without it only tthc's side is printed. Writes
//! `bench/results/calendar-native.json` (not in git; `node bench/report.mjs` prints it as a table).
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    // cargo passes `--bench`; the numbers are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let n: usize = args
        .first()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000);
    let amount: i32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("tthc-calendar-numpy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");

    let cal = tthc::calendar::WorkCalendar::default();
    // The weekdays off and the weekend days worked in exchange, 2024–2028, for numpy's busdaycalendar.
    let mut off = std::fs::File::create(dir.join("days-off.txt")).expect("write days-off.txt");
    let mut worked =
        std::fs::File::create(dir.join("worked-weekend.txt")).expect("write worked-weekend.txt");
    for year in 2024..=2028 {
        for d in cal.days_off(year).expect("days off") {
            if d.working {
                writeln!(worked, "{}", d.date).expect("write");
            } else {
                writeln!(off, "{}", d.date).expect("write");
            }
        }
    }
    // The start dates numpy_busday.py builds: 2025-01-01 + (i × 7919 mod 730).
    let base =
        tthc::datetime::day_number(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"));
    let days: Vec<i32> = (0..n)
        .map(|i| base + ((i as i64 * 7919) % 730) as i32)
        .collect();
    let mut out = vec![0i32; n];
    let warm = 1000.min(n);
    cal.add_working_days_batch(&days[..warm], &[amount], &mut out[..warm])
        .expect("warm-up");
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        cal.add_working_days_batch(&days, &[amount], &mut out)
            .expect("batch");
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    let mut check =
        std::fs::File::create(dir.join("tthc-first.txt")).expect("write tthc-first.txt");
    for v in out.iter().take(100_000) {
        writeln!(check, "{v}").expect("write");
    }
    let tthc = format!(
        "{{\"peer\":\"tthc add_working_days_batch (native)\",\"n\":{n},\"amount\":{amount},\"medianSeconds\":{median},\"perSec\":{}}}",
        n as f64 / median
    );
    println!("{tthc}");

    let path = |f: &str| dir.join(f).to_string_lossy().into_owned();
    let numpy = Command::new("python3")
        .arg(root.join("benches/numpy_busday.py"))
        .args(["--days-off", &path("days-off.txt")])
        .args(["--worked-weekend", &path("worked-weekend.txt")])
        .args(["--n", &n.to_string(), "--amount", &amount.to_string()])
        .args(["--check", &path("tthc-first.txt")])
        .output();
    let numpy = match numpy {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        Ok(o) => {
            eprintln!(
                "numpy side skipped (python3 -m pip install numpy?): {}",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            "null".into()
        }
        Err(e) => {
            eprintln!("numpy side skipped: python3 not found ({e})");
            "null".into()
        }
    };
    println!("{numpy}");
    std::fs::remove_dir_all(&dir).ok();

    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_default();
    let results = root.join("bench/results");
    std::fs::create_dir_all(&results).expect("bench/results");
    let json = format!(
        "{{\"command\":\"cargo bench --bench calendar_numpy -- {n} {amount}\",\"cpu\":{cpu:?},\"tthc\":{tthc},\"numpy\":{numpy}}}\n"
    );
    std::fs::write(results.join("calendar-native.json"), json).expect("write calendar-native.json");
}
