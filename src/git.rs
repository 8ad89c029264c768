//! The `git` program, run as the user would run it, so their configuration,
//! hooks and signing apply.

use std::path::Path;
use std::process::{Command, Output};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

/// Where the plan stands in git, for the heading of a committee paper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// The plan folder is not inside a git repository.
    NotInGit,
    /// In a repository with no commit yet.
    NoCommit,
    Commit {
        hash: String,
        /// The commit's date.
        date: NaiveDate,
        /// The plan folder has changes not in that commit.
        dirty: bool,
    },
}

/// `git` in `dir`, with its output captured.
fn git(dir: &Path, args: &[&str]) -> Result<Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .with_context(|| format!("failed to run `git {}` (is git installed?)", args.join(" ")))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// The commit the plan folder was last committed at, and whether it has
/// changed since.
pub fn provenance(plan_dir: &Path) -> Result<Provenance> {
    let inside = git(plan_dir, &["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() || stdout(&inside) != "true" {
        return Ok(Provenance::NotInGit);
    }
    let head = git(plan_dir, &["log", "-1", "--format=%H %cs"])?;
    let line = stdout(&head);
    let parsed = line
        .split_once(' ')
        .and_then(|(hash, date)| Some((hash, date.parse().ok()?)));
    let Some((hash, date)) = parsed.filter(|_| head.status.success()) else {
        return Ok(Provenance::NoCommit);
    };
    let status = git(
        plan_dir,
        &["status", "--porcelain", "--untracked-files=all", "--", "."],
    )?;
    if !status.status.success() {
        bail!(
            "`git status` failed in {}: {}",
            plan_dir.display(),
            String::from_utf8_lossy(&status.stderr).trim()
        );
    }
    Ok(Provenance::Commit {
        hash: hash.to_string(),
        date,
        dirty: !stdout(&status).is_empty(),
    })
}
