//! Reading one-stop exports (CSV, XLSX, JSON) into dossier records.
//!
//! SKELETON: filled in by its issue.
