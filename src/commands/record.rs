//! Making one change to one plan file as one commit, so that the commit
//! says exactly what its diff holds: the change is noted in a journal,
//! written, committed, and the commit compared with what was written. A
//! commit that holds anything else (a hook changed or added a file) is
//! taken back and the file put back as it was. A change a killed process
//! left half done is finished or rolled back by the next command.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Environment;
use super::commit::PlanLock;
use crate::edit::journal::{self, Journal};
use crate::error::UsageError;
use crate::git;

/// One change to one plan file.
pub struct Change {
    /// The file, relative to the plan folder.
    pub relative: PathBuf,
    /// Its bytes before; `None` when the change creates it.
    pub old: Option<Vec<u8>>,
    pub new: Vec<u8>,
    pub message: String,
}

/// Writes the change and commits that file alone; the commit's short hash.
pub fn write_and_commit(env: &Environment, lock: &PlanLock, change: &Change) -> Result<String> {
    let head = git::head(&env.plan_dir)?;
    let note = Journal {
        plan: lock.prefix.clone().unwrap_or_default(),
        path: change.relative.clone(),
        head: head.clone(),
        old: change
            .old
            .as_ref()
            .map(|b| String::from_utf8_lossy(b).into_owned()),
        new: String::from_utf8_lossy(&change.new).into_owned(),
        message: change.message.clone(),
    };
    let journal = lock.journal.as_deref().context("the plan is not in git")?;
    journal::write(journal, &note)?;
    crate::edit::write_atomically(&env.plan_dir.join(&change.relative), &change.new)?;
    let made = commit(env, lock, change, head.as_deref());
    journal::remove(journal)?;
    made
}

/// Commits the change, already written; when git refuses, or commits
/// something else than the change, the file is put back as it was.
fn commit(
    env: &Environment,
    lock: &PlanLock,
    change: &Change,
    head: Option<&str>,
) -> Result<String> {
    let path = env.plan_dir.join(&change.relative);
    let new_file = change.old.is_none();
    let refused = match git::commit_file(&env.plan_dir, &change.relative, &change.message, new_file)
    {
        Ok(()) => match verify(env, lock, change, head)? {
            Ok(hash) => return Ok(hash),
            Err(refused) => refused,
        },
        Err(refused) => {
            // Git can fail after making the commit (interrupted while
            // writing its index): then the change is committed and must
            // not be undone.
            let now = git::head(&env.plan_dir)?;
            if now.as_deref() != head {
                let made = now.as_deref().map_or("", |h| &h[..h.len().min(7)]);
                return Err(refused.context(format!(
                    "git made commit {made} but then failed: `{}` is committed; check `git status` and `git show {made}`",
                    path.display()
                )));
            }
            refused
        }
    };
    Err(put_back(&path, change.old.as_deref(), refused))
}

/// The commit just made, if it holds this change and nothing else: the
/// one file, with the bytes written, as git stores them. Otherwise it is
/// taken back, and the reason returned.
fn verify(
    env: &Environment,
    lock: &PlanLock,
    change: &Change,
    head: Option<&str>,
) -> Result<Result<String, anyhow::Error>> {
    let made = git::head(&env.plan_dir)?.context("git made no commit")?;
    let expected = git::blob_id(&env.plan_dir, &change.relative, &change.new)?;
    let full = format!(
        "{}{}",
        lock.prefix.as_deref().unwrap_or(""),
        change.relative.to_string_lossy()
    );
    let diff = git::commit_diff(&env.plan_dir, head, &made)?;
    let message = git::commit_message(&env.plan_dir, &made)?;
    let said_as_meant = message.trim_end() == change.message.trim_end();
    if diff == [(full.clone(), Some(expected))] && said_as_meant {
        return Ok(Ok(made[..7.min(made.len())].to_string()));
    }
    git::undo_commit(&env.plan_dir, head, &made, &change.relative)?;
    let others: Vec<&str> = diff
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| *p != full)
        .collect();
    let what = match (others.is_empty(), said_as_meant) {
        (false, _) => format!("held other files too ({})", others.join(", ")),
        (true, true) => format!("held `{full}` as something else than was written"),
        (true, false) => "had another message than the change's".to_string(),
    };
    Ok(Err(anyhow::anyhow!(
        "the commit git made {what} (a commit hook changed it?), so it no longer described \
         its change; it was taken back"
    )))
}

/// Puts a file back as it was before the change, and says so.
fn put_back(path: &Path, old: Option<&[u8]>, refused: anyhow::Error) -> anyhow::Error {
    let restored = match old {
        Some(old) => crate::edit::write_atomically(path, old),
        None => std::fs::remove_file(path).map_err(Into::into),
    };
    match restored {
        Ok(()) => refused.context(format!(
            "nothing was changed: `{}` is as it was",
            path.display()
        )),
        Err(err) => refused.context(format!(
            "and `{}` could not be put back ({err:#}); `git diff` shows the uncommitted change",
            path.display()
        )),
    }
}

