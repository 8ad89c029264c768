//! Registering `actionplan merge-driver` with git: the attribute that
//! sends plan files to it (`.gitattributes` in the plan folder, committed,
//! so every clone has it) and the driver's command (`merge.actionplan.*`
//! in the clone's own config, which git never shares).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{git, git_ok, text};

/// The line in the plan folder's `.gitattributes`.
pub const ATTRIBUTE: &str = "*.toml merge=actionplan";

/// The command git runs, with the binary at `exe`.
pub fn driver_command(exe: &Path) -> String {
    let quoted = format!("'{}'", exe.display().to_string().replace('\'', r"'\''"));
    format!("{quoted} merge-driver %O %A %B %P")
}

/// Sets `merge.actionplan.name` and `.driver` in this clone's config.
pub fn configure(plan_dir: &Path, exe: &Path) -> Result<()> {
    git_ok(
        plan_dir,
        &[
            "config",
            "merge.actionplan.name",
            "actionplan: plan files merged by field",
        ],
    )?;
    git_ok(
        plan_dir,
        &["config", "merge.actionplan.driver", &driver_command(exe)],
    )?;
    Ok(())
}

/// The driver command this clone's config names, if any.
pub fn configured(plan_dir: &Path) -> Result<Option<String>> {
    let output = git(plan_dir, &["config", "--get", "merge.actionplan.driver"])?;
    Ok(output.status.success().then(|| text(&output.stdout)))
}

/// Whether git sends `relative` (a plan file) to the driver.
pub fn attribute_set(plan_dir: &Path, relative: &str) -> Result<bool> {
    let output = git_ok(plan_dir, &["check-attr", "merge", "--", relative])?;
    Ok(text(&output).ends_with(": merge: actionplan"))
}

/// The plan folder's `.gitattributes` with [`ATTRIBUTE`] in it: `None`
/// when it is there already, else the file's new text.
pub fn attributes_with_driver(plan_dir: &Path) -> Result<(PathBuf, Option<String>)> {
    let path = plan_dir.join(".gitattributes");
    let old = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err).with_context(|| format!("cannot read `{}`", path.display())),
    };
    if old.lines().any(|l| l.trim() == ATTRIBUTE) {
        return Ok((path, None));
    }
    let mut new = old;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(
        "# Plan files merge by field: `actionplan merge-driver` (see `actionplan doctor`).\n",
    );
    new.push_str(ATTRIBUTE);
    new.push('\n');
    Ok((path, Some(new)))
}
