//! JS binding of the calendar and due-date area: the contract's `WorkCalendar`, `toLunar`,
//! `fromLunar`, plus extras for a one-stop desk (month view, remaining time, step due dates,
//! extensions, the procedure catalog) and typed-array batch functions for statistics.

use chrono::{Datelike, Timelike};
use wasm_bindgen::prelude::*;

use super::{from_js, to_js};
use crate::calendar::{CalendarConfig, LunarDate, WorkCalendar};
use crate::datetime::{day_number, format_date, from_day_number, parse_date, parse_datetime};
use crate::deadline::catalog::Catalog;
use crate::deadline::{DueRequest, Step, Unit};
use crate::{Error, ErrorKind};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/**
 * The kind of a special day: a public `holiday`, a `compensatory` day off (nghỉ bù), a `swap`ped weekday off (nghỉ
 * hoán đổi), a `workingSaturday` / `workingSunday` (làm bù), an `extraDayOff` / `extraWorkingDay` of the calendar's
 * configuration.
 */
export type DayKind = "holiday" | "compensatory" | "swap" | "workingSaturday" | "workingSunday" | "extraDayOff"
  | "extraWorkingDay";
"#;

fn int_arg(v: f64, field: &str, max: f64) -> Result<i32, Error> {
    if !v.is_finite() || v.fract() != 0.0 || v.abs() > max {
        return Err(Error::new(
            ErrorKind::Options,
            format!("Tham số \"{field}\" phải là số nguyên (tối đa {max})."),
            format!("The argument \"{field}\" must be an integer (at most {max})."),
        )
        .with_field(field));
    }
    Ok(v as i32)
}

/// The state-office working calendar (`WorkCalendar` in JavaScript).
#[wasm_bindgen(js_name = WorkCalendar)]
pub struct JsWorkCalendar {
    inner: WorkCalendar,
}

