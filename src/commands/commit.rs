//! What every command that changes the plan shares before it writes:
//! the plan's lock, refusing a repository or a file that is not safe to
//! commit (with a command that is safe to run), and checking the plan as
//! it would be.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Environment;
use super::check::check_source;
use crate::edit::journal;
use crate::error::UsageError;
use crate::finding::Severity;
use crate::git::{self, FileState};
use crate::load::{self, Overlay};
use crate::model::Plan;
use crate::render::diagnostics;

/// Held while a command changes the plan: a second `update` waits for the
/// first to finish, so it reads the file the first one wrote and no update
/// is lost. The operating system releases the lock when the process ends,
/// however it ends.
pub struct PlanLock {
    _file: std::fs::File,
    /// The plan folder's place in its git work tree (`plan/`, or empty);
    /// `None` when the plan is not in git.
    pub prefix: Option<String>,
    /// Where a change under way is noted (see [`crate::edit::journal`]).
    pub journal: Option<PathBuf>,
}

impl PlanLock {
    pub fn in_git(&self) -> bool {
        self.prefix.is_some()
    }
}

/// How long a second change waits for the first before giving up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Takes the plan's lock, waiting for another command to finish, then
/// finishes or rolls back a change a killed command left half done.
pub fn lock(env: &Environment) -> Result<PlanLock> {
    let lock = acquire(env, Some(LOCK_WAIT))?.expect("waited for the lock");
    super::record::recover(env, &lock)?;
    Ok(lock)
}

/// The usual start of a change: the plan's lock, and no merge or rebase
/// under way when a commit is to be made (`no_commit` false).
pub fn begin(env: &Environment, no_commit: bool) -> Result<PlanLock> {
    let lock = lock(env)?;
    if !no_commit {
        require_no_operation(env, &lock)?;
    }
    Ok(lock)
}

/// For a command that only reads the plan: when a killed command left a
/// change half done, and no other command holds the lock now, finish it
/// or roll it back. Nothing is written for a plan outside git.
pub fn recover_if_interrupted(env: &Environment) -> Result<()> {
    let Some(lock) = acquire(env, None)? else {
        return Ok(());
    };
    match super::record::recover(env, &lock) {
        // Still under way: the paper says the plan is not committed.
        Err(err) if err.is::<UsageError>() => {
            writeln!(
                super::err_out(),
                "warning: {}",
                crate::render::printable(&format!("{err:#}"))
            )?;
            Ok(())
        }
        other => other,
    }
}

fn acquire(env: &Environment, wait: Option<std::time::Duration>) -> Result<Option<PlanLock>> {
    let found = git::prefix_and_private_path(&env.plan_dir, "actionplan.lock")?;
    if wait.is_none() && found.is_none() {
        return Ok(None);
    }
    let (prefix, path, journal) = match found {
        // The journal is a private file of the same git folder as the lock.
        Some((prefix, lock)) => {
            let journal = lock.with_file_name(journal::file_name(&prefix));
            (Some(prefix), lock, Some(journal))
        }
        None => (None, env.plan_dir.join(".actionplan.lock"), None),
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
                return Ok(Some(PlanLock {
                    _file: file,
                    prefix,
                    journal,
                }));
            }
            Err(std::fs::TryLockError::WouldBlock) => match wait {
                None => return Ok(None),
                Some(wait) if started.elapsed() < wait => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Some(_) => {
                    return Err(UsageError::with_hint(
                        "another actionplan command is changing this plan",
                        format!("try again in a moment (it holds `{}`)", path.display()),
                    )
                    .into());
                }
            },
            Err(std::fs::TryLockError::Error(err)) => {
                return Err(err).with_context(|| format!("failed to lock `{}`", path.display()));
            }
        }
    }
}

/// A usage error while git is in the middle of a merge, rebase,
/// cherry-pick, revert or bisection: a commit made now would be lost or
/// misplaced when it ends. A detached HEAD only gets a warning.
pub fn require_no_operation(env: &Environment, lock: &PlanLock) -> Result<()> {
    if !lock.in_git() {
        return Ok(());
    }
    if let Some(operation) = git::operation(&env.plan_dir)? {
        return Err(UsageError::with_hint(
            format!(
                "git is in the middle of {} in this repository",
                operation.name()
            ),
            format!(
                "{}, then try again; a change committed now could be lost",
                operation.ways_out()
            ),
        )
        .into());
    }
    if git::detached(&env.plan_dir)? && !env.quiet {
        writeln!(
            super::err_out(),
            "warning: HEAD is detached (on no branch): the commit will be on no branch; \
             `git switch -c NAME` afterwards keeps it on a new one"
        )?;
    }
    Ok(())
}

