//! The flags, each as docs/OUTPUT.md defines it: contradictions, stuck,
//! deteriorating; and the longest run of "no data". Flags go by the
//! status recorded at each column (`None` where the action was not
//! recorded), whether or not an update reported it: "no data" is about
//! reporting, and is counted on its own.

use chrono::NaiveDate;

use super::{Cell, Columns, Contradiction};
use crate::model::{Action, Settings};
use crate::query;
use crate::status::Status;

/// Recorded on track at a column, and overdue (as `overdue` defines it)
/// on that column's day by the action as then recorded.
pub(super) fn overdue_on_track(
    recorded: &[Option<&Action>],
    columns: &Columns,
    settings: &Settings,
) -> Vec<Contradiction> {
    recorded
        .iter()
        .zip(&columns.dates)
        .filter(|(action, date)| {
            action.is_some_and(|a| {
                a.status.value == Status::OnTrack && query::overdue(a, settings, **date).is_some()
            })
        })
        .map(|(_, date)| Contradiction::OverdueOnTrack { column: *date })
        .collect()
}

/// Recorded complete at a column, while the action as recorded at `as_of`
/// has an update dated after that column (up to `as_of`) with another
/// status: the earliest such update, against the last complete column
/// before it.
pub(super) fn complete_then_otherwise(
    statuses: &[Option<Status>],
    columns: &Columns,
    latest: Option<&Action>,
    as_of: NaiveDate,
) -> Option<Contradiction> {
    let mut updates: Vec<(NaiveDate, Status)> = latest?
        .updates
        .iter()
        .filter(|u| u.date.value <= as_of)
        .filter_map(|u| Some((u.date.value, u.status.as_ref()?.value)))
        .filter(|(_, status)| *status != Status::Complete)
        .collect();
    // By date; of two on one day, the one written first in the file (the
    // sort is stable).
    updates.sort_by_key(|(date, _)| *date);
    updates.into_iter().find_map(|(update, status)| {
        let column = statuses
            .iter()
            .zip(&columns.dates)
            .rfind(|(status, date)| **status == Some(Status::Complete) && **date < update)?
            .1;
        Some(Contradiction::CompleteThenOtherwise {
            column: *column,
            update,
            status,
        })
    })
}

/// The most "no data" columns in a row.
pub(super) fn longest_no_data(cells: &[Cell]) -> usize {
    cells
        .split(|c| *c != Cell::NoData)
        .map(<[Cell]>::len)
        .max()
        .unwrap_or(0)
}

/// Stuck: three columns running, anywhere, record one status, and it is
/// not complete.
pub fn is_stuck(statuses: &[Option<Status>]) -> bool {
    statuses.windows(3).any(|run| match run {
        [Some(a), Some(b), Some(c)] => a == b && b == c && *c != Status::Complete,
        _ => false,
    })
}

/// Deteriorating: the last two columns record statuses, the last worse.
pub fn is_deteriorating(statuses: &[Option<Status>]) -> bool {
    match statuses {
        [.., Some(before), Some(after)] => is_worse(*before, *after),
        _ => false,
    }
}

/// Where a status stands from best to worst: complete, on track, at risk,
/// off track. Not started and deferred have no place.
pub fn rank(status: Status) -> Option<u8> {
    match status {
        Status::Complete => Some(0),
        Status::OnTrack => Some(1),
        Status::AtRisk => Some(2),
        Status::OffTrack => Some(3),
        Status::NotStarted | Status::Deferred => None,
    }
}

/// `after` is worse than `before`: lower in [`rank`], or any status after
/// complete.
pub fn is_worse(before: Status, after: Status) -> bool {
    let left_complete = before == Status::Complete && after != Status::Complete;
    let ranked_lower = matches!((rank(before), rank(after)), (Some(b), Some(a)) if a > b);
    left_complete || ranked_lower
}
