//! The row step: one dossier row read, judged against the period, and added to the counters.
//!
//! [`Accumulator::process`] reads the row's values in a fixed order (dates, end, status,
//! supplements, channel, return method, due date, groups, audit), so that a row's warnings always
//! come in the same order, and keeps what the counters need as a [`Record`] with the row's dossier
//! code; the report finds repeated codes and adds the records up once the period is known.

use chrono::NaiveDateTime;

use super::super::catalog::statutory_due;
use super::super::record::{moment_of, RowFacts, NO_GROUP};
use super::super::tally::Class;
use super::super::values::{
    parse_amount, parse_channel, parse_count, parse_flag, parse_return_method, parse_status,
};
use super::*;
use crate::calendar::{classify, Classification};
use crate::datetime::{format_datetime, format_datetime_for_people};
use crate::deadline::catalog::Procedure;

/// The dates of a row that was not skipped.
struct Dates {
    received: NaiveDateTime,
    /// The appointment written in the file.
    recorded_due: Option<NaiveDateTime>,
    finished: Option<NaiveDateTime>,
    returned: Option<NaiveDateTime>,
}

/// The due moment of a row: recorded, else from the catalog (`estimated`).
struct Due {
    at: Option<NaiveDateTime>,
    estimated: bool,
    /// The catalog entry of the row's procedure code.
    statutory: Option<Procedure>,
}

/// The channel written as a number: 1 in person, 2 online, 3 by post.
fn channel_number(n: f64) -> Option<Channel> {
    match n as i64 {
        1 => Some(Channel::InPerson),
        2 => Some(Channel::Online),
        3 => Some(Channel::Postal),
        _ => None,
    }
}

/// The bytes of a text cell (empty for any other cell).
fn text_of<'a>(c: Cell<'a>) -> &'a [u8] {
    match c {
        Cell::Text(t) => t,
        _ => &[],
    }
}

impl Accumulator {
    /// One row (not generic over the row type: one copy of the row step and its messages in the
    /// module, whatever the format).
    pub(super) fn process(&mut self, row: u64, r: &dyn FieldRow) {
        self.rows += 1;
        let Some(dates) = self.read_dates(row, r) else {
            return;
        };
        let received = dates.received;
        let end = self.end_of(row, &dates);
        let status = self.read_status(row, r, end);
        let refused = matches!(status, Some(Status::Refused | Status::Stopped));
        let supplements = self.read_supplements(row, r);
        let channel = self.read_channel(row, r);
        let return_method = self.read_return_method(row, r);
        // The procedure code is read for the catalog and the groups only.
        let code_cell = if self.catalog.is_empty() {
            None
        } else {
            Some(r.get(Field::ProcedureCode))
        };
        let due = self.due_of(
            received,
            dates.recorded_due,
            code_cell.unwrap_or(Cell::Empty),
        );
        let class = match (end, due.at) {
            _ if supplements > 1 => Class::Late,
            (Some(e), Some(d)) => match classify(d, e) {
                Classification::Early => Class::Early,
                Classification::OnTime => Class::OnTime,
                Classification::Late => Class::Late,
            },
            _ => Class::Unclassified,
        };
        let moments = [
            moment(received),
            moment_of(end),
            moment_of(due.at),
            moment_of(dates.returned.or(end)),
        ];
        let postal_return = return_method == Some(Channel::Postal);
        // With a given period, the Decision 766 facts are read only for a dossier received in it,
        // the complaint only for one that concerns it, and the groups only for one counted in it
        // (or returned by post in it): the counters read them nowhere else, and a dossier counted
        // only in the month-by-month trend needs none of them.
        let (received_in, concerned, counted) = match self.window {
            None => (true, true, true),
            Some(w) => {
                let concerned = w.concerns(moments[0], moments[1]);
                let returned_in = postal_return && w.holds(moments[3]);
                (w.holds(moments[0]), concerned, concerned || returned_in)
            }
        };
        let groups = if counted {
            let code_cell = code_cell.unwrap_or_else(|| r.get(Field::ProcedureCode));
            let (a, d, p) = self.groups_of(row, r, code_cell);
            [a as u32, d as u32, p as u32]
        } else {
            [NO_GROUP; 3]
        };
        let (fee_bearing, paid_online, digit) = if received_in {
            self.d766_facts(r)
        } else {
            (false, false, None)
        };
        let complaint = concerned
            && match r.get(Field::Complaint) {
                Cell::Empty => false,
                c => parse_flag(c) != Some(false),
            };
        let facts = RowFacts {
            class,
            refused,
            channel,
            postal_return,
            estimated: due.estimated,
            fee_bearing,
            paid_online,
            digit,
            complaint,
        };
        let rec = Record::new(moments, groups, &facts, self.file_index());
        // Audit of recorded appointments of the dossiers received in the period (all of them when
        // the period comes from the data).
        if received_in {
            if let (Some(recorded), Some(procedure)) = (dates.recorded_due, &due.statutory) {
                self.audit_row(row, r, received, recorded, procedure);
            }
        }
        // Last: a repeated code is the row's last problem (listed when the report is made).
        self.keep(row, r.get(Field::Id), rec);
    }

