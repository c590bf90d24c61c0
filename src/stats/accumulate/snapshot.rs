//! Snapshots: an accumulator's state as bytes, read back and put after another's, so that files
//! analysed apart (in several Workers) give the report of one analysis over all of them in
//! order.
//!
//! The state is what the report is made from: the records and dossier codes of the used rows,
//! the group names, the problems listed and counted, the files read, the unknown words and the
//! audit. Caches (spellings, words, dates) are not part of it. Repeated codes are found when
//! the report is made, so codes seen in two parts count once as in one analysis.
//!
//! Format (little-endian): the magic `TTHCSNAP`, a version (`u16`), a digest of the options
//! that shape the state (period, calendar, catalog, `maxProblems`), the sections in the order
//! of [`Accumulator::snapshot`], and an FxHash of everything before it. Lengths are `u32`,
//! texts are UTF-8 with a `u32` length, an absent text is the length `u32::MAX`. A snapshot
//! that is cut, altered, of another version or made with other options is refused with an
//! error, never read in part; every index in it is checked before it is used.

use std::hash::Hasher;

use super::super::duplicates::{CodeLog, CodeSeen};
use super::super::record::NO_GROUP;
use super::*;

/// The first bytes of a snapshot.
const MAGIC: &[u8; 8] = b"TTHCSNAP";
/// The version of the format written.
const VERSION: u16 = 1;
/// No text.
const ABSENT: u32 = u32::MAX;

/// A digest of a catalog's entries (code, amount, unit, cut-off).
pub(super) fn catalog_digest(catalog: &[CatalogEntry]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for e in catalog {
        for t in [
            e.code.as_str(),
            &e.unit,
            e.cutoff.as_deref().unwrap_or("\u{0}"),
        ] {
            h.write(t.as_bytes());
            h.write_u8(0xFF);
        }
        h.write_u64(e.amount.to_bits());
    }
    h.finish()
}

/// The digest of a snapshot's body.
fn digest(body: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(body);
    h.write_usize(body.len());
    h.finish()
}

/// Writes the parts of a snapshot.
struct Out(Vec<u8>);

impl Out {
    #[inline(never)]
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    #[inline(never)]
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    #[inline(never)]
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    #[inline(never)]
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    #[inline(never)]
    fn len(&mut self, n: usize) {
        self.u32(n.min(ABSENT as usize - 1) as u32);
    }
    #[inline(never)]
    fn text(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    #[inline(never)]
    fn maybe(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.text(s),
            None => self.u32(ABSENT),
        }
    }
    #[inline(never)]
    fn problem(&mut self, p: &Problem) {
        self.u64(p.row);
        self.maybe(p.source.as_deref());
        self.maybe(p.column.as_deref());
        for t in [&p.code, &p.message, &p.message_en, &p.severity] {
            self.text(t);
        }
    }
    #[inline(never)]
    fn source(&mut self, s: &SourceEntry) {
        self.text(&s.name);
        self.text(&s.info.format);
        self.maybe(s.info.encoding.as_deref());
        self.maybe(s.info.delimiter.as_deref());
        self.maybe(s.info.sheet.as_deref());
        self.u64(s.info.header_row);
        self.u64(s.rows_before);
        self.u64(s.skipped_before);
        self.maybe(s.id_header.as_deref());
    }
    #[inline(never)]
    fn fields(&mut self, f: &[bool; FIELD_COUNT]) {
        let bits = f
            .iter()
            .enumerate()
            .fold(0u64, |b, (i, &on)| b | u64::from(on) << i);
        self.u64(bits);
    }
}

/// Why a snapshot can't be read.
struct Bad(&'static str, &'static str);

/// Reads the parts of a snapshot. A read past the end gives a zero, an empty text or a count of
/// none and marks the reader as failed (checked once, at the end: the reads after a failure
/// are cheap and bounded, and the accumulator they fill is thrown away).
struct In<'a> {
    bytes: &'a [u8],
    at: usize,
    failed: Option<Bad>,
}

type Read<T> = std::result::Result<T, Bad>;

const CUT: Bad = Bad("dữ liệu bị cắt", "it is cut short");

