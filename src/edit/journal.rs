//! A note of the change under way, kept in the repository's git folder
//! while the plan's lock is held: written before the plan file is, removed
//! once its commit is made. A process killed in between leaves it behind,
//! and the next command that takes the lock reads it to finish the change
//! or roll it back.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// One change to the plan's files, as it was about to be made: one
/// commit's worth (one `update`, or one returned form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// The plan folder's place in its work tree (`plan/`), so that a
    /// journal is settled only by a command on the same plan.
    #[serde(default)]
    pub plan: String,
    /// HEAD when the change began; `None` before the first commit.
    pub head: Option<String>,
    /// The commit message the change was to have.
    pub message: String,
    pub files: Vec<NotedFile>,
}

/// One file of a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotedFile {
    /// The file, relative to the plan folder.
    pub path: PathBuf,
    /// The file's text before the change; `None` when it is new.
    pub old: Option<String>,
    pub new: String,
}

/// The one-file journal earlier versions wrote, still read, so a change
/// interrupted just before an upgrade is settled after it.
#[derive(Deserialize)]
struct OneFileJournal {
    #[serde(default)]
    plan: String,
    path: PathBuf,
    head: Option<String>,
    old: Option<String>,
    new: String,
    message: String,
}

impl From<OneFileJournal> for Journal {
    fn from(one: OneFileJournal) -> Journal {
        Journal {
            plan: one.plan,
            head: one.head,
            message: one.message,
            files: vec![NotedFile {
                path: one.path,
                old: one.old,
                new: one.new,
            }],
        }
    }
}

/// The journal's name in the git folder: one per plan folder of the
/// repository (`actionplan.journal` for a plan at the top), so a change to
/// one plan never overwrites a note of a change to another.
pub fn file_name(prefix: &str) -> String {
    if prefix.is_empty() {
        return "actionplan.journal".to_string();
    }
    // FNV-1a: stable from one build to the next, unlike std's hasher.
    let hash = prefix.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("actionplan-{hash:016x}.journal")
}

/// Writes the journal at `at`, flushed to disk before the plan file is
/// touched.
pub fn write(at: &Path, journal: &Journal) -> Result<()> {
    let text = serde_json::to_vec(journal).context("failed to describe the change")?;
    super::write_atomically(at, &text)
}

/// The journal a killed command left at `at`, if any. One that cannot be
/// read (cut short by a full disk) is no change: the plan file was not
/// written before the journal was complete.
pub fn read(at: &Path) -> Result<Option<Journal>> {
    match fs::read(at) {
        Ok(bytes) => Ok(serde_json::from_slice::<Journal>(&bytes).ok().or_else(|| {
            serde_json::from_slice::<OneFileJournal>(&bytes)
                .ok()
                .map(Journal::from)
        })),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).with_context(|| format!("failed to read `{}`", at.display())),
    }
}

pub fn remove(at: &Path) -> Result<()> {
    match fs::remove_file(at) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("failed to remove `{}`", at.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_reads_back_as_written_and_goes_away() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("actionplan.journal");
        assert_eq!(read(&at).unwrap(), None);
        let journal = Journal {
            plan: "plan/".into(),
            head: Some("a".repeat(40)),
            message: "1.1: progress note\n\nRef: 1.1\n".into(),
            files: vec![NotedFile {
                path: "1/1.1.toml".into(),
                old: Some("ref = \"1.1\"\n".into()),
                new: "ref = \"1.1\"\n# edited\n".into(),
            }],
        };
        write(&at, &journal).unwrap();
        assert_eq!(read(&at).unwrap(), Some(journal));
        remove(&at).unwrap();
        assert_eq!(read(&at).unwrap(), None);
        fs::write(&at, "{\"path\":").unwrap();
        assert_eq!(read(&at).unwrap(), None, "a journal cut short is no change");
    }

    #[test]
    fn a_one_file_journal_of_an_earlier_version_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("actionplan.journal");
        let old =
            r#"{"plan":"","path":"1/1.1.toml","head":null,"old":null,"new":"x","message":"m"}"#;
        fs::write(&at, old).unwrap();
        let read = read(&at).unwrap().unwrap();
        assert_eq!(read.files.len(), 1);
        assert_eq!(read.files[0].path, PathBuf::from("1/1.1.toml"));
        assert_eq!(read.message, "m");
    }
}
