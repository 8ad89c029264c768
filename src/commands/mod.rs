//! One module per command: arguments → domain → rendered output. The only
//! place that reads the clock, the environment and the current folder.

mod apply;
mod change;
mod changes;
mod check;
mod commit;
mod digest;
mod doctor;
mod export;
mod filter;
mod history;
mod hook;
mod import;
mod init;
mod leads;
mod list;
mod meeting;
mod merge_driver;
mod new;
mod output;
mod overdue;
mod record;
mod reference;
mod request;
mod resolve;
mod returns;
mod show;
mod sync;
mod trajectory;
mod update;
mod words;
mod workbook;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::cli::{AsOf, Cli, ColorChoice, Command};
use crate::date::Zone;
use crate::error::UsageError;
use crate::finding::Severity;
use crate::load;
use crate::model::Plan;
use crate::render::diagnostics;
use crate::render::terminal::Guard;

/// How a command ended, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The plan has errors: reported, and nothing was produced from it.
    PlanHasErrors,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    if let Some(outcome) = run_without_plan(&cli)? {
        return Ok(outcome);
    }
    let env = Environment::new(&cli)?;
    match cli.command {
        Command::Check(args) => check::run(&env, &args),
        Command::Overdue(args) => overdue::run(&env, &args),
        Command::List(args) => list::run(&env, &args),
        Command::Show(args) => show::run(&env, &args),
        Command::Leads(args) => leads::run(&env, &args),
        Command::Export(args) => export::run(&env, &args),
        Command::Trajectory(args) => trajectory::run(&env, &args),
        Command::Digest(args) => digest::run(&env, &args),
        Command::Update(args) => update::run(env.now_only("update")?, &args),
        Command::New(args) => new::run(env.now_only("new")?, &args),
        Command::History(args) => history::run(env.now_only("history")?, &args),
        Command::Changes(args) => changes::run(env.now_only("changes")?, &args),
        Command::Hook(args) => hook::run(env.now_only("hook")?, &args),
        Command::Returns(args) => returns::run(env.now_only("returns")?, &args),
        Command::Resolve(args) => resolve::run(env.now_only("resolve")?, &args),
        Command::Sync(_) => sync::run(env.now_only("sync")?),
        Command::Doctor(_) => doctor::run(env.now_only("doctor")?),
        Command::Apply(args) => apply::run(env.now_only("apply")?, &args),
        Command::Meeting(args) => meeting::run(env.now_only("meeting")?, &args),
        Command::Request(args) => request::run(env.now_only("request")?, &args),
        Command::Import(_)
        | Command::Init(_)
        | Command::Completions(_)
        | Command::Man
        | Command::MergeDriver(_) => {
            unreachable!("run without a plan")
        }
    }
}

/// The commands that need no plan folder: they make one, or describe the
/// tool. `None` for every other command.
fn run_without_plan(cli: &Cli) -> Result<Option<Outcome>> {
    let name = match &cli.command {
        Command::Import(_) => "import",
        Command::Init(_) => "init",
        Command::Completions(_) => "completions",
        Command::Man => "man",
        Command::MergeDriver(_) => "merge-driver",
        _ => return Ok(None),
    };
    if cli.at.is_some() {
        return Err(UsageError::new(format!("`{name}` does not take --at")).into());
    }
    if cli.plan.is_some() {
        let hint = match name {
            "import" => "give the folder to create with --out",
            "init" => "give the folder to create: actionplan init DIR",
            _ => "leave it out",
        };
        return Err(UsageError::with_hint(format!("`{name}` does not take --plan"), hint).into());
    }
    let outcome = match &cli.command {
        Command::Import(args) => import::run(args, cli.quiet)?,
        Command::Init(args) => init::run(args, cli.quiet)?,
        Command::Completions(args) => reference::completions(args.shell)?,
        Command::MergeDriver(args) => merge_driver::run(args)?,
        _ => reference::man()?,
    };
    Ok(Some(outcome))
}