#[wasm_bindgen(js_class = WorkCalendar)]
impl JsWorkCalendar {
    /// `new WorkCalendar(config?)`: default Vietnamese state offices, Nghệ An office hours and
    /// the official notices 2020–2026. Throws on a malformed config, naming the field.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "CalendarConfig | null")] config: Option<
            JsValue,
        >,
    ) -> Result<JsWorkCalendar, JsValue> {
        let config = config.unwrap_or(JsValue::NULL);
        let inner = if config.is_null() || config.is_undefined() {
            WorkCalendar::default()
        } else {
            // Through JSON so that unknown keys (a typo such as "dayOff") are rejected too.
            let text = js_sys::JSON::stringify(&config)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::Calendar,
                        "Cấu hình lịch phải là một đối tượng JSON.",
                        "The calendar configuration must be a JSON object.",
                    )
                    .with_field("config")
                })?;
            let cfg = CalendarConfig::from_json(&text)?;
            WorkCalendar::new(&cfg)?
        };
        Ok(JsWorkCalendar { inner })
    }

    /// Whether `date` (`YYYY-MM-DD`) is a working day.
    #[wasm_bindgen(js_name = isWorkingDay)]
    pub fn is_working_day(&self, date: &str) -> Result<bool, JsValue> {
        Ok(self.inner.is_working_day(parse_date(date, "date")?)?)
    }

    /// n > 0: the n-th working day strictly after `date`; 0: `date` or the next working day;
    /// n < 0: the |n|-th working day strictly before.
    #[wasm_bindgen(js_name = addWorkingDays)]
    pub fn add_working_days(&self, date: &str, n: f64) -> Result<String, JsValue> {
        let n = int_arg(n, "n", 1e6)?;
        Ok(format_date(
            self.inner.add_working_days(parse_date(date, "date")?, n)?,
        ))
    }

    /// The number of working days w with from ≤ w < to (negative when to < from).
    #[wasm_bindgen(js_name = workingDaysBetween)]
    pub fn working_days_between(&self, from: &str, to: &str) -> Result<i32, JsValue> {
        Ok(self
            .inner
            .working_days_between(parse_date(from, "from")?, parse_date(to, "to")?)?)
    }

    /// Every date of `year` whose status differs from plain Monday–Friday.
    #[wasm_bindgen(js_name = daysOff, unchecked_return_type = "DayOff[]")]
    pub fn days_off(&self, year: f64) -> Result<JsValue, JsValue> {
        let y = int_arg(year, "year", 1e5)?;
        Ok(to_js(&self.inner.days_off(y)?)?)
    }

    /// Every named day of `year`, including holidays on a weekend.
    #[wasm_bindgen(js_name = namedDays, unchecked_return_type = "DayOff[]")]
    pub fn named_days(&self, year: f64) -> Result<JsValue, JsValue> {
        let y = int_arg(year, "year", 1e5)?;
        Ok(to_js(&self.inner.named_days(y)?)?)
    }

    /// The due date of a request (contract rules 1–6), with the figures a clerk checks it by
    /// (`DueDetails`: working minutes counted, calendar days, the start rule, the cut-off, the
    /// office hours used).
    #[wasm_bindgen(js_name = dueDate, unchecked_return_type = "DueResult & DueDetails")]
    pub fn due_date(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DueRequest")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let r: DueRequest = from_js(request, "request")?;
        Ok(to_js(&self.inner.due_details(&r)?)?)
    }

    /// `"early"`, `"onTime"` or `"late"` (contract rule 7).
    #[wasm_bindgen(unchecked_return_type = "Classification")]
    pub fn classify(
        &self,
        #[wasm_bindgen(js_name = "dueAt")] due_at: &str,
        #[wasm_bindgen(js_name = "finishedAt")] finished_at: &str,
    ) -> Result<JsValue, JsValue> {
        let c = crate::calendar::classify(
            parse_datetime(due_at, "dueAt")?,
            parse_datetime(finished_at, "finishedAt")?,
        );
        Ok(JsValue::from_str(c.as_str()))
    }

    /// Working time from `now` until `dueAt` (negative when overdue).
    #[wasm_bindgen(js_name = remainingWorkingTime, unchecked_return_type = "RemainingTime")]
    pub fn remaining_working_time(
        &self,
        now: &str,
        #[wasm_bindgen(js_name = "dueAt")] due_at: &str,
    ) -> Result<JsValue, JsValue> {
        Ok(to_js(&self.inner.remaining_working_time(
            parse_datetime(now, "now")?,
            parse_datetime(due_at, "dueAt")?,
        )?)?)
    }

    /// Due dates of the steps of an inter-agency procedure (each step's share of the total).
    #[wasm_bindgen(js_name = stepDueDates, unchecked_return_type = "StepDue[]")]
    pub fn step_due_dates(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DueRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Step[]")] steps: JsValue,
    ) -> Result<JsValue, JsValue> {
        let r: DueRequest = from_js(request, "request")?;
        let steps: Vec<Step> = from_js(steps, "steps")?;
        Ok(to_js(&self.inner.step_due_dates(&r.to_due()?, &steps)?)?)
    }

    /// Extends a due date by `extra` units (default: the request's unit) counted from the
    /// original due moment, which is kept in the result.
    #[wasm_bindgen(js_name = extendDueDate, unchecked_return_type = "Extension")]
    pub fn extend_due_date(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DueRequest")] request: JsValue,
        extra: f64,
        #[wasm_bindgen(unchecked_optional_param_type = "Unit | null")] unit: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let r: DueRequest = from_js(request, "request")?;
        let unit: Option<Unit> = match unit {
            Some(u) if !u.is_null() && !u.is_undefined() => Some(from_js(u, "unit")?),
            _ => None,
        };
        Ok(to_js(&self.inner.extend(&r.to_due()?, extra, unit)?)?)
    }

    /// A month view: each day's status, name, lunar date and office hours.
    #[wasm_bindgen(js_name = monthDays, unchecked_return_type = "CalendarDay[]")]
    pub fn month_days(&self, year: f64, month: f64) -> Result<JsValue, JsValue> {
        let y = int_arg(year, "year", 1e5)?;
        let m = int_arg(month, "month", 100.0)?;
        let m = u32::try_from(m).unwrap_or(0);
        Ok(to_js(&self.inner.month_days(y, m)?)?)
    }

    /// Whether `year` has no loaded official notice (its days are estimated from the rules).
    #[wasm_bindgen(js_name = isEstimatedYear)]
    pub fn is_estimated_year(&self, year: f64) -> Result<bool, JsValue> {
        Ok(self.inner.is_estimated_year(int_arg(year, "year", 1e5)?)?)
    }

    /// The years with a loaded official notice: `{ year, documents }[]`.
    #[wasm_bindgen(js_name = noticeYears, unchecked_return_type = "{ year: number, documents: string[] }[]")]
    pub fn notice_years(&self) -> Result<JsValue, JsValue> {
        #[derive(serde::Serialize)]
        struct Y<'a> {
            year: i32,
            documents: &'a [String],
        }
        let v: Vec<Y> = self
            .inner
            .notice_years()
            .iter()
            .map(|(year, documents)| Y {
                year: *year,
                documents,
            })
            .collect();
        Ok(to_js(&v)?)
    }

    /// The end of the last working interval of `date` (`HH:MM`), or null on a day off.
    #[wasm_bindgen(js_name = closingTime, unchecked_return_type = "string | null")]
    pub fn closing_time(&self, date: &str) -> Result<JsValue, JsValue> {
        Ok(self
            .inner
            .closing_time(parse_date(date, "date")?)?
            .map_or(JsValue::NULL, |t| {
                JsValue::from_str(&format!("{:02}:{:02}", t.hour(), t.minute()))
            }))
    }

    /// Batch `addWorkingDays` on day numbers (days since 1970-01-01): `n` has one value for all
    /// or one per day. Throws on the first day out of range, naming its index.
    #[wasm_bindgen(js_name = addWorkingDaysBatch)]
    pub fn add_working_days_batch(&self, days: &[i32], n: &[i32]) -> Result<Vec<i32>, JsValue> {
        let mut out = vec![0; days.len()];
        self.inner.add_working_days_batch(days, n, &mut out)?;
        Ok(out)
    }

    /// Batch `workingDaysBetween` on day numbers.
    #[wasm_bindgen(js_name = workingDaysBetweenBatch)]
    pub fn working_days_between_batch(
        &self,
        from: &[i32],
        to: &[i32],
    ) -> Result<Vec<i32>, JsValue> {
        let mut out = vec![0; from.len()];
        self.inner.working_days_between_batch(from, to, &mut out)?;
        Ok(out)
    }

    /// Batch due dates: `received` are Vietnam-local date-times as seconds since
    /// 1970-01-01T00:00 (i.e. `Date.UTC(y, m, d, hh, mm) / 1000` of the local wall time),
    /// `amounts` and `units` (0 workingDays, 1 workingHours, 2 calendarDays, 3 sameDay) one for
    /// all or one per record. Returns the due moments in the same seconds.
    #[wasm_bindgen(js_name = dueDateBatch)]
    pub fn due_date_batch(
        &self,
        received: &[f64],
        amounts: &[f64],
        units: &[u8],
    ) -> Result<Vec<f64>, JsValue> {
        let recv: Vec<i64> = received
            .iter()
            .map(|&x| if x.is_finite() { x as i64 } else { i64::MIN })
            .collect();
        let mut out = vec![0i64; recv.len()];
        self.inner.due_batch(&recv, amounts, units, &mut out)?;
        Ok(out.into_iter().map(|x| x as f64).collect())
    }
}

