//! `pulse completions SHELL`, and the generated files committed under `completions/` and
//! `man/` (a test fails when they are stale).

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::error::CliError;

/// `pulse completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish
    shell: Shell,
}

/// Prints the completion script for one shell.
pub fn run(args: CompletionsArgs) -> Result<(), CliError> {
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "pulse", &mut out);
    std::io::Write::write_all(&mut std::io::stdout().lock(), &out)?;
    Ok(())
}

/// Every generated file, by path relative to the repository root.
pub fn generated_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (shell, name) in [
        (Shell::Bash, "completions/pulse.bash"),
        (Shell::Zsh, "completions/_pulse"),
        (Shell::Fish, "completions/pulse.fish"),
        (Shell::PowerShell, "completions/_pulse.ps1"),
    ] {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut super::Cli::command(), "pulse", &mut out);
        files.push((name.to_string(), out));
    }
    let mut cmd = super::Cli::command();
    cmd.build();
    man_pages(&cmd, "pulse", &mut files);
    files
}

/// One man page per command and subcommand: `pulse.1`, `pulse-egress.1`, `pulse-egress-start.1`…
fn man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(String, Vec<u8>)>) {
    let page = cmd.clone().name(name.to_string());
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out).expect("rendering to memory cannot fail");
    files.push((format!("man/{name}.1"), out));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}
