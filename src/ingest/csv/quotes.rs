//! Watching csv-core's quote state, to catch a quote that is never closed (it would swallow the
//! rest of the file into one field).

use super::LIMITS;

/// States of [`QuoteWatch`]: csv-core's, for the default dialect (RFC 4180 quotes, `""`
/// escapes, any of `\r`, `\n`, `\r\n` ending a record).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuoteState {
    /// Between records (line breaks are skipped).
    StartRecord,
    /// At the start of a field.
    StartField,
    /// In an unquoted field (or after a closing quote).
    InField,
    /// In a quoted field.
    Quoted,
    /// A quote in a quoted field: closes it, or is the first of `""`.
    QuoteInQuoted,
}

/// Mirrors csv-core's quote state over the bytes it reads, and keeps what follows the first line
/// break inside quotes of the current record, so that reading can resume there when the quote
/// runs away (see the module's documentation). Its buffer is bounded by
/// [`Limits::max_quoted_bytes`](super::Limits).
#[derive(Debug)]
pub(super) struct QuoteWatch {
    state: QuoteState,
    /// Line feeds inside quotes in the current record.
    breaks: usize,
    /// Whether the current record has had a line break inside quotes (`replay` then holds the
    /// bytes that followed it).
    open: bool,
    replay: Vec<u8>,
}

impl QuoteWatch {
    pub(super) fn new() -> QuoteWatch {
        QuoteWatch {
            state: QuoteState::StartRecord,
            breaks: 0,
            open: false,
            replay: Vec::new(),
        }
    }

    pub(super) fn end_record(&mut self) {
        self.state = QuoteState::StartRecord;
        if self.open {
            self.open = false;
            self.breaks = 0;
            self.replay.clear();
        }
    }

    /// Follows `bytes` (read by csv-core with delimiter `d`); `Some(k)` when the quote runs away
    /// at `bytes[k - 1]`: the bytes after `k` have not been taken into `replay`.
    pub(super) fn scan(&mut self, bytes: &[u8], d: u8) -> Option<usize> {
        use QuoteState::*;
        // Start in `bytes` of what `replay` still needs (when `open`).
        let mut from = 0;
        for (k, &c) in bytes.iter().enumerate() {
            let line_end = c == b'\n' || c == b'\r';
            match self.state {
                StartRecord => {
                    self.state = match c {
                        b'\n' | b'\r' => StartRecord,
                        b'"' => Quoted,
                        _ if c == d => StartField,
                        _ => InField,
                    }
                }
                StartField | InField | QuoteInQuoted => {
                    if line_end {
                        self.end_record();
                    } else if c == d {
                        self.state = StartField;
                    } else if c == b'"' && self.state != InField {
                        // Opens a field (at its start) or is the second of `""`.
                        self.state = Quoted;
                    } else {
                        self.state = InField;
                    }
                }
                Quoted => {
                    if c == b'"' {
                        self.state = QuoteInQuoted;
                    } else if line_end {
                        if !self.open {
                            self.open = true;
                            self.replay.clear();
                            from = k + 1;
                        }
                        if c == b'\n' {
                            self.breaks += 1;
                        }
                    }
                }
            }
            if self.open
                && (self.breaks > LIMITS.max_quoted_line_breaks
                    || self.replay.len() + (k + 1 - from) > LIMITS.max_quoted_bytes)
            {
                self.replay.extend_from_slice(&bytes[from..=k]);
                return Some(k + 1);
            }
        }
        if self.open {
            self.replay.extend_from_slice(&bytes[from..]);
        }
        None
    }

    /// Whether the input ends inside a quoted field that spans lines.
    pub(super) fn open_at_end(&self) -> bool {
        self.open && self.state == QuoteState::Quoted
    }

    /// The bytes to read again after a runaway quote; the watch starts afresh.
    pub(super) fn take_replay(&mut self) -> Vec<u8> {
        let replay = std::mem::take(&mut self.replay);
        *self = QuoteWatch::new();
        replay
    }
}
