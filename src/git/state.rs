//! What git is in the middle of: a merge, a rebase, a cherry-pick, a
//! revert, a bisection, or none; and whether HEAD is on a branch.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{git, git_ok, text};

/// An operation git has started and not finished. A commit made during
/// one is lost or misplaced when it is finished or abandoned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Merge,
    Rebase,
    Am,
    CherryPick,
    Revert,
    Bisect,
}

impl Operation {
    /// What to call it in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Operation::Merge => "a merge",
            Operation::Rebase => "a rebase",
            Operation::Am => "applying patches (git am)",
            Operation::CherryPick => "a cherry-pick",
            Operation::Revert => "a revert",
            Operation::Bisect => "a bisection",
        }
    }

    /// The git commands that end it, one way or the other.
    pub fn ways_out(self) -> &'static str {
        match self {
            Operation::Merge => {
                "finish it (resolve, then `git commit`) or abandon it (`git merge --abort`)"
            }
            Operation::Rebase => {
                "finish it (`git rebase --continue`) or abandon it (`git rebase --abort`)"
            }
            Operation::Am => "finish it (`git am --continue`) or abandon it (`git am --abort`)",
            Operation::CherryPick => {
                "finish it (`git cherry-pick --continue`) or abandon it (`git cherry-pick --abort`)"
            }
            Operation::Revert => {
                "finish it (`git revert --continue`) or abandon it (`git revert --abort`)"
            }
            Operation::Bisect => "end it (`git bisect reset`)",
        }
    }
}

/// The files git keeps while each operation is under way, in the order
/// they are asked for.
const MARKERS: [&str; 8] = [
    "MERGE_HEAD",
    "rebase-merge",
    "rebase-apply",
    "rebase-apply/applying",
    "CHERRY_PICK_HEAD",
    "REVERT_HEAD",
    "BISECT_LOG",
    // A cherry-pick or revert of several commits, between two of them.
    "sequencer/todo",
];

/// The operation under way in the plan's repository, if any: one
/// `git rev-parse` for every marker.
pub fn operation(plan_dir: &Path) -> Result<Option<Operation>> {
    let mut args = vec!["rev-parse", "--path-format=absolute"];
    for marker in MARKERS {
        args.extend(["--git-path", marker]);
    }
    let said = String::from_utf8_lossy(&git_ok(plan_dir, &args)?).into_owned();
    let paths: Vec<PathBuf> = said.lines().map(PathBuf::from).collect();
    let present: Vec<bool> = paths.iter().map(|p| p.exists()).collect();
    let at = |i: usize| present.get(i).copied().unwrap_or(false);
    // The outer operation first: a rebase stopped at a conflict may also
    // have a merge or cherry-pick of its own under way.
    Ok(if at(3) {
        Some(Operation::Am)
    } else if at(1) || at(2) {
        Some(Operation::Rebase)
    } else if at(4) {
        Some(Operation::CherryPick)
    } else if at(5) {
        Some(Operation::Revert)
    } else if at(7) {
        let todo = std::fs::read_to_string(&paths[7]).unwrap_or_default();
        Some(match todo.split_whitespace().next() {
            Some("revert") => Operation::Revert,
            _ => Operation::CherryPick,
        })
    } else if at(0) {
        Some(Operation::Merge)
    } else if at(6) {
        Some(Operation::Bisect)
    } else {
        None
    })
}

/// Whether HEAD points at a commit rather than a branch.
pub fn detached(plan_dir: &Path) -> Result<bool> {
    let output = git(plan_dir, &["symbolic-ref", "-q", "HEAD"])?;
    Ok(!output.status.success() && super::head(plan_dir)?.is_some())
}

/// The plan folder's place in its work tree (`plan/`, or empty at the
/// top); `None` when the folder is in no git work tree.
pub fn work_tree_prefix(plan_dir: &Path) -> Result<Option<String>> {
    let output = git(
        plan_dir,
        &["rev-parse", "--is-inside-work-tree", "--show-prefix"],
    )?;
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut lines = said.lines();
    if !output.status.success() || lines.next() != Some("true") {
        return Ok(None);
    }
    Ok(Some(text(lines.next().unwrap_or("").as_bytes())))
}

/// [`work_tree_prefix`] and the absolute path of `name` in the git
/// folder (`--git-path`), from one `git rev-parse`: what taking the plan's
/// lock needs, without a process for each.
pub fn prefix_and_private_path(plan_dir: &Path, name: &str) -> Result<Option<(String, PathBuf)>> {
    let output = git(
        plan_dir,
        &[
            "rev-parse",
            "--is-inside-work-tree",
            "--show-prefix",
            "--path-format=absolute",
            "--git-path",
            name,
        ],
    )?;
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut lines = said.split('\n');
    if !output.status.success() || lines.next() != Some("true") {
        return Ok(None);
    }
    let prefix = text(lines.next().unwrap_or("").as_bytes());
    let path = PathBuf::from(lines.next().unwrap_or(""));
    if !path.is_absolute() {
        anyhow::bail!("`git rev-parse --git-path {name}` gave no path");
    }
    Ok(Some((prefix, path)))
}

/// Whether another git process holds the index (`index.lock` exists): a
/// commit may be under way, so nothing that commit touches may be changed.
pub fn index_locked(plan_dir: &Path) -> Result<Option<PathBuf>> {
    // `--git-path index` follows GIT_INDEX_FILE; its lock is beside it.
    let args = ["rev-parse", "--path-format=absolute", "--git-path", "index"];
    let mut path = PathBuf::from(text(&git_ok(plan_dir, &args)?)).into_os_string();
    path.push(".lock");
    let path = PathBuf::from(path);
    Ok(path.exists().then_some(path))
}
