//! The commits that touched the plan, read with one `git log -z`: each
//! commit's record (hash, time, parents, author, message) and each file's
//! entry is one NUL-ended token. Git cuts a name or a message at a NUL, so
//! no author name or message can pass for the framing: what they say
//! stays in their own commit's record, after the hash, time and parents,
//! which are checked to be only that.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::thread;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::date::Zone;

/// One commit and the plan files it changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    /// The author's name, as the commit gives it.
    pub author: String,
    /// Who the change was made for, from an `Actor:` trailer (`update --by`).
    pub actor: Option<String>,
    /// The day the commit was made, in the plan's time zone: the day
    /// `--since`, `--until` and `--at` go by.
    pub date: NaiveDate,
    pub subject: String,
    /// Its parents' hashes: two or more for a merge.
    pub parents: Vec<String>,
    pub changes: Vec<FileChange>,
}

/// One file a commit changed: its blob before and after (`None` when the
/// commit added or deleted it). Paths are relative to the plan folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    pub before: Option<String>,
    pub after: Option<String>,
    /// For a merge (`before` is the first parent's version): the file in
    /// the second parent and in the merge base.
    pub merge: Option<MergeSides>,
}

/// A merged file's other versions: blob ids, `None` where it is absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeSides {
    pub theirs: Option<String>,
    pub base: Option<String>,
}

/// The commits in `range` (`A..B`, or a single revision for everything
/// reachable from it) that touched `path` (relative to the plan folder),
/// oldest first.
/// Every commit that changed the path is listed, on every branch
/// (`--full-history`); a merge lists what it changed on its first
/// parent's line, with each file's version in the other parent and in
/// the merge base, so that what a branch brought in can be told from
/// what the merge itself did; the first commit lists what it added,
/// whatever `log.showRoot` says.
///
/// `each` is shown every commit as soon as git has written it, newest
/// first and before a merge's other sides are filled in, so that its
/// files can be read while git is still writing the log.
pub fn log(
    plan_dir: &Path,
    range: &str,
    path: &Path,
    zone: Zone,
    mut each: impl FnMut(&Commit),
) -> Result<Vec<Commit>> {
    // Newest first, as git finds them: `--reverse` would hold every line
    // back until git had walked the whole history.
    let args = [
        "log".as_ref(),
        "-z".as_ref(),
        "--no-renames".as_ref(),
        "--full-history".as_ref(),
        "--diff-merges=first-parent".as_ref(),
        "--root".as_ref(),
        "--raw".as_ref(),
        "--no-abbrev".as_ref(),
        "--relative".as_ref(),
        // The author's name ends at the newline its header line ends
        // with; the message comes last: it may hold anything but a NUL.
        "--format=%x1e%H %ct %P%x1f%an%n%B".as_ref(),
        "--end-of-options".as_ref(),
        range.as_ref(),
        "--".as_ref(),
        path.as_os_str(),
    ];
    let mut child = super::command(plan_dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("failed to run `git log` (is git installed?)")?;
    let mut stderr = child.stderr.take().expect("stderr was piped");
    let errors = thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        text
    });
    let stdout = BufReader::with_capacity(1 << 16, child.stdout.take().expect("stdout was piped"));
    let mut commits = Vec::new();
    let read = read_commits(stdout, zone, |commit| {
        each(&commit);
        commits.push(commit);
    });
    let status = child.wait().context("failed to wait for `git log`")?;
    let errors = errors.join().unwrap_or_default();
    // A record refused here stops the reading, and git then fails on the
    // closed pipe with nothing to say: the refusal is the reason.
    if !status.success() && (read.is_ok() || !errors.trim_ascii().is_empty()) {
        bail!(
            "`git log {range}` failed: {}",
            String::from_utf8_lossy(&errors).trim()
        );
    }
    read?;
    commits.reverse();
    for commit in commits.iter_mut().filter(|c| c.parents.len() > 1) {
        super::merges::add_sides(plan_dir, commit)?;
    }
    Ok(commits)
}

/// Parses `git log -z --raw` output in the format [`log`] asks for, in
/// the order given.
#[cfg(test)]
pub(crate) fn parse(output: &[u8], zone: Zone) -> Result<Vec<Commit>> {
    let mut commits = Vec::new();
    read_commits(output, zone, |c| commits.push(c))?;
    Ok(commits)
}

