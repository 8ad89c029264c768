//! What `sync` and `resolve` ask of git: the branch's upstream, fetching,
//! merging, pushing, the files a merge left conflicted, and finishing the
//! merge or rebase once they are settled.

use std::path::Path;

use anyhow::{Result, bail};

use super::{Operation, command, git, git_ok, text};

/// The current branch and its upstream (`origin/main`), if it has one.
pub fn upstream(plan_dir: &Path) -> Result<Option<(String, String)>> {
    let branch = git(plan_dir, &["symbolic-ref", "-q", "--short", "HEAD"])?;
    if !branch.status.success() {
        return Ok(None);
    }
    let up = git(
        plan_dir,
        &[
            "rev-parse",
            "--abbrev-ref",
            "--symbolic-full-name",
            "@{upstream}",
        ],
    )?;
    if !up.status.success() {
        return Ok(None);
    }
    Ok(Some((text(&branch.stdout), text(&up.stdout))))
}

/// `git fetch` of the upstream's remote; git's own words when it fails
/// (no network, no access).
pub fn fetch(plan_dir: &Path, upstream: &str) -> Result<Result<(), String>> {
    let remote = upstream.split('/').next().unwrap_or(upstream);
    let output = git(plan_dir, &["fetch", "--quiet", "--end-of-options", remote])?;
    Ok(match output.status.success() {
        true => Ok(()),
        false => Err(text(&output.stderr)),
    })
}

/// Commits in `to` that `from` lacks, oldest first: (short hash, author,
/// date, subject).
pub fn commits_between(plan_dir: &Path, from: &str, to: &str) -> Result<Vec<[String; 4]>> {
    let range = format!("{from}..{to}");
    let listing = git_ok(
        plan_dir,
        &[
            "log",
            "--reverse",
            "--no-merges",
            "--format=%h%x00%an%x00%as%x00%s",
            "--end-of-options",
            &range,
        ],
    )?;
    Ok(String::from_utf8_lossy(&listing)
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(4, '\0').map(str::to_string);
            Some([parts.next()?, parts.next()?, parts.next()?, parts.next()?])
        })
        .collect())
}

/// `git merge --no-edit UPSTREAM`: whether it merged cleanly (the
/// driver merges plan files by field), and git's words when not.
pub fn merge(plan_dir: &Path, upstream: &str) -> Result<Result<(), String>> {
    let output = git(
        plan_dir,
        &[
            "merge",
            "--no-edit",
            "--quiet",
            "--end-of-options",
            upstream,
        ],
    )?;
    Ok(match output.status.success() {
        true => Ok(()),
        false => Err(format!("{}{}", text(&output.stdout), text(&output.stderr))),
    })
}

/// `git push` of the branch to its upstream; git's words when refused.
pub fn push(plan_dir: &Path, branch: &str, upstream: &str) -> Result<Result<(), String>> {
    let remote = upstream.split('/').next().unwrap_or(upstream);
    let target = upstream.split_once('/').map_or(branch, |(_, b)| b);
    let refspec = format!("HEAD:refs/heads/{target}");
    let output = git(
        plan_dir,
        &["push", "--quiet", "--end-of-options", remote, &refspec],
    )?;
    Ok(match output.status.success() {
        true => Ok(()),
        false => Err(text(&output.stderr)),
    })
}

/// Files a merge left conflicted, from the top of the work tree.
pub fn unmerged(plan_dir: &Path) -> Result<Vec<String>> {
    let listing = git_ok(
        plan_dir,
        &["diff", "--name-only", "--diff-filter=U", "-z", "--relative"],
    )?;
    Ok(listing
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect())
}

/// `git add` of one resolved file.
pub fn stage(plan_dir: &Path, relative: &Path) -> Result<()> {
    git_ok(
        plan_dir,
        &["add".as_ref(), "--".as_ref(), relative.as_os_str()],
    )?;
    Ok(())
}

/// Finishes the merge, rebase or cherry-pick under way once nothing is
/// left conflicted: commits with the message git prepared.
/// What finishing an operation came to.
pub enum Concluded {
    Finished,
    /// A rebase (or a cherry-pick of several commits) went on to the next
    /// commit and stopped at its conflicts, in these files.
    StoppedAgain(Vec<String>),
}

pub fn conclude(plan_dir: &Path, operation: Operation) -> Result<Concluded> {
    let args: &[&str] = match operation {
        Operation::Merge => &["commit", "--no-edit", "--quiet"],
        Operation::Rebase => &["rebase", "--continue"],
        Operation::CherryPick => &["cherry-pick", "--continue"],
        Operation::Revert => &["revert", "--continue"],
        _ => bail!(
            "git is in the middle of {}: finish it with git",
            operation.name()
        ),
    };
    // No editor: the message git prepared is the one wanted.
    let output = command(plan_dir)
        .env("GIT_EDITOR", "true")
        .args(args)
        .output()?;
    if !output.status.success() {
        let again = matches!(operation, Operation::Rebase | Operation::CherryPick)
            && super::operation(plan_dir)? == Some(operation);
        let files = if again {
            unmerged(plan_dir)?
        } else {
            Vec::new()
        };
        if !files.is_empty() {
            return Ok(Concluded::StoppedAgain(files));
        }
        bail!("`git {}` failed: {}", args.join(" "), text(&output.stderr));
    }
    Ok(Concluded::Finished)
}
