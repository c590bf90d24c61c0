//! What a used row leaves behind: a 32-byte [`Record`] (its moments, groups and facts), kept
//! until the report. Keeping it, rather than adding the row to the counters at once, lets the
//! report take its period from the data (known only at the end), count a dossier code seen twice
//! once (the record of the latest state replaces the other), and merge analyses made apart.

use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};

use super::tally::Class;
use super::values::Channel;

/// A moment as seconds since 1990-01-01 00:00 (UTC+7); [`NONE`] for an absent one. Dates are
/// 1990–2100 (ingest refuses others), and a statutory due date a little later: `u32` reaches 2126.
pub(crate) type Moment = u32;
/// No moment.
pub(crate) const NONE: Moment = u32::MAX;

fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(crate::ingest::dates::MIN_YEAR, 1, 1)
        .unwrap_or_default()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
}

/// The group of a record whose groups are never read (with a given period, a dossier counted
/// only in the trend).
pub(crate) const NO_GROUP: u32 = u32::MAX;

/// Day number (days since 1970-01-01) of 1990-01-01, the first moment's day.
pub(crate) const EPOCH_DAY: i32 = 7305;

/// The moment of `t` (clamped to the range; fractions of a second dropped).
#[inline]
pub(crate) fn moment(t: NaiveDateTime) -> Moment {
    let days = i64::from(crate::datetime::day_number(t.date()) - EPOCH_DAY);
    let secs = days * 86_400 + i64::from(t.num_seconds_from_midnight());
    secs.clamp(0, i64::from(NONE) - 1) as Moment
}

/// Month index (year × 12 + month − 1) of a moment, from a table of every day's month: the
/// report converts millions of moments, and the civil-calendar arithmetic's 64-bit divisions
/// are slow in wasm.
#[inline]
pub(crate) fn month_index(m: Moment) -> i32 {
    static MONTH_OF_DAY: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let table = MONTH_OF_DAY.get_or_init(|| {
        // Every day a moment reaches: 1990-01-01 to 2126-02 (u32 seconds).
        let days = (u64::from(u32::MAX) / 86_400 + 1) as usize;
        let mut t = Vec::with_capacity(days);
        let mut month = 0u16;
        while t.len() < days {
            let year = crate::ingest::dates::MIN_YEAR + i32::from(month / 12);
            let length = match month % 12 {
                1 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
                1 => 28,
                3 | 5 | 8 | 10 => 30,
                _ => 31,
            };
            t.extend(std::iter::repeat_n(month, length));
            month += 1;
        }
        t
    });
    let day = (m / 86_400) as usize;
    crate::ingest::dates::MIN_YEAR * 12 + i32::from(table.get(day).copied().unwrap_or(0))
}

/// The moment of an optional date-time.
#[inline]
pub(crate) fn moment_of(t: Option<NaiveDateTime>) -> Moment {
    t.map_or(NONE, moment)
}

/// The date-time of a moment (`None` for [`NONE`]).
pub(crate) fn datetime(m: Moment) -> Option<NaiveDateTime> {
    (m != NONE).then(|| epoch() + Duration::seconds(i64::from(m)))
}

/// Flag bits of a [`Record`].
mod bit {
    /// Bits 0–1: the class (early, on time, late, unclassified).
    pub const CLASS: u16 = 0b11;
    pub const REFUSED: u16 = 1 << 2;
    /// Bits 3–4: the channel code (0 unknown, 1 in person, 2 online, 3 postal).
    pub const CHANNEL_SHIFT: u16 = 3;
    pub const POSTAL_RETURN: u16 = 1 << 5;
    pub const ESTIMATED: u16 = 1 << 6;
    pub const FEE_BEARING: u16 = 1 << 7;
    pub const PAID_ONLINE: u16 = 1 << 8;
    /// Bits 9–10: digitisation (0 unknown, 1 no, 2 yes).
    pub const DIGIT_SHIFT: u16 = 9;
    pub const COMPLAINT: u16 = 1 << 11;
}

/// One used row, as the counters need it (32 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) received: Moment,
    /// End of processing (finishedAt, else returnedAt; never before the receipt).
    pub(crate) end: Moment,
    /// Due moment (recorded or from the catalog).
    pub(crate) due: Moment,
    /// When the result was returned (returnedAt, else the end).
    pub(crate) returned: Moment,
    /// Agency, domain and procedure group indices.
    pub(crate) groups: [u32; 3],
    flags: u16,
    /// Index of the file the row came from.
    pub(crate) file: u16,
}

/// The facts of a row that are not moments or groups.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RowFacts {
    pub(crate) class: Class,
    pub(crate) refused: bool,
    pub(crate) channel: Option<Channel>,
    /// The result is returned by post.
    pub(crate) postal_return: bool,
    pub(crate) estimated: bool,
    pub(crate) fee_bearing: bool,
    pub(crate) paid_online: bool,
    pub(crate) digit: Option<bool>,
    pub(crate) complaint: bool,
}

