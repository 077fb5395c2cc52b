//! The epoch reader: see `genkg::fuzzing::run_epoch`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genkg::fuzzing::run_epoch(data));
