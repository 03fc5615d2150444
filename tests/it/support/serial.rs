//! One end-to-end module at a time.
//!
//! The end-to-end modules race real processes against the clock: the
//! explorer in tmux, the real file watcher, `kill -9` mid-write. Each was
//! its own test binary once, and cargo runs test binaries one after
//! another; in this one binary any test may run beside any other. So each
//! end-to-end test holds its module's turn while it runs (`Tmux::start`
//! and live_reload's `Watch::start` take it): tests of one module still
//! run side by side, as they did inside their binary, but never beside
//! another module's, whose load (10,000 files, storms of keys, `kill -9`
//! rounds) could make them miss a deadline. Tests that take no turn run
//! beside anything.
//!
//! Not first come, first served: a module waits until the running one has
//! no test left in flight, which comes soon, as libtest starts tests in
//! name order and so a module's tests one after another.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

struct State {
    /// The module whose tests hold turns, if any.
    running: Option<&'static str>,
    /// How many of its tests hold one.
    holders: usize,
}

static STATE: Mutex<State> = Mutex::new(State {
    running: None,
    holders: 0,
});
static ENDED: Condvar = Condvar::new();

/// A failed test panics while holding its turn: the state stays sound.
fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Held for as long as the test drives its processes; dropping it lets
/// another module's tests in once this module's are all done.
#[must_use = "the turn ends when it is dropped"]
pub struct Turn(());

/// Waits until no other module's end-to-end test runs, then holds a turn
/// for `module` (a file path, as `file!()` gives it).
pub fn turn(module: &'static str) -> Turn {
    let mut state = ENDED
        .wait_while(state(), |state| {
            state.running.is_some_and(|running| running != module)
        })
        .unwrap_or_else(PoisonError::into_inner);
    state.running = Some(module);
    state.holders += 1;
    Turn(())
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut state = state();
        state.holders -= 1;
        if state.holders == 0 {
            state.running = None;
            ENDED.notify_all();
        }
    }
}
