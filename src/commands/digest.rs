//! `actionplan digest`: the committee paper, as markdown (for pandoc and
//! Word) or as one printable HTML page.

use anyhow::Result;

use super::{Environment, Outcome, emit_bytes, filter, open_plan};
use crate::cli::{DigestArgs, DigestFormat};
use crate::digest::{self, Scope};
use crate::git;
use crate::render::{digest as paper, document, html};
use crate::roster::Roster;

pub fn run(env: &Environment, args: &DigestArgs) -> Result<Outcome> {
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let roster = Roster::new(&plan.officers);
    let filter = filter::resolve(plan, &roster, &args.filter)?;
    let scope = Scope {
        as_of: env.as_of(args.as_of.as_of),
        since: args.since,
        filter: &filter,
        provenance: git::provenance(&env.plan_dir)?,
    };
    let digest = digest::build(plan, scope);
    let blocks = paper::blocks(&digest);
    let mut bytes = Vec::new();
    match args.format {
        DigestFormat::Markdown => document::write_markdown(&mut bytes, &blocks)?,
        DigestFormat::Html => html::write(&mut bytes, &paper::title(&digest), &blocks)?,
    }
    emit_bytes(args.output.path.as_deref(), &bytes)?;
    Ok(Outcome::Success)
}
