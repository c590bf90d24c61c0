//! Office hours by season (giờ làm việc theo mùa): the default Nghệ An seasons, and the
//! configuration's seasons read and checked into intervals of seconds.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use super::calendar_error;
use super::config::{Interval, OfficeSeason};
use crate::datetime::parse_time;
use crate::error::Result;

/// A validated season of office hours.
#[derive(Clone, Debug)]
pub(super) struct Season {
    /// `month * 32 + day` of its first day.
    pub(super) start: u32,
    /// `[start, end)` seconds of the day.
    pub(super) intervals: Vec<(u32, u32)>,
    /// Sum of the intervals, seconds.
    pub(super) total: u32,
}

pub(super) fn default_seasons() -> Vec<OfficeSeason> {
    let iv = |s: &str, e: &str| Interval {
        start: s.into(),
        end: e.into(),
    };
    vec![
        OfficeSeason {
            from: "04-16".into(),
            name: Some("Mùa hè (summer)".into()),
            intervals: vec![iv("07:00", "11:30"), iv("13:30", "17:00")],
        },
        OfficeSeason {
            from: "10-16".into(),
            name: Some("Mùa đông (winter)".into()),
            intervals: vec![iv("07:30", "12:00"), iv("13:30", "17:00")],
        },
    ]
}

pub(super) fn secs(t: NaiveTime) -> u32 {
    t.num_seconds_from_midnight()
}

pub(super) fn parse_seasons(list: &[OfficeSeason]) -> Result<Vec<Season>> {
    if list.is_empty() || list.len() > 24 {
        return Err(calendar_error(
            "officeHours",
            "Giờ làm việc phải có từ 1 đến 24 mùa.".into(),
            "Office hours must have 1 to 24 seasons.".into(),
        ));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, s) in list.iter().enumerate() {
        let f = format!("officeHours[{i}].from");
        let b = s.from.trim().as_bytes();
        let md = if b.len() == 5
            && b[2] == b'-'
            && b.iter()
                .enumerate()
                .all(|(k, c)| k == 2 || c.is_ascii_digit())
        {
            let m = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
            let d = u32::from(b[3] - b'0') * 10 + u32::from(b[4] - b'0');
            NaiveDate::from_ymd_opt(2000, m, d).map(|_| m * 32 + d)
        } else {
            None
        };
        let start = md.ok_or_else(|| {
            calendar_error(
                f.clone(),
                format!(
                    "Ngày bắt đầu mùa \"{}\" không hợp lệ (định dạng MM-DD).",
                    crate::message::truncate_for_message(&s.from)
                ),
                format!(
                    "The season start \"{}\" is invalid (format MM-DD).",
                    crate::message::truncate_for_message(&s.from)
                ),
            )
        })?;
        if s.intervals.is_empty() || s.intervals.len() > 12 {
            return Err(calendar_error(
                format!("officeHours[{i}].intervals"),
                "Mỗi mùa phải có từ 1 đến 12 khoảng giờ làm việc.".into(),
                "Each season must have 1 to 12 working intervals.".into(),
            ));
        }
        let mut ivs = Vec::with_capacity(s.intervals.len());
        let mut prev_end = 0u32;
        for (j, iv) in s.intervals.iter().enumerate() {
            let a = secs(parse_time(
                &iv.start,
                &format!("officeHours[{i}].intervals[{j}].start"),
            )?);
            let e = secs(parse_time(
                &iv.end,
                &format!("officeHours[{i}].intervals[{j}].end"),
            )?);
            if e <= a || (j > 0 && a < prev_end) {
                return Err(calendar_error(
                    format!("officeHours[{i}].intervals[{j}]"),
                    "Khoảng giờ làm việc phải kết thúc sau khi bắt đầu và không chồng lên khoảng trước.".into(),
                    "A working interval must end after it starts and not overlap the previous one.".into(),
                ));
            }
            prev_end = e;
            ivs.push((a, e));
        }
        let total = ivs.iter().map(|(a, e)| e - a).sum();
        out.push(Season {
            start,
            intervals: ivs,
            total,
        });
    }
    crate::sort::sort_by_key(&mut out, |s| s.start);
    if out.windows(2).any(|w| w[0].start == w[1].start) {
        return Err(calendar_error(
            "officeHours",
            "Hai mùa không được bắt đầu cùng một ngày.".into(),
            "Two seasons must not start on the same day.".into(),
        ));
    }
    Ok(out)
}

pub(super) fn season_of(seasons: &[Season], d: NaiveDate) -> usize {
    let md = d.month() * 32 + d.day();
    match seasons.iter().rposition(|s| s.start <= md) {
        Some(i) => i,
        None => seasons.len().saturating_sub(1),
    }
}
