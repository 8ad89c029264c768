//! `actionplan resolve REF --take mine|theirs|VALUE`: settles a field two
//! clones changed differently, as the merge driver marked it, then
//! finishes the merge (or rebase) when nothing else is left conflicted.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{Environment, Outcome, commit};
use crate::cli::ResolveArgs;
use crate::error::UsageError;
use crate::finding::{Check, Severity};
use crate::git;
use crate::merge::markers::{self, Block};

pub fn run(env: &Environment, args: &ResolveArgs) -> Result<Outcome> {
    let _lock = commit::lock(env)?;
    let files = git::sync::unmerged(&env.plan_dir)?;
    let (relative, text, block) = find(env, args, &files)?;
    let chosen = chosen_lines(&block, &args.take)?;
    let mut new = text.clone();
    new.replace_range(block.range.clone(), &chosen);
    let path = env.plan_dir.join(&relative);
    crate::edit::write_atomically(&path, new.as_bytes())?;
    let said = format!(
        "{} {}: took {}",
        block.address,
        block.field,
        describe(&args.take)
    );
    if !markers::blocks(&new).is_empty() || new.lines().any(|l| l.starts_with("<<<<<<<")) {
        commit::say(
            env,
            &format!(
                "{said}; `{}` has more conflicts: run `actionplan check`",
                path.display()
            ),
        )?;
        return Ok(Outcome::Success);
    }
    let others: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|f| Path::new(f) != relative)
        .collect();
    if !others.is_empty() {
        // The plan is checked whole once the last conflict is settled;
        // until then, the settled file on its own, so that a resolution
        // giving it an error is refused now rather than leaving the last
        // file's resolutions refused for an error nobody can reach.
        if !settled_file_is_sound(env, &relative)? {
            crate::edit::write_atomically(&path, text.as_bytes())?;
            anyhow::bail!(
                "the resolution would give `{}` the errors above; it is as it was",
                path.display()
            );
        }
        git::sync::stage(&env.plan_dir, &relative)?;
        let left = others.join(", ");
        commit::say(env, &format!("{said}; still conflicted: {left}"))?;
        return Ok(Outcome::Success);
    }
    if super::open_plan(env)?.is_none() {
        crate::edit::write_atomically(&path, text.as_bytes())?;
        anyhow::bail!(
            "the resolution would leave the plan with the errors above; `{}` is as it was",
            path.display()
        );
    }
    git::sync::stage(&env.plan_dir, &relative)?;
    match git::operation(&env.plan_dir)? {
        Some(operation) => {
            let done = operation.name();
            match git::sync::conclude(&env.plan_dir, operation)? {
                git::sync::Concluded::Finished => commit::say(
                    env,
                    &format!("{said}; committed: {done} is finished (`actionplan sync` sends it)"),
                )?,
                git::sync::Concluded::StoppedAgain(files) => commit::say(
                    env,
                    &format!(
                        "{said}; committed: {done} went on and stopped at the next commit's \
                         conflicts, in {}: `actionplan check` names them",
                        files.join(", ")
                    ),
                )?,
            }
        }
        None => commit::say(env, &format!("{said}; staged"))?,
    }
    Ok(Outcome::Success)
}

/// Whether `relative`, just settled while other files are still
/// conflicted, has no error of its own; its errors written if not.
fn settled_file_is_sound(env: &Environment, relative: &Path) -> Result<bool> {
    let (_, findings) = super::check::checked_plan(env, env.today)?;
    let own: Vec<_> = findings
        .into_iter()
        .filter(|f| f.severity() == Severity::Error && f.check != Check::ConflictMarkers)
        .filter(|f| f.path.ends_with(relative))
        .collect();
    if own.is_empty() {
        return Ok(true);
    }
    crate::render::diagnostics::write_text(&mut super::err_out(), &own, false)?;
    Ok(false)
}

fn describe(take: &str) -> String {
    match take {
        "mine" | "theirs" => take.to_string(),
        value => format!("the value {value}"),
    }
}

/// The conflicted plan file holding the one conflict `args` names.
fn find(
    env: &Environment,
    args: &ResolveArgs,
    files: &[String],
) -> Result<(PathBuf, String, Block)> {
    let wanted = |b: &Block| {
        let address = b.address.as_str();
        let named = address == args.reference
            || address.strip_suffix(|c: char| c.is_ascii_lowercase())
                == Some(args.reference.as_str());
        named && args.field.as_deref().is_none_or(|f| f == b.field)
    };
    let mut found = Vec::new();
    for file in files.iter().filter(|f| f.ends_with(".toml")) {
        let path = env.plan_dir.join(file);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        for block in markers::blocks(&text).into_iter().filter(wanted) {
            found.push((PathBuf::from(file), text.clone(), block));
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(UsageError::with_hint(
            format!("no conflict for {} is left in the plan", args.reference),
            "`actionplan check` lists the conflicts; `git status` the conflicted files",
        )
        .into()),
        _ => {
            let fields: Vec<String> = found
                .iter()
                .map(|(_, _, b)| format!("{} {}", b.address, b.field))
                .collect();
            Err(UsageError::with_hint(
                format!(
                    "{} has {} conflicts: {}",
                    args.reference,
                    found.len(),
                    fields.join(", ")
                ),
                "say which with --field, or a letter: 2.7b",
            )
            .into())
        }
    }
}

/// The lines that replace the block: one side's, or the field set to a
/// value (read as TOML when it is a TOML value, else as text).
fn chosen_lines(block: &Block, take: &str) -> Result<String> {
    match take {
        "mine" => Ok(block.mine.clone()),
        "theirs" => Ok(block.theirs.clone()),
        value => {
            let indent: String = block
                .mine
                .lines()
                .chain(block.theirs.lines())
                .next()
                .map(|l| l.chars().take_while(|c| c.is_whitespace()).collect())
                .unwrap_or_default();
            Ok(format!("{indent}{} = {}\n", block.field, toml_value(value)))
        }
    }
}

/// `2009-12-31` and `true` as TOML writes them; other text quoted.
fn toml_value(text: &str) -> String {
    let parsed = format!("v = {text}").parse::<toml_edit::DocumentMut>().ok();
    match parsed.and_then(|d| d.get("v").map(|v| v.to_string())) {
        Some(value) if !text.contains('\n') => value.trim().to_string(),
        _ => toml_edit::Value::from(text).to_string().trim().to_string(),
    }
}
