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

/// A digest of the options that shape an accumulator's state — the period, how the calendar
/// counts time, the catalog and `maxProblems` — so that a snapshot is merged only under the
/// same ones (the rest, such as Decision 766 weights, shape only the report).
pub(super) fn options_digest(
    window: Option<Window>,
    calendar: &WorkCalendar,
    catalog: &[CatalogEntry],
    max_problems: usize,
) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    match window {
        Some(w) => {
            h.write_u32(w.p0);
            h.write_u32(w.p1);
        }
        None => h.write_u8(0),
    }
    h.write_u64(calendar.digest());
    h.write_usize(max_problems);
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

/// Reads the parts of a snapshot, every read checked.
struct In<'a> {
    bytes: &'a [u8],
    at: usize,
}

type Read<T> = std::result::Result<T, Bad>;

const CUT: Bad = Bad("dữ liệu bị cắt", "it is cut short");

impl<'a> In<'a> {
    #[inline(never)]
    fn take(&mut self, n: usize) -> Read<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(CUT)?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    #[inline(never)]
    fn array<const N: usize>(&mut self) -> Read<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    #[inline(never)]
    fn u8(&mut self) -> Read<u8> {
        Ok(self.array::<1>()?[0])
    }
    #[inline(never)]
    fn u16(&mut self) -> Read<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    #[inline(never)]
    fn u32(&mut self) -> Read<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    #[inline(never)]
    fn u64(&mut self) -> Read<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// A count of items of at least `size` bytes each (never more than the bytes left hold, so
    /// that a damaged count can't ask for a huge allocation).
    #[inline(never)]
    fn count(&mut self, size: usize) -> Read<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(size.max(1)) > self.bytes.len() - self.at {
            return Err(CUT);
        }
        Ok(n)
    }
    #[inline(never)]
    fn text(&mut self) -> Read<String> {
        self.maybe()?
            .ok_or(Bad("thiếu một chuỗi", "a text is missing"))
    }
    #[inline(never)]
    fn maybe(&mut self) -> Read<Option<String>> {
        let n = self.u32()?;
        if n == ABSENT {
            return Ok(None);
        }
        let b = self.take(n as usize)?;
        let s = std::str::from_utf8(b)
            .map_err(|_| Bad("chuỗi không phải UTF-8", "a text is not UTF-8"))?;
        Ok(Some(s.to_string()))
    }
    #[inline(never)]
    fn problem(&mut self) -> Read<Problem> {
        Ok(Problem {
            row: self.u64()?,
            source: self.maybe()?,
            column: self.maybe()?,
            code: self.text()?,
            message: self.text()?,
            message_en: self.text()?,
            severity: self.text()?,
        })
    }
    #[inline(never)]
    fn source(&mut self) -> Read<SourceEntry> {
        Ok(SourceEntry {
            name: self.text()?,
            info: SourceInfo {
                format: self.text()?,
                encoding: self.maybe()?,
                delimiter: self.maybe()?,
                sheet: self.maybe()?,
                header_row: self.u64()?,
            },
            rows_before: self.u64()?,
            skipped_before: self.u64()?,
            id_header: self.maybe()?,
        })
    }
    #[inline(never)]
    fn fields(&mut self) -> Read<[bool; FIELD_COUNT]> {
        let bits = self.u64()?;
        Ok(std::array::from_fn(|i| bits >> i & 1 == 1))
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
    /// The state as bytes (see the module's notes on the format).
    pub(crate) fn snapshot(&self) -> Vec<u8> {
        let mut o = Out(Vec::with_capacity(
            64 + self.records.len() * 60 + self.codes.text.len(),
        ));
        o.0.extend_from_slice(MAGIC);
        o.u16(VERSION);
        o.u64(self.options_digest);
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
        };
        if i.u16()? != VERSION {
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
        if i.u64()? != self.options_digest {
            return Err(Bad(
                "được tạo với tùy chọn khác (kỳ báo cáo, lịch, danh mục hoặc maxProblems): hãy dùng cùng tùy chọn",
                "it was made with other options (period, calendar, catalog or maxProblems): use the same ones",
            ));
        }
        let files = self.sources.len();
        let (rows, skipped) = (i.u64()?, i.u64()?);
        let n = i.count(40)?;
        if files + n > usize::from(u16::MAX) {
            return Err(TOO_MANY);
        }
        for _ in 0..n {
            let mut s = i.source()?;
            s.rows_before = s.rows_before.saturating_add(self.rows);
            s.skipped_before = s.skipped_before.saturating_add(self.skipped);
            self.sources.push(s);
        }
        self.rows = self.rows.saturating_add(rows);
        self.skipped = self.skipped.saturating_add(skipped);
        let seen = i.fields()?;
        for (a, b) in self.seen_fields.iter_mut().zip(seen) {
            *a |= b;
        }
        let cut = i.fields()?;
        for _ in 0..i.count(8)? {
            let (k, v) = (i.text()?, i.text()?);
            // The first file's header names a field's column.
            self.columns.entry(k).or_insert(v);
        }
        // Its groups, by name, among these.
        let mut maps: [Vec<u32>; 3] = Default::default();
        for (map, groups) in
            maps.iter_mut()
                .zip([&mut self.agencies, &mut self.domains, &mut self.procedures])
        {
            let n = i.count(4)?;
            if n > MAX_GROUPS + 2 {
                return Err(TOO_MANY);
            }
            for _ in 0..n {
                map.push(groups.index_of_name(&i.text()?));
            }
        }
        let n = i.count(12)?;
        if n > maps[2].len() {
            return Err(TOO_MANY);
        }
        for &q in &maps[2][..n] {
            let info = (i.text()?, i.text()?, i.text()?);
            let q = q as usize;
            if q >= self.proc_info.len() {
                self.proc_info.resize(q + 1, Default::default());
                self.proc_info[q] = info;
            }
        }
        let records = self.read_records(&mut i, files, &maps)?;

        let room = self
            .max_problems
            .saturating_sub(self.skipped_problems.len());
        let n = i.count(32)?;
        if n > self.max_problems {
            return Err(TOO_MANY);
        }
        for k in 0..n {
            let p = i.problem()?;
            if k < room {
                self.skipped_problems.push(p);
            }
        }
        // A field's first cut is described once: a later part's description of a field
        // already cut here is only counted.
        let mut listed_cuts = Vec::new();
        for _ in 0..i.count(5)? {
            let at = i.u32()? as usize;
            let f = Field::ALL.get(usize::from(i.u8()?)).copied();
            listed_cuts.push((at, f.ok_or(BAD_PLACE)?));
        }
        let n = i.count(36)?;
        if n > self.max_problems || listed_cuts.iter().any(|&(at, _)| at >= n) {
            return Err(TOO_MANY);
        }
        let mut last_at = 0;
        for k in 0..n {
            let p = i.problem()?;
            let at = i.u32()?;
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
        for _ in 0..i.count(12)? {
            let k = i.text()?;
            let n = i.u64()?;
            let c = self.counts.entry(k).or_insert(0);
            *c = c.saturating_add(n);
        }
        // Unknown words in the order they were first seen: past the cap, the first ones stay.
        let n = i.count(21)?;
        if n > MAX_UNKNOWN {
            return Err(TOO_MANY);
        }
        for _ in 0..n {
            let f = Field::ALL.get(usize::from(i.u8()?)).copied();
            let key = (f.ok_or(BAD_PLACE)?, i.text()?);
            let (n, first) = (i.u64()?, i.u64()?);
            if let Some(e) = self.unknown.get_mut(&key) {
                e.0 = e.0.saturating_add(n);
            } else if self.unknown.len() < MAX_UNKNOWN {
                self.unknown.insert(key, (n, first));
            }
        }
        let error = i.maybe()?;
        if self.catalog_error.is_none() {
            self.catalog_error = error;
        }
        let a = &mut self.audit;
        for v in [&mut a.checked, &mut a.earlier, &mut a.later] {
            *v = v.saturating_add(i.u64()?);
        }
        let truncated = i.u8()? != 0;
        let n = i.count(32)?;
        if n > MAX_AUDIT {
            return Err(TOO_MANY);
        }
        let room = MAX_AUDIT.saturating_sub(a.items.len());
        a.truncated |= truncated || n > room;
        for k in 0..n {
            let item = AuditItem {
                row: i.u64()?,
                id: i.text()?,
                procedure_code: i.text()?,
                received_at: i.text()?,
                recorded_due_at: i.text()?,
                statutory_due_at: i.text()?,
                kind: i.text()?,
            };
            if k < room {
                a.items.push(item);
            }
        }
        if i.at != body.len() {
            return Err(Bad(
                "còn dữ liệu thừa ở cuối",
                "bytes are left over at its end",
            ));
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
        let n = i.count(48)?;
        let bad = Bad("một bản ghi trỏ ra ngoài", "a record points outside it");
        let text_base = self.codes.text.len();
        self.records.reserve(n);
        self.codes.seen.reserve(n);
        for _ in 0..n {
            let mut r = Record::from_bytes(&i.array()?);
            let c = CodeSeen {
                key: i.u64()?,
                row: i.u32()?,
                text_at: i.u32()?,
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
        let len = i.count(1)?;
        let text = i.take(len)?;
        let start = self.codes.seen.len() - n;
        for c in &mut self.codes.seen[start..] {
            if !CodeLog::is_absent(c) {
                if c.text_at as usize >= len {
                    return Err(bad);
                }
                c.text_at += text_base as u32;
            }
        }
        self.codes.text.extend_from_slice(text);
        Ok(n)
    }
}

const BAD_PLACE: Bad = Bad("vị trí không hợp lệ", "a place in it is out of range");
