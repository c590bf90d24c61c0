//! The report of everything accumulated: groups in order, notes, problems, the trend and the
//! Decision 766 indicators.

use super::super::catalog::describe;
use super::super::d766::D766Input;
use super::super::duplicates;
use super::*;

impl Accumulator {
    /// The report of everything accumulated.
    pub fn report(&self) -> Report {
        let repeats = duplicates::find(&self.records, &self.codes);
        let replaced = &repeats.replaced;
        let receipts = self.receipt_span(replaced);
        let window = self.window.or_else(|| receipts.and_then(Self::data_window));
        // No receipt and no period: nothing to add up.
        let s = self.sums(window.unwrap_or(Window { p0: 0, p1: 0 }), replaced);
        let totals = s.totals.counters();
        let [agencies, domains, procedures] = &s.groups;
        let by_agency = self
            .agencies
            .order(agencies)
            .into_iter()
            .map(|i| AgencyRow {
                agency: self.agencies.names[i].clone(),
                counters: agencies[i].counters(),
            })
            .collect();
        let by_domain = self
            .domains
            .order(domains)
            .into_iter()
            .map(|i| DomainRow {
                domain: self.domains.names[i].clone(),
                counters: domains[i].counters(),
            })
            .collect();
        let by_procedure = self
            .procedures
            .order(procedures)
            .into_iter()
            .map(|i| {
                let (code, name, domain) = self.proc_info.get(i).cloned().unwrap_or_default();
                let statutory = if code.is_empty() {
                    None
                } else {
                    self.catalog.get(&code).map(describe)
                };
                ProcedureRow {
                    procedure_code: code,
                    procedure: name,
                    domain,
                    counters: procedures[i].counters(),
                    processing: procedures[i].processing(statutory),
                }
            })
            .collect();

        let (mut notes, mut notes_en) = (Vec::new(), Vec::new());
        if let Some(e) = &self.catalog_error {
            notes.push(format!(
                "Không tính được hạn giải quyết từ danh mục thủ tục: {e}"
            ));
            notes_en.push(format!(
                "Due dates could not be computed from the procedure catalog: {e}"
            ));
        }
        for (f, what, what_en) in [
            (
                Field::DueAt,
                "ngày hẹn trả: mọi hồ sơ đã giải quyết không có danh mục là chưa xác định hạn",
                "without a catalog every resolved dossier is unclassified",
            ),
            (
                Field::Channel,
                "kênh nộp: không chia được trực tiếp / trực tuyến / bưu chính",
                "in person / online / postal can't be told apart",
            ),
            (
                Field::FinishedAt,
                "ngày kết thúc xử lý: dùng ngày trả kết quả",
                "the return date is used",
            ),
        ] {
            if !self.sources.is_empty() && !self.seen(f) {
                notes.push(format!("Tệp không có cột {what}."));
                notes_en.push(format!(
                    "The file has no {} column: {what_en}.",
                    f.label_en()
                ));
            }
        }

        // Skipped rows first (in row order), then warnings (in row order).
        let mut problems: Vec<Problem> = self.skipped_problems.clone();
        let room = self.max_problems.saturating_sub(problems.len());
        self.list_warnings(&repeats.repeats, room, &mut problems);
        let mut counts = self.counts.clone();
        if !repeats.repeats.is_empty() {
            counts.insert("duplicateId".into(), repeats.repeats.len() as u64);
        }
        let total_problems: u64 = counts
            .iter()
            // Counted only (missingChannel, catalogDueFailed), or listed once per column
            // (valueTruncated).
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "missingChannel" | "catalogDueFailed" | "valueTruncated"
                )
            })
            .map(|(_, v)| *v)
            .sum();
        let mut unknown: Vec<UnknownValue> = self
            .unknown
            .iter()
            .map(|((f, v), (n, first))| UnknownValue {
                field: f.name().to_string(),
                value: v.clone(),
                count: *n,
                first_row: *first,
            })
            .collect();
        crate::sort::sort_by(&mut unknown, |a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.first_row.cmp(&b.first_row))
                // Two unknown words in one row: a fixed order, not the hash map's.
                .then_with(|| a.field.cmp(&b.field))
                .then_with(|| a.value.cmp(&b.value))
        });
        unknown.truncate(200);

        let t = &s.totals;
        let d = d766::compute(
            &D766Input {
                early: t.early,
                on_time: t.on_time,
                late: t.late,
                pending_within_known: t.within - t.due_unknown,
                pending_overdue: t.overdue,
                new: t.new,
                received_total: t.carried + t.new,
                online: t.online,
                in_person: t.in_person,
                postal: t.postal,
                fee_bearing: t.fee_bearing,
                paid_online: t.paid_online,
                has_payment: self.seen(Field::OnlinePayment),
                digit_den: t.digit_den,
                digit_ok: t.digit_ok,
                has_digit: self.seen(Field::Digitized),
                complaints: t.complaints,
                has_complaint: self.seen(Field::Complaint),
                has_channel: self.seen(Field::Channel),
            },
            &self.weights,
        );

        let span = |m: Option<Moment>| m.and_then(datetime).map(crate::datetime::format_datetime);
        Report {
            period: window.map(|w| w.period()),
            data_span: DataSpan {
                first_received_at: span(receipts.map(|r| r.0)),
                last_received_at: span(receipts.map(|r| r.1)),
            },
            totals,
            by_agency,
            quality: Quality {
                rows: self.rows,
                used: self.rows.saturating_sub(self.skipped),
                skipped: self.skipped,
                problems_truncated: total_problems > problems.len() as u64,
                problems,
                counts,
                outside_period: s.outside,
                unknown_values: unknown,
                source: self
                    .sources
                    .first()
                    .map(|s| s.info.clone())
                    .unwrap_or_default(),
                sources: self.source_summaries(),
                columns: self.columns.clone(),
                notes,
                notes_en,
            },
            by_domain,
            by_procedure,
            by_month: s.months.rows(),
            d766: d,
            audit: self.audit.clone(),
        }
    }

    /// The warnings in reading order, each repeat of a dossier code as the last problem of its
    /// row, up to `room` of them.
    fn list_warnings(&self, repeats: &[(u32, u32)], room: usize, out: &mut Vec<Problem>) {
        let (mut w, mut r) = (0, 0);
        while w + r < room {
            let warning_first = match (self.warning_at.get(w), repeats.get(r)) {
                (Some(&at), Some(&(dup, _))) => at <= dup,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if warning_first {
                if let Some(p) = self.warnings.get(w) {
                    out.push(p.clone());
                }
                w += 1;
            } else {
                let (dup, first) = repeats[r];
                out.push(self.repeat_problem(dup as usize, first as usize));
                r += 1;
            }
        }
    }

    /// The problem of a dossier code seen again at record `dup`, first seen at record `first`.
    fn repeat_problem(&self, dup: usize, first: usize) -> Problem {
        let file_of = |i: usize| {
            self.records
                .get(i)
                .and_then(|r| self.sources.get(usize::from(r.file)))
        };
        let row_of = |i: usize| self.codes.seen.get(i).map_or(0, |s| s.row);
        let code = truncate_for_message(&self.codes.text(dup));
        let first_row = row_of(first);
        let first_name = file_of(first).map(|s| s.name.as_str()).unwrap_or("");
        let (at, at_en) = if first_name.is_empty() {
            (format!("dòng {first_row}"), format!("row {first_row}"))
        } else {
            let f = truncate_for_message(first_name);
            (
                format!("dòng {first_row} của tệp {f}"),
                format!("row {first_row} of {f}"),
            )
        };
        let source = file_of(dup).filter(|s| !s.name.is_empty());
        Problem {
            row: u64::from(row_of(dup)),
            source: source.map(|s| s.name.clone()),
            column: file_of(dup).and_then(|s| s.id_header.clone()),
            code: "duplicateId".into(),
            message: format!("Mã hồ sơ \"{code}\" đã có ở {at}: hồ sơ chỉ được tính một lần (theo dòng có trạng thái mới nhất)."),
            message_en: format!("The dossier code \"{code}\" was already seen at {at_en}: the dossier counts once (the row with the latest state)."),
            severity: "warning".into(),
        }
    }

    /// Each file's summary, in order.
    fn source_summaries(&self) -> Vec<SourceSummary> {
        let n = self.sources.len();
        (0..n)
            .map(|k| {
                let e = &self.sources[k];
                let (rows_after, skipped_after) = match self.sources.get(k + 1) {
                    Some(next) => (next.rows_before, next.skipped_before),
                    None => (self.rows, self.skipped),
                };
                let rows = rows_after.saturating_sub(e.rows_before);
                let skipped = skipped_after.saturating_sub(e.skipped_before);
                SourceSummary {
                    name: e.name.clone(),
                    format: e.info.format.clone(),
                    encoding: e.info.encoding.clone(),
                    sheet: e.info.sheet.clone(),
                    header_row: e.info.header_row,
                    rows,
                    used: rows.saturating_sub(skipped),
                    skipped,
                }
            })
            .collect()
    }
}
