//! The zip container of an XLSX workbook (tệp nén ZIP): the central directory, and each part
//! unpacked whole or streamed in chunks (stored or deflated, inflated by `miniz_oxide`).
//!
//! Only what a workbook needs: no encryption, no multi-disk archives, no methods other than
//! stored (0) and deflate (8). ZIP64 sizes and offsets are read. Every offset is checked
//! against the file length, and the sizes the directory declares are summed and capped
//! ([`super::MAX_UNPACKED_BYTES`]) before anything is inflated, so a "zip bomb" is refused up
//! front; a part that inflates beyond its declared size is cut there and reported broken.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::{broken, unpacked_too_big, MAX_UNPACKED_BYTES};
use crate::error::Result;

/// One file of the archive, as the central directory describes it.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    /// The part name, ASCII-lowercased, `\` as `/`, no leading `/` (part names are
    /// case-insensitive in OPC).
    name: String,
    method: u16,
    compressed: u64,
    size: u64,
    local_header: u64,
}

/// A zip archive over the whole file's bytes.
pub(super) struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    b.get(i..i.checked_add(2)?)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i.checked_add(4)?)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], i: usize) -> Option<u64> {
    let lo = u64::from(u32_at(b, i)?);
    let hi = u64::from(u32_at(b, i.checked_add(4)?)?);
    Some(lo | hi << 32)
}

