//! # tthc — thủ tục hành chính in the browser
//!
//! tthc is the offline engine of the Nghệ An public-service portal. It does three jobs, in plain
//! Rust that compiles to WebAssembly:
//!
//! 1. **Validate submission forms** ([`forms`], [`identifiers`], [`units`], [`text`]): citizen ID
//!    numbers (số định danh cá nhân), tax codes (mã số thuế), phones, dates, names, the 2025
//!    administrative units, cross-field rules — with Vietnamese and English messages.
//! 2. **Estimate due dates** ([`calendar`], [`deadline`]): the working days and hours of state
//!    offices, lunar holidays (Tết, Giỗ Tổ Hùng Vương), compensatory days (nghỉ bù), official
//!    swaps, cut-off times, pauses while a dossier waits for a supplement.
//! 3. **Compute statistics from exports** ([`ingest`], [`stats`]): received, carried over,
//!    resolved early / on time / late, pending, online and postal shares, per agency, and the
//!    Decision 766 indicators.
//!
//! The domain modules know nothing about JavaScript. The `js` module (feature `js`, on by
//! default) is the thin wasm-bindgen layer that implements the JavaScript contract
//! (`spec/js-api.md` in the design documents) on top of them.
//!
//! Every fallible function returns [`Result`] with the one [`Error`] type; nothing panics on
//! bad input.
//!
//! ```
//! let t = tthc::datetime::parse_datetime("2026-06-01T01:30:00Z", "receivedAt").unwrap();
//! assert_eq!(tthc::datetime::format_datetime(t), "2026-06-01T08:30:00+07:00");
//! ```
#![deny(missing_docs)]

pub mod calendar;
pub mod datetime;
pub mod deadline;
mod error;
pub mod forms;
mod host;
pub mod identifiers;
#[cfg(feature = "stats")]
pub mod ingest;
pub mod message;
mod sort;
#[cfg(feature = "stats")]
pub mod stats;
pub mod text;
pub mod units;

#[cfg(feature = "js")]
pub mod js;

pub use error::{Error, ErrorKind, Result};
