//! Words of exports: channels (kênh nộp), return methods, statuses, yes/no flags, counts.
//!
//! Words are matched after [`fold`](crate::text::fold) (no case, diacritics, spaces or
//! punctuation). A word that matches nothing is *unknown*: it is reported in the quality
//! section, never guessed.

use super::super::text::fold;
use crate::ingest::Cell;

/// Longest yes/no flag text read (the longest word, `dathanhtoan`, with diacritics and
/// spaces is far shorter).
const MAX_WORD_BYTES: usize = 64;

/// How a dossier was submitted (kênh nộp, KenhThucHien).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    /// Trực tiếp (1).
    InPerson,
    /// Trực tuyến (2): online, partly or fully (một phần / toàn trình, mức độ 3 / 4).
    Online,
    /// Bưu chính công ích (3).
    Postal,
}

/// Reads a channel word or code.
///
/// # Example
/// ```
/// use tthc::stats::values::{parse_channel, Channel};
/// assert_eq!(parse_channel("Dịch vụ công trực tuyến"), Some(Channel::Online));
/// assert_eq!(parse_channel("Mức độ 4"), Some(Channel::Online));
/// assert_eq!(parse_channel("BCCI"), Some(Channel::Postal));
/// assert_eq!(parse_channel("1"), Some(Channel::InPerson));
/// assert_eq!(parse_channel("Fax"), None);
/// ```
pub fn parse_channel(s: &str) -> Option<Channel> {
    let f = fold(s);
    match f.as_str() {
        "1" | "tructiep" | "taiquay" | "taibophanmotcua" | "motcua" | "nophosotructiep"
        | "nopttructiep" => return Some(Channel::InPerson),
        "2"
        | "tructuyen"
        | "quamang"
        | "dichvucongtructuyen"
        | "dvctt"
        | "mucdo3"
        | "mucdo4"
        | "toantrinh"
        | "motphan"
        | "online"
        | "dichvucongtructuyenmotphan"
        | "dichvucongtructuyentoantrinh"
        | "nophosotructuyen"
        | "dvcttmotphan"
        | "dvctttoantrinh" => return Some(Channel::Online),
        "3"
        | "buuchinh"
        | "buuchinhcongich"
        | "bcci"
        | "quabuuchinh"
        | "quabuuchinhcongich"
        | "dichvubuuchinhcongich"
        | "nopquabuuchinhcongich" => return Some(Channel::Postal),
        _ => {}
    }
    if f.contains("buuchinh") || f.contains("bcci") {
        Some(Channel::Postal)
    } else if f.contains("tructuyen")
        || f.contains("quamang")
        || f.starts_with("mucdo")
        || f.contains("toantrinh")
    {
        Some(Channel::Online)
    } else if f.contains("tructiep") {
        Some(Channel::InPerson)
    } else {
        None
    }
}

/// How the result is handed back (hình thức nhận kết quả): the same words as channels.
///
/// # Example
/// ```
/// use tthc::stats::values::{parse_return_method, Channel};
/// assert_eq!(parse_return_method("Bưu chính công ích"), Some(Channel::Postal));
/// assert_eq!(parse_return_method("Nhận trực tiếp"), Some(Channel::InPerson));
/// ```
pub fn parse_return_method(s: &str) -> Option<Channel> {
    parse_channel(s)
}

/// What a status word says about a dossier (trạng thái).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Still being processed (đang xử lý, mới tiếp nhận, chờ …).
    InProgress,
    /// Waiting for the citizen's supplement (yêu cầu bổ sung).
    Supplement,
    /// Done (đã xử lý xong, hoàn thành, chờ trả kết quả).
    Done,
    /// Result returned (đã trả kết quả).
    Returned,
    /// Refused (từ chối, trả lại hồ sơ, không giải quyết).
    Refused,
    /// Stopped or withdrawn (dừng xử lý, rút hồ sơ, hủy).
    Stopped,
}

impl Status {
    /// Whether the status means processing has ended.
    pub fn is_ended(self) -> bool {
        matches!(
            self,
            Status::Done | Status::Returned | Status::Refused | Status::Stopped
        )
    }
}

