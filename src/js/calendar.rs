//! JS binding of the calendar area (filled in by its issue).