impl Record {
    /// A record from its parts.
    #[inline]
    pub(crate) fn new(
        [received, end, due, returned]: [Moment; 4],
        groups: [u32; 3],
        f: &RowFacts,
        file: u16,
    ) -> Record {
        let channel = match f.channel {
            None => 0,
            Some(Channel::InPerson) => 1,
            Some(Channel::Online) => 2,
            Some(Channel::Postal) => 3,
        };
        let digit = match f.digit {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        };
        let on = |b: bool, bit: u16| if b { bit } else { 0 };
        let flags = u16::from(f.class.code())
            | on(f.refused, bit::REFUSED)
            | channel << bit::CHANNEL_SHIFT
            | on(f.postal_return, bit::POSTAL_RETURN)
            | on(f.estimated, bit::ESTIMATED)
            | on(f.fee_bearing, bit::FEE_BEARING)
            | on(f.paid_online, bit::PAID_ONLINE)
            | digit << bit::DIGIT_SHIFT
            | on(f.complaint, bit::COMPLAINT);
        Record {
            received,
            end,
            due,
            returned,
            groups,
            flags,
            file,
        }
    }

    /// The facts back.
    #[inline]
    pub(crate) fn facts(&self) -> RowFacts {
        let f = self.flags;
        RowFacts {
            class: Class::from_code((f & bit::CLASS) as u8),
            refused: f & bit::REFUSED != 0,
            channel: match (f >> bit::CHANNEL_SHIFT) & 3 {
                1 => Some(Channel::InPerson),
                2 => Some(Channel::Online),
                3 => Some(Channel::Postal),
                _ => None,
            },
            postal_return: f & bit::POSTAL_RETURN != 0,
            estimated: f & bit::ESTIMATED != 0,
            fee_bearing: f & bit::FEE_BEARING != 0,
            paid_online: f & bit::PAID_ONLINE != 0,
            digit: match (f >> bit::DIGIT_SHIFT) & 3 {
                1 => Some(false),
                2 => Some(true),
                _ => None,
            },
            complaint: f & bit::COMPLAINT != 0,
        }
    }

    /// The record as 32 little-endian bytes (for snapshots).
    pub(crate) fn to_bytes(self) -> [u8; 32] {
        let mut b = [0u8; 32];
        let words = [self.received, self.end, self.due, self.returned];
        for (i, w) in words.iter().chain(&self.groups).enumerate() {
            b[4 * i..4 * i + 4].copy_from_slice(&w.to_le_bytes());
        }
        b[28..30].copy_from_slice(&self.flags.to_le_bytes());
        b[30..32].copy_from_slice(&self.file.to_le_bytes());
        b
    }

    /// The record of [`Record::to_bytes`].
    pub(crate) fn from_bytes(b: &[u8; 32]) -> Record {
        let word =
            |i: usize| u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]]);
        Record {
            received: word(0),
            end: word(1),
            due: word(2),
            returned: word(3),
            groups: [word(4), word(5), word(6)],
            flags: u16::from_le_bytes([b[28], b[29]]),
            file: u16::from_le_bytes([b[30], b[31]]),
        }
    }

    /// A record with only an end (and return) moment: plain facts, no receipt, no due date.
    #[cfg(test)]
    pub(crate) fn ended_at(end: Moment) -> Record {
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

    /// Whether `self`, seen later for the same dossier code, replaces `kept`: an end over none,
    /// then the later end, then the later row.
    pub(crate) fn supersedes(&self, kept: &Record) -> bool {
        match (kept.end, self.end) {
            (NONE, _) => true,
            (_, NONE) => false,
            (k, s) => s >= k,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn a_record_is_32_bytes_and_gives_its_facts_back() {
        assert_eq!(std::mem::size_of::<Record>(), 32);
        let f = RowFacts {
            class: Class::Late,
            refused: true,
            channel: Some(Channel::Postal),
            postal_return: false,
            estimated: true,
            fee_bearing: true,
            paid_online: false,
            digit: Some(true),
            complaint: true,
        };
        let r = Record::new([1, 2, NONE, 2], [7, 8, 9], &f, 3);
        let g = r.facts();
        assert_eq!(g.class, Class::Late);
        assert!(g.refused && g.estimated && g.fee_bearing && g.complaint);
        assert!(!g.paid_online && !g.postal_return);
        assert_eq!(g.channel, Some(Channel::Postal));
        assert_eq!(g.digit, Some(true));
    }

    #[test]
    fn records_round_trip_through_bytes() {
        let r = Record {
            received: 1,
            end: NONE,
            due: 0x0102_0304,
            returned: 7,
            groups: [9, u32::MAX - 1, 3],
            flags: 0xABCD,
            file: 513,
        };
        assert_eq!(Record::from_bytes(&r.to_bytes()), r);
    }

    #[test]
    fn the_latest_state_wins() {
        let rec = Record::ended_at;
        assert!(rec(5).supersedes(&rec(NONE)), "an end over none");
        assert!(!rec(NONE).supersedes(&rec(5)), "none never over an end");
        assert!(rec(6).supersedes(&rec(5)), "the later end");
        assert!(!rec(4).supersedes(&rec(5)));
        assert!(rec(5).supersedes(&rec(5)), "then the later row");
        assert!(rec(NONE).supersedes(&rec(NONE)));
    }

    #[test]
    fn month_indices_match_the_calendar() {
        let mut d = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        while d.year() < 2126 {
            let t = d.and_hms_opt(23, 59, 59).unwrap();
            assert_eq!(
                month_index(moment(t)),
                d.year() * 12 + d.month0() as i32,
                "{d}"
            );
            d += Duration::days(13);
        }
        assert_eq!(crate::datetime::day_number(epoch().date()), EPOCH_DAY);
    }

    #[test]
    fn moments_round_trip() {
        let t = NaiveDate::from_ymd_opt(2021, 8, 16)
            .unwrap()
            .and_hms_opt(9, 30, 5)
            .unwrap();
        assert_eq!(datetime(moment(t)), Some(t));
        assert_eq!(datetime(NONE), None);
    }
}