fn to_usize(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

/// A part name as the lookup compares it.
pub(super) fn normalize_name(name: &str) -> String {
    name.trim_start_matches(['/', '\\'])
        .chars()
        .map(|c| {
            if c == '\\' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

impl<'a> Archive<'a> {
    /// Reads the central directory.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Archive<'a>> {
        // End of central directory: 22 bytes + a comment of at most 65,535 bytes, at the end.
        let lowest = bytes.len().saturating_sub(22 + 65_535);
        let eocd = (lowest..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or_else(|| broken("no zip directory (the end of the file is missing)"))?;
        let field = |off: usize| u16_at(bytes, eocd + off).map(u64::from);
        let mut count = field(10).unwrap_or(0);
        let mut dir_size = u64::from(u32_at(bytes, eocd + 12).unwrap_or(0));
        let mut dir_at = u64::from(u32_at(bytes, eocd + 16).unwrap_or(0));
        if count == 0xFFFF || dir_size == 0xFFFF_FFFF || dir_at == 0xFFFF_FFFF {
            // ZIP64: the locator (20 bytes) sits right before the classic record.
            let loc = eocd
                .checked_sub(20)
                .filter(|&l| bytes[l..].starts_with(b"PK\x06\x07"))
                .ok_or_else(|| broken("ZIP64 locator missing"))?;
            let rec = to_usize(u64_at(bytes, loc + 8).unwrap_or(u64::MAX));
            if !bytes
                .get(rec..)
                .is_some_and(|b| b.starts_with(b"PK\x06\x06"))
            {
                return Err(broken("ZIP64 directory record missing"));
            }
            count = u64_at(bytes, rec + 32).ok_or_else(|| broken("ZIP64 record cut"))?;
            dir_size = u64_at(bytes, rec + 40).ok_or_else(|| broken("ZIP64 record cut"))?;
            dir_at = u64_at(bytes, rec + 48).ok_or_else(|| broken("ZIP64 record cut"))?;
        }
        let dir = bytes
            .get(to_usize(dir_at)..)
            .and_then(|b| b.get(..to_usize(dir_size)))
            .ok_or_else(|| broken("the zip directory lies outside the file"))?;
        // Each directory record takes at least 46 bytes: a count beyond that is a lie.
        let mut entries = Vec::with_capacity(to_usize(count.min(dir.len() as u64 / 46)));
        let mut at = 0usize;
        let mut total: u64 = 0;
        for _ in 0..count {
            let cut = || broken("a zip directory record is cut");
            if !dir.get(at..).is_some_and(|b| b.starts_with(b"PK\x01\x02")) {
                return Err(cut());
            }
            let method = u16_at(dir, at + 10).ok_or_else(cut)?;
            let mut compressed = u64::from(u32_at(dir, at + 20).ok_or_else(cut)?);
            let mut size = u64::from(u32_at(dir, at + 24).ok_or_else(cut)?);
            let n = usize::from(u16_at(dir, at + 28).ok_or_else(cut)?);
            let e = usize::from(u16_at(dir, at + 30).ok_or_else(cut)?);
            let c = usize::from(u16_at(dir, at + 32).ok_or_else(cut)?);
            let mut local_header = u64::from(u32_at(dir, at + 42).ok_or_else(cut)?);
            let name = dir.get(at + 46..at + 46 + n).ok_or_else(cut)?;
            let extra = dir.get(at + 46 + n..at + 46 + n + e).ok_or_else(cut)?;
            // The ZIP64 extra field (id 1) carries, in this order, whichever of size,
            // compressed size and offset are 0xFFFFFFFF above.
            let mut x = 0usize;
            while let (Some(id), Some(len)) = (u16_at(extra, x), u16_at(extra, x + 2)) {
                let body = extra.get(x + 4..x + 4 + usize::from(len)).unwrap_or(&[]);
                if id == 1 {
                    let mut k = 0usize;
                    for v in [&mut size, &mut compressed, &mut local_header] {
                        if *v == 0xFFFF_FFFF {
                            if let Some(w) = u64_at(body, k) {
                                *v = w;
                                k += 8;
                            }
                        }
                    }
                }
                x += 4 + usize::from(len);
            }
            total = total.saturating_add(size);
            if total > MAX_UNPACKED_BYTES {
                return Err(unpacked_too_big());
            }
            entries.push(Entry {
                name: normalize_name(&String::from_utf8_lossy(name)),
                method,
                compressed,
                size,
                local_header,
            });
            at += 46 + n + e + c;
        }
        Ok(Archive { bytes, entries })
    }

    /// The entry named `name` (compared as [`normalize_name`] writes it).
    pub(super) fn find(&self, name: &str) -> Option<&Entry> {
        let want = normalize_name(name);
        self.entries.iter().find(|e| e.name == want)
    }

    /// The compressed bytes of `e`, after its local header.
    fn data(&self, e: &Entry) -> Result<&'a [u8]> {
        let at = to_usize(e.local_header);
        let cut = || broken(format!("part {} is cut", e.name));
        if !self
            .bytes
            .get(at..)
            .is_some_and(|b| b.starts_with(b"PK\x03\x04"))
        {
            return Err(cut());
        }
        let n = usize::from(u16_at(self.bytes, at + 26).ok_or_else(cut)?);
        let x = usize::from(u16_at(self.bytes, at + 28).ok_or_else(cut)?);
        let start = at + 30 + n + x;
        self.bytes
            .get(start..)
            .and_then(|b| b.get(..to_usize(e.compressed)))
            .ok_or_else(cut)
    }

    /// A streaming reader of `e`'s unpacked bytes.
    pub(super) fn open_entry(&self, e: &Entry) -> Result<EntryReader<'a>> {
        let data = self.data(e)?;
        let inflater = match e.method {
            0 => None,
            8 => Some(InflateState::new_boxed(DataFormat::Raw)),
            m => {
                return Err(broken(format!(
                    "part {} uses compression method {m} (only stored and deflate are read)",
                    e.name
                )))
            }
        };
        Ok(EntryReader {
            name: e.name.clone(),
            input: data,
            inflater,
            left: e.size,
            done: false,
        })
    }

    /// `e` unpacked whole.
    pub(super) fn read(&self, e: &Entry) -> Result<Vec<u8>> {
        let mut r = self.open_entry(e)?;
        let mut out = Vec::new();
        while r.fill(&mut out, 256 * 1024)? {}
        Ok(out)
    }
}

/// The unpacked bytes of one part, read chunk by chunk.
pub(super) struct EntryReader<'a> {
    name: String,
    input: &'a [u8],
    inflater: Option<Box<InflateState>>,
    /// Bytes still expected (the declared size); more than that is an error.
    left: u64,
    done: bool,
}

impl EntryReader<'_> {
    /// Appends up to `chunk` more unpacked bytes to `out`. `Ok(false)` once the part is
    /// finished (nothing appended).
    pub(super) fn fill(&mut self, out: &mut Vec<u8>, chunk: usize) -> Result<bool> {
        if self.done {
            return Ok(false);
        }
        let start = out.len();
        let chunk = chunk.min(to_usize(self.left).max(1));
        match &mut self.inflater {
            None => {
                let n = chunk.min(self.input.len());
                out.extend_from_slice(&self.input[..n]);
                self.input = &self.input[n..];
                if self.input.is_empty() {
                    self.done = true;
                }
            }
            Some(state) => {
                out.resize(start + chunk, 0);
                let mut written = 0usize;
                while written < chunk {
                    let r = inflate(
                        state,
                        self.input,
                        &mut out[start + written..],
                        MZFlush::None,
                    );
                    self.input = &self.input[r.bytes_consumed..];
                    written += r.bytes_written;
                    match r.status {
                        Ok(MZStatus::StreamEnd) => {
                            self.done = true;
                            break;
                        }
                        Ok(_) if r.bytes_consumed == 0 && r.bytes_written == 0 => {
                            return Err(broken(format!("part {} is cut", self.name)));
                        }
                        Ok(_) => {}
                        Err(MZError::Buf) if self.input.is_empty() => {
                            return Err(broken(format!("part {} is cut", self.name)));
                        }
                        Err(_) => {
                            return Err(broken(format!(
                                "part {} is not valid deflate data",
                                self.name
                            )))
                        }
                    }
                }
                out.truncate(start + written);
            }
        }
        let n = (out.len() - start) as u64;
        if n > self.left {
            return Err(broken(format!(
                "part {} unpacks beyond its declared size",
                self.name
            )));
        }
        self.left -= n;
        Ok(n > 0 || !self.done)
    }
}
