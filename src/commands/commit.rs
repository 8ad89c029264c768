//! What `update` and `new` share: refusing a file that is not safe to
//! commit, checking the plan as it would be, and committing one file or
//! putting it back.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::Environment;
use super::check::check_source;
use crate::error::UsageError;
use crate::finding::Severity;
use crate::git::{self, FileState};
use crate::load::Overlay;
use crate::render::diagnostics;

/// A usage error unless the file at `relative` is exactly as committed, so
/// the commit about to be made holds this change and nothing else.
pub fn require_clean(plan_dir: &Path, relative: &Path, lock: &PlanLock) -> Result<()> {
    let shown = plan_dir.join(relative);
    let shown = shown.display();
    let state = match lock.in_git {
        true => git::file_state(plan_dir, relative)?,
        false => FileState::NotInGit,
    };
    let (message, hint) = match state {
        FileState::Clean => return Ok(()),
        FileState::NotInGit => (
            format!(
                "the plan folder `{}` is not in a git repository",
                plan_dir.display()
            ),
            "run `git init` and commit the plan first, or add --no-commit to only write the file"
                .to_string(),
        ),
        FileState::Untracked => (
            format!("`{shown}` has never been committed"),
            format!("commit it first (git add {shown} && git commit), or add --no-commit"),
        ),
        FileState::Modified => (
            format!("`{shown}` has changes that are not committed"),
            format!(
                "commit them (git commit {shown}) or discard them (git restore --staged --worktree {shown}) first, \
                 so this commit holds only this change; or add --no-commit"
            ),
        ),
        FileState::Conflicted => (
            format!("`{shown}` is in the middle of a merge"),
            "resolve the conflict and commit, then try again".to_string(),
        ),
    };
    Err(UsageError::with_hint(message, hint).into())
}

/// Checks the whole plan with `relative` holding `bytes`. On errors prints
/// them and returns false: the change must not be made.
pub fn recheck(env: &Environment, relative: &Path, bytes: &[u8]) -> Result<bool> {
    let overlay = Overlay::new(&env.plan_dir, relative, bytes.to_vec());
    let (_, findings) = check_source(&overlay, env.today)?;
    let errors: Vec<_> = findings
        .into_iter()
        .filter(|f| f.severity() == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(true);
    }
    let mut err = super::err_out();
    diagnostics::write_text(&mut err, &errors, false)?;
    writeln!(
        err,
        "error: the change would leave the plan with the errors above; nothing was written"
    )?;
    Ok(false)
}

/// Commits the file at `relative` alone and returns the commit's short
/// hash. When git refuses, the file is put back: to `old`, or removed when
/// it is new.
pub fn commit_or_restore(
    env: &Environment,
    relative: &Path,
    message: &str,
    old: Option<&[u8]>,
) -> Result<String> {
    let path = env.plan_dir.join(relative);
    let head = git::head(&env.plan_dir)?;
    let Err(refused) = git::commit_file(&env.plan_dir, relative, message, old.is_none()) else {
        return git::short_head(&env.plan_dir);
    };
    // Git can fail after making the commit (interrupted while writing its
    // index): then the change is committed and must not be undone.
    let now = git::head(&env.plan_dir)?;
    if now != head {
        let made = now.as_deref().map_or("", |h| &h[..h.len().min(7)]);
        return Err(refused.context(format!(
            "git made commit {made} but then failed: `{}` is committed; check `git status` and `git show {made}`",
            path.display()
        )));
    }
    let restored = match old {
        Some(old) => crate::edit::write_atomically(&path, old),
        None => std::fs::remove_file(&path).map_err(Into::into),
    };
    match restored {
        Ok(()) => Err(refused.context(format!(
            "nothing was changed: `{}` is as it was",
            path.display()
        ))),
        Err(err) => Err(refused.context(format!(
            "and `{}` could not be put back ({err:#}); `git diff` shows the uncommitted change",
            path.display()
        ))),
    }
}

/// A usage error while a merge waits to be committed: git would refuse a
/// commit of one file, and the merge should be finished first anyway.
pub fn require_no_merge(env: &Environment, lock: &PlanLock) -> Result<()> {
    if lock.in_git && git::merging(&env.plan_dir)? {
        return Err(UsageError::with_hint(
            "a git merge is in progress in this repository",
            "finish it (resolve, then git commit) or abandon it (git merge --abort), then try again",
        )
        .into());
    }
    Ok(())
}

/// Whether `relative` exists already, for `new`.
pub fn exists(env: &Environment, relative: &Path) -> Result<bool> {
    let path = env.plan_dir.join(relative);
    path.try_exists()
        .with_context(|| format!("failed to look for `{}`", path.display()))
}

/// What a change did, on standard output, unless `--quiet`.
pub fn say(env: &Environment, text: &str) -> Result<()> {
    if !env.quiet {
        let mut out = super::human_out(false);
        writeln!(out, "{text}")?;
        out.flush()?;
    }
    Ok(())
}

/// Held while a command changes the plan: a second `update` waits for the
/// first to finish, so it reads the file the first one wrote and no update
/// is lost. The operating system releases the lock when the process ends,
/// however it ends.
pub struct PlanLock {
    _file: std::fs::File,
    /// Whether the plan is in a git repository: asked once, here.
    pub in_git: bool,
}

/// How long a second change waits for the first before giving up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

pub fn lock(env: &Environment) -> Result<PlanLock> {
    let in_git = git::is_repository(&env.plan_dir)?;
    let path = match in_git {
        true => git::private_path(&env.plan_dir, "actionplan.lock")?,
        false => env.plan_dir.join(".actionplan.lock"),
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|err| crate::edit::cannot_write(path.parent().unwrap_or(&path), err))?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                return Ok(PlanLock {
                    _file: file,
                    in_git,
                });
            }
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(UsageError::with_hint(
                    "another actionplan command is changing this plan",
                    format!("try again in a moment (it holds `{}`)", path.display()),
                )
                .into());
            }
            Err(std::fs::TryLockError::Error(err)) => {
                return Err(err).with_context(|| format!("failed to lock `{}`", path.display()));
            }
        }
    }
}
