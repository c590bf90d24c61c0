//! Word columns (status, channel, return method): the meaning of each distinct raw word is
//! parsed once and cached.

use super::keys::RawMap;
use crate::ingest::LIMITS;

/// Most distinct raw words cached per column.
pub(crate) const MAX_CACHE: usize = 4096;

/// A capped cache of word → meaning, keyed by the raw bytes.
#[derive(Debug)]
pub(super) struct WordCache<V: Copy> {
    /// Raw word → index in `values`.
    pub(super) map: RawMap,
    values: Vec<Option<V>>,
}

impl<V: Copy> Default for WordCache<V> {
    fn default() -> Self {
        WordCache {
            map: RawMap::default(),
            values: Vec::new(),
        }
    }
}

impl<V: Copy> WordCache<V> {
    /// The meaning of a word; a word longer than
    /// [`Limits::max_kept_text_bytes`](crate::ingest::Limits) means nothing (it is unknown,
    /// without being read).
    #[inline]
    pub(super) fn get(&mut self, raw: &[u8], parse: impl Fn(&str) -> Option<V>) -> Option<V> {
        if raw.len() > LIMITS.max_kept_text_bytes {
            return None;
        }
        if let Some(i) = self.map.get(raw) {
            return self.values.get(i as usize).copied().flatten();
        }
        let v = parse(&String::from_utf8_lossy(raw));
        if self.map.len() < MAX_CACHE {
            self.map.insert(raw, self.values.len() as u32);
            self.values.push(v);
        }
        v
    }
}
