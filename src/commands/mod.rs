//! One module per command: arguments → domain → rendered output. The only
//! place that reads the clock, the environment and the current folder.

mod check;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::cli::{AsOf, Cli, ColorChoice, Command};
use crate::load;

/// How a command ended, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The plan has errors: reported, and nothing was produced from it.
    PlanHasErrors,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    let context = Environment::new(&cli)?;
    match cli.command {
        Command::Check(args) => check::run(&context, &args),
    }
}

/// What every command needs from its surroundings.
pub struct Environment {
    pub plan_dir: PathBuf,
    pub color: bool,
}

impl Environment {
    fn new(cli: &Cli) -> Result<Environment> {
        let cwd = std::env::current_dir().context("failed to read the current folder")?;
        let env = std::env::var_os("ACTIONPLAN_DIR");
        let plan_dir = load::find_plan(cli.plan.as_deref(), env, &cwd)?;
        Ok(Environment {
            plan_dir,
            color: use_color(cli.color),
        })
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The date to judge facts on: the one given, or the clock's today.
pub fn resolve_as_of(as_of: AsOf) -> NaiveDate {
    match as_of {
        AsOf::Date(date) => date,
        AsOf::Today => chrono::Local::now().date_naive(),
    }
}
