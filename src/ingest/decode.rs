//! Text encodings of exports: detection and streaming conversion to UTF-8.
//!
//! - A BOM decides: `EF BB BF` UTF-8, `FF FE` UTF-16 LE, `FE FF` UTF-16 BE.
//! - Without a BOM, a start like `x\0y\0` is UTF-16 LE (`\0x\0y` BE).
//! - Otherwise the start (up to 64 KiB) is checked: it is UTF-8 when it has no invalid byte (a
//!   sequence cut at the end of the sample is fine), or when its valid multi-byte sequences
//!   outnumber its invalid bytes (a stray byte in a UTF-8 export becomes U+FFFD); anything else
//!   is Windows-1258, the code page of old Vietnamese Windows exports (whose accented letters
//!   and tone marks almost never form valid UTF-8).
//!
//! Text is converted chunk by chunk ([`Transcoder`]); UTF-8 input is passed through without a
//! copy. Composition to NFC happens where names are used (once per distinct value).

use std::borrow::Cow;

/// A detected text encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without BOM).
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1258 (Vietnamese code page).
    Windows1258,
}

impl Encoding {
    /// The encoding's usual label (`"utf-8"`, `"utf-16le"`, `"utf-16be"`, `"windows-1258"`).
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
        }
    }
}

/// Detects the encoding of a file from its first bytes; returns it with the BOM length.
///
/// # Example
/// ```
/// use tthc::ingest::decode::{sniff_encoding, Encoding};
/// assert_eq!(sniff_encoding(b"\xFF\xFEa\x00"), (Encoding::Utf16Le, 2));
/// assert_eq!(sniff_encoding("Mã".as_bytes()), (Encoding::Utf8, 0));
/// assert_eq!(sniff_encoding(b"M\xE3 h\xF4\xD2 s\xF4"), (Encoding::Windows1258, 0));
/// ```
pub fn sniff_encoding(start: &[u8]) -> (Encoding, usize) {
    if start.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return (Encoding::Utf8, 3);
    }
    if start.starts_with(&[0xFF, 0xFE]) {
        return (Encoding::Utf16Le, 2);
    }
    if start.starts_with(&[0xFE, 0xFF]) {
        return (Encoding::Utf16Be, 2);
    }
    if start.len() >= 4 {
        if start[1] == 0 && start[3] == 0 && start[0] != 0 && start[2] != 0 {
            return (Encoding::Utf16Le, 0);
        }
        if start[0] == 0 && start[2] == 0 && start[1] != 0 && start[3] != 0 {
            return (Encoding::Utf16Be, 0);
        }
    }
    let sample = &start[..start.len().min(SAMPLE_BYTES)];
    let (mut multi, mut invalid) = (0usize, 0usize);
    let mut rest = sample;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => {
                multi += lead_bytes(rest);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                multi += lead_bytes(good);
                // `None`: cut in the middle of a sequence at the end of the sample, still UTF-8.
                let Some(n) = e.error_len() else { break };
                invalid += 1;
                rest = bad.get(n..).unwrap_or(&[]);
            }
        }
    }
    if invalid == 0 || multi > invalid {
        (Encoding::Utf8, 0)
    } else {
        (Encoding::Windows1258, 0)
    }
}

/// Bytes at the start of a file that decide between UTF-8 and Windows-1258.
const SAMPLE_BYTES: usize = 64 * 1024;

/// Multi-byte sequences in valid UTF-8 (their lead bytes).
fn lead_bytes(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| b >= 0xC0).count()
}

/// Converts a byte stream in one [`Encoding`] to UTF-8, chunk by chunk.
#[derive(Clone, Debug)]
pub struct Transcoder {
    enc: Encoding,
    /// A byte of a UTF-16 unit cut by the end of the previous chunk.
    odd: Option<u8>,
    /// A high surrogate cut by the end of the previous chunk.
    high: Option<u16>,
    /// Windows-1258: the letters and marks ending the previous chunk, waiting for a tone mark.
    held: Vec<u8>,
}

impl Transcoder {
    /// A transcoder from `enc`.
    pub fn new(enc: Encoding) -> Transcoder {
        Transcoder {
            enc,
            odd: None,
            high: None,
            held: Vec::new(),
        }
    }

