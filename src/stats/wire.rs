//! `Deserialize` of the report types whose counters are flattened into them (`Report` and the
//! agency, domain, procedure and month rows; read back from JavaScript by `reportToCsv` and
//! `reportToXlsx`).
//!
//! `#[serde(flatten)]` deserialises through serde's buffered `Content` (every field of the
//! object copied into a tree first, then read again), which cost ≈ 40 KB of wasm for these five
//! types. The mirrors here list the counter fields explicitly: the same JSON is accepted (same
//! names, unknown fields ignored, `onlineRate` may be missing or `null`), read in one pass.
//! Serialisation and the TypeScript types still come from the derives on the public types.
//!
//! [`ExportReport`] is the narrower read of a report that the exports use.

use serde::{Deserialize, Deserializer};

use super::{
    AgencyRow, Audit, Counters, DataSpan, DomainRow, MonthRow, PendingCounts, Period, ProcedureRow,
    ProcessingTime, Quality, ReceivedCounts, Report, ResolvedCounts, D766,
};

/// Declares a mirror of `$ty` with its own fields plus the six counter fields, and
/// `Deserialize for $ty` through it.
macro_rules! flat_counters {
    ($wire:ident => $ty:ident . $counters:ident { $($f:ident : $t:ty),* $(,)? $(; default $g:ident : $gt:ty)* }) => {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct $wire {
            $($f: $t,)*
            $(#[serde(default)] $g: $gt,)*
            received: ReceivedCounts,
            resolved: ResolvedCounts,
            pending: PendingCounts,
            #[serde(default)]
            online_rate: Option<f64>,
            postal_uses: u64,
            estimated_due: u64,
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let w = $wire::deserialize(d)?;
                Ok($ty {
                    $($f: w.$f,)*
                    $($g: w.$g,)*
                    $counters: Counters {
                        received: w.received,
                        resolved: w.resolved,
                        pending: w.pending,
                        online_rate: w.online_rate,
                        postal_uses: w.postal_uses,
                        estimated_due: w.estimated_due,
                    },
                })
            }
        }
    };
}

flat_counters!(AgencyRowWire => AgencyRow.counters { agency: String });
flat_counters!(DomainRowWire => DomainRow.counters { domain: String });
flat_counters!(ProcedureRowWire => ProcedureRow.counters {
    procedure_code: String,
    procedure: String,
    domain: String,
    processing: ProcessingTime,
});
flat_counters!(MonthRowWire => MonthRow.counters { month: String, period: Period });
flat_counters!(ReportWire => Report.totals {
    period: Option<Period>,
    by_agency: Vec<AgencyRow>,
    quality: Quality,
    by_domain: Vec<DomainRow>,
    by_procedure: Vec<ProcedureRow>,
    by_month: Vec<MonthRow>,
    d766: D766,
    audit: Audit;
    default data_span: DataSpan
});

/// A report read back for the exports (`reportToCsv`, `reportToXlsx`): only the parts they
/// write. The audit, the data span and the quality's counts, sources, columns and unknown values
/// are skipped unread (left empty in the [`Report`]), so their visitors are not compiled into
/// the module; the exports' output is the same as from the full report.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportReport(pub Report);

/// The quality fields the XLSX export writes.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportQualityWire {
    rows: u64,
    used: u64,
    skipped: u64,
    problems: Vec<super::Problem>,
    outside_period: u64,
    notes: Vec<String>,
}

flat_counters!(ExportReportWire => ExportReportCounted.totals {
    period: Option<Period>,
    by_agency: Vec<AgencyRow>,
    quality: ExportQualityWire,
    by_domain: Vec<DomainRow>,
    by_procedure: Vec<ProcedureRow>,
    by_month: Vec<MonthRow>,
    d766: D766,
});

/// [`ExportReport`]'s fields as `flat_counters!` builds them.
struct ExportReportCounted {
    period: Option<Period>,
    by_agency: Vec<AgencyRow>,
    quality: ExportQualityWire,
    by_domain: Vec<DomainRow>,
    by_procedure: Vec<ProcedureRow>,
    by_month: Vec<MonthRow>,
    d766: D766,
    totals: Counters,
}

impl<'de> Deserialize<'de> for ExportReport {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = ExportReportCounted::deserialize(d)?;
        let q = w.quality;
        Ok(ExportReport(Report {
            period: w.period,
            totals: w.totals,
            by_agency: w.by_agency,
            quality: Quality {
                rows: q.rows,
                used: q.used,
                skipped: q.skipped,
                problems: q.problems,
                outside_period: q.outside_period,
                notes: q.notes,
                ..Quality::default()
            },
            by_domain: w.by_domain,
            by_procedure: w.by_procedure,
            by_month: w.by_month,
            d766: w.d766,
            ..Report::default()
        }))
    }
}
