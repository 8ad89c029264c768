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
        .map(|dir| (dir.to_path_buf(), "--plan"))
        .or_else(|| {
            env.filter(|e| !e.is_empty())
                .map(|dir| (PathBuf::from(dir), "$ACTIONPLAN_DIR"))
        });
    if let Some((dir, source)) = given {
        if !dir.is_dir() {
            let message = format!("no plan folder at `{}` (from {source})", dir.display());
            let hint = match source {
                "--plan" => "give the folder that holds plan.toml".to_string(),
                _ => "set ACTIONPLAN_DIR to the folder that holds plan.toml, or unset it \
                      to find the plan from the current folder"
                    .to_string(),
            };
            return Err(UsageError::with_hint(message, hint).into());
        }
        let nested = dir.join("plan");
        let is_parent = !is_there(&dir.join("plan.toml")) && is_there(&nested.join("plan.toml"));
        return Ok(if is_parent { nested } else { dir });
    }
    for dir in cwd.ancestors() {
        if is_there(&dir.join("plan.toml")) {
            return Ok(relative_to(dir.to_path_buf(), cwd));
        }
        if is_there(&dir.join("plan").join("plan.toml")) {
            return Ok(relative_to(dir.join("plan"), cwd));
        }
    }
    let hint = "run it inside a plan's repository, or give --plan DIR or set ACTIONPLAN_DIR";
    Err(UsageError::with_hint("no plan found here or in any parent folder", hint).into())
}

/// Whether something other than a folder is at `path`, without following
/// a link or opening it: a plan.toml that is a link or a pipe still marks
/// the plan, whose check then says what is wrong with it.
fn is_there(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir())
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
            let path = dir.join(&name);
            match kind {
                Ok(Kind::Folder) => layout.findings.push(layout::misplaced(&path)),
                Ok(Kind::File) => layout.add(&self.root, &Path::new(folder).join(&name)),
                other => layout.findings.push(not_read(&path, other)),
            }
        }
    }
}

impl Folder {
    /// A file at any depth, read as [`Source::read`] reads one, with
    /// every folder on its way checked too: none may be a link.
    pub fn read_anywhere(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>> {
        let mut folder = self.root.clone();
        let parents: Vec<_> = relative
            .parent()
            .map(|p| p.components().collect())
            .unwrap_or_default();
        for part in parents {
            folder.push(part);
            match fs::symlink_metadata(&folder) {
                Ok(m) if m.file_type().is_symlink() => return Err(Box::new(link(&folder))),
                Ok(m) if m.is_dir() => {}
                Ok(_) => return Err(missing_file(&self.root.join(relative))),
                Err(err) => return Err(Box::new(not_read(&folder, Err(err)))),
            }
        }
        self.read(relative)
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
                Ok(Kind::Folder) if is_repository(&path) => {
                    layout.findings.push(layout::submodule(&path))
                }
                Ok(Kind::Folder) => self.scan_section(&name, &mut layout),
                Ok(Kind::File) => layout.add(&self.root, Path::new(&name)),
                other => layout.findings.push(not_read(&path, other)),
            }
        }
        // Sorted already: folders and their entries are listed in name order.
        Ok(layout)
    }

    /// The whole file, unless it is missing, a link, not a regular file, or
    /// too large (then it is not read at all).
    fn read(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>> {
        let path = self.root.join(relative);
        // Never through a link (it could lead out of the plan), and
        // non-blocking, so a named pipe posing as a plan file cannot hang us.
        let file = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
            .open(&path)
            .map_err(|err| match err.kind() {
                std::io::ErrorKind::NotFound => missing_file(&path),
                _ => Box::new(not_read(&path, Err(err))),
            })?;
        let metadata = file
            .metadata()
            .map_err(|err| Box::new(unreadable(&path, &err)))?;
        if !metadata.is_file() {
            return Err(Box::new(not_read(&path, Ok(special(metadata.file_type())))));
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

/// Whether a folder is another git repository (a submodule's checkout
/// holds a `.git` file, a repository a `.git` folder).
fn is_repository(folder: &Path) -> bool {
    fs::symlink_metadata(folder.join(".git")).is_ok()
}

/// What a folder entry is. Links are not followed: a link is reported
/// with where it points, and never read.
enum Kind {
    Folder,
    File,
    Link,
    /// A named pipe, socket or device: never opened.
    Special(&'static str),
}

/// Entries of a folder, sorted by name, without hidden ones (`.git`,
/// `.gitignore`, editor swap files). The listing itself says what each
/// entry is, without following links and without a `stat` per file.
fn visible_entries(dir: &Path) -> std::io::Result<Vec<(OsString, std::io::Result<Kind>)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map(|t| {
            if t.is_symlink() {
                Kind::Link
            } else if t.is_dir() {
                Kind::Folder
            } else if t.is_file() {
                Kind::File
            } else {
                special(t)
            }
        });
        entries.push((name, kind));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// What a file that is neither a folder, a regular file nor a link is.
fn special(kind: fs::FileType) -> Kind {
    use std::os::unix::fs::FileTypeExt;
    Kind::Special(if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    })
}

/// The finding for an entry that is not read: a link (named with where it
/// points, never with what is there), a special file, or an error. An
/// open refused because the path is a link (`O_NOFOLLOW`) becomes a link.
fn not_read(path: &Path, kind: std::io::Result<Kind>) -> Finding {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match kind {
        Ok(Kind::Link) => link(path),
        Err(_) if is_link => link(path),
        Ok(Kind::Special(what)) => {
            let hint = "plan files must be ordinary text files: remove it from the plan folder";
            Finding::new(
                Check::UnreadableFile,
                path,
                format!("{what}, not a regular file: it was not read"),
            )
            .hint(hint)
        }
        Err(err) => unreadable(path, &err),
        Ok(Kind::Folder | Kind::File) => unreachable!("folders and files are read"),
    }
}

/// A symbolic link on disk, named with where it points.
fn link(path: &Path) -> Finding {
    let target = fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "somewhere unreadable".to_string());
    layout::symbolic_link(path, &target)
}

fn unreadable(path: &Path, err: &std::io::Error) -> Finding {
    let hint = if err.kind() == std::io::ErrorKind::PermissionDenied {
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