/// The Vietnamese lunar date of `date` (`YYYY-MM-DD`), UTC+7, 1900–2100.
#[wasm_bindgen(js_name = toLunar, unchecked_return_type = "LunarDate")]
pub fn to_lunar(date: &str) -> Result<JsValue, JsValue> {
    Ok(to_js(&crate::calendar::to_lunar(parse_date(
        date, "date",
    )?)?)?)
}

/// The Gregorian date (`YYYY-MM-DD`) of a Vietnamese lunar date.
#[wasm_bindgen(js_name = fromLunar)]
pub fn from_lunar(
    #[wasm_bindgen(
        unchecked_param_type = "{ year: number, month: number, day: number, leap?: boolean }"
    )]
    lunar: JsValue,
) -> Result<String, JsValue> {
    let l: LunarDate = from_js(lunar, "lunar")?;
    Ok(format_date(crate::calendar::from_lunar(l)?))
}

/// The leap month (1–12) of a lunar year, or null.
#[wasm_bindgen(js_name = leapMonth, unchecked_return_type = "number | null")]
pub fn leap_month(year: f64) -> Result<JsValue, JsValue> {
    Ok(
        crate::calendar::lunar::leap_month(int_arg(year, "year", 1e5)?)?
            .map_or(JsValue::NULL, |m| JsValue::from_f64(f64::from(m))),
    )
}

/// The built-in procedure catalog (code, name, agency, domain, amount, unit, cut-off, source).
#[wasm_bindgen(js_name = procedureCatalog, unchecked_return_type = "Procedure[]")]
pub fn procedure_catalog() -> Result<JsValue, JsValue> {
    Ok(to_js(Catalog::builtin().procedures())?)
}

/// Day number (days since 1970-01-01) of a date, for the batch functions.
#[wasm_bindgen(js_name = dayNumber)]
pub fn day_number_js(date: &str) -> Result<i32, JsValue> {
    Ok(day_number(parse_date(date, "date")?))
}

/// The date (`YYYY-MM-DD`) of a day number.
#[wasm_bindgen(js_name = dateFromDayNumber)]
pub fn date_from_day_number(n: f64) -> Result<String, JsValue> {
    let n = int_arg(n, "n", 1e8)?;
    // The dates `dayNumber` reads: years 0000–9999, so that the answer is always `YYYY-MM-DD`.
    from_day_number(n)
        .filter(|d| (0..=9999).contains(&d.year()))
        .map(format_date)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Range,
                "Số ngày \"n\" nằm ngoài các ngày 0000-01-01 … 9999-12-31.",
                "The day number \"n\" is outside the dates 0000-01-01 … 9999-12-31.",
            )
            .with_field("n")
            .into()
        })
}
