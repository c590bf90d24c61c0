//! A stand-in for [zmij](https://crates.io/crates/zmij) 1.0.23, the float printer of
//! `serde_json`: the same API subset (`Buffer::new`, `format`, `format_finite`) and the same
//! text, but the digits come from core's shortest round-trip formatting (`{:e}`), which the
//! module already contains, instead of zmij's own 17 KB of tables.
//!
//! Layout (zmij's): the shortest digits `d.ddd × 10^e`; for `-5 <= e <= 15` (f32: `-6 <= e <= 12`)
//! in positional form with at least one fractional digit (`1.0`, `0.00001`, `1000000000000000.0`),
//! otherwise as `1e-7`, `1.5e+300`. Compared with zmij 1.0.23 on 9 M values: identical text except
//! when two shortest candidates are exactly equally near (`84418043664819.125`: zmij `…19.12`, core
//! `…19.13`); both read back as the same number.

#![no_std]
#![deny(missing_docs)]

use core::fmt::{self, Write};

const CAP: usize = 48;

/// A small buffer a float is printed into.
pub struct Buffer {
    bytes: [u8; CAP],
    len: usize,
}

struct Cursor<'a> {
    buf: &'a mut [u8; CAP],
    len: usize,
}

impl Write for Cursor<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let b = s.as_bytes();
        let end = self.len.checked_add(b.len()).filter(|&e| e <= CAP).ok_or(fmt::Error)?;
        self.buf[self.len..end].copy_from_slice(b);
        self.len = end;
        Ok(())
    }
}

impl Buffer {
    /// A new, empty buffer (cheap).
    #[inline]
    pub fn new() -> Self {
        Buffer {
            bytes: [0; CAP],
            len: 0,
        }
    }

    /// Prints `f`: `NaN`, `inf` and `-inf` for the non-finite values (as std::fmt does).
    pub fn format<F: Float>(&mut self, f: F) -> &str {
        if f.is_nonfinite() {
            f.format_nonfinite()
        } else {
            self.format_finite(f)
        }
    }

    /// Prints a finite `f` (a non-finite one prints as core prints it).
    pub fn format_finite<F: Float>(&mut self, f: F) -> &str {
        let mut sci = [0u8; CAP];
        let mut c = Cursor {
            buf: &mut sci,
            len: 0,
        };
        if f.write_exp(&mut c).is_err() {
            return "";
        }
        let n = c.len;
        self.len = layout(&sci[..n], F::FIXED, &mut self.bytes);
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl Default for Buffer {
    #[inline]
    fn default() -> Self {
        Buffer::new()
    }
}

/// Lays out core's `{:e}` text (`-1.2345e-7`) the way zmij prints; returns the length.
fn layout(sci: &[u8], fixed: (i32, i32), out: &mut [u8; CAP]) -> usize {
    let mut o = 0;
    let mut push = |b: u8, o: &mut usize| {
        if *o < CAP {
            out[*o] = b;
            *o += 1;
        }
    };
    let (neg, rest) = match sci.split_first() {
        Some((b'-', r)) => (true, r),
        _ => (false, sci),
    };
    let Some(epos) = rest.iter().position(|&b| b == b'e') else {
        // Not a finite number's text: copy it.
        for &b in sci {
            push(b, &mut o);
        }
        return o;
    };
    let mut digits = [0u8; 24];
    let mut nd = 0;
    for &b in &rest[..epos] {
        if b.is_ascii_digit() && nd < digits.len() {
            digits[nd] = b;
            nd += 1;
        }
    }
    let exp_text = &rest[epos + 1..];
    let (eneg, emag) = match exp_text.split_first() {
        Some((b'-', r)) => (true, r),
        _ => (false, exp_text),
    };
    let mut e: i32 = 0;
    for &b in emag {
        e = e * 10 + i32::from(b - b'0');
    }
    if eneg {
        e = -e;
    }
    if neg {
        push(b'-', &mut o);
    }
    let digits = &digits[..nd];
    if (fixed.0..=fixed.1).contains(&e) {
        if e >= 0 {
            let int_len = e as usize + 1;
            for i in 0..int_len {
                push(*digits.get(i).unwrap_or(&b'0'), &mut o);
            }
            push(b'.', &mut o);
            if nd > int_len {
                for &d in &digits[int_len..] {
                    push(d, &mut o);
                }
            } else {
                push(b'0', &mut o);
            }
        } else {
            push(b'0', &mut o);
            push(b'.', &mut o);
            for _ in 0..(-e - 1) {
                push(b'0', &mut o);
            }
            for &d in digits {
                push(d, &mut o);
            }
        }
    } else {
        push(digits.first().copied().unwrap_or(b'0'), &mut o);
        if nd > 1 {
            push(b'.', &mut o);
            for &d in &digits[1..] {
                push(d, &mut o);
            }
        }
        push(b'e', &mut o);
        push(if e < 0 { b'-' } else { b'+' }, &mut o);
        let mut m = e.unsigned_abs();
        let mut tmp = [0u8; 4];
        let mut k = 0;
        while k == 0 || m > 0 {
            tmp[k] = b'0' + (m % 10) as u8;
            m /= 10;
            k += 1;
        }
        while k > 0 {
            k -= 1;
            push(tmp[k], &mut o);
        }
    }
    o
}

/// A floating point number, f32 or f64, that can be printed into a [`Buffer`].
#[allow(private_bounds)]
pub trait Float: private::Sealed {}
impl Float for f32 {}
impl Float for f64 {}

mod private {
    use core::fmt::{self, Write};

    pub trait Sealed: Copy {
        /// The decimal exponents printed in positional form.
        const FIXED: (i32, i32);
        fn is_nonfinite(self) -> bool;
        fn format_nonfinite(self) -> &'static str;
        fn write_exp(self, w: &mut impl Write) -> fmt::Result;
    }

    macro_rules! sealed {
        ($t:ty, $fixed:expr) => {
            impl Sealed for $t {
                const FIXED: (i32, i32) = $fixed;
                #[inline]
                fn is_nonfinite(self) -> bool {
                    !self.is_finite()
                }
                #[cold]
                fn format_nonfinite(self) -> &'static str {
                    if self.is_nan() {
                        "NaN"
                    } else if self.is_sign_negative() {
                        "-inf"
                    } else {
                        "inf"
                    }
                }
                #[inline]
                fn write_exp(self, w: &mut impl Write) -> fmt::Result {
                    write!(w, "{:e}", self)
                }
            }
        };
    }
    sealed!(f32, (-6, 12));
    sealed!(f64, (-5, 15));
}
