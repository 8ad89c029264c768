//! The quarterly returns loop, as data: which open actions each lead
//! officer is asked about, what the form says about each as issued, and
//! the fingerprint that tells, when the form comes back, whether the
//! action has changed in between. Writing the forms and chasers is
//! `render`'s; reading them back is [`crate::apply`]'s.

mod chaser;
mod fingerprint;

pub use chaser::{Chaser, chaser};
pub use fingerprint::fingerprint;

use chrono::NaiveDate;

use crate::model::{Action, Officer, Plan, Update};
use crate::query::Row;
use crate::status::Status;

/// The version of the form's layout, in its hidden sheet; `apply` refuses
/// a form of a layout it does not know.
pub const FORM_VERSION: &str = "actionplan return 1";

/// One officer's return form.
#[derive(Clone, Debug)]
pub struct Form {
    pub officer_id: String,
    pub officer_title: String,
    pub email: Option<String>,
    pub plan_title: String,
    pub organisation: String,
    /// The commit the form was made from (full hash), or a note that the
    /// plan was not committed.
    pub revision: String,
    pub as_of: NaiveDate,
    /// When the return is due back.
    pub by: NaiveDate,
    pub rows: Vec<FormRow>,
}

/// One action on a form, as issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormRow {
    /// "2.7a", or "3.3" for a recommendation's only action.
    pub address: String,
    pub recommendation: String,
    pub action: String,
    pub timescale: String,
    pub due: Option<NaiveDate>,
    pub status: Status,
    /// The latest update's note, dated: "2009-07-02: Audit under way".
    pub latest: String,
    pub overdue: bool,
    pub no_data: bool,
    /// Due after `as_of` and on or before the next meeting.
    pub due_soon: bool,
    pub fingerprint: String,
}

impl FormRow {
    /// The cells a form shows for `action` as it stands, with its `latest`
    /// update; no address, flags or fingerprint.
    pub fn as_issued(recommendation: &str, action: &Action, latest: Option<&Update>) -> FormRow {
        let latest = latest
            .map(|u| match &u.note {
                Some(note) => format!("{}: {}", u.date.value, note.trim()),
                None => format!("{}: status {}", u.date.value, action.status.value),
            })
            .unwrap_or_default();
        FormRow {
            address: String::new(),
            recommendation: recommendation.to_string(),
            action: action.full_text(),
            timescale: action
                .timescale
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
            due: action.due.as_ref().map(|d| d.value),
            status: action.status.value,
            latest,
            overdue: false,
            no_data: false,
            due_soon: false,
            fingerprint: String::new(),
        }
    }

    /// Why the row needs the officer's attention, in words that survive a
    /// black-and-white print.
    pub fn attention(&self) -> Option<&'static str> {
        if self.overdue {
            Some("Overdue")
        } else if self.no_data {
            Some("No update this period")
        } else if self.due_soon {
            Some("Due soon")
        } else {
            None
        }
    }

    /// The read-only cells as issued, as text, in form order after the
    /// ref: what `apply` compares a returned form's locked cells with.
    pub fn issued_cells(&self) -> [String; 6] {
        [
            self.recommendation.clone(),
            self.action.clone(),
            self.timescale.clone(),
            self.due.map(|d| d.to_string()).unwrap_or_default(),
            self.status.to_string(),
            self.latest.clone(),
        ]
    }
}

/// Names of the read-only columns after the ref, in the order of
/// [`FormRow::issued_cells`].
pub const ISSUED_COLUMNS: [&str; 6] = [
    "Recommendation",
    "Action",
    "Timescale",
    "Due",
    "Current status",
    "Latest update",
];

/// Names of the columns an officer fills in.
pub const FILLED_COLUMNS: [&str; 5] = [
    "New status",
    "Progress note",
    "Revised due date",
    "Reason for the move",
    "Date of return",
];

/// What every form of one issue shares.
pub struct Issue<'a> {
    pub plan: &'a Plan,
    pub revision: String,
    pub as_of: NaiveDate,
    pub by: NaiveDate,
    /// The next meeting, for "due before the next meeting".
    pub next_meeting: Option<NaiveDate>,
}

/// One form per lead officer with open actions among `rows`, in the
/// plan's officer order; an action led by two officers is on both forms.
pub fn forms(issue: &Issue, rows: &[Row]) -> Vec<Form> {
    let plan = issue.plan;
    let mut forms = Vec::new();
    for (index, officer) in plan.officers.iter().enumerate() {
        let mine: Vec<FormRow> = rows
            .iter()
            .filter(|r| r.action.status.value.is_open() && r.leads.contains(&index))
            .map(|r| form_row(issue, r))
            .collect();
        if !mine.is_empty() {
            forms.push(form(issue, officer, mine));
        }
    }
    forms
}

fn form(issue: &Issue, officer: &Officer, rows: Vec<FormRow>) -> Form {
    Form {
        officer_id: officer.id.value.clone(),
        officer_title: officer.title.value.clone(),
        email: officer.email.as_ref().map(|e| e.value.clone()),
        plan_title: issue.plan.settings.title.clone(),
        organisation: issue.plan.settings.organisation.clone(),
        revision: issue.revision.clone(),
        as_of: issue.as_of,
        by: issue.by,
        rows,
    }
}

fn form_row(issue: &Issue, row: &Row) -> FormRow {
    let due = row.action.due.as_ref().map(|d| d.value);
    let until = issue.next_meeting.unwrap_or(issue.by);
    FormRow {
        address: row.address(),
        overdue: row.overdue.is_some(),
        no_data: row.no_data,
        due_soon: row.overdue.is_none() && due.is_some_and(|d| d > issue.as_of && d <= until),
        fingerprint: fingerprint(&row.address(), row.action),
        ..FormRow::as_issued(&row.recommendation.text, row.action, row.latest)
    }
}

/// The default date returns are due: a week before the next meeting.
pub fn default_by(next_meeting: Option<NaiveDate>) -> Option<NaiveDate> {
    next_meeting.map(|m| m - chrono::Days::new(7))
}
