//! tthc patch: the slicing-by-16 table (16 KiB) is computed on first use instead of being stored
//! in the binary (it was 16 KiB of incompressible data in the wasm module). Same values as the
//! upstream literal table; `tests::matches_the_upstream_literal` checks a few of them.

extern crate std;

use std::boxed::Box;
use std::sync::OnceLock;

/// The CRC-32 (IEEE, reflected 0xEDB88320) slicing-by-16 tables.
pub type Table = [[u32; 256]; 16];

fn build() -> Box<Table> {
    let mut t: Box<Table> = Box::new([[0u32; 256]; 16]);
    for i in 0..256 {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        t[0][i] = c;
    }
    for i in 0..256 {
        for k in 1..16 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
        }
    }
    t
}

/// The tables, built on first use.
#[inline]
pub fn crc32_table() -> &'static Table {
    static TABLE: OnceLock<Box<Table>> = OnceLock::new();
    TABLE.get_or_init(build)
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_the_upstream_literal() {
        let t = super::crc32_table();
        assert_eq!(t[0][1], 0x77073096);
        assert_eq!(t[0][255], 0x2D02EF8D);
        assert_eq!(t[15][255], 0x0D7139D7);
    }
}
