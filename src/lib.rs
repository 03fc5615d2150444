//! costlens: what a coding agent really costs per merged change that
//! survives, compared across model profiles.
//!
//! The layers, top to bottom (each uses only those below it; see
//! `docs/architecture.md`): `cli` and `tui` → `ui` → `app` → `report`,
//! `overrides`, `watch`, `writeback` → `profile` → `model`. Modules are
//! public only where the binary, the tests, the benches or the fuzz
//! targets use them.

#![warn(unreachable_pub)]

pub mod app;
pub(crate) mod atomic;
pub(crate) mod background;
pub mod calibrate;
pub mod cli;
pub mod model;
pub mod overrides;
pub mod picture;
pub mod profile;
pub mod report;
pub(crate) mod suggest;
pub(crate) mod test_hooks;
pub(crate) mod tui;
pub mod ui;
pub(crate) mod watch;
pub mod writeback;
