//! costlens: what a coding agent really costs per merged change that
//! survives, compared across model profiles.

pub mod app;
pub mod atomic;
pub mod cli;
pub mod model;
pub mod overrides;
pub mod profile;
pub mod report;
pub mod suggest;
pub mod test_hooks;
pub mod tui;
pub mod ui;
pub mod watch;
pub mod writeback;
