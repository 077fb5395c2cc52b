//! The kb reader: see `genkg::fuzzing::run_kb`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genkg::fuzzing::run_kb(data));
