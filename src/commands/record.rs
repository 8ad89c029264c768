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
use crate::edit::journal::{self, Journal, NotedFile};
use crate::error::UsageError;
use crate::git;

/// One change to the plan's files, made as one commit.
pub struct Change {
    pub files: Vec<FileChange>,
    pub message: String,
}

/// One file of a change.
pub struct FileChange {
    /// The file, relative to the plan folder.
    pub relative: PathBuf,
    /// Its bytes before; `None` when the change creates it.
    pub old: Option<Vec<u8>>,
    pub new: Vec<u8>,
}

impl Change {
    /// A change to one file.
    pub fn one(relative: PathBuf, old: Option<Vec<u8>>, new: Vec<u8>, message: String) -> Change {
        Change {
            files: vec![FileChange { relative, old, new }],
            message,
        }
    }

    fn paths(&self) -> Vec<&Path> {
        self.files.iter().map(|f| f.relative.as_path()).collect()
    }
}

/// Writes the change and commits its files alone; the commit's short hash.
pub fn write_and_commit(env: &Environment, lock: &PlanLock, change: &Change) -> Result<String> {
    let head = git::head(&env.plan_dir)?;
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let note = Journal {
        plan: lock.prefix.clone().unwrap_or_default(),
        head: head.clone(),
        message: change.message.clone(),
        files: change
            .files
            .iter()
            .map(|f| NotedFile {
                path: f.relative.clone(),
                old: f.old.as_deref().map(lossy),
                new: lossy(&f.new),
            })
            .collect(),
    };
    let journal = lock.journal.as_deref().context("the plan is not in git")?;
    journal::write(journal, &note)?;
    let made = write_files(env, change).and_then(|()| commit(env, lock, change, head.as_deref()));
    journal::remove(journal)?;
    made
}

/// Writes every file of the change; when one cannot be written, those
/// already written are put back.
fn write_files(env: &Environment, change: &Change) -> Result<()> {
    for (i, file) in change.files.iter().enumerate() {
        let path = env.plan_dir.join(&file.relative);
        if let Err(err) = crate::edit::write_atomically(&path, &file.new) {
            return Err(put_back(env, &change.files[..i], err));
        }
    }
    Ok(())
}

/// Commits the change, already written; when git refuses, or commits
/// something else than the change, the files are put back as they were.
fn commit(
    env: &Environment,
    lock: &PlanLock,
    change: &Change,
    head: Option<&str>,
) -> Result<String> {
    let added: Vec<&Path> = change
        .files
        .iter()
        .filter(|f| f.old.is_none())
        .map(|f| f.relative.as_path())
        .collect();
    // What git should store for each file, hashed as written, before any
    // hook can touch them: one process for all the files.
    let prefix = lock.prefix.as_deref().unwrap_or("");
    let expected = git::blob_ids_on_disk(&env.plan_dir, prefix, &change.paths())?;
    let refused = match git::commit_files(&env.plan_dir, &change.paths(), &added, &change.message) {
        Ok(()) => match verify(env, lock, change, head, &expected)? {
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
                let shown = shown_paths(env, change);
                return Err(refused.context(format!(
                    "git made commit {made} but then failed: {shown} committed; check `git status` and `git show {made}`"
                )));
            }
            refused
        }
    };
    Err(put_back(env, &change.files, refused))
}

