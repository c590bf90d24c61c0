//! Groups of the report (agencies, domains, procedures): a cell's text interned to a group and
//! a name, with caps so that memory never depends on the file.

use std::collections::HashMap;

use super::keys::{name_key, RawMap};
use super::tally::Tally;
use crate::ingest::kept_text;

/// Most distinct groups per dimension (agencies, domains, procedures); more go to "(khác)".
pub(crate) const MAX_GROUPS: usize = 10_000;
/// Most distinct raw spellings remembered per dimension (a name written with other spaces or
/// in NFD is another spelling of the same group); others are looked up by name each time.
pub(crate) const MAX_SPELLINGS: usize = 2 * MAX_GROUPS;
/// Name of an empty group key.
const UNKNOWN_NAME: &str = "(không rõ)";
/// Name of the overflow group.
const OTHER_NAME: &str = "(khác)";

/// Interned groups (agencies, domains, procedures) with their tallies.
#[derive(Debug, Default)]
pub(super) struct Groups {
    pub(super) by_raw: RawMap,
    pub(super) by_name: HashMap<String, u32>,
    pub(super) names: Vec<String>,
}

impl Groups {
    /// The group of a cell's text (a longer text than the cap is named by its first bytes, cut).
    pub(super) fn index(&mut self, raw: &[u8]) -> usize {
        let raw = name_key(raw);
        if let Some(i) = self.by_raw.get(raw) {
            return i as usize;
        }
        let name = if raw.is_empty() {
            UNKNOWN_NAME.to_string()
        } else {
            kept_text(raw).0
        };
        let name = if name.is_empty() {
            UNKNOWN_NAME.to_string()
        } else {
            name
        };
        let i = match self.by_name.get(&name) {
            Some(&i) => i,
            None => {
                let name = if self.names.len() >= MAX_GROUPS {
                    OTHER_NAME.to_string()
                } else {
                    name
                };
                if let Some(&i) = self.by_name.get(&name) {
                    i
                } else {
                    let i = self.names.len() as u32;
                    self.names.push(name.clone());
                    self.by_name.insert(name, i);
                    i
                }
            }
        };
        if self.by_raw.len() < MAX_SPELLINGS {
            self.by_raw.insert(raw, i);
        }
        i as usize
    }

    /// The group named `name` (a group's name from another analysis), made when new; past
    /// [`MAX_GROUPS`] a new name goes to "(khác)", as in [`Groups::index`].
    pub(super) fn index_of_name(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let name = if self.names.len() >= MAX_GROUPS {
            OTHER_NAME
        } else {
            name
        };
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.by_name.insert(name.to_string(), i);
        i
    }

    /// Bytes of the texts held (names twice: list and index; raw spellings).
    pub(super) fn text_bytes(&self) -> usize {
        2 * self.names.iter().map(String::len).sum::<usize>() + self.by_raw.key_bytes()
    }

    /// Number of groups.
    pub(super) fn len(&self) -> usize {
        self.names.len()
    }

    /// Indices of the groups with something counted, by received total descending, then name.
    pub(super) fn order(&self, tallies: &[Tally]) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.names.len().min(tallies.len()))
            .filter(|&i| {
                let t = &tallies[i];
                t.carried + t.new + t.postal_returns > 0
            })
            .collect();
        crate::sort::sort_by(&mut idx, |&a, &b| {
            let (ta, tb) = (&tallies[a], &tallies[b]);
            (tb.carried + tb.new)
                .cmp(&(ta.carried + ta.new))
                .then_with(|| self.names[a].cmp(&self.names[b]))
        });
        idx
    }
}