/// What every command needs from its surroundings.
pub struct Environment {
    pub plan_dir: PathBuf,
    pub color: bool,
    /// Columns to wrap tables to: the terminal's, else `$COLUMNS`, else 120.
    pub width: Option<u16>,
    pub today: NaiveDate,
    /// The plan's time zone: what day it is, and on which day a commit was made.
    pub zone: Zone,
    /// `--at`: read the plan as committed at this revision or date.
    pub at: Option<String>,
    /// The commit `--at` names, and its date, once looked up.
    at_commit: std::sync::OnceLock<(String, NaiveDate)>,
    /// `--quiet`: no notes, footnotes or summaries.
    pub quiet: bool,
}

impl Environment {
    fn new(cli: &Cli) -> Result<Environment> {
        let cwd = std::env::current_dir().context("failed to read the current folder")?;
        let env = std::env::var_os("ACTIONPLAN_DIR");
        let plan_dir = load::find_plan(cli.plan_dir(), env, &cwd)?;
        let zone = plan_zone(&plan_dir);
        Ok(Environment {
            color: use_color(cli.color),
            width: terminal_width(),
            today: zone.today(chrono::Utc::now()),
            zone,
            plan_dir,
            at: cli.at().map(str::to_string),
            at_commit: std::sync::OnceLock::new(),
            quiet: cli.quiet,
        })
    }

    /// This environment for a command that works on the plan as it is now,
    /// where `--at` has no meaning.
    fn now_only(&self, command: &str) -> Result<&Environment> {
        match &self.at {
            None => Ok(self),
            Some(_) => Err(UsageError::with_hint(
                format!("`{command}` does not take --at"),
                "--at reads the plan as it was, for check, list, overdue, show, leads, export, digest and trajectory",
            )
            .into()),
        }
    }

    /// The date to judge facts on: the one given; else, with `--at`, the
    /// day of that commit (the plan as it stood then, judged then); else
    /// today.
    pub fn as_of(&self, as_of: AsOf) -> NaiveDate {
        match (as_of, self.at_commit.get()) {
            (AsOf::Date(date), _) => date,
            (AsOf::Today, Some((_, date))) => *date,
            (AsOf::Today, None) => self.today,
        }
    }

    /// The commit `--at` names and its date; `None` without `--at`.
    pub fn at_commit(&self) -> Result<Option<&(String, NaiveDate)>> {
        let Some(at) = &self.at else {
            return Ok(None);
        };
        if let Some(found) = self.at_commit.get() {
            return Ok(Some(found));
        }
        let found = crate::git::require_commit(&self.plan_dir, at, self.zone)?;
        Ok(Some(self.at_commit.get_or_init(|| found)))
    }
}

/// The plan's time zone: from plan.toml as it is; when that cannot be
/// read, as last committed, so a broken file being edited does not move
/// the days `--at` and `--since` go by; else the default.
fn plan_zone(plan_dir: &std::path::Path) -> Zone {
    load::time_zone(plan_dir)
        .or_else(|| {
            let committed = crate::git::committed_file(plan_dir, "plan.toml").ok()??;
            load::time_zone_in(&committed)
        })
        .unwrap_or_default()
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// Piped output is wrapped too: a report in a file or a pager reads better
/// at a page's width than as 300-column lines.
const DEFAULT_WIDTH: u16 = 120;

fn terminal_width() -> Option<u16> {
    // A fresh table asks the terminal it would be drawn on.
    // A terminal that reports no size (some CI runners, `script`) is no
    // size at all, not a width of zero.
    let terminal = comfy_table::Table::new().width().filter(|w| *w >= 40);
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|c| *c >= 40)
    };
    Some(terminal.or_else(columns).unwrap_or(DEFAULT_WIDTH))
}

