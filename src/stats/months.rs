//! The trend (`byMonth`): per-month histograms filled row by row, expanded at the end into the
//! counters of each month as if it were the period. Fixed-size arrays over the plausible months
//! hold the dossiers open at each month's end, so memory never depends on the file.

use chrono::{Duration, NaiveDate};
use rustc_hash::FxHashMap;

use super::tally::Tally;
use super::values::Channel;
use super::{MonthRow, Period};
use crate::datetime::format_date;

/// Most months in the trend.
const MAX_MONTHS: i32 = 240;

/// The month of a state that never ends (no end, no due date).
pub(super) const OPEN: i32 = i32::MAX;

/// Counters keyed by months and small codes (the trend's histograms). A map gives each key a
/// place in `counts`; a 256-slot direct-mapped front of recent keys finds the usual row's place
/// without hashing the key through the map.
#[derive(Debug)]
pub(super) struct Counts<K> {
    index: FxHashMap<K, u32>,
    counts: Vec<u64>,
    /// (key, place); place `u32::MAX`: an empty slot.
    front: Box<[(K, u32); 256]>,
}

impl<K: Copy + Eq + std::hash::Hash + Default> Default for Counts<K> {
    fn default() -> Self {
        Counts {
            index: FxHashMap::default(),
            counts: Vec::new(),
            front: Box::new([(K::default(), u32::MAX); 256]),
        }
    }
}

impl<K: Copy + Eq + std::hash::Hash> Counts<K> {
    /// Adds one to `k`'s count; `mix` is any cheap function of `k` (it picks the front slot).
    #[inline]
    pub(super) fn add(&mut self, k: K, mix: u64) {
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
pub(super) struct Flows {
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
    pub(super) fn add(&mut self, r: i32, e: i32, d: i32) {
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
pub(super) struct Months {
    /// The dossiers open month by month.
    pub(super) flows: Flows,
    /// (end month, class, refused or stopped) → count.
    pub(super) resolved: Counts<(i32, u8, bool)>,
    /// (received month, channel code 0..=3) → count.
    pub(super) new: Counts<(i32, u8)>,
    /// return month → postal returns.
    pub(super) postal_returns: FxHashMap<i32, u64>,
    pub(super) min: Option<i32>,
    pub(super) max: Option<i32>,
}

impl Months {
    pub(super) fn see(&mut self, m: i32) {
        self.min = Some(self.min.map_or(m, |x| x.min(m)));
        self.max = Some(self.max.map_or(m, |x| x.max(m)));
    }

    /// One row per month from the first to the last seen (at most the last [`MAX_MONTHS`]), each
    /// with the counters of a report whose period is that month.
    pub(super) fn rows(&self) -> Vec<MonthRow> {
        let (Some(min), Some(max)) = (self.min, self.max) else {
            return Vec::new();
        };
        let start = min.max(max - (MAX_MONTHS - 1));
        let n = (max - start + 1) as usize;
        let mut t: Vec<Tally> = vec![Tally::default(); n];
        let idx = |m: i32| (m - start) as usize;
        // Prefix sums of the difference arrays up to `max`, kept from `start`.
        let f = &self.flows;
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
        for ((m, ch), c) in self.new.iter() {
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
        for ((m, cl, refused), c) in self.resolved.iter() {
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
        for (&m, &c) in &self.postal_returns {
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
}

pub(super) fn channel_code(c: Option<Channel>) -> u8 {
    match c {
        Some(Channel::InPerson) => 1,
        Some(Channel::Online) => 2,
        Some(Channel::Postal) => 3,
        None => 0,
    }
}
