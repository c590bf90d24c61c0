//! Vietnamese identifiers: citizen ID (số định danh cá nhân), tax code (mã số thuế), phones and more.
//!
//! SKELETON: filled in by its issue.
