//! `costlens calibrate`: profile figures measured from a team's own
//! records (`docs/calibrate.md`). Each record has its own reader:
//! `logs` reads Claude Code's session logs.

pub mod git;
pub mod interval;
pub mod logs;
pub mod prs;
