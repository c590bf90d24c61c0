//! The calendar's tables, built once per configuration over 1900–2100: the status, season and
//! year of every day, the rank of every working day and the working seconds before it.

use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};

use super::notices::{builtin_notices, notice_days, Addition, SpecialDays};
use super::office_hours::{default_seasons, parse_seasons, season_of, Season};
use super::rules::{self, is_weekend, Kind, Special};
use super::{
    day_count, first_day_number, range_error, CalendarConfig, Notice, WorkCalendar, MAX_YEAR,
    MIN_YEAR,
};
use crate::datetime::parse_date;
use crate::error::Result;

#[derive(Debug)]
pub(super) struct Tables {
    pub(super) config: CalendarConfig,
    pub(super) seasons: Vec<Season>,
    /// Season of each day (index into `seasons`).
    pub(super) day_season: Vec<u8>,
    /// Year of each day, minus `MIN_YEAR`.
    pub(super) day_year: Vec<u8>,
    /// `rank[i]`: number of working days before day index `i` (length `day_count() + 1`).
    pub(super) rank: Vec<u32>,
    /// Day indices of the working days, in order.
    pub(super) working_days: Vec<u32>,
    /// `working_seconds_before[j]`: working seconds before the `j`-th working day (length `working_days.len() + 1`).
    pub(super) working_seconds_before: Vec<i64>,
    /// Length of every working day in seconds, when all seasons have the same length.
    pub(super) uniform: Option<i64>,
    /// Special days (status or name differs from an ordinary day).
    pub(super) specials: SpecialDays,
    /// Per year (from `MIN_YEAR`): no notice loaded.
    pub(super) estimated: Vec<bool>,
    /// Years with a notice loaded, and its documents.
    pub(super) notice_years: Vec<(i32, Vec<String>)>,
}

pub(super) fn build(config: &CalendarConfig) -> Result<Tables> {
    let seasons = parse_seasons(config.office_hours.as_deref().unwrap_or(&default_seasons()))?;
    // Notices: built-in, then the configuration's (replacing the same year).
    // (year, index in the configuration or usize::MAX for built-in, notice); a later one for the
    // same year replaces an earlier one.
    let mut notices: Vec<(i32, usize, Notice)> = Vec::new();
    let mut add_notice =
        |year: i32, idx: usize, n: Notice| match notices.iter_mut().find(|(y, _, _)| *y == year) {
            Some(slot) => *slot = (year, idx, n),
            None => notices.push((year, idx, n)),
        };
    if config.builtin_notices.unwrap_or(true) {
        for n in builtin_notices() {
            add_notice(n.year, usize::MAX, n);
        }
    }
    for (i, n) in config.notices.iter().enumerate() {
        if !(MIN_YEAR..=MAX_YEAR).contains(&n.year) {
            return Err(range_error(&format!("notices[{i}].year")));
        }
        add_notice(n.year, i, n.clone());
    }
    let mut adds: Vec<(Special, Addition)> = Vec::with_capacity(4096);
    let nyears = (MAX_YEAR - MIN_YEAR + 1) as usize;
    let mut estimated = vec![true; nyears];
    let mut notice_years = Vec::new();
    for year in MIN_YEAR..=MAX_YEAR {
        let rule = rules::rule_days(year, config.culture_day_compensation);
        match notices.iter().find(|(y, _, _)| *y == year) {
            Some((_, idx, n)) => {
                if let Some(e) = estimated.get_mut((year - MIN_YEAR) as usize) {
                    *e = false;
                }
                notice_years.push((year, n.documents.clone()));
                for s in notice_days(n, *idx, &rule)? {
                    adds.push((s, Addition::Merge));
                }
                // Holidays on a weekend keep their names (the status is unchanged).
                for s in rule
                    .into_iter()
                    .filter(|s| is_weekend(s.date) && !s.working)
                {
                    adds.push((s, Addition::Merge));
                }
            }
            None => {
                for s in rule {
                    adds.push((s, Addition::Merge));
                }
            }
        }
    }
    // Extra days of the configuration override everything.
    for (list, working, what) in [
        (&config.days_off, false, "daysOff"),
        (&config.working_days, true, "workingDays"),
    ] {
        for (j, s) in list.iter().enumerate() {
            let field = format!("{what}[{j}]");
            let date = parse_date(s, &field)?;
            if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
                return Err(range_error(&field));
            }
            let (kind, vi, en) = if working {
                (
                    Kind::ExtraWorkingDay,
                    "Ngày làm việc bổ sung",
                    "Extra working day",
                )
            } else {
                (Kind::ExtraDayOff, "Ngày nghỉ bổ sung", "Extra day off")
            };
            adds.push((
                Special {
                    date,
                    working,
                    kind,
                    name: vi.into(),
                    name_en: en.into(),
                },
                Addition::Replace,
            ));
        }
    }
    let specials = SpecialDays::build(adds);
    // Day tables.
    let n = day_count();
    let base = first_day_number();
    let mut day_season = Vec::with_capacity(n);
    let mut day_year = Vec::with_capacity(n);
    let mut rank = Vec::with_capacity(n + 1);
    let mut working_days: Vec<u32> = Vec::with_capacity(n * 5 / 7 + 64);
    let mut working_seconds_before: Vec<i64> = Vec::with_capacity(n * 5 / 7 + 64);
    let mut acc: i64 = 0;
    let mut date = NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1).unwrap_or_default();
    for i in 0..n {
        let si = season_of(&seasons, date);
        day_season.push(si as u8);
        day_year.push((date.year() - MIN_YEAR) as u8);
        rank.push(working_days.len() as u32);
        let working = match specials.get(&date) {
            Some(s) => s.working,
            None => !is_weekend(date),
        };
        if working {
            working_days.push(i as u32);
            working_seconds_before.push(acc);
            acc += i64::from(seasons.get(si).map_or(0, |s| s.total));
        }
        date = date.succ_opt().unwrap_or(date);
    }
    rank.push(working_days.len() as u32);
    working_seconds_before.push(acc);
    let _ = base;
    let first = seasons.first().map_or(0, |s| s.total);
    let uniform = seasons
        .iter()
        .all(|s| s.total == first)
        .then_some(i64::from(first));
    Ok(Tables {
        config: config.clone(),
        seasons,
        day_season,
        day_year,
        rank,
        working_days,
        working_seconds_before,
        uniform,
        specials,
        estimated,
        notice_years,
    })
}

impl Default for WorkCalendar {
    /// Vietnamese state offices, Nghệ An office hours, the built-in official notices.
    fn default() -> Self {
        static DEFAULT: OnceLock<Arc<Tables>> = OnceLock::new();
        let t = DEFAULT.get_or_init(|| {
            // The built-in data is tested; should it ever fail, fall back to the rules alone.
            let t = build(&CalendarConfig::default()).or_else(|_| {
                build(&CalendarConfig {
                    builtin_notices: Some(false),
                    ..CalendarConfig::default()
                })
            });
            match t {
                Ok(t) => Arc::new(t),
                Err(_) => Arc::new(Tables {
                    config: CalendarConfig::default(),
                    seasons: Vec::new(),
                    day_season: Vec::new(),
                    day_year: Vec::new(),
                    rank: Vec::new(),
                    working_days: Vec::new(),
                    working_seconds_before: Vec::new(),
                    uniform: None,
                    specials: SpecialDays::default(),
                    estimated: Vec::new(),
                    notice_years: Vec::new(),
                }),
            }
        });
        WorkCalendar {
            tables: Arc::clone(t),
        }
    }
}
