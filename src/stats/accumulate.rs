//! The one-pass accumulator: rows in, counters out. Nothing is kept per row.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::catalog::{describe, statutory_due, Catalog};
use super::d766::{self, D766Input};
use super::values::{
    parse_amount, parse_channel, parse_count, parse_flag, parse_return_method, parse_status,
    Channel, Status,
};
use super::*;
use crate::calendar::{classify, Classification, WorkCalendar};
use crate::datetime::{format_date, format_datetime};
use crate::ingest::dates::DateCache;
use crate::ingest::{
    kept_text, Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink, SourceInfo, FIELD_COUNT, LIMITS,
};
use crate::message::truncate_for_message;

/// A small fast hasher (FxHash) for the per-row maps keyed by bytes.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn write_i32(&mut self, i: i32) {
        self.add(i as u32 as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Raw cell bytes as a map key. Compared eight bytes at a time: in wasm, `memcmp` is a byte
/// loop, and the per-row lookups (agency, procedure, status, channel …) compare whole names.
#[derive(Debug)]
struct ByteKey(Box<[u8]>);

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
type BytesMap<V> = hashbrown::HashMap<ByteKey, V, BuildHasherDefault<Fx>>;

/// Slots of a [`RawMap`]'s front (a power of two).
const FRONT_SLOTS: usize = 64;

/// A [`BytesMap`] behind a small direct-mapped front. The per-row lookups (status, channel,
/// agency …) meet a handful of distinct words again and again; the front finds them from the
/// length and two eight-byte words (one multiply), where the map hashes every byte and probes.
/// Hits and misses give the same answers as the map alone.
#[derive(Debug)]
struct RawMap {
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
    fn get(&mut self, raw: &[u8]) -> Option<u32> {
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

    fn len(&self) -> usize {
        self.map.len()
    }

    fn insert(&mut self, raw: &[u8], v: u32) {
        self.map.insert(ByteKey(raw.into()), v);
    }

    /// Bytes of the keys held (map and front).
    fn key_bytes(&self) -> usize {
        let front: usize = self.front.iter().flatten().map(|(k, _)| k.0.len()).sum();
        front + self.map.keys().map(|k| k.0.len()).sum::<usize>()
    }
}

/// The bytes of a cell that key it in a [`RawMap`] of names: at most one more than
/// [`Limits::max_kept_text_bytes`](crate::ingest::Limits), so that a longer cell (named by its
/// first bytes, cut) never shares a key with a shorter one, and no key is longer.
#[inline]
fn name_key(raw: &[u8]) -> &[u8] {
    &raw[..raw.len().min(LIMITS.max_kept_text_bytes + 1)]
}

/// Most distinct groups per dimension (agencies, domains, procedures); more go to "(khác)".
pub(crate) const MAX_GROUPS: usize = 10_000;
/// Most distinct raw spellings remembered per dimension (a name written with other spaces or
/// in NFD is another spelling of the same group); others are looked up by name each time.
const MAX_SPELLINGS: usize = 2 * MAX_GROUPS;
/// Most distinct raw words cached per column.
const MAX_CACHE: usize = 4096;
/// Most problems listed in full, whatever `maxProblems` asks (all are counted).
pub(crate) const MAX_LISTED_PROBLEMS: usize = 100_000;
/// Most distinct unknown words tracked.
const MAX_UNKNOWN: usize = 1000;
/// Most audit items listed.
const MAX_AUDIT: usize = 1000;

/// The most bytes of text an [`Accumulator`] keeps from a file, whatever its size (≈ 42 MB): every
/// kept text is at most [`Limits::max_kept_text_bytes`](crate::ingest::Limits) (256) bytes, and
/// there are at most, per dimension (agency, domain, procedure), 10 000 group names (held twice)
/// and 20 000 raw spellings (plus 64 recent ones), 4 096 cached words per word column (status,
/// channel, return method), 1 000 unknown words, three details per procedure and 1 000 audit
/// items. Each kept text costs a constant overhead on top (its map entry). The problems listed
/// are bounded apart: `maxProblems` (default 1 000, at most 100 000) of a few hundred bytes each.
pub const MAX_HELD_TEXT_BYTES: usize = {
    let k = LIMITS.max_kept_text_bytes;
    let groups = 2 * (MAX_GROUPS + 1) * k + (MAX_SPELLINGS + FRONT_SLOTS) * (k + 1);
    let words = (MAX_CACHE + FRONT_SLOTS) * k;
    3 * groups + 3 * words + MAX_UNKNOWN * k + 3 * (MAX_GROUPS + 1) * k + 2 * MAX_AUDIT * k
};
/// Most months in the trend.
const MAX_MONTHS: i32 = 240;
/// Name of an empty group key.
const UNKNOWN_NAME: &str = "(không rõ)";
/// Name of the overflow group.
const OTHER_NAME: &str = "(khác)";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Early,
    OnTime,
    Late,
    Unclassified,
}

impl Class {
    fn code(self) -> u8 {
        self as u8
    }
}

#[derive(Clone, Copy, Debug)]
enum Outcome {
    Resolved(Class),
    Pending { overdue: bool, due_unknown: bool },
}

/// What one relevant row contributes.
#[derive(Clone, Copy, Debug)]
struct Facts {
    carried: bool,
    channel: Option<Channel>,
    outcome: Outcome,
    estimated: bool,
    refused: bool,
    fee_bearing: bool,
    paid_online: bool,
    digit: Option<bool>,
    complaint: bool,
    time: Option<(f64, Option<i32>)>,
}

#[derive(Clone, Debug, Default)]
struct Tally {
    carried: u64,
    new: u64,
    in_person: u64,
    online: u64,
    postal: u64,
    unknown_channel: u64,
    early: u64,
    on_time: u64,
    late: u64,
    unclassified: u64,
    refused: u64,
    within: u64,
    overdue: u64,
    due_unknown: u64,
    postal_returns: u64,
    estimated: u64,
    fee_bearing: u64,
    paid_online: u64,
    digit_den: u64,
    digit_ok: u64,
    complaints: u64,
    time_n: u64,
    time_secs: f64,
    wd_n: u64,
    wd_sum: i64,
}

/// `num / den × 100` rounded half-up to 2 decimals; `None` when `den` is 0.
pub(crate) fn rate(num: u64, den: u64) -> Option<f64> {
    if den == 0 {
        return None;
    }
    let (n, d) = (u128::from(num), u128::from(den));
    let hundredths = (n * 20_000 + d) / (2 * d);
    Some(hundredths as f64 / 100.0)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl Tally {
    #[inline]
    fn add(&mut self, f: &Facts) {
        if f.carried {
            self.carried += 1;
        } else {
            self.new += 1;
            match f.channel {
                Some(Channel::InPerson) => self.in_person += 1,
                Some(Channel::Online) => self.online += 1,
                Some(Channel::Postal) => self.postal += 1,
                None => self.unknown_channel += 1,
            }
            if f.fee_bearing {
                self.fee_bearing += 1;
                if f.paid_online {
                    self.paid_online += 1;
                }
            }
            if let Some(ok) = f.digit {
                self.digit_den += 1;
                if ok {
                    self.digit_ok += 1;
                }
            }
        }
        if f.complaint {
            self.complaints += 1;
        }
        if f.estimated {
            self.estimated += 1;
        }
        match f.outcome {
            Outcome::Resolved(c) => {
                match c {
                    Class::Early => self.early += 1,
                    Class::OnTime => self.on_time += 1,
                    Class::Late => self.late += 1,
                    Class::Unclassified => self.unclassified += 1,
                }
                if f.refused {
                    self.refused += 1;
                }
                if let Some((secs, wd)) = f.time {
                    self.time_n += 1;
                    self.time_secs += secs;
                    if let Some(w) = wd {
                        self.wd_n += 1;
                        self.wd_sum += i64::from(w);
                    }
                }
            }
            Outcome::Pending {
                overdue,
                due_unknown,
            } => {
                if overdue {
                    self.overdue += 1;
                } else {
                    self.within += 1;
                    if due_unknown {
                        self.due_unknown += 1;
                    }
                }
            }
        }
    }

    fn counters(&self) -> Counters {
        let resolved_total = self.early + self.on_time + self.late + self.unclassified;
        Counters {
            received: ReceivedCounts {
                total: self.carried + self.new,
                carried_over: self.carried,
                new: self.new,
                in_person: self.in_person,
                online: self.online,
                postal: self.postal,
                unknown_channel: self.unknown_channel,
            },
            resolved: ResolvedCounts {
                total: resolved_total,
                early: self.early,
                on_time: self.on_time,
                late: self.late,
                unclassified: self.unclassified,
                on_time_rate: rate(
                    self.early + self.on_time,
                    self.early + self.on_time + self.late,
                ),
                refused_or_stopped: self.refused,
            },
            pending: PendingCounts {
                total: self.within + self.overdue,
                within_deadline: self.within,
                overdue: self.overdue,
                due_unknown: self.due_unknown,
            },
            online_rate: rate(self.online, self.new),
            postal_uses: self.postal + self.postal_returns,
            estimated_due: self.estimated,
        }
    }

    fn processing(&self, statutory: Option<String>) -> ProcessingTime {
        ProcessingTime {
            count: self.time_n,
            avg_calendar_days: (self.time_n > 0)
                .then(|| round2(self.time_secs / 86_400.0 / self.time_n as f64)),
            avg_working_days: (self.wd_n > 0)
                .then(|| round2(self.wd_sum as f64 / self.wd_n as f64)),
            statutory,
        }
    }
}

/// Interned groups (agencies, domains, procedures) with their tallies.
#[derive(Debug, Default)]
struct Groups {
    by_raw: RawMap,
    by_name: HashMap<String, u32>,
    names: Vec<String>,
    tallies: Vec<Tally>,
}

impl Groups {
    /// The group of a cell's text (a longer text than the cap is named by its first bytes, cut).
    fn index(&mut self, raw: &[u8]) -> usize {
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
                    self.tallies.push(Tally::default());
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

    /// Bytes of the texts held (names twice: list and index; raw spellings).
    fn text_bytes(&self) -> usize {
        2 * self.names.iter().map(String::len).sum::<usize>() + self.by_raw.key_bytes()
    }

    /// Indices sorted by received total descending, then name.
    fn order(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.names.len())
            .filter(|&i| {
                let t = &self.tallies[i];
                t.carried + t.new + t.postal_returns > 0
            })
            .collect();
        crate::sort::sort_by(&mut idx, |&a, &b| {
            let (ta, tb) = (&self.tallies[a], &self.tallies[b]);
            (tb.carried + tb.new)
                .cmp(&(ta.carried + ta.new))
                .then_with(|| self.names[a].cmp(&self.names[b]))
        });
        idx
    }
}

/// A capped cache of word → meaning, keyed by the raw bytes.
#[derive(Debug)]
struct WordCache<V: Copy> {
    /// Raw word → index in `values`.
    map: RawMap,
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
    fn get(&mut self, raw: &[u8], parse: impl Fn(&str) -> Option<V>) -> Option<V> {
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

/// Working days between dates through a prefix table built from `is_working_day`.
#[derive(Debug)]
struct WorkingDays {
    cal: Option<WorkCalendar>,
    first_year: i32,
    /// prefix[i] = working days in [Jan 1 of first_year, that + i days).
    prefix: Vec<i32>,
    broken: Option<String>,
}

impl WorkingDays {
    fn new(cal: Option<WorkCalendar>) -> WorkingDays {
        WorkingDays {
            cal,
            first_year: 0,
            prefix: Vec::new(),
            broken: None,
        }
    }

    fn build(&mut self, from_year: i32, to_year: i32) -> bool {
        let Some(cal) = &self.cal else { return false };
        let (Some(start), Some(end)) = (
            NaiveDate::from_ymd_opt(from_year, 1, 1),
            NaiveDate::from_ymd_opt(to_year + 1, 1, 1),
        ) else {
            return false;
        };
        let mut prefix = Vec::with_capacity((end - start).num_days() as usize + 1);
        prefix.push(0);
        let mut n = 0;
        let mut d = start;
        while d < end {
            match cal.is_working_day(d) {
                Ok(true) => n += 1,
                Ok(false) => {}
                Err(e) => {
                    self.broken = Some(e.to_string());
                    return false;
                }
            }
            prefix.push(n);
            d = match d.succ_opt() {
                Some(x) => x,
                None => return false,
            };
        }
        self.first_year = from_year;
        self.prefix = prefix;
        true
    }

    fn offset(&self, d: NaiveDate) -> Option<usize> {
        let start = NaiveDate::from_ymd_opt(self.first_year, 1, 1)?;
        let o = (d - start).num_days();
        (o >= 0 && (o as usize) < self.prefix.len()).then_some(o as usize)
    }

    /// workingDaysBetween(from, to): working days w with from ≤ w < to (negative if to < from).
    fn between(&mut self, from: NaiveDate, to: NaiveDate) -> Option<i32> {
        if self.broken.is_some() || self.cal.is_none() {
            return None;
        }
        if self.offset(from).is_none() || self.offset(to).is_none() {
            let (lo, hi) = (from.year().min(to.year()), from.year().max(to.year()));
            let (lo, hi) = if self.prefix.is_empty() {
                (lo - 1, hi + 1)
            } else {
                let cur_hi = self.first_year + (self.prefix.len() / 366) as i32;
                (lo.min(self.first_year) - 1, hi.max(cur_hi) + 1)
            };
            if !self.build(lo.max(1900), hi.min(2200)) {
                return None;
            }
        }
        let (a, b) = (self.offset(from)?, self.offset(to)?);
        Some(self.prefix.get(b)? - self.prefix.get(a)?)
    }
}

/// Month index: year × 12 + month − 1.
fn month_of(t: NaiveDateTime) -> i32 {
    t.year() * 12 + t.month0() as i32
}

const OPEN: i32 = i32::MAX;

/// Counters keyed by months and small codes (the trend's histograms). A map gives each key a
/// place in `counts`; a 256-slot direct-mapped front of recent keys finds the usual row's place
/// without hashing the key through the map.
#[derive(Debug)]
struct Counts<K> {
    index: FxMap<K, u32>,
    counts: Vec<u64>,
    /// (key, place); place `u32::MAX`: an empty slot.
    front: Box<[(K, u32); 256]>,
}

impl<K: Copy + Eq + std::hash::Hash + Default> Default for Counts<K> {
    fn default() -> Self {
        Counts {
            index: FxMap::default(),
            counts: Vec::new(),
            front: Box::new([(K::default(), u32::MAX); 256]),
        }
    }
}

impl<K: Copy + Eq + std::hash::Hash> Counts<K> {
    /// Adds one to `k`'s count; `mix` is any cheap function of `k` (it picks the front slot).
    #[inline]
    fn add(&mut self, k: K, mix: u64) {
        let s = (mix.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize;
        let (fk, i) = self.front[s];
        if i != u32::MAX && fk == k {
            if let Some(c) = self.counts.get_mut(i as usize) {
                *c += 1;
                return;
            }
        }
        let n = self.counts.len() as u32;
        let i = *self.index.entry(k).or_insert(n);
        if i == n {
            self.counts.push(0);
        }
        self.counts[i as usize] += 1;
        self.front[s] = (k, i);
    }

    /// (key, count) pairs, in no particular order.
    fn iter(&self) -> impl Iterator<Item = (K, u64)> + '_ {
        self.index
            .iter()
            .map(|(&k, &i)| (k, self.counts[i as usize]))
    }
}

/// Month index of January 1990, the first month a plausible date can have (ingest refuses
/// earlier ones).
const FIRST_MONTH: i32 = crate::ingest::dates::MIN_YEAR * 12;
/// Months the trend's arrays cover: to December of the year after the last plausible one (a due
/// date computed from a late receipt may pass into it), plus the end slot of open ranges.
const MONTH_SLOTS: usize = ((crate::ingest::dates::MAX_YEAR + 2) * 12 - FIRST_MONTH) as usize + 1;

/// The dossiers open at the end of each month, as difference arrays over the fixed month range
/// (a fixed 43 KB whatever the file holds): a dossier adds +1 at the month a state starts and
/// −1 at the month it ends, and the prefix sums give each month's counts.
#[derive(Debug)]
struct Flows {
    /// Received in an earlier month and not ended before this one.
    carried: Vec<i64>,
    /// Open at the month's end, due at or after it ends (or due date unknown).
    within: Vec<i64>,
    /// Open at the month's end, due before.
    overdue: Vec<i64>,
    /// Open at the month's end with no due date.
    due_unknown: Vec<i64>,
}

impl Default for Flows {
    fn default() -> Self {
        Flows {
            carried: vec![0; MONTH_SLOTS],
            within: vec![0; MONTH_SLOTS],
            overdue: vec![0; MONTH_SLOTS],
            due_unknown: vec![0; MONTH_SLOTS],
        }
    }
}

/// The slot of a month index, clamped to the arrays (OPEN is the end slot).
fn month_slot(m: i32) -> usize {
    (i64::from(m) - i64::from(FIRST_MONTH)).clamp(0, MONTH_SLOTS as i64 - 1) as usize
}

/// Adds one to the months `from..to` (to exclusive; OPEN: to the end).
fn add_months(diff: &mut [i64], from: i32, to: i32) {
    if from < to {
        diff[month_slot(from)] += 1;
        diff[month_slot(to)] -= 1;
    }
}

impl Flows {
    /// A dossier received in month `r`, ended in month `e` (or OPEN), due in month `d` (or OPEN).
    fn add(&mut self, r: i32, e: i32, d: i32) {
        add_months(&mut self.carried, r.saturating_add(1), e.saturating_add(1));
        if d == OPEN {
            add_months(&mut self.within, r, e);
            add_months(&mut self.due_unknown, r, e);
        } else {
            add_months(&mut self.within, r, e.min(d));
            add_months(&mut self.overdue, r.max(d), e);
        }
    }
}

/// The per-month histograms from which the trend is expanded at the end.
#[derive(Debug, Default)]
struct Months {
    /// The dossiers open month by month.
    flows: Flows,
    /// (end month, class, refused or stopped) → count.
    resolved: Counts<(i32, u8, bool)>,
    /// (received month, channel code 0..=3) → count.
    new: Counts<(i32, u8)>,
    /// return month → postal returns.
    postal_returns: FxMap<i32, u64>,
    min: Option<i32>,
    max: Option<i32>,
}

impl Months {
    fn see(&mut self, m: i32) {
        self.min = Some(self.min.map_or(m, |x| x.min(m)));
        self.max = Some(self.max.map_or(m, |x| x.max(m)));
    }
}

fn channel_code(c: Option<Channel>) -> u8 {
    match c {
        Some(Channel::InPerson) => 1,
        Some(Channel::Online) => 2,
        Some(Channel::Postal) => 3,
        None => 0,
    }
}

/// Accumulates rows into a [`Report`]. Implements [`RowSink`]; [`Analyzer`] drives it.
#[derive(Debug)]
pub struct Accumulator {
    date_cache: DateCache,
    period: Period,
    p0: NaiveDateTime,
    p1: NaiveDateTime,
    headers: [Option<String>; FIELD_COUNT],
    source: SourceInfo,
    columns: BTreeMap<String, String>,
    started: bool,
    totals: Tally,
    agencies: Groups,
    domains: Groups,
    procedures: Groups,
    /// Per procedure group: (code, name, domain) as first seen.
    proc_info: Vec<(String, String, String)>,
    months: Months,
    rows: u64,
    skipped: u64,
    outside: u64,
    max_problems: usize,
    skipped_problems: Vec<Problem>,
    warnings: Vec<Problem>,
    counts: BTreeMap<String, u64>,
    unknown: HashMap<(Field, String), (u64, u64)>,
    channels: WordCache<Channel>,
    returns: WordCache<Channel>,
    statuses: WordCache<Status>,
    calendar: Option<WorkCalendar>,
    working_days: WorkingDays,
    catalog: Catalog,
    catalog_error: Option<String>,
    audit: Audit,
    weights: BTreeMap<String, IndicatorWeight>,
    /// Fields in which a value was cut at the cap (the first cut is described, all are counted).
    cut_fields: [bool; FIELD_COUNT],
}

impl Accumulator {
    /// An accumulator for the options (period, calendar, catalog, weights checked here).
    pub fn new(options: &AnalyzeOptions) -> Result<Accumulator> {
        let from = crate::datetime::parse_date(&options.period.from, "period.from")?;
        let to = crate::datetime::parse_date(&options.period.to, "period.to")?;
        if to < from {
            return Err(options_error(
                format!(
                    "Kỳ báo cáo không hợp lệ: ngày kết thúc {} trước ngày bắt đầu {}.",
                    format_date(to),
                    format_date(from)
                ),
                format!(
                    "Invalid period: the end {} is before the start {}.",
                    format_date(to),
                    format_date(from)
                ),
                "period",
            ));
        }
        let p0 = from.and_time(NaiveTime::MIN);
        let p1 = to
            .succ_opt()
            .ok_or_else(|| {
                options_error(
                    "Ngày kết thúc quá lớn.".into(),
                    "End date too large.".into(),
                    "period.to",
                )
            })?
            .and_time(NaiveTime::MIN);
        let calendar = WorkCalendar::new(&options.calendar.clone().unwrap_or_default())?;
        let catalog = Catalog::new(options.catalog.as_deref().unwrap_or(&[]))?;
        let mut weights = d766::default_weights();
        if let Some(w) = &options.d766_weights {
            for (k, v) in w {
                if !weights.contains_key(k) {
                    return Err(options_error(
                        format!("Chỉ số \"{}\" không thuộc Quyết định 766 được tính (2.1, 3.3, 3.6, 4.2, 5.4).", truncate_for_message(k)),
                        format!("Indicator \"{}\" is not one computed (2.1, 3.3, 3.6, 4.2, 5.4).", truncate_for_message(k)),
                        "d766Weights",
                    ));
                }
                if !(v.max_points.is_finite()
                    && v.max_points >= 0.0
                    && v.threshold.is_finite()
                    && v.threshold > 0.0
                    && v.threshold <= 100.0)
                {
                    return Err(options_error(
                        format!("Trọng số của chỉ số {k} không hợp lệ (điểm ≥ 0, ngưỡng trong (0, 100])."),
                        format!("The weight of indicator {k} is invalid (points ≥ 0, threshold in (0, 100])."),
                        "d766Weights",
                    ));
                }
                weights.insert(k.clone(), *v);
            }
        }
        Ok(Accumulator {
            date_cache: DateCache::default(),
            period: Period {
                from: format_date(from),
                to: format_date(to),
            },
            p0,
            p1,
            headers: Default::default(),
            source: SourceInfo::default(),
            columns: BTreeMap::new(),
            started: false,
            totals: Tally::default(),
            agencies: Groups::default(),
            domains: Groups::default(),
            procedures: Groups::default(),
            proc_info: Vec::new(),
            months: Months::default(),
            rows: 0,
            skipped: 0,
            outside: 0,
            max_problems: options
                .max_problems
                .map_or(1000, |m| m as usize)
                .min(MAX_LISTED_PROBLEMS),
            skipped_problems: Vec::new(),
            warnings: Vec::new(),
            counts: BTreeMap::new(),
            unknown: HashMap::new(),
            channels: WordCache::default(),
            returns: WordCache::default(),
            statuses: WordCache::default(),
            working_days: WorkingDays::new(Some(calendar.clone())),
            calendar: Some(calendar),
            catalog,
            catalog_error: None,
            audit: Audit::default(),
            weights,
            cut_fields: [false; FIELD_COUNT],
        })
    }

    /// Bytes of the texts the accumulator holds from the file (group names and spellings, cached
    /// and unknown words, procedure details, audit items): at most
    /// [`MAX_HELD_TEXT_BYTES`](super::MAX_HELD_TEXT_BYTES), whatever the file. For tests.
    #[doc(hidden)]
    pub fn held_text_bytes(&self) -> usize {
        let groups =
            self.agencies.text_bytes() + self.domains.text_bytes() + self.procedures.text_bytes();
        let words = self.channels.map.key_bytes()
            + self.returns.map.key_bytes()
            + self.statuses.map.key_bytes();
        let unknown: usize = self.unknown.keys().map(|(_, v)| v.len()).sum();
        let info: usize = self
            .proc_info
            .iter()
            .map(|(c, n, d)| c.len() + n.len() + d.len())
            .sum();
        let audit: usize = self
            .audit
            .items
            .iter()
            .map(|a| a.id.len() + a.procedure_code.len())
            .sum();
        groups + words + unknown + info + audit
    }

    /// Counts a value cut at the cap; the first cut of each field is described.
    #[cold]
    #[inline(never)]
    fn value_cut(&mut self, row: u64, field: Field) {
        if std::mem::replace(&mut self.cut_fields[field as usize], true) {
            if let Some(n) = self.counts.get_mut("valueTruncated") {
                *n += 1;
            }
            return;
        }
        let cap = LIMITS.max_kept_text_bytes;
        self.problem(
            row,
            Some(field),
            "valueTruncated",
            || {
                (
                    format!(
                        "Giá trị ở cột {} dài quá {cap} byte: chỉ giữ phần đầu, kết thúc bằng \"…\" (các giá trị bị cắt khác được đếm trong valueTruncated).",
                        field.label_vi()
                    ),
                    format!(
                        "A value in the {} column is longer than {cap} bytes: only its start is kept, ending with \"…\" (other cut values are counted in valueTruncated).",
                        field.label_en()
                    ),
                )
            },
            false,
        );
    }

    /// Counts the cut when `cell` is a text longer than the cap.
    #[inline]
    fn check_length(&mut self, row: u64, field: Field, cell: Cell<'_>) {
        if let Cell::Text(t) = cell {
            if t.len() > LIMITS.max_kept_text_bytes {
                self.value_cut(row, field);
            }
        }
    }

    /// Data rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.rows
    }

    fn has(&self, f: Field) -> bool {
        self.headers[f as usize].is_some()
    }

    /// Counts a problem and, while the list has room, describes it: `message` gives the
    /// Vietnamese and the English sentence (built only when kept).
    fn problem(
        &mut self,
        row: u64,
        field: Option<Field>,
        code: &str,
        message: impl FnOnce() -> (String, String),
        skipped: bool,
    ) {
        *self.counts.entry(code.to_string()).or_insert(0) += 1;
        let list = if skipped {
            &mut self.skipped_problems
        } else {
            &mut self.warnings
        };
        if list.len() < self.max_problems {
            let (message, message_en) = message();
            list.push(Problem {
                row,
                column: field.and_then(|f| self.headers[f as usize].clone()),
                code: code.to_string(),
                message,
                message_en,
                severity: if skipped { "skipped" } else { "warning" }.to_string(),
            });
        }
    }

    fn skip(
        &mut self,
        row: u64,
        field: Option<Field>,
        code: &str,
        message: impl FnOnce() -> (String, String),
    ) {
        self.skipped += 1;
        self.problem(row, field, code, message, true);
    }

    fn unknown_word(&mut self, row: u64, field: Field, raw: &[u8], code: &str) {
        let (value, cut) = kept_text(raw);
        if cut {
            self.value_cut(row, field);
        }
        let key = (field, value.clone());
        if let Some(e) = self.unknown.get_mut(&key) {
            e.0 += 1;
        } else if self.unknown.len() < MAX_UNKNOWN {
            self.unknown.insert(key, (1, row));
        }
        self.problem(
            row,
            Some(field),
            code,
            || {
                let v = truncate_for_message(&value);
                (
                    format!(
                        "{} \"{v}\" không xác định: không đoán, báo lại để bổ sung.",
                        field.label_vi()
                    ),
                    format!(
                        "Unknown {} \"{v}\": not guessed; reported so that it can be added.",
                        field.label_en()
                    ),
                )
            },
            false,
        );
    }

    /// Reads a date cell; `Err(())` after recording the skip.
    fn date(
        &mut self,
        row: u64,
        field: Field,
        cell: Cell<'_>,
    ) -> std::result::Result<Option<NaiveDateTime>, ()> {
        if cell.is_empty() {
            return Ok(None);
        }
        match self.date_cache.parse_cell(cell) {
            Some(v) => {
                if field == Field::DueAt && !v.has_time {
                    // An appointment without a time is the end of that day.
                    Ok(Some(v.at.date().and_time(
                        NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN),
                    )))
                } else {
                    Ok(Some(v.at))
                }
            }
            None => {
                self.skip(row, Some(field), "invalidDate", || {
                    let shown = truncate_for_message(&cell.to_text());
                    (
                        format!(
                            "Giá trị \"{shown}\" ở cột {} không phải là ngày hợp lệ (dd/mm/yyyy [HH:mm[:ss]], HH:mm dd/mm/yyyy, yyyy-mm-dd, ISO 8601 hoặc số ngày Excel; năm 1990–2100): dòng không được tính.",
                            field.label_vi()
                        ),
                        format!(
                            "The value \"{shown}\" in the {} column is not a valid date (dd/mm/yyyy [HH:mm[:ss]], HH:mm dd/mm/yyyy, yyyy-mm-dd, ISO 8601 or an Excel day number; years 1990–2100): the row is not counted.",
                            field.label_en()
                        ),
                    )
                });
                Err(())
            }
        }
    }

    fn process<R: FieldRow>(&mut self, row: u64, r: &R) {
        self.rows += 1;
        // Dates first: a row without a usable receipt date, or with an unreadable date, is skipped.
        let rc = r.get(Field::ReceivedAt);
        if rc.is_empty() {
            self.skip(row, Some(Field::ReceivedAt), "missingReceivedAt", || {
                (
                    "Thiếu ngày tiếp nhận: dòng không được tính.".to_string(),
                    "No receipt date: the row is not counted.".to_string(),
                )
            });
            return;
        }
        let Ok(Some(received)) = self.date(row, Field::ReceivedAt, rc) else {
            return;
        };
        let Ok(recorded_due) = self.date(row, Field::DueAt, r.get(Field::DueAt)) else {
            return;
        };
        let Ok(finished) = self.date(row, Field::FinishedAt, r.get(Field::FinishedAt)) else {
            return;
        };
        let Ok(returned) = self.date(row, Field::ReturnedAt, r.get(Field::ReturnedAt)) else {
            return;
        };

        let mut end = finished.or(returned);
        if let Some(e) = end {
            if e < received {
                self.problem(
                    row,
                    Some(if finished.is_some() {
                        Field::FinishedAt
                    } else {
                        Field::ReturnedAt
                    }),
                    "endBeforeReceipt",
                    || {
                        let (e, r) = (format_datetime(e), format_datetime(received));
                        (
                            format!("Ngày kết thúc {e} trước ngày tiếp nhận {r}: coi như kết thúc lúc tiếp nhận."),
                            format!("The end date {e} is before the receipt date {r}: taken as ended on receipt."),
                        )
                    },
                    false,
                );
                end = Some(received);
            }
        }

        // Status.
        let mut status = None;
        if let Cell::Text(t) = r.get(Field::Status) {
            status = self.statuses.get(t, parse_status);
            if status.is_none() {
                self.unknown_word(row, Field::Status, t, "unknownStatus");
            }
        }
        if status.is_some_and(Status::is_ended) && end.is_none() {
            self.problem(
                row,
                Some(Field::Status),
                "endedWithoutDate",
                || {
                    (
                        "Trạng thái cho biết hồ sơ đã kết thúc nhưng không có ngày kết thúc xử lý hay ngày trả kết quả: tính là đang giải quyết.".to_string(),
                        "The status says the dossier has ended, but there is no end-of-processing or return date: counted as pending.".to_string(),
                    )
                },
                false,
            );
        }
        let refused = matches!(status, Some(Status::Refused | Status::Stopped));

        // Supplement requests.
        let sc = r.get(Field::SupplementCount);
        let supplements = match parse_count(sc) {
            Some(n) => n,
            None => {
                self.problem(
                    row,
                    Some(Field::SupplementCount),
                    "invalidNumber",
                    || {
                        let v = truncate_for_message(&sc.to_text());
                        (
                            format!("Số lần bổ sung \"{v}\" không phải là số nguyên không âm: coi như 0."),
                            format!("The number of supplement requests \"{v}\" is not a non-negative whole number: taken as 0."),
                        )
                    },
                    false,
                );
                0
            }
        };

        // Channel.
        let channel = match r.get(Field::Channel) {
            Cell::Empty => {
                if self.has(Field::Channel) {
                    *self.counts.entry("missingChannel".into()).or_insert(0) += 1;
                }
                None
            }
            Cell::Text(t) => {
                let c = self.channels.get(t, parse_channel);
                if c.is_none() {
                    self.unknown_word(row, Field::Channel, t, "unknownChannel");
                }
                c
            }
            Cell::Number(n) | Cell::Serial(n) => match n as i64 {
                1 => Some(Channel::InPerson),
                2 => Some(Channel::Online),
                3 => Some(Channel::Postal),
                _ => {
                    let s = crate::ingest::format_number(n);
                    self.unknown_word(row, Field::Channel, s.as_bytes(), "unknownChannel");
                    None
                }
            },
            Cell::Bool(_) => None,
        };
        let return_method = match r.get(Field::ReturnMethod) {
            Cell::Text(t) => {
                let c = self.returns.get(t, parse_return_method);
                if c.is_none() {
                    self.unknown_word(row, Field::ReturnMethod, t, "unknownReturnMethod");
                }
                c
            }
            Cell::Number(n) => match n as i64 {
                1 => Some(Channel::InPerson),
                2 => Some(Channel::Online),
                3 => Some(Channel::Postal),
                _ => None,
            },
            _ => None,
        };

        // Due date: recorded, else from the catalog.
        let code_cell = r.get(Field::ProcedureCode);
        let statutory = if self.catalog.is_empty() || code_cell.is_empty() {
            None
        } else {
            self.catalog.get(&code_cell.to_text()).cloned()
        };
        let mut due = recorded_due;
        let mut estimated = false;
        if due.is_none() {
            if let (Some(proc_), Some(cal)) = (&statutory, &self.calendar) {
                match statutory_due(cal, received, proc_) {
                    Ok((d, _)) => {
                        due = Some(d);
                        estimated = true;
                    }
                    Err(e) => {
                        if self.catalog_error.is_none() {
                            self.catalog_error = Some(e.to_string());
                        }
                        *self.counts.entry("catalogDueFailed".into()).or_insert(0) += 1;
                    }
                }
            }
        }

        let in_period = |t: NaiveDateTime, s: &Self| t >= s.p0 && t < s.p1;
        let relevant = received < self.p1 && end.is_none_or(|e| e >= self.p0);
        let carried = received < self.p0;
        let class = match (end, due) {
            _ if supplements > 1 => Class::Late,
            (Some(e), Some(d)) => match classify(d, e) {
                Classification::Early => Class::Early,
                Classification::OnTime => Class::OnTime,
                Classification::Late => Class::Late,
            },
            _ => Class::Unclassified,
        };
        let return_at = returned.or(end);
        let postal_return =
            return_method == Some(Channel::Postal) && return_at.is_some_and(|t| in_period(t, self));

        // The trend (independent of the period).
        {
            let rm = month_of(received);
            let em = end.map_or(OPEN, month_of);
            let dm = due.map_or(OPEN, month_of);
            self.months.see(rm);
            if em != OPEN {
                self.months.see(em);
                let cl = class.code();
                self.months.resolved.add(
                    (em, cl, refused),
                    em as u64 ^ u64::from(cl) << 32 ^ u64::from(refused) << 40,
                );
            }
            self.months.flows.add(rm, em, dm);
            let ch = channel_code(channel);
            self.months
                .new
                .add((rm, ch), rm as u64 ^ u64::from(ch) << 32);
            if return_method == Some(Channel::Postal) {
                if let Some(t) = return_at {
                    self.months.see(month_of(t));
                    *self.months.postal_returns.entry(month_of(t)).or_insert(0) += 1;
                }
            }
        }

        if !relevant && !postal_return {
            self.outside += 1;
            return;
        }

        // Groups.
        let agency_raw = match r.get(Field::Agency) {
            Cell::Text(t) => t,
            _ => &[],
        };
        let a = self.agencies.index(agency_raw);
        let domain_raw = match r.get(Field::Domain) {
            Cell::Text(t) => t,
            _ => &[],
        };
        let d = self.domains.index(domain_raw);
        let proc_name = r.get(Field::Procedure);
        // A length check per kept cell; the cut itself is counted out of line.
        let cap = LIMITS.max_kept_text_bytes;
        if agency_raw.len() > cap {
            self.value_cut(row, Field::Agency);
        }
        if domain_raw.len() > cap {
            self.value_cut(row, Field::Domain);
        }
        self.check_length(row, Field::ProcedureCode, code_cell);
        self.check_length(row, Field::Procedure, proc_name);
        let p = match (code_cell, proc_name) {
            (Cell::Text(t), _) | (Cell::Empty, Cell::Text(t)) => self.procedures.index(t),
            (Cell::Empty, _) => self.procedures.index(&[]),
            (c, _) => self.procedures.index(c.to_text().as_bytes()),
        };
        if p >= self.proc_info.len() {
            self.proc_info.resize(p + 1, Default::default());
            let name = kept_text(proc_name.to_text().as_bytes()).0;
            let dom = kept_text(r.get(Field::Domain).to_text().as_bytes()).0;
            self.proc_info[p] = (kept_text(code_cell.to_text().as_bytes()).0, name, dom);
        }

        if postal_return {
            self.totals.postal_returns += 1;
            self.agencies.tallies[a].postal_returns += 1;
            self.domains.tallies[d].postal_returns += 1;
            self.procedures.tallies[p].postal_returns += 1;
        }
        if !relevant {
            self.outside += 1;
            return;
        }

        let outcome = match end {
            Some(e) if e < self.p1 => Outcome::Resolved(class),
            _ => Outcome::Pending {
                overdue: due.is_some_and(|d| d < self.p1),
                due_unknown: due.is_none(),
            },
        };
        let mut time = None;
        if let (Outcome::Resolved(_), Some(e)) = (outcome, end) {
            let secs = (e - received).num_seconds() as f64;
            let wd = self.working_days.between(received.date(), e.date());
            time = Some((secs, wd));
        }

        // Decision 766 facts (for new dossiers).
        let (mut fee_bearing, mut paid_online, mut digit) = (false, false, None);
        if !carried {
            let pay = r.get(Field::OnlinePayment);
            fee_bearing = if self.has(Field::Fee) {
                parse_amount(r.get(Field::Fee)).is_some_and(|x| x > 0.0)
            } else {
                self.has(Field::OnlinePayment) && !pay.is_empty()
            };
            paid_online = fee_bearing && parse_flag(pay) == Some(true);
            if self.has(Field::Digitized) {
                let comp = parse_flag(r.get(Field::Digitized)) == Some(true);
                let electronic = if self.has(Field::ElectronicResult) {
                    parse_flag(r.get(Field::ElectronicResult)) == Some(true)
                } else if self.has(Field::ResultCode) || self.has(Field::ResultFile) {
                    !r.get(Field::ResultCode).is_empty() || !r.get(Field::ResultFile).is_empty()
                } else {
                    true
                };
                digit = Some(comp && electronic);
            }
        }
        let complaint = match r.get(Field::Complaint) {
            Cell::Empty => false,
            c => parse_flag(c) != Some(false),
        };

        let facts = Facts {
            carried,
            channel,
            outcome,
            estimated,
            refused,
            fee_bearing,
            paid_online,
            digit,
            complaint,
            time,
        };
        self.totals.add(&facts);
        self.agencies.tallies[a].add(&facts);
        self.domains.tallies[d].add(&facts);
        self.procedures.tallies[p].add(&facts);

        // Audit of recorded appointments (new dossiers).
        if !carried {
            if let (Some(rd), Some(proc_), Some(cal)) = (recorded_due, &statutory, &self.calendar) {
                if let Ok((sd, _)) = statutory_due(cal, received, proc_) {
                    self.audit.checked += 1;
                    let kind = match rd.date().cmp(&sd.date()) {
                        std::cmp::Ordering::Less => Some("earlier"),
                        std::cmp::Ordering::Greater => Some("later"),
                        std::cmp::Ordering::Equal => None,
                    };
                    if let Some(kind) = kind {
                        if kind == "earlier" {
                            self.audit.earlier += 1;
                        } else {
                            self.audit.later += 1;
                        }
                        if self.audit.items.len() < MAX_AUDIT {
                            let (id, id_cut) = kept_text(r.get(Field::Id).to_text().as_bytes());
                            if id_cut {
                                self.value_cut(row, Field::Id);
                            }
                            self.audit.items.push(AuditItem {
                                row,
                                id,
                                procedure_code: kept_text(code_cell.to_text().as_bytes()).0,
                                received_at: format_datetime(received),
                                recorded_due_at: format_datetime(rd),
                                statutory_due_at: format_datetime(sd),
                                kind: kind.to_string(),
                            });
                        } else {
                            self.audit.truncated = true;
                        }
                    }
                }
            }
        }
    }

    fn month_rows(&self) -> Vec<MonthRow> {
        let (Some(min), Some(max)) = (self.months.min, self.months.max) else {
            return Vec::new();
        };
        let start = min.max(max - (MAX_MONTHS - 1));
        let n = (max - start + 1) as usize;
        let mut t: Vec<Tally> = vec![Tally::default(); n];
        let idx = |m: i32| (m - start) as usize;
        // Prefix sums of the difference arrays up to `max`, kept from `start`.
        let f = &self.months.flows;
        let (mut carried, mut within, mut overdue, mut unknown) = (0i64, 0i64, 0i64, 0i64);
        for m in FIRST_MONTH.min(start)..=max {
            let k = month_slot(m);
            if m >= FIRST_MONTH {
                carried += f.carried[k];
                within += f.within[k];
                overdue += f.overdue[k];
                unknown += f.due_unknown[k];
            }
            if m >= start {
                let tm = &mut t[idx(m)];
                tm.carried += carried as u64;
                tm.within += within as u64;
                tm.overdue += overdue as u64;
                tm.due_unknown += unknown as u64;
            }
        }
        for ((m, ch), c) in self.months.new.iter() {
            if m < start {
                continue;
            }
            let tm = &mut t[idx(m)];
            tm.new += c;
            match ch {
                1 => tm.in_person += c,
                2 => tm.online += c,
                3 => tm.postal += c,
                _ => tm.unknown_channel += c,
            }
        }
        for ((m, cl, refused), c) in self.months.resolved.iter() {
            if m < start {
                continue;
            }
            let tm = &mut t[idx(m)];
            if refused {
                tm.refused += c;
            }
            match cl {
                0 => tm.early += c,
                1 => tm.on_time += c,
                2 => tm.late += c,
                _ => tm.unclassified += c,
            }
        }
        for (&m, &c) in &self.months.postal_returns {
            if m >= start {
                t[idx(m)].postal_returns += c;
            }
        }
        t.iter()
            .enumerate()
            .filter_map(|(i, tally)| {
                let m = start + i as i32;
                let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) as u32 + 1);
                let first = NaiveDate::from_ymd_opt(y, mo, 1)?;
                let next = if mo == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(y, mo + 1, 1)?
                };
                let last = next - Duration::days(1);
                Some(MonthRow {
                    month: format!("{y:04}-{mo:02}"),
                    period: Period {
                        from: format_date(first),
                        to: format_date(last),
                    },
                    counters: tally.counters(),
                })
            })
            .collect()
    }

    /// The report of everything accumulated.
    pub fn report(&self) -> Report {
        let totals = self.totals.counters();
        let by_agency = self
            .agencies
            .order()
            .into_iter()
            .map(|i| AgencyRow {
                agency: self.agencies.names[i].clone(),
                counters: self.agencies.tallies[i].counters(),
            })
            .collect();
        let by_domain = self
            .domains
            .order()
            .into_iter()
            .map(|i| DomainRow {
                domain: self.domains.names[i].clone(),
                counters: self.domains.tallies[i].counters(),
            })
            .collect();
        let by_procedure = self
            .procedures
            .order()
            .into_iter()
            .map(|i| {
                let (code, name, domain) = self.proc_info.get(i).cloned().unwrap_or_default();
                let statutory = if code.is_empty() {
                    None
                } else {
                    self.catalog.get(&code).map(describe)
                };
                ProcedureRow {
                    procedure_code: code,
                    procedure: name,
                    domain,
                    counters: self.procedures.tallies[i].counters(),
                    processing: self.procedures.tallies[i].processing(statutory),
                }
            })
            .collect();

        let (mut notes, mut notes_en) = (Vec::new(), Vec::new());
        if let Some(e) = &self.working_days.broken {
            notes.push(format!(
                "Không tính được số ngày làm việc (lịch làm việc chưa sẵn sàng: {e}); chỉ có số ngày theo lịch."
            ));
            notes_en.push(format!(
                "Working days could not be counted (the working calendar is not ready: {e}); only calendar days are given."
            ));
        }
        if let Some(e) = &self.catalog_error {
            notes.push(format!(
                "Không tính được hạn giải quyết từ danh mục thủ tục: {e}"
            ));
            notes_en.push(format!(
                "Due dates could not be computed from the procedure catalog: {e}"
            ));
        }
        for (f, what, what_en) in [
            (
                Field::DueAt,
                "ngày hẹn trả: mọi hồ sơ đã giải quyết không có danh mục là chưa xác định hạn",
                "without a catalog every resolved dossier is unclassified",
            ),
            (
                Field::Channel,
                "kênh nộp: không chia được trực tiếp / trực tuyến / bưu chính",
                "in person / online / postal can't be told apart",
            ),
            (
                Field::FinishedAt,
                "ngày kết thúc xử lý: dùng ngày trả kết quả",
                "the return date is used",
            ),
        ] {
            if self.started && !self.has(f) {
                notes.push(format!("Tệp không có cột {what}."));
                notes_en.push(format!(
                    "The file has no {} column: {what_en}.",
                    f.label_en()
                ));
            }
        }

        // Skipped rows first (in row order), then warnings (in row order).
        let mut problems: Vec<Problem> = self.skipped_problems.clone();
        let room = self.max_problems.saturating_sub(problems.len());
        problems.extend(self.warnings.iter().take(room).cloned());
        let total_problems: u64 = self
            .counts
            .iter()
            // Counted only (missingChannel, catalogDueFailed), or listed once per column
            // (valueTruncated).
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "missingChannel" | "catalogDueFailed" | "valueTruncated"
                )
            })
            .map(|(_, v)| *v)
            .sum();
        let mut unknown: Vec<UnknownValue> = self
            .unknown
            .iter()
            .map(|((f, v), (n, first))| UnknownValue {
                field: f.name().to_string(),
                value: v.clone(),
                count: *n,
                first_row: *first,
            })
            .collect();
        crate::sort::sort_by(&mut unknown, |a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.first_row.cmp(&b.first_row))
                // Two unknown words in one row: a fixed order, not the hash map's.
                .then_with(|| a.field.cmp(&b.field))
                .then_with(|| a.value.cmp(&b.value))
        });
        unknown.truncate(200);

        let t = &self.totals;
        let d = d766::compute(
            &D766Input {
                early: t.early,
                on_time: t.on_time,
                late: t.late,
                pending_within_known: t.within - t.due_unknown,
                pending_overdue: t.overdue,
                new: t.new,
                received_total: t.carried + t.new,
                online: t.online,
                in_person: t.in_person,
                postal: t.postal,
                fee_bearing: t.fee_bearing,
                paid_online: t.paid_online,
                has_payment: self.has(Field::OnlinePayment),
                digit_den: t.digit_den,
                digit_ok: t.digit_ok,
                has_digit: self.has(Field::Digitized),
                complaints: t.complaints,
                has_complaint: self.has(Field::Complaint),
                has_channel: self.has(Field::Channel),
            },
            &self.weights,
        );

        Report {
            period: self.period.clone(),
            totals,
            by_agency,
            quality: Quality {
                rows: self.rows,
                used: self.rows - self.skipped,
                skipped: self.skipped,
                problems_truncated: total_problems > problems.len() as u64,
                problems,
                counts: self.counts.clone(),
                outside_period: self.outside,
                unknown_values: unknown,
                source: self.source.clone(),
                columns: self.columns.clone(),
                notes,
                notes_en,
            },
            by_domain,
            by_procedure,
            by_month: self.month_rows(),
            d766: d,
            audit: self.audit.clone(),
        }
    }
}

