//! Administrative units (đơn vị hành chính) after the 2025 reform: 34 provinces, 3,321 communes.
//!
//! SKELETON: filled in by its issue.
