//! Decision 766/QĐ-TTg (23/6/2022) indicators that dossier records allow.
//!
//! | code | indicator | rate | full points at |
//! |---|---|---|---|
//! | 2.1 | on-time processing (tiến độ giải quyết) | (early + onTime resolved + pending still within their due date) / (resolved with a due date + pending with a due date) | 100 % |
//! | 3.3 | online submission (nộp trực tuyến) | online / newly received | 50 % |
//! | 3.6 | online payment (thanh toán trực tuyến) | paid online / fee-bearing new dossiers | 100 % |
//! | 4.2 | digitisation (số hóa) | new dossiers with digitised components (and an electronic result, when a column says so) / new dossiers | 80 % |
//! | 5.4 | satisfaction (mức độ hài lòng) | 100 − (late rate + complaint rate) | 90 % |
//!
//! Below its threshold an indicator scores `rate × maxPoints / threshold`. A zero denominator
//! (or a missing column) gives "not applicable" (`applicable: false`, `rate: null`), never a
//! division error. The default `maxPoints` are the points of the indicator's *group* in the
//! decision (progress 20, online service 12, online payment 10, digitisation 22,
//! satisfaction 18): the split of a group among its indicators was not confirmed, so the
//! weights are options (`d766Weights`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rate::rate;
use super::IndicatorWeight;

/// One indicator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Indicator {
    /// `"2.1"`, `"3.3"`, `"3.6"`, `"4.2"`, `"5.4"`.
    #[cfg_attr(
        feature = "js",
        tsify(type = "\"2.1\" | \"3.3\" | \"3.6\" | \"4.2\" | \"5.4\"")
    )]
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Numerator of the rate.
    pub numerator: u64,
    /// Denominator of the rate.
    pub denominator: u64,
    /// Rate in % (2 decimals), `null` when not applicable.
    #[cfg_attr(feature = "js", tsify(type = "number | null"))]
    pub rate: Option<f64>,
    /// Rate giving full points.
    pub threshold: f64,
    /// Points at or above the threshold.
    pub max_points: f64,
    /// Points (2 decimals), `null` when not applicable.
    #[cfg_attr(feature = "js", tsify(type = "number | null"))]
    pub points: Option<f64>,
    /// False when the denominator is 0 or the export lacks the columns.
    pub applicable: bool,
    /// How it was computed, or why it is not applicable (Vietnamese).
    pub note: String,
}

/// The indicators and their sum.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct D766 {
    /// The indicators, by code.
    pub indicators: Vec<Indicator>,
    /// Sum of the points of applicable indicators.
    pub points: f64,
    /// Sum of the maximum points of applicable indicators.
    pub max_points: f64,
}

/// The default weights (see the module documentation).
pub fn default_weights() -> BTreeMap<String, IndicatorWeight> {
    let mut m = BTreeMap::new();
    for (k, max_points, threshold) in [
        ("2.1", 20.0, 100.0),
        ("3.3", 12.0, 50.0),
        ("3.6", 10.0, 100.0),
        ("4.2", 22.0, 80.0),
        ("5.4", 18.0, 90.0),
    ] {
        m.insert(
            k.to_string(),
            IndicatorWeight {
                max_points,
                threshold,
            },
        );
    }
    m
}

/// What the indicators are computed from (the period's totals).
#[derive(Clone, Copy, Debug, Default)]
pub struct D766Input {
    /// Resolved early.
    pub early: u64,
    /// Resolved on time.
    pub on_time: u64,
    /// Resolved late.
    pub late: u64,
    /// Pending at the period end with a due date not yet passed.
    pub pending_within_known: u64,
    /// Pending and overdue at the period end.
    pub pending_overdue: u64,
    /// Newly received.
    pub new: u64,
    /// Received total (carried over + new).
    pub received_total: u64,
    /// New, online.
    pub online: u64,
    /// New, in person.
    pub in_person: u64,
    /// New, by post.
    pub postal: u64,
    /// New, fee-bearing.
    pub fee_bearing: u64,
    /// New, fee-bearing and paid online.
    pub paid_online: u64,
    /// The export has an online-payment column.
    pub has_payment: bool,
    /// New with a digitisation value.
    pub digit_den: u64,
    /// New, digitised (with an electronic result where known).
    pub digit_ok: u64,
    /// The export has a digitisation column.
    pub has_digit: bool,
    /// Received with a complaint.
    pub complaints: u64,
    /// The export has a complaint column.
    pub has_complaint: bool,
    /// The export has a channel column.
    pub has_channel: bool,
}

#[allow(clippy::too_many_arguments)]
fn indicator(
    code: &str,
    name: &str,
    name_en: &str,
    num: u64,
    den: u64,
    r: Option<f64>,
    w: IndicatorWeight,
    note: String,
) -> Indicator {
    let points = r.map(|r| {
        let p = if r >= w.threshold {
            w.max_points
        } else {
            r * w.max_points / w.threshold
        };
        (p * 100.0).round() / 100.0
    });
    Indicator {
        code: code.into(),
        name: name.into(),
        name_en: name_en.into(),
        numerator: num,
        denominator: den,
        rate: r,
        threshold: w.threshold,
        max_points: w.max_points,
        points,
        applicable: r.is_some(),
        note,
    }
}

