//! The `actionplan` binary: parse the command line, run, map to an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use actionplan::cli::Cli;
use actionplan::commands::{self, Outcome};
use actionplan::error::UsageError;
use clap::Parser;

/// Exit codes, as documented in the README.
const PLAN_HAS_ERRORS: u8 = 1;
const USAGE: u8 = 2;
const FAILURE: u8 = 3;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match commands::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::PlanHasErrors) => ExitCode::from(PLAN_HAS_ERRORS),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "error: {err:#}");
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
