//! Statistics (thống kê) from dossier records: the centre's report and Decision 766 indicators.
//!
//! SKELETON: filled in by its issue.