/// Finishes or rolls back a change a killed command left noted in the
/// journal, and says which on standard error. Called with the lock held,
/// so no other command is making that change now.
pub fn recover(env: &Environment, lock: &PlanLock) -> Result<()> {
    let Some(at) = lock.journal.as_deref() else {
        return Ok(());
    };
    let Some(note) = journal::read(at)? else {
        return journal::remove(at);
    };
    if lock.prefix.as_deref() != Some(note.plan.as_str()) {
        // Another plan in this repository: its own commands settle it.
        let shown = Path::new(&note.plan).join(&note.path);
        let said = format!(
            "note: a change to `{}` (another plan in this repository) was interrupted; \
             any actionplan command on that plan finishes it",
            shown.display()
        );
        return writeln!(super::err_out(), "{said}").map_err(Into::into);
    }
    if let Some(lock_file) = git::index_locked(&env.plan_dir)? {
        return Err(UsageError::with_hint(
            format!(
                "a change to `{}` was interrupted, and git still holds `{}`: a commit may be under way",
                note.path.display(),
                lock_file.display()
            ),
            "wait a moment and run the command again; if no git program is running, \
             remove that file, then run it again",
        )
        .into());
    }
    if !inside_the_plan(&env.plan_dir, &note.path) {
        journal::remove(at)?;
        let shown = note.path.display();
        writeln!(
            super::err_out(),
            "warning: ignored a change journal naming `{shown}`, which is not a plan file"
        )?;
        return Ok(());
    }
    let said = settle(env, lock, &note);
    journal::remove(at)?;
    let said = said.context("a change that was interrupted could not be finished")?;
    writeln!(super::err_out(), "note: {said}")?;
    Ok(())
}

/// Whether a journal's path names a plan file in the plan folder:
/// relative, with no `..`, no link on the way to it, and a regular file
/// if it exists, so a journal planted in `.git` cannot aim a read, a
/// write, a removal or a commit anywhere else.
fn inside_the_plan(plan_dir: &Path, path: &Path) -> bool {
    use crate::load::{Role, role};
    use std::path::Component;
    let shape = !path.as_os_str().is_empty()
        && path.components().all(|c| matches!(c, Component::Normal(_)))
        && matches!(role(path), Role::Recommendation | Role::Known);
    if !shape {
        return false;
    }
    let mut at = plan_dir.to_path_buf();
    let parts: Vec<_> = path.components().collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let last = i + 1 == parts.len();
        match std::fs::symlink_metadata(&at) {
            Ok(m) if last => return m.is_file(),
            Ok(m) if m.is_dir() => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return true,
            _ => return false,
        }
    }
    true
}

/// What became of the change in `note`, finishing it when it was written
/// but not committed.
fn settle(env: &Environment, lock: &PlanLock, note: &Journal) -> Result<String> {
    let path = env.plan_dir.join(&note.path);
    let shown = path.display();
    let subject = note.message.lines().next().unwrap_or_default();
    let head = git::head(&env.plan_dir)?;
    // What the last commit holds for the file decides, not whether HEAD
    // moved: other files may have been committed since.
    let committed = git::committed_blob(&env.plan_dir, "HEAD", &note.path)?;
    let as_stored = |text: &str| git::blob_id(&env.plan_dir, &note.path, text.as_bytes());
    if committed == Some(as_stored(&note.new)?) {
        return Ok(format!(
            "an interrupted change ({subject}) had been committed"
        ));
    }
    let before = note.old.as_deref().map(as_stored).transpose()?;
    if committed != before {
        return Ok(format!(
            "an interrupted change ({subject}) was not committed, and `{shown}` has been \
             committed otherwise since: it is left as it is; `git diff` shows it"
        ));
    }
    // Read as the loader reads: never through a link, never a pipe.
    let on_disk = crate::load::Folder::new(&env.plan_dir)
        .read_anywhere(&note.path)
        .ok();
    if on_disk.as_deref() == Some(note.new.as_bytes()) {
        let change = Change {
            relative: note.path.clone(),
            old: note.old.clone().map(String::into_bytes),
            new: note.new.clone().into_bytes(),
            message: note.message.clone(),
        };
        let hash = commit(env, lock, &change, head.as_deref())?;
        return Ok(format!(
            "finished a change that was interrupted before its commit ({subject}): committed {hash}"
        ));
    }
    if on_disk.as_deref() == note.old.as_deref().map(str::as_bytes) {
        return Ok(format!(
            "rolled back a change that was interrupted before it was written ({subject}); \
             run it again"
        ));
    }
    Ok(format!(
        "an interrupted change ({subject}) was not committed, and `{shown}` has been edited \
         since: it is left as it is"
    ))
}
