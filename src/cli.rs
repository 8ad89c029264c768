//! The command line, as clap types. Doc comments here are the `--help` text.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Keep an improvement action plan as TOML files in git: check it, ask it
/// what is overdue, and produce the committee's papers.
#[derive(Debug, Parser)]
#[command(name = "actionplan", version, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 success, 1 the plan has errors, 2 usage, 3 any other failure."
)]
pub struct Cli {
    /// The plan folder [default: $ACTIONPLAN_DIR, else the nearest plan/ upward]
    #[arg(long, global = true, value_name = "DIR")]
    pub plan: Option<PathBuf>,

    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every file of the plan and report every problem at once
    #[command(
        after_help = "Examples:\n  actionplan check\n  actionplan --plan plan check --format json"
    )]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    #[command(flatten)]
    pub as_of: AsOfArg,
}

/// The date facts are judged on.
#[derive(Debug, Args)]
pub struct AsOfArg {
    /// Judge as of this date (YYYY-MM-DD or "today")
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_as_of, default_value = "today")]
    pub as_of: AsOf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOf {
    Today,
    Date(NaiveDate),
}

fn parse_as_of(text: &str) -> Result<AsOf, String> {
    if text.eq_ignore_ascii_case("today") {
        return Ok(AsOf::Today);
    }
    parse_date(text).map(AsOf::Date)
}

/// A date typed on the command line: ISO 8601, so it cannot be misread.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{text}” is not a date: write it as YYYY-MM-DD, like 2009-07-01"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: error[check]: message`, with the source line
    Text,
    /// One JSON object with every finding, for editors and CI
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}
