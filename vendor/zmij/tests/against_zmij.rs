//! The stand-in against the real zmij 1.0.23 (a dev-dependency renamed `zmij_upstream`): the same text for every value
//! tried, except where two shortest decimals are exactly equally near the number; there both texts must be shortest
//! (the same length), differ only in the last digit, and read back as the same number, so a JSON reader sees no
//! difference. Non-finite values print as zmij prints them (serde_json writes `null` for them before calling either).
//!
//! Run from the repository root: `cargo test --manifest-path vendor/zmij/Cargo.toml`.

use std::fmt::Debug;
use std::str::FromStr;

/// Deterministic xorshift64* bits, so a failure names a value that can be replayed.
struct Bits(u64);

impl Bits {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// How many values printed differently (all of them equally-near ties).
#[derive(Default)]
struct Tally {
    same: usize,
    ties: Vec<String>,
}

fn compare<F>(x: F, tally: &mut Tally)
where
    F: zmij::Float + zmij_upstream::Float + FromStr + PartialEq + Debug + Copy,
    <F as FromStr>::Err: Debug,
{
    let mut ours = zmij::Buffer::new();
    let mut theirs = zmij_upstream::Buffer::new();
    let a = ours.format(x).to_string();
    let b = theirs.format(x).to_string();
    if a == b {
        tally.same += 1;
        return;
    }
    // Equally near: same length, same text up to the last digit, which differs by one; both read back as x.
    let (pa, pb) = (a.split('e').next().unwrap(), b.split('e').next().unwrap());
    let last = |s: &str| s.bytes().last().unwrap() as i32;
    assert!(
        a.len() == b.len()
            && pa.len() == pb.len()
            && pa[..pa.len() - 1] == pb[..pb.len() - 1]
            && (last(pa) - last(pb)).abs() == 1
            && a.parse::<F>().unwrap() == x
            && b.parse::<F>().unwrap() == x,
        "{x:?}: stand-in {a}, zmij {b}"
    );
    tally.ties.push(format!("{x:?}: stand-in {a}, zmij {b}"));
}

fn f64_values() -> Vec<f64> {
    let mut v = Vec::new();
    let mut bits = Bits(0x9E37_79B9_7F4A_7C15);
    // Random bit patterns (any exponent, any mantissa; the non-finite ones included).
    for _ in 0..400_000 {
        v.push(f64::from_bits(bits.next()));
    }
    // Integers, and integers near 2^53 where every integer is still exact.
    for n in -2000i64..=2000 {
        v.push(n as f64);
    }
    for k in 0..64 {
        let p = (1u64 << k) as f64;
        v.extend([p, p - 1.0, p + 1.0, -p]);
    }
    // Halves, quarters and eighths, and short decimals typed by people.
    for n in -1000i64..=1000 {
        v.extend([
            n as f64 + 0.5,
            n as f64 / 4.0,
            n as f64 / 8.0,
            n as f64 / 100.0,
        ]);
    }
    // The positional/exponent boundaries (1e-5 and 1e16 for f64) and every power of ten from 1e-7 to 1e21, each with
    // its neighbours one unit in the last place away.
    for k in -24..=24 {
        let p: f64 = format!("1e{k}").parse().unwrap();
        for d in [-2i64, -1, 0, 1, 2] {
            let x = f64::from_bits((p.to_bits() as i64 + d) as u64);
            v.extend([x, -x, x * 9.999_999, x * 1.5]);
        }
    }
    // Subnormals, the smallest normal, the extremes, zeros.
    for b in 1u64..2000 {
        v.push(f64::from_bits(b));
    }
    for _ in 0..20_000 {
        v.push(f64::from_bits(bits.next() & 0x000F_FFFF_FFFF_FFFF));
    }
    v.extend([
        f64::MIN_POSITIVE,
        f64::from_bits(f64::MIN_POSITIVE.to_bits() - 1),
        f64::from_bits(f64::MIN_POSITIVE.to_bits() + 1),
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        0.0,
        -0.0,
        0.1,
        0.2,
        0.3,
        1.0 / 3.0,
        2.0 / 3.0,
        std::f64::consts::PI,
    ]);
    // An exact tie: 84418043664819.12 and …819.13 are equally near (zmij prints the first, core the second).
    v.push("84418043664819.125".parse().unwrap());
    // Random decimals of 1–17 significant digits at every exponent, the shortest-digits search's hard cases.
    for i in 0..200_000u64 {
        let digits = 1 + (i % 17) as u32;
        let mantissa = bits.next() % 10u64.pow(digits);
        let exp = (bits.next() % 640) as i32 - 330;
        if let Ok(x) = format!("{mantissa}e{exp}").parse::<f64>() {
            v.push(x);
        }
    }
    v
}

#[test]
fn f64_prints_as_zmij_prints() {
    let mut tally = Tally::default();
    for x in f64_values() {
        compare(x, &mut tally);
    }
    // Ties are rare: a few per thousand among the decimals built to hit them, none elsewhere.
    assert!(
        tally.ties.len() * 200 < tally.same,
        "{} ties",
        tally.ties.len()
    );
    eprintln!(
        "f64: {} identical, {} equally-near ties",
        tally.same,
        tally.ties.len()
    );
}

#[test]
fn f32_prints_as_zmij_prints() {
    let mut tally = Tally::default();
    let mut bits = Bits(0xD1B5_4A32_D192_ED03);
    let mut v: Vec<f32> = (0..300_000)
        .map(|_| f32::from_bits(bits.next() as u32))
        .collect();
    v.extend((1u32..2000).map(f32::from_bits));
    v.extend((-2000..=2000).map(|n| n as f32 + 0.5));
    for k in -12..=16 {
        let p: f32 = format!("1e{k}").parse().unwrap();
        for d in [-1i32, 0, 1] {
            v.push(f32::from_bits((p.to_bits() as i32 + d) as u32));
        }
    }
    v.extend([
        f32::MIN_POSITIVE,
        f32::MAX,
        f32::MIN,
        0.0,
        -0.0,
        0.1,
        16_777_217.0,
    ]);
    for x in v {
        compare(x, &mut tally);
    }
    assert!(
        tally.ties.len() * 200 < tally.same,
        "{} ties",
        tally.ties.len()
    );
}

#[test]
fn non_finite_values_print_as_zmij_prints() {
    for x in [f64::NAN, -f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut ours = zmij::Buffer::new();
        let mut theirs = zmij_upstream::Buffer::new();
        assert_eq!(ours.format(x), theirs.format(x), "{x:?}");
    }
    for x in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
        let mut ours = zmij::Buffer::new();
        let mut theirs = zmij_upstream::Buffer::new();
        assert_eq!(ours.format(x), theirs.format(x), "{x:?}");
    }
}