/// A usage error unless the file at `relative` is exactly as committed, so
/// the commit about to be made holds this change and nothing else. Every
/// command a hint suggests is safe to run in the state it is given for.
pub fn require_clean(plan_dir: &Path, relative: &Path, lock: &PlanLock) -> Result<()> {
    let state = match lock.in_git() {
        true => git::file_state(plan_dir, relative)?,
        false => FileState::NotInGit,
    };
    if state == FileState::Clean {
        return Ok(());
    }
    let (message, hint) = refusal(plan_dir, relative, state);
    Err(UsageError::with_hint(message, hint).into())
}

/// What is wrong with a file in `state`, and what to run about it.
fn refusal(plan_dir: &Path, relative: &Path, state: FileState) -> (String, String) {
    let shown = plan_dir.join(relative);
    let shown = shown.display();
    // Run in the plan folder (`git -C`), so the command works from
    // wherever it is typed.
    let git = match plan_dir == Path::new(".") {
        true => "git".to_string(),
        false => format!("git -C {}", crate::shell::quote_path(plan_dir)),
    };
    let quoted = crate::shell::quote_path(relative);
    let commit = format!(
        "{git} commit -m \"Edit {}\" -- {quoted}",
        relative.display()
    );
    let or_write = "or add --no-commit to only write the file";
    match state {
        FileState::Clean => unreachable!("a clean file is not refused"),
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
            format!("commit it first (`{git} add -- {quoted} && {commit}`), {or_write}"),
        ),
        FileState::Added => (
            format!("`{shown}` is staged as a new file but has never been committed"),
            format!("commit it first (`{commit}`), {or_write}"),
        ),
        FileState::Staged | FileState::Modified { hidden: None } => (
            format!("`{shown}` has changes that are not committed"),
            format!(
                "commit them (`{commit}`) or discard them (`{git} restore --staged --worktree -- {quoted}`) \
                 first, so this commit holds only this change; {or_write}"
            ),
        ),
        FileState::Modified { hidden: Some(flag) } => (
            format!("`{shown}` has changes that git has been told not to show ({flag})"),
            format!(
                "show them (`{git} update-index --no-{flag} -- {quoted}`), \
                 then commit them (`{commit}`) or discard them (`{git} restore -- {quoted}`); {or_write}"
            ),
        ),
        FileState::Unnormalised => (
            format!(
                "`{shown}` is committed with line ends git now converts (core.autocrlf or an \
                 eol attribute), so any commit of it would rewrite every line"
            ),
            format!(
                "normalise it first, as a commit of its own (`{git} add --renormalize -- {quoted} \
                 && {git} commit -m \"Normalise line ends\"`; that commit also takes anything \
                 else you have staged), then try again"
            ),
        ),
        FileState::Conflicted => (
            format!("`{shown}` is in the middle of a merge"),
            "resolve the conflict and commit, then try again".to_string(),
        ),
    }
}

/// Checks the whole plan with `relative` holding `bytes`. On errors prints
/// them and returns false: the change must not be made.
pub fn recheck(env: &Environment, plan: &Plan, relative: &Path, bytes: &[u8]) -> Result<bool> {
    recheck_files(env, plan, vec![(relative.to_path_buf(), bytes.to_vec())])
}

/// As [`recheck`], for a change to several files at once. `plan` is the
/// plan as opened, without errors: only the changed files are read again,
/// and the whole plan checked with them.
pub fn recheck_files(
    env: &Environment,
    plan: &Plan,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> Result<bool> {
    let changed: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
    let overlay = Overlay::many(&env.plan_dir, files);
    let quick = load::reread(plan, &overlay, &changed).and_then(|(recs, mut findings)| {
        // A file that no longer reads as a recommendation is judged whole.
        (recs.len() == changed.len()).then_some(())?;
        findings.extend(crate::check::check_replacing(plan, env.today, &recs)?);
        load::locate(&mut findings, &overlay);
        crate::finding::sort(&mut findings);
        Some(findings)
    });
    let findings = match quick {
        Some(findings) => findings,
        None => check_source(&overlay, env.today)?.1,
    };
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
