//! Reading git objects: every blob a command needs through one
//! long-running `git cat-file --batch`, never a process per object.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::thread;

use anyhow::{Context, Result, anyhow, bail};

use super::git_ok;

/// Object contents by object id.
pub type Blobs = HashMap<String, Vec<u8>>;

/// The contents of the blobs (or commits) `ids`; duplicates are read once.
pub fn read_blobs(plan_dir: &Path, ids: &[&str]) -> Result<Blobs> {
    let mut wanted: Vec<&str> = ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut child = super::command(plan_dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("failed to run `git cat-file` (is git installed?)")?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let requests: String = wanted.iter().map(|id| format!("{id}\n")).collect();
    // Written from a thread: git answers while we ask, and a full pipe
    // either way would otherwise stop both.
    let writer = thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let stdout = child.stdout.take().expect("stdout was piped");
    let read = read_answers(BufReader::new(stdout), &wanted);
    let _ = writer.join();
    let status = child.wait().context("failed to wait for `git cat-file`")?;
    let blobs = read?;
    if !status.success() {
        bail!("`git cat-file --batch` failed");
    }
    Ok(blobs)
}

fn read_answers(mut out: impl BufRead, wanted: &[&str]) -> Result<Blobs> {
    let mut blobs = Blobs::with_capacity(wanted.len());
    let mut header = String::new();
    for id in wanted {
        header.clear();
        out.read_line(&mut header)?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        // Blobs and, for `history`, the commits themselves.
        let size: usize = match fields.as_slice() {
            [_, "blob" | "commit", size] => {
                size.parse().map_err(|_| anyhow!("git said `{header}`"))?
            }
            _ => bail!("git has no object {id}: it said `{}`", header.trim()),
        };
        let mut contents = vec![0; size + 1];
        out.read_exact(&mut contents)?;
        contents.pop(); // the newline after each object
        blobs.insert((*id).to_string(), contents);
    }
    Ok(blobs)
}

/// A file as git stores it: its path relative to the plan folder, what
/// kind of entry it is, and its contents (for a link: where it points).
pub struct Entry {
    pub path: PathBuf,
    pub kind: EntryKind,
    pub bytes: Vec<u8>,
}

/// What git holds at a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    File,
    /// A symbolic link (mode 120000).
    Link,
    /// Another repository (a submodule, mode 160000): no contents here.
    Submodule,
}

impl EntryKind {
    pub(super) fn of_mode(mode: &str) -> EntryKind {
        match mode {
            "120000" => EntryKind::Link,
            "160000" => EntryKind::Submodule,
            _ => EntryKind::File,
        }
    }
}

/// Every file under the plan folder as committed at `revision`.
pub fn tree_files(plan_dir: &Path, revision: &str) -> Result<Vec<Entry>> {
    let listing = git_ok(
        plan_dir,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--end-of-options",
            revision,
            "--",
            ".",
        ],
    )?;
    let mut entries = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            bail!("unexpected `git ls-tree` line: {entry}");
        };
        let mut meta = meta.split(' ');
        if let (Some(mode), Some(_), Some(id)) = (meta.next(), meta.next(), meta.next()) {
            entries.push((
                PathBuf::from(path),
                id.to_string(),
                EntryKind::of_mode(mode),
            ));
        }
    }
    contents(plan_dir, entries)
}

/// Entries with their contents, every blob in one batch; a submodule has
/// none to read.
pub(super) fn contents(
    plan_dir: &Path,
    entries: Vec<(PathBuf, String, EntryKind)>,
) -> Result<Vec<Entry>> {
    let ids: Vec<&str> = entries
        .iter()
        .filter(|(_, _, kind)| *kind != EntryKind::Submodule)
        .map(|(_, id, _)| id.as_str())
        .collect();
    let blobs = read_blobs(plan_dir, &ids)?;
    Ok(entries
        .into_iter()
        .map(|(path, id, kind)| Entry {
            bytes: blobs.get(&id).cloned().unwrap_or_default(),
            path,
            kind,
        })
        .collect())
}
