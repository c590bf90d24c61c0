//! Messages: the [`Locale`] they are written in, the problems found in form values and
//! identifiers ([`Problem`]) with their stable codes and sentences (Vietnamese, English), and
//! [`truncate_for_message`] for any value a message quotes.
//!
//! It sits below both `identifiers` and `forms` (and below every module that quotes a value in
//! an error), and uses none of them.
//!
//! Every problem the validator or an identifier check can report is a [`Problem`]; its
//! [`Problem::code`] is the stable machine-readable `code` of a `FieldIssue` / `IdCheck` and
//! [`Problem::message`] the full sentence, with the field's label, in the chosen [`Locale`].
//! The list of codes is documented in docs/forms.md (problem codes) and covered by tests in both languages.

use serde::{Deserialize, Serialize};

/// A value quoted in a message, cut to its first 40 characters (then `…`), so that a 1 MB string
/// does not make a 1 MB message.
pub(crate) fn truncate_for_message(value: &str) -> String {
    truncate_chars(value, 40)
}

/// `value` cut to its first `max` characters, then `…`; whole when it is not longer.
pub(crate) fn truncate_chars(value: &str, max: usize) -> String {
    match value.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_string(),
    }
}

/// The language of messages. Vietnamese is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub enum Locale {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

/// The kind of value a field expected when it got something else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A string (text, codes, dates).
    Text,
    /// A number (or a string holding one).
    Number,
    /// `true` / `false`.
    Boolean,
    /// A file (`{ name, size, type, head }`) or a list of files.
    File,
}

