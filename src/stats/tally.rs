//! The counters of a report or of one group: what one row contributes ([`Facts`]) and their
//! running sums ([`Tally`]), turned into [`Counters`] at the end.

use super::rate::{rate, round2};
use super::values::Channel;
use super::{Counters, PendingCounts, ProcessingTime, ReceivedCounts, ResolvedCounts};

/// How a resolved dossier met its due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Early,
    OnTime,
    Late,
    Unclassified,
}

impl Class {
    pub(super) fn code(self) -> u8 {
        self as u8
    }

    /// The class of a [`Class::code`].
    pub(super) fn from_code(c: u8) -> Class {
        match c {
            0 => Class::Early,
            1 => Class::OnTime,
            2 => Class::Late,
            _ => Class::Unclassified,
        }
    }
}

/// Where a dossier stands at the period end.
#[derive(Clone, Copy, Debug)]
pub(super) enum Outcome {
    Resolved(Class),
    Pending { overdue: bool, due_unknown: bool },
}

/// What one relevant row contributes.
#[derive(Clone, Copy, Debug)]
pub(super) struct Facts {
    pub(super) carried: bool,
    pub(super) channel: Option<Channel>,
    pub(super) outcome: Outcome,
    pub(super) estimated: bool,
    pub(super) refused: bool,
    pub(super) fee_bearing: bool,
    pub(super) paid_online: bool,
    pub(super) digit: Option<bool>,
    pub(super) complaint: bool,
    pub(super) time: Option<(f64, Option<i32>)>,
}

/// The counters of one group (or of the whole report) as they are added up.
#[derive(Clone, Debug, Default)]
pub(super) struct Tally {
    pub(super) carried: u64,
    pub(super) new: u64,
    pub(super) in_person: u64,
    pub(super) online: u64,
    pub(super) postal: u64,
    pub(super) unknown_channel: u64,
    pub(super) early: u64,
    pub(super) on_time: u64,
    pub(super) late: u64,
    pub(super) unclassified: u64,
    pub(super) refused: u64,
    pub(super) within: u64,
    pub(super) overdue: u64,
    pub(super) due_unknown: u64,
    pub(super) postal_returns: u64,
    pub(super) estimated: u64,
    pub(super) fee_bearing: u64,
    pub(super) paid_online: u64,
    pub(super) digit_den: u64,
    pub(super) digit_ok: u64,
    pub(super) complaints: u64,
    pub(super) time_n: u64,
    pub(super) time_secs: f64,
    pub(super) wd_n: u64,
    pub(super) wd_sum: i64,
}

impl Tally {
    #[inline]
    pub(super) fn add(&mut self, f: &Facts) {
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

    pub(super) fn counters(&self) -> Counters {
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

    pub(super) fn processing(&self, statutory: Option<String>) -> ProcessingTime {
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
