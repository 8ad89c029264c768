//! Each action's course across the committee's meetings: its status as
//! recorded at each one, its moved deadlines, and the flags a scrutiny
//! committee asks about (contradictions, stuck, deteriorating). A pure
//! function over file versions already read from git; every definition
//! here is written once in docs/OUTPUT.md ("`trajectory`").

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::git::Commit;
use crate::history::Versions;
use crate::model::{Action, Plan, Recommendation, Settings, Update};
use crate::query::Row;
use crate::status::Status;

mod columns;
mod flags;

pub use columns::{Basis, Columns, PERIOD_ENDS, columns};
use flags::{complete_then_otherwise, longest_no_data, overdue_on_track};
pub use flags::{is_deteriorating, is_stuck, is_worse, rank};

/// What a column says of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// The action was not in the plan then (its file or its `[[actions]]`
    /// table not yet committed, removed, or unreadable).
    Absent,
    /// Open, and no update dated in the column's period.
    NoData,
    Status(Status),
}

impl Cell {
    /// The canonical word, "no data", or nothing.
    pub fn word(self) -> &'static str {
        match self {
            Cell::Absent => "",
            Cell::NoData => "no data",
            Cell::Status(status) => status.as_str(),
        }
    }
}

/// A due date moved by a commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    /// The day of the commit that moved it.
    pub date: NaiveDate,
    pub commit: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The note of the update recorded with the move.
    pub reason: Option<String>,
}

impl Move {
    /// Later is positive; brought forward is negative.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days()
    }
}

/// A record that contradicts itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contradiction {
    /// On track at a column while overdue on that day.
    OverdueOnTrack { column: NaiveDate },
    /// Complete at a column; an update dated after it says otherwise.
    CompleteThenOtherwise {
        column: NaiveDate,
        update: NaiveDate,
        status: Status,
    },
    /// A due date moved with no reason recorded.
    MovedWithoutReason {
        date: NaiveDate,
        from: NaiveDate,
        to: NaiveDate,
    },
}

impl Contradiction {
    /// The day it is dated: the column's, the update's, the move's.
    pub fn date(&self) -> NaiveDate {
        match self {
            Contradiction::OverdueOnTrack { column } => *column,
            Contradiction::CompleteThenOtherwise { update, .. } => *update,
            Contradiction::MovedWithoutReason { date, .. } => *date,
        }
    }

    /// "on_track while overdue at 2009-06-30".
    pub fn describe(&self) -> String {
        match self {
            Contradiction::OverdueOnTrack { column } => {
                format!("on_track while overdue at {column}")
            }
            Contradiction::CompleteThenOtherwise {
                column,
                update,
                status,
            } => format!("complete at {column}, then {status} in an update of {update}"),
            Contradiction::MovedWithoutReason { date, from, to } => {
                format!("due moved {from} → {to} on {date} with no reason")
            }
        }
    }
}

/// One action's course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Course {
    /// One per column.
    pub cells: Vec<Cell>,
    /// The status recorded at each column, reported or not; `None` where
    /// the action was not recorded. The flags go by these.
    pub statuses: Vec<Option<Status>>,
    /// As recorded at the end of the as-of date; `None` when not recorded.
    pub latest: Option<Status>,
    /// Every move of its due date committed on or before the as-of date.
    pub moves: Vec<Move>,
    pub longest_no_data: usize,
    pub contradictions: Vec<Contradiction>,
    pub stuck: bool,
    pub deteriorating: bool,
}

impl Course {
    /// The sum of every move's days.
    pub fn days_moved(&self) -> i64 {
        self.moves.iter().map(Move::days).sum()
    }

    pub fn is_flagged(&self) -> bool {
        !self.contradictions.is_empty() || self.stuck || self.deteriorating
    }
}

/// The selected actions' courses, in the order of `rows`.
pub struct Trajectory {
    pub columns: Columns,
    pub courses: Vec<Course>,
}

/// One version of a file, as a commit left it.
#[derive(Clone, Copy)]
pub struct FileVersion<'v> {
    /// The day of the commit, in the plan's time zone.
    pub date: NaiveDate,
    pub commit: &'v str,
    /// `None` when the commit deleted the file or left it unreadable.
    pub recommendation: Option<&'v Recommendation>,
}

/// Each recommendation file's versions, in commit order.
pub fn timelines<'v>(
    commits: &'v [Commit],
    versions: &'v Versions,
) -> HashMap<&'v Path, Vec<FileVersion<'v>>> {
    let mut files: HashMap<&Path, Vec<FileVersion>> = HashMap::new();
    for commit in commits {
        for change in &commit.changes {
            let Some(parsed) = versions_of(versions, change.after.as_deref(), &change.before)
            else {
                continue;
            };
            files
                .entry(change.path.as_path())
                .or_default()
                .push(FileVersion {
                    date: commit.date,
                    commit: &commit.hash,
                    recommendation: parsed,
                });
        }
    }
    files
}

