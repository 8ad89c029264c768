//! The commits that touched the plan, read with one `git log`.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::git_ok;
use crate::date::Zone;

/// One commit and the plan files it changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    pub author: String,
    /// Who the change was made for, from an `Actor:` trailer (`update --by`).
    pub actor: Option<String>,
    /// The day the commit was made, in the plan's time zone: the day
    /// `--since`, `--until` and `--at` go by.
    pub date: NaiveDate,
    pub subject: String,
    pub changes: Vec<FileChange>,
}

/// One file a commit changed: its blob before and after (`None` when the
/// commit added or deleted it). Paths are relative to the plan folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The commits in `range` (`A..B`, or a single revision for everything
/// reachable from it) that touched `path` (relative to the plan folder),
/// oldest first. Every commit that changed the path is listed, on every
/// branch (`--full-history`); a merge lists what it changed on its first
/// parent's line, such as a conflict resolved one way.
pub fn log(plan_dir: &Path, range: &str, path: &Path, zone: Zone) -> Result<Vec<Commit>> {
    let format =
        "--format=%x1e%H%x1f%an%x1f%ct%x1f%(trailers:key=Actor,valueonly,separator=%x2C )%x1f%s";
    let args = [
        "log".as_ref(),
        "-z".as_ref(),
        "--reverse".as_ref(),
        "--no-renames".as_ref(),
        "--full-history".as_ref(),
        "--diff-merges=first-parent".as_ref(),
        "--raw".as_ref(),
        "--no-abbrev".as_ref(),
        "--relative".as_ref(),
        format.as_ref(),
        "--end-of-options".as_ref(),
        range.as_ref(),
        "--".as_ref(),
        path.as_os_str(),
    ];
    parse(&git_ok(plan_dir, &args)?, zone)
}

/// Parses `git log -z --raw` output in the format [`log`] asks for:
/// `\x1e` hash `\x1f` author `\x1f` time `\x1f` actor `\x1f` subject `\0`, then
/// `:meta\0path\0` for each file.
pub(crate) fn parse(output: &[u8], zone: Zone) -> Result<Vec<Commit>> {
    let mut commits = Vec::new();
    for record in output.split(|b| *b == 0x1e).filter(|r| !r.is_empty()) {
        let mut fields = record.split(|b| *b == 0);
        let header = String::from_utf8_lossy(fields.next().unwrap_or_default());
        let [hash, author, date, actor, subject] = header.splitn(5, '\x1f').collect::<Vec<_>>()[..]
        else {
            bail!("unexpected `git log` output: {header}");
        };
        let Some(date) = date.parse().ok().and_then(|time| zone.date_of(time)) else {
            bail!("unexpected time in `git log` output: {date}");
        };
        let mut changes = Vec::new();
        while let Some(meta) = fields.next() {
            let meta = String::from_utf8_lossy(meta);
            let meta = meta.trim();
            if meta.is_empty() {
                continue;
            }
            let path = fields.next().unwrap_or_default();
            changes.push(file_change(meta, path)?);
        }
        commits.push(Commit {
            hash: hash.to_string(),
            author: author.to_string(),
            actor: Some(actor.trim())
                .filter(|a| !a.is_empty())
                .map(str::to_string),
            date,
            subject: subject.to_string(),
            changes,
        });
    }
    Ok(commits)
}

/// `:100644 100644 <before> <after> M` and the path.
fn file_change(meta: &str, path: &[u8]) -> Result<FileChange> {
    let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
    let [_, _, before, after, _] = parts[..] else {
        bail!("unexpected `git log --raw` line: {meta}");
    };
    let blob = |id: &str| (!id.bytes().all(|b| b == b'0')).then(|| id.to_string());
    Ok(FileChange {
        path: PathBuf::from(String::from_utf8_lossy(path).into_owned()),
        before: blob(before),
        after: blob(after),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_commits_and_their_files() {
        let zero = "0".repeat(40);
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let output = format!(
            "\x1e{h1}\x1fJo Bloggs\x1f1246525200\x1fJo\x1f2.7a: status x → y\0\n\
             :000000 100644 {zero} {a} A\x002/2.7.toml\0\
             \x1e{h2}\x1fAl\x1f1246611600\x1f\x1fsecond\0\n\
             :100644 100644 {a} {b} M\x002/2.7.toml\0:100644 000000 {b} {zero} D\x001/1.1.toml\0",
            h1 = "1".repeat(40),
            h2 = "2".repeat(40),
        );
        let commits = parse(output.as_bytes(), Zone::default()).unwrap();
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[1].date.to_string(), "2009-07-03");
        assert_eq!(commits[0].author, "Jo Bloggs");
        assert_eq!(commits[0].actor.as_deref(), Some("Jo"));
        assert_eq!(commits[1].actor, None);
        assert_eq!(commits[0].subject, "2.7a: status x → y");
        assert_eq!(commits[0].changes[0].before, None);
        assert_eq!(commits[0].changes[0].after.as_deref(), Some(a.as_str()));
        assert_eq!(commits[1].changes.len(), 2);
        assert_eq!(commits[1].changes[1].path, PathBuf::from("1/1.1.toml"));
        assert_eq!(commits[1].changes[1].after, None);
    }

    #[test]
    fn a_commit_with_no_files_has_no_changes() {
        let output = format!("\x1e{}\x1fA\x1f1246525200\x1f\x1fmerge\0", "1".repeat(40));
        let commits = parse(output.as_bytes(), Zone::default()).unwrap();
        assert!(commits[0].changes.is_empty());
    }
}
