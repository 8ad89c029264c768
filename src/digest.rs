//! The committee's digest as data: what a scrutiny committee asks at each
//! meeting, answered from the plan as of a date. Rendered as markdown or
//! HTML by `render::digest`.

mod trajectory;

use chrono::{Months, NaiveDate};

use crate::history::Change;
use crate::model::{Plan, Request, Update};
use crate::provenance::Provenance;
use crate::query::{self, Row, reporting_period};
use crate::roster::Roster;
use crate::status::Status;
use crate::timescale::{self, Item};

pub use trajectory::{MOST, Part as TrajectoryPart, Reason, SHOWN, Watched};

/// Statuses in the order committees read them: red, amber, green, blue,
/// then not started and deferred.
pub const RAG_ORDER: [Status; 6] = [
    Status::OffTrack,
    Status::AtRisk,
    Status::OnTrack,
    Status::Complete,
    Status::NotStarted,
    Status::Deferred,
];

/// Lists of actions hold indexes into `rows` ([`Digest::row`]); a paper
/// makes an action's view when it needs it, so a paper of a very large
/// plan never holds every view at once. The digest knows no renderer.
pub struct Digest<'p> {
    plan: &'p Plan,
    roster: Roster<'p>,
    rows: Vec<Row<'p>>,
    pub title: String,
    pub organisation: String,
    pub as_of: NaiveDate,
    pub provenance: Provenance,
    /// Progress is reported from this date, and why this date.
    pub since: (NaiveDate, Since),
    /// Actions due up to (not including) this date, and why this date.
    pub until: (NaiveDate, Until),
    /// Action counts by section, in [`RAG_ORDER`].
    pub summary: Vec<SectionCounts>,
    pub actions: usize,
    pub overdue: usize,
    /// Each lead officer's overdue actions, oldest due first.
    pub overdue_by_lead: Vec<(String, Vec<usize>)>,
    /// Open actions with no update this reporting period, from this date.
    pub no_data: (NaiveDate, Vec<usize>),
    pub progress: Vec<Progress>,
    /// Changes git recorded since `since` (updates aside: `progress` has
    /// them), or why they cannot be listed.
    pub changes: Result<Vec<Change>, String>,
    pub due_soon: Vec<usize>,
    /// Completed actions, with the date an update marked them complete.
    pub completed: Vec<(usize, Option<NaiveDate>)>,
    /// Deferred actions, with the reason given.
    pub deferred: Vec<(usize, String)>,
    /// Statuses at the last meetings, moved deadlines and contradictions,
    /// or why they cannot be told.
    pub trajectory: Result<TrajectoryPart, String>,
    /// The committee's requests, open ones first: all of them, whatever
    /// the filter, since the committee follows up every one.
    pub requests: Vec<&'p Request>,
}

impl<'p> Digest<'p> {
    /// The plan the paper is made from.
    pub fn plan(&self) -> &'p Plan {
        self.plan
    }

    /// Its officers, for naming an action's leads.
    pub fn roster(&self) -> &Roster<'p> {
        &self.roster
    }

    /// Action `index` (an index the lists hold) and its facts.
    pub fn row(&self, index: usize) -> &Row<'p> {
        &self.rows[index]
    }

    /// Whether action `index` is overdue as of the paper's date.
    pub fn is_overdue(&self, index: usize) -> bool {
        self.rows[index].overdue.is_some()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Since {
    /// Given with `--since`.
    Given,
    LastMeeting,
    /// No meeting before the as-of date: one reporting period back.
    OnePeriod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    NextMeeting,
    /// No meeting after the as-of date: the end of its reporting period.
    PeriodEnd,
}

pub struct SectionCounts {
    pub number: String,
    pub title: String,
    pub counts: [usize; 6],
}

/// One update recorded since the last meeting.
pub struct Progress {
    pub address: String,
    pub date: NaiveDate,
    pub status: Option<Status>,
    pub note: String,
    pub by: Option<String>,
}

/// What the digest covers, beyond the plan.
pub struct Scope<'a> {
    pub as_of: NaiveDate,
    pub since: Option<NaiveDate>,
    pub filter: &'a query::Filter,
    pub provenance: Provenance,
    /// Every change recorded in git since `since`, or why there is none
    /// to read (not in git, a shallow clone).
    pub changes: Result<Vec<Change>, String>,
    /// The trajectory of the selected actions (as `query::select` orders
    /// them), or why there is none.
    pub trajectory: Result<crate::trajectory::Trajectory, String>,
}

