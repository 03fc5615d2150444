//! The command line of `docs/cli.md`: report, analyze, check, watch,
//! snapshot (`snapshot.rs`), the explorer (`explore.rs`),
//! init, and the companions: shell completions and a man page.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;

use anyhow::{Context, bail};
use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::Shell;

mod analyze;
mod calibrate;
mod companions;
mod explore;
mod snapshot;

use companions::{completions, man_page};
use explore::{ColorChoice, ThemeChoice, explore};

use crate::app::Source;
use crate::model::{Catalog, Scenario};
use crate::overrides::{self, WhatIf};
use crate::profile::{BUILTIN_FILES, Folder};
use crate::report::{self, Comparison, Format};
use crate::suggest::nearest;
use crate::watch::{self, FolderUpdate, WatchMode};

/// What does an agent really cost per merged change that survives?
#[derive(Debug, Parser)]
#[command(
    name = "costlens",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_value_name = "COMMAND"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Profiles folder (default: ./profiles, else the built-in profiles).
    dir: Option<PathBuf>,
    /// Turn on mouse support in the explorer (also: the `m` key).
    #[arg(long)]
    mouse: bool,
    /// Colour in the explorer; `NO_COLOR` set means never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Follow the folder by polling instead of the system's notifications.
    #[arg(long)]
    poll: bool,
    /// Start in presentation mode (also: the `P` key).
    #[arg(long)]
    present: bool,
    /// Colour theme (`t` cycles); `auto` asks the terminal for its
    /// background and picks light or dark.
    #[arg(long, value_enum, default_value_t = ThemeChoice::Auto)]
    theme: ThemeChoice,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the comparison table once.
    Report {
        /// Profiles folder (default: ./profiles, else the built-in profiles).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// A what-if on top of the files: `engineer_rate=150`,
        /// `cache_hit_ratio=0.8` (every profile), `sonnet-4.6.first_pass_rate=0.6`.
        #[arg(long = "set", value_name = "K=V", value_parser = parse_what_if)]
        set: Vec<WhatIf>,
    },
    /// Analyse one profile: which lever matters most, where the decision
    /// flips, retrying and payback.
    Analyze(analyze::AnalyzeArgs),
    /// Validate every file; one `path:line:column: message` per problem on stderr.
    Check {
        /// Profiles folder (default: ./profiles, else the built-in profiles).
        dir: Option<PathBuf>,
    },
    /// Headless live reload: one JSON document per line on stdout.
    Watch {
        /// Profiles folder (default: ./profiles, else the built-in profiles).
        dir: Option<PathBuf>,
        /// Print JSON lines (the only output `watch` has).
        #[arg(long, required = true)]
        json: bool,
        /// Poll the folder instead of using the system's notifications.
        #[arg(long)]
        poll: bool,
    },
    /// Draw the explorer's screen into an SVG or PNG file, without a terminal.
    Snapshot(snapshot::SnapshotArgs),
    /// Measure profile figures from Claude Code logs, git history and pull requests.
    Calibrate(calibrate::CalibrateArgs),
    /// Write the built-in profiles and a scenario.toml into DIR, never overwriting.
    Init {
        /// Where to write (default: ./profiles).
        dir: Option<PathBuf>,
    },
    /// Print a shell completion script to stdout.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff) to stdout.
    Man,
}

fn parse_what_if(text: &str) -> Result<WhatIf, String> {
    text.parse()
}

/// Exit statuses of cli.md.
const EXIT_BAD_FILES: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Runs the command line; clap itself exits 2 on a usage error.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("costlens: {err:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => {
            if let Some(code) = mistyped_command(cli.dir.as_deref()) {
                return Ok(code);
            }
            explore(&cli)
        }
        Some(Command::Report { dir, format, set }) => report(dir.as_deref(), format, &set),
        Some(Command::Analyze(args)) => analyze::analyze(&args),
        Some(Command::Check { dir }) => check(dir.as_deref()),
        Some(Command::Snapshot(args)) => snapshot::snapshot(&args),
        Some(Command::Calibrate(args)) => calibrate::calibrate(&args),
        Some(Command::Watch { dir, poll, .. }) => watch_json(dir.as_deref(), watch_mode(poll)),
        Some(Command::Init { dir }) => init(dir.as_deref().unwrap_or(Path::new("profiles"))),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man) => man_page(),
    }
}

/// `costlens reprot`: a DIR that is no folder but one typo away from a
/// command is a mistyped command, not a missing folder. Says so (exit 2);
/// `None` when `dir` should be opened as a folder (it exists, it is a
/// path rather than a word, or no command is near it).
fn mistyped_command(dir: Option<&Path>) -> Option<ExitCode> {
    let dir = dir?;
    if dir.symlink_metadata().is_ok() || dir.components().count() != 1 {
        return None;
    }
    let word = dir.to_str()?;
    // Clap's own list, so a new command is suggested without a change here.
    let command = Cli::command();
    let names: Vec<&str> = command
        .get_subcommands()
        .map(|sub| sub.get_name())
        .collect();
    let guess = nearest(word, &names)?;
    eprintln!("costlens: unknown command '{word}'; did you mean '{guess}'?");
    Some(ExitCode::from(EXIT_USAGE))
}

/// `DIR`, else `./profiles` when it exists, else the built-in profiles.
fn open_folder(dir: Option<&Path>) -> anyhow::Result<Folder> {
    let (folder, _) = open_source(dir)?;
    Ok(folder)
}

