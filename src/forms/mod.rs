//! Form validation (kiểm tra biểu mẫu): schemas, compiled validators, messages.
pub mod messages;
pub use messages::{Expected, Locale, Problem, ALL_CODES};