/// The plan, checked as of today: `None` when it has errors, which are then
/// printed on stderr — a report from a broken plan would be a wrong one.
pub fn open_plan(env: &Environment) -> Result<Option<&'static Plan>> {
    let (plan, findings) = check::checked_plan(env, env.today)?;
    let errors = findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .count();
    let mut err = err_out();
    if errors > 0 {
        let only_errors: Vec<_> = findings
            .into_iter()
            .filter(|f| f.severity() == Severity::Error)
            .collect();
        diagnostics::write_text(&mut err, &only_errors, false)?;
        writeln!(
            err,
            "error: the plan has {errors} {}; nothing was produced. Fix {} and run `actionplan check`.",
            if errors == 1 { "error" } else { "errors" },
            if errors == 1 { "it" } else { "them" },
        )?;
        return Ok(None);
    }
    if !findings.is_empty() && !env.quiet {
        let n = findings.len();
        let s = if n == 1 { "" } else { "s" };
        writeln!(
            err,
            "note: the plan has {n} warning{s}; `actionplan check` lists them"
        )?;
    }
    Ok(Some(plan))
}

/// A document written by `write` to `path` (atomically, replacing it only
/// once complete; see [`crate::edit::output_target`] for what is refused),
/// or to standard output; either way as it is made.
pub fn emit(
    path: Option<&std::path::Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    use crate::edit::Target;
    match path.map(crate::edit::output_target).transpose()? {
        Some(Target::Replace(path)) => crate::edit::write_atomically_with(&path, write),
        Some(Target::InPlace(path)) => {
            let file = crate::edit::open_in_place(&path)?;
            let terminal = file.is_terminal();
            let mut out = io::BufWriter::new(Guard::new(file, terminal, false));
            write(&mut out)
                .and_then(|()| out.flush())
                .with_context(|| format!("failed to write `{}`", path.display()))
        }
        Some(Target::Stdout) | None => {
            let mut out = data_out();
            write(&mut out)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// A binary document (a workbook), written as [`emit`] writes, but never
/// to a terminal (see [`refuse_terminal`]). A pipe, a redirection and a
/// file are all fine.
pub fn emit_binary(
    path: Option<&std::path::Path>,
    what: &str,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    refuse_terminal(
        path,
        what,
        "give a file to write it to (-o FILE), or redirect standard output to one",
    )?;
    emit(path, write)
}

/// Refuses to send a binary file (`what`, "a Word document") to a
/// terminal — standard output when no `-o` is given, or `-o -`,
/// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` that is one — where its
/// bytes would be garbage on the screen, could be taken for commands, and
/// the document would be lost.
pub fn refuse_terminal(path: Option<&std::path::Path>, what: &str, hint: &str) -> Result<()> {
    use crate::edit::Target;
    let terminal = match path.map(crate::edit::output_target).transpose()? {
        Some(Target::Stdout) | None => io::stdout().is_terminal(),
        Some(Target::InPlace(path)) => crate::edit::open_in_place(&path)?.is_terminal(),
        Some(Target::Replace(_)) => false,
    };
    match terminal {
        true => Err(UsageError::with_hint(
            format!("{what} is a binary file, and is not written to a terminal"),
            hint,
        )
        .into()),
        false => Ok(()),
    }
}

/// Standard output for what a person reads (tables, findings, messages):
/// always made printable, wherever it goes (a CI log shows escapes too);
/// the tool's own colours pass when colour is on.
pub fn human_out(color: bool) -> io::BufWriter<Guard<io::StdoutLock<'static>>> {
    io::BufWriter::new(Guard::new(io::stdout().lock(), true, color))
}

/// Standard output for data (CSV, JSON, markdown, HTML): byte for byte
/// into a file or a pipe, made printable on a terminal.
pub fn data_out() -> io::BufWriter<Guard<io::StdoutLock<'static>>> {
    let terminal = io::stdout().is_terminal();
    io::BufWriter::new(Guard::new(io::stdout().lock(), terminal, false))
}

/// Standard error: messages only, always made printable.
pub fn err_out() -> Guard<io::StderrLock<'static>> {
    Guard::new(io::stderr().lock(), true, false)
}