    /// Converts the next chunk; UTF-8 is returned as is (borrowed).
    ///
    /// # Example
    /// ```
    /// use tthc::ingest::decode::{Encoding, Transcoder};
    /// let mut t = Transcoder::new(Encoding::Utf16Le);
    /// let bytes: Vec<u8> = "Nghệ An".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    /// let (a, b) = bytes.split_at(3);
    /// let mut out = t.convert(a).into_owned();
    /// out.extend_from_slice(&t.convert(b));
    /// assert_eq!(String::from_utf8(out).unwrap(), "Nghệ An");
    /// ```
    pub fn convert<'a>(&mut self, chunk: &'a [u8]) -> Cow<'a, [u8]> {
        match self.enc {
            Encoding::Utf8 => Cow::Borrowed(chunk),
            Encoding::Windows1258 => {
                // A tone mark is a byte of its own after its letter: a letter (and its marks) at
                // the end of a chunk waits for the next one, so that they compose as in one piece.
                let mut bytes: Cow<'a, [u8]> = if self.held.is_empty() {
                    Cow::Borrowed(chunk)
                } else {
                    let mut v = std::mem::take(&mut self.held);
                    v.extend_from_slice(chunk);
                    Cow::Owned(v)
                };
                // The trailing letters and marks (at most 8 bytes) wait.
                let tail = bytes
                    .iter()
                    .rev()
                    .take(8)
                    .take_while(|&&b| b.is_ascii_alphabetic() || b >= 0x80)
                    .count();
                if tail > 0 {
                    let mut keep = bytes.len() - tail;
                    // A held part never starts with a tone mark: its letter waits with it (a
                    // run of more than eight letters and marks can be cut before a mark).
                    while keep > 0 && is_1258_tone_mark(bytes[keep]) {
                        keep -= 1;
                    }
                    self.held.extend_from_slice(&bytes[keep..]);
                    bytes = match bytes {
                        Cow::Borrowed(b) => Cow::Borrowed(&b[..keep]),
                        Cow::Owned(mut v) => {
                            v.truncate(keep);
                            Cow::Owned(v)
                        }
                    };
                }
                if bytes.is_ascii() {
                    bytes
                } else {
                    Cow::Owned(crate::text::decode_windows_1258(&bytes).into_bytes())
                }
            }
            Encoding::Utf16Le | Encoding::Utf16Be => Cow::Owned(self.utf16(chunk)),
        }
    }

    fn utf16(&mut self, chunk: &[u8]) -> Vec<u8> {
        let le = self.enc == Encoding::Utf16Le;
        let mut out = Vec::with_capacity(chunk.len());
        let mut i = 0;
        let mut units: Vec<u16> = Vec::with_capacity(chunk.len() / 2 + 2);
        if let Some(h) = self.high.take() {
            units.push(h);
        }
        if let Some(b0) = self.odd.take() {
            if let Some(&b1) = chunk.first() {
                units.push(if le {
                    u16::from_le_bytes([b0, b1])
                } else {
                    u16::from_be_bytes([b0, b1])
                });
                i = 1;
            } else {
                self.odd = Some(b0);
            }
        }
        while i + 1 < chunk.len() {
            let pair = [chunk[i], chunk[i + 1]];
            units.push(if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            });
            i += 2;
        }
        if i < chunk.len() {
            self.odd = chunk.get(i).copied();
        }
        // Keep a trailing high surrogate for the next chunk.
        if let Some(&last) = units.last() {
            if (0xD800..0xDC00).contains(&last) {
                self.high = Some(last);
                units.pop();
            }
        }
        let mut buf = [0u8; 4];
        for c in char::decode_utf16(units.iter().copied()) {
            let c = c.unwrap_or('\u{FFFD}');
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        out
    }

    /// Flushes what is left at the end of the stream (a cut unit becomes U+FFFD).
    pub fn finish(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        if !self.held.is_empty() {
            let held = std::mem::take(&mut self.held);
            out.extend_from_slice(crate::text::decode_windows_1258(&held).as_bytes());
        }
        if self.high.take().is_some() || self.odd.take().is_some() {
            out.extend_from_slice("\u{FFFD}".as_bytes());
        }
        out
    }
}

/// The Windows-1258 combining tone marks (grave, hook, tilde, acute, dot below).
fn is_1258_tone_mark(b: u8) -> bool {
    matches!(b, 0xCC | 0xD2 | 0xDE | 0xEC | 0xF2)
}

/// Decodes a whole buffer to a UTF-8 string (for JSON), BOM removed.
pub fn decode_all(bytes: &[u8]) -> (String, Encoding) {
    let (enc, bom) = sniff_encoding(bytes);
    let body = bytes.get(bom..).unwrap_or(&[]);
    let mut t = Transcoder::new(enc);
    let mut v = t.convert(body).into_owned();
    v.extend(t.finish());
    let s = match String::from_utf8(v) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    (s, enc)
}
