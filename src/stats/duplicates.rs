//! Dossier codes seen more than once: every used row's code is logged as it is read
//! ([`CodeLog`]), and the repeats are found once, when the report is made ([`find`]), by sorting
//! the codes. Finding them at the end rather than row by row keeps the row step free of a
//! lookup at a random place of a table as large as the file (the slowest part of the row step
//! when it had one), and makes an analysis made in parts the same as one made at once: the
//! logs of the parts are put end to end and searched together.

use super::keys::short_word;
use super::record::Record;

/// No code (an empty cell): the row is never merged with another.
const NO_TEXT: u32 = u32::MAX;
/// Most bytes of a code kept for messages (40 characters of up to 4 bytes, as messages show).
const MAX_TEXT: usize = 160;

/// One used row's dossier code: a 64-bit hash of its text, its row number and where its text
/// is kept (the hash and the kept text are its identity).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CodeSeen {
    pub(crate) key: u64,
    /// Row number in its file.
    pub(crate) row: u32,
    /// Offset of the text in [`CodeLog::text`] (length-prefixed), or [`NO_TEXT`].
    pub(crate) text_at: u32,
}

/// The codes of the used rows, one per record, in reading order.
#[derive(Clone, Debug, Default)]
pub(crate) struct CodeLog {
    pub(crate) seen: Vec<CodeSeen>,
    /// Each code's text (its identity with the hash, and for messages), cut at [`MAX_TEXT`]
    /// bytes, after a length byte.
    pub(crate) text: Vec<u8>,
}

/// A 64-bit hash of a code's bytes: multiply-rotate over 8-byte words, finished by [`mix`].
/// (Not `FxHasher`: its state is a `usize`, so in wasm32 its hash has 32 bits.)
#[inline]
fn hash(bytes: &[u8]) -> u64 {
    const M: u64 = 0x9fb2_1c65_1e98_df25;
    let mut h = 0x243f_6a88_85a3_08d3 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for c in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(M).rotate_left(29);
    }
    mix((h ^ short_word(words.remainder())).wrapping_mul(M))
}

/// Spreads every bit of `x` over all 64 (the finaliser of MurmurHash3): repeats are sorted by
/// the high half.
#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

impl CodeLog {
    /// Room for `rows` more codes (of about 26 bytes of text each).
    pub(crate) fn reserve(&mut self, rows: usize) {
        self.seen.reserve(rows);
        self.text.reserve(rows.saturating_mul(26));
    }

    /// Logs the code of the next record (`None`: no code).
    #[inline]
    pub(crate) fn push(&mut self, row: u64, code: Option<&[u8]>) {
        let row = row.min(u64::from(u32::MAX)) as u32;
        let Some(bytes) = code.filter(|b| !b.is_empty()) else {
            self.seen.push(CodeSeen {
                key: 0,
                row,
                text_at: NO_TEXT,
            });
            return;
        };
        let key = hash(bytes);
        let text_at = self.keep_text(bytes);
        self.seen.push(CodeSeen { key, row, text_at });
    }

