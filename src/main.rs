//! The `actionplan` binary: parse the command line, run, map to an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use actionplan::cli::Cli;
use actionplan::commands::{self, Outcome};
use actionplan::error::UsageError;
use actionplan::render::printable;
use clap::Parser;

/// Exit codes, as documented in the README.
const PLAN_HAS_ERRORS: u8 = 1;
const USAGE: u8 = 2;
const FAILURE: u8 = 3;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if err.use_stderr() => {
            // Clap quotes the user's words back: they may hold escapes.
            let text = err.render().to_string();
            let _ = write!(io::stderr(), "{}", printable(&text));
            return ExitCode::from(USAGE);
        }
        Err(err) => {
            let _ = err.print(); // --help and --version: the tool's own text
            return ExitCode::SUCCESS;
        }
    };
    match commands::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::PlanHasErrors) => ExitCode::from(PLAN_HAS_ERRORS),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let text = format!("{err:#}");
            let _ = writeln!(io::stderr(), "error: {}", printable(&text));
            ExitCode::from(if err.is::<UsageError>() {
                USAGE
            } else {
                FAILURE
            })
        }
    }
}

/// `actionplan list | head -1`: the reader went away, which is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(broken_pipe)
}

/// A broken pipe, however it is wrapped: the `csv` crate hands its write
/// errors back inside an `io::Error` of kind `Other`.
fn broken_pipe(err: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = err.downcast_ref::<io::Error>() {
        return io.kind() == io::ErrorKind::BrokenPipe
            || io.get_ref().is_some_and(|inner| broken_pipe(inner));
    }
    match err.downcast_ref::<csv::Error>().map(csv::Error::kind) {
        Some(csv::ErrorKind::Io(io)) => io.kind() == io::ErrorKind::BrokenPipe,
        _ => false,
    }
}
