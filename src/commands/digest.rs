//! `actionplan digest`: the committee paper, as markdown (for pandoc), as
//! one printable HTML page, or as a Word document.

use std::path::Path;

use anyhow::Result;
use clap::ValueEnum;

use super::filter::Selection;
use super::{Environment, Outcome, emit};
use crate::cli::{DigestArgs, DigestFormat};
use crate::digest::{self, Digest, Scope};
use crate::error::UsageError;
use crate::git;
use crate::history::Change;
use crate::render::{digest as paper, document, docx, html};
use chrono::NaiveDate;

pub fn run(env: &Environment, args: &DigestArgs) -> Result<Outcome> {
    // Refusals first, so a refused command has changed nothing.
    let format = format(args)?;
    if format == DigestFormat::Docx {
        super::refuse_terminal(
            args.output.path.as_deref(),
            "a Word document",
            "write it to a file: actionplan digest --format docx -o digest.docx, or redirect: > digest.docx",
        )?;
    }
    if env.at.is_none() {
        // A paper says which commit it is made from: a change a killed
        // update left half done is settled first.
        super::commit::recover_if_interrupted(env)?;
    }
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let (plan, filter, as_of) = (selection.plan, &selection.filter, selection.as_of);
    let since = digest::since(plan, as_of, args.since).0;
    let scope = Scope {
        as_of,
        since: args.since,
        filter,
        provenance: provenance(env)?,
        changes: recorded_changes(env, since, as_of)?,
        trajectory: recorded_trajectory(env, &selection)?,
    };
    let digest = digest::build(plan, scope);
    emit(args.output.path.as_deref(), |out| {
        write(out, &digest, format)
    })?;
    Ok(Outcome::Success)
}

/// The paper in `format`, part by part, so a paper of a very large plan
/// never sits whole in memory.
fn write(
    mut out: &mut dyn std::io::Write,
    digest: &Digest,
    format: DigestFormat,
) -> std::io::Result<()> {
    match format {
        DigestFormat::Markdown => {
            paper::sections(digest).try_for_each(|part| document::write_markdown(&mut out, &part))
        }
        DigestFormat::Html => {
            html::write_start(&mut out, &paper::title(digest), &paper::footer(digest))?;
            paper::sections(digest).try_for_each(|part| html::write_blocks(&mut out, &part))?;
            html::write_end(&mut out)
        }
        DigestFormat::Docx => {
            let footer = format!("Made from {}", paper::made_from(digest));
            let mut word = docx::Paper::start(out, &paper::title(digest), &footer)?;
            paper::sections(digest).try_for_each(|part| word.write_blocks(&part))?;
            word.finish()
        }
    }
}

/// The format asked for; else the one the extension of `-o FILE` names
/// (`.md`, `.html`, `.docx`); else markdown. A format that contradicts
/// the extension is refused: a `.docx` holding markdown opens in no Word.
fn format(args: &DigestArgs) -> Result<DigestFormat> {
    let path = args.output.path.as_deref();
    let named = path.and_then(named_format);
    match (args.format, named) {
        (Some(asked), Some(named)) if asked != named => {
            let asked_name = asked.to_possible_value().map(|v| v.get_name().to_string());
            let file = path.map(Path::display).map(|p| p.to_string());
            Err(UsageError::with_hint(
                format!(
                    "--format {} does not match the file `{}`",
                    asked_name.unwrap_or_default(),
                    file.unwrap_or_default()
                ),
                "leave out --format (the extension chooses), or give the file the format's extension",
            )
            .into())
        }
        (Some(asked), _) => Ok(asked),
        (None, named) => Ok(named.unwrap_or(DigestFormat::Markdown)),
    }
}

/// The format a file's extension names, in any case.
fn named_format(path: &Path) -> Option<DigestFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "md" | "markdown" => Some(DigestFormat::Markdown),
        "html" | "htm" => Some(DigestFormat::Html),
        "docx" => Some(DigestFormat::Docx),
        _ => None,
    }
}

/// The commit the paper is made from: `--at`'s, else the working tree's.
pub(super) fn provenance(env: &Environment) -> Result<git::Provenance> {
    match env.at_commit()? {
        None => git::provenance(&env.plan_dir, env.zone),
        Some((hash, date)) => Ok(git::Provenance::Commit {
            hash: hash.clone(),
            date: *date,
            dirty: false,
        }),
    }
}

/// The selected actions' trajectory, or why it cannot be told.
fn recorded_trajectory(
    env: &Environment,
    selection: &Selection,
) -> Result<Result<crate::trajectory::Trajectory, String>> {
    if let Some(why) = no_history(env)? {
        return Ok(Err(
            why.replace("its changes", "its statuses at past meetings")
        ));
    }
    if env.at.is_none() && git::head(&env.plan_dir)?.is_none() {
        return Ok(Err(
            "The plan has no commit yet, so it has no history.".to_string()
        ));
    }
    let rows = selection.rows();
    super::trajectory::read(env, selection, &rows).map(Ok)
}

/// Why the plan's history cannot be read, if it cannot: not in git, or a
/// shallow clone.
fn no_history(env: &Environment) -> Result<Option<String>> {
    if !git::is_repository(&env.plan_dir)? {
        return Ok(Some(
            "The plan is not kept in git, so its changes cannot be listed.".to_string(),
        ));
    }
    if git::is_shallow(&env.plan_dir)? {
        return Ok(Some(
            "This copy of the repository has only part of its history (a shallow clone), \
            so its changes cannot be listed; `git fetch --unshallow` brings the rest."
                .to_string(),
        ));
    }
    Ok(None)
}

/// What git recorded after the end of `since` up to `as_of` (and no later
/// than `--at`), or why it cannot be told.
fn recorded_changes(
    env: &Environment,
    since: NaiveDate,
    as_of: NaiveDate,
) -> Result<Result<Vec<Change>, String>> {
    if let Some(why) = no_history(env)? {
        return Ok(Err(why));
    }
    let upper = match env.at_commit()? {
        Some((hash, _)) => Some(hash.clone()),
        None => git::commit_on_or_before(&env.plan_dir, as_of, env.zone)?,
    };
    let Some(upper) = upper else {
        return Ok(Ok(Vec::new()));
    };
    let range = match git::commit_on_or_before(&env.plan_dir, since, env.zone)? {
        Some(start) => format!("{start}..{upper}"),
        None => upper,
    };
    super::changes::recorded(env, &range, ".".as_ref()).map(Ok)
}
