//! Decimal text → `f64`, exactly as `str::parse::<f64>` reads it, without core's parser in the
//! WebAssembly module.
//!
//! Core's correctly-rounded parser carries a 10 KiB table of powers of five that gzip cannot
//! shrink. Nearly every number in a form or an export has at most 15 significant digits and a
//! small exponent, and then one multiplication or division of two exact doubles gives the
//! correctly rounded result (Clinger's fast path). The rare rest goes to a correctly rounding
//! parser that is already there: the host's `parseFloat` in the browser, core's natively. Both
//! round correctly, so every path gives the same bits as `str::parse::<f64>`.

/// Exact powers of ten as doubles (10^0 … 10^22 are all exactly representable).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The largest integer below which every integer is exactly a double.
const MAX_EXACT: u64 = 1 << 53;

/// Reads `s` as [`str::parse::<f64>`] does: an optional sign, then digits with an optional
/// decimal point and an optional exponent (`1`, `-2.5`, `.5`, `3.`, `1e-7`, `6.02E23`), or
/// `inf`, `infinity`, `nan` in any case; `None` for anything else (spaces included).
///
/// # Example
/// ```
/// use tthc::text::float::parse_f64;
/// assert_eq!(parse_f64("45000.5"), Some(45000.5));
/// assert_eq!(parse_f64("-1e-3"), Some(-0.001));
/// assert_eq!(parse_f64("0.1"), "0.1".parse().ok());
/// assert_eq!(parse_f64("1,5"), None);
/// ```
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (negative, body) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let magnitude = match decimal(body) {
        Some(d) => d.value()?,
        None => special(body)?,
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// `inf`, `infinity` or `nan`, any case.
fn special(b: &[u8]) -> Option<f64> {
    if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if b.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// A decimal number: `mantissa × 10^exp`, where `mantissa` is the digits of the input without
/// the point.
struct Decimal<'a> {
    /// The digits and the point as written (no sign, no exponent).
    mantissa: &'a [u8],
    /// The mantissa's value when it has at most 19 significant digits.
    w: Option<u64>,
    /// The power of ten (the exponent minus the digits after the point).
    exp: i64,
}

/// Splits `b` (no sign) by the grammar `(digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
fn decimal(b: &[u8]) -> Option<Decimal<'_>> {
    let mut i = 0;
    let mut w: u64 = 0;
    let mut significant = 0usize;
    let mut exp: i64 = 0;
    let mut seen_digit = false;
    let mut after_point = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                seen_digit = true;
                if significant > 0 || c != b'0' {
                    significant += 1;
                    w = w.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
                }
                if after_point {
                    exp -= 1;
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    let mantissa = &b[..i];
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        let neg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            // Saturate: far beyond any double's range the value is 0 or infinity anyway.
            e = (e * 10 + i64::from(b[i] - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp = exp.saturating_add(if neg { -e } else { e });
    }
    if i != b.len() {
        return None;
    }
    Some(Decimal {
        mantissa,
        w: (significant <= 19).then_some(w),
        exp,
    })
}

impl Decimal<'_> {
    /// The correctly rounded magnitude.
    fn value(&self) -> Option<f64> {
        if let Some(mut w) = self.w {
            if w == 0 {
                return Some(0.0);
            }
            let mut exp = self.exp;
            while w > MAX_EXACT && w % 10 == 0 {
                w /= 10;
                exp += 1;
            }
            if w <= MAX_EXACT {
                let x = w as f64;
                match exp {
                    0..=22 => return Some(x * POW10[exp as usize]),
                    -22..=-1 => return Some(x / POW10[(-exp) as usize]),
                    // w × 10^k is still an exact integer below 2^53: one exact product left.
                    23..=37 => {
                        let scaled = w.checked_mul(10u64.pow((exp - 22) as u32));
                        if let Some(v) = scaled.filter(|v| *v <= MAX_EXACT) {
                            return Some(v as f64 * POW10[22]);
                        }
                    }
                    _ => {}
                }
            }
        }
        self.slow()
    }

    /// The correctly rounding parser of the platform on a canonical `DIGITSe±EXP`.
    fn slow(&self) -> Option<f64> {
        let mut canon = String::with_capacity(self.mantissa.len() + 16);
        canon.extend(
            self.mantissa
                .iter()
                .filter(|c| c.is_ascii_digit())
                .map(|&c| char::from(c)),
        );
        canon.push('e');
        canon.push_str(&self.exp.to_string());
        crate::host::parse_float(&canon)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    fn same(s: &str) {
        let want: Option<f64> = s.parse().ok();
        let got = parse_f64(s);
        match (want, got) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{s:?}: {a} vs {b}"),
            (None, None) => {}
            _ => panic!("{s:?}: core {want:?}, ours {got:?}"),
        }
    }

    #[test]
    fn agrees_with_core_on_hand_picked_strings() {
        for s in [
            "0",
            "-0",
            "+0",
            "00",
            "0.0",
            ".0",
            "0.",
            ".",
            "",
            "+",
            "-",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1",
            "12",
            "1.5",
            "-2.25",
            "45000.5",
            "45678.999988426",
            "3.",
            ".5",
            "1e5",
            "1E5",
            "1e-5",
            "1.e5",
            ".5e1",
            "6.02214076e23",
            "1e22",
            "1e23",
            "9007199254740992",
            "9007199254740993",
            "9007199254740991e10",
            "123456789012345678901234567890",
            "0.1",
            "0.2",
            "0.3",
            "1e308",
            "1.7976931348623157e308",
            "1.8e308",
            "1e309",
            "4.9e-324",
            "2e-324",
            "1e-400",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "inf",
            "-inf",
            "Infinity",
            "INF",
            "nan",
            "NaN",
            "-nan",
            "infinit",
            "1 ",
            " 1",
            "1_0",
            "0x10",
            "1,5",
            "1..2",
            "1.2.3",
            "--1",
            "+-1",
            "1e5.5",
            "00000000000000000000001",
            "0.000000000000000000000000000001",
            "100000000000000000000000",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "123456.7890123456789",
        ] {
            same(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_core_on_printed_doubles(bits in proptest::prelude::any::<u64>()) {
            let x = f64::from_bits(bits);
            same(&x.to_string());
            same(&format!("{x:e}"));
            same(&format!("{x:.3}"));
        }

        #[test]
        fn agrees_with_core_on_decimal_strings(
            int in "[0-9]{0,22}", frac in proptest::option::of("[0-9]{0,22}"),
            exp in proptest::option::of(-400i32..400)
        ) {
            let mut s = int;
            if let Some(f) = frac { s.push('.'); s.push_str(&f); }
            if let Some(e) = exp { s.push_str(&format!("e{e}")); }
            same(&s);
        }
    }
}
