//! `actionplan digest`: the committee paper, as markdown (for pandoc), as
//! one printable HTML page, or as a Word document.

use std::collections::HashSet;
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
use crate::model::Recommendation;
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
    // The plan, its history and the commit the paper is made from are
    // read at once: none of them needs another.
    env.at_commit()?;
    let as_of = env.as_of(args.as_of.as_of);
    let (selection, history, provenance) = std::thread::scope(|scope| {
        let history = scope.spawn(|| read_history(env, as_of));
        let provenance = scope.spawn(|| provenance(env));
        let selection = Selection::open(env, &args.filter, args.as_of.as_of);
        (
            selection,
            history
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            provenance
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    });
    let Some(selection) = selection? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let (plan, filter, as_of) = (selection.plan, &selection.filter, selection.as_of);
    let since = digest::since(plan, as_of, args.since).0;
    let (changes, trajectory) = recorded(env, &selection, since, history?)?;
    let scope = Scope {
        as_of,
        since: args.since,
        filter,
        provenance: provenance?,
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

/// The history a paper reads.
enum History {
    /// Why it cannot be read: the plan is not in git, or a shallow clone.
    Unreadable(String),
    /// No commit yet.
    Empty,
    Read {
        /// `--at`'s commit, else HEAD: where the history read ends.
        top: String,
        /// The last commit on or before the as-of date (`--at`'s, if given):
        /// where the paper's range ends.
        upper: Option<String>,
        recorded: git::Recorded<Option<Recommendation>>,
    },
}

/// The history up to `--at` (else HEAD), in one `git log` and one `git
/// cat-file --batch`, without the plan: the versions read are those the
/// trajectory looks at (nothing committed after `as_of`) and those the
/// paper's range can hold (`upper` and what it came from).
fn read_history(env: &Environment, as_of: NaiveDate) -> Result<History> {
    if let Some(why) = no_history(env)? {
        return Ok(History::Unreadable(why));
    }
    let at = env.at_commit()?.map(|(hash, _)| hash.clone());
    let Some(top) = at
        .clone()
        .map_or_else(|| git::head(&env.plan_dir), |at| Ok(Some(at)))?
    else {
        return Ok(History::Empty);
    };
    let upper = match at {
        Some(at) => Some(at),
        None => git::commit_on_or_before(&env.plan_dir, as_of, env.zone)?,
    };
    // `None`: every commit.
    let ancestors = match &upper {
        None => Some(HashSet::new()),
        Some(upper) if *upper == top => None,
        Some(upper) => Some(git::commits_in(&env.plan_dir, upper)?),
    };
    let may_be_in_range =
        |commit: &git::Commit| ancestors.as_ref().is_none_or(|a| a.contains(&commit.hash));
    let recorded = git::read_history(
        &env.plan_dir,
        &top,
        ".".as_ref(),
        env.zone,
        |commit, path| {
            (commit.date <= as_of || may_be_in_range(commit))
                && super::changes::is_recommendation(path)
        },
        history::read_version,
    )?;
    Ok(History::Read {
        top,
        upper,
        recorded,
    })
}

/// What git recorded: the changes after the end of `since` up to `as_of`
/// (and no later than `--at`), and the selected actions' trajectory; or
/// why each cannot be told. The changes are those of the history's
/// commits in the paper's range.
fn recorded(
    env: &Environment,
    selection: &Selection,
    since: NaiveDate,
    history: History,
) -> Result<(Told<Vec<Change>>, Told<Trajectory>)> {
    let (top, upper, recorded) = match history {
        History::Unreadable(why) => {
            let also = why.replace(
                "its changes cannot be listed",
                "its statuses at past meetings cannot be told",
            );
            return Ok((Err(why), Err(also)));
        }
        History::Empty => {
            let none = "The plan has no commit yet, so it has no history.".to_string();
            return Ok((Ok(Vec::new()), Err(none)));
        }
        History::Read {
            top,
            upper,
            recorded,
        } => (top, upper, recorded),
    };
    let rows = selection.rows();
    let trajectory = crate::trajectory::build(
        selection.plan,
        &rows,
        &recorded.commits,
        &recorded.versions,
        selection.as_of,
    );
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
    let in_range = recorded
        .commits
        .iter()
        .filter(|c| wanted.as_ref().is_none_or(|w| w.contains(&c.hash)));
    let changes = history::changes_of(in_range, &recorded.versions);
    // Handed back to the system at exit, not freed piece by piece.
    std::mem::forget(recorded);
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