/// Reads `git log -z --raw` output in the format [`log`] asks for,
/// handing each commit to `done` once its last file is read: a header
/// `\x1e<hash> <time>`, then `:meta` and a path for each file, all ended
/// by NUL. A path may hold any byte but NUL, so the output is cut at NULs
/// first, and a path is always the token after its `:meta`.
fn read_commits(mut output: impl BufRead, zone: Zone, mut done: impl FnMut(Commit)) -> Result<()> {
    let mut current: Option<Commit> = None;
    let (mut token, mut path) = (Vec::new(), Vec::new());
    while next_token(&mut output, &mut token)? {
        let token = token.strip_prefix(b"\n").unwrap_or(&token);
        if token.first() == Some(&b':') {
            next_token(&mut output, &mut path)?;
            let Some(commit) = current.as_mut() else {
                bail!("unexpected `git log` output: a file before any commit");
            };
            if let Some(change) = file_change(&String::from_utf8_lossy(token), &path)? {
                commit.changes.push(change);
            }
        } else if let Some(finished) = current.replace(header(token, zone)?) {
            done(finished);
        }
    }
    if let Some(last) = current {
        done(last);
    }
    Ok(())
}

/// The next token that is not empty, without its NUL, into `token`;
/// `false` at the end of the output.
fn next_token(output: &mut impl BufRead, token: &mut Vec<u8>) -> Result<bool> {
    loop {
        token.clear();
        if output.read_until(0, token)? == 0 {
            return Ok(false);
        }
        if token.last() == Some(&0) {
            token.pop();
        }
        if !token.is_empty() {
            return Ok(true);
        }
    }
}

/// `\x1e<hash> <time> <parents>\x1f<author>\n<message>`: the hash,
/// time and parents are checked to be nothing else.
fn header(token: &[u8], zone: Zone) -> Result<Commit> {
    let text = String::from_utf8_lossy(token);
    let is_hash = |h: &str| matches!(h.len(), 40 | 64) && h.bytes().all(|b| b.is_ascii_hexdigit());
    let parsed = text.strip_prefix('\x1e').and_then(|rest| {
        let (framing, said) = rest.split_once('\x1f')?;
        let (author, message) = said.split_once('\n')?;
        let mut words = framing.split(' ');
        let (hash, time) = (words.next()?, words.next()?);
        let parents: Vec<String> = words
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let date = zone.date_of(time.parse().ok()?)?;
        (is_hash(hash) && parents.iter().all(|p| is_hash(p)))
            .then(|| (hash.to_string(), date, parents, author, message))
    });
    let Some((hash, date, parents, author, message)) = parsed else {
        // The framing only: what a commit says may be long.
        let framing = text.split('\x1f').next().unwrap_or_default();
        bail!("unexpected `git log` output: {}", framing.escape_debug());
    };
    let mut commit = Commit {
        hash,
        parents,
        author: String::new(),
        actor: None,
        date,
        subject: String::new(),
        changes: Vec::new(),
    };
    describe(&mut commit, author, message);
    Ok(commit)
}

/// `:100644 100644 <before> <after> M` and the path. A submodule
/// (mode 160000) is no file of the plan: `None`.
fn file_change(meta: &str, path: &[u8]) -> Result<Option<FileChange>> {
    let parts: Vec<&str> = meta.trim().trim_start_matches(':').split(' ').collect();
    let [old_mode, new_mode, before, after, _] = parts[..] else {
        bail!("unexpected `git log --raw` line: {}", meta.escape_debug());
    };
    if old_mode == "160000" || new_mode == "160000" {
        return Ok(None);
    }
    let blob = |id: &str| (!id.bytes().all(|b| b == b'0')).then(|| id.to_string());
    Ok(Some(FileChange {
        path: PathBuf::from(String::from_utf8_lossy(path).into_owned()),
        before: blob(before),
        after: blob(after),
        merge: None,
    }))
}

