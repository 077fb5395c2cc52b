//! The manifest reader: see `genkg::fuzzing::run_manifest`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genkg::fuzzing::run_manifest(data));
