//! `actionplan init [DIR]`: a new plan folder that passes `check`, in git.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::InitArgs;
use crate::error::UsageError;
use crate::git;

const PLAN: &str = r#"# The plan: see docs/FORMAT.md for every key.
title = "Improvement Action Plan"
organisation = "Your Council"
# adopted = 2027-01-04          # when the plan was adopted: what "Immediate" means
reporting = "quarterly"         # progress expected every quarter
year_starts = "04-01"           # the UK financial year
meetings = []                   # committee dates, like [2027-03-10, 2027-06-09]
time_zone = "Europe/London"     # what day it is, for everyone who keeps the plan

[[sections]]
number = "1"
title = "Governance"
"#;

const OFFICERS: &str = r#"# Lead officers: a recommendation names them by id, title or alias.
[[officers]]
id = "dcs"
title = "Director of Children's Services"
aliases = ["DCS"]
"#;

const EXAMPLE: &str = r#"# An example recommendation: change it, or copy it to 1/1.2.toml and so on.
# `actionplan new 1.2 --recommendation … --action … --lead … --timescale …`
# writes a new one for you.
ref = "1.1"
recommendation = "The Board agrees its terms of reference."

[[actions]]
text = "Draft and agree terms of reference"
timescale = "April 2027"        # the plan's own words
due = 2027-04-30                # the date overdue is judged by
success = ["Terms of reference agreed by the Board"]
lead = ["DCS"]
resources = []
status = "not_started"          # not_started, on_track, at_risk, off_track, complete, deferred
"#;

/// Temporary files of interrupted writes, import staging folders, and the
/// lock `update` takes when the plan is not in git.
const GITIGNORE: &str = ".*.tmp\n.actionplan-import.*\n.actionplan.lock\n";

/// Plan files merge by field (`actionplan merge-driver`).
const GITATTRIBUTES: &str = "# Plan files merge by field: `actionplan merge-driver` (see `actionplan doctor`).\n*.toml merge=actionplan\n";

pub fn run(args: &InitArgs, quiet: bool) -> Result<Outcome> {
    let dir = &args.dir;
    refuse_non_empty(dir)?;
    let files = [
        ("plan.toml", PLAN),
        ("officers.toml", OFFICERS),
        ("1/1.1.toml", EXAMPLE),
        (".gitignore", GITIGNORE),
        (".gitattributes", GITATTRIBUTES),
    ];
    for (relative, text) in files {
        let path = dir.join(relative);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("failed to create `{}`", folder.display()))?;
        }
        fs::write(&path, text).with_context(|| format!("failed to write `{}`", path.display()))?;
    }
    let committed = commit_if_new_repository(dir)?;
    // This clone's half of the merge driver; the attribute is committed.
    git::driver::configure(dir, &std::env::current_exe()?)?;
    if !quiet {
        let mut out = super::human_out(false);
        writeln!(
            out,
            "created {} with plan.toml, officers.toml and 1/1.1.toml",
            dir.display()
        )?;
        if committed {
            writeln!(out, "started a git repository there and committed them")?;
        }
        writeln!(
            out,
            "next: edit plan.toml, then `actionplan --plan {} check`",
            crate::shell::quote_path(dir)
        )?;
    }
    Ok(Outcome::Success)
}

fn refuse_non_empty(dir: &Path) -> Result<()> {
    let has_entries = match fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_some(),
        Err(err) if err.kind() == io::ErrorKind::NotFound => false,
        Err(err) if err.kind() == io::ErrorKind::NotADirectory => true,
        Err(err) => return Err(err).with_context(|| format!("failed to read `{}`", dir.display())),
    };
    if has_entries {
        return Err(UsageError::with_hint(
            format!("`{}` exists and is not empty", dir.display()),
            "name a new folder: actionplan init DIR",
        )
        .into());
    }
    Ok(())
}

/// `git init` and a first commit, when the folder is in no repository.
/// Returns whether it did.
fn commit_if_new_repository(dir: &Path) -> Result<bool> {
    if git::is_repository(dir)? {
        return Ok(false);
    }
    git::init_and_commit(dir, "Start the action plan with `actionplan init`").with_context(
        || {
            format!(
                "the plan was written to `{}`, but git could not commit it",
                dir.display()
            )
        },
    )?;
    Ok(true)
}
