//! Files the user names with `-o FILE`: a regular file (or a new path) is
//! written atomically; standard output, standard error and `/dev/null`
//! are written in place; anything else (a link, a folder, a device, a
//! named pipe, a socket) is refused, so a report never replaces what it
//! was not meant to.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::error::UsageError;

/// Where a report named by `-o` goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// `-` or `/dev/stdout`: the tool's own standard output.
    Stdout,
    /// `/dev/stderr`, `/dev/null`, `/dev/fd/N`, `/proc/self/fd/N`: opened
    /// and written as they are, never replaced.
    InPlace(PathBuf),
    /// A regular file, or a path where nothing is yet: written whole
    /// beside it, then renamed over it.
    Replace(PathBuf),
}

/// What writing to `path` would do, or a usage error saying why not.
/// Nothing is touched.
pub fn target(path: &Path) -> Result<Target> {
    let text = path.to_string_lossy();
    if text == "-" || text == "/dev/stdout" {
        return Ok(Target::Stdout);
    }
    let in_place = ["/dev/stderr", "/dev/null"].contains(&text.as_ref())
        || ["/dev/fd/", "/proc/self/fd/"].iter().any(|p| {
            text.strip_prefix(p)
                .is_some_and(|n| n.parse::<u32>().is_ok())
        });
    if in_place {
        return Ok(Target::InPlace(path.to_path_buf()));
    }
    if text.ends_with('/') {
        return Err(UsageError::with_hint(
            format!("`{}` names a folder, not a file", path.display()),
            "give the name of a file to write, in it or elsewhere; nothing was written",
        )
        .into());
    }
    match fs::symlink_metadata(path) {
        Ok(found) => existing(path, found.file_type()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => new_file(path),
        Err(err) => {
            Err(UsageError::new(format!("cannot write `{}`: {err}", path.display())).into())
        }
    }
}

/// A path that exists: a regular file is replaced, anything else refused.
fn existing(path: &Path, kind: fs::FileType) -> Result<Target> {
    let shown = path.display();
    let refusal = if kind.is_file() {
        return Ok(Target::Replace(path.to_path_buf()));
    } else if kind.is_dir() {
        format!("`{shown}` is a folder: give the name of a file to write, in it or elsewhere")
    } else if kind.is_symlink() {
        let to = fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        format!(
            "`{shown}` is a symbolic link (to `{to}`): give the path of the file itself; \
             a link is never written through or replaced"
        )
    } else {
        let what = if kind.is_fifo() {
            "a named pipe"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "a device"
        };
        format!(
            "`{shown}` is {what}, not a file: give the path of a file \
             (or - for standard output)"
        )
    };
    Err(UsageError::with_hint(refusal, "nothing was written").into())
}

/// A path where nothing is yet: its folder must exist.
fn new_file(path: &Path) -> Result<Target> {
    let folder = super::folder_of(path);
    match fs::metadata(folder) {
        Ok(found) if found.is_dir() => Ok(Target::Replace(path.to_path_buf())),
        Ok(_) => Err(UsageError::new(format!(
            "cannot write `{}`: `{}` is not a folder",
            path.display(),
            folder.display()
        ))
        .into()),
        Err(_) => Err(UsageError::with_hint(
            format!(
                "cannot write `{}`: the folder `{}` does not exist",
                path.display(),
                folder.display()
            ),
            format!(
                "create it first (`mkdir -p {}`), or give another path",
                crate::shell::quote_path(folder)
            ),
        )
        .into()),
    }
}

/// Opens a path that is written as it is. A descriptor the tool was given
/// (`/dev/stderr`, `/dev/fd/3`) is duplicated rather than opened again by
/// name, so it keeps its place and mode: `-o /dev/fd/1 >> log` appends.
pub fn open_in_place(path: &Path) -> Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    let text = path.to_string_lossy();
    let descriptor = match text.as_ref() {
        "/dev/stderr" => Some(2),
        _ => ["/dev/fd/", "/proc/self/fd/"]
            .iter()
            .find_map(|p| text.strip_prefix(p)?.parse::<i32>().ok()),
    };
    let Some(descriptor) = descriptor else {
        return OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot write `{}`", path.display()));
    };
    // SAFETY: dup returns a new descriptor that nothing else owns.
    let copy = unsafe { libc::dup(descriptor) };
    if copy < 0 {
        return Err(std::io::Error::last_os_error())
            .with_context(|| format!("cannot write `{}`: it is not open", path.display()));
    }
    Ok(unsafe { std::fs::File::from_raw_fd(copy) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_streams_and_null_are_written_in_place() {
        assert_eq!(target(Path::new("-")).unwrap(), Target::Stdout);
        assert_eq!(target(Path::new("/dev/stdout")).unwrap(), Target::Stdout);
        for path in ["/dev/null", "/dev/stderr", "/dev/fd/3", "/proc/self/fd/4"] {
            assert_eq!(
                target(Path::new(path)).unwrap(),
                Target::InPlace(path.into())
            );
        }
    }

    #[test]
    fn a_new_file_or_a_regular_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("digest.md");
        assert_eq!(target(&path).unwrap(), Target::Replace(path.clone()));
        fs::write(&path, "old").unwrap();
        assert_eq!(target(&path).unwrap(), Target::Replace(path.clone()));
    }

    #[test]
    fn folders_links_devices_and_missing_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
        let refused = |path: &Path| format!("{:#}", target(path).unwrap_err());
        assert!(refused(dir.path()).contains("is a folder"));
        assert!(refused(&link).contains("symbolic link (to `/etc/passwd`)"));
        assert!(refused(Path::new("/dev/zero")).contains("is a device"));
        let missing = dir.path().join("nowhere/x.csv");
        assert!(refused(&missing).contains("does not exist"));
    }
}
