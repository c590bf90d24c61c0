//! Services of the host the crate runs on, for what the crate's own small rules leave over:
//!
//! - `sin`: the sine, for the lunar calendar ([`crate::calendar::lunar`]);
//! - `nfc`, `nfd`: Unicode normalisation of scripts beyond the small tables of
//!   [`crate::text::nf`];
//! - `to_lower`, `to_upper`: case mapping of letters beyond the rules of [`crate::text::case`];
//! - `parse_float`: the correctly rounding decimal parser, on a canonical `DIGITSe±EXP`, for the
//!   numbers beyond the exact fast path of [`crate::text::float`].
//!
//! Natively they come from core, libm and the `unicode-normalization` crate. In the wasm build
//! with the `js` feature they are the browser's (`Math.sin`, `String.prototype.normalize`,
//! `toLowerCase` / `toUpperCase`, `parseFloat`), which keeps their tables and code out of the
//! module. The two differ at most in the last bit of a sine (≈ 1 % of arguments, a new moon moved
//! by ~1e-12 day); wasm tests compare them (bit for bit for numbers, every lunar day 1900–2100).
//! A wasm build without `js` has no full tables: text beyond the crate's rules is kept as it is.
//!
//! This is the bottom layer: it uses no other module of the crate, and the choice between the
//! implementations is made here and nowhere else.

#[cfg(all(target_arch = "wasm32", not(feature = "js")))]
pub(crate) use bare_wasm::*;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use browser::*;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::*;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use unicode_normalization::UnicodeNormalization;

    pub fn sin(x: f64) -> f64 {
        x.sin()
    }

    pub fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    pub fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    pub fn to_lower(s: &str) -> String {
        s.to_lowercase()
    }

    pub fn to_upper(s: &str) -> String {
        s.to_uppercase()
    }

    pub fn parse_float(canonical: &str) -> Option<f64> {
        canonical.parse().ok()
    }
}

#[cfg(all(target_arch = "wasm32", feature = "js"))]
mod browser {
    use js_sys::JsString;

    pub fn sin(x: f64) -> f64 {
        js_sys::Math::sin(x)
    }

    // One function per host method, the form or the direction a parameter: the module carries
    // each conversion to and from a JS string once.
    fn normalize(s: &str, form: &str) -> String {
        JsString::from(s).normalize(form).into()
    }

    fn change_case(s: &str, upper: bool) -> String {
        let s = JsString::from(s);
        if upper {
            s.to_upper_case().into()
        } else {
            s.to_lower_case().into()
        }
    }

    pub fn nfc(s: &str) -> String {
        normalize(s, "NFC")
    }

    pub fn nfd(s: &str) -> String {
        normalize(s, "NFD")
    }

    pub fn to_lower(s: &str) -> String {
        change_case(s, false)
    }

    pub fn to_upper(s: &str) -> String {
        change_case(s, true)
    }

    pub fn parse_float(canonical: &str) -> Option<f64> {
        Some(js_sys::parse_float(canonical))
    }
}

/// A wasm build without the binding: libm's sine and core's parser are linked in; no Unicode
/// tables, so text beyond the crate's rules is kept as it is.
#[cfg(all(target_arch = "wasm32", not(feature = "js")))]
mod bare_wasm {
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }

    pub fn nfc(s: &str) -> String {
        s.to_string()
    }

    pub fn nfd(s: &str) -> String {
        s.to_string()
    }

    pub fn to_lower(s: &str) -> String {
        s.to_string()
    }

    pub fn to_upper(s: &str) -> String {
        s.to_string()
    }

    pub fn parse_float(canonical: &str) -> Option<f64> {
        canonical.parse().ok()
    }
}
