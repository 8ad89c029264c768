//! `actionplan history REF`: every commit that changed a recommendation,
//! field by field, oldest first — even after the file was deleted.

use std::path::PathBuf;

use anyhow::Result;

use super::changes::{CSV, TABLE};
use super::output::{self, plural};
use super::{Environment, Outcome};
use crate::cli::HistoryArgs;
use crate::error::UsageError;
use crate::git;
use crate::reference::Address;

pub fn run(env: &Environment, args: &HistoryArgs) -> Result<Outcome> {
    let address = Address::parse(&args.reference).map_err(UsageError::new)?;
    let reference = &address.reference;
    git::require_full_history(&env.plan_dir)?;
    // The tool never moves files: a ref's file has one path for all time.
    let path = file_of(&env.plan_dir, reference);
    refuse_missing_action(env, &address, &path)?;
    let mut changes = super::changes::recorded(env, "HEAD", &path)?;
    if address.action.is_some() {
        let asked = address.to_string();
        changes.retain(|c| c.address == asked || c.address == c.reference);
    }
    output::emit(env, args.format.format, TABLE, CSV, &changes)?;
    let commits = {
        let mut hashes: Vec<_> = changes.iter().map(|c| &c.commit).collect();
        hashes.dedup();
        hashes.len()
    };
    let line = format!(
        "{} in {} to {address} ({})",
        plural(changes.len(), "change", "changes"),
        plural(commits, "commit", "commits"),
        path.display()
    );
    output::footnote(env, args.format.format, &line)?;
    Ok(Outcome::Success)
}

/// `history 1.2z` when 1.2 has three actions: a usage error, judged by the
/// file as it is now (a deleted recommendation's letters are not known).
fn refuse_missing_action(
    env: &Environment,
    address: &Address,
    path: &std::path::Path,
) -> Result<()> {
    let Some(index) = address.action else {
        return Ok(());
    };
    let Ok(bytes) = std::fs::read(env.plan_dir.join(path)) else {
        return Ok(());
    };
    let Some(rec) = crate::load::parse_recommendation(path, &bytes) else {
        return Ok(());
    };
    if index < rec.actions.len() {
        return Ok(());
    }
    let letters =
        crate::reference::action_letter(rec.actions.len().saturating_sub(1)).unwrap_or('a');
    Err(UsageError::with_hint(
        format!(
            "{} has no action {}",
            rec.reference.value,
            crate::reference::action_letter(index).unwrap_or('?')
        ),
        format!(
            "its actions are a to {letters}; `actionplan history {}` shows them all",
            rec.reference.value
        ),
    )
    .into())
}

/// The file a ref is kept in: a dotted ref's is fixed by its section; a
/// named ref's is at the top of the plan or in the section folder that
/// holds it.
fn file_of(plan_dir: &std::path::Path, reference: &crate::reference::Ref) -> PathBuf {
    if let Some(section) = reference.section() {
        return reference.path_in(section);
    }
    let top = reference.path_in("");
    if plan_dir.join(&top).exists() {
        return top;
    }
    let folders = std::fs::read_dir(plan_dir).into_iter().flatten().flatten();
    folders
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| reference.path_in(&entry.file_name().to_string_lossy()))
        .find(|path| plan_dir.join(path).is_file())
        .unwrap_or(top)
}
