//! Statistics ingest (Csv): never panics, never hangs, streamed = whole.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::check(data, Some(tthc::ingest::Format::Csv)));
