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
use super::*;

/// The first bytes of a snapshot.
const MAGIC: &[u8; 8] = b"TTHCSNAP";
/// The version of the format written.
const VERSION: u16 = 1;
/// No text.
const ABSENT: u32 = u32::MAX;

/// A digest of the options that shape an accumulator's state: a snapshot is merged only under
/// the same ones (the rest, such as Decision 766 weights, shape only the report).
pub(super) fn options_digest(options: &AnalyzeOptions) -> u64 {
    let shape = (
        &options.period,
        &options.calendar,
        &options.catalog,
        options.max_problems,
    );
    let json = serde_json::to_vec(&shape).unwrap_or_default();
    let mut h = rustc_hash::FxHasher::default();
    h.write(&json);
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
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(n.min(ABSENT as usize - 1) as u32);
    }
    fn text(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn maybe(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.text(s),
            None => self.u32(ABSENT),
        }
    }
    fn problem(&mut self, p: &Problem) {
        self.u64(p.row);
        self.maybe(p.source.as_deref());
        self.maybe(p.column.as_deref());
        for t in [&p.code, &p.message, &p.message_en, &p.severity] {
            self.text(t);
        }
    }
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
    fn take(&mut self, n: usize) -> Read<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(CUT)?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Read<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Read<u8> {
        Ok(self.array::<1>()?[0])
    }
    fn u16(&mut self) -> Read<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Read<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Read<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// A count of items of at least `size` bytes each (never more than the bytes left hold, so
    /// that a damaged count can't ask for a huge allocation).
    fn count(&mut self, size: usize) -> Read<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(size.max(1)) > self.bytes.len() - self.at {
            return Err(CUT);
        }
        Ok(n)
    }
    fn text(&mut self) -> Read<String> {
        self.maybe()?
            .ok_or(Bad("thiếu một chuỗi", "a text is missing"))
    }
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
    fn problems(&mut self, max: usize) -> Read<Vec<Problem>> {
        let n = self.count(32)?;
        if n > max {
            return Err(TOO_MANY);
        }
        (0..n).map(|_| self.problem()).collect()
    }
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
    fn fields(&mut self) -> Read<[bool; FIELD_COUNT]> {
        let bits = self.u64()?;
        Ok(std::array::from_fn(|i| bits >> i & 1 == 1))
    }
    fn names(&mut self) -> Read<Groups> {
        let mut g = Groups::default();
        let n = self.count(4)?;
        if n > MAX_GROUPS + 2 {
            return Err(TOO_MANY);
        }
        for _ in 0..n {
            let name = self.text()?;
            if g.by_name.contains_key(&name) {
                return Err(Bad("một nhóm có hai lần", "a group appears twice"));
            }
            g.by_name.insert(name.clone(), g.names.len() as u32);
            g.names.push(name);
        }
        Ok(g)
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
            o.u64(c.check);
            o.u32(c.row);
            o.u32(c.text_at);
        }
        o.len(self.codes.text.len());
        o.0.extend_from_slice(&self.codes.text);
        o.len(self.skipped_problems.len());
        for p in &self.skipped_problems {
            o.problem(p);
        }
        o.len(self.warnings.len());
        for (p, &at) in self.warnings.iter().zip(&self.warning_at) {
            o.problem(p);
            o.u32(at);
        }
        o.len(self.cut_listed.len());
        for &(at, f) in &self.cut_listed {
            o.u32(at);
            o.u8(f as u8);
        }
        o.len(self.counts.len());
        for (k, v) in &self.counts {
            o.text(k);
            o.u64(*v);
        }
        let mut unknown: Vec<_> = self.unknown.iter().collect();
        // Reading order (file, then first row): merged, the first ones seen are kept first.
        unknown.sort_by_key(|((f, v), (_, first))| (*first, *f as u8, v.as_str()));
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

    /// The state of a snapshot, for an analysis with `options` (the options it was made with).
    /// `index` names the snapshot in errors.
    pub(crate) fn from_snapshot(
        bytes: &[u8],
        options: &AnalyzeOptions,
        index: usize,
    ) -> Result<Accumulator> {
        let mut acc = Accumulator::new(options)?;
        acc.read_snapshot(bytes)
            .map_err(|why| unreadable(index, why))?;
        Ok(acc)
    }

    fn read_snapshot(&mut self, bytes: &[u8]) -> Read<()> {
        let not_one = Bad(
            "không phải ảnh chụp trạng thái của tthc",
            "it is not a tthc snapshot",
        );
        if bytes.len() < MAGIC.len() + 2 + 8 + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(not_one);
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
        self.rows = i.u64()?;
        self.skipped = i.u64()?;
        let n = i.count(40)?;
        if n > usize::from(u16::MAX) {
            return Err(TOO_MANY);
        }
        self.sources = (0..n).map(|_| i.source()).collect::<Read<_>>()?;
        self.seen_fields = i.fields()?;
        self.cut_fields = i.fields()?;
        for _ in 0..i.count(8)? {
            let k = i.text()?;
            let v = i.text()?;
            self.columns.insert(k, v);
        }
        self.agencies = i.names()?;
        self.domains = i.names()?;
        self.procedures = i.names()?;
        let n = i.count(12)?;
        if n > self.procedures.len() {
            return Err(TOO_MANY);
        }
        self.proc_info = (0..n)
            .map(|_| Ok((i.text()?, i.text()?, i.text()?)))
            .collect::<Read<_>>()?;
        self.read_records(&mut i)?;
        let max = self.max_problems;
        self.skipped_problems = i.problems(max)?;
        let n = i.count(36)?;
        if n > max {
            return Err(TOO_MANY);
        }
        for _ in 0..n {
            self.warnings.push(i.problem()?);
            let at = i.u32()?;
            if at as usize > self.records.len() || self.warning_at.last().is_some_and(|&b| b > at) {
                return Err(Bad("vị trí cảnh báo sai", "a warning's place is wrong"));
            }
            self.warning_at.push(at);
        }
        for _ in 0..i.count(5)? {
            let at = i.u32()?;
            let f = Field::ALL.get(usize::from(i.u8()?)).copied();
            match f {
                Some(f) if (at as usize) < self.warnings.len() => self.cut_listed.push((at, f)),
                _ => return Err(Bad("vị trí cảnh báo sai", "a warning's place is wrong")),
            }
        }
        for _ in 0..i.count(12)? {
            let k = i.text()?;
            let v = i.u64()?;
            self.counts.insert(k, v);
        }
        let n = i.count(21)?;
        if n > MAX_UNKNOWN {
            return Err(TOO_MANY);
        }
        for _ in 0..n {
            let f = Field::ALL.get(usize::from(i.u8()?)).copied();
            let f = f.ok_or(Bad("cột không tồn tại", "a column that does not exist"))?;
            let v = i.text()?;
            let count = i.u64()?;
            let first = i.u64()?;
            self.unknown.insert((f, v), (count, first));
        }
        self.catalog_error = i.maybe()?;
        self.audit.checked = i.u64()?;
        self.audit.earlier = i.u64()?;
        self.audit.later = i.u64()?;
        self.audit.truncated = i.u8()? != 0;
        let n = i.count(32)?;
        if n > MAX_AUDIT {
            return Err(TOO_MANY);
        }
        for _ in 0..n {
            self.audit.items.push(AuditItem {
                row: i.u64()?,
                id: i.text()?,
                procedure_code: i.text()?,
                received_at: i.text()?,
                recorded_due_at: i.text()?,
                statutory_due_at: i.text()?,
                kind: i.text()?,
            });
        }
        if i.at != body.len() {
            return Err(Bad(
                "còn dữ liệu thừa ở cuối",
                "bytes are left over at its end",
            ));
        }
        Ok(())
    }

    /// The records and their codes, each index checked against the groups and files read.
    fn read_records(&mut self, i: &mut In<'_>) -> Read<()> {
        let n = i.count(56)?;
        let bad = Bad("một bản ghi trỏ ra ngoài", "a record points outside it");
        let lens = [
            self.agencies.len(),
            self.domains.len(),
            self.procedures.len(),
        ];
        self.records.reserve(n);
        self.codes.seen.reserve(n);
        for _ in 0..n {
            let r = Record::from_bytes(&i.array()?);
            let c = CodeSeen {
                key: i.u64()?,
                check: i.u64()?,
                row: i.u32()?,
                text_at: i.u32()?,
            };
            if usize::from(r.file) >= self.sources.len()
                || r.groups.iter().zip(lens).any(|(&g, n)| g as usize >= n)
            {
                return Err(bad);
            }
            self.records.push(r);
            self.codes.seen.push(c);
        }
        let n = i.count(1)?;
        self.codes.text = i.take(n)?.to_vec();
        let text_len = self.codes.text.len();
        if self
            .codes
            .seen
            .iter()
            .any(|c| !CodeLog::is_absent(c) && c.text_at as usize >= text_len)
        {
            return Err(bad);
        }
        Ok(())
    }

    /// Puts the state of `other` (the analysis of the files after these) after this one's.
    pub(crate) fn absorb(&mut self, other: Accumulator) {
        let files = self.sources.len();
        let records = self.records.len() as u32;
        let maps: [Vec<u32>; 3] = [
            other
                .agencies
                .names
                .iter()
                .map(|n| self.agencies.index_of_name(n))
                .collect(),
            other
                .domains
                .names
                .iter()
                .map(|n| self.domains.index_of_name(n))
                .collect(),
            other
                .procedures
                .names
                .iter()
                .map(|n| self.procedures.index_of_name(n))
                .collect(),
        ];
        for (p, &q) in maps[2].iter().enumerate() {
            let q = q as usize;
            if q >= self.proc_info.len() {
                self.proc_info.resize(q + 1, Default::default());
                self.proc_info[q] = other.proc_info.get(p).cloned().unwrap_or_default();
            }
        }
        let file_base = files.min(usize::from(u16::MAX)) as u16;
        self.records.extend(other.records.iter().map(|r| {
            let mut r = *r;
            for (g, map) in r.groups.iter_mut().zip(&maps) {
                *g = map.get(*g as usize).copied().unwrap_or(0);
            }
            r.file = r.file.saturating_add(file_base);
            r
        }));
        self.codes.append(&other.codes);
        for mut s in other.sources {
            s.rows_before += self.rows;
            s.skipped_before += self.skipped;
            self.sources.push(s);
        }
        self.rows += other.rows;
        self.skipped += other.skipped;
        for (a, b) in self.seen_fields.iter_mut().zip(other.seen_fields) {
            *a |= b;
        }
        for (k, v) in other.columns {
            self.columns.entry(k).or_insert(v);
        }

        let room = self
            .max_problems
            .saturating_sub(self.skipped_problems.len());
        self.skipped_problems
            .extend(other.skipped_problems.into_iter().take(room));
        // A field's first cut is described once: a later part's description of a field already
        // cut here is only counted.
        let dropped: Vec<usize> = other
            .cut_listed
            .iter()
            .filter(|(_, f)| self.cut_fields[*f as usize])
            .map(|&(at, _)| at as usize)
            .collect();
        for &(at, f) in &other.cut_listed {
            if !self.cut_fields[f as usize] && self.warnings.len() < self.max_problems {
                let kept_before = dropped.iter().filter(|&&d| d < at as usize).count();
                let place = self.warnings.len() + at as usize - kept_before;
                if place < self.max_problems {
                    self.cut_listed.push((place as u32, f));
                }
            }
        }
        for (k, (p, at)) in other.warnings.into_iter().zip(other.warning_at).enumerate() {
            if self.warnings.len() >= self.max_problems {
                break;
            }
            if dropped.contains(&k) {
                continue;
            }
            self.warnings.push(p);
            self.warning_at.push(at.saturating_add(records));
        }
        for (a, b) in self.cut_fields.iter_mut().zip(other.cut_fields) {
            *a |= b;
        }
        for (k, v) in other.counts {
            *self.counts.entry(k).or_insert(0) += v;
        }
        let mut unknown: Vec<_> = other.unknown.into_iter().collect();
        unknown.sort_by(|((f, v), (_, first)), ((g, w), (_, second))| {
            (first, *f as u8, v).cmp(&(second, *g as u8, w))
        });
        for (k, (n, first)) in unknown {
            if let Some(e) = self.unknown.get_mut(&k) {
                e.0 += n;
            } else if self.unknown.len() < MAX_UNKNOWN {
                self.unknown.insert(k, (n, first));
            }
        }
        if self.catalog_error.is_none() {
            self.catalog_error = other.catalog_error;
        }
        let a = &mut self.audit;
        a.checked += other.audit.checked;
        a.earlier += other.audit.earlier;
        a.later += other.audit.later;
        let room = MAX_AUDIT.saturating_sub(a.items.len());
        a.truncated |= other.audit.truncated || other.audit.items.len() > room;
        a.items.extend(other.audit.items.into_iter().take(room));
    }
}
