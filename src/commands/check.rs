//! `actionplan check`: every finding about the plan, at once.

use std::io::Write;

use anyhow::Result;

use super::{Environment, Outcome};
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::UsageError;
use crate::finding::{self, Finding};
use crate::git;
use crate::load;
use crate::model::Plan;
use crate::render::diagnostics::{self, Summary};

pub fn run(env: &Environment, args: &CheckArgs) -> Result<Outcome> {
    env.at_commit()?; // so that the as-of date defaults to its day
    let today = env.as_of(args.as_of.as_of);
    let (plan, findings) = match args.staged {
        false => checked_plan(env, today)?,
        true => staged_plan(env, today)?,
    };
    let summary = Summary::of(plan, &findings);
    let mut out = match args.format {
        CheckFormat::Text => super::human_out(env.color),
        CheckFormat::Json => super::data_out(),
    };
    match args.format {
        CheckFormat::Text => {
            diagnostics::write_text(&mut out, &findings, env.color)?;
            if !env.quiet {
                diagnostics::write_summary(&mut out, &summary, env.color)?;
            }
        }
        CheckFormat::Json => diagnostics::write_json(&mut out, &findings, &summary)?,
    }
    out.flush()?;
    Ok(if summary.errors > 0 {
        Outcome::PlanHasErrors
    } else {
        Outcome::Success
    })
}

/// Loads and checks the plan (as committed at `--at`, when given);
/// findings located and sorted.
///
/// The plan is kept until the process exits: handing a large plan back to
/// the system at exit is instant, freeing it piece by piece is not.
pub fn checked_plan(
    env: &Environment,
    today: chrono::NaiveDate,
) -> Result<(&'static Plan, Vec<Finding>)> {
    let (plan, findings) = match env.at_commit()? {
        None => check_source(&load::Folder::new(&env.plan_dir), today)?,
        Some((hash, _)) => check_source(&committed_plan(env, hash)?, today)?,
    };
    Ok((Box::leak(Box::new(plan)), findings))
}

/// The plan as staged in git's index: what the next commit would hold.
fn staged_plan(
    env: &Environment,
    today: chrono::NaiveDate,
) -> Result<(&'static Plan, Vec<Finding>)> {
    if env.at.is_some() {
        return Err(UsageError::new("--staged and --at name two different plans: give one").into());
    }
    git::require_repository(&env.plan_dir)?;
    let (staged, conflicted) = git::index_files(&env.plan_dir)?;
    let folder = load::Folder::new(&env.plan_dir);
    let source =
        load::Memory::from_git(&env.plan_dir, staged).with_working_files(&folder, conflicted);
    let (plan, findings) = check_source(&source, today)?;
    Ok((Box::leak(Box::new(plan)), findings))
}

/// Loads and checks the plan `source` holds; findings located and sorted.
pub fn check_source(
    source: &impl load::Source,
    today: chrono::NaiveDate,
) -> Result<(Plan, Vec<Finding>)> {
    let loaded = load::load(source)?;
    let mut findings = loaded.findings;
    findings.extend(crate::check::check(&loaded.plan, today));
    load::locate(&mut findings, source);
    finding::sort(&mut findings);
    Ok((loaded.plan, findings))
}

/// The plan folder's files as committed at `hash`, read from git objects.
fn committed_plan(env: &Environment, hash: &str) -> Result<load::Memory> {
    let files = git::tree_files(&env.plan_dir, hash)?;
    Ok(load::Memory::from_git(&env.plan_dir, files))
}
