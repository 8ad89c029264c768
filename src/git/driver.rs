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

/// The program a driver command names: its first word, unquoted.
pub fn driver_binary(command: &str) -> Option<std::path::PathBuf> {
    let first = match command.strip_prefix('\'') {
        Some(rest) => rest.split('\'').next()?,
        None => command.split_whitespace().next()?,
    };
    let path = std::path::PathBuf::from(first);
    if path.is_absolute() {
        return Some(path);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(first))
            .find(|p| p.exists())
    })
}

/// Makes sure a merge in this clone sends plan files to the driver, for
/// `sync`, which people run without setting anything up: registers the
/// driver when this clone's config has none (or names a program that is
/// gone), and when no committed `.gitattributes` sends plan files to it,
/// says so in the clone's own `info/attributes`. What it did, in words.
pub fn ensure_for_merge(plan_dir: &Path, exe: &Path) -> Result<Vec<String>> {
    let mut done = Vec::new();
    let working = configured(plan_dir)?
        .as_deref()
        .and_then(driver_binary)
        .is_some_and(|b| b.exists());
    if !working {
        configure(plan_dir, exe)?;
        done.push("registered the merge driver in this clone's git config".to_string());
    }
    if !attribute_set(plan_dir, "plan.toml")? {
        done.push(attribute_locally(plan_dir)?);
    }
    Ok(done)
}

/// Adds the plan's `*.toml` to the clone's `info/attributes`, which git
/// reads but never shares; patterns there start at the repository's top.
fn attribute_locally(plan_dir: &Path) -> Result<String> {
    let Some((prefix, path)) = super::prefix_and_private_path(plan_dir, "info/attributes")? else {
        anyhow::bail!("`{}` is not in a git work tree", plan_dir.display());
    };
    let plain = prefix
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'));
    if !plain {
        return Ok(format!(
            "plan files are not sent to the merge driver, and the plan's folder ({prefix}) has a \
             name an attributes line cannot hold plainly: run `actionplan hook install` to commit \
             {ATTRIBUTE:?} in the plan's .gitattributes"
        ));
    }
    let pattern = if prefix.is_empty() {
        ATTRIBUTE.to_string()
    } else {
        format!("{prefix}**/{ATTRIBUTE}")
    };
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&pattern);
    text.push('\n');
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot make `{}`", parent.display()))?;
    }
    std::fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(format!(
        "plan files now merge through the driver in this clone ({}); `actionplan hook install` \
         commits the same for every clone",
        path.display()
    ))
}
