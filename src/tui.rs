//! The terminal: set-up and restore (on quit, on error, on panic), and the
//! event loop. The loop sleeps until an event arrives on its channel —
//! keys, mouse and resizes from the input thread, reloaded folders from the
//! watcher — so an idle explorer uses no CPU.

use std::io::{self, Stdout};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use anyhow::Context;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;

use crate::app::{Action, App, Screen, Source, View, action_for};
use crate::picture::{self, Canvas};
use crate::ui::{self, ColorDepth, DrawContext, Theme};
use crate::watch::{self, FolderUpdate, FolderWatch, WatchMode};

/// What wakes the loop.
#[derive(Debug)]
pub(crate) enum AppEvent {
    /// A key, mouse or resize event from the terminal.
    Input(Event),
    /// The input thread could not read the terminal any more.
    InputClosed,
    /// The watcher reloaded the folder, or could not.
    Folder(FolderUpdate),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT arrived: leave as on `q`.
    Signal(i32),
}

/// Events applied between two frames at most, when they queue up.
const MAX_EVENTS_PER_FRAME: usize = 256;

/// Set for the start-up benchmark: draw the first frame, then leave.
const EXIT_AFTER_FIRST_FRAME: &str = "COSTLENS_EXIT_AFTER_FIRST_FRAME";

/// Owns the terminal while the explorer runs; dropping it restores it.
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    mouse: bool,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> anyhow::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()
            .context("the explorer needs a terminal (for scripts, use `costlens report`)")?;
        let mut stdout = io::stdout();
        // Bracketed paste: pasted text arrives as one event, not as keys,
        // so a paste full of `q`s and `s`s does not quit or write files.
        let entered = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste).and_then(|()| {
            if mouse {
                execute!(stdout, EnableMouseCapture)
            } else {
                Ok(())
            }
        });
        if let Err(err) = entered {
            restore();
            return Err(err).context("cannot set up the terminal");
        }
        let terminal = Terminal::new(CrosstermBackend::new(stdout)).inspect_err(|_| restore())?;
        Ok(TerminalGuard { terminal, mouse })
    }

    fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        if on != self.mouse {
            if on {
                execute!(self.terminal.backend_mut(), EnableMouseCapture)?;
            } else {
                execute!(self.terminal.backend_mut(), DisableMouseCapture)?;
            }
            self.mouse = on;
        }
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back: mouse capture and bracketed paste off, main
/// screen, cooked mode, cursor shown. Safe to call more than once; errors
/// are ignored because there is nowhere left to report them.
pub(crate) fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        // A panic mid-frame would leave the terminal holding output back.
        EndSynchronizedUpdate,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// A panic on any thread restores the terminal, says what happened in
/// plain words on the restored screen, and ends the process: an explorer
/// whose input or watcher thread died would look alive and not answer.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Held to the end, so the loop cannot draw over the restored
            // screen from another thread (the lock is re-entrant).
            let _stdout = io::stdout().lock();
            restore();
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_string());
            let location = info
                .location()
                .map_or_else(String::new, |at| format!(" at {}:{}", at.file(), at.line()));
            eprintln!(
                "costlens stopped on an internal error: {message}{location}\n\
                 The terminal has been restored and no file was changed by the error. \
                 Please report it with the steps that led to it \
                 (RUST_BACKTRACE=1 adds a backtrace)."
            );
            if std::env::var_os("RUST_BACKTRACE").is_some() {
                previous(info);
            }
            std::process::exit(PANIC_EXIT_CODE);
        }));
    });
}

/// What Rust itself exits with after a panic.
const PANIC_EXIT_CODE: i32 = 101;

/// Reads the terminal on its own thread; blocking reads, no polling.
fn spawn_input(events: Sender<AppEvent>) {
    thread::spawn(move || {
        let mut late_answers = crate::background::LateAnswers::default();
        loop {
            let message = match event::read() {
                Ok(event) if late_answers.swallows(&event) => continue,
                Ok(event) => {
                    crate::test_hooks::panic_if_asked("input", &event);
                    AppEvent::Input(event)
                }
                Err(_) => AppEvent::InputClosed,
            };
            let closed = matches!(message, AppEvent::InputClosed);
            if events.send(message).is_err() || closed {
                return;
            }
        }
    });
}