impl<'a> In<'a> {
    #[inline(never)]
    fn fail(&mut self, why: Bad) {
        self.failed.get_or_insert(why);
        self.at = self.bytes.len();
    }
    #[inline(never)]
    fn take(&mut self, n: usize) -> &'a [u8] {
        match self.at.checked_add(n).filter(|&e| e <= self.bytes.len()) {
            Some(end) => {
                let s = &self.bytes[self.at..end];
                self.at = end;
                s
            }
            None => {
                self.fail(CUT);
                &[]
            }
        }
    }
    #[inline(never)]
    fn uint(&mut self, n: usize) -> u64 {
        let b = self.take(n.min(8));
        let mut a = [0u8; 8];
        a[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(a)
    }
    fn u8(&mut self) -> u8 {
        self.uint(1) as u8
    }
    fn u16(&mut self) -> u16 {
        self.uint(2) as u16
    }
    fn u32(&mut self) -> u32 {
        self.uint(4) as u32
    }
    fn u64(&mut self) -> u64 {
        self.uint(8)
    }
    /// A count of items of at least `size` bytes each (never more than the bytes left hold, so
    /// that a damaged count can't ask for a huge allocation).
    #[inline(never)]
    fn count(&mut self, size: usize) -> usize {
        let n = self.u32() as usize;
        if n.saturating_mul(size.max(1)) > self.bytes.len() - self.at {
            self.fail(CUT);
            return 0;
        }
        n
    }
    #[inline(never)]
    fn text(&mut self) -> String {
        match self.maybe() {
            Some(t) => t,
            None => {
                self.fail(Bad("thiếu một chuỗi", "a text is missing"));
                String::new()
            }
        }
    }
    #[inline(never)]
    fn maybe(&mut self) -> Option<String> {
        let n = self.u32();
        if n == ABSENT {
            return None;
        }
        let b = self.take(n as usize);
        match std::str::from_utf8(b) {
            Ok(s) => Some(s.to_string()),
            Err(_) => {
                self.fail(Bad("chuỗi không phải UTF-8", "a text is not UTF-8"));
                Some(String::new())
            }
        }
    }
    #[inline(never)]
    fn problem(&mut self) -> Problem {
        Problem {
            row: self.u64(),
            source: self.maybe(),
            column: self.maybe(),
            code: self.text(),
            message: self.text(),
            message_en: self.text(),
            severity: self.text(),
        }
    }
    #[inline(never)]
    fn source(&mut self) -> SourceEntry {
        SourceEntry {
            name: self.text(),
            info: SourceInfo {
                format: self.text(),
                encoding: self.maybe(),
                delimiter: self.maybe(),
                sheet: self.maybe(),
                header_row: self.u64(),
            },
            rows_before: self.u64(),
            skipped_before: self.u64(),
            id_header: self.maybe(),
        }
    }
    fn fields(&mut self) -> [bool; FIELD_COUNT] {
        let bits = self.u64();
        std::array::from_fn(|i| bits >> i & 1 == 1)
    }
}

const TOO_MANY: Bad = Bad(
    "có nhiều mục hơn giới hạn",
    "it holds more items than the limits allow",
);

/// The error of the snapshot at `index` that can't be read.
fn unreadable(index: usize, why: Bad) -> Error {
    Error::new(
        ErrorKind::Ingest,
        format!(
            "Không đọc được ảnh chụp trạng thái (snapshot) thứ {}: {}.",
            index + 1,
            why.0
        ),
        format!("Snapshot {} can't be read: {}.", index + 1, why.1),
    )
    .with_field(format!("snapshots[{index}]"))
}

