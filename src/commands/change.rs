//! What `meeting add`, `request add` and `request answer` share: read the
//! file as it is (refusing one that is not safe to commit), check the plan
//! as it would be, then write it, and commit it as `update` does (the lock,
//! the journal, a commit that holds this change alone).

use std::path::Path;

use anyhow::{Context, Result};

use super::commit::{self, PlanLock};
use super::record::{self, Change, FileChange};
use super::{Environment, Outcome};
use crate::error::UsageError;
use crate::model::Plan;

/// The bytes of the plan file at `relative` now, or `None` when it does
/// not exist yet; a usage error when it cannot be changed safely.
pub fn current(
    env: &Environment,
    lock: &PlanLock,
    relative: &Path,
    no_commit: bool,
) -> Result<Option<Vec<u8>>> {
    let path = env.plan_dir.join(relative);
    if !commit::exists(env, relative)? {
        if !no_commit && !lock.in_git() {
            crate::git::require_repository(&env.plan_dir)?;
        }
        return Ok(None);
    }
    if !no_commit {
        commit::require_clean(&env.plan_dir, relative, lock)?;
    }
    crate::edit::check_writable(&path).map_err(UsageError::new)?;
    crate::edit::remove_stale_temporaries(&path)?;
    let bytes =
        std::fs::read(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
    Ok(Some(bytes))
}

/// Checks the whole plan with `change` made; then writes it, and unless
/// `no_commit`, commits it with its message. Says what was done.
pub fn make(
    env: &Environment,
    lock: &PlanLock,
    plan: &Plan,
    change: Change,
    subject: &str,
    no_commit: bool,
) -> Result<Outcome> {
    let unchanged = |f: &FileChange| f.old.as_deref() == Some(f.new.as_slice());
    if change.files.iter().all(unchanged) {
        let same = format!(
            "nothing to record: {} says this already",
            names(env, &change)
        );
        commit::say(env, &same)?;
        return Ok(Outcome::Success);
    }
    let files = change
        .files
        .iter()
        .map(|f| (f.relative.clone(), f.new.clone()))
        .collect();
    if !commit::recheck_files(env, plan, files)? {
        return Ok(Outcome::PlanHasErrors);
    }
    if no_commit {
        for file in &change.files {
            crate::edit::write_atomically(&env.plan_dir.join(&file.relative), &file.new)?;
        }
        let written = format!(
            "{subject}
written to {}, not committed",
            names(env, &change)
        );
        commit::say(env, &written)?;
        return Ok(Outcome::Success);
    }
    let hash = record::write_and_commit(env, lock, &change)?;
    commit::say(env, &format!("{subject}\ncommitted {hash}"))?;
    Ok(Outcome::Success)
}

/// The change's files as paths the user can open.
fn names(env: &Environment, change: &Change) -> String {
    let paths: Vec<String> = change
        .files
        .iter()
        .map(|f| env.plan_dir.join(&f.relative).display().to_string())
        .collect();
    paths.join(", ")
}

/// The message's closing trailers: the `Field:` changed and who did it.
pub fn trailers(env: &Environment, field: &str) -> Result<String> {
    let actor = crate::git::author_name(&env.plan_dir)?;
    Ok(format!("Field: {field}\nActor: {actor}\n"))
}
