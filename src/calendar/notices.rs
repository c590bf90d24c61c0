//! The official notices (thông báo nghỉ lễ) as special days, and the table of special days the
//! calendar is built from.

use chrono::{Datelike, NaiveDate};

use super::calendar_error;
use super::config::{Notice, NoticeFile};
use super::rules::{Kind, Special};
use super::BUILTIN_NOTICES_JSON;
use crate::datetime::parse_date;
use crate::error::Result;

fn parse_notices(json: &str) -> Result<Vec<Notice>> {
    let f: NoticeFile = serde_json::from_str(json).map_err(|e| {
        calendar_error(
            "notices",
            format!("Tệp thông báo nghỉ lễ không đúng dạng: {e}."),
            format!("The notices file is malformed: {e}."),
        )
    })?;
    Ok(f.notices)
}

/// The built-in official notices (2020–2026).
///
/// # Example
/// ```
/// let n = tthc::calendar::builtin_notices();
/// assert!(n.iter().any(|n| n.year == 2026));
/// ```
pub fn builtin_notices() -> Vec<Notice> {
    parse_notices(BUILTIN_NOTICES_JSON).unwrap_or_default()
}

/// Special days of a year from a notice (completed with the rule's kinds and names).
pub(super) fn notice_days(n: &Notice, idx: usize, rule: &[Special]) -> Result<Vec<Special>> {
    let mut out = Vec::new();
    for (list, working, what) in [
        (&n.days_off, false, "daysOff"),
        (&n.working_days, true, "workingDays"),
    ] {
        for (j, day) in list.iter().enumerate() {
            let field = format!("notices[{idx}].{what}[{j}]");
            let date = parse_date(&day.date, &format!("{field}.date"))?;
            if date.year() != n.year {
                return Err(calendar_error(
                    format!("{field}.date"),
                    format!(
                        "Ngày {} không thuộc năm {} của thông báo.",
                        day.date, n.year
                    ),
                    format!(
                        "The date {} is not in the notice's year {}.",
                        day.date, n.year
                    ),
                ));
            }
            let from_rule = rule.iter().find(|s| s.date == date && s.working == working);
            let kind = match &day.kind {
                Some(k) => Kind::parse(k).ok_or_else(|| {
                    calendar_error(
                        format!("{field}.kind"),
                        format!(
                            "Loại ngày \"{}\" không được hỗ trợ.",
                            crate::message::truncate_for_message(k)
                        ),
                        format!(
                            "The day kind \"{}\" is not supported.",
                            crate::message::truncate_for_message(k)
                        ),
                    )
                })?,
                None => match from_rule {
                    Some(s) => s.kind,
                    None if working => {
                        if date.weekday() == chrono::Weekday::Sun {
                            Kind::WorkingSunday
                        } else {
                            Kind::WorkingSaturday
                        }
                    }
                    None => Kind::Swap,
                },
            };
            let (dvi, den) = match (from_rule, working) {
                (Some(s), _) => (s.name.clone(), s.name_en.clone()),
                (None, false) => (
                    "Ngày nghỉ theo thông báo".to_string(),
                    "Day off by official notice".to_string(),
                ),
                (None, true) => (
                    "Ngày làm bù theo thông báo".to_string(),
                    "Make-up working day by official notice".to_string(),
                ),
            };
            out.push(Special {
                date,
                working,
                kind,
                name: day.name.clone().unwrap_or(dvi),
                name_en: day.name_en.clone().unwrap_or(den),
            });
        }
    }
    Ok(out)
}

/// The special days, sorted by date, one per date (a sorted vector: looked up by binary search;
/// cheaper in the module than a `BTreeMap`).
#[derive(Debug, Default)]
pub(super) struct SpecialDays(Vec<Special>);

/// How a special day is added while the table is built.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Addition {
    /// The first day of a date wins; another of the same status and kind adds its name.
    Merge,
    /// Replaces whatever the date had (the configuration's extra days).
    Replace,
}

impl SpecialDays {
    /// The table from additions in order: the same result as applying them one by one.
    pub(super) fn build(mut adds: Vec<(Special, Addition)>) -> SpecialDays {
        crate::sort::sort_by_key(&mut adds, |(s, _)| s.date);
        let mut out: Vec<Special> = Vec::with_capacity(adds.len());
        for (s, how) in adds {
            match out.last_mut() {
                Some(old) if old.date == s.date => match how {
                    Addition::Replace => *old = s,
                    Addition::Merge
                        if old.working == s.working && old.kind == s.kind && old.name != s.name =>
                    {
                        old.name = format!("{}; {}", old.name, s.name);
                        old.name_en = format!("{}; {}", old.name_en, s.name_en);
                    }
                    Addition::Merge => {}
                },
                _ => out.push(s),
            }
        }
        SpecialDays(out)
    }

    pub(super) fn get(&self, date: &NaiveDate) -> Option<&Special> {
        self.0
            .binary_search_by(|s| s.date.cmp(date))
            .ok()
            .and_then(|i| self.0.get(i))
    }

    /// The days from `a` to `b`, both included.
    pub(super) fn range(&self, a: NaiveDate, b: NaiveDate) -> &[Special] {
        let i = self.0.partition_point(|s| s.date < a);
        let j = self.0.partition_point(|s| s.date <= b);
        self.0.get(i..j.max(i)).unwrap_or(&[])
    }
}