impl Accumulator {
    /// A digest of the options that shape the state — the period, how the calendar counts
    /// time, the catalog and `maxProblems` — so that a snapshot is merged only under the same
    /// ones (the rest, such as Decision 766 weights, shape only the report). Computed when a
    /// snapshot is written or read, not for every analysis.
    fn options_digest(&self) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        match self.window {
            Some(w) => {
                h.write_u32(w.p0);
                h.write_u32(w.p1);
            }
            None => h.write_u8(0),
        }
        h.write_u64(self.calendar.as_ref().map_or(0, WorkCalendar::digest));
        h.write_usize(self.max_problems);
        h.write_u64(self.catalog_digest);
        h.finish()
    }

    /// The state as bytes (see the module's notes on the format).
    pub(crate) fn snapshot(&self) -> Vec<u8> {
        let mut o = Out(Vec::with_capacity(
            64 + self.records.len() * 60 + self.codes.text.len(),
        ));
        o.0.extend_from_slice(MAGIC);
        o.u16(VERSION);
        o.u64(self.options_digest());
        o.u64(self.rows);
        o.u64(self.skipped);
        o.len(self.sources.len());
        for s in &self.sources {
            o.source(s);
        }
        o.fields(&self.seen_fields);
        o.fields(&self.cut_fields);
        o.len(self.columns.len());
        for (k, v) in &self.columns {
            o.text(k);
            o.text(v);
        }
        for g in [&self.agencies, &self.domains, &self.procedures] {
            o.len(g.names.len());
            for n in &g.names {
                o.text(n);
            }
        }
        o.len(self.proc_info.len());
        for (code, name, domain) in &self.proc_info {
            o.text(code);
            o.text(name);
            o.text(domain);
        }
        o.len(self.records.len());
        for (r, c) in self.records.iter().zip(&self.codes.seen) {
            o.0.extend_from_slice(&r.to_bytes());
            o.u64(c.key);
            o.u32(c.row);
            o.u32(c.text_at);
        }
        o.len(self.codes.text.len());
        o.0.extend_from_slice(&self.codes.text);
        o.len(self.skipped_problems.len());
        for p in &self.skipped_problems {
            o.problem(p);
        }
        o.len(self.cut_listed.len());
        for &(at, f) in &self.cut_listed {
            o.u32(at);
            o.u8(f as u8);
        }
        o.len(self.warnings.len());
        for (p, &at) in self.warnings.iter().zip(&self.warning_at) {
            o.problem(p);
            o.u32(at);
        }
        o.len(self.counts.len());
        for (k, v) in &self.counts {
            o.text(k);
            o.u64(*v);
        }
        let mut unknown: Vec<_> = self.unknown.iter().collect();
        // Reading order (file, then first row): merged, the first ones seen are kept first.
        crate::sort::sort_by(&mut unknown, |((f, v), (_, a)), ((g, w), (_, b))| {
            (a, *f as u8, v).cmp(&(b, *g as u8, w))
        });
        o.len(unknown.len());
        for ((f, v), (n, first)) in unknown {
            o.u8(*f as u8);
            o.text(v);
            o.u64(*n);
            o.u64(*first);
        }
        o.maybe(self.catalog_error.as_deref());
        let a = &self.audit;
        for v in [a.checked, a.earlier, a.later] {
            o.u64(v);
        }
        o.u8(u8::from(a.truncated));
        o.len(a.items.len());
        for i in &a.items {
            o.u64(i.row);
            for t in [&i.id, &i.procedure_code, &i.received_at, &i.recorded_due_at] {
                o.text(t);
            }
            o.text(&i.statutory_due_at);
            o.text(&i.kind);
        }
        let d = digest(&o.0);
        o.u64(d);
        o.0
    }

    /// Reads a snapshot made with the same options and puts its state after this one's (as if
    /// its files had been read after these). `index` names the snapshot in errors; after an
    /// error the accumulator is not to be used.
    pub(crate) fn merge_snapshot(&mut self, bytes: &[u8], index: usize) -> Result<()> {
        self.read_snapshot(bytes)
            .map_err(|why| unreadable(index, why))
    }

    fn read_snapshot(&mut self, bytes: &[u8]) -> Read<()> {
        if bytes.len() < MAGIC.len() + 2 + 8 + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Bad(
                "không phải ảnh chụp trạng thái của tthc",
                "it is not a tthc snapshot",
            ));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let mut i = In {
            bytes: body,
            at: MAGIC.len(),
            failed: None,
        };
        if i.u16() != VERSION {
            return Err(Bad(
                "được tạo bởi một phiên bản tthc khác",
                "it was made by another version of tthc",
            ));
        }
        let mut s = [0u8; 8];
        s.copy_from_slice(sum);
        if u64::from_le_bytes(s) != digest(body) {
            return Err(Bad(
                "dữ liệu bị hỏng (sai tổng kiểm tra)",
                "it is damaged (its checksum does not match)",
            ));
        }
        if i.u64() != self.options_digest() {
            return Err(Bad(
                "được tạo với tùy chọn khác (kỳ báo cáo, lịch, danh mục hoặc maxProblems): hãy dùng cùng tùy chọn",
                "it was made with other options (period, calendar, catalog or maxProblems): use the same ones",
            ));
        }
        let read = self.read_parts(&mut i);
        // A read past the end explains whatever else went wrong after it.
        match i.failed {
            Some(why) => Err(why),
            None if read.is_ok() && i.at != body.len() => Err(Bad(
                "còn dữ liệu thừa ở cuối",
                "bytes are left over at its end",
            )),
            None => read,
        }
    }

    /// The parts of a snapshot after its header, put after this accumulator's state.
    fn read_parts(&mut self, i: &mut In<'_>) -> Read<()> {
        let files = self.sources.len();
        let (rows, skipped) = (i.u64(), i.u64());
        let n = i.count(40);
        if files + n > usize::from(u16::MAX) {
            return Err(TOO_MANY);
        }
        // Each file's rows start after the ones before it; skipped rows are some of the rows.
        let (mut rows_so_far, mut skipped_so_far) = (0, 0);
        for _ in 0..n {
            let mut s = i.source();
            if s.rows_before < rows_so_far
                || s.skipped_before < skipped_so_far
                || s.rows_before - rows_so_far < s.skipped_before - skipped_so_far
            {
                return Err(UNEVEN);
            }
            (rows_so_far, skipped_so_far) = (s.rows_before, s.skipped_before);
            s.rows_before = s.rows_before.saturating_add(self.rows);
            s.skipped_before = s.skipped_before.saturating_add(self.skipped);
            self.sources.push(s);
        }
        if rows < rows_so_far
            || skipped < skipped_so_far
            || rows - rows_so_far < skipped - skipped_so_far
        {
            return Err(UNEVEN);
        }
        self.rows = self.rows.saturating_add(rows);
        self.skipped = self.skipped.saturating_add(skipped);
        let seen = i.fields();
        for (a, b) in self.seen_fields.iter_mut().zip(seen) {
            *a |= b;
        }
        let cut = i.fields();
        for _ in 0..i.count(8) {
            let (k, v) = (i.text(), i.text());
            // The first file's header names a field's column.
            self.columns.entry(k).or_insert(v);
        }
        // Its groups, by name, among these.
        let mut maps: [Vec<u32>; 3] = Default::default();
        for (map, groups) in
            maps.iter_mut()
                .zip([&mut self.agencies, &mut self.domains, &mut self.procedures])
        {
            let n = i.count(4);
            if n > MAX_GROUPS + 2 {
                return Err(TOO_MANY);
            }
            for _ in 0..n {
                map.push(groups.index_of_name(&i.text()));
            }
        }
        let n = i.count(12);
        if n > maps[2].len() {
            return Err(TOO_MANY);
        }
        for &q in &maps[2][..n] {
            let info = (i.text(), i.text(), i.text());
            let q = q as usize;
            if q >= self.proc_info.len() {
                self.proc_info.resize(q + 1, Default::default());
                self.proc_info[q] = info;
            }
        }
        let records = self.read_records(i, files, &maps)?;

        let room = self
            .max_problems
            .saturating_sub(self.skipped_problems.len());
        let n = i.count(32);
        if n > self.max_problems {
            return Err(TOO_MANY);
        }
        for k in 0..n {
            let p = i.problem();
            if k < room {
                self.skipped_problems.push(p);
            }
        }
        // A field's first cut is described once: a later part's description of a field
        // already cut here is only counted.
        let mut listed_cuts = Vec::new();
        for _ in 0..i.count(5) {
            let at = i.u32() as usize;
            let f = Field::ALL.get(usize::from(i.u8())).copied();
            listed_cuts.push((at, f.ok_or(BAD_PLACE)?));
        }
        let n = i.count(36);
        if n > self.max_problems || listed_cuts.iter().any(|&(at, _)| at >= n) {
            return Err(TOO_MANY);
        }
        let mut last_at = 0;
        for k in 0..n {
            let p = i.problem();
            let at = i.u32();
            if at as usize > records || at < last_at {
                return Err(BAD_PLACE);
            }
            last_at = at;
            let cut_of = listed_cuts.iter().find(|c| c.0 == k).map(|c| c.1);
            if cut_of.is_some_and(|f| self.cut_fields[f as usize])
                || self.warnings.len() >= self.max_problems
            {
                continue;
            }
            if let Some(f) = cut_of {
                self.cut_listed.push((self.warnings.len() as u32, f));
            }
            self.warnings.push(p);
            self.warning_at
                .push(at.saturating_add((self.records.len() - records) as u32));
        }
        for (a, b) in self.cut_fields.iter_mut().zip(cut) {
            *a |= b;
        }
        for _ in 0..i.count(12) {
            let k = i.text();
            let n = i.u64();
            let c = self.counts.entry(k).or_insert(0);
            *c = c.saturating_add(n);
        }
        // Unknown words in the order they were first seen: past the cap, the first ones stay.
        let n = i.count(21);
        if n > MAX_UNKNOWN {
            return Err(TOO_MANY);
        }
        for _ in 0..n {
            let f = Field::ALL.get(usize::from(i.u8())).copied();
            let key = (f.ok_or(BAD_PLACE)?, i.text());
            let (n, first) = (i.u64(), i.u64());
            if let Some(e) = self.unknown.get_mut(&key) {
                e.0 = e.0.saturating_add(n);
            } else if self.unknown.len() < MAX_UNKNOWN {
                self.unknown.insert(key, (n, first));
            }
        }
        let error = i.maybe();
        if self.catalog_error.is_none() {
            self.catalog_error = error;
        }
        let a = &mut self.audit;
        for v in [&mut a.checked, &mut a.earlier, &mut a.later] {
            *v = v.saturating_add(i.u64());
        }
        let truncated = i.u8() != 0;
        let n = i.count(32);
        if n > MAX_AUDIT {
            return Err(TOO_MANY);
        }
        let room = MAX_AUDIT.saturating_sub(a.items.len());
        a.truncated |= truncated || n > room;
        for k in 0..n {
            let item = AuditItem {
                row: i.u64(),
                id: i.text(),
                procedure_code: i.text(),
                received_at: i.text(),
                recorded_due_at: i.text(),
                statutory_due_at: i.text(),
                kind: i.text(),
            };
            if k < room {
                a.items.push(item);
            }
        }
        Ok(())
    }

    /// Reads the records and their codes, each index checked against the snapshot's files and
    /// groups: its groups become this accumulator's (`maps`), its files come after the first
    /// `files_before`. Returns how many.
    fn read_records(
        &mut self,
        i: &mut In<'_>,
        files_before: usize,
        maps: &[Vec<u32>; 3],
    ) -> Read<usize> {
        let n = i.count(48);
        let bad = Bad("một bản ghi trỏ ra ngoài", "a record points outside it");
        let text_base = self.codes.text.len();
        self.records.reserve(n);
        self.codes.seen.reserve(n);
        // One slice for all of them (the count is bounded by the bytes left), cut in blocks.
        for b in i.take(n * 48).chunks_exact(48) {
            let mut block = [0u8; 48];
            block.copy_from_slice(b);
            let (record, code) = block.split_at(32);
            let word = |at: usize| {
                let mut w = [0u8; 8];
                w.copy_from_slice(&code[at..at + 8]);
                u64::from_le_bytes(w)
            };
            let mut r = Record::from_bytes(record.try_into().unwrap_or(&[0; 32]));
            let c = CodeSeen {
                key: word(0),
                row: word(8) as u32,
                text_at: (word(8) >> 32) as u32,
            };
            if usize::from(r.file) + files_before >= self.sources.len() {
                return Err(bad);
            }
            r.file += files_before as u16;
            for (g, map) in r.groups.iter_mut().zip(maps) {
                if *g != NO_GROUP {
                    *g = *map.get(*g as usize).ok_or(BAD_PLACE)?;
                }
            }
            self.records.push(r);
            self.codes.seen.push(c);
        }
        let len = i.count(1);
        let text = i.take(len);
        let start = self.codes.seen.len() - n;
        for c in &mut self.codes.seen[start..] {
            if !CodeLog::is_absent(c) {
                if c.text_at as usize >= len {
                    return Err(bad);
                }
                c.text_at = c.text_at.saturating_add(text_base as u32);
            }
        }
        self.codes.text.extend_from_slice(text);
        Ok(n)
    }
}

