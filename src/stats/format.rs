//! Vietnamese number formatting: `.` groups thousands, `,` marks decimals (6.753; 99,19 %).

/// Formats a number the Vietnamese way, with at most `decimals` decimals (trailing zeros
/// dropped).
///
/// # Example
/// ```
/// use tthc::stats::format::format_number_vi;
/// assert_eq!(format_number_vi(6753.0, 2), "6.753");
/// assert_eq!(format_number_vi(1234567.5, 2), "1.234.567,5");
/// assert_eq!(format_number_vi(-0.25, 2), "-0,25");
/// assert_eq!(format_number_vi(1e21, 2), "1.000.000.000.000.000.000.000");
/// assert_eq!(format_number_vi(-1e39, 0), format!("-1{}", ".000".repeat(13)));
/// ```
pub fn format_number_vi(n: f64, decimals: u32) -> String {
    if !n.is_finite() {
        return String::new();
    }
    let d = decimals.min(6);
    let scale = 10f64.powi(d as i32);
    // From 10^15 on an f64 has no decimals left to show, and scaling could overflow.
    let (int, mut frac, nonzero) = if n.abs() >= 1e15 {
        (n.abs().round(), 0, true)
    } else {
        let scaled = (n.abs() * scale).round();
        let int = (scaled / scale).trunc();
        (int, (scaled - int * scale).round() as u64, scaled > 0.0)
    };
    // `Display` of a whole f64 writes all its digits, without exponent or fraction.
    let mut digits = format!("{int}");
    let mut out = String::new();
    if n < 0.0 && nonzero {
        out.push('-');
    }
    let len = digits.len();
    for (i, c) in digits.drain(..).enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if d > 0 && frac > 0 {
        let mut width = d as usize;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        out.push(',');
        out.push_str(&format!("{frac:0width$}"));
    }
    out
}

/// Formats a rate in % with 2 decimals the Vietnamese way (`99,19 %`); `""` for `None`.
///
/// # Example
/// ```
/// use tthc::stats::format::format_percent_vi;
/// assert_eq!(format_percent_vi(Some(99.19)), "99,19 %");
/// assert_eq!(format_percent_vi(Some(43.45)), "43,45 %");
/// assert_eq!(format_percent_vi(Some(100.0)), "100 %");
/// assert_eq!(format_percent_vi(None), "");
/// assert_eq!(format_percent_vi(Some(1e21)), "1.000.000.000.000.000.000.000 %");
/// ```
pub fn format_percent_vi(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{} %", format_number_vi(v, 2)),
        _ => String::new(),
    }
}
