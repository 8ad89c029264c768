//! Writing a whole new plan folder: every file into a staging folder beside
//! the target, then one rename into place, so a reader never sees half a
//! plan. An existing folder is replaced only when it is a plan folder and
//! holds no git repository: nothing else is ever deleted.

use std::fs;
use std::io::ErrorKind;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::error::UsageError;

const NEW_FOLDER: &str = "choose a new --out folder";

/// Whether `out` may be written: a name that does not exist yet (false),
/// or, with `force`, an existing plan folder (true). Symbolic links are
/// never followed. Refusals are usage errors, and nothing is touched.
pub fn check_replaceable(out: &Path, force: bool) -> Result<bool> {
    if names_itself(out) {
        return Err(refusal(
            out,
            "does not name a folder of its own",
            NEW_FOLDER,
        ));
    }
    // `link/` would be the folder the link points to: look at `link`.
    let metadata = match fs::symlink_metadata(trimmed(out)) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(false),
        Err(err) => return Err(refusal(out, &format!("cannot be read: {err}"), NEW_FOLDER)),
    };
    if metadata.file_type().is_symlink() {
        let why = "is a symbolic link: --out must name the folder itself";
        return Err(refusal(out, why, NEW_FOLDER));
    }
    if !metadata.is_dir() {
        return Err(refusal(out, "exists and is not a folder", NEW_FOLDER));
    }
    if !force {
        let hint = "choose a new --out folder, or add --force to replace a plan folder";
        return Err(refusal(out, "exists already", hint));
    }
    plan_folder_only(out)?;
    Ok(true)
}

/// `--force` replaces a plan folder, never a repository or anything else
/// that happens to be named.
fn plan_folder_only(out: &Path) -> Result<()> {
    if !is_file(&out.join("plan.toml")) {
        let why =
            "is not a plan folder (it holds no plan.toml): --force replaces only a plan folder";
        return Err(refusal(out, why, NEW_FOLDER));
    }
    if let Some(git) = git_inside(out)? {
        let why = format!(
            "holds `{}`: replacing it would delete a git repository and its history",
            git.display()
        );
        return Err(refusal(out, &why, NEW_FOLDER));
    }
    if let Some(other) = foreign_entry(out)? {
        let why = format!(
            "holds `{}`, which is not a plan file: --force replaces only a folder of plan files",
            other.display()
        );
        return Err(refusal(
            out,
            &why,
            "move it out first, or choose a new --out folder",
        ));
    }
    Ok(())
}

/// The first entry of a plan folder that is not part of a plan: anything
/// but plan.toml, officers.toml, section folders of `.toml` files and
/// hidden files (`.gitignore`); a link, a hidden folder, a folder in a
/// section, a table, a bare repository. Links are not followed.
fn foreign_entry(out: &Path) -> Result<Option<PathBuf>> {
    use crate::load::{Role, role};
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        let dir = out.join(&relative);
        for entry in
            fs::read_dir(&dir).with_context(|| format!("failed to read `{}`", dir.display()))?
        {
            let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
            let path = relative.join(entry.file_name());
            let kind = entry
                .file_type()
                .with_context(|| format!("failed to read `{}`", entry.path().display()))?;
            let hidden = role(&path) == Role::Hidden;
            let fits = match (kind.is_dir(), kind.is_file()) {
                (true, _) => !hidden && relative.as_os_str().is_empty(),
                (_, true) => hidden || matches!(role(&path), Role::Known | Role::Recommendation),
                _ => false,
            };
            if !fits {
                return Ok(Some(out.join(path)));
            }
            if kind.is_dir() {
                stack.push(path);
            }
        }
    }
    Ok(None)
}

fn refusal(out: &Path, why: &str, hint: &str) -> anyhow::Error {
    let message = format!("`{}` {why}; nothing was changed", out.display());
    UsageError::with_hint(message, hint).into()
}

/// `.`, `..`, `/` and `plan/.` name a folder only through another name,
/// and cannot be renamed into place.
fn names_itself(out: &Path) -> bool {
    let last = out
        .as_os_str()
        .as_bytes()
        .rsplit(|b| *b == b'/')
        .find(|part| !part.is_empty());
    matches!(last, None | Some(b"." | b".."))
}

/// `path` without trailing slashes.
fn trimmed(path: &Path) -> &Path {
    let bytes = path.as_os_str().as_bytes();
    let end = bytes
        .iter()
        .rposition(|b| *b != b'/')
        .map_or(bytes.len(), |i| i + 1);
    Path::new(std::ffi::OsStr::from_bytes(&bytes[..end]))
}

fn is_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// The first `.git` (a folder, or the file of a worktree or submodule)
/// anywhere in `folder`, not following links.
fn git_inside(folder: &Path) -> Result<Option<PathBuf>> {
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            fs::read_dir(&dir).with_context(|| format!("failed to read `{}`", dir.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
            if entry.file_name() == ".git" {
                return Ok(Some(entry.path()));
            }
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(entry.path());
            }
        }
    }
    Ok(None)
}

/// Writes `files` (paths relative to the folder) as the folder `out`, which
/// [`check_replaceable`] has allowed; `replace` says it exists. New folders
/// and files get the usual permissions (0777 and 0666, less the umask), so
/// colleagues sharing the disk can read the plan.
pub fn write_folder(out: &Path, files: &[(PathBuf, String)], replace: bool) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent)
        .with_context(|| format!("failed to create `{}`", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".actionplan-import.")
        .permissions(fs::Permissions::from_mode(0o777))
        .tempdir_in(parent)
        .map_err(|err| super::cannot_write(parent, err))?;
    for (relative, text) in files {
        let path = staging.path().join(relative);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("failed to create `{}`", folder.display()))?;
        }
        fs::write(&path, text).with_context(|| format!("failed to write `{}`", path.display()))?;
    }
    if replace {
        swap(staging.path(), out, parent)?;
    } else {
        fs::rename(staging.path(), out)
            .with_context(|| format!("failed to move the new plan to `{}`", out.display()))?;
    }
    // Moved into place: nothing left for the staging folder to clean up.
    let _ = staging.keep();
    Ok(())
}

/// Puts `staged` where `out` is: the old folder is moved aside first and
/// removed only once the new one is in place, or moved back if it cannot be.
fn swap(staged: &Path, out: &Path, parent: &Path) -> Result<()> {
    let old = tempfile::Builder::new()
        .prefix(".actionplan-import-old.")
        .tempdir_in(parent)
        .map_err(|err| super::cannot_write(parent, err))?;
    let aside = old.path().join("plan");
    fs::rename(out, &aside).with_context(|| format!("failed to replace `{}`", out.display()))?;
    if let Err(err) = fs::rename(staged, out) {
        let context = match fs::rename(&aside, out) {
            Ok(()) => format!("failed to move the new plan to `{}`", out.display()),
            // Never delete the only copy of the old plan.
            Err(_) => format!(
                "failed to move the new plan to `{}`; the old one is in `{}`",
                out.display(),
                old.keep().join("plan").display()
            ),
        };
        return Err(err).context(context);
    }
    old.close().with_context(|| {
        format!(
            "the new plan is in `{}`, but the old one could not be removed from `{}`",
            out.display(),
            parent.display()
        )
    })
}