const UNEVEN: Bad = Bad(
    "số dòng của các tệp không khớp nhau",
    "the files' row counts do not add up",
);
const BAD_PLACE: Bad = Bad("vị trí không hợp lệ", "a place in it is out of range");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{merge, Analyzer};

    /// Every byte of a snapshot changed, with its checksum made right again (as a careless or
    /// hostile program could): the merge gives an error or a report, never a panic.
    #[test]
    fn altered_snapshots_with_a_right_checksum_never_panic() {
        let o = AnalyzeOptions::for_period("2025-06-01", "2025-06-30");
        let mut a = Analyzer::new(&o).unwrap();
        a.begin_file("a.csv").unwrap();
        let csv = "Mã hồ sơ;Cơ quan;Ngày tiếp nhận;Ngày có kết quả;Kênh nộp\n\
                   A1;Sở Y tế;02/06/2025 08:00;;Qua vệ tinh\n\
                   A1;Sở Tư pháp;03/06/2025 08:00;05/06/2025 10:00;1\n\
                   ;Sở Y tế;31/02/2025;;2\n";
        a.push(csv.as_bytes()).unwrap();
        let good = a.snapshot().unwrap();
        let body = good.len() - 8;
        for at in MAGIC.len() + 2..body {
            for change in [1u8, 0x80, 0xFF] {
                let mut b = good.clone();
                b[at] ^= change;
                let sum = digest(&b[..body]);
                b[body..].copy_from_slice(&sum.to_le_bytes());
                let _ = merge([&good, &b], &o);
            }
        }
        assert_eq!(merge([&good], &o).unwrap().totals.received.total, 1);
    }
}
