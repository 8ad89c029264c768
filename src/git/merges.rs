//! A merge's other sides: for each file a merge changed on its first
//! parent's line, its version in the second parent and in the merge base,
//! so the history can tell what a branch brought in (told once, by the
//! commit that made it) from what the merge itself did (a conflict
//! resolved, a change overridden). Three git processes a merge.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{Commit, MergeSides, git, git_ok};

/// Fills in `commit`'s files' other sides.
pub fn add_sides(plan_dir: &Path, commit: &mut Commit) -> Result<()> {
    if commit.changes.is_empty() {
        return Ok(());
    }
    let (ours, theirs) = (&commit.parents[0], &commit.parents[1]);
    let output = git(plan_dir, &["merge-base", "--end-of-options", ours, theirs])?;
    let base = output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string());
    let paths: Vec<PathBuf> = commit.changes.iter().map(|c| c.path.clone()).collect();
    let in_theirs = blobs(plan_dir, theirs, &paths)?;
    let in_base = match &base {
        Some(base) => blobs(plan_dir, base, &paths)?,
        None => HashMap::new(),
    };
    for change in &mut commit.changes {
        change.merge = Some(MergeSides {
            theirs: in_theirs.get(&change.path).cloned(),
            base: in_base.get(&change.path).cloned(),
        });
    }
    Ok(())
}

/// The blob of each of `paths` (relative to the plan folder) in `commit`.
fn blobs(plan_dir: &Path, commit: &str, paths: &[PathBuf]) -> Result<HashMap<PathBuf, String>> {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "ls-tree".as_ref(),
        "-z".as_ref(),
        "--end-of-options".as_ref(),
        commit.as_ref(),
        "--".as_ref(),
    ];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let listing = git_ok(plan_dir, &args)?;
    Ok(listing
        .split(|b| *b == 0)
        .filter_map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            let (meta, path) = entry.split_once('\t')?;
            let mut meta = meta.split(' ');
            let (_, kind, id) = (meta.next()?, meta.next()?, meta.next()?);
            (kind == "blob").then(|| (PathBuf::from(path), id.to_string()))
        })
        .collect())
}
