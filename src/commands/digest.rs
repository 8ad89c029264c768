//! `actionplan digest`: the committee paper, as markdown (for pandoc and
//! Word) or as one printable HTML page.

use anyhow::Result;

use super::filter::Selection;
use super::{Environment, Outcome, emit};
use crate::cli::{DigestArgs, DigestFormat};
use crate::digest::{self, Scope};
use crate::git;
use crate::history::{self, Change};
use crate::render::{digest as paper, document, html};
use chrono::NaiveDate;

pub fn run(env: &Environment, args: &DigestArgs) -> Result<Outcome> {
    if env.at.is_none() {
        // A paper says which commit it is made from: a change a killed
        // update left half done is settled first.
        super::commit::recover_if_interrupted(env)?;
    }
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let (plan, filter, as_of) = (selection.plan, &selection.filter, selection.as_of);
    let since = digest::since(plan, as_of, args.since).0;
    let scope = Scope {
        as_of,
        since: args.since,
        filter,
        provenance: provenance(env)?,
        changes: recorded_changes(env, since, as_of)?,
    };
    let digest = digest::build(plan, scope);
    // Part by part, so a paper of a very large plan never sits whole in memory.
    emit(args.output.path.as_deref(), |mut out| match args.format {
        DigestFormat::Markdown => {
            paper::sections(&digest).try_for_each(|part| document::write_markdown(&mut out, &part))
        }
        DigestFormat::Html => {
            html::write_start(&mut out, &paper::title(&digest), &paper::footer(&digest))?;
            paper::sections(&digest).try_for_each(|part| html::write_blocks(&mut out, &part))?;
            html::write_end(&mut out)
        }
    })?;
    Ok(Outcome::Success)
}

/// The commit the paper is made from: `--at`'s, else the working tree's.
pub(super) fn provenance(env: &Environment) -> Result<git::Provenance> {
    match env.at_commit()? {
        None => git::provenance(&env.plan_dir, env.zone),
        Some((hash, date)) => Ok(git::Provenance::Commit {
            hash: hash.clone(),
            date: *date,
            dirty: false,
        }),
    }
}

/// What git recorded after the end of `since` up to `as_of` (and no later
/// than `--at`), or why it cannot be told.
fn recorded_changes(
    env: &Environment,
    since: NaiveDate,
    as_of: NaiveDate,
) -> Result<Result<Vec<Change>, String>> {
    if !git::is_repository(&env.plan_dir)? {
        return Ok(Err(
            "The plan is not kept in git, so its changes cannot be listed.".to_string(),
        ));
    }
    if git::is_shallow(&env.plan_dir)? {
        return Ok(Err(
            "This copy of the repository has only part of its history (a shallow clone), \
            so its changes cannot be listed; `git fetch --unshallow` brings the rest."
                .to_string(),
        ));
    }
    let upper = match env.at_commit()? {
        Some((hash, _)) => Some(hash.clone()),
        None => git::commit_on_or_before(&env.plan_dir, as_of, env.zone)?,
    };
    let Some(upper) = upper else {
        return Ok(Ok(Vec::new()));
    };
    let range = match git::commit_on_or_before(&env.plan_dir, since, env.zone)? {
        Some(start) => format!("{start}..{upper}"),
        None => upper,
    };
    history::read(&env.plan_dir, &range, ".".as_ref(), env.zone).map(Ok)
}
