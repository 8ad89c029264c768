//! The derived facts — overdue, days overdue, no data — each defined once,
//! and the selection of actions that every query and export shares.

use std::cmp::Ordering;

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{Action, Plan, Recommendation, Settings, Update};
use crate::reference::action_letter;
use crate::roster::Roster;
use crate::status::Status;

/// When an action is late.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lateness {
    /// The date it was due by: its `due`, or for a recurring action the day
    /// an update was next expected. `None` when it was due from the start
    /// (an "Immediate" action before `adopted` is set; a recurring action
    /// that has never been updated and has no start).
    pub due: Option<NaiveDate>,
    /// `as_of − due`, when the due date is known.
    pub days: Option<i64>,
}

/// Overdue as of `as_of`: open, and past its due date; or recurring with no
/// update within one period; or due "Immediate"ly with no adoption date.
pub fn overdue(action: &Action, settings: &Settings, as_of: NaiveDate) -> Option<Lateness> {
    if !action.status.value.is_open() || action.is_ongoing() {
        return None;
    }
    let dated = action
        .due
        .as_ref()
        .map(|d| d.value)
        .filter(|due| *due < as_of);
    let late = dated.map(|due| late_since(Some(due), as_of));
    late.or_else(|| recurring_overdue(action, settings, as_of))
        .or_else(|| immediate_overdue(action, settings))
}

fn late_since(due: Option<NaiveDate>, as_of: NaiveDate) -> Lateness {
    Lateness {
        due,
        days: due.map(|d| (as_of - d).num_days()),
    }
}

/// A recurring action is due one period after its latest update (or its
/// start, or the plan's adoption); with none of those, it is overdue.
fn recurring_overdue(action: &Action, settings: &Settings, as_of: NaiveDate) -> Option<Lateness> {
    let period = action.recurs.as_ref()?.value;
    let start = action.start.as_ref().map(|s| s.value);
    if start.is_some_and(|s| as_of < s) {
        return None;
    }
    let anchor = action
        .latest_update_on(as_of)
        .map(|u| u.date.value)
        .or(start)
        .or(settings.adopted.as_ref().map(|a| a.value));
    let Some(anchor) = anchor else {
        return Some(late_since(None, as_of));
    };
    let next = anchor.checked_add_months(Months::new(period.months()))?;
    (next < as_of).then(|| late_since(Some(next), as_of))
}

/// "Immediate" with no `adopted` date and no `due`: due from the start.
fn immediate_overdue(action: &Action, settings: &Settings) -> Option<Lateness> {
    if action.due.is_some() || action.recurs.is_some() || settings.adopted.is_some() {
        return None;
    }
    let words = &action.timescale.as_ref()?.value;
    let immediate = crate::timescale::read(words).is_ok_and(|r| r.is_immediate_only());
    immediate.then_some(Lateness {
        due: None,
        days: None,
    })
}

/// The reporting period containing `date`: `[start, end)`. Periods run
/// from `year_starts` in steps of `reporting` (UK quarters by default).
pub fn reporting_period(settings: &Settings, date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let (month, day) = settings.year_starts;
    let this_year = NaiveDate::from_ymd_opt(date.year(), month, day).unwrap_or(date);
    let year_start = if this_year <= date {
        this_year
    } else {
        NaiveDate::from_ymd_opt(date.year() - 1, month, day).unwrap_or(date)
    };
    let step = settings.reporting.months();
    let boundary = |k: u32| {
        year_start
            .checked_add_months(Months::new(k * step))
            .unwrap_or(NaiveDate::MAX)
    };
    let k = (0..=12 / step)
        .take_while(|k| boundary(k + 1) <= date)
        .count() as u32;
    (boundary(k), boundary(k + 1))
}

