//! `actionplan apply FILE...`: returned forms (or an edited export)
//! recorded as commits, one per form, each change exactly what `update`
//! would record. Everything is decided before anything is written: a form
//! with a row that cannot be read is not applied (unless
//! `--skip-bad-rows`), a row whose action changed after the form was
//! issued is held back (unless `--force`), and a failed commit leaves the
//! plan as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::commit::{self, PlanLock};
use super::record::{self, Change, FileChange};
use super::update::quoted;
use super::{Environment, Outcome};
use crate::apply::form::{self, Kind, Problem, Returned};
use crate::apply::{self, Decided, Decision};
use crate::cli::ApplyArgs;
use crate::edit::{self, ActionEdit};
use crate::model::Plan;

pub fn run(env: &Environment, args: &ApplyArgs) -> Result<Outcome> {
    let lock = commit::begin(env, args.dry_run)?;
    let mut all_applied = true;
    for file in &args.files {
        // Read afresh for each form: the last one's commit is part of it.
        let Some(plan) = super::open_plan(env)? else {
            return Ok(Outcome::PlanHasErrors);
        };
        all_applied &= apply_one(env, args, &lock, plan, file)?;
    }
    Ok(if all_applied {
        Outcome::Success
    } else {
        Outcome::PlanHasErrors
    })
}

/// Applies one file; whether all of it was.
fn apply_one(
    env: &Environment,
    args: &ApplyArgs,
    lock: &PlanLock,
    plan: &Plan,
    file: &Path,
) -> Result<bool> {
    let shown = file.display().to_string();
    let returned = match apply::read::read(file).and_then(|sheet| {
        form::interpret(&sheet).map_err(|why| anyhow::anyhow!("`{shown}`: {why}"))
    }) {
        Ok(returned) => returned,
        Err(err) => {
            say_refused(&format!("{err:#}; nothing from it was applied"))?;
            return Ok(false);
        }
    };
    let (decided, problems) =
        match apply::decide(plan, &returned, env.today, args.force, args.by.as_deref()) {
            Ok(found) => found,
            Err(why) => {
                say_refused(&format!("`{shown}`: {why}; nothing from it was applied"))?;
                return Ok(false);
            }
        };
    let heading = heading(plan, &shown, &returned);
    let mut lines = vec![heading];
    lines.extend(returned.notices.iter().map(|n| format!("  note: {n}")));
    lines.extend(decided.iter().map(describe));
    lines.extend(
        problems
            .iter()
            .map(|p| problem_line(&shown, &returned.sheet, p)),
    );
    let records: Vec<&Decided> = decided
        .iter()
        .filter(|d| matches!(d.decision, Decision::Record { .. }))
        .collect();
    let stale = decided
        .iter()
        .filter(|d| matches!(d.decision, Decision::Stale { .. }))
        .count();
    let blocked = !problems.is_empty() && !args.skip_bad_rows;
    let ending = if blocked {
        format!(
            "not applied: {} cannot be read; correct the form and apply it again, or give \
             --skip-bad-rows to apply the other rows",
            super::output::plural(problems.len(), "row", "rows")
        )
    } else if records.is_empty() && stale == 0 {
        "nothing to record: every row is blank or already recorded".to_string()
    } else if records.is_empty() {
        format!("nothing recorded{}", held_back(stale))
    } else if args.dry_run {
        format!(
            "--dry-run: {} would be recorded{}; nothing was written",
            super::output::plural(records.len(), "action", "actions"),
            held_back(stale)
        )
    } else {
        let hash = record_form(env, lock, plan, &returned, &records, args)?;
        format!(
            "committed {hash}: {}{}",
            super::output::plural(records.len(), "action", "actions"),
            held_back(stale)
        )
    };
    lines.push(format!("  → {ending}"));
    commit::say(env, &lines.join("\n"))?;
    Ok(stale == 0 && problems.is_empty())
}

/// "; 2 rows held back: …", or nothing when none was.
fn held_back(stale: usize) -> String {
    if stale == 0 {
        return String::new();
    }
    format!(
        "; {} held back because {} changed after the form was issued: see what changed above, \
         and apply again with --force to record {} anyway",
        super::output::plural(stale, "row", "rows"),
        if stale == 1 {
            "its action"
        } else {
            "their actions"
        },
        if stale == 1 { "it" } else { "them" }
    )
}

fn say_refused(text: &str) -> Result<()> {
    use std::io::Write;
    writeln!(
        super::err_out(),
        "error: {}",
        crate::render::printable(text)
    )?;
    Ok(())
}

fn heading(plan: &Plan, shown: &str, returned: &Returned) -> String {
    match &returned.kind {
        Kind::Form(facts) => {
            let officer = officer_title(plan, &facts.officer).unwrap_or(&facts.officer);
            let revision = &facts.revision[..facts.revision.len().min(7)];
            format!("{shown}: return from {officer}, issued from {revision}")
        }
        Kind::Export => format!("{shown}: an export, compared with the plan"),
    }
}

