//! Dossier codes seen more than once: every used row's code is logged as it is read
//! ([`CodeLog`]), and the repeats are found once, when the report is made ([`find`]), by sorting
//! the codes. Finding them at the end rather than row by row keeps the row step free of a
//! lookup at a random place of a table as large as the file (the slowest part of the row step
//! when it had one), and makes an analysis made in parts the same as one made at once: the
//! logs of the parts are put end to end and searched together.

use super::record::Record;

/// No code (an empty cell): the row is never merged with another.
const NO_TEXT: u32 = u32::MAX;
/// Most bytes of a code kept for messages (40 characters of up to 4 bytes, as messages show).
const MAX_TEXT: usize = 160;

/// One used row's dossier code: its identity (two independent 64-bit hashes of its text), its
/// row number and where its text is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CodeSeen {
    pub(crate) key: u64,
    pub(crate) check: u64,
    /// Row number in its file.
    pub(crate) row: u32,
    /// Offset of the text in [`CodeLog::text`] (length-prefixed), or [`NO_TEXT`].
    pub(crate) text_at: u32,
}

/// The codes of the used rows, one per record, in reading order.
#[derive(Clone, Debug, Default)]
pub(crate) struct CodeLog {
    pub(crate) seen: Vec<CodeSeen>,
    /// Each code's text (for messages), cut at [`MAX_TEXT`] bytes, after a length byte.
    pub(crate) text: Vec<u8>,
}

/// The identity of a code's bytes: two unrelated 64-bit hashes (a fixed 16 bytes whatever the
/// code's length). Two codes are taken for one only when both agree.
fn identity(bytes: &[u8]) -> (u64, u64) {
    use std::hash::Hasher;
    let mut fx = rustc_hash::FxHasher::default();
    fx.write(bytes);
    fx.write_usize(bytes.len());
    // A second multiply-rotate hash over 8-byte words, with other constants.
    let mut h: u64 = 0x243f_6a88_85a3_08d3 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w))
            .wrapping_mul(0x9fb2_1c65_1e98_df25)
            .rotate_left(29);
    }
    let mut w = [0u8; 8];
    w[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h ^ u64::from_le_bytes(w)).wrapping_mul(0x9fb2_1c65_1e98_df25);
    (fx.finish(), h ^ (h >> 32))
}

impl CodeLog {
    /// Logs the code of the next record (`None`: no code).
    pub(crate) fn push(&mut self, row: u64, code: Option<&[u8]>) {
        let row = row.min(u64::from(u32::MAX)) as u32;
        let Some(bytes) = code.filter(|b| !b.is_empty()) else {
            self.seen.push(CodeSeen {
                key: 0,
                check: 0,
                row,
                text_at: NO_TEXT,
            });
            return;
        };
        let (key, check) = identity(bytes);
        let text_at = self.keep_text(bytes);
        self.seen.push(CodeSeen {
            key,
            check,
            row,
            text_at,
        });
    }

    /// Keeps a code's text (cut at a character boundary) and returns where.
    fn keep_text(&mut self, bytes: &[u8]) -> u32 {
        let at = self.text.len();
        if at >= NO_TEXT as usize - MAX_TEXT - 1 {
            return NO_TEXT - 1;
        }
        let mut n = bytes.len().min(MAX_TEXT);
        while n < bytes.len() && n > 0 && (bytes[n] & 0xC0) == 0x80 {
            n -= 1;
        }
        self.text.push(n as u8);
        self.text.extend_from_slice(&bytes[..n]);
        at as u32
    }

    /// The text of record `i`'s code (empty when it has none or it is not kept).
    pub(crate) fn text(&self, i: usize) -> String {
        let Some(at) = self.seen.get(i).map(|s| s.text_at as usize) else {
            return String::new();
        };
        let Some(&n) = self.text.get(at) else {
            return String::new();
        };
        let bytes = self
            .text
            .get(at + 1..at + 1 + usize::from(n))
            .unwrap_or(&[]);
        String::from_utf8_lossy(bytes).into_owned()
    }

    /// Whether a logged code is no code (an empty cell).
    pub(crate) fn is_absent(c: &CodeSeen) -> bool {
        c.text_at == NO_TEXT
    }

    /// Whether record `i` has a code.
    fn has_code(&self, i: usize) -> bool {
        self.seen.get(i).is_some_and(|s| s.text_at != NO_TEXT)
    }

    /// Puts `other`'s codes after these (its text offsets moved along).
    pub(crate) fn append(&mut self, other: &CodeLog) {
        let base = self.text.len();
        self.text.extend_from_slice(&other.text);
        self.seen.extend(other.seen.iter().map(|s| CodeSeen {
            text_at: if s.text_at == NO_TEXT {
                NO_TEXT
            } else {
                (s.text_at as usize + base).min(NO_TEXT as usize - 1) as u32
            },
            ..*s
        }));
    }
}