/// The change's files as a message names them.
fn shown_paths(env: &Environment, change: &Change) -> String {
    change
        .files
        .iter()
        .map(|f| format!("`{}`", env.plan_dir.join(&f.relative).display()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The commit just made, if it holds this change and nothing else: its
/// files, with the bytes written, as git stores them. Otherwise it is
/// taken back, and the reason returned.
fn verify(
    env: &Environment,
    lock: &PlanLock,
    change: &Change,
    head: Option<&str>,
    blobs: &[String],
) -> Result<Result<String, anyhow::Error>> {
    let made = git::head(&env.plan_dir)?.context("git made no commit")?;
    let prefix = lock.prefix.as_deref().unwrap_or("");
    let mut expected = Vec::new();
    for (file, blob) in change.files.iter().zip(blobs) {
        expected.push((
            format!("{prefix}{}", file.relative.to_string_lossy()),
            Some(blob.clone()),
        ));
    }
    expected.sort();
    let mut diff = git::commit_diff(&env.plan_dir, head, &made)?;
    diff.sort();
    let message = git::commit_message(&env.plan_dir, &made)?;
    let said_as_meant = message.trim_end() == change.message.trim_end();
    if diff == expected && said_as_meant {
        return Ok(Ok(made[..7.min(made.len())].to_string()));
    }
    git::undo_commit(&env.plan_dir, head, &made, &change.paths())?;
    let ours: Vec<&str> = expected.iter().map(|(p, _)| p.as_str()).collect();
    let others: Vec<&str> = diff
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| !ours.contains(p))
        .collect();
    let what = match (others.is_empty(), said_as_meant) {
        (false, _) => format!("held other files too ({})", others.join(", ")),
        (true, true) => format!(
            "held {} as something else than was written",
            ours.join(", ")
        ),
        (true, false) => "had another message than the change's".to_string(),
    };
    Ok(Err(anyhow::anyhow!(
        "the commit git made {what} (a commit hook changed it?), so it no longer described \
         its change; it was taken back"
    )))
}

/// Puts files back as they were before the change, and says so.
fn put_back(env: &Environment, files: &[FileChange], refused: anyhow::Error) -> anyhow::Error {
    let mut refused = refused;
    for file in files {
        let path = env.plan_dir.join(&file.relative);
        let restored = match &file.old {
            Some(old) => crate::edit::write_atomically(&path, old),
            None => std::fs::remove_file(&path).map_err(Into::into),
        };
        refused = match restored {
            Ok(()) => refused.context(format!(
                "nothing was changed: `{}` is as it was",
                path.display()
            )),
            Err(err) => refused.context(format!(
                "and `{}` could not be put back ({err:#}); `git diff` shows the uncommitted change",
                path.display()
            )),
        };
    }
    refused
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
        let first = note.files.first().map(|f| f.path.as_path());
        let shown = Path::new(&note.plan).join(first.unwrap_or(Path::new("")));
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
                "a change to {} was interrupted, and git still holds `{}`: a commit may be under way",
                noted_paths(&note),
                lock_file.display()
            ),
            "wait a moment and run the command again; if no git program is running, \
             remove that file, then run it again",
        )
        .into());
    }
    let outside = note
        .files
        .iter()
        .find(|f| !inside_the_plan(&env.plan_dir, &f.path));
    if let Some(outside) = outside.or(note.files.is_empty().then_some(&EMPTY)) {
        journal::remove(at)?;
        let shown = outside.path.display();
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

/// A journal naming no file is no plan change either.
const EMPTY: NotedFile = NotedFile {
    path: PathBuf::new(),
    old: None,
    new: String::new(),
};

/// The files of a noted change, as a message names them.
fn noted_paths(note: &Journal) -> String {
    note.files
        .iter()
        .map(|f| format!("`{}`", f.path.display()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where one file of an interrupted change stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Committed as the change would have it.
    Committed,
    /// Committed otherwise since the change began.
    CommittedOtherwise,
    /// On disk as the change wrote it, not committed.
    Written,
    /// On disk as it was before the change.
    NotWritten,
    /// Edited since by someone else.
    EditedSince,
}

fn stage(env: &Environment, file: &NotedFile) -> Result<Stage> {
    // What the last commit holds for the file decides, not whether HEAD
    // moved: other files may have been committed since.
    let committed = git::committed_blob(&env.plan_dir, "HEAD", &file.path)?;
    let as_stored = |text: &str| git::blob_id(&env.plan_dir, &file.path, text.as_bytes());
    if committed == Some(as_stored(&file.new)?) {
        return Ok(Stage::Committed);
    }
    let before = file.old.as_deref().map(as_stored).transpose()?;
    if committed != before {
        return Ok(Stage::CommittedOtherwise);
    }
    // Read as the loader reads: never through a link, never a pipe.
    let on_disk = crate::load::Folder::new(&env.plan_dir)
        .read_anywhere(&file.path)
        .ok();
    Ok(if on_disk.as_deref() == Some(file.new.as_bytes()) {
        Stage::Written
    } else if on_disk.as_deref() == file.old.as_deref().map(str::as_bytes) {
        Stage::NotWritten
    } else {
        Stage::EditedSince
    })
}

/// What became of the change in `note`, finishing it when it was written
/// (wholly or in part) but not committed.
fn settle(env: &Environment, lock: &PlanLock, note: &Journal) -> Result<String> {
    let subject = note.message.lines().next().unwrap_or_default();
    let shown = noted_paths(note);
    let stages = note
        .files
        .iter()
        .map(|f| stage(env, f))
        .collect::<Result<Vec<_>>>()?;
    let all = |s: Stage| stages.iter().all(|t| *t == s);
    if all(Stage::Committed) {
        return Ok(format!(
            "an interrupted change ({subject}) had been committed"
        ));
    }
    if stages
        .iter()
        .any(|s| matches!(s, Stage::Committed | Stage::CommittedOtherwise))
    {
        return Ok(format!(
            "an interrupted change ({subject}) was not committed, and {shown} has been \
             committed otherwise since: it is left as it is; `git diff` shows it"
        ));
    }
    if all(Stage::NotWritten) {
        return Ok(format!(
            "rolled back a change that was interrupted before it was written ({subject}); \
             run it again"
        ));
    }
    if stages.contains(&Stage::EditedSince) {
        return Ok(format!(
            "an interrupted change ({subject}) was not committed, and {shown} has been edited \
             since: it is left as it is"
        ));
    }
    // Every file is as it was or as the change wrote it: finish writing it.
    let change = Change {
        files: note
            .files
            .iter()
            .map(|f| FileChange {
                relative: f.path.clone(),
                old: f.old.clone().map(String::into_bytes),
                new: f.new.clone().into_bytes(),
            })
            .collect(),
        message: note.message.clone(),
    };
    write_files(env, &change)?;
    let head = git::head(&env.plan_dir)?;
    let hash = commit(env, lock, &change, head.as_deref())?;
    Ok(format!(
        "finished a change that was interrupted before its commit ({subject}): committed {hash}"
    ))
}
