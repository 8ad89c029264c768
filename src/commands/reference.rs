//! `completions SHELL` and `man`: the tool describing itself, from the
//! same clap definitions that parse its command line.

use std::io::{self, Write};

use anyhow::Result;
use clap::CommandFactory;

use super::Outcome;
use crate::cli::Cli;

pub fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(shell, &mut command, "actionplan", &mut out);
    out.flush()?;
    Ok(Outcome::Success)
}

pub fn man() -> Result<Outcome> {
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(Outcome::Success)
}