/// The repeated codes of an analysis.
#[derive(Debug, Default)]
pub(crate) struct Repeats {
    /// Per record: it is not counted (another row of its code has the latest state).
    pub(crate) replaced: Vec<bool>,
    /// Each repeat as (its record, the record of the code's first row), in reading order.
    pub(crate) repeats: Vec<(u32, u32)>,
}

/// Finds the codes seen more than once. Of the rows of one code, the one with the latest
/// state counts ([`Record::supersedes`]: an end over none, then the later end, then the later
/// row); every row after the first is a repeat.
pub(crate) fn find(records: &[Record], codes: &CodeLog) -> Repeats {
    let n = records.len().min(codes.seen.len());
    let mut out = Repeats {
        replaced: vec![false; n],
        repeats: Vec::new(),
    };
    // High half of the first hash and the record's place in one word: sorted, the rows of one
    // code lie together in reading order (a shared high half without the same code is rare and
    // told apart below).
    let mut order: Vec<u64> = (0..n)
        .filter(|&i| codes.has_code(i))
        .map(|i| (codes.seen[i].key >> 32) << 32 | i as u64)
        .collect();
    order.sort_unstable();
    let mut group: Vec<(u64, u64, u32)> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let high = order[start] >> 32;
        let end = start
            + order[start..]
                .iter()
                .position(|&w| w >> 32 != high)
                .unwrap_or(order.len() - start);
        if end - start > 1 {
            group.clear();
            group.extend(order[start..end].iter().map(|&w| {
                let i = (w & 0xFFFF_FFFF) as u32;
                let s = &codes.seen[i as usize];
                (s.key, s.check, i)
            }));
            group.sort_unstable();
            let mut g = 0;
            while g < group.len() {
                let (key, check, first) = group[g];
                let same = group[g..]
                    .iter()
                    .take_while(|x| x.0 == key && x.1 == check)
                    .count();
                let mut kept = first;
                for &(_, _, i) in &group[g + 1..g + same] {
                    out.repeats.push((i, first));
                    if records[i as usize].supersedes(&records[kept as usize]) {
                        out.replaced[kept as usize] = true;
                        kept = i;
                    } else {
                        out.replaced[i as usize] = true;
                    }
                }
                g += same;
            }
        }
        start = end;
    }
    out.repeats.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::record::{RowFacts, NONE};
    use crate::stats::tally::Class;

    fn rec(end: u32) -> Record {
        let f = RowFacts {
            class: Class::Unclassified,
            refused: false,
            channel: None,
            postal_return: false,
            estimated: false,
            fee_bearing: false,
            paid_online: false,
            digit: None,
            complaint: false,
        };
        Record::new([0, end, NONE, end], [0; 3], &f, 0)
    }

    #[test]
    fn the_latest_state_counts_and_each_later_row_is_a_repeat() {
        let mut log = CodeLog::default();
        let rows: [(&[u8], u32); 6] = [
            (b"A", NONE),
            (b"B", 5),
            (b"", NONE),
            (b"A", 7),
            (b"", NONE),
            (b"A", 6),
        ];
        let records: Vec<Record> = rows.iter().map(|r| rec(r.1)).collect();
        for (i, (code, _)) in rows.iter().enumerate() {
            log.push(i as u64 + 2, Some(code));
        }
        let r = find(&records, &log);
        assert_eq!(r.repeats, vec![(3, 0), (5, 0)]);
        assert_eq!(r.replaced, vec![true, false, false, false, false, true]);
        assert_eq!(log.text(3), "A");
        assert_eq!(log.text(2), "");
    }

    #[test]
    fn codes_sharing_a_high_half_are_kept_apart() {
        // Many codes, so that some share the high half of the first hash by chance, none equal.
        let mut log = CodeLog::default();
        let n = 200_000;
        for i in 0..n {
            log.push(i, Some(format!("000.00.14.H42-{i:08}").as_bytes()));
        }
        let records = vec![rec(NONE); n as usize];
        let r = find(&records, &log);
        assert!(r.repeats.is_empty());
        assert!(r.replaced.iter().all(|&x| !x));
    }

    #[test]
    fn long_codes_are_kept_cut_at_a_character() {
        let mut log = CodeLog::default();
        let code = "Đ".repeat(100);
        log.push(2, Some(code.as_bytes()));
        assert_eq!(log.text(0), "Đ".repeat(80));
    }
}