/// Reads a status word.
///
/// # Example
/// ```
/// use tthc::stats::values::{parse_status, Status};
/// assert_eq!(parse_status("Đã xử lý xong"), Some(Status::Done));
/// assert_eq!(parse_status("Công dân yêu cầu rút hồ sơ"), Some(Status::Stopped));
/// assert_eq!(parse_status("Yêu cầu bổ sung hồ sơ"), Some(Status::Supplement));
/// assert_eq!(parse_status("Đang xử lý"), Some(Status::InProgress));
/// assert_eq!(parse_status("???"), None);
/// ```
pub fn parse_status(s: &str) -> Option<Status> {
    let f = fold(s);
    let has = |w: &str| f.contains(w);
    if has("tamdung") {
        Some(Status::Supplement)
    } else if has("ruthoso")
        || f.starts_with("rut")
        || has("darut")
        || has("dungxuly")
        || f.starts_with("huy")
        || has("dahuy")
        || has("huyhoso")
        || has("dunggiaiquyet")
        || has("ngungxuly")
    {
        Some(Status::Stopped)
    } else if has("tuchoi")
        || has("tralaihoso")
        || has("khonggiaiquyet")
        || has("khongduocgiaiquyet")
    {
        Some(Status::Refused)
    } else if has("hoanthanhbosung") || has("dabosung") {
        Some(Status::InProgress)
    } else if has("bosung") {
        Some(Status::Supplement)
    } else if has("datraketqua") || has("datra") || has("daguiketqua") {
        Some(Status::Returned)
    } else if has("daxulyxong")
        || has("hoanthanh")
        || has("daxuly")
        || has("dagiaiquyet")
        || has("choketqua")
        || has("chotraketqua")
        || has("coketqua")
        || has("daketthuc")
        || f == "xong"
    {
        Some(Status::Done)
    } else if has("dangxuly")
        || has("tiepnhan")
        || has("cho")
        || has("dang")
        || has("chuaxuly")
        || has("moi")
        || has("chuyen")
        || has("thamdinh")
        || has("pheduyet")
        || has("kyduyet")
    {
        Some(Status::InProgress)
    } else {
        None
    }
}

/// Reads a yes/no flag (`1`, `2` (provincial gateway), `x`, `có`, `true`, `đã` … vs `0`,
/// `không`, `false`, `chưa`). `None` for an empty or unknown value.
///
/// # Example
/// ```
/// use tthc::ingest::Cell;
/// use tthc::stats::values::parse_flag;
/// assert_eq!(parse_flag(Cell::Text("Có".as_bytes())), Some(true));
/// assert_eq!(parse_flag(Cell::Text(b"0")), Some(false));
/// assert_eq!(parse_flag(Cell::Number(2.0)), Some(true));
/// assert_eq!(parse_flag(Cell::Empty), None);
/// ```
pub fn parse_flag(c: Cell<'_>) -> Option<bool> {
    match c {
        Cell::Empty => None,
        Cell::Bool(b) => Some(b),
        Cell::Number(n) | Cell::Serial(n) => Some(n != 0.0),
        // The usual single digit, without the fold's allocation.
        Cell::Text([b'0']) => Some(false),
        Cell::Text([b'1' | b'2']) => Some(true),
        // No flag word is this long: not folded (bounded work on a huge cell).
        Cell::Text(t) if t.len() > MAX_WORD_BYTES => None,
        Cell::Text(t) => {
            let f = fold(&String::from_utf8_lossy(t));
            match f.as_str() {
                "1" | "2" | "x" | "co" | "true" | "yes" | "y" | "da" | "dathanhtoan"
                | "dasohoa" | "cotructuyen" => Some(true),
                "0" | "khong" | "false" | "no" | "n" | "chua" | "" => Some(false),
                _ => None,
            }
        }
    }
}

/// Reads a non-negative whole count (số lần bổ sung); empty is 0; `None` when not a number.
///
/// # Example
/// ```
/// use tthc::ingest::Cell;
/// use tthc::stats::values::parse_count;
/// assert_eq!(parse_count(Cell::Text(b" 2 ")), Some(2));
/// assert_eq!(parse_count(Cell::Empty), Some(0));
/// assert_eq!(parse_count(Cell::Text("hai".as_bytes())), None);
/// ```
pub fn parse_count(c: Cell<'_>) -> Option<u32> {
    match c {
        Cell::Empty => Some(0),
        Cell::Number(n) | Cell::Serial(n) => {
            (n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 1e6).then_some(n as u32)
        }
        Cell::Bool(_) => None,
        Cell::Text(t) => {
            let t = crate::ingest::trim_bytes(t);
            if t.is_empty() || t.len() > 6 || !t.iter().all(u8::is_ascii_digit) {
                return None;
            }
            Some(t.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')))
        }
    }
}

/// Reads an amount of money (phí, lệ phí), with `.`/`,`/space thousands separators and an
/// optional `đ`/`VNĐ` suffix; `None` when unreadable.
///
/// # Example
/// ```
/// use tthc::ingest::Cell;
/// assert_eq!(tthc::stats::values::parse_amount(Cell::Text("50.000 đ".as_bytes())), Some(50000.0));
/// assert_eq!(tthc::stats::values::parse_amount(Cell::Text("Miễn phí".as_bytes())), Some(0.0));
/// ```
pub fn parse_amount(c: Cell<'_>) -> Option<f64> {
    match c {
        Cell::Empty => None,
        Cell::Number(n) | Cell::Serial(n) => Some(n),
        Cell::Bool(b) => Some(if b { 1.0 } else { 0.0 }),
        // No amount is written this long: not folded (bounded work on a huge cell).
        Cell::Text(t) if t.len() > crate::ingest::LIMITS.max_kept_text_bytes => None,
        Cell::Text(t) => {
            let s = String::from_utf8_lossy(t);
            let f = fold(&s);
            if f.contains("mien") || f == "khong" || f == "khongthu" {
                return Some(0.0);
            }
            let digits: String = s.chars().filter(char::is_ascii_digit).collect();
            if digits.is_empty() || digits.len() > 15 {
                return None;
            }
            crate::text::float::parse_f64(&digits)
        }
    }
}
