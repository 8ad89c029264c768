//! Committing one file, whatever else is staged, and knowing beforehand
//! whether that file is safe to commit.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, Result, bail};

use super::{git, git_ok, text};

/// Where one plan file stands against git's index and last commit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileState {
    /// The plan folder is not inside a git repository.
    NotInGit,
    /// Git does not know the file yet.
    Untracked,
    /// As committed.
    Clean,
    /// Changed since the last commit, staged or not.
    Modified,
    /// Left mid-merge.
    Conflicted,
}

/// Whether `relative` (a path inside the plan folder, which is in a git
/// repository) is as committed.
pub fn file_state(plan_dir: &Path, relative: &Path) -> Result<FileState> {
    let status = git_ok(
        plan_dir,
        &[
            "status".as_ref(),
            "--porcelain=v1".as_ref(),
            "--untracked-files=all".as_ref(),
            "--".as_ref(),
            relative.as_os_str(),
        ],
    )?;
    let line = String::from_utf8_lossy(&status);
    let code = line.get(..2).unwrap_or("");
    Ok(match code {
        "" => FileState::Clean,
        "??" | "!!" => FileState::Untracked,
        "DD" | "AU" | "UD" | "UA" | "DU" | "AA" | "UU" => FileState::Conflicted,
        _ => FileState::Modified,
    })
}

/// Commits the file at `relative` alone (`git commit --only`), leaving
/// anything else that is staged staged. A new file is added first. When
/// git refuses (a hook, a signing failure), the index is left as it was
/// and the error carries git's own words.
pub fn commit_file(plan_dir: &Path, relative: &Path, message: &str, new: bool) -> Result<()> {
    if new {
        git_ok(
            plan_dir,
            &["add".as_ref(), "--".as_ref(), relative.as_os_str()],
        )?;
    }
    let committed = run_commit(plan_dir, relative, message);
    if committed.is_err() && new {
        // Unstage what we staged; the caller removes the file.
        let _ = git(
            plan_dir,
            &[
                "rm".as_ref(),
                "--cached".as_ref(),
                "-q".as_ref(),
                "--".as_ref(),
                relative.as_os_str(),
            ],
        );
    }
    committed
}

fn run_commit(plan_dir: &Path, relative: &Path, message: &str) -> Result<()> {
    let mut child = super::command(plan_dir)
        .args(["commit", "--only", "--quiet", "--file=-", "--"])
        .arg(relative)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("failed to run `git commit` (is git installed?)")?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    // The message is small; git reads it before running any hook.
    let written = stdin.write_all(message.as_bytes());
    drop(stdin);
    let output = child
        .wait_with_output()
        .context("failed to wait for `git commit`")?;
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
