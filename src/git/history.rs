//! The plan's history read in one pass: one `git log` of the commits and
//! one `git cat-file --batch` of every file version they name, asked for
//! while the log is still being written, and each version made into what
//! the caller wants on every core as it arrives. What the history means
//! is decided elsewhere (`history`, `trajectory`), over what this has
//! read.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::objects::read_streamed;
use super::{Commit, git_ok, log};
use crate::date::Zone;

/// Commits oldest first, and what the caller made of every version they
/// name of the files asked for.
pub struct Recorded<T> {
    pub commits: Vec<Commit>,
    /// What `read` made of each file version, by object id.
    pub versions: HashMap<String, T>,
}

/// The commits in `range` that touched `path` (see [`log`]), and every
/// version, before and after, of the files that `wanted` picks (a commit
/// and a file's path relative to the plan folder), each read once and
/// made into a `T` by `read` (its path, its contents), on every core.
pub fn read_history<T: Send>(
    plan_dir: &Path,
    range: &str,
    path: &Path,
    zone: Zone,
    wanted: impl Fn(&Commit, &Path) -> bool,
    read: impl Fn(&Path, &[u8]) -> T + Sync,
) -> Result<Recorded<T>> {
    let ask = |ask: &mut dyn FnMut(String, PathBuf)| -> Result<Vec<Commit>> {
        let mut asked: HashSet<String> = HashSet::new();
        let mut once = |id: &str, path: &Path| {
            if !asked.contains(id) {
                asked.insert(id.to_string());
                ask(id.to_string(), path.to_path_buf());
            }
        };
        let mut commits = log(plan_dir, range, path, zone, |commit| {
            for file in commit.changes.iter().filter(|f| wanted(commit, &f.path)) {
                for id in [&file.before, &file.after].into_iter().flatten() {
                    once(id, &file.path);
                }
            }
        })?;
        // A merge's other sides are known once the log is read.
        for commit in commits.iter_mut().filter(|c| c.parents.len() > 1) {
            for file in commit.changes.iter().filter(|f| wanted(commit, &f.path)) {
                let sides = file.merge.iter().flat_map(|m| [&m.theirs, &m.base]);
                for id in sides.flatten() {
                    once(id, &file.path);
                }
            }
        }
        Ok(commits)
    };
    let answer = |id: String, path: PathBuf, bytes: Vec<u8>| (id, read(&path, &bytes));
    let (commits, versions) = read_streamed(plan_dir, ask, answer)?;
    Ok(Recorded {
        commits,
        versions: versions.into_iter().collect(),
    })
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
