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
use crate::history::{self, Change};
use crate::render::{digest as paper, document, docx, html};
use crate::trajectory::Trajectory;
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
    let (changes, trajectory) = recorded(env, &selection, since)?;
    let scope = Scope {
        as_of,
        since: args.since,
        filter,
        provenance: provenance(env)?,
        changes,
        trajectory,
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

/// What git tells, or why it cannot.
type Told<T> = Result<T, String>;

/// What git recorded: the changes after the end of `since` up to `as_of`
/// (and no later than `--at`), and the selected actions' trajectory; or
/// why each cannot be told. The history up to `--at` (else HEAD) is read
/// once, in one `git log` and one `git cat-file --batch`, and the changes
/// are those of its commits in the paper's range.
fn recorded(
    env: &Environment,
    selection: &Selection,
    since: NaiveDate,
) -> Result<(Told<Vec<Change>>, Told<Trajectory>)> {
    if let Some(why) = no_history(env)? {
        let also = why.replace(
            "its changes cannot be listed",
            "its statuses at past meetings cannot be told",
        );
        return Ok((Err(why), Err(also)));
    }
    let at = env.at_commit()?.map(|(hash, _)| hash.clone());
    let Some(top) = at
        .clone()
        .map_or_else(|| git::head(&env.plan_dir), |at| Ok(Some(at)))?
    else {
        let none = "The plan has no commit yet, so it has no history.".to_string();
        return Ok((Ok(Vec::new()), Err(none)));
    };
    let read = git::read_history(
        &env.plan_dir,
        &top,
        ".".as_ref(),
        env.zone,
        super::changes::is_recommendation,
    )?;
    let versions = history::parse_versions(&read.commits, &read.objects);
    let rows = selection.rows();
    let trajectory = crate::trajectory::build(
        selection.plan,
        &rows,
        &read.commits,
        &versions,
        selection.as_of,
    );
    let upper = match at {
        Some(at) => Some(at),
        None => git::commit_on_or_before(&env.plan_dir, selection.as_of, env.zone)?,
    };
    let Some(upper) = upper else {
        return Ok((Ok(Vec::new()), Ok(trajectory)));
    };
    let range = match git::commit_on_or_before(&env.plan_dir, since, env.zone)? {
        Some(start) => format!("{start}..{upper}"),
        None => upper,
    };
    // The whole history is the range only when it starts at the root and
    // ends where the history does.
    let wanted = match range == top {
        true => None,
        false => Some(git::commits_in(&env.plan_dir, &range)?),
    };
    let in_range = read
        .commits
        .iter()
        .filter(|c| wanted.as_ref().is_none_or(|w| w.contains(&c.hash)));
    let changes = history::changes_of(in_range, &versions);
    Ok((Ok(changes), Ok(trajectory)))
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
