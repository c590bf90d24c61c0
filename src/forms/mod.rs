//! Form validation (kiểm tra biểu mẫu): schemas, compiled validators, messages.
//!
//! SKELETON: filled in by its issue.
