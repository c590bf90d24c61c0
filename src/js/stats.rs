//! JS binding of the stats area (filled in by its issue).
