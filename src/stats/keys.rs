//! Maps keyed by raw cell bytes: the per-row lookups of agency, procedure, status and channel
//! texts. Keys are compared eight bytes at a time ([`bytes_eq`]) and the usual words are found
//! through a small direct-mapped front ([`RawMap`]) before the hash map.

use std::hash::Hasher;

use rustc_hash::FxBuildHasher;

use crate::ingest::LIMITS;

/// Raw cell bytes as a map key. Compared eight bytes at a time: in wasm, `memcmp` is a byte
/// loop, and the per-row lookups (agency, procedure, status, channel …) compare whole names.
#[derive(Debug)]
pub(crate) struct ByteKey(Box<[u8]>);

/// A borrowed lookup key for a [`BytesMap`] (same hash and equality as [`ByteKey`]).
struct Probe<'a>(&'a [u8]);

impl std::hash::Hash for ByteKey {
    #[inline]
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write(&self.0);
    }
}

impl std::hash::Hash for Probe<'_> {
    #[inline]
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write(self.0);
    }
}

impl PartialEq for ByteKey {
    fn eq(&self, other: &ByteKey) -> bool {
        bytes_eq(&self.0, &other.0)
    }
}

impl Eq for ByteKey {}

impl hashbrown::Equivalent<ByteKey> for Probe<'_> {
    #[inline]
    fn equivalent(&self, key: &ByteKey) -> bool {
        bytes_eq(self.0, &key.0)
    }
}

/// `a == b`, eight bytes at a time (the last word overlapping the one before it).
#[inline]
fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let mut i = 0;
    while i + 8 < n {
        if word_at(a, i) != word_at(b, i) {
            return false;
        }
        i += 8;
    }
    word_at(a, n - 8) == word_at(b, n - 8)
}

/// The eight bytes of `s` from `i` as a little-endian word (`i + 8 <= s.len()`).
#[inline]
fn word_at(s: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[i..i + 8]);
    u64::from_le_bytes(w)
}

/// A map keyed by raw cell bytes.
type BytesMap<V> = hashbrown::HashMap<ByteKey, V, FxBuildHasher>;

/// Slots of a [`RawMap`]'s front (a power of two).
pub(crate) const FRONT_SLOTS: usize = 64;

/// A [`BytesMap`] behind a small direct-mapped front. The per-row lookups (status, channel,
/// agency …) meet a handful of distinct words again and again; the front finds them from the
/// length and two eight-byte words (one multiply), where the map hashes every byte and probes.
/// Hits and misses give the same answers as the map alone.
#[derive(Debug)]
pub(crate) struct RawMap {
    front: Box<[Option<(ByteKey, u32)>; FRONT_SLOTS]>,
    map: BytesMap<u32>,
}

impl Default for RawMap {
    fn default() -> Self {
        RawMap {
            front: Box::new(std::array::from_fn(|_| None)),
            map: BytesMap::default(),
        }
    }
}

impl RawMap {
    /// The front slot of `raw`: from its length and its first and last eight bytes.
    #[inline]
    fn slot(raw: &[u8]) -> usize {
        let n = raw.len();
        let (a, b) = if n >= 8 {
            (word_at(raw, 0), word_at(raw, n - 8))
        } else {
            let mut w = [0u8; 8];
            w[..n].copy_from_slice(raw);
            (u64::from_le_bytes(w), 0)
        };
        let h = (a ^ b.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 58) as usize & (FRONT_SLOTS - 1)
    }

