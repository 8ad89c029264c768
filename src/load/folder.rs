//! The working tree: which folder is the plan, listing it, and reading its
//! files within limits.

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::layout::{self, Layout};
use super::{Source, missing_file, text};
use crate::error::UsageError;
use crate::finding::{Check, Finding};

/// The plan folder: `--plan DIR`, else `$ACTIONPLAN_DIR`, else the nearest
/// folder from `cwd` upward that is a plan or holds `plan/plan.toml`.
pub fn find_plan(explicit: Option<&Path>, env: Option<OsString>, cwd: &Path) -> Result<PathBuf> {
    let given = explicit
        .map(Path::to_path_buf)
        .or_else(|| env.filter(|e| !e.is_empty()).map(PathBuf::from));
    if let Some(dir) = given {
        if !dir.is_dir() {
            let message = format!("no plan folder at `{}`", dir.display());
            return Err(
                UsageError::with_hint(message, "give the folder that holds plan.toml").into(),
            );
        }
        let nested = dir.join("plan");
        let is_parent = !dir.join("plan.toml").exists() && nested.join("plan.toml").is_file();
        return Ok(if is_parent { nested } else { dir });
    }
    for dir in cwd.ancestors() {
        if dir.join("plan.toml").is_file() {
            return Ok(relative_to(dir.to_path_buf(), cwd));
        }
        if dir.join("plan").join("plan.toml").is_file() {
            return Ok(relative_to(dir.join("plan"), cwd));
        }
    }
    let hint = "run it inside a plan's repository, or give --plan DIR or set ACTIONPLAN_DIR";
    Err(UsageError::with_hint("no plan found here or in any parent folder", hint).into())
}

/// `plan` rather than `/home/…/plan` when the plan is below the current
/// folder, so findings print short paths.
fn relative_to(path: PathBuf, cwd: &Path) -> PathBuf {
    match path.strip_prefix(cwd) {
        Ok(rest) if rest.as_os_str().is_empty() => PathBuf::from("."),
        Ok(rest) => rest.to_path_buf(),
        Err(_) => path,
    }
}

/// A plan folder on disk.
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    pub fn new(root: &Path) -> Folder {
        Folder {
            root: root.to_path_buf(),
        }
    }

    /// A section folder's files; a folder inside one is reported, not entered.
    fn scan_section(&self, folder: &OsString, layout: &mut Layout) {
        let dir = self.root.join(folder);
        let entries = match visible_entries(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                let mut finding = unreadable(&dir, &err);
                finding.location = None; // a folder has no lines
                return layout.findings.push(finding);
            }
        };
        for (name, kind) in entries {
            match kind {
                Err(err) => layout.findings.push(unreadable(&dir.join(&name), &err)),
                Ok(Kind::Folder) => layout
                    .findings
                    .push(layout::misplaced(&dir.join(&name), true)),
                Ok(Kind::File) => layout.add(&self.root, &Path::new(folder).join(&name)),
            }
        }
    }
}

impl Source for Folder {
    fn root(&self) -> &Path {
        &self.root
    }

    fn layout(&self) -> Result<Layout> {
        let mut layout = Layout::default();
        let entries = visible_entries(&self.root)
            .with_context(|| format!("failed to list the plan folder `{}`", self.root.display()))?;
        for (name, kind) in entries {
            let path = self.root.join(&name);
            match kind {
                Err(err) => layout.findings.push(unreadable(&path, &err)),
                Ok(Kind::Folder) => self.scan_section(&name, &mut layout),
                Ok(Kind::File) => layout.add(&self.root, Path::new(&name)),
            }
        }
        // Sorted already: folders and their entries are listed in name order.
        Ok(layout)
    }

    /// The whole file, unless it is missing, not a regular file, or too large
    /// (then it is not read at all).
    fn read(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>> {
        let path = self.root.join(relative);
        // Non-blocking, so a named pipe posing as a plan file cannot hang us.
        let file = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&path)
            .map_err(|err| match err.kind() {
                std::io::ErrorKind::NotFound => missing_file(&path),
                _ => Box::new(unreadable(&path, &err)),
            })?;
        let metadata = file
            .metadata()
            .map_err(|err| Box::new(unreadable(&path, &err)))?;
        if !metadata.is_file() {
            let hint = "plan files must be ordinary text files";
            let finding = Finding::new(Check::UnreadableFile, &path, "not a regular file");
            return Err(Box::new(finding.whole_file().hint(hint)));
        }
        if metadata.len() > text::MAX_FILE_BYTES {
            return Err(Box::new(text::too_large(&path, metadata.len())));
        }
        // One byte more than the file's size, so reading to the end needs
        // no second allocation.
        let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
        file.take(text::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| Box::new(unreadable(&path, &err)))?;
        Ok(bytes)
    }
}

/// What a folder entry is, following symbolic links.
enum Kind {
    Folder,
    File,
}

/// Entries of a folder, sorted by name, without hidden ones (`.git`,
/// `.gitignore`, editor swap files). Only links cost a `stat`: the listing
/// itself says what the others are.
fn visible_entries(dir: &Path) -> std::io::Result<Vec<(OsString, std::io::Result<Kind>)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = match entry.file_type() {
            Ok(t) if t.is_dir() => Ok(Kind::Folder),
            Ok(t) if !t.is_symlink() => Ok(Kind::File),
            _ => fs::metadata(entry.path())
                .map(|m| if m.is_dir() { Kind::Folder } else { Kind::File }),
        };
        entries.push((name, kind));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

fn unreadable(path: &Path, err: &std::io::Error) -> Finding {
    const ELOOP: i32 = 40;
    let hint = if err.raw_os_error() == Some(ELOOP) {
        "a symbolic link points back at itself (a loop): replace it with the real file or folder"
    } else if err.kind() == std::io::ErrorKind::NotFound {
        "a symbolic link points at nothing: remove it or point it at the real file"
    } else if err.kind() == std::io::ErrorKind::PermissionDenied {
        "you cannot read it: check its permissions"
    } else {
        "check that it exists and that you can read it"
    };
    Finding::new(
        Check::UnreadableFile,
        path,
        format!("cannot read it: {err}"),
    )
    .whole_file()
    .hint(hint)
}