impl RowSink for Accumulator {
    fn start(&mut self, header: &HeaderMap, info: &SourceInfo) {
        self.started = true;
        for f in Field::ALL {
            self.headers[f as usize] = header.header(f).map(str::to_string);
        }
        self.columns = header.mapping();
        self.source = info.clone();
    }

    fn row<R: FieldRow>(&mut self, row: u64, values: &R) {
        self.process(row, values);
    }

    fn bad_row(&mut self, row: u64, issue: RowIssue) {
        self.rows += 1;
        let code = match issue {
            RowIssue::Empty => "emptyRow",
            RowIssue::TooLong => "rowTooLong",
            RowIssue::TooManyColumns => "tooManyColumns",
            RowIssue::NotAnObject => "notAnObject",
            RowIssue::UnterminatedQuote => "unterminatedQuote",
        };
        self.skip(row, None, code, || match issue {
            RowIssue::Empty => (
                "Dòng trống: không có dữ liệu.".to_string(),
                "Empty row: no data.".to_string(),
            ),
            RowIssue::TooLong => {
                let mib = crate::ingest::LIMITS.max_row_bytes / (1024 * 1024);
                (
                    format!("Dòng dài quá {mib} MiB: bỏ qua."),
                    format!("The row is longer than {mib} MiB: skipped."),
                )
            }
            RowIssue::TooManyColumns => {
                let n = crate::ingest::LIMITS.max_columns;
                (
                    format!("Dòng có quá {n} cột: bỏ qua."),
                    format!("The row has more than {n} columns: skipped."),
                )
            }
            RowIssue::NotAnObject => (
                "Phần tử JSON không phải là một đối tượng phẳng {\"tên cột\": giá trị}: bỏ qua."
                    .to_string(),
                "The JSON element is not a flat object {\"column name\": value}: skipped."
                    .to_string(),
            ),
            RowIssue::UnterminatedQuote => {
                let (n, kib) = (
                    crate::ingest::LIMITS.max_quoted_line_breaks,
                    crate::ingest::LIMITS.max_quoted_bytes / 1024,
                );
                (
                    format!("Dấu ngoặc kép mở ở dòng này không được đóng (sau {n} dòng hoặc {kib} KiB, hoặc đến hết tệp): bỏ qua dòng này, đọc tiếp từ dòng sau."),
                    format!("A quote opened on this row is never closed (within {n} lines or {kib} KiB, or before the end of the file): the row is skipped and reading resumes on the next line."),
                )
            }
        });
    }
}