    /// Keeps a code's text (cut at a character boundary) and returns where.
    #[inline]
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
        // Word by word, then byte by byte: a copy of a variable length is a call in wasm engines.
        let mut words = bytes[..n].chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            self.text.extend_from_slice(&word);
        }
        for &b in words.remainder() {
            self.text.push(b);
        }
        at as u32
    }

    /// The kept bytes of record `i`'s code (empty when it has none).
    fn bytes(&self, i: usize) -> &[u8] {
        let Some(at) = self.seen.get(i).map(|s| s.text_at as usize) else {
            return &[];
        };
        let Some(&n) = self.text.get(at) else {
            return &[];
        };
        self.text
            .get(at + 1..at + 1 + usize::from(n))
            .unwrap_or(&[])
    }

    /// The text of record `i`'s code (empty when it has none).
    pub(crate) fn text(&self, i: usize) -> String {
        String::from_utf8_lossy(self.bytes(i)).into_owned()
    }

    /// Whether a logged code is no code (an empty cell).
    pub(crate) fn is_absent(c: &CodeSeen) -> bool {
        c.text_at == NO_TEXT
    }

    /// Whether record `i` has a code.
    fn has_code(&self, i: usize) -> bool {
        self.seen.get(i).is_some_and(|c| !Self::is_absent(c))
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
    sort_by_high_half(&mut order);
    let mut group: Vec<u32> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let high = order[start] >> 32;
        let end = start
            + order[start..]
                .iter()
                .position(|&w| w >> 32 != high)
                .unwrap_or(order.len() - start);
        if end - start > 1 {
            // The rows of one code: same hash and same text, in reading order.
            group.clear();
            group.extend(order[start..end].iter().map(|&w| (w & 0xFFFF_FFFF) as u32));
            let key = |i: u32| codes.seen[i as usize].key;
            crate::sort::sort_by(&mut group, |&a, &b| {
                (key(a), codes.bytes(a as usize), a).cmp(&(key(b), codes.bytes(b as usize), b))
            });
            let mut g = 0;
            while g < group.len() {
                let first = group[g];
                let same = group[g..]
                    .iter()
                    .take_while(|&&i| {
                        key(i) == key(first)
                            && codes.bytes(i as usize) == codes.bytes(first as usize)
                    })
                    .count();
                let mut kept = first;
                for &i in &group[g + 1..g + same] {
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
    let mut packed: Vec<u64> = out
        .repeats
        .iter()
        .map(|&(dup, first)| u64::from(dup) << 32 | u64::from(first))
        .collect();
    sort_by_high_half(&mut packed);
    out.repeats = packed
        .into_iter()
        .map(|w| ((w >> 32) as u32, (w & 0xFFFF_FFFF) as u32))
        .collect();
    out
}

/// Sorts words by their high 32 bits, stably (a least-significant-digit radix sort in three
/// passes of 11, 11 and 10 bits): a million codes in a few sequential passes, where a
/// comparison sort would be several times slower and the crate's shared sort slower still.
fn sort_by_high_half(v: &mut Vec<u64>) {
    if v.len() < 2 {
        return;
    }
    let mut other = vec![0u64; v.len()];
    for (shift, bits) in [(32, 11), (43, 11), (54, 10)] {
        let mask = (1u64 << bits) - 1;
        let mut start = [0usize; 1 << 11];
        for &w in v.iter() {
            start[((w >> shift) & mask) as usize] += 1;
        }
        let mut sum = 0;
        for c in start.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        for &w in v.iter() {
            let d = ((w >> shift) & mask) as usize;
            other[start[d]] = w;
            start[d] += 1;
        }
        std::mem::swap(v, &mut other);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::record::NONE;

    fn rec(end: u32) -> Record {
        Record::ended_at(end)
    }

    /// The hash and the kept text, written without copies of a variable length, against the
    /// plain forms they replace (a zero-padded last word; the bytes cut at a character).
    #[test]
    fn the_hash_and_the_kept_text_match_their_plain_forms() {
        fn padded_hash(bytes: &[u8]) -> u64 {
            const M: u64 = 0x9fb2_1c65_1e98_df25;
            let mut h = 0x243f_6a88_85a3_08d3 ^ bytes.len() as u64;
            let mut words = bytes.chunks_exact(8);
            for c in &mut words {
                h = (h ^ u64::from_le_bytes(c.try_into().unwrap()))
                    .wrapping_mul(M)
                    .rotate_left(29);
            }
            let mut w = [0u8; 8];
            w[..words.remainder().len()].copy_from_slice(words.remainder());
            mix((h ^ u64::from_le_bytes(w)).wrapping_mul(M))
        }
        let all = "000.18.40.H42-251027-0001 Hồ sơ ".repeat(8);
        let text = all.as_bytes();
        let mut log = CodeLog::default();
        for n in 1..text.len() {
            let code = &text[..n];
            assert_eq!(hash(code), padded_hash(code), "{n} bytes");
            log.push(n as u64, Some(code));
            let mut kept = n.min(MAX_TEXT);
            while kept < n && !all.is_char_boundary(kept) {
                kept -= 1;
            }
            assert_eq!(log.bytes(n - 1), &text[..kept], "{n} bytes");
        }
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
    fn the_radix_sort_orders_by_the_high_half_and_keeps_ties_in_order() {
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut v: Vec<u64> = (0..5000u64)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Few distinct high halves, so that ties are many; the low half is the order.
                (state % 64) << 58 | (state >> 40 & 0xFF) << 32 | i
            })
            .collect();
        let mut expected = v.clone();
        expected.sort_by_key(|w| w >> 32);
        sort_by_high_half(&mut v);
        assert_eq!(v, expected);
    }

    #[test]
    fn portal_codes_spread_over_the_high_half() {
        // Codes of one office and day differ only in their last digits: their high halves must
        // still differ, or the sort of repeats degrades to comparing whole groups.
        let mut highs: Vec<u64> = (0..100_000)
            .map(|i| hash(format!("000.18.40.H42-251027-{i:05}").as_bytes()) >> 32)
            .collect();
        highs.sort_unstable();
        highs.dedup();
        assert!(highs.len() > 99_990, "{}", highs.len());
    }

    #[test]
    fn long_codes_are_kept_cut_at_a_character() {
        let mut log = CodeLog::default();
        let code = "Đ".repeat(100);
        log.push(2, Some(code.as_bytes()));
        assert_eq!(log.text(0), "Đ".repeat(80));
    }
}
