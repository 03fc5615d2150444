//! What a command-line tool is expected to bring along: shell completions
//! (clap_complete) and a man page (clap_mangen), both made from the same
//! clap definition as the parser, so they cannot drift from it.

use std::io;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, write_stdout};

/// `costlens completions SHELL`: the completion script, from clap's
/// definition of the command line so it cannot drift from it.
pub(super) fn completions(shell: Shell) -> anyhow::Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "costlens", &mut script);
    write_stdout(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// `costlens man`: the man page in roff, from clap's definition. One page
/// for the whole tool: clap_mangen's sections for `costlens` itself, then
/// each command's synopsis and options under COMMANDS (clap_mangen would
/// point at a `costlens-report(1)` page per command, which nothing installs).
pub(super) fn man_page() -> anyhow::Result<ExitCode> {
    let page = render_man_page().context("cannot render the man page")?;
    write_stdout(&page)?;
    Ok(ExitCode::SUCCESS)
}

fn render_man_page() -> io::Result<String> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let top = clap_mangen::Man::new(command.clone());
    let mut page = String::new();
    let section = |render: &dyn Fn(&mut Vec<u8>) -> io::Result<()>| -> io::Result<String> {
        let mut out = Vec::new();
        render(&mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    };
    // The title first, with roff's preamble; every later piece without it.
    page.push_str(&section(&|out| top.render_title(out))?);
    page.push_str(&without_preamble(&section(&|out| {
        top.render_name_section(out)
    })?));
    page.push_str(&without_preamble(&section(&|out| {
        top.render_synopsis_section(out)
    })?));
    page.push_str(&without_preamble(&section(&|out| {
        top.render_description_section(out)
    })?));
    page.push_str(&without_preamble(&section(&|out| {
        top.render_options_section(out)
    })?));
    page.push_str(".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
        page.push_str(&format!(".SS \"{}\"\n", name.replace('-', "\\-")));
        if let Some(about) = sub.get_about() {
            page.push_str(&roff_text(&about.to_string()));
            page.push_str(".PP\n");
        }
        let man = clap_mangen::Man::new(sub.clone());
        let synopsis = section(&|out| man.render_synopsis_section(out))?;
        page.push_str(&without_heading(&without_preamble(&synopsis)));
        let options = section(&|out| man.render_options_section(out))?;
        page.push_str(&without_heading(&without_preamble(&options)));
    }
    page.push_str(&without_preamble(&section(&|out| {
        top.render_version_section(out)
    })?));
    Ok(page)
}

/// A roff piece without roff's apostrophe preamble (`.ie`/`.el` lines),
/// which the page needs once, at its top.
fn without_preamble(piece: &str) -> String {
    piece
        .lines()
        .filter(|line| !line.starts_with(".ie \\n(.g .ds Aq") && !line.starts_with(".el .ds Aq"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// A roff piece without its `.SH` heading: a command's synopsis and
/// options sit under the command's own `.SS`.
fn without_heading(piece: &str) -> String {
    piece
        .lines()
        .filter(|line| !line.starts_with(".SH "))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Plain text as roff: a leading `.` or `'` escaped, `-` and `\` too.
fn roff_text(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            match line.chars().next() {
                Some('.' | '\'') => format!("\\&{line}\n"),
                _ => format!("{line}\n"),
            }
        })
        .collect()
}