/// Fills in a commit's author, its subject and its `Actor:` trailer from
/// its message.
fn describe(commit: &mut Commit, author: &str, message: &str) {
    commit.author = author.to_string();
    // Git's subject: the first paragraph, its lines joined by spaces.
    let first: Vec<&str> = message
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    commit.subject = first.join(" ");
    let actors: Vec<&str> = message
        .trim_end()
        .rsplit("\n\n")
        .next()
        .filter(|_| message.trim_end().contains("\n\n"))
        .into_iter()
        .flat_map(str::lines)
        .filter_map(|l| l.strip_prefix("Actor:"))
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    commit.actor = (!actors.is_empty()).then(|| actors.join(", "));
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
            "\x1e{h1} 1246525200 \x1fA\nFirst\n\0\n\
             :000000 100644 {zero} {a} A\x002/2.7.toml\0\
             \x1e{h2} 1246611600 {h1}\x1fB\nSecond\n\0\n\
             :100644 100644 {a} {b} M\x002/2.7.toml\0:100644 000000 {b} {zero} D\x001/1.1.toml\0",
            h1 = "1".repeat(40),
            h2 = "2".repeat(40),
        );
        let commits = parse(output.as_bytes(), Zone::default()).unwrap();
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[1].date.to_string(), "2009-07-03");
        assert_eq!(commits[0].changes[0].before, None);
        assert_eq!(commits[0].changes[0].after.as_deref(), Some(a.as_str()));
        assert_eq!(commits[1].changes.len(), 2);
        assert_eq!(commits[1].changes[1].path, PathBuf::from("1/1.1.toml"));
        assert_eq!(commits[1].changes[1].after, None);
    }

    #[test]
    fn a_path_holding_the_framing_bytes_is_still_one_path() {
        let a = "a".repeat(40);
        let output = format!(
            "\x1e{h} 1246525200\x1f\n\0\n:000000 100644 {z} {a} A\x001/x\x1e{h} 1\x1fy.toml\0",
            h = "1".repeat(40),
            z = "0".repeat(40),
        );
        let commits = parse(output.as_bytes(), Zone::default()).unwrap();
        assert_eq!(commits.len(), 1);
        let path = format!("1/x\x1e{} 1\x1fy.toml", "1".repeat(40));
        assert_eq!(commits[0].changes[0].path, PathBuf::from(path));
    }

    #[test]
    fn anything_but_a_hash_a_time_and_parents_is_refused_before_the_author() {
        let h = "1".repeat(40);
        for forged in [
            format!("\x1e{h} 1246525200 The Chair\x1fA\nM\0"),
            format!("\x1e{h} 1246525200\0"),
            format!("\x1e{h} 1246525200\x1fonly an author\0"),
        ] {
            assert!(
                parse(forged.as_bytes(), Zone::default()).is_err(),
                "{forged:?}"
            );
        }
    }

    #[test]
    fn a_message_that_looks_like_files_and_commits_stays_in_its_commit() {
        let (h, z, a) = ("1".repeat(40), "0".repeat(40), "a".repeat(40));
        let output = format!(
            "\x1e{h} 1246525200\x1fJo \x1e{h} 1\x1fB\nSubject\n\n\n:000000 100644 {z} {a} A\n\x1e{h} 2\x1f\n\0"
        );
        let commits = parse(output.as_bytes(), Zone::default()).unwrap();
        assert_eq!(commits.len(), 1);
        assert_eq!(commits[0].author, format!("Jo \x1e{h} 1\x1fB"));
        assert_eq!(commits[0].subject, "Subject");
        assert!(commits[0].changes.is_empty());
    }

    #[test]
    fn a_submodule_is_no_plan_file() {
        let output = format!(
            "\x1e{h} 1246525200\x1f\n\0\n:000000 160000 {z} {h} A\x001/1.9.toml\0",
            h = "1".repeat(40),
            z = "0".repeat(40),
        );
        let commits = parse(output.as_bytes(), Zone::default()).unwrap();
        assert!(commits[0].changes.is_empty());
    }

    #[test]
    fn author_subject_and_actor_come_from_the_commit_record() {
        let record = format!(
            "\x1e{} 0\x1fJo Bloggs\n2.7a: status on_track \u{2192}\ncomplete\n\n> Ref: 9.9\n\n\
             Ref: 2.7a\nField: status\nActor: Al Smith\n",
            "1".repeat(40)
        );
        let commit = header(record.as_bytes(), Zone::default()).unwrap();
        assert_eq!(commit.author, "Jo Bloggs");
        assert_eq!(commit.subject, "2.7a: status on_track \u{2192} complete");
        assert_eq!(commit.actor.as_deref(), Some("Al Smith"));
        let bare = format!("\x1e{} 0\x1fA\nActor: only a subject\n", "1".repeat(40));
        let bare = header(bare.as_bytes(), Zone::default()).unwrap();
        assert_eq!(bare.actor, None, "a one-paragraph message has no trailers");
    }
}
