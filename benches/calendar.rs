//! Criterion benchmarks of the calendar and due-date engine.
//!
//! `cargo bench --bench calendar` — current numbers in BENCHMARKS.md.

use std::hint::black_box;

use chrono::{Duration, NaiveDate, NaiveTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tthc::calendar::{to_lunar, WorkCalendar};
use tthc::deadline::{Due, Unit};

const N: usize = 1_000_000;

/// Deterministic pseudo-random values (xorshift), so runs are comparable.
fn rng(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn inputs() -> (Vec<i32>, Vec<i32>, Vec<i64>) {
    let base = tthc::datetime::day_number(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let days: Vec<i32> = (0..N).map(|_| base + (rng(&mut s) % 2500) as i32).collect();
    let ns: Vec<i32> = (0..N).map(|_| (rng(&mut s) % 41) as i32 - 10).collect();
    // Receipt moments: local seconds since 1970, 2020–2026, any minute of the day.
    let secs: Vec<i64> = days
        .iter()
        .map(|&d| i64::from(d) * 86_400 + (rng(&mut s) % 1440) as i64 * 60)
        .collect();
    (days, ns, secs)
}

fn bench(c: &mut Criterion) {
    let cal = WorkCalendar::default();
    let (days, ns, secs) = inputs();
    let mut out = vec![0i32; N];

    let mut g = c.benchmark_group("calendar");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));

    g.bench_function("add_working_days_batch (1M, day numbers)", |b| {
        b.iter(|| {
            cal.add_working_days_batch(black_box(&days), black_box(&ns), &mut out)
                .unwrap();
        })
    });
    g.bench_function("add_working_days_num (1M calls)", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for k in 0..N {
                acc += i64::from(cal.add_working_days_num(days[k], ns[k]).unwrap_or(0));
            }
            black_box(acc)
        })
    });
    let dates: Vec<NaiveDate> = days
        .iter()
        .map(|&d| tthc::datetime::from_day_number(d).unwrap())
        .collect();
    g.bench_function("add_working_days (1M calls, NaiveDate)", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for k in 0..N {
                acc += i64::from(
                    cal.add_working_days(dates[k], ns[k])
                        .map(tthc::datetime::day_number)
                        .unwrap_or(0),
                );
            }
            black_box(acc)
        })
    });
    let to: Vec<i32> = days.iter().zip(&ns).map(|(d, n)| d + n * 3).collect();
    g.bench_function("working_days_between_batch (1M)", |b| {
        b.iter(|| {
            cal.working_days_between_batch(black_box(&days), black_box(&to), &mut out)
                .unwrap();
        })
    });

    let mut due_out = vec![0i64; N];
    let amounts: Vec<f64> = ns
        .iter()
        .map(|&n| f64::from(n.unsigned_abs() % 20 + 1))
        .collect();
    g.bench_function("due_batch workingDays (1M)", |b| {
        b.iter(|| {
            cal.due_batch(black_box(&secs), black_box(&amounts), &[0], &mut due_out)
                .unwrap();
        })
    });
    g.bench_function("due_batch workingHours (1M)", |b| {
        b.iter(|| {
            cal.due_batch(black_box(&secs), black_box(&amounts), &[1], &mut due_out)
                .unwrap();
        })
    });
    let requests: Vec<Due> = secs
        .iter()
        .zip(&amounts)
        .map(|(&s, &a)| {
            let t = chrono::DateTime::from_timestamp(s, 0).unwrap().naive_utc();
            let mut d = Due::new(t, a, Unit::WorkingDays);
            d.cutoff = NaiveTime::from_hms_opt(15, 0, 0);
            d
        })
        .collect();
    g.bench_function("due() workingDays + cutoff (1M calls)", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for r in &requests {
                acc += cal
                    .due(r)
                    .map(|d| d.due_at.and_utc().timestamp())
                    .unwrap_or(0);
            }
            black_box(acc)
        })
    });
    let with_pause: Vec<Due> = requests
        .iter()
        .take(N / 10)
        .map(|r| {
            let mut r = r.clone();
            r.pauses = vec![(
                r.received_at + Duration::hours(20),
                r.received_at + Duration::hours(70),
            )];
            r
        })
        .collect();
    g.throughput(Throughput::Elements((N / 10) as u64));
    g.bench_function("due() workingDays + 1 pause (100k calls)", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for r in &with_pause {
                acc += cal.due(r).map(|d| d.paused_minutes).unwrap_or(0);
            }
            black_box(acc)
        })
    });
    let lunar_dates: Vec<NaiveDate> = dates.iter().take(N / 10).copied().collect();
    g.bench_function("to_lunar (100k calls)", |b| {
        b.iter(|| {
            let mut acc = 0u32;
            for &d in &lunar_dates {
                acc += to_lunar(d).map(|l| l.day).unwrap_or(0);
            }
            black_box(acc)
        })
    });
    g.throughput(Throughput::Elements(1));
    g.bench_function("WorkCalendar::new(custom config) (1 call)", |b| {
        let cfg = tthc::calendar::CalendarConfig {
            working_days: vec!["2027-03-13".into()],
            ..Default::default()
        };
        b.iter(|| black_box(WorkCalendar::new(&cfg).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
