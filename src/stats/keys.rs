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

/// Up to eight bytes as a little-endian word (zero above them), shifted in: a copy of a varying
/// length would be a `memory.copy`, a call out of line in wasm engines.
#[inline]
pub(crate) fn short_word(s: &[u8]) -> u64 {
    s.iter().rev().fold(0, |w, &b| w << 8 | u64::from(b))
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
            (short_word(raw), 0)
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