    /// The row's dates; `None` (after recording the skip) when the receipt date is missing or
    /// any date is unreadable.
    fn read_dates(&mut self, row: u64, r: &dyn FieldRow) -> Option<Dates> {
        let rc = r.get(Field::ReceivedAt);
        if rc.is_empty() {
            self.skip(row, Some(Field::ReceivedAt), "missingReceivedAt", || {
                (
                    "Thiếu ngày tiếp nhận: dòng không được tính.".to_string(),
                    "No receipt date: the row is not counted.".to_string(),
                )
            });
            return None;
        }
        let received = self.date(row, Field::ReceivedAt, rc).ok()??;
        let recorded_due = self.date(row, Field::DueAt, r.get(Field::DueAt)).ok()?;
        let finished = self
            .date(row, Field::FinishedAt, r.get(Field::FinishedAt))
            .ok()?;
        let returned = self
            .date(row, Field::ReturnedAt, r.get(Field::ReturnedAt))
            .ok()?;
        Some(Dates {
            received,
            recorded_due,
            finished,
            returned,
        })
    }

    /// The end of processing: `finishedAt`, else `returnedAt`; an end before the receipt is taken
    /// as the receipt (with a warning).
    fn end_of(&mut self, row: u64, dates: &Dates) -> Option<NaiveDateTime> {
        let received = dates.received;
        let e = dates.finished.or(dates.returned)?;
        if e >= received {
            return Some(e);
        }
        let field = if dates.finished.is_some() {
            Field::FinishedAt
        } else {
            Field::ReturnedAt
        };
        self.problem(
            row,
            Some(field),
            "endBeforeReceipt",
            || {
                let (e, r) = (format_datetime_for_people(e), format_datetime_for_people(received));
                (
                    format!("Ngày kết thúc {e} trước ngày tiếp nhận {r}: coi như kết thúc lúc tiếp nhận."),
                    format!("The end date {e} is before the receipt date {r}: taken as ended on receipt."),
                )
            },
            false,
        );
        Some(received)
    }

    /// The status word (unknown words reported); warns when it says "ended" without an end date.
    fn read_status(
        &mut self,
        row: u64,
        r: &dyn FieldRow,
        end: Option<NaiveDateTime>,
    ) -> Option<Status> {
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
        status
    }

