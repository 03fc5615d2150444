//! Following a profiles folder live. The folder (not its files: editors
//! replace files when they save) is watched with notify; a reloader thread
//! debounces the events, turns each quiet batch into a freshly loaded
//! `Folder` and hands it to the event loop's channel, the same one key
//! presses arrive on.
//!
//! The debounce is done here rather than with notify's debouncers: the
//! mini one cannot tell reads from writes, so costlens reading the files
//! re-arms it and the folder reloads forever; the full one wakes on a
//! timer even when nothing happens. Here, an idle watch sleeps.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use crate::profile::{Folder, LoadedProfile, is_profile_name};

/// A batch never waits longer than this for quiet, so a file written to
/// non-stop still shows up.
const MAX_BATCH_MS: u64 = 250;

/// Quiet time that closes a batch of file events. Editors finish a save
/// (truncate + write, write temp + rename, rename to backup + write new)
/// within a few milliseconds; 20 ms folds each save into one reload and
/// keeps a save-to-screen latency near 25 ms.
pub(crate) const DEBOUNCE_MS: u64 = 20;
/// A file that was good and is suddenly empty or gone gets this long to
/// come back before it counts as emptied or deleted.
pub(crate) const GRACE_MS: u64 = 150;
/// How often `--poll` (and the fallback) looks at the folder.
pub(crate) const POLL_INTERVAL_MS: u64 = 200;

/// How the folder is watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WatchMode {
    /// The operating system's notifications (inotify on Linux).
    Native,
    /// Looking at the folder every `POLL_INTERVAL_MS`.
    Poll,
}

/// What the reloader tells the event loop.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FolderUpdate {
    /// The folder changed; here it is, loaded again. `started` is when the
    /// reading that gave it began: the explorer drops a load that started
    /// before its own last reread (a save's), as it may hold a folder
    /// caught between two of that save's writes.
    Loaded {
        folder: Box<Folder>,
        started: Instant,
    },
    /// The folder could not be read (deleted, unreadable); the last good
    /// state stays.
    Failed(String),
}

/// Keeps the watch alive; dropping it stops the reloader.
pub(crate) struct FolderWatch {
    signals: Sender<Signal>,
    /// Set when the native watcher could not start and polling took over.
    fell_back: bool,
}

impl FolderWatch {
    /// What to tell the user when the watch is not what they asked for.
    pub(crate) fn notice(&self) -> Option<String> {
        self.fell_back.then(|| {
            format!("the system's file notifications are unavailable: polling every {POLL_INTERVAL_MS} ms")
        })
    }
}

impl Drop for FolderWatch {
    fn drop(&mut self) {
        let _ = self.signals.send(Signal::Stop);
    }
}

enum Signal {
    /// Files (or the folder itself) changed.
    Changed(Vec<PathBuf>),
    /// Events may have been lost: read everything again.
    Rescan,
    Stop,
}

/// Either kind of watcher, kept so the folder can be re-watched.
enum AnyWatcher {
    Native(RecommendedWatcher),
    Poll(PollWatcher),
}

impl AnyWatcher {
    fn watcher(&mut self) -> &mut dyn Watcher {
        match self {
            AnyWatcher::Native(watcher) => watcher,
            AnyWatcher::Poll(watcher) => watcher,
        }
    }

    /// Watches the folder, and its parent so a deleted folder is seen
    /// coming back. A new folder is a new inode: watch it afresh.
    fn watch(&mut self, dir: &Path) -> notify::Result<()> {
        let watcher = self.watcher();
        let _ = watcher.unwatch(dir);
        if let Some(parent) = dir.parent().filter(|parent| parent.is_dir()) {
            let _ = watcher.unwatch(parent);
            watcher.watch(parent, RecursiveMode::NonRecursive)?;
        }
        match watcher.watch(dir, RecursiveMode::NonRecursive) {
            // The folder may be gone for now; the parent's watch brings it back.
            Err(_) if !dir.exists() => Ok(()),
            other => other,
        }
    }
}

/// Reads (ours included) change nothing; a finished write does.
fn is_read(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Access(access) if *access != AccessKind::Close(AccessMode::Write))
}

/// Whether a path in an event matters: the folder itself, or a profile in
/// it. Editors' scratch files and other files are not.
fn relevant(dir: &Path, path: &Path) -> bool {
    if path == dir {
        return true;
    }
    // Lossy: a file name that is not UTF-8 is still reloaded, to be
    // refused by name.
    let Some(name) = path.file_name().map(|name| name.to_string_lossy()) else {
        return false;
    };
    path.parent() == Some(dir) && is_profile_name(&name)
}

fn start_watcher(
    dir: &Path,
    mode: WatchMode,
    signals: Sender<Signal>,
) -> anyhow::Result<(AnyWatcher, WatchMode)> {
    let folder = dir.to_path_buf();
    let handler = move |result: notify::Result<Event>| {
        let signal = match result {
            Ok(event) if is_read(&event.kind) => return,
            Ok(event) if event.need_rescan() => Signal::Rescan,
            Ok(event) => {
                let paths: Vec<PathBuf> = event
                    .paths
                    .into_iter()
                    .filter(|path| relevant(&folder, path))
                    .collect();
                if paths.is_empty() {
                    return;
                }
                Signal::Changed(paths)
            }
            Err(_) => Signal::Rescan,
        };
        let _ = signals.send(signal);
    };
    let native = (mode == WatchMode::Native && !crate::test_hooks::refuse_native_watcher())
        .then(|| {
            RecommendedWatcher::new(handler.clone(), notify::Config::default())
                .map(AnyWatcher::Native)
        })
        .and_then(Result::ok);
    let (mut watcher, mode) = match native {
        Some(watcher) => (watcher, WatchMode::Native),
        None => {
            let config = notify::Config::default()
                .with_poll_interval(Duration::from_millis(POLL_INTERVAL_MS))
                // Modification times are compared in whole seconds: a second
                // save within the same second would go unseen without this.
                .with_compare_contents(true);
            let watcher = PollWatcher::new(handler, config).context("cannot watch the folder")?;
            (AnyWatcher::Poll(watcher), WatchMode::Poll)
        }
    };
    watcher
        .watch(dir)
        .with_context(|| format!("cannot watch `{}`", dir.display()))?;
    Ok((watcher, mode))
}

