//! `actionplan changes --since A [--until B]`: every field-level change to
//! the plan between two revisions or dates, grouped by ref.

use std::path::Path;

use anyhow::Result;

use super::output::{self, plural};
use super::{Environment, Outcome};
use crate::cli::ChangesArgs;
use crate::date;
use crate::error::UsageError;
use crate::git;
use crate::history::{self, Change};
use crate::load;
use crate::reference::Ref;
use crate::render::view::Column;

/// What the terminal and markdown show of a change.
pub const TABLE: &[Column<Change>] = &[
    Column::new("Date", |c| c.date.to_string()),
    Column::new("Ref", |c| c.address.clone()),
    Column::new("Change", Change::describe),
    Column::new("By", |c| c.by.clone()),
    Column::new("Commit", |c| c.short_commit().to_string()),
];

/// Every column of a change, for CSV.
pub const CSV: &[Column<Change>] = &[
    Column::new("Date", |c| c.date.to_string()),
    Column::new("Commit", |c| c.commit.clone()),
    Column::new("Author", |c| c.author.clone()),
    Column::new("By", |c| c.by.clone()),
    Column::new("Subject", |c| c.subject.clone()),
    Column::new("Ref", |c| c.reference.clone()),
    Column::new("Address", |c| c.address.clone()),
    Column::new("Field", |c| c.field.to_string()),
    Column::new("From", |c| c.from.clone().unwrap_or_default()),
    Column::new("To", |c| c.to.clone().unwrap_or_default()),
];

pub fn run(env: &Environment, args: &ChangesArgs) -> Result<Outcome> {
    let until = args.until.as_deref().unwrap_or("HEAD");
    let range = range(env, &args.since, until)?;
    let mut changes = recorded(env, &range, ".".as_ref())?;
    if let Some(prefix) = &args.ref_prefix {
        changes.retain(|c| Ref::parse(&c.reference).is_ok_and(|r| r.starts_with(prefix)));
    }
    by_ref(&mut changes);
    output::emit(env, args.format.format, TABLE, CSV, &changes)?;
    let line = format!(
        "{} since {} up to {until}",
        plural(changes.len(), "change", "changes"),
        args.since
    );
    output::footnote(env, args.format.format, &line)?;
    Ok(Outcome::Success)
}

/// `since..until` for git: the plan as it stood at `since` (a revision, or
/// the end of a date) up to `until`. A date before the first commit means
/// the whole history.
pub fn range(env: &Environment, since: &str, until: &str) -> Result<String> {
    let backwards = || -> anyhow::Error {
        UsageError::with_hint(
            format!("--since {since} comes after --until {until}"),
            "give the earlier date or revision to --since",
        )
        .into()
    };
    let since_date = date::parse_iso(since);
    // The commit a date names is looked up while the history is checked:
    // two processes at once, not one after the other.
    let (head, dated) = std::thread::scope(|scope| {
        let dated = since_date.map(|from| {
            scope.spawn(move || git::commit_on_or_before(&env.plan_dir, from, env.zone))
        });
        let head = git::require_full_history(&env.plan_dir);
        let dated = dated.map(|lookup| {
            lookup
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (head, dated)
    });
    let head = head?;
    let until_commit = match until {
        "HEAD" => head,
        _ => git::require_commit(&env.plan_dir, until, env.zone)?.0,
    };
    if since_date.is_some_and(|from| date::parse_iso(until).is_some_and(|to| from > to)) {
        return Err(backwards());
    }
    let start = match dated {
        Some(found) => found?,
        None => Some(git::require_commit(&env.plan_dir, since, env.zone)?.0),
    };
    Ok(match start {
        Some(start) if !git::is_ancestor(&env.plan_dir, &start, &until_commit)? => {
            return Err(backwards());
        }
        Some(start) => format!("{start}..{until_commit}"),
        None => until_commit,
    })
}

/// Every field-level change the commits in `range` made to the plan
/// files under `path` (relative to the plan folder): one `git log`, one
/// `git cat-file --batch`.
pub(super) fn recorded(env: &Environment, range: &str, path: &Path) -> Result<Vec<Change>> {
    let read = git::read_history(
        &env.plan_dir,
        range,
        path,
        env.zone,
        |_, path| is_recommendation(path),
        history::read_version,
    )?;
    let changes = history::changes_of(&read.commits, &read.versions);
    // Handed back to the system at exit, not freed piece by piece.
    std::mem::forget(read);
    Ok(changes)
}

/// Whether a path in the plan folder is a recommendation's file: the
/// files whose versions the history reads.
pub(super) fn is_recommendation(path: &Path) -> bool {
    load::role(path) == load::Role::Recommendation
}

/// Grouped by ref in number order; within a ref, in commit order.
fn by_ref(changes: &mut [Change]) {
    changes.sort_by_cached_key(|c| {
        Ref::parse(&c.reference).map_or_else(
            |_| vec![crate::reference::Part::Number(u64::MAX)],
            |r| r.sort_key(),
        )
    });
}
