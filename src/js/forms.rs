//! JS binding of the forms area (filled in by its issue).
