//! The csv reader: see `genkg::fuzzing::run_csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genkg::fuzzing::run_csv(data));
