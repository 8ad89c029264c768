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
use crate::history;
use crate::reference::Address;

pub fn run(env: &Environment, args: &HistoryArgs) -> Result<Outcome> {
    let address = Address::parse(&args.reference).map_err(UsageError::new)?;
    let reference = &address.reference;
    git::require_full_history(&env.plan_dir)?;
    git::require_commit(&env.plan_dir, "HEAD")?;
    // The tool never moves files: a ref's file has one path for all time.
    let path = PathBuf::from(reference.section()).join(format!("{reference}.toml"));
    let mut changes = history::read(&env.plan_dir, "HEAD", &path)?;
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