    /// The number of supplement requests (0 with a warning when unreadable).
    fn read_supplements(&mut self, row: u64, r: &dyn FieldRow) -> u32 {
        let sc = r.get(Field::SupplementCount);
        if let Some(n) = parse_count(sc) {
            return n;
        }
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

    /// The submission channel (empty cells counted, unknown words reported).
    fn read_channel(&mut self, row: u64, r: &dyn FieldRow) -> Option<Channel> {
        match r.get(Field::Channel) {
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
            Cell::Number(n) | Cell::Serial(n) => {
                let c = channel_number(n);
                if c.is_none() {
                    let s = crate::ingest::format_number(n);
                    self.unknown_word(row, Field::Channel, s.as_bytes(), "unknownChannel");
                }
                c
            }
            Cell::Bool(_) => None,
        }
    }

    /// How the result is returned (unknown words reported).
    fn read_return_method(&mut self, row: u64, r: &dyn FieldRow) -> Option<Channel> {
        match r.get(Field::ReturnMethod) {
            Cell::Text(t) => {
                let c = self.returns.get(t, parse_return_method);
                if c.is_none() {
                    self.unknown_word(row, Field::ReturnMethod, t, "unknownReturnMethod");
                }
                c
            }
            Cell::Number(n) => channel_number(n),
            _ => None,
        }
    }

    /// The due moment: the recorded one, else the statutory one from the catalog.
    fn due_of(
        &mut self,
        received: NaiveDateTime,
        recorded: Option<NaiveDateTime>,
        code_cell: Cell<'_>,
    ) -> Due {
        let statutory = if self.catalog.is_empty() || code_cell.is_empty() {
            None
        } else {
            self.catalog.get(&code_cell.to_text()).cloned()
        };
        let mut due = Due {
            at: recorded,
            estimated: false,
            statutory,
        };
        if due.at.is_some() {
            return due;
        }
        if let (Some(procedure), Some(cal)) = (&due.statutory, &self.calendar) {
            match statutory_due(cal, received, procedure) {
                Ok((d, _)) => {
                    due.at = Some(d);
                    due.estimated = true;
                }
                Err(e) => {
                    if self.catalog_error.is_none() {
                        self.catalog_error = Some(e.to_string());
                    }
                    *self.counts.entry("catalogDueFailed".into()).or_insert(0) += 1;
                }
            }
        }
        due
    }

    /// The row's agency, domain and procedure groups (procedures by code, else by name); texts
    /// longer than the cap are counted as cut.
    fn groups_of(
        &mut self,
        row: u64,
        r: &dyn FieldRow,
        code_cell: Cell<'_>,
    ) -> (usize, usize, usize) {
        let agency_raw = text_of(r.get(Field::Agency));
        let a = self.agencies.index(agency_raw);
        let domain_raw = text_of(r.get(Field::Domain));
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
        (a, d, p)
    }

    /// Decision 766 facts of a new dossier: (fee-bearing, paid online, digitised).
    fn d766_facts(&self, r: &dyn FieldRow) -> (bool, bool, Option<bool>) {
        let pay = r.get(Field::OnlinePayment);
        let fee_bearing = if self.has(Field::Fee) {
            parse_amount(r.get(Field::Fee)).is_some_and(|x| x > 0.0)
        } else {
            self.has(Field::OnlinePayment) && !pay.is_empty()
        };
        let paid_online = fee_bearing && parse_flag(pay) == Some(true);
        let mut digit = None;
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
        (fee_bearing, paid_online, digit)
    }

    /// Compares a new dossier's recorded appointment with the statutory due date.
    fn audit_row(
        &mut self,
        row: u64,
        r: &dyn FieldRow,
        received: NaiveDateTime,
        recorded: NaiveDateTime,
        procedure: &Procedure,
    ) {
        let Some(cal) = &self.calendar else { return };
        let Ok((statutory, _)) = statutory_due(cal, received, procedure) else {
            return;
        };
        self.audit.checked += 1;
        let kind = match recorded.date().cmp(&statutory.date()) {
            std::cmp::Ordering::Less => "earlier",
            std::cmp::Ordering::Greater => "later",
            std::cmp::Ordering::Equal => return,
        };
        if kind == "earlier" {
            self.audit.earlier += 1;
        } else {
            self.audit.later += 1;
        }
        // The cut is counted whether or not the item is listed, so that an analysis made in
        // parts counts what one made at once does.
        let (id, id_cut) = kept_text(r.get(Field::Id).to_text().as_bytes());
        if id_cut {
            self.value_cut(row, Field::Id);
        }
        if self.audit.items.len() >= MAX_AUDIT {
            self.audit.truncated = true;
            return;
        }
        self.audit.items.push(AuditItem {
            row,
            id,
            procedure_code: kept_text(r.get(Field::ProcedureCode).to_text().as_bytes()).0,
            received_at: format_datetime(received),
            recorded_due_at: format_datetime(recorded),
            statutory_due_at: format_datetime(statutory),
            kind: kind.to_string(),
        });
    }
}