/// Everything that can be wrong (errors) or worth a warning about a value.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Problem {
    /// `required`: the field is empty.
    Required,
    /// `wrongType`: a value of the wrong JSON type.
    WrongType(Expected),
    /// `tooShort`: fewer than `min` characters (after NFC).
    TooShort(u32),
    /// `tooLong`: more than `max` characters (after NFC).
    TooLong(u32),
    /// `tooSmall`: a number below the minimum.
    TooSmall(f64),
    /// `tooLarge`: a number above the maximum.
    TooLarge(f64),
    /// `notInteger`: a number with a fractional part where an integer is required.
    NotInteger,
    /// `patternMismatch`: the schema's pattern does not match (optional custom messages).
    PatternMismatch(Option<(String, String)>),
    /// `invalidFormat`: the value is not of the field's form; the hint is (vi, en), e.g. an example.
    InvalidFormat(&'static str, &'static str),
    /// `invalidCharacters`: characters not allowed (digits in a name …).
    InvalidCharacters,
    /// `invalidCharacter`: the value holds U+FFFD, the replacement character, where an
    /// unreadable character was (a lone half of an emoji cut by the page, bytes that were not
    /// UTF-8).
    InvalidCharacter,
    /// `invalidDate`: not a date, or an impossible one (30/02).
    InvalidDate,
    /// `dateTooEarly`: before the minimum date (dd/mm/yyyy).
    DateTooEarly(String),
    /// `dateTooLate`: after the maximum date (dd/mm/yyyy).
    DateTooLate(String),
    /// `futureDate`: after today.
    FutureDate,
    /// `invalidEmail`.
    InvalidEmail,
    /// `notAnOption`: not one of the select's options.
    NotAnOption,
    /// `mustBeChecked`: a checkbox that must be ticked.
    MustBeChecked,
    /// `wrongLength`: an identifier with the wrong number of digits (the allowed lengths).
    WrongLength(&'static [u8]),
    /// `checksum`: the check digit is wrong.
    Checksum,
    /// `unknownProvince`: a province code that does not exist (the code).
    UnknownProvince(String),
    /// `invalidCenturyDigit`: the 4th digit of a citizen ID is not possible for a living person.
    InvalidCenturyDigit(u8),
    /// `futureBirthYear`: the birth year encoded in an ID is after this year.
    FutureBirthYear(i32),
    /// `invalidSerial`: a tax code whose serial digits are all zero, or a branch suffix 000.
    InvalidSerial,
    /// `unknownPrefix`: a phone number whose prefix is not in the numbering plan.
    UnknownPrefix,
    /// `oldMobileNumber`: an 11-digit mobile number from before 2018 (the new number).
    OldMobileNumber(String),
    /// `obsoletePostalCode`: a 6-digit postal code (replaced by 5 digits in 2018).
    ObsoletePostalCode,
    /// `unknownCommune`: a commune code or name not in the 2025 list.
    UnknownCommune(String),
    /// `communeNotInProvince`: the commune belongs to another province (its province name).
    CommuneNotInProvince(String),
    /// `oldUnit`: a pre-2025 unit (the suggested 2025 unit(s), if known).
    OldUnit(Option<String>),
    /// `missingAttachment`: a required dossier component has no file.
    MissingAttachment,
    /// `fileTooLarge`: a file larger than the limit (bytes).
    FileTooLarge(u64),
    /// `fileTypeNotAllowed`: the file's content is not an allowed type (the allowed list).
    FileTypeNotAllowed(String),
    /// `fileTypeMismatch`: the file name says one type, the content (magic bytes) another.
    FileTypeMismatch(&'static str),
    /// `fileTypeMismatch` too: the file name says this type (an allowed one) but the content is
    /// of no type the validator recognises (a `.pdf` whose bytes are text).
    FileContentNotOfType(&'static str),
    /// `tooManyFiles`: more files than allowed.
    TooManyFiles(u32),
    /// `emptyFile`: a file of 0 bytes.
    EmptyFile,
    /// `birthYearMismatch`: the ID's century digit and year disagree with the birth date (ID year, birth year).
    BirthYearMismatch(i32, i32),
    /// `sexMismatch`: the ID's century/sex digit disagrees with the sex field.
    SexMismatch,
    /// `dateOrder`: this date must be after the other field's date (its label).
    DateOrder(String),
    /// `tooYoung`: younger than the minimum age (years).
    TooYoung(u32),
    /// `tooOld`: older than the maximum age (years).
    TooOld(u32),
    /// `oneOfRequired`: at least one of these fields (their labels) must be filled.
    OneOfRequired(String),
    /// Warning `foreignBirthPrefix`: an ID prefix outside the province table (born abroad?).
    ForeignBirthPrefix(String),
    /// Warning `carrierUncertain`: the carrier of this prefix is uncertain (ported, lists disagree).
    CarrierUncertain(String),
    /// Warning `legacyEncoding`: text that looks like an old font encoding (encoding, suggestion).
    LegacyEncoding(&'static str, String),
    /// Warning `obsoleteIdCard`: a 9-digit ID card (CMND), no longer valid since 1/1/2025.
    ObsoleteIdCard,
    /// Warning `unusualFormat`: a value accepted but of an unconfirmed form.
    UnusualFormat,
    /// Warning `unknownBenefitGroup`: a health-insurance card whose 2-letter group is not known.
    UnknownBenefitGroup(String),
}

fn join_lengths(l: &[u8], or: &str) -> String {
    let parts: Vec<String> = l.iter().map(|n| n.to_string()).collect();
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        n => format!("{} {or} {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!(
            "{} MB",
            num((bytes as f64 / 1048576.0 * 10.0).round() / 10.0)
        )
    } else if bytes >= 1024 {
        format!("{} KB", num((bytes as f64 / 1024.0).round()))
    } else {
        format!("{bytes} B")
    }
}

impl Problem {
    /// The stable machine-readable code (see the module docs and docs/forms.md (problem codes)).
    ///
    /// # Example
    /// ```
    /// use tthc::forms::Problem;
    /// assert_eq!(Problem::Required.code(), "required");
    /// assert_eq!(Problem::BirthYearMismatch(1990, 1991).code(), "birthYearMismatch");
    /// ```
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            Required => "required",
            WrongType(_) => "wrongType",
            TooShort(_) => "tooShort",
            TooLong(_) => "tooLong",
            TooSmall(_) => "tooSmall",
            TooLarge(_) => "tooLarge",
            NotInteger => "notInteger",
            PatternMismatch(_) => "patternMismatch",
            InvalidFormat(..) => "invalidFormat",
            InvalidCharacters => "invalidCharacters",
            InvalidCharacter => "invalidCharacter",
            InvalidDate => "invalidDate",
            DateTooEarly(_) => "dateTooEarly",
            DateTooLate(_) => "dateTooLate",
            FutureDate => "futureDate",
            InvalidEmail => "invalidEmail",
            NotAnOption => "notAnOption",
            MustBeChecked => "mustBeChecked",
            WrongLength(_) => "wrongLength",
            Checksum => "checksum",
            UnknownProvince(_) => "unknownProvince",
            InvalidCenturyDigit(_) => "invalidCenturyDigit",
            FutureBirthYear(_) => "futureBirthYear",
            InvalidSerial => "invalidSerial",
            UnknownPrefix => "unknownPrefix",
            OldMobileNumber(_) => "oldMobileNumber",
            ObsoletePostalCode => "obsoletePostalCode",
            UnknownCommune(_) => "unknownCommune",
            CommuneNotInProvince(_) => "communeNotInProvince",
            OldUnit(_) => "oldUnit",
            MissingAttachment => "missingAttachment",
            FileTooLarge(_) => "fileTooLarge",
            FileTypeNotAllowed(_) => "fileTypeNotAllowed",
            FileTypeMismatch(_) | FileContentNotOfType(_) => "fileTypeMismatch",
            TooManyFiles(_) => "tooManyFiles",
            EmptyFile => "emptyFile",
            BirthYearMismatch(..) => "birthYearMismatch",
            SexMismatch => "sexMismatch",
            DateOrder(_) => "dateOrder",
            TooYoung(_) => "tooYoung",
            TooOld(_) => "tooOld",
            OneOfRequired(_) => "oneOfRequired",
            ForeignBirthPrefix(_) => "foreignBirthPrefix",
            CarrierUncertain(_) => "carrierUncertain",
            LegacyEncoding(..) => "legacyEncoding",
            ObsoleteIdCard => "obsoleteIdCard",
            UnusualFormat => "unusualFormat",
            UnknownBenefitGroup(_) => "unknownBenefitGroup",
        }
    }

    /// True for problems that are warnings (the value is accepted).
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Problem::ForeignBirthPrefix(_)
                | Problem::CarrierUncertain(_)
                | Problem::LegacyEncoding(..)
                | Problem::ObsoleteIdCard
                | Problem::UnusualFormat
                | Problem::UnknownBenefitGroup(_)
        )
    }

    /// A suggested value for the field, when the problem has one (the new mobile number, the
    /// decoded legacy text).
    pub fn suggestion(&self) -> Option<&str> {
        match self {
            Problem::OldMobileNumber(s) | Problem::LegacyEncoding(_, s) => Some(s),
            _ => None,
        }
    }

    /// The message: a full sentence naming the field by its `label`.
    ///
    /// # Example
    /// ```
    /// use tthc::forms::{Locale, Problem};
    /// assert_eq!(Problem::Required.message(Locale::Vi, "Họ và tên"), "Vui lòng nhập “Họ và tên”.");
    /// assert_eq!(Problem::Required.message(Locale::En, "Full name"), "Please fill in “Full name”.");
    /// ```
    pub fn message(&self, locale: Locale, label: &str) -> String {
        use Problem::*;
        let l = label;
        let vi = locale == Locale::Vi;
        macro_rules! m {
            ($vi:expr, $en:expr) => {
                if vi {
                    $vi
                } else {
                    $en
                }
            };
        }
        match self {
            Required => m!(format!("Vui lòng nhập “{l}”."), format!("Please fill in “{l}”.")),
            WrongType(e) => {
                let (tv, te) = match e {
                    Expected::Text => ("chuỗi ký tự", "text"),
                    Expected::Number => ("số", "a number"),
                    Expected::Boolean => ("có / không", "yes / no"),
                    Expected::File => ("tệp đính kèm", "a file"),
                };
                m!(
                    format!("Giá trị của “{l}” không đúng kiểu: cần {tv}."),
                    format!("The value of “{l}” has the wrong type: {te} is expected.")
                )
            }
            TooShort(n) => m!(
                format!("“{l}” phải có ít nhất {n} ký tự."),
                format!("“{l}” must have at least {n} characters.")
            ),
            TooLong(n) => m!(
                format!("“{l}” chỉ được có tối đa {n} ký tự."),
                format!("“{l}” must have at most {n} characters.")
            ),
            TooSmall(x) => m!(
                format!("“{l}” không được nhỏ hơn {}.", num(*x)),
                format!("“{l}” must not be less than {}.", num(*x))
            ),
            TooLarge(x) => m!(
                format!("“{l}” không được lớn hơn {}.", num(*x)),
                format!("“{l}” must not be greater than {}.", num(*x))
            ),
            NotInteger => m!(
                format!("“{l}” phải là số nguyên."),
                format!("“{l}” must be a whole number.")
            ),
            PatternMismatch(Some((v, e))) => m!(v.clone(), e.clone()),
            PatternMismatch(None) => m!(
                format!("“{l}” không đúng định dạng yêu cầu."),
                format!("“{l}” is not in the required format.")
            ),
            InvalidFormat(hv, he) => m!(
                format!("“{l}” không đúng định dạng: {hv}."),
                format!("“{l}” is not in the right format: {he}.")
            ),
            InvalidCharacters => m!(
                format!("“{l}” chỉ được gồm chữ cái, khoảng trắng, dấu nháy đơn và dấu gạch nối."),
                format!("“{l}” may contain only letters, spaces, apostrophes and hyphens.")
            ),
            InvalidCharacter => m!(
                format!("“{l}” chứa ký tự không hợp lệ (ký tự bị hỏng, thường do sao chép hoặc cắt dán); vui lòng nhập lại."),
                format!("“{l}” contains an invalid character (a damaged character, usually from copying or cutting); please type it again.")
            ),
            InvalidDate => m!(
                format!("“{l}” không phải là một ngày hợp lệ (dd/mm/yyyy)."),
                format!("“{l}” is not a valid date (dd/mm/yyyy).")
            ),
            DateTooEarly(d) => m!(
                format!("“{l}” không được trước ngày {d}."),
                format!("“{l}” must not be before {d}.")
            ),
            DateTooLate(d) => m!(
                format!("“{l}” không được sau ngày {d}."),
                format!("“{l}” must not be after {d}.")
            ),
            FutureDate => m!(
                format!("“{l}” không được là một ngày trong tương lai."),
                format!("“{l}” must not be in the future.")
            ),
            InvalidEmail => m!(
                format!("“{l}” không phải là địa chỉ thư điện tử hợp lệ (ví dụ: ten@example.vn)."),
                format!("“{l}” is not a valid email address (e.g. name@example.vn).")
            ),
            NotAnOption => m!(
                format!("Giá trị của “{l}” không nằm trong danh sách được chọn."),
                format!("The value of “{l}” is not one of the options.")
            ),
            MustBeChecked => m!(
                format!("Vui lòng đánh dấu “{l}”."),
                format!("Please tick “{l}”.")
            ),
            WrongLength(ls) => m!(
                format!("“{l}” phải gồm {} chữ số.", join_lengths(ls, "hoặc")),
                format!("“{l}” must have {} digits.", join_lengths(ls, "or"))
            ),
            Checksum => m!(
                format!("“{l}” có chữ số kiểm tra không đúng; vui lòng kiểm tra lại từng chữ số."),
                format!("The check digit of “{l}” is wrong; please check each digit.")
            ),
            UnknownProvince(c) => m!(
                format!("“{l}” có mã tỉnh “{c}” không tồn tại."),
                format!("“{l}” has a province code “{c}” that does not exist.")
            ),
            InvalidCenturyDigit(d) => m!(
                format!("“{l}” có chữ số thứ tư (thế kỷ và giới tính) là {d}, không thể có với người đang sống."),
                format!("The fourth digit of “{l}” (century and sex) is {d}, which is impossible for a living person.")
            ),
            FutureBirthYear(y) => m!(
                format!("“{l}” mang năm sinh {y}, sau năm hiện tại."),
                format!("“{l}” encodes the birth year {y}, which is in the future.")
            ),
            InvalidSerial => m!(
                format!("“{l}” có phần số thứ tự không hợp lệ (toàn chữ số 0)."),
                format!("“{l}” has an invalid serial part (all zeros).")
            ),
            UnknownPrefix => m!(
                format!("“{l}” có đầu số không thuộc kho số viễn thông Việt Nam."),
                format!("“{l}” has a prefix that is not in the Vietnamese numbering plan.")
            ),
            OldMobileNumber(s) => m!(
                format!("“{l}” là số di động 11 số cũ, đã được chuyển sang 10 số; có phải là {s}?"),
                format!("“{l}” is an old 11-digit mobile number, now 10 digits; did you mean {s}?")
            ),
            ObsoletePostalCode => m!(
                format!("“{l}” là mã bưu chính 6 số cũ; từ năm 2018 mã bưu chính gồm 5 chữ số."),
                format!("“{l}” is an old 6-digit postal code; since 2018 postal codes have 5 digits.")
            ),
            UnknownCommune(c) => m!(
                format!("“{l}”: không có xã, phường, đặc khu “{c}” trong danh mục đơn vị hành chính từ 01/7/2025."),
                format!("“{l}”: there is no commune “{c}” in the administrative units in force since 1 July 2025.")
            ),
            CommuneNotInProvince(p) => m!(
                format!("“{l}” thuộc {p}, không thuộc tỉnh, thành phố đã chọn."),
                format!("“{l}” belongs to {p}, not to the selected province.")
            ),
            OldUnit(Some(s)) => m!(
                format!("“{l}” là đơn vị hành chính trước ngày 01/7/2025; nay thuộc {s}."),
                format!("“{l}” is an administrative unit from before 1 July 2025; it is now part of {s}.")
            ),
            OldUnit(None) => m!(
                format!("“{l}” là đơn vị hành chính trước ngày 01/7/2025; vui lòng chọn đơn vị hiện nay."),
                format!("“{l}” is an administrative unit from before 1 July 2025; please choose the current one.")
            ),
            MissingAttachment => m!(
                format!("Hồ sơ còn thiếu thành phần “{l}”; vui lòng đính kèm tệp."),
                format!("The dossier is missing “{l}”; please attach the file.")
            ),
            FileTooLarge(b) => m!(
                format!("Tệp đính kèm của “{l}” vượt quá dung lượng cho phép ({}).", size(*b)),
                format!("The file attached to “{l}” is larger than allowed ({}).", size(*b))
            ),
            FileTypeNotAllowed(a) => m!(
                format!("Tệp đính kèm của “{l}” không đúng loại cho phép ({a})."),
                format!("The file attached to “{l}” is not of an allowed type ({a}).")
            ),
            FileTypeMismatch(t) => m!(
                format!("Tệp đính kèm của “{l}” có phần mở rộng không khớp với nội dung (nội dung là {t})."),
                format!("The file attached to “{l}” has an extension that does not match its content ({t}).")
            ),
            FileContentNotOfType(t) => {
                let a = if matches!(*t, "xlsx" | "xls" | "xml" | "odt") {
                    "an"
                } else {
                    "a"
                };
                let t = t.to_ascii_uppercase();
                m!(
                    format!("Tệp đính kèm của “{l}”: nội dung tệp không phải là {t}."),
                    format!("The file attached to “{l}”: the content is not {a} {t}.")
                )
            }
            TooManyFiles(n) => m!(
                format!("“{l}” chỉ được đính kèm tối đa {n} tệp."),
                format!("“{l}” accepts at most {n} files.")
            ),
            EmptyFile => m!(
                format!("Tệp đính kèm của “{l}” rỗng (0 byte)."),
                format!("The file attached to “{l}” is empty (0 bytes).")
            ),
            BirthYearMismatch(id, birth) => m!(
                format!("“{l}” mang năm sinh {id}, không khớp với ngày sinh đã khai (năm {birth})."),
                format!("“{l}” encodes the birth year {id}, which does not match the date of birth given ({birth}).")
            ),
            SexMismatch => m!(
                format!("“{l}” không khớp với giới tính đã khai."),
                format!("“{l}” does not match the sex given.")
            ),
            DateOrder(o) => m!(
                format!("“{l}” phải sau “{o}”."),
                format!("“{l}” must be after “{o}”.")
            ),
            TooYoung(n) => m!(
                format!("Theo “{l}”, người khai chưa đủ {n} tuổi."),
                format!("According to “{l}”, the person is younger than {n}.")
            ),
            TooOld(n) => m!(
                format!("Theo “{l}”, người khai đã quá {n} tuổi."),
                format!("According to “{l}”, the person is older than {n}.")
            ),
            OneOfRequired(ls) => m!(
                format!("Vui lòng nhập ít nhất một trong các mục: {ls}."),
                format!("Please fill in at least one of: {ls}.")
            ),
            ForeignBirthPrefix(p) => m!(
                format!("“{l}” có mã nơi đăng ký khai sinh “{p}” không thuộc danh mục tỉnh (có thể khai sinh ở nước ngoài); vui lòng kiểm tra lại."),
                format!("“{l}” has a birth-registration code “{p}” outside the province table (perhaps born abroad); please check it.")
            ),
            CarrierUncertain(p) => m!(
                format!("Nhà mạng của đầu số {p} trong “{l}” không chắc chắn (có thể đã chuyển mạng giữ số)."),
                format!("The carrier of prefix {p} in “{l}” is uncertain (the number may have been ported).")
            ),
            LegacyEncoding(enc, s) => m!(
                format!("“{l}” có vẻ được gõ bằng bảng mã cũ ({enc}); có phải là “{s}”?"),
                format!("“{l}” looks like text in an old encoding ({enc}); did you mean “{s}”?")
            ),
            ObsoleteIdCard => m!(
                format!("“{l}” là số chứng minh nhân dân, đã hết giá trị sử dụng từ ngày 01/01/2025."),
                format!("“{l}” is an old ID card (CMND) number, no longer valid since 1 January 2025.")
            ),
            UnusualFormat => m!(
                format!("“{l}” có định dạng không thường gặp; vui lòng kiểm tra lại."),
                format!("“{l}” has an unusual format; please check it.")
            ),
            UnknownBenefitGroup(g) => m!(
                format!("“{l}” có mã đối tượng “{g}” không có trong danh mục đã biết; vui lòng kiểm tra lại."),
                format!("“{l}” has a beneficiary group “{g}” that is not in the known list; please check it.")
            ),
        }
    }
}