pub fn build<'p>(plan: &'p Plan, scope: Scope) -> Digest<'p> {
    let roster = Roster::new(&plan.officers);
    let as_of = scope.as_of;
    let rows = query::select(plan, &roster, scope.filter, as_of);
    let since = since(plan, as_of, scope.since);
    let until = until(plan, as_of);
    let (period_start, _) = reporting_period(&plan.settings, as_of);
    let indexes = |keep: &dyn Fn(&Row) -> bool| -> Vec<usize> {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| keep(r))
            .map(|(i, _)| i)
            .collect()
    };
    Digest {
        title: plan.settings.title.clone(),
        organisation: plan.settings.organisation.clone(),
        as_of,
        provenance: scope.provenance,
        summary: summary(plan, &rows),
        actions: rows.len(),
        overdue: rows.iter().filter(|r| r.overdue.is_some()).count(),
        overdue_by_lead: overdue_by_lead(plan, &rows),
        no_data: (period_start, indexes(&|r| r.no_data)),
        progress: recorded_by(
            progress(&rows, since.0, as_of),
            scope.changes.as_deref().ok(),
        ),
        changes: scope.changes.map(|all| changes_in_scope(plan, &rows, all)),
        due_soon: by_due_date(&rows, indexes(&|r| due_between(r, as_of, until.0))),
        completed: completed(&rows),
        deferred: deferred(&rows),
        trajectory: scope.trajectory.map(|t| {
            let overdue: Vec<bool> = rows.iter().map(|r| r.overdue.is_some()).collect();
            trajectory::part(&t, &overdue, since.0)
        }),
        requests: crate::committee::in_paper_order(&plan.requests),
        since,
        until,
        plan,
        roster,
        rows,
    }
}

/// The date progress is reported from: `given`, else the last meeting
/// before `as_of`, else one reporting period back.
pub fn since(plan: &Plan, as_of: NaiveDate, given: Option<NaiveDate>) -> (NaiveDate, Since) {
    if let Some(date) = given {
        return (date, Since::Given);
    }
    let last = plan
        .settings
        .meeting_dates()
        .into_iter()
        .rfind(|m| *m < as_of);
    let period = Months::new(plan.settings.reporting.months());
    match last {
        Some(meeting) => (meeting, Since::LastMeeting),
        None => (
            as_of.checked_sub_months(period).unwrap_or(as_of),
            Since::OnePeriod,
        ),
    }
}

/// Changes to the selected actions' recommendations (and, when every
/// recommendation is selected, to ones since removed), updates left out.
fn changes_in_scope(plan: &Plan, rows: &[Row], all: Vec<Change>) -> Vec<Change> {
    let selected: std::collections::HashSet<&str> = rows
        .iter()
        .map(|r| r.recommendation.reference.value.as_str())
        .collect();
    // Every recommendation selected: nothing is filtered, so changes to
    // removed recommendations and to plan.toml belong too.
    let everything = plan
        .recommendations
        .iter()
        .all(|r| selected.contains(r.reference.value.as_str()));
    all.into_iter()
        .filter(|c| c.field != "update")
        .filter(|c| everything || selected.contains(c.reference.as_str()))
        .collect()
}

fn until(plan: &Plan, as_of: NaiveDate) -> (NaiveDate, Until) {
    match plan
        .settings
        .meeting_dates()
        .into_iter()
        .find(|m| *m > as_of)
    {
        Some(meeting) => (meeting, Until::NextMeeting),
        None => (reporting_period(&plan.settings, as_of).1, Until::PeriodEnd),
    }
}

fn summary(plan: &Plan, rows: &[Row]) -> Vec<SectionCounts> {
    let mut sections: Vec<SectionCounts> = plan
        .sections
        .iter()
        .map(|s| SectionCounts {
            number: s.number.value.clone(),
            title: s.title.clone(),
            counts: [0; 6],
        })
        .collect();
    // Recommendations in no section (a plan need not have any) are
    // counted on a row of their own.
    sections.push(SectionCounts {
        number: String::new(),
        title: "No section".to_string(),
        counts: [0; 6],
    });
    for row in rows {
        let number = &row.recommendation.section;
        let found = sections.iter().position(|s| s.number == *number);
        let index = found.unwrap_or(sections.len() - 1);
        let slot = RAG_ORDER
            .iter()
            .position(|s| *s == row.action.status.value)
            .unwrap_or(4);
        sections[index].counts[slot] += 1;
    }
    sections.retain(|s| s.counts.iter().sum::<usize>() > 0);
    sections
}