/// Starts following `dir`. `deliver` gets every change and returns false
/// when nobody listens any more.
pub(crate) fn spawn(
    dir: &Path,
    mode: WatchMode,
    initial: Folder,
    deliver: impl Fn(FolderUpdate) -> bool + Send + 'static,
) -> anyhow::Result<FolderWatch> {
    // Events name absolute paths; compare like with like. Loading keeps
    // the folder as the user wrote it, so messages name the files so too.
    let watched = dir
        .canonicalize()
        .with_context(|| format!("cannot watch `{}`", dir.display()))?;
    let (sender, signals) = mpsc::channel();
    let asked = mode;
    let (watcher, mode) = match start_watcher(&watched, mode, sender.clone()) {
        Ok(started) => started,
        // The native watcher failed on the folder itself: poll instead.
        Err(_) if mode == WatchMode::Native => {
            start_watcher(&watched, WatchMode::Poll, sender.clone())?
        }
        Err(err) => return Err(err),
    };
    // Whatever changed between loading `initial` and the watch starting
    // would otherwise go unseen: look once more.
    let _ = sender.send(Signal::Rescan);
    let reloader = Reloader {
        dir: dir.to_path_buf(),
        watched,
        watcher,
        current: initial,
    };
    thread::Builder::new()
        .name("costlens reloader".to_string())
        .spawn(move || reloader.run(&signals, deliver))
        .context("cannot start the reloader thread")?;
    Ok(FolderWatch {
        signals: sender,
        fell_back: mode != asked,
    })
}

struct Reloader {
    /// The folder as the user named it.
    dir: PathBuf,
    /// The same folder, canonical, as events name it.
    watched: PathBuf,
    watcher: AnyWatcher,
    /// The last folder delivered: what stale profiles fall back to, and
    /// what a reload must differ from to be worth delivering.
    current: Folder,
}

impl Reloader {
    fn run(mut self, signals: &Receiver<Signal>, deliver: impl Fn(FolderUpdate) -> bool) {
        // Blocks while nothing happens: no timer, no polling.
        while let Ok(first) = signals.recv() {
            let Some(batch) = debounce(first, signals) else {
                return;
            };
            let mut rewatch = false;
            for signal in batch {
                match signal {
                    Signal::Stop => return,
                    Signal::Changed(paths) => {
                        rewatch |= paths.iter().any(|path| path == &self.watched)
                    }
                    Signal::Rescan => rewatch = true,
                }
            }
            if rewatch {
                let _ = self.watcher.watch(&self.watched);
            }
            let (started, loaded) = self.load();
            let update = match loaded {
                Ok(folder) if folder == self.current => continue,
                Ok(folder) => {
                    self.current = folder.clone();
                    FolderUpdate::Loaded {
                        folder: Box::new(folder),
                        started,
                    }
                }
                Err(err) => {
                    FolderUpdate::Failed(format!("cannot read `{}`: {err}", self.dir.display()))
                }
            };
            if !deliver(update) {
                return;
            }
        }
    }

    /// Loads the folder; a profile that just went empty or missing is
    /// looked at again after `GRACE_MS`, as editors pass through both.
    /// Also returns when the reading of the folder returned began (taken
    /// before the folder is listed), so nothing in it is older than that.
    fn load(&self) -> (Instant, std::io::Result<Folder>) {
        let started = Instant::now();
        let first = Folder::reload_dir(&self.dir, Some(&self.current));
        let settled = match &first {
            Ok(folder) => !self.lost_a_profile(folder),
            Err(_) => false,
        };
        if settled {
            return (started, first);
        }
        thread::sleep(Duration::from_millis(GRACE_MS));
        // The second reading is the one returned: stamped with its own
        // start, so a reread of the explorer's during the grace does not
        // make it look older than it is.
        let started = Instant::now();
        (started, Folder::reload_dir(&self.dir, Some(&self.current)))
    }

    fn lost_a_profile(&self, next: &Folder) -> bool {
        // By id: a linear search per profile would be quadratic on a
        // 10,000-file folder, on every save.
        let next_by_id: std::collections::HashMap<&str, &LoadedProfile> = next
            .profiles()
            .iter()
            .map(|profile| (profile.id.as_str(), profile))
            .collect();
        self.current
            .profiles()
            .iter()
            .filter(|profile| !profile.stale)
            .any(|profile| match next_by_id.get(profile.id.as_str()) {
                None => true,
                Some(now) => {
                    now.stale && std::fs::metadata(&now.path).is_ok_and(|meta| meta.len() == 0)
                }
            })
    }
}

/// Collects `first` and what follows until `DEBOUNCE_MS` pass quietly (or
/// `MAX_BATCH_MS` in all); `None` once the sender is gone.
fn debounce(first: Signal, signals: &Receiver<Signal>) -> Option<Vec<Signal>> {
    let started = Instant::now();
    let mut batch = vec![first];
    while started.elapsed() < Duration::from_millis(MAX_BATCH_MS) {
        match signals.recv_timeout(Duration::from_millis(DEBOUNCE_MS)) {
            Ok(signal) => batch.push(signal),
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
    Some(batch)
}