/// Every problem code, for documentation and tests.
pub const ALL_CODES: &[&str] = &[
    "required",
    "wrongType",
    "tooShort",
    "tooLong",
    "tooSmall",
    "tooLarge",
    "notInteger",
    "patternMismatch",
    "invalidFormat",
    "invalidCharacters",
    "invalidCharacter",
    "invalidDate",
    "dateTooEarly",
    "dateTooLate",
    "futureDate",
    "invalidEmail",
    "notAnOption",
    "mustBeChecked",
    "wrongLength",
    "checksum",
    "unknownProvince",
    "invalidCenturyDigit",
    "futureBirthYear",
    "invalidSerial",
    "unknownPrefix",
    "oldMobileNumber",
    "obsoletePostalCode",
    "unknownCommune",
    "communeNotInProvince",
    "oldUnit",
    "missingAttachment",
    "fileTooLarge",
    "fileTypeNotAllowed",
    "fileTypeMismatch",
    "tooManyFiles",
    "emptyFile",
    "birthYearMismatch",
    "sexMismatch",
    "dateOrder",
    "tooYoung",
    "tooOld",
    "oneOfRequired",
    "foreignBirthPrefix",
    "carrierUncertain",
    "legacyEncoding",
    "obsoleteIdCard",
    "unusualFormat",
    "unknownBenefitGroup",
];
