//! `actionplan hook install`: a git pre-commit hook that refuses a commit
//! which would give the plan errors.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use anyhow::{Context, Result};

use super::{Environment, Outcome};
use crate::cli::{HookAction, HookArgs};
use crate::error::UsageError;
use crate::git;

pub fn run(env: &Environment, args: &HookArgs) -> Result<Outcome> {
    let HookAction::Install { force } = args.action;
    git::require_repository(&env.plan_dir)?;
    register_merge_driver(env)?;
    let hook = git::hook_path(&env.plan_dir, "pre-commit")?;
    // Shown from the current folder when it is below it: `.git/hooks/…`.
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = hook.strip_prefix(&cwd).unwrap_or(&hook).to_path_buf();
    if git::hooks_folder_is_link(&env.plan_dir)? {
        return Err(UsageError::with_hint(
            format!(
                "the hooks folder `{}` is a symbolic link, shared with other repositories: \
                 a hook for this plan is not written into it",
                hook.parent().unwrap_or(&hook).display()
            ),
            "add `actionplan check --staged` to the pre-commit hook there yourself",
        )
        .into());
    }
    if let Ok(target) = std::fs::read_link(&hook) {
        return Err(UsageError::with_hint(
            format!(
                "`{}` is a symbolic link (to `{}`): a hook kept elsewhere is not replaced",
                shown.display(),
                target.display()
            ),
            "add `actionplan check --staged` to the hook it points to, or remove the link",
        )
        .into());
    }
    if hook.exists() && !force {
        return Err(UsageError::with_hint(
            format!("`{}` exists already", shown.display()),
            "add --force to replace it, or call `actionplan check --staged` from it yourself",
        )
        .into());
    }
    let script = script(
        &git::relative_to_top(&env.plan_dir)?,
        &std::env::current_exe()?,
    );
    if let Some(folder) = hook.parent() {
        std::fs::create_dir_all(folder)?;
    }
    std::fs::write(&hook, script)
        .with_context(|| format!("failed to write `{}`", hook.display()))?;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))?;
    if !env.quiet {
        writeln!(
            super::human_out(false),
            "installed {}: each commit now runs `actionplan check --staged`",
            shown.display()
        )?;
    }
    Ok(Outcome::Success)
}

/// Registers `actionplan merge-driver` for the plan's files: this clone's
/// config, and the plan folder's `.gitattributes`, committed alone so
/// every clone that pulls it merges plan files by field.
pub fn register_merge_driver(env: &Environment) -> Result<()> {
    git::driver::configure(&env.plan_dir, &std::env::current_exe()?)?;
    let (path, text) = git::driver::attributes_with_driver(&env.plan_dir)?;
    let Some(text) = text else {
        return Ok(());
    };
    let relative = Path::new(".gitattributes");
    let tracked = git::committed_blob(&env.plan_dir, "HEAD", relative)?.is_some();
    crate::edit::write_atomically(&path, text.as_bytes())?;
    let added: &[&Path] = if tracked { &[] } else { &[relative] };
    let message = "Merge plan files by field with `actionplan merge-driver`\n";
    git::commit_files(&env.plan_dir, &[relative], added, message)
        .with_context(|| format!("`{}` was written but not committed", path.display()))?;
    if !env.quiet {
        writeln!(
            super::human_out(false),
            "registered the merge driver: committed {} and set merge.actionplan.driver",
            path.display()
        )?;
    }
    Ok(())
}

/// The hook: `actionplan` from `PATH`, else the binary that installed it.
fn script(plan: &Path, installer: &Path) -> String {
    let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', r"'\''"));
    format!(
        "#!/bin/sh\n\
         # Installed by `actionplan hook install`: refuses a commit that would give\n\
         # the plan errors. Delete this file to stop it; `git commit --no-verify`\n\
         # skips it once.\n\
         if command -v actionplan >/dev/null 2>&1; then\n  \
           actionplan=actionplan\n\
         else\n  \
           actionplan={}\n\
         fi\n\
         exec \"$actionplan\" --plan {} --color never check --staged --quiet\n",
        quote(installer),
        quote(plan),
    )
}