fn officer_title<'p>(plan: &'p Plan, id: &str) -> Option<&'p str> {
    plan.officers
        .iter()
        .find(|o| o.id.value == id)
        .map(|o| o.title.value.as_str())
}

fn describe(decided: &Decided) -> String {
    let address = &decided.address;
    match &decided.decision {
        Decision::Record { edit, summary, .. } => {
            let note = edit
                .note
                .as_deref()
                .map(|n| format!("; note “{}”", one_line(n)))
                .unwrap_or_default();
            format!("  {address}: {summary}{note}")
        }
        Decision::Nothing { already: true } => {
            format!("  {address}: already recorded, nothing to do")
        }
        Decision::Nothing { already: false } => format!("  {address}: no change"),
        Decision::Stale { changed } => {
            format!("  {address}: not applied, {changed} (apply --force to record it anyway)")
        }
    }
}

fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = line.chars().take(80).collect();
    if short.len() < line.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// "dcs.xlsx, sheet Return, row 7, column H (New status): …".
fn problem_line(shown: &str, sheet: &str, problem: &Problem) -> String {
    let sheet = if sheet.is_empty() {
        String::new()
    } else {
        format!(", sheet {sheet}")
    };
    let column = if problem.column.is_empty() {
        String::new()
    } else {
        format!(", column {}", problem.column)
    };
    format!(
        "  cannot read {shown}{sheet}, row {}{column}: {}",
        problem.row, problem.message
    )
}

/// Writes every change of one form and commits them as one commit.
fn record_form(
    env: &Environment,
    lock: &PlanLock,
    plan: &Plan,
    returned: &Returned,
    records: &[&Decided],
    args: &ApplyArgs,
) -> Result<String> {
    let mut by_file: BTreeMap<PathBuf, Vec<(usize, &ActionEdit)>> = BTreeMap::new();
    for decided in records {
        if let Decision::Record {
            rec, index, edit, ..
        } = &decided.decision
        {
            let relative = plan
                .relative_path(plan.recommendations[*rec].file)
                .to_path_buf();
            by_file.entry(relative).or_default().push((*index, edit));
        }
    }
    let mut files = Vec::new();
    for (relative, edits) in by_file {
        commit::require_clean(&env.plan_dir, &relative, lock)?;
        let path = env.plan_dir.join(&relative);
        edit::check_writable(&path).map_err(crate::error::UsageError::new)?;
        edit::remove_stale_temporaries(&path)?;
        let old =
            std::fs::read(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
        let mut new = old.clone();
        for (index, edit) in edits {
            new = edit::apply(&new, index, edit)
                .with_context(|| format!("cannot edit `{}`", path.display()))?;
        }
        files.push(FileChange {
            relative,
            old: Some(old),
            new,
        });
    }
    let rechecked = files
        .iter()
        .map(|f| (f.relative.clone(), f.new.clone()))
        .collect();
    if !commit::recheck_files(env, plan, rechecked)? {
        anyhow::bail!("the returns would leave the plan with errors; nothing was written");
    }
    let message = message(env, plan, returned, records, args)?;
    record::write_and_commit(env, lock, &Change { files, message })
}

/// Subject naming the officer and the actions; each action's change and
/// note; `Ref:` and `Field:` trailers for every change, and `Actor:`.
fn message(
    env: &Environment,
    plan: &Plan,
    returned: &Returned,
    records: &[&Decided],
    args: &ApplyArgs,
) -> Result<String> {
    let refs: Vec<&str> = records.iter().map(|d| d.address.as_str()).collect();
    let listed = match refs.len() {
        0..=6 => refs.join(", "),
        n => format!("{} and {} more", refs[..5].join(", "), n - 5),
    };
    let actor = match (&args.by, &returned.kind) {
        (Some(by), _) => by.clone(),
        (None, Kind::Form(facts)) => officer_title(plan, &facts.officer)
            .unwrap_or(&facts.officer)
            .to_string(),
        (None, Kind::Export) => crate::git::author_name(&env.plan_dir)?,
    };
    let source = match &returned.kind {
        Kind::Form(_) => format!("Return from {actor}"),
        Kind::Export => "Spreadsheet changes".to_string(),
    };
    let mut text = format!("{source}: {listed}\n\n");
    let mut trailers = String::new();
    for decided in records {
        let Decision::Record { edit, summary, .. } = &decided.decision else {
            continue;
        };
        text.push_str(&format!("{}: {summary}\n", decided.address));
        if let Some(note) = &edit.note {
            text.push_str(&quoted(note));
            text.push('\n');
        }
        text.push('\n');
        trailers.push_str(&format!("Ref: {}\n", decided.address));
        let fields = [
            edit.status.map(|_| "status"),
            edit.due.map(|_| "due"),
            Some("updates"),
        ];
        for field in fields.into_iter().flatten() {
            trailers.push_str(&format!("Field: {field}\n"));
        }
    }
    text.push_str(&trailers);
    text.push_str(&format!("Actor: {actor}\n"));
    Ok(text)
}
