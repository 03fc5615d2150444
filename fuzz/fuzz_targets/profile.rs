//! libFuzzer entry point for one file, fast: see `run_one` in
//! `../pipeline.rs`.

#![no_main]

#[path = "../pipeline.rs"]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline::run_one(data));