/// Soonest due first; the same day in ref order.
fn by_due_date(rows: &[Row], mut indexes: Vec<usize>) -> Vec<usize> {
    indexes.sort_by_key(|&i| (rows[i].action.due.as_ref().map(|d| d.value), i));
    indexes
}

fn overdue_by_lead(plan: &Plan, rows: &[Row]) -> Vec<(String, Vec<usize>)> {
    let mut overdue: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].overdue.is_some())
        .collect();
    overdue.sort_by(|&a, &b| query::oldest_due_first(&rows[a], &rows[b]));
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (index, officer) in plan.officers.iter().enumerate() {
        let theirs: Vec<usize> = overdue
            .iter()
            .copied()
            .filter(|&i| rows[i].leads.contains(&index))
            .collect();
        if !theirs.is_empty() {
            groups.push((officer.title.value.clone(), theirs));
        }
    }
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    groups
}

/// Updates dated from `since` up to `as_of`, oldest first.
fn progress(rows: &[Row], since: NaiveDate, as_of: NaiveDate) -> Vec<Progress> {
    let mut progress: Vec<Progress> = rows
        .iter()
        .flat_map(|row| row.action.updates.iter().map(move |u| (row, u)))
        .filter(|(_, u)| u.date.value >= since && u.date.value <= as_of)
        .map(|(row, u): (&Row, &Update)| Progress {
            address: row.address(),
            date: u.date.value,
            status: u.status.as_ref().map(|s| s.value),
            note: u.note.clone().unwrap_or_default(),
            by: u.by.clone(),
        })
        .collect();
    progress.sort_by_key(|p| p.date);
    progress
}

/// Who recorded each update that does not say (`by`): the person git
/// says made the commit that added it (its `Actor:`, else its author).
fn recorded_by(mut progress: Vec<Progress>, changes: Option<&[Change]>) -> Vec<Progress> {
    let Some(changes) = changes else {
        return progress;
    };
    for p in progress.iter_mut().filter(|p| p.by.is_none()) {
        let added = format!("added: {}", p.date);
        p.by = changes
            .iter()
            .find(|c| {
                c.field == "update"
                    && c.address == p.address
                    && c.to.as_deref().is_some_and(|to| to.starts_with(&added))
            })
            .map(|c| c.by.clone());
    }
    progress
}

/// An open action due from `from` (inclusive) to `until` (exclusive).
fn due_between(row: &Row, from: NaiveDate, until: NaiveDate) -> bool {
    let due = row.action.due.as_ref().map(|d| d.value);
    row.action.status.value.is_open() && due.is_some_and(|d| d >= from && d < until)
}

fn completed(rows: &[Row]) -> Vec<(usize, Option<NaiveDate>)> {
    rows.iter()
        .enumerate()
        .filter(|(_, row)| row.action.status.value == Status::Complete)
        .map(|(i, row)| {
            let on = row.action.updates.iter().rev().find(|u| {
                u.status
                    .as_ref()
                    .is_some_and(|s| s.value == Status::Complete)
            });
            (i, on.map(|u| u.date.value))
        })
        .collect()
}

/// The reason for deferring: the note of the update that deferred it, else
/// the words after "Deferred" in the timescale.
fn deferred(rows: &[Row]) -> Vec<(usize, String)> {
    rows.iter()
        .enumerate()
        .filter(|(_, row)| row.action.status.value == Status::Deferred)
        .map(|(i, row)| {
            let update = row.action.updates.iter().rev().find(|u| {
                u.status
                    .as_ref()
                    .is_some_and(|s| s.value == Status::Deferred)
            });
            let from_timescale = row
                .action
                .timescale
                .as_ref()
                .and_then(|t| timescale::read(&t.value).ok())
                .and_then(|r| {
                    r.items.into_iter().find_map(|i| match i {
                        Item::Deferred { reason } => Some(reason),
                        _ => None,
                    })
                });
            let reason = update
                .and_then(|u| u.note.clone())
                .or(from_timescale)
                .unwrap_or_default();
            let reason = capitalised(&reason);
            (i, reason)
        })
        .collect()
}

/// "due to resignation…" → "Due to resignation…", for a table cell.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
