//! The plan's history read in one pass: one `git log` of the commits and
//! one `git cat-file --batch` of every file version they name and of the
//! commit objects themselves. What the history means is decided elsewhere
//! (`history`, `trajectory`), over what this has read.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Result;

use super::{Blobs, Commit, describe, git_ok, log, read_blobs};
use crate::date::Zone;

/// Commits oldest first, with their authors and subjects filled in, and
/// the contents of every version they name of the files asked for.
pub struct Recorded {
    pub commits: Vec<Commit>,
    /// File versions (and commit objects) by object id.
    pub objects: Blobs,
}

/// The commits in `range` that touched `path` (see [`log`]), and every
/// version, before and after, of the files `wanted` picks (by path
/// relative to the plan folder).
pub fn read_history(
    plan_dir: &Path,
    range: &str,
    path: &Path,
    zone: Zone,
    wanted: impl Fn(&Path) -> bool,
) -> Result<Recorded> {
    let mut commits = log(plan_dir, range, path, zone)?;
    let hashes: Vec<String> = commits.iter().map(|c| c.hash.clone()).collect();
    let ids: Vec<&str> = commits
        .iter()
        .flat_map(|c| &c.changes)
        .filter(|f| wanted(&f.path))
        .flat_map(|f| {
            [f.before.as_deref(), f.after.as_deref()].into_iter().chain(
                f.merge
                    .iter()
                    .flat_map(|m| [m.theirs.as_deref(), m.base.as_deref()]),
            )
        })
        .flatten()
        .chain(hashes.iter().map(String::as_str))
        .collect();
    // The files' versions and the commits themselves, in one batch.
    let objects = read_blobs(plan_dir, &ids)?;
    for commit in &mut commits {
        if let Some(object) = objects.get(&commit.hash) {
            describe(commit, object);
        }
    }
    Ok(Recorded { commits, objects })
}

/// The hashes of the commits in `range` (`A..B`, or everything reachable
/// from one revision): which of a wider log's commits a narrower one holds.
pub fn commits_in(plan_dir: &Path, range: &str) -> Result<HashSet<String>> {
    let listing = git_ok(plan_dir, &["rev-list", "--end-of-options", range, "--"])?;
    Ok(String::from_utf8_lossy(&listing)
        .lines()
        .map(str::to_string)
        .collect())
}
