//! libFuzzer entry point: see `../pipeline.rs` for what one input is and
//! what is done with it.

#![no_main]

#[path = "../pipeline.rs"]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline::run(data));
