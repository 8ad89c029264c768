//! Changing plan files: edits that keep everything they do not change, and
//! writing files so that a reader never sees half of one: a temporary file
//! in the same folder, flushed to disk, then renamed over the target.

mod action;
mod committee;
mod folder;
pub mod journal;
mod output;

pub use action::{ActionEdit, apply};
pub use committee::{NewMeeting, NewRequest, add_meeting, add_request, answer_request};
pub use folder::{check_replaceable, write_folder};
pub use output::{Target, open_in_place, target as output_target};

use std::fs::{self, File};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `bytes` to `path` atomically. An existing file keeps its
/// permissions, and is replaced only once the new one is complete; a new
/// one gets the usual 0666 less the umask, not a temporary file's 0600.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// As [`write_atomically`], with the contents written by `write` as they
/// are made, so a large report never sits whole in memory. A new file gets
/// the permissions any program would give it (0666 less the umask).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let folder = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(6)
        .permissions(fs::Permissions::from_mode(0o666))
        .tempfile_in(folder)
        .map_err(|err| cannot_write(folder, err))?;
    let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
    write(&mut buffered)
        .and_then(|()| buffered.flush())
        .map(|()| drop(buffered))
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| cannot_write(folder, err))
        .with_context(|| format!("failed to write `{}`", path.display()))?;
    if let Ok(existing) = fs::metadata(path) {
        keep_owner(temp.as_file(), &existing);
        fs::set_permissions(temp.path(), existing.permissions())
            .with_context(|| format!("failed to keep the permissions of `{}`", path.display()))?;
    }
    temp.persist(path)
        .map_err(|err| cannot_replace(path, err.error))?;
    // The rename itself is only durable once the folder is.
    File::open(folder)
        .and_then(|dir| dir.sync_all())
        .with_context(|| format!("failed to flush the folder `{}`", folder.display()))?;
    Ok(())
}

/// Gives the new file the old one's owner and group, where the system
/// lets us (root, or a group we are in), so replacing a colleague's file
/// does not take it from them. Where it does not, the file is ours, as
/// any editor's save would make it.
fn keep_owner(new: &File, existing: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let ours = new.metadata().map(|m| (m.uid(), m.gid())).ok();
    if ours != Some((existing.uid(), existing.gid())) {
        let _ = std::os::unix::fs::fchown(new, Some(existing.uid()), Some(existing.gid()));
        let _ = std::os::unix::fs::fchown(new, None, Some(existing.gid()));
    }
}

/// The folder a file is in: `.` for a bare name.
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Why the finished file could not take `path`'s place; the temporary
/// file is removed, and `path` is as it was.
fn cannot_replace(path: &Path, err: std::io::Error) -> anyhow::Error {
    let why = match err.kind() {
        std::io::ErrorKind::IsADirectory => "it is a folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "you do not have permission".to_string(),
        _ => err.to_string(),
    };
    anyhow::anyhow!(
        "cannot replace `{}`: {why}; nothing was changed",
        path.display()
    )
}

/// Removes temporary files an interrupted write of `path` left beside it
/// (`.name.XXXXXX.tmp`). Only safe while holding the plan's lock, when no
/// other write of `path` can be under way.
pub fn remove_stale_temporaries(path: &Path) -> Result<()> {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return Ok(());
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && is_temporary_of(&entry_name, &prefix) {
            fs::remove_file(entry.path())
                .with_context(|| format!("failed to remove `{}`", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Whether `name` is exactly what [`write_atomically_with`] names its
/// temporary files (`.NAME.` + 6 random letters or digits + `.tmp`), so
/// no file of the user's that merely looks alike is removed.
fn is_temporary_of(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|random| {
            random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// A file the tool may replace: a regular file (not a link, whose
/// replacement would break it) that its owner has not made read-only.
pub fn check_writable(path: &Path) -> Result<(), String> {
    let metadata = fs::symlink_metadata(path)
        .map_err(|err| format!("cannot read `{}`: {err}", path.display()))?;
    if metadata.file_type().is_symlink() {
        return Err(format!(
            "`{}` is a symbolic link: change the file it points to by hand",
            path.display()
        ));
    }
    if metadata.permissions().readonly() {
        return Err(format!(
            "`{}` is marked read-only: make it writable first (chmod u+w)",
            path.display()
        ));
    }
    Ok(())
}

/// Why a folder cannot be written, in words a person can act on; nothing
/// has been changed when this is returned.
pub fn cannot_write(folder: &Path, err: std::io::Error) -> anyhow::Error {
    let why = match err.kind() {
        std::io::ErrorKind::ReadOnlyFilesystem => "it is on a read-only disk".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "you do not have permission to write there".to_string()
        }
        std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
        _ => err.to_string(),
    };
    anyhow::anyhow!(
        "cannot write to `{}`: {why}; nothing was changed",
        folder.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_tools_own_temporary_files_are_cleared() {
        assert!(is_temporary_of(".1.1.toml.AbC123.tmp", ".1.1.toml."));
        assert!(!is_temporary_of(".1.1.toml.tmp", ".1.1.toml."));
        assert!(!is_temporary_of(".1.1.toml.old.tmp", ".1.1.toml."));
        assert!(!is_temporary_of(".1.1.toml.my-draft.tmp", ".1.1.toml."));
    }

    #[test]
    fn a_new_file_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("digest.md");
        write_atomically(&path, b"# Digest\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"# Digest\n");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn an_existing_file_is_replaced_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("export.csv");
        assert!(write_atomically(&path, b"new").is_err());
        assert!(!path.exists());
    }
}
