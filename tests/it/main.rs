//! costlens's integration tests: one test binary (`cargo test --test it`),
//! one module per area. `cargo test MODULE::` runs one area, e.g.
//! `cargo test bad_input::`.
//!
//! The engine, on plain structs:
//! - `engine`: every formula of `docs/cost-model.md`, table-driven, and
//!   the worked check (30.50 and 78.45);
//! - `mixes`: routing mixes: share-weighted sums, nesting, cycles;
//! - `analysis`: the analyses of `docs/analysis.md` by hand on the worked
//!   check: every lever's ends and clamps, flips, mixes, retrying,
//!   payback; and properties (proptest) against the engine's cost;
//! - `properties` (proptest): figures finite, costs moving the right way,
//!   and every field's range exactly as `docs/profile-format.md` documents.
//!
//! Profile files and the command line:
//! - `bad_input`: every way a profiles folder can be wrong, each as the
//!   good profile with one line broken (or a short explicit file), checked
//!   by the library, `costlens check` and `costlens report --format json`;
//! - `cli`: the built binary's commands, formats and exit codes;
//! - `analyze_cli`: `costlens analyze` end to end: every format, the JSON's
//!   keys and nulls, `--set`, `--step`, unknown ids, bad files;
//! - `companions`: `costlens completions SHELL` and `costlens man`, read
//!   by bash (and `man`/`groff` where installed);
//! - `measured`: a profile's `model_ids` and `[calibration]`, and which
//!   figures are measured or assumed on the explorer's screen and in the
//!   markdown report; the shipped profiles' model ids;
//! - `readme_outputs`: every output pasted in README.md and docs/ is what
//!   the binary prints now (`scripts/readme-outputs --check`);
//! - `writeback`: `s` writing what-ifs into files, comments and all;
//! - `export`: `e` writing the comparison to a markdown file.
//!
//! Calibration from a team's records:
//! - `calibrate`: the Claude Code log reader: line and duplicate rules one
//!   by one, attempts, finding the logs, a hand-checked fixture, and
//!   generated trees against the real ccusage.
//!
//! The explorer without a terminal:
//! - `app`: `App::update`, action by action, on real files; mouse; reloads;
//! - `keys`: the key table in each mode;
//! - `screen`: what the screen says, line by line: the header never
//!   overlapping, rows out of view counted, names cut with `…`, columns
//!   aligned by display cells, a footer word for every change;
//! - `stale_loads`: the watcher's loads against a save's or F5's reread:
//!   one begun before it is dropped, one begun after applies;
//! - `snapshots` (insta, `snapshots/` beside this file): whole screens on
//!   ratatui's TestBackend after key sequences;
//! - `themes`: every theme at every colour depth, on every view and both
//!   screens, reaching the WCAG contrast cell by cell; monochrome without
//!   a colour;
//! - `pictures`: `x` and `costlens snapshot`'s SVG (a golden file, read
//!   back as XML) and PNG (decoded), the fonts covering what the screen
//!   draws, and README's pictures in `assets/` (`scripts/pictures --check`);
//! - `views`: the views `1`–`4` on screen: tabs, the tornado's order,
//!   labels and scale, the first-pass and payback figures, the Compare
//!   view marking the revert cost, every view legible at 80×24.
//!
//! Fuzzing's inputs and properties:
//! - `fuzz_inputs`: the fuzzers' kept inputs (`tests/fixtures/fuzz/`)
//!   replayed through `fuzz/pipeline.rs`;
//! - `pipeline_properties` (proptest): generated folders through the same
//!   pipeline.
//!
//! End to end, real processes against the clock (each takes its turn, see
//! `support::serial`; all but `live_reload` are Unix only):
//! - `live_reload`: `costlens watch --json` and the real watcher, files
//!   saved the ways editors save them (vim included);
//! - `meeting_e2e`: meeting mode in tmux: `P`, a lever moving the big
//!   headline, `t` repainting, `x` writing pictures, a late answer to the
//!   background query pressing no keys.
//! - `tui_e2e`: the explorer in tmux: sliders, quitting, help, resize,
//!   monochrome, a live edit;
//! - `tui_abuse`: resize storms, random keys and bytes, a huge paste,
//!   signals, injected panics;
//! - `fs_faults`: the folder deleted, unreadable files, symlink loops,
//!   10,000 files, a 50 MB file, no file notifications;
//! - `save_e2e`: `s` refusing a broken file and `S` saving everything,
//!   in tmux, also with slow writes the watcher reads half-way;
//! - `write_safety`: `kill -9` in the middle of `s` (profile, scenario,
//!   mix shares) and `e`.
//!
//! `support` holds what several modules share: the worked-check profiles,
//! the tmux harness, the turn-taking, the fuzz pipeline.
//!
//! Where a new test goes: beside the tests of the same area above. A new
//! way a file can be wrong is one row in `bad_input`; a new formula, one
//! `Case` in `engine`; a new screen, a sequence in `snapshots`. A new area
//! is a new `mod` here and a line in this list. Fixtures are under
//! `tests/fixtures/`, read by paths relative to the package root, where
//! cargo runs the tests.

mod support;

mod analysis;
mod analyze_cli;
mod app;
mod bad_input;
mod calibrate;
mod cli;
mod companions;
mod engine;
mod export;
mod fs_faults;
mod fuzz_inputs;
mod keys;
mod live_reload;
mod measured;
mod meeting_e2e;
mod mixes;
mod pictures;
mod pipeline_properties;
mod present;
mod properties;
mod readme_outputs;
mod save_e2e;
mod screen;
mod snapshots;
mod stale_loads;
mod themes;
mod tui_abuse;
mod tui_e2e;
mod views;
mod write_safety;
mod writeback;