/// No data as of `as_of`: an open action with no update since the start of
/// the reporting period containing `as_of`.
pub fn no_data(action: &Action, settings: &Settings, as_of: NaiveDate) -> bool {
    if !action.status.value.is_open() {
        return false;
    }
    let (start, _) = reporting_period(settings, as_of);
    action
        .latest_update_on(as_of)
        .is_none_or(|u| u.date.value < start)
}

/// What to select: every field optional; all given must hold.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Officer indexes (in `plan.officers`); an action led by any of them.
    pub leads: Option<Vec<usize>>,
    pub section: Option<String>,
    pub statuses: Option<Vec<Status>>,
    /// A ref or an ancestor of it: "2" or "2.1", number by number.
    pub ref_prefix: Option<String>,
    /// Due strictly before this date.
    pub due_before: Option<NaiveDate>,
    /// Due strictly after this date.
    pub due_after: Option<NaiveDate>,
}

/// One action with what is known about it as of a date.
#[derive(Clone, Debug)]
pub struct Row<'p> {
    pub recommendation: &'p Recommendation,
    /// Index of the action in its recommendation: 0 is "a".
    pub index: usize,
    pub action: &'p Action,
    /// Indexes of its lead officers in `plan.officers`.
    pub leads: Vec<usize>,
    pub overdue: Option<Lateness>,
    pub no_data: bool,
    /// The latest update on or before the date the row is judged on.
    pub latest: Option<&'p Update>,
}

impl Row<'_> {
    /// "2.7a", or "3.3" for a recommendation's only action.
    pub fn address(&self) -> String {
        self.recommendation.action_address(self.index)
    }

    pub fn letter(&self) -> char {
        action_letter(self.index).unwrap_or('?')
    }
}

/// Every action matching `filter`, in ref order, with its facts as of `as_of`.
pub fn select<'p>(
    plan: &'p Plan,
    roster: &Roster,
    filter: &Filter,
    as_of: NaiveDate,
) -> Vec<Row<'p>> {
    let settings = &plan.settings;
    let mut rows = Vec::new();
    for rec in plan
        .recommendations
        .iter()
        .filter(|r| rec_matches(r, filter))
    {
        for (index, action) in rec.actions.iter().enumerate() {
            let leads: Vec<usize> = action
                .lead
                .iter()
                .filter_map(|l| roster.exact(&l.value))
                .collect();
            if !action_matches(action, &leads, filter) {
                continue;
            }
            rows.push(Row {
                recommendation: rec,
                index,
                action,
                leads,
                overdue: overdue(action, settings, as_of),
                no_data: no_data(action, settings, as_of),
                latest: action.latest_update_on(as_of),
            });
        }
    }
    rows
}

fn rec_matches(rec: &Recommendation, filter: &Filter) -> bool {
    let reference = &rec.reference.value;
    filter.section.as_deref().is_none_or(|s| rec.section == s)
        && filter
            .ref_prefix
            .as_deref()
            .is_none_or(|p| reference.starts_with(p))
}

fn action_matches(action: &Action, leads: &[usize], filter: &Filter) -> bool {
    let due = action.due.as_ref().map(|d| d.value);
    filter
        .leads
        .as_ref()
        .is_none_or(|wanted| leads.iter().any(|l| wanted.contains(l)))
        && filter
            .statuses
            .as_ref()
            .is_none_or(|s| s.contains(&action.status.value))
        && filter
            .due_before
            .is_none_or(|d| due.is_some_and(|due| due < d))
        && filter
            .due_after
            .is_none_or(|d| due.is_some_and(|due| due > d))
}

/// Order of overdue rows: oldest due first (those due from the start
/// before all), then by ref and letter.
pub fn oldest_due_first(a: &Row, b: &Row) -> Ordering {
    let due = |r: &Row| r.overdue.and_then(|l| l.due);
    due(a)
        .cmp(&due(b))
        .then_with(|| {
            a.recommendation
                .reference
                .value
                .cmp(&b.recommendation.reference.value)
        })
        .then(a.index.cmp(&b.index))
}

#[cfg(test)]
mod tests;
