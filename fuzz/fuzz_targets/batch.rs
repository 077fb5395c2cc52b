//! The batch reader: see `genkg::fuzzing::run_batch`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genkg::fuzzing::run_batch(data));
