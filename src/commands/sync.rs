//! `actionplan sync`: for people who do not use git. Fetches, merges what
//! came in (plan files merge by field through the driver), checks the
//! plan, pushes, and says in plain words what came in and what went out.
//! When it cannot go on (no remote, no network, a true conflict, a plan
//! with errors) it says why and what to do, and pushes nothing.

use anyhow::Result;

use super::{Environment, Outcome, commit};
use crate::error::UsageError;
use crate::git::{self, sync};
use crate::merge::markers::{self, Block};

pub fn run(env: &Environment) -> Result<Outcome> {
    git::require_repository(&env.plan_dir)?;
    let lock = commit::lock(env)?;
    commit::require_no_operation(env, &lock)?;
    let Some((branch, upstream)) = sync::upstream(&env.plan_dir)? else {
        return Err(no_remote().into());
    };
    require_committed(env)?;
    if let Err(why) = sync::fetch(&env.plan_dir, &upstream)? {
        return Err(UsageError::with_hint(
            format!("could not reach {upstream}: {why}; nothing was changed"),
            "check the network (or the VPN) and run `actionplan sync` again",
        )
        .into());
    }
    let incoming = sync::commits_between(&env.plan_dir, "HEAD", &upstream)?;
    let outgoing = sync::commits_between(&env.plan_dir, &upstream, "HEAD")?;
    let mut said = Vec::new();
    if !incoming.is_empty() {
        let exe = std::env::current_exe()?;
        let set_up = git::driver::ensure_for_merge(&env.plan_dir, &exe)?;
        if !set_up.is_empty() {
            commit::say(env, &set_up.join("\n"))?;
        }
        if let Err(why) = sync::merge(&env.plan_dir, &upstream)? {
            return conflicted(env, &incoming, &why);
        }
        said.push(listed("came in", &incoming));
    }
    if super::open_plan(env)?.is_none() {
        said.push(
            "The plan has the errors above after the merge, so nothing was sent: fix them \
             (`actionplan check`), commit, and run `actionplan sync` again."
                .to_string(),
        );
        commit::say(env, &said.join("\n"))?;
        return Ok(Outcome::PlanHasErrors);
    }
    let merged = !incoming.is_empty() && !outgoing.is_empty();
    if !outgoing.is_empty() || merged {
        if let Err(why) = sync::push(&env.plan_dir, &branch, &upstream)? {
            said.push(format!(
                "Nothing was sent: {upstream} refused ({why}). Someone may have sent changes \
                 meanwhile: run `actionplan sync` again."
            ));
            commit::say(env, &said.join("\n"))?;
            return Ok(Outcome::PlanHasErrors);
        }
        said.push(listed("went out", &outgoing));
    }
    if said.is_empty() {
        said.push(format!(
            "Up to date with {upstream}: nothing came in, nothing went out."
        ));
    }
    commit::say(env, &said.join("\n"))?;
    Ok(Outcome::Success)
}

fn no_remote() -> UsageError {
    UsageError::with_hint(
        "this copy of the plan has no shared repository to sync with (no upstream branch); \
         nothing was changed",
        "ask whoever keeps the shared repository for its address, then run: \
         git remote add origin ADDRESS && git push -u origin HEAD",
    )
}

/// Refuses when plan files have changes not committed: a merge would
/// refuse them, or take them in unannounced.
fn require_committed(env: &Environment) -> Result<()> {
    if let git::Provenance::Commit { dirty: true, .. } = git::provenance(&env.plan_dir, env.zone)? {
        return Err(UsageError::with_hint(
            "the plan has changes that are not committed, so it was not synced",
            "record them with `actionplan update`, or commit them (`git status` lists them), \
             then run `actionplan sync` again",
        )
        .into());
    }
    Ok(())
}

/// "3 changes came in:" and one line each.
fn listed(what: &str, commits: &[[String; 4]]) -> String {
    let mut text = format!(
        "{} {what}:",
        super::output::plural(commits.len(), "change", "changes")
    );
    for [hash, author, date, subject] in commits {
        text.push_str(&format!("\n  {date} {author}: {subject} ({hash})"));
    }
    text
}

/// A merge that stopped: each conflicting field with both values and the
/// command that settles it.
fn conflicted(env: &Environment, incoming: &[[String; 4]], why: &str) -> Result<Outcome> {
    let files = sync::unmerged(&env.plan_dir)?;
    if files.is_empty() {
        return Err(anyhow::anyhow!(
            "git could not merge what came in: {why}; nothing was changed"
        ));
    }
    let mut text = vec![listed("came in", incoming)];
    text.push("Some of them change the same thing as a change of yours:".to_string());
    for file in &files {
        let blocks = std::fs::read_to_string(env.plan_dir.join(file))
            .map(|t| markers::blocks(&t))
            .unwrap_or_default();
        if blocks.is_empty() {
            text.push(format!(
                "  {file}: changed on both sides; edit it by hand, then `git add` it"
            ));
        }
        for block in blocks {
            text.push(format!("  {}", conflict_line(&block)));
        }
    }
    text.push(
        "Nothing was sent. Settle each with `actionplan resolve REF --take mine` (your value), \
         `--take theirs`, or `--take VALUE`, then run `actionplan sync` again."
            .to_string(),
    );
    commit::say(env, &text.join("\n"))?;
    Ok(Outcome::PlanHasErrors)
}

fn conflict_line(block: &Block) -> String {
    let value =
        |side: &str| Block::value(side, &block.field).unwrap_or_else(|| side.trim().to_string());
    format!(
        "{} {}: yours {}, theirs {} → actionplan resolve {} --take mine|theirs|VALUE",
        block.address,
        block.field,
        value(&block.mine),
        value(&block.theirs),
        block.address
    )
}
