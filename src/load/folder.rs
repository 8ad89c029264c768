//! The working tree: which folder is the plan, listing it, and reading its
//! files within limits.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::Read;
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
        let names = match visible_names(&dir) {
            Ok(names) => names,
            Err(err) => {
                let mut finding = unreadable(&dir, &err);
                finding.location = None; // a folder has no lines
                return layout.findings.push(finding);
            }
        };
        for name in names {
            let relative = Path::new(folder).join(&name);
            match fs::metadata(dir.join(&name)) {
                Err(err) => layout.findings.push(unreadable(&dir.join(&name), &err)),
                Ok(meta) if meta.is_dir() => layout
                    .findings
                    .push(layout::misplaced(&dir.join(&name), true)),
                Ok(_) => layout.add(&self.root, &relative),
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
        let names = visible_names(&self.root)
            .with_context(|| format!("failed to list the plan folder `{}`", self.root.display()))?;
        for name in names {
            let path = self.root.join(&name);
            match fs::metadata(&path) {
                Err(err) => layout.findings.push(unreadable(&path, &err)),
                Ok(meta) if meta.is_dir() => self.scan_section(&name, &mut layout),
                Ok(_) => layout.add(&self.root, Path::new(&name)),
            }
        }
        layout.recommendations.sort();
        Ok(layout)
    }

    /// The whole file, unless it is missing, not a regular file, or too large
    /// (then it is not read at all).
    fn read(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>> {
        let path = self.root.join(relative);
        let metadata = fs::metadata(&path).map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => missing_file(&path),
            _ => Box::new(unreadable(&path, &err)),
        })?;
        if !metadata.is_file() {
            let hint = "plan files must be ordinary text files";
            return Err(Box::new(
                Finding::new(Check::UnreadableFile, &path, "not a regular file")
                    .whole_file()
                    .hint(hint),
            ));
        }
        if metadata.len() > text::MAX_FILE_BYTES {
            return Err(Box::new(text::too_large(&path, metadata.len())));
        }
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        File::open(&path)
            .and_then(|f| f.take(text::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|err| Box::new(unreadable(&path, &err)))?;
        Ok(bytes)
    }
}

/// Names in a folder, sorted, without hidden ones (`.git`, `.gitignore`,
/// editor swap files).
fn visible_names(dir: &Path) -> std::io::Result<Vec<OsString>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        if !name.to_string_lossy().starts_with('.') {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
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
