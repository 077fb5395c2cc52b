//! The json reader: see `genkg::fuzzing::run_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genkg::fuzzing::run_json(data));