/// Turns the signals that end a program into events, so that `kill`, a
/// closed terminal window or `timeout` restore the terminal like `q` does
/// instead of leaving it in raw mode on the alternate screen.
fn spawn_signals(events: Sender<AppEvent>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .context("cannot listen for signals")?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if events.send(AppEvent::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// How the explorer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// The user quit.
    Quit,
    /// A signal ended it; the shell convention is exit status 128 + signal.
    Signal(i32),
}

/// Runs the explorer until the user quits or a signal ends it, following
/// its folder with `watch_mode`, drawn in the app's theme (`t` changes it)
/// in as many colours as `depth`. The terminal is restored either way.
pub(crate) fn run(
    mut app: App,
    depth: ColorDepth,
    watch_mode: WatchMode,
) -> anyhow::Result<Ending> {
    let mut guard = TerminalGuard::enter(app.mouse_enabled())?;
    let mut ending = Ending::Quit;
    // Start crossterm's event source (and its resize signal handler) here,
    // before the first draw: set up lazily by the input thread, a resize
    // in between would be lost and leave a frame of the old size.
    event::poll(Duration::ZERO).context("cannot read terminal events")?;
    let (sender, events): (Sender<AppEvent>, Receiver<AppEvent>) = mpsc::channel();
    let _watch = follow(&mut app, watch_mode, sender.clone());
    spawn_signals(sender.clone())?;
    spawn_input(sender);
    let exit_after_first_frame = std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some();
    // Built again only when `t` picks another theme: at 256 or 16
    // colours each role is matched against the palette.
    let mut theme = theme_of(&app, depth);
    let mut theme_name = app.theme_name();
    while app.is_running() {
        if app.theme_name() != theme_name {
            theme_name = app.theme_name();
            theme = theme_of(&app, depth);
        }
        // Synchronized output (mode 2026): a terminal that knows it shows
        // the frame whole, never half old and half new, which a projector
        // over a slow link would otherwise show; others ignore the mode.
        execute!(guard.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        let frame = guard
            .terminal
            .draw(|frame| frame.render_widget(&DrawContext::new(&app, &theme), frame.area()))?;
        // The frame just drawn, before any word about the picture.
        let svg = app
            .take_picture_request()
            .then(|| picture::svg(frame.buffer, Canvas::of(&theme)));
        execute!(guard.terminal.backend_mut(), EndSynchronizedUpdate)?;
        if let Some(svg) = svg {
            let written = write_pictures(&svg, app.view(), app.screen());
            app.update(Action::PicturesWritten(written));
            // Drawn again at once, so the footer says where they went.
            continue;
        }
        if exit_after_first_frame {
            break;
        }
        let Ok(event) = events.recv() else { break };
        // Everything already queued is applied before the next draw, so a
        // key-repeat flood or a resize storm costs one frame, not one each.
        // Capped, so a flood still shows progress.
        let queued = events.try_iter().take(MAX_EVENTS_PER_FRAME);
        for event in std::iter::once(event).chain(queued) {
            if let AppEvent::Signal(signal) = event {
                ending = Ending::Signal(signal);
            }
            // Asked per event: a resize in the batch moves the mouse's map.
            let size = guard.terminal.size().map(Rect::from)?;
            handle(&mut app, event, size);
            if !app.is_running() {
                break;
            }
        }
        guard.set_mouse(app.mouse_enabled())?;
    }
    Ok(ending)
}

/// The theme the app asks for, each frame (so `t` shows at once);
/// monochrome under `NO_COLOR` and `--color never`.
fn theme_of(app: &App, depth: ColorDepth) -> Theme {
    if app.in_colour() {
        Theme::new(app.theme_name(), depth)
    } else {
        Theme::monochrome()
    }
}

/// `x`: the screen as `costlens-<view>[-present]-<time>.svg` and `.png`
/// in the folder costlens was started from, never over an earlier
/// picture; their full paths, or why not.
fn write_pictures(svg: &str, view: View, screen: Screen) -> Result<Vec<PathBuf>, String> {
    let view = match view {
        View::Compare => "compare",
        View::Levers => "levers",
        View::FirstPass => "first-pass",
        View::Payback => "payback",
    };
    let present = if screen == Screen::Presentation {
        "-present"
    } else {
        ""
    };
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let base = format!("costlens-{view}{present}-{stamp}");
    let written = picture::write_new_pictures(Path::new("."), &base, svg);
    match written {
        Ok(paths) => Ok(paths
            .into_iter()
            .map(|path| std::path::absolute(&path).unwrap_or(path))
            .collect()),
        Err(err) => Err(format!("{err:#}")),
    }
}

/// Starts the watcher on the app's folder, feeding `events`. Built-in
/// profiles have nothing to follow; a watcher that cannot start is said,
/// and the explorer runs on without it.
fn follow(app: &mut App, mode: WatchMode, events: Sender<AppEvent>) -> Option<FolderWatch> {
    let Source::Folder(dir) = app.source().clone() else {
        return None;
    };
    let deliver = move |update| events.send(AppEvent::Folder(update)).is_ok();
    match watch::spawn(&dir, mode, app.folder().clone(), deliver) {
        Ok(watch) => {
            if let Some(notice) = watch.notice() {
                app.update(Action::Notice(notice));
            }
            Some(watch)
        }
        Err(err) => {
            app.update(Action::FolderFailed(format!(
                "not following the folder: {err:#}"
            )));
            None
        }
    }
}

/// Turns one event into at most one action and applies it.
pub(crate) fn handle(app: &mut App, event: AppEvent, size: Rect) {
    if let AppEvent::Input(input) = &event {
        crate::test_hooks::panic_if_asked("main", input);
    }
    let action = match event {
        AppEvent::Input(Event::Key(key)) => action_for(&key, app.mode()),
        AppEvent::Input(Event::Paste(text)) => Some(Action::Notice(format!(
            "pasted text ignored ({} characters): the explorer takes keys, not text",
            text.chars().count()
        ))),
        AppEvent::Input(Event::Mouse(mouse)) if app.mouse_enabled() => {
            ui::mouse_action(app, mouse, size)
        }
        // A resize needs no action: the loop redraws at the new size.
        AppEvent::Input(_) => None,
        AppEvent::InputClosed | AppEvent::Signal(_) => Some(Action::Quit),
        AppEvent::Folder(FolderUpdate::Loaded { folder, started }) => {
            Some(Action::FolderLoaded { folder, started })
        }
        AppEvent::Folder(FolderUpdate::Failed(message)) => Some(Action::FolderFailed(message)),
    };
    if let Some(action) = action {
        app.update(action);
    }
}
