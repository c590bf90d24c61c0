//! The records added up for a period: the totals, each group's tally, the trend and the rows
//! outside the period.

use chrono::Datelike;

use super::super::months::{channel_code, Months, OPEN};
use super::super::record::{month_index, EPOCH_DAY, NONE};
use super::super::tally::{Facts, Outcome};
use super::*;

/// The counters of a report.
pub(super) struct Sums {
    pub(super) totals: Tally,
    /// Per agency, domain and procedure group.
    pub(super) groups: [Vec<Tally>; 3],
    pub(super) months: Months,
    /// Used rows outside the period (received after it, or ended before it).
    pub(super) outside: u64,
}

/// Month index (year × 12 + month − 1) of a moment; [`OPEN`] for none.
#[inline]
fn month_of(m: Moment) -> i32 {
    if m == NONE {
        OPEN
    } else {
        month_index(m)
    }
}

/// The tallies of a record's three groups (none for a group it does not have: a snapshot
/// read from outside is checked, not trusted).
fn group_tallies(groups: &mut [Vec<Tally>; 3], at: [usize; 3]) -> impl Iterator<Item = &mut Tally> {
    groups.iter_mut().zip(at).filter_map(|(g, i)| g.get_mut(i))
}

impl Accumulator {
    /// The whole months that the receipts `span` (first, last) cover.
    pub(super) fn data_window((first, last): (Moment, Moment)) -> Option<Window> {
        let first = datetime(first)?.date().with_day(1)?;
        let last = datetime(last)?.date().with_day(1)?;
        let next = last.checked_add_months(chrono::Months::new(1))?;
        Some(Window {
            p0: moment(first.and_time(NaiveTime::MIN)),
            p1: moment(next.and_time(NaiveTime::MIN)),
        })
    }

    /// The first and last receipt of the records counted, as moments.
    pub(super) fn receipt_span(&self, replaced: &[bool]) -> Option<(Moment, Moment)> {
        self.counted(replaced)
            .map(|r| (r.received, r.received))
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
    }

    /// The records counted: all but those another row of their dossier code replaces.
    pub(super) fn counted<'a>(&'a self, replaced: &'a [bool]) -> impl Iterator<Item = &'a Record> {
        self.records
            .iter()
            .zip(replaced.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, &gone)| !gone)
            .map(|(r, _)| r)
    }

    /// Adds up every record counted for the period `w`.
    pub(super) fn sums(&self, w: Window, replaced: &[bool]) -> Sums {
        let mut s = Sums {
            totals: Tally::default(),
            groups: [
                vec![Tally::default(); self.agencies.len()],
                vec![Tally::default(); self.domains.len()],
                vec![Tally::default(); self.procedures.len()],
            ],
            months: Months::default(),
            outside: 0,
        };
        let day0 = EPOCH_DAY;
        for rec in self.counted(replaced) {
            let f = rec.facts();
            let (received, end, due, returned) = (rec.received, rec.end, rec.due, rec.returned);
            Self::add_to_trend(&mut s.months, rec);

            let relevant = w.concerns(received, end);
            let carried = received < w.p0;
            let postal_return = f.postal_return && w.holds(returned);
            if !relevant && !postal_return {
                s.outside += 1;
                continue;
            }
            let [a, d, p] = rec.groups.map(|g| g as usize);
            if postal_return {
                s.totals.postal_returns += 1;
                for t in group_tallies(&mut s.groups, [a, d, p]) {
                    t.postal_returns += 1;
                }
            }
            if !relevant {
                s.outside += 1;
                continue;
            }
            let outcome = if end != NONE && end < w.p1 {
                Outcome::Resolved(f.class)
            } else {
                Outcome::Pending {
                    overdue: due != NONE && due < w.p1,
                    due_unknown: due == NONE,
                }
            };
            let time = match outcome {
                Outcome::Resolved(_) => {
                    let secs = f64::from(end - received);
                    let wd = self.calendar.as_ref().and_then(|c| {
                        c.working_days_between_num(
                            day0 + (received / 86_400) as i32,
                            day0 + (end / 86_400) as i32,
                        )
                    });
                    Some((secs, wd))
                }
                Outcome::Pending { .. } => None,
            };
            let facts = Facts {
                carried,
                channel: f.channel,
                outcome,
                estimated: f.estimated,
                refused: f.refused,
                fee_bearing: f.fee_bearing,
                paid_online: f.paid_online,
                digit: f.digit,
                complaint: f.complaint,
                time,
            };
            s.totals.add(&facts);
            for t in group_tallies(&mut s.groups, [a, d, p]) {
                t.add(&facts);
            }
        }
        s
    }

    /// Adds a record to the month-by-month histograms (whatever the period).
    fn add_to_trend(months: &mut Months, rec: &Record) {
        let f = rec.facts();
        let rm = month_of(rec.received);
        let em = month_of(rec.end);
        let dm = month_of(rec.due);
        months.see(rm);
        if em != OPEN {
            months.see(em);
            let cl = f.class.code();
            months.resolved.add(
                (em, cl, f.refused),
                em as u64 ^ u64::from(cl) << 32 ^ u64::from(f.refused) << 40,
            );
        }
        months.flows.add(rm, em, dm);
        let ch = channel_code(f.channel);
        months.new.add((rm, ch), rm as u64 ^ u64::from(ch) << 32);
        if f.postal_return && rec.returned != NONE {
            let m = month_of(rec.returned);
            months.see(m);
            *months.postal_returns.entry(m).or_insert(0) += 1;
        }
    }
}
