//! The fast path's byte scans: separators of a word (or a SIMD vector) at once, and the next
//! quote or line break.

/// Bytes the separator scan reads per step: a `u64` word, or a 128-bit vector in a module built
/// with wasm SIMD (the loader picks that module where the browser supports SIMD).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub(super) const SCAN: usize = 8;
/// Bit `k << MASK_SHIFT` of a separator mask stands for byte `k` of the step.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub(super) const MASK_SHIFT: u32 = 3;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) const SCAN: usize = 16;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) const MASK_SHIFT: u32 = 0;

/// The delimiters, `"`, `\n` and `\r` among the eight bytes of `w`: bit 7 of byte `k` of the
/// result is set when `w[k]` is one (little-endian order, so `trailing_zeros() / 8` is the
/// first one's position). An exact per-byte test on one `u64`, so several separators of a word
/// are handled from one mask.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline]
pub(super) fn separators(w: &[u8; SCAN], d: u8) -> u64 {
    let x = u64::from_le_bytes(*w);
    // The low seven bits of each byte; `(y ^ c) + 0x7F` has bit 7 clear exactly where that
    // byte equals `c` (no carry crosses a byte: both terms are at most 0x7F). Bytes with bit 7
    // set (UTF-8 continuation and lead bytes) are never separators: `| x` clears them.
    let y = x & LOW7;
    let ne = |c: u8| (y ^ (LO * u64::from(c))) + LOW7;
    !((ne(d) & ne(b'"') & ne(b'\n') & ne(b'\r')) | x) & HI
}

/// The same for sixteen bytes with wasm SIMD: bit `k` is set when `w[k]` is a separator.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
pub(super) fn separators(w: &[u8; SCAN], d: u8) -> u64 {
    use core::arch::wasm32::{u8x16, u8x16_bitmask, u8x16_eq, u8x16_splat, v128_or};
    let v = u8x16(
        w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10], w[11], w[12], w[13],
        w[14], w[15],
    );
    let eq = |c: u8| u8x16_eq(v, u8x16_splat(c));
    let m = v128_or(v128_or(eq(d), eq(b'"')), v128_or(eq(b'\n'), eq(b'\r')));
    u64::from(u8x16_bitmask(m))
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const LO: u64 = 0x0101_0101_0101_0101;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const HI: u64 = 0x8080_8080_8080_8080;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The position of the first `"`, `\n` or `\r` in `b`: `memchr3` in the SIMD module; elsewhere
/// eight bytes at a time (without SIMD, wasm's `memchr` reads four), natively too, so that the
/// native tests run the plain module's code.
#[inline]
pub(super) fn find_quote_or_break(b: &[u8]) -> Option<usize> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        memchr::memchr3(b'"', b'\n', b'\r', b)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        const Q: u64 = LO * b'"' as u64;
        const N: u64 = LO * b'\n' as u64;
        const R: u64 = LO * b'\r' as u64;
        let mut i = 0;
        while i + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[i..i + 8]);
            let x = u64::from_le_bytes(w);
            let y = x & LOW7;
            let m = !((((y ^ Q) + LOW7) & ((y ^ N) + LOW7) & ((y ^ R) + LOW7)) | x) & HI;
            if m != 0 {
                return Some(i + (m.trailing_zeros() / 8) as usize);
            }
            i += 8;
        }
        b[i..]
            .iter()
            .position(|&c| matches!(c, b'"' | b'\n' | b'\r'))
            .map(|p| i + p)
    }
}

#[cfg(test)]
mod tests {
    use super::{find_quote_or_break, separators, MASK_SHIFT, SCAN};

    fn naive(w: &[u8; SCAN], d: u8) -> u64 {
        // The mask's bit for byte k: bit 7 of byte k (a word), or bit k (a vector).
        let bit = |k: usize| {
            if MASK_SHIFT == 3 {
                0x80 << (8 * k)
            } else {
                1 << k
            }
        };
        (0..SCAN)
            .filter(|&k| matches!(w[k], b'"' | b'\n' | b'\r') || w[k] == d)
            .fold(0, |m, k| m | bit(k))
    }

    #[test]
    fn separators_match_a_byte_by_byte_test() {
        // Every byte value at every position, over backgrounds with UTF-8 bytes whose low
        // seven bits are separators (0xBB & 0x7F = ';', 0xAC & 0x7F = ','), and separators.
        let mixed = *b",;\t\"\n\r,;a\xbb,\xac;\t\"\n";
        let backgrounds: [[u8; 16]; 6] = [
            [b'a'; 16], [0xBB; 16], [0xAC; 16], [0x80; 16], [0xFF; 16], mixed,
        ];
        for d in [b',', b';', b'\t'] {
            for bg in backgrounds {
                let mut bg8 = [0u8; SCAN];
                bg8.copy_from_slice(&bg[..SCAN]);
                let bg = bg8;
                for k in 0..SCAN {
                    for b in 0..=255u8 {
                        let mut w = bg;
                        w[k] = b;
                        assert_eq!(separators(&w, d), naive(&w, d), "{w:?} {d}");
                    }
                }
            }
        }
    }

    #[test]
    fn find_quote_or_break_finds_the_first_quote_or_line_break() {
        for stop in [b'"', b'\n', b'\r'] {
            for n in 0..40 {
                for at in 0..=n {
                    let mut b: Vec<u8> = (0..n)
                        .map(|i| [b'a', 0xA2, 0xE1, b',', 0x8A, 0x8D][i % 6])
                        .collect();
                    if at < n {
                        b[at] = stop;
                        if at + 3 < n {
                            b[at + 3] = b'"';
                        }
                    }
                    assert_eq!(find_quote_or_break(&b), (at < n).then_some(at), "{b:?}");
                }
            }
        }
    }
}
