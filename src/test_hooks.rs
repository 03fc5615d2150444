//! Faults the end-to-end tests inject into the real binary. Compiled into
//! debug builds only (what `cargo test` starts); in a release build every
//! function here is empty and no variable is read.

#[cfg(debug_assertions)]
use ratatui::crossterm::event::{Event, KeyCode};

/// `COSTLENS_TEST_PANIC=main` (or `input`): the key `!` panics on the
/// event loop's thread (or the input thread).
#[cfg(debug_assertions)]
pub(crate) const PANIC: &str = "COSTLENS_TEST_PANIC";

/// `COSTLENS_TEST_WRITE_PAUSE_MS=N`: every atomic write sleeps N ms
/// halfway through its temp file, so a test's `kill -9` can land there.
#[cfg(debug_assertions)]
pub(crate) const WRITE_PAUSE_MS: &str = "COSTLENS_TEST_WRITE_PAUSE_MS";

/// `COSTLENS_TEST_NO_NATIVE_WATCHER=1`: the system's file notifications
/// "cannot start" (as when inotify's watch limit is reached), so the
/// polling fallback runs.
#[cfg(debug_assertions)]
pub(crate) const NO_NATIVE_WATCHER: &str = "COSTLENS_TEST_NO_NATIVE_WATCHER";

#[cfg(debug_assertions)]
pub(crate) fn refuse_native_watcher() -> bool {
    std::env::var_os(NO_NATIVE_WATCHER).is_some()
}

#[cfg(not(debug_assertions))]
pub(crate) fn refuse_native_watcher() -> bool {
    false
}

#[cfg(debug_assertions)]
pub(crate) fn pause_mid_write() {
    let pause_ms = std::env::var(WRITE_PAUSE_MS)
        .ok()
        .and_then(|value| value.parse::<u64>().ok());
    if let Some(pause_ms) = pause_ms {
        std::thread::sleep(std::time::Duration::from_millis(pause_ms));
    }
}

#[cfg(not(debug_assertions))]
pub(crate) fn pause_mid_write() {}

/// Panics when `event` is the key `!` and the test asked for a panic on
/// `thread`.
#[cfg(debug_assertions)]
pub(crate) fn panic_if_asked(thread: &str, event: &Event) {
    let bang = matches!(event, Event::Key(key) if key.code == KeyCode::Char('!'));
    if bang && std::env::var(PANIC).is_ok_and(|asked| asked == thread) {
        panic!("injected by {PANIC}={thread}");
    }
}

#[cfg(not(debug_assertions))]
pub(crate) fn panic_if_asked(_thread: &str, _event: &ratatui::crossterm::event::Event) {}
