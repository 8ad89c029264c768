//! The `git` program, run as the user would run it, so their configuration,
//! hooks and signing apply. Every command runs in the plan folder; paths
//! are relative to it.

mod commit;
pub mod driver;
mod history;
mod log;
mod merges;
mod objects;
mod state;
mod status;
pub mod sync;

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::date::Zone;
use crate::error::UsageError;

pub use crate::provenance::Provenance;
pub use commit::{
    FileState, author_name, blob_id, blob_ids_on_disk, commit_diff, commit_files, commit_message,
    committed_blob, file_state, undo_commit,
};
pub use history::{Recorded, commits_in, read_history};
pub use log::{Commit, FileChange, MergeSides, log};
pub use objects::{Blobs, Entry, EntryKind, read_blobs, tree_files};
pub use state::{
    Operation, detached, index_locked, operation, prefix_and_private_path, work_tree_prefix,
};

/// The `git` program, run in `dir`. Git's path variables are made
/// absolute first: `-C dir` would read a relative `GIT_DIR=../bare.git`
/// from the plan folder rather than from where the user typed it.
pub(crate) fn command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir);
    // Settings that would change what the tool reads from git, not what
    // git does: signatures in `git log`'s output, its encoding, colour.
    // Everything else of the user's configuration applies.
    for setting in [
        "log.showSignature=false",
        "i18n.logOutputEncoding=UTF-8",
        "color.ui=false",
    ] {
        command.args(["-c", setting]);
    }
    for (name, value) in absolute_git_paths() {
        command.env(name, value);
    }
    command
}

