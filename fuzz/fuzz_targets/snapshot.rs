//! The snapshot reader: see `genkg::fuzzing::run_snapshot`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genkg::fuzzing::run_snapshot(data));
