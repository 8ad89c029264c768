//! Committing one file, whatever else is staged, and knowing beforehand
//! whether that file is safe to commit.

use std::ffi::OsStr;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{git, git_ok, git_with_input, text};

/// Where one plan file stands against git's last commit and index. The
/// file's base is HEAD's blob, compared with the bytes on disk as git would
/// store them: `git status` can be told to look away (assume-unchanged,
/// skip-worktree), a comparison of contents cannot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileState {
    /// The plan folder is not inside a git repository.
    NotInGit,
    /// Git does not know the file yet.
    Untracked,
    /// Staged as a new file, never committed.
    Added,
    /// As committed, in the index and on disk.
    Clean,
    /// The index holds a version that is not HEAD's.
    Staged,
    /// The file on disk differs from HEAD's; `hidden` names the flag when
    /// git has been told not to look (`assume-unchanged`, `skip-worktree`).
    Modified { hidden: Option<&'static str> },
    /// As committed byte for byte, but git's line-end rules would store
    /// it otherwise now (CRLF committed before core.autocrlf was set).
    Unnormalised,
    /// Left mid-merge.
    Conflicted,
}

/// Where `relative` (a path inside the plan folder, which is in a git
/// repository) stands: three questions to git, none of which it can be
/// told to answer falsely.
pub fn file_state(plan_dir: &Path, relative: &Path) -> Result<FileState> {
    let index = git_ok(
        plan_dir,
        &[
            "ls-files".as_ref(),
            "-s".as_ref(),
            "-v".as_ref(),
            "--".as_ref(),
            relative.as_os_str(),
        ],
    )?;
    let index = String::from_utf8_lossy(&index).into_owned();
    let entries: Vec<Vec<&str>> = index
        .lines()
        .map(|l| l.split(['\t', ' ']).collect())
        .collect();
    if entries
        .iter()
        .any(|e| e.get(3).is_some_and(|stage| *stage != "0"))
    {
        return Ok(FileState::Conflicted);
    }
    let staged = entries
        .first()
        .and_then(|e| e.get(2))
        .map(|id| id.to_string());
    let hidden = match entries.first().and_then(|e| e.first()) {
        Some(&"S") => Some("skip-worktree"),
        Some(tag) if tag.chars().all(|c| c.is_ascii_lowercase()) => Some("assume-unchanged"),
        _ => None,
    };
    let head = committed_blob(plan_dir, "HEAD", relative)?;
    let Some(head) = head else {
        return Ok(if staged.is_some() {
            FileState::Added
        } else {
            FileState::Untracked
        });
    };
    if staged.as_deref() != Some(head.as_str()) {
        return Ok(FileState::Staged);
    }
    let on_disk = text(&git_ok(
        plan_dir,
        &["hash-object".as_ref(), "--".as_ref(), relative.as_os_str()],
    )?);
    if on_disk == head {
        return Ok(FileState::Clean);
    }
    let raw = text(&git_ok(
        plan_dir,
        &[
            "hash-object".as_ref(),
            "--no-filters".as_ref(),
            "--".as_ref(),
            relative.as_os_str(),
        ],
    )?);
    Ok(match raw == head {
        true => FileState::Unnormalised,
        false => FileState::Modified { hidden },
    })
}

/// The blob `relative` has in `commit`, or `None` when it has none.
pub fn committed_blob(plan_dir: &Path, commit: &str, relative: &Path) -> Result<Option<String>> {
    let spec = format!("{commit}:./{}", relative.display());
    let output = git(
        plan_dir,
        &["rev-parse", "-q", "--verify", "--end-of-options", &spec],
    )?;
    Ok(output.status.success().then(|| text(&output.stdout)))
}

/// The blob id git would store for `bytes` written at `relative`, its
/// filters and line-end rules applied as `git add` would apply them.
pub fn blob_id(plan_dir: &Path, relative: &Path, bytes: &[u8]) -> Result<String> {
    let path = format!("--path={}", relative.display());
    let (output, written) = git_with_input(plan_dir, &["hash-object", "--stdin", &path], bytes)?;
    written.context("failed to give `git hash-object` the file")?;
    if !output.status.success() {
        bail!("`git hash-object` failed: {}", text(&output.stderr));
    }
    Ok(text(&output.stdout))
}

/// The blob ids git would store for the files at `paths` (relative to the
/// plan folder, which is at `prefix` in its work tree) as they are on
/// disk now, filters and line-end rules applied as `git add` would: one
/// `git hash-object --stdin-paths` for all of them.
pub fn blob_ids_on_disk(plan_dir: &Path, prefix: &str, paths: &[&Path]) -> Result<Vec<String>> {
    let mut list = Vec::new();
    for path in paths {
        // Git reads these paths from the top of the work tree.
        list.extend_from_slice(prefix.as_bytes());
        list.extend_from_slice(path.as_os_str().as_encoded_bytes());
        list.push(b'\n');
    }
    let (output, written) = git_with_input(plan_dir, &["hash-object", "--stdin-paths"], &list)?;
    written.context("failed to give `git hash-object` the paths")?;
    if !output.status.success() {
        bail!("`git hash-object` failed: {}", text(&output.stderr));
    }
    let ids: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    if ids.len() != paths.len() {
        bail!(
            "`git hash-object` gave {} ids for {} files",
            ids.len(),
            paths.len()
        );
    }
    Ok(ids)
}