/// A change to a recommendation file: `Some(version)`; a change to any
/// other file: `None`.
fn versions_of<'v>(
    versions: &'v Versions,
    after: Option<&str>,
    before: &Option<String>,
) -> Option<Option<&'v Recommendation>> {
    match after {
        Some(id) => versions.get(id).map(Option::as_ref),
        // Deleted: a recommendation file if its last version was read.
        None => before
            .as_deref()
            .filter(|id| versions.contains_key(*id))
            .map(|_| None),
    }
}

/// The trajectory of `rows` (actions of `plan`) as of `as_of`, from the
/// versions of their files that `commits` made.
pub fn build(
    plan: &Plan,
    rows: &[Row],
    commits: &[Commit],
    versions: &Versions,
    as_of: NaiveDate,
) -> Trajectory {
    let columns = columns(&plan.settings, as_of);
    let files = timelines(commits, versions);
    let courses = rows
        .iter()
        .map(|row| {
            let path = plan.relative_path(row.recommendation.file);
            let timeline = files.get(path).map(Vec::as_slice).unwrap_or_default();
            course(timeline, row.index, &columns, &plan.settings, as_of)
        })
        .collect();
    Trajectory { columns, courses }
}

/// Action `index` as the last version committed on or before `date` has it.
fn action_on<'v>(
    timeline: &[FileVersion<'v>],
    index: usize,
    date: NaiveDate,
) -> Option<&'v Action> {
    let version = timeline.iter().rfind(|v| v.date <= date)?;
    version.recommendation?.actions.get(index)
}

/// One action's course through `columns`.
pub fn course(
    timeline: &[FileVersion],
    index: usize,
    columns: &Columns,
    settings: &Settings,
    as_of: NaiveDate,
) -> Course {
    let recorded: Vec<Option<&Action>> = columns
        .dates
        .iter()
        .map(|d| action_on(timeline, index, *d))
        .collect();
    let cells: Vec<Cell> = recorded
        .iter()
        .enumerate()
        .map(|(k, action)| cell(*action, columns.window(k)))
        .collect();
    let statuses: Vec<Option<Status>> =
        recorded.iter().map(|a| a.map(|a| a.status.value)).collect();
    let latest = action_on(timeline, index, as_of);
    let moves = moves(timeline, index, as_of);
    let mut contradictions = overdue_on_track(&recorded, columns, settings);
    contradictions.extend(complete_then_otherwise(&statuses, columns, latest, as_of));
    contradictions.extend(moves.iter().filter(|m| m.reason.is_none()).map(|m| {
        Contradiction::MovedWithoutReason {
            date: m.date,
            from: m.from,
            to: m.to,
        }
    }));
    Course {
        longest_no_data: longest_no_data(&cells),
        stuck: is_stuck(&statuses),
        deteriorating: is_deteriorating(&statuses),
        cells,
        statuses,
        latest: latest.map(|a| a.status.value),
        moves,
        contradictions,
    }
}

/// The cell of an action as recorded at the end of a window `(from, to]`.
pub fn cell(action: Option<&Action>, (from, to): (NaiveDate, NaiveDate)) -> Cell {
    let Some(action) = action else {
        return Cell::Absent;
    };
    let status = action.status.value;
    let reported = action
        .updates
        .iter()
        .any(|u| u.date.value > from && u.date.value <= to);
    if status.is_open() && !reported {
        Cell::NoData
    } else {
        Cell::Status(status)
    }
}

/// Every change of the action's due date from one date to another, in
/// commit order, committed on or before `as_of`.
fn moves(timeline: &[FileVersion], index: usize, as_of: NaiveDate) -> Vec<Move> {
    let mut moves = Vec::new();
    let mut before: Option<&Action> = None;
    for version in timeline.iter().filter(|v| v.date <= as_of) {
        let Some(after) = version.recommendation.and_then(|r| r.actions.get(index)) else {
            continue;
        };
        let due = |a: &Action| a.due.as_ref().map(|d| d.value);
        if let (Some(from), Some(to)) = (before.and_then(due), due(after))
            && from != to
        {
            moves.push(Move {
                date: version.date,
                commit: version.commit.to_string(),
                from,
                to,
                reason: reason(before.map_or(&[], |b| &b.updates), &after.updates, to),
            });
        }
        before = Some(after);
    }
    moves
}

/// The reason recorded with a move: the note of an update the moving
/// commit added, preferring one that gives the new date.
fn reason(old: &[Update], new: &[Update], to: NaiveDate) -> Option<String> {
    let said = |u: &Update| {
        (
            u.date.value,
            u.status.as_ref().map(|s| s.value),
            u.due.as_ref().map(|d| d.value),
            u.note.clone(),
        )
    };
    let mut unmatched: Vec<_> = old.iter().map(said).collect();
    let mut added = Vec::new();
    for update in new {
        match unmatched.iter().position(|o| *o == said(update)) {
            Some(found) => {
                unmatched.remove(found);
            }
            None => added.push(update),
        }
    }
    added.retain(|u| u.note.as_deref().is_some_and(|n| !n.trim().is_empty()));
    let giving_date = |u: &&&Update| u.due.as_ref().is_some_and(|d| d.value == to);
    added
        .iter()
        .find(giving_date)
        .or(added.first())
        .and_then(|u| u.note.as_deref())
        .map(|n| n.trim().to_string())
}

#[cfg(test)]
mod tests;