/// Computes the indicators.
///
/// # Example
/// ```
/// use tthc::stats::d766::{compute, default_weights, D766Input};
/// let d = compute(&D766Input { early: 90, on_time: 5, late: 5, new: 100, online: 30, has_channel: true, ..Default::default() }, &default_weights());
/// let i21 = &d.indicators[0];
/// assert_eq!(i21.rate, Some(95.0));
/// assert_eq!(i21.points, Some(19.0));
/// let i33 = &d.indicators[1];
/// assert_eq!(i33.points, Some(7.2)); // 30 % of a 50 % threshold × 12
/// assert!(!d.indicators[2].applicable); // no payment column
/// ```
pub fn compute(x: &D766Input, weights: &BTreeMap<String, IndicatorWeight>) -> D766 {
    let w = |k: &str| {
        weights.get(k).copied().unwrap_or(IndicatorWeight {
            max_points: 0.0,
            threshold: 100.0,
        })
    };
    let mut v = Vec::new();

    let num = x.early + x.on_time + x.pending_within_known;
    let den = x.early + x.on_time + x.late + x.pending_within_known + x.pending_overdue;
    v.push(indicator(
        "2.1",
        "Tiến độ giải quyết (tỷ lệ hồ sơ đúng hạn)",
        "Processing progress (on-time rate)",
        num,
        den,
        rate(num, den),
        w("2.1"),
        if den == 0 {
            "Không áp dụng: không có hồ sơ có hạn giải quyết trong kỳ.".into()
        } else {
            "(Trước hạn + đúng hạn + đang giải quyết còn hạn) / (đã giải quyết có hạn + đang giải quyết có hạn); quá 1 lần bổ sung là quá hạn; hồ sơ chưa xong xét tại cuối kỳ.".into()
        },
    ));

    v.push(indicator(
        "3.3",
        "Tỷ lệ hồ sơ nộp trực tuyến",
        "Share of dossiers submitted online",
        x.online,
        x.new,
        if x.has_channel {
            rate(x.online, x.new)
        } else {
            None
        },
        w("3.3"),
        if !x.has_channel {
            "Không áp dụng: tệp không có cột kênh nộp.".into()
        } else if x.new == 0 {
            "Không áp dụng: không có hồ sơ mới tiếp nhận.".into()
        } else {
            format!(
                "Trực tuyến {} / mới tiếp nhận {} (trực tiếp {}, bưu chính {}).",
                x.online, x.new, x.in_person, x.postal
            )
        },
    ));

    v.push(indicator(
        "3.6",
        "Tỷ lệ thanh toán trực tuyến",
        "Share of fees paid online",
        x.paid_online,
        x.fee_bearing,
        if x.has_payment {
            rate(x.paid_online, x.fee_bearing)
        } else {
            None
        },
        w("3.6"),
        if !x.has_payment {
            "Không áp dụng: tệp không có cột thanh toán trực tuyến.".into()
        } else if x.fee_bearing == 0 {
            "Không áp dụng: không có hồ sơ có phí, lệ phí.".into()
        } else {
            "Hồ sơ thanh toán trực tuyến / hồ sơ mới có phí, lệ phí.".into()
        },
    ));

    v.push(indicator(
        "4.2",
        "Tỷ lệ số hóa hồ sơ, kết quả",
        "Digitisation of dossiers and results",
        x.digit_ok,
        x.digit_den,
        if x.has_digit {
            rate(x.digit_ok, x.digit_den)
        } else {
            None
        },
        w("4.2"),
        if !x.has_digit {
            "Không áp dụng: tệp không có cột số hóa thành phần hồ sơ.".into()
        } else if x.digit_den == 0 {
            "Không áp dụng: không có hồ sơ mới tiếp nhận.".into()
        } else {
            "Hồ sơ mới có thành phần số hóa (và kết quả điện tử khi tệp có cột này) / hồ sơ mới."
                .into()
        },
    ));

    let classified = x.early + x.on_time + x.late;
    let r54 = if classified == 0 {
        None
    } else {
        let late_rate = rate(x.late, classified).unwrap_or(0.0);
        let complaint_rate = if x.has_complaint {
            rate(x.complaints, x.received_total).unwrap_or(0.0)
        } else {
            0.0
        };
        Some((((100.0 - late_rate - complaint_rate).max(0.0)) * 100.0).round() / 100.0)
    };
    v.push(indicator(
        "5.4",
        "Mức độ hài lòng (100% − tỷ lệ trễ hạn − tỷ lệ phản ánh)",
        "Satisfaction (100% − late rate − complaint rate)",
        x.early + x.on_time,
        classified,
        r54,
        w("5.4"),
        if classified == 0 {
            "Không áp dụng: không có hồ sơ đã giải quyết có hạn.".into()
        } else if x.has_complaint {
            format!(
                "Trễ hạn {} / {}; phản ánh {} / {}.",
                x.late, classified, x.complaints, x.received_total
            )
        } else {
            format!(
                "Trễ hạn {} / {}; tệp không có cột phản ánh, kiến nghị (tính như 0).",
                x.late, classified
            )
        },
    ));

    let points = v.iter().filter_map(|i| i.points).sum::<f64>();
    let max_points = v
        .iter()
        .filter(|i| i.applicable)
        .map(|i| i.max_points)
        .sum::<f64>();
    D766 {
        indicators: v,
        points: (points * 100.0).round() / 100.0,
        max_points,
    }
}