/// Every file commit `new` changed against `old` (`None`: against
/// nothing, for a first commit): paths from the top of the work tree, with
/// their new blob (`None` when deleted).
pub fn commit_diff(
    plan_dir: &Path,
    old: Option<&str>,
    new: &str,
) -> Result<Vec<(String, Option<String>)>> {
    let mut args = vec!["diff-tree", "-r", "-z", "--no-renames", "--no-commit-id"];
    match old {
        Some(old) => args.extend(["--end-of-options", old, new]),
        None => args.extend(["--root", "--end-of-options", new]),
    }
    let listing = git_ok(plan_dir, &args)?;
    let mut fields = listing.split(|b| *b == 0).filter(|f| !f.is_empty());
    let mut changed = Vec::new();
    while let (Some(meta), Some(path)) = (fields.next(), fields.next()) {
        let meta = String::from_utf8_lossy(meta);
        let after = meta
            .split(' ')
            .nth(3)
            .filter(|id| !id.bytes().all(|b| b == b'0'));
        changed.push((
            String::from_utf8_lossy(path).into_owned(),
            after.map(str::to_string),
        ));
    }
    Ok(changed)
}

/// Takes back commit `made`, which must still be HEAD, moving the branch
/// back to `old` (or removing it, when `made` was the first commit), and
/// puts the index entries of `paths` back as `old` has them. The work
/// tree is the caller's to restore.
pub fn undo_commit(plan_dir: &Path, old: Option<&str>, made: &str, paths: &[&Path]) -> Result<()> {
    let reason = "-mactionplan: took back a commit that did not hold what was asked";
    match old {
        Some(old) => git_ok(plan_dir, &["update-ref", reason, "HEAD", old, made])?,
        None => git_ok(plan_dir, &["update-ref", reason, "-d", "HEAD", made])?,
    };
    let mut args: Vec<&OsStr> = match old {
        Some(old) => vec!["reset".as_ref(), "-q".as_ref(), old.as_ref()],
        None => vec!["rm".as_ref(), "--cached".as_ref(), "-q".as_ref()],
    };
    args.push("--".as_ref());
    args.extend(paths.iter().map(|p| p.as_os_str()));
    git_ok(plan_dir, &args)?;
    Ok(())
}

/// Commits the files at `paths` alone (`git commit --only`), leaving
/// anything else that is staged staged. The new files among them
/// (`added`) are added first. When git refuses (a hook, a signing
/// failure), the index is left as it was and the error carries git's own
/// words.
pub fn commit_files(
    plan_dir: &Path,
    paths: &[&Path],
    added: &[&Path],
    message: &str,
) -> Result<()> {
    if !added.is_empty() {
        git_ok(plan_dir, &with_paths(&["add", "--"], added))?;
    }
    let committed = run_commit(plan_dir, paths, message);
    if committed.is_err() && !added.is_empty() {
        // Unstage what we staged; the caller removes the files.
        let _ = git(
            plan_dir,
            &with_paths(&["rm", "--cached", "-q", "--"], added),
        );
    }
    committed
}

/// A git command's arguments followed by paths.
fn with_paths<'a>(args: &'a [&'a str], paths: &[&'a Path]) -> Vec<&'a OsStr> {
    let mut all: Vec<&OsStr> = args.iter().map(|a| a.as_ref()).collect();
    all.extend(paths.iter().map(|p| p.as_os_str()));
    all
}

fn run_commit(plan_dir: &Path, paths: &[&Path], message: &str) -> Result<()> {
    let args = with_paths(
        &[
            "commit",
            "--only",
            "--quiet",
            // The message as written: no comment character's cleanup may
            // take a subject or a trailer out of it.
            "--cleanup=verbatim",
            "--file=-",
            "--",
        ],
        paths,
    );
    // The message is small; git reads it before running any hook.
    let (output, written) = git_with_input(plan_dir, &args, message.as_bytes())?;
    if !output.status.success() {
        let mut said = text(&output.stderr);
        if said.is_empty() {
            said = text(&output.stdout);
        }
        if said.is_empty() {
            said = "it gave no reason (a commit hook that failed silently?)".to_string();
        }
        bail!("git refused the commit: {said}");
    }
    written.context("failed to give `git commit` its message")
}

/// The name git would record as the author, for the `Actor:` trailer.
pub fn author_name(plan_dir: &Path) -> Result<String> {
    let ident = text(&git_ok(plan_dir, &["var", "GIT_AUTHOR_IDENT"])?);
    Ok(ident.split(" <").next().unwrap_or_default().to_string())
}

/// The message of commit `hash`, as stored.
pub fn commit_message(plan_dir: &Path, hash: &str) -> Result<String> {
    let object = git_ok(plan_dir, &["cat-file", "commit", "--end-of-options", hash])?;
    let object = String::from_utf8_lossy(&object).into_owned();
    Ok(object
        .split_once("\n\n")
        .map(|(_, message)| message.to_string())
        .unwrap_or_default())
}
