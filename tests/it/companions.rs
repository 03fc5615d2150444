//! The command line's companions: `costlens completions SHELL` and
//! `costlens man`, as the built binary prints them, checked by the tools
//! that read them where those are installed (bash always is; `man` and
//! `groff` are used when present, and that part alone is skipped, with a
//! note on stderr, when they are not).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Every command `costlens --help` lists.
const COMMANDS: [&str; 6] = ["report", "check", "watch", "init", "completions", "man"];

fn costlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_costlens"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Whether `program` can be started at all.
fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs `program args` with `input` on stdin.
fn run_with_input(program: &str, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("{program}: {err}"));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

#[test]
fn the_command_list_is_clap_s() {
    let help = stdout(&costlens(&["--help"]));
    assert!(
        help.starts_with("What does an agent really cost per merged change that survives?\n"),
        "the headline stays: {help}"
    );
    for command in COMMANDS {
        assert!(
            help.lines()
                .any(|line| line.trim_start().starts_with(&format!("{command} "))),
            "{command} listed:\n{help}"
        );
    }
}

#[test]
fn every_shell_gets_a_completion_script_naming_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = costlens(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(out.stderr.is_empty(), "{shell}");
        let script = stdout(&out);
        assert!(script.len() > 500, "{shell}: {script}");
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} names {command}");
        }
        // report's `--format` (fish writes it `-l format`).
        assert!(script.contains("format"), "{shell}: report's options");
    }
    let bad = costlens(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Bash reads the script without a syntax error, and completing
/// `costlens rep` gives `report`, `costlens watch --j` gives `--json`.
#[test]
fn the_bash_script_parses_and_completes() {
    let script = stdout(&costlens(&["completions", "bash"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("costlens.bash");
    std::fs::write(&path, &script).unwrap();
    let path = path.to_str().unwrap();
    let syntax = Command::new("bash").args(["-n", path]).output().unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    let complete = |words: &[&str]| {
        let line = words.join(" ");
        let shell = format!(
            "source {path}\n\
             COMP_WORDS=({line}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}\n\
             _costlens costlens '{}' '{}'\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            words.len() - 1,
            line.len(),
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let out = run_with_input("bash", &["--norc", "--noprofile"], &shell);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out).lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(complete(&["costlens", "rep"]), ["report"]);
    assert_eq!(complete(&["costlens", "watch", "--j"]), ["--json"]);
}

/// The man page is roff for `man` (section 1) naming every command; where
/// `man` or `groff` is installed, it renders and reads as the page should.
#[test]
fn the_man_page_renders_and_names_every_command() {
    let out = costlens(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    // roff's own preamble (the apostrophe string), then the title.
    let first_macro = page
        .lines()
        .find(|line| !line.starts_with(".ie ") && !line.starts_with(".el "))
        .unwrap();
    assert!(first_macro.starts_with(".TH costlens 1"), "{page}");
    for command in COMMANDS {
        assert!(
            page.contains(&format!(".SS \"costlens {command}\"")),
            "a section for {command}:\n{page}"
        );
    }
    assert!(
        !page.contains("costlens\\-report(1)"),
        "no page of its own is installed for a command"
    );

    let rendered = if installed("man") {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("costlens.1");
        std::fs::write(&path, &page).unwrap();
        let out = Command::new("man")
            .arg("-l")
            .arg(&path)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            // Wide enough that no line of the check is broken or hyphenated.
            .env("MANWIDTH", "200")
            .output()
            .unwrap();
        Some(out)
    } else if installed("groff") {
        Some(run_with_input(
            "groff",
            &["-man", "-Tutf8", "-rLL=200n"],
            &page,
        ))
    } else {
        eprintln!("neither man nor groff is installed: the page is not rendered");
        None
    };
    if let Some(out) = rendered {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Plain text: drop the overstrikes (`X\bX`) a pager would show bold.
        let text = strip_overstrike(&stdout(&out));
        for want in [
            "NAME",
            "costlens - What does an agent really cost per merged change that survives?",
            "SYNOPSIS",
            "COMMANDS",
            "costlens report",
            "costlens watch [--poll] [-h|--help] <--json> [DIR]",
            "costlens completions",
        ] {
            let squeezed = squeeze(&text);
            assert!(squeezed.contains(&squeeze(want)), "{want}:\n{text}");
        }
    }
}

/// Text with backspace overstrikes (`b\bb`, `_\bu`) removed.
fn strip_overstrike(text: &str) -> String {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if c == '\u{8}' {
            out.pop();
        } else {
            out.push(c);
        }
    }
    out.into_iter().collect()
}

/// Runs of whitespace (justified text, line breaks) as one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