    #[inline]
    pub(crate) fn get(&mut self, raw: &[u8]) -> Option<u32> {
        let s = Self::slot(raw);
        if let Some((k, v)) = &self.front[s] {
            if bytes_eq(&k.0, raw) {
                return Some(*v);
            }
        }
        let v = *self.map.get(&Probe(raw))?;
        self.front[s] = Some((ByteKey(raw.into()), v));
        Some(v)
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    pub(crate) fn insert(&mut self, raw: &[u8], v: u32) {
        self.map.insert(ByteKey(raw.into()), v);
    }

    /// Bytes of the keys held (map and front).
    pub(crate) fn key_bytes(&self) -> usize {
        let front: usize = self.front.iter().flatten().map(|(k, _)| k.0.len()).sum();
        front + self.map.keys().map(|k| k.0.len()).sum::<usize>()
    }
}

/// The bytes of a cell that key it in a [`RawMap`] of names: at most one more than
/// [`Limits::max_kept_text_bytes`](crate::ingest::Limits), so that a longer cell (named by its
/// first bytes, cut) never shares a key with a shorter one, and no key is longer.
#[inline]
pub(crate) fn name_key(raw: &[u8]) -> &[u8] {
    &raw[..raw.len().min(LIMITS.max_kept_text_bytes + 1)]
}

/// Dossier codes → their record's place: open addressing over 8-byte slots (a 32-bit
/// fingerprint of the code's first hash, which also picks the slot, and the place + 1; 0 is an
/// empty slot), linear probing, at most 3/4 full. Half the bytes of a general hash map entry and
/// no separate control bytes: every coded row looks here at a random place of a table as large
/// as the file's codes, so its size is what the row step pays for.
#[derive(Debug, Default)]
pub(crate) struct CodeTable {
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl CodeTable {
    /// Room for `more` codes beyond those held, in one step (sized ahead from a file's bytes,
    /// the table is not rebuilt as it fills).
    pub(crate) fn reserve(&mut self, more: usize) {
        let need = self.len.saturating_add(more);
        if need.saturating_mul(4) > self.slots.len().saturating_mul(3) {
            self.rebuild(need);
        }
    }

    /// A table of the power of two of slots that holds `codes` at most 3/4 full, with the
    /// codes held moved over.
    fn rebuild(&mut self, codes: usize) {
        let n = (codes.saturating_mul(4) / 3 + 1)
            .next_power_of_two()
            .clamp(16, 1 << 31);
        if n <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); n]);
        for (fp, place) in old.into_iter().filter(|s| s.1 != 0) {
            let at = self.free_slot(fp);
            self.slots[at] = (fp, place);
        }
    }

    /// Where `fp`'s probe path starts: from its high bits (multiply-shift by the table size).
    #[inline]
    fn start(&self, fp: u32) -> usize {
        ((u64::from(fp) * self.slots.len() as u64) >> 32) as usize
    }

    /// The first empty slot on `fp`'s probe path (the table is never full).
    fn free_slot(&self, fp: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = self.start(fp);
        while self.slots[at].1 != 0 {
            at = (at + 1) & mask;
        }
        at
    }

    /// The place held for the code of fingerprint `fp` that `same` accepts (it checks the
    /// rest of the code's identity); otherwise `place` is held for it and `None` returned.
    #[inline]
    pub(crate) fn find_or_insert(
        &mut self,
        fp: u32,
        place: u32,
        mut same: impl FnMut(u32) -> bool,
    ) -> Option<u32> {
        if (self.len + 1).saturating_mul(4) > self.slots.len().saturating_mul(3) {
            self.rebuild(self.len + 1);
        }
        let mask = self.slots.len() - 1;
        let mut at = self.start(fp);
        loop {
            let (f, p) = self.slots[at];
            if p == 0 {
                break;
            }
            if f == fp && same(p - 1) {
                return Some(p - 1);
            }
            at = (at + 1) & mask;
        }
        self.slots[at] = (fp, place.saturating_add(1));
        self.len += 1;
        None
    }
}

#[cfg(test)]
mod code_table_tests {
    use super::CodeTable;

    #[test]
    fn codes_sharing_a_fingerprint_or_a_slot_are_kept_apart() {
        let mut t = CodeTable::default();
        // Small fingerprints all start on the first slot of a small table; 7 twice is told apart
        // by the check only.
        for (i, fp) in [5u32, 21, 37, 7, 7].into_iter().enumerate() {
            assert_eq!(t.find_or_insert(fp, i as u32, |_| false), None);
        }
        assert_eq!(t.find_or_insert(21, 99, |p| p == 1), Some(1));
        assert_eq!(t.find_or_insert(7, 99, |p| p == 4), Some(4));
        // Grown past 3/4 (and reserved ahead), every code is still found.
        t.reserve(100);
        for i in 5..1000u32 {
            let fp = i.wrapping_mul(0x9E37_79B9);
            assert_eq!(t.find_or_insert(fp, i, |_| false), None);
        }
        for i in 5..1000u32 {
            let fp = i.wrapping_mul(0x9E37_79B9);
            assert_eq!(t.find_or_insert(fp, 0, |p| p == i), Some(i));
        }
        assert_eq!(t.find_or_insert(37, 99, |p| p == 2), Some(2));
    }
}