/// Git's environment variables that hold paths, those that are relative
/// made absolute against the folder the tool was started in. A `GIT_DIR`
/// without a `GIT_WORK_TREE` means, to git, that the work tree is the
/// current folder (or `core.worktree`): that folder is asked for once and
/// passed on, since every command here runs from the plan folder instead.
fn absolute_git_paths() -> &'static [(&'static str, std::ffi::OsString)] {
    static PATHS: std::sync::OnceLock<Vec<(&'static str, std::ffi::OsString)>> =
        std::sync::OnceLock::new();
    PATHS.get_or_init(|| {
        const NAMES: [&str; 5] = [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY",
            "GIT_COMMON_DIR",
        ];
        let Ok(cwd) = std::env::current_dir() else {
            return Vec::new();
        };
        let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let mut paths: Vec<_> = NAMES
            .iter()
            .filter_map(|name| {
                let value = set(name)?;
                let path = Path::new(&value);
                (!path.is_absolute()).then(|| (*name, cwd.join(path).into_os_string()))
            })
            .collect();
        if set("GIT_DIR").is_some() && set("GIT_WORK_TREE").is_none() {
            let top = Command::new("git")
                .args(["rev-parse", "--show-toplevel"])
                .envs(paths.iter().map(|(n, v)| (*n, v)))
                .output();
            if let Some(top) = top.ok().filter(|o| o.status.success()) {
                paths.push(("GIT_WORK_TREE", text(&top.stdout).into()));
            }
        }
        paths
    })
}

/// `git ARGS` in `dir`, with its output captured.
fn git<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Result<Output> {
    let shown: Vec<_> = args
        .iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    command(dir).args(args).output().with_context(|| {
        format!(
            "failed to run `git {}` (is git installed?)",
            shown.join(" ")
        )
    })
}

/// `git ARGS` in `dir` with `input` on its standard input: its output,
/// and whether it took all of the input.
fn git_with_input<S: AsRef<OsStr>>(
    dir: &Path,
    args: &[S],
    input: &[u8],
) -> Result<(Output, std::io::Result<()>)> {
    use std::io::Write;
    use std::process::Stdio;
    let shown = args
        .first()
        .map(|a| a.as_ref().to_string_lossy().into_owned());
    let shown = shown.unwrap_or_default();
    let mut child = command(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("failed to run `git {shown}` (is git installed?)"))?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let written = stdin.write_all(input);
    drop(stdin);
    let output = child
        .wait_with_output()
        .with_context(|| format!("failed to wait for `git {shown}`"))?;
    Ok((output, written))
}

/// `git ARGS` in `dir`, which must succeed; its standard output.
fn git_ok<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Result<Vec<u8>> {
    let output = git(dir, args)?;
    if !output.status.success() {
        let shown: Vec<_> = args
            .iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect();
        bail!(
            "`git {}` failed: {}",
            shown.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_string()
}

/// Whether `dir` is inside a git work tree.
pub fn is_repository(dir: &Path) -> Result<bool> {
    let inside = git(dir, &["rev-parse", "--is-inside-work-tree"])?;
    Ok(inside.status.success() && text(&inside.stdout) == "true")
}

/// The commit the plan was read from (HEAD), and whether the plan folder
/// has changed since. Files the plan does not hold (hidden ones, such as
/// a temporary file an interrupted write left) do not count as changes.
pub fn provenance(plan_dir: &Path, zone: Zone) -> Result<Provenance> {
    let Some(prefix) = state::work_tree_prefix(plan_dir)? else {
        return Ok(Provenance::NotInGit);
    };
    let Some((hash, date)) = commit_and_date(plan_dir, "HEAD", zone)? else {
        return Ok(Provenance::NoCommit);
    };
    let status = git_ok(
        plan_dir,
        &[
            "status",
            "--porcelain",
            "-z",
            "--untracked-files=all",
            // An ignored plan file is read all the same: it is a change.
            "--ignored",
            "--",
            ".",
        ],
    )?;
    let dirty = status::changes_plan(&status, &prefix) || hidden_changes(plan_dir)?;
    Ok(Provenance::Commit { hash, date, dirty })
}

/// Whether a file git was told not to look at (assume-unchanged,
/// skip-worktree) differs from what the index holds: `git status` says
/// nothing of it, but the plan read from disk holds it.
fn hidden_changes(plan_dir: &Path) -> Result<bool> {
    let listing = git_ok(plan_dir, &["ls-files", "-s", "-v", "-z", "--", "."])?;
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split(' ').collect();
        let hidden = fields
            .first()
            .is_some_and(|tag| *tag == "S" || tag.chars().all(|c| c.is_ascii_lowercase()));
        if hidden && fields.get(2).is_some() {
            let on_disk = git(plan_dir, &["hash-object", "--", path])?;
            if !on_disk.status.success() || text(&on_disk.stdout) != fields[2] {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// A commit's full hash and its day in the plan's time zone; `None` when
/// `revision` names no commit.
fn commit_and_date(
    plan_dir: &Path,
    revision: &str,
    zone: Zone,
) -> Result<Option<(String, NaiveDate)>> {
    let spec = format!("{revision}^{{commit}}");
    let output = git(
        plan_dir,
        &[
            "log",
            "-1",
            "--format=%H %ct",
            "--end-of-options",
            &spec,
            "--",
        ],
    )?;
    let line = text(&output.stdout);
    Ok(line
        .split_once(' ')
        .filter(|_| output.status.success())
        .and_then(|(hash, time)| Some((hash.to_string(), zone.date_of(time.parse().ok()?)?))))
}

/// A commit's full hash and date, from a revision (`HEAD~3`, a hash, a
/// tag) or from a date (the last commit on or before that day).
pub fn resolve(plan_dir: &Path, at: &str, zone: Zone) -> Result<(String, NaiveDate)> {
    let revision = match crate::date::parse_iso(at) {
        Some(date) => match commit_on_or_before(plan_dir, date, zone)? {
            Some(found) => found,
            None => bail!("no commit on or before {date}: the plan's history starts later"),
        },
        None if at.contains("..") => bail!("`{at}` is a range: give one revision or a date"),
        None => at.to_string(),
    };
    match commit_and_date(plan_dir, &revision, zone)? {
        Some(found) => Ok(found),
        None => bail!("`{at}` is not a commit or a date (YYYY-MM-DD) in this repository"),
    }
}

/// The last commit (on HEAD's history) made on or before the end of `date`
/// in the plan's time zone, whatever the reader's.
pub fn commit_on_or_before(plan_dir: &Path, date: NaiveDate, zone: Zone) -> Result<Option<String>> {
    // Git reads a time before 1970 as no limit; no commit is that old.
    let Some(end) = chrono::DateTime::from_timestamp(zone.end_of_day(date), 0)
        .filter(|end| end.timestamp() >= 0)
    else {
        return Ok(None);
    };
    // An explicit UTC time: `@N` is not read as a time when N is short.
    let before = format!("--before={}", end.format("%Y-%m-%dT%H:%M:%S+00:00"));
    let found = git(plan_dir, &["rev-list", "-1", &before, "HEAD"])?;
    let hash = text(&found.stdout);
    Ok((found.status.success() && !hash.is_empty()).then_some(hash))
}

/// [`resolve`], as the answer to a user's `--at` or `--since`: a usage
/// error when the plan has no history or `at` names no commit. Text that
/// starts with `-` is no revision, and never reaches git.
pub fn require_commit(plan_dir: &Path, at: &str, zone: Zone) -> Result<(String, NaiveDate)> {
    if at.starts_with('-') || at.trim().is_empty() {
        return Err(UsageError::with_hint(
            format!("`{at}` is not a revision or a date"),
            "give a date (YYYY-MM-DD), a commit hash, a tag or HEAD~N",
        )
        .into());
    }
    // Written as a date but not one (`0999-01-01`, `2023-02-29`): say so.
    let date_shaped = at.len() == 10 && at.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    if let (true, Err(why)) = (date_shaped, crate::date::read_iso(at)) {
        return Err(UsageError::new(why).into());
    }
    if let Ok(found) = resolve(plan_dir, at, zone) {
        return Ok(found);
    }
    // Say why, in the order a person would fix it.
    require_repository(plan_dir)?;
    if head(plan_dir)?.is_none() {
        return Err(UsageError::with_hint(
            "the repository has no commits yet, so the plan has no history",
            "commit the plan first: git add . && git commit",
        )
        .into());
    }
    resolve(plan_dir, at, zone).map_err(|err| UsageError::new(err.to_string()).into())
}

/// A usage error unless the plan's whole history is here: a shallow clone
/// would show every recommendation as added in its first commit. Returns
/// HEAD's hash.
pub fn require_full_history(plan_dir: &Path) -> Result<String> {
    // One process for three questions: `history` is meant to cost little
    // more than the `git log` it runs.
    let output = git(
        plan_dir,
        &[
            "rev-parse",
            "--is-inside-work-tree",
            "--is-shallow-repository",
            "HEAD",
        ],
    )?;
    let said = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = said.lines().collect();
    match lines[..] {
        ["true", "false", head] if head.len() >= 40 && output.status.success() => {
            Ok(head.to_string())
        }
        ["true", "true", ..] => Err(UsageError::with_hint(
            "this clone's history is cut short (a shallow clone), so changes cannot be told from it",
            "fetch the whole history: git fetch --unshallow",
        )
        .into()),
        ["true", ..] => require_commit(plan_dir, "HEAD", Zone::default()).map(|(head, _)| head),
        _ => {
            require_repository(plan_dir)?;
            require_commit(plan_dir, "HEAD", Zone::default()).map(|(head, _)| head)
        }
    }
}

/// A usage error unless the plan folder is in a git repository.
pub fn require_repository(plan_dir: &Path) -> Result<()> {
    if is_repository(plan_dir)? {
        return Ok(());
    }
    Err(UsageError::with_hint(
        format!(
            "the plan folder `{}` is not in a git repository, so it has no history",
            plan_dir.display()
        ),
        "run `git init` and commit the plan; every change after that is recorded",
    )
    .into())
}

/// HEAD's abbreviated hash.
pub fn short_head(plan_dir: &Path) -> Result<String> {
    Ok(text(&git_ok(plan_dir, &["rev-parse", "--short", "HEAD"])?))
}

/// `git init` in `dir` and a first commit of everything in it.
pub fn init_and_commit(dir: &Path, message: &str) -> Result<()> {
    git_ok(dir, &["init", "--quiet"])?;
    git_ok(dir, &["add", "--all", "."])?;
    git_ok(dir, &["commit", "--quiet", "--message", message])?;
    Ok(())
}

/// The files of the plan folder as staged in git's index, and the paths
/// left mid-merge (stages 1–3), which are to be read from the working
/// tree so that their conflict markers are reported.
pub fn index_files(plan_dir: &Path) -> Result<(Vec<Entry>, Vec<std::path::PathBuf>)> {
    let listing = git_ok(plan_dir, &["ls-files", "--stage", "-z", "--", "."])?;
    let mut staged = Vec::new();
    let mut conflicted: Vec<std::path::PathBuf> = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            bail!("unexpected `git ls-files` line: {entry}");
        };
        let fields: Vec<&str> = meta.split(' ').collect();
        let path = std::path::PathBuf::from(path);
        match fields[..] {
            [mode, id, "0"] => staged.push((path, id.to_string(), EntryKind::of_mode(mode))),
            _ if !conflicted.contains(&path) => conflicted.push(path),
            _ => {}
        }
    }
    Ok((objects::contents(plan_dir, staged)?, conflicted))
}

/// `relative`'s contents in HEAD, when the plan is in git and HEAD has
/// the file.
pub fn committed_file(plan_dir: &Path, relative: &str) -> Result<Option<Vec<u8>>> {
    let spec = format!("HEAD:./{relative}");
    let output = git(plan_dir, &["cat-file", "blob", "--end-of-options", &spec])?;
    Ok(output.status.success().then_some(output.stdout))
}

/// Where git looks for hook `name` (honouring `core.hooksPath`).
pub fn hook_path(plan_dir: &Path, name: &str) -> Result<std::path::PathBuf> {
    // The folder, made absolute; the hook's own name joined after, so a
    // hook that is a link is seen as one, not as where it points.
    let folder = text(&git_ok(
        plan_dir,
        &["rev-parse", "--path-format=absolute", "--git-path", "hooks"],
    )?);
    Ok(std::path::PathBuf::from(folder).join(name))
}

/// Whether the folder git takes hooks from is a symbolic link: a hooks
/// folder shared by several repositories.
pub fn hooks_folder_is_link(plan_dir: &Path) -> Result<bool> {
    // Not made absolute: git would resolve the link away.
    let folder = text(&git_ok(plan_dir, &["rev-parse", "--git-path", "hooks"])?);
    let folder = plan_dir.join(folder);
    Ok(std::fs::symlink_metadata(folder).is_ok_and(|m| m.file_type().is_symlink()))
}

/// The plan folder's path from the top of its work tree, where hooks run.
pub fn relative_to_top(plan_dir: &Path) -> Result<std::path::PathBuf> {
    let prefix = text(&git_ok(plan_dir, &["rev-parse", "--show-prefix"])?);
    Ok(if prefix.is_empty() {
        std::path::PathBuf::from(".")
    } else {
        std::path::PathBuf::from(prefix.trim_end_matches('/'))
    })
}

/// A path inside the repository's git folder, for the tool's own files
/// (never part of the work tree, so never committed or reported dirty).
pub fn private_path(plan_dir: &Path, name: &str) -> Result<std::path::PathBuf> {
    let args = ["rev-parse", "--path-format=absolute", "--git-path", name];
    Ok(std::path::PathBuf::from(text(&git_ok(plan_dir, &args)?)))
}

/// Whether commit `ancestor` is `descendant` or comes before it.
pub fn is_ancestor(plan_dir: &Path, ancestor: &str, descendant: &str) -> Result<bool> {
    let output = git(
        plan_dir,
        &[
            "merge-base",
            "--is-ancestor",
            "--end-of-options",
            ancestor,
            descendant,
        ],
    )?;
    match output.status.code() {
        Some(0) => Ok(true),
        Some(1) => Ok(false),
        _ => bail!("`git merge-base` failed: {}", text(&output.stderr)),
    }
}

/// Whether this clone's history is cut short (`git clone --depth`).
pub fn is_shallow(plan_dir: &Path) -> Result<bool> {
    Ok(text(&git_ok(
        plan_dir,
        &["rev-parse", "--is-shallow-repository"],
    )?) == "true")
}

/// HEAD's full hash, or `None` before the first commit.
pub fn head(plan_dir: &Path) -> Result<Option<String>> {
    let output = git(plan_dir, &["rev-parse", "-q", "--verify", "HEAD"])?;
    Ok(output.status.success().then(|| text(&output.stdout)))
}

/// Whether a merge is waiting to be committed.
pub fn merging(plan_dir: &Path) -> Result<bool> {
    Ok(
        git(plan_dir, &["rev-parse", "-q", "--verify", "MERGE_HEAD"])?
            .status
            .success(),
    )
}