fn open_source(dir: Option<&Path>) -> anyhow::Result<(Folder, Source)> {
    let default = Path::new("profiles");
    let dir = match dir {
        Some(dir) => dir,
        None if default.is_dir() => default,
        None => return Ok((Folder::load_builtin(), Source::BuiltIn)),
    };
    let folder = Folder::load_dir(dir)
        .with_context(|| format!("cannot read the profiles folder `{}`", dir.display()))?;
    Ok((folder, Source::Folder(dir.to_path_buf())))
}

fn watch_mode(poll: bool) -> WatchMode {
    if poll {
        WatchMode::Poll
    } else {
        WatchMode::Native
    }
}

/// What wakes `watch --json`.
enum WatchEvent {
    Folder(FolderUpdate),
    StdinClosed,
}

/// Headless live reload: the JSON document at start, then one line after
/// every reload that changes it, until stdin closes.
fn watch_json(dir: Option<&Path>, mode: WatchMode) -> anyhow::Result<ExitCode> {
    let (folder, source) = open_source(dir)?;
    let Source::Folder(dir) = source else {
        bail!("`watch` follows a profiles folder; there is none here (`costlens init` writes one)");
    };
    let line = |folder: &Folder| {
        let comparison = Comparison::new(folder, &folder.catalog(), folder.scenario());
        let mut line = report::json_document(&comparison).to_line();
        line.push('\n');
        line
    };
    let mut last = line(&folder);
    let (sender, events) = mpsc::channel();
    let stdin_closed = sender.clone();
    thread::spawn(move || {
        // Whatever arrives is ignored; the end of it ends the watch.
        let _ = io::copy(&mut io::stdin().lock(), &mut io::sink());
        let _ = stdin_closed.send(WatchEvent::StdinClosed);
    });
    let watch = watch::spawn(&dir, mode, folder, move |update| {
        sender.send(WatchEvent::Folder(update)).is_ok()
    })?;
    if let Some(notice) = watch.notice() {
        eprintln!("costlens: {notice}");
    }
    // Printed once the watch runs, so a save right after this line is seen.
    write_stdout(&last)?;
    for event in events {
        match event {
            WatchEvent::Folder(FolderUpdate::Loaded { folder, .. }) => {
                let next = line(&folder);
                if next != last {
                    write_stdout(&next)?;
                    last = next;
                }
            }
            WatchEvent::Folder(FolderUpdate::Failed(message)) => eprintln!("costlens: {message}"),
            WatchEvent::StdinClosed => break,
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(dir: Option<&Path>, format: Format, what_ifs: &[WhatIf]) -> anyhow::Result<ExitCode> {
    let folder = open_folder(dir)?;
    let (scenario, catalog) = apply_what_ifs(&folder, what_ifs)?;
    let mut comparison = Comparison::new(&folder, &catalog, &scenario);
    comparison.what_ifs = what_ifs
        .iter()
        .map(|what_if| (what_if.key(), what_if.value))
        .collect();
    print_diagnostics(&folder);
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let written = report::write(&comparison, format, &mut stdout).and_then(|()| stdout.flush());
    ignore_broken_pipe(written)?;
    Ok(status(&folder))
}

/// The folder's scenario and catalog with the `--set` what-ifs applied.
fn apply_what_ifs(folder: &Folder, what_ifs: &[WhatIf]) -> anyhow::Result<(Scenario, Catalog)> {
    let mut scenario = folder.scenario().clone();
    let mut catalog = folder.catalog();
    if let Err(problem) = overrides::apply(what_ifs, &mut scenario, &mut catalog) {
        bail!("--set: {problem}");
    }
    Ok((scenario, catalog))
}

fn check(dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let folder = open_folder(dir)?;
    print_diagnostics(&folder);
    let problems = folder.errors().len();
    let summary = match problems {
        0 => format!("ok: {} profile(s), no problems\n", folder.profiles().len()),
        n => format!(
            "{n} problem(s); {} profile(s) loaded\n",
            folder.profiles().len()
        ),
    };
    write_stdout(&summary)?;
    Ok(status(&folder))
}

fn status(folder: &Folder) -> ExitCode {
    if folder.errors().is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BAD_FILES)
    }
}

fn print_diagnostics(folder: &Folder) {
    let mut stderr = io::stderr().lock();
    for diagnostic in folder.errors() {
        // Nothing sensible to do when stderr itself is gone.
        let _ = writeln!(stderr, "{diagnostic}");
    }
}

/// Writes to stdout; a closed pipe (`costlens report | head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = io::stdout().lock();
    ignore_broken_pipe(
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush()),
    )
}

fn ignore_broken_pipe(written: io::Result<()>) -> anyhow::Result<()> {
    match written {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            Err(err).context("cannot write to stdout")
        }
        _ => Ok(()),
    }
}

fn init(dir: &Path) -> anyhow::Result<ExitCode> {
    let taken: Vec<String> = BUILTIN_FILES
        .iter()
        .map(|file| dir.join(file.name))
        .filter(|path| path.symlink_metadata().is_ok())
        .map(|path| path.display().to_string())
        .collect();
    if !taken.is_empty() {
        bail!(
            "not overwriting existing files in `{}`: {}",
            dir.display(),
            taken.join(", ")
        );
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    for file in BUILTIN_FILES {
        let path = dir.join(file.name);
        // create_new: a file that appeared since the check above is kept.
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut out| out.write_all(file.text.as_bytes()))
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    write_stdout(&format!(
        "wrote {} files to {}\n",
        BUILTIN_FILES.len(),
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
