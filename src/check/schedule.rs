//! Rules about when: every open action has a due date or a reason for none,
//! and the dates agree with the plan's own words for them.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Report;
use super::actions::Named;
use crate::finding::Check;
use crate::model::{Action, Located, Span};
use crate::timescale::{self, Reading, Schedule, Unreadable};

/// Timescale readings by their words: plans repeat a few phrasings
/// ("April 2009") across many actions.
#[derive(Default)]
pub(super) struct Readings<'p> {
    cache: HashMap<&'p str, Result<Reading, Unreadable>>,
}

impl<'p> Readings<'p> {
    fn read(&mut self, words: &'p str) -> &Result<Reading, Unreadable> {
        self.cache
            .entry(words)
            .or_insert_with(|| timescale::read(words))
    }
}

pub(super) fn check<'p>(
    report: &mut Report,
    readings: &mut Readings<'p>,
    action: &'p Action,
    at: Named,
) {
    let reading = match &action.timescale {
        Some(words) => match readings.read(&words.value) {
            Ok(reading) => Some((words, reading)),
            Err(unreadable) => {
                let message = format!(
                    "cannot read the timescale “{}”: {}",
                    words.value, unreadable.reason
                );
                let hint = "keep the words, and set `due` (or `recurs`, `ongoing`) yourself";
                report.add(Check::UnreadableTimescale, words.span, message, hint.into());
                None
            }
        },
        None => None,
    };
    // An unreadable timescale is its own warning, which asks for `due`: a
    // table imported with "TBC" or "Within 3 months of publication" is a
    // plan, whose undated actions are said, not refused.
    let unreadable = action.timescale.is_some() && reading.is_none();
    let missing = !unreadable && missing_due(report, action, at, reading.map(|(_, r)| r));
    // A schedule key that could not be read is already an error.
    if let Some((words, reading)) = reading.filter(|_| !action.unread.schedule) {
        let settings = &report.plan.settings;
        let expected = reading.schedule(
            settings.adopted.as_ref().map(|a| a.value),
            settings.reporting,
        );
        if !missing {
            compare_due(report, action, words, &expected);
        }
        compare_rest(report, action, words, &expected);
    }
}

/// An open action needs a due date, unless it recurs, is ongoing, or is
/// due "Immediate"ly and the plan has no adoption date yet.
fn missing_due(report: &mut Report, action: &Action, at: Named, reading: Option<&Reading>) -> bool {
    let adopted = report.plan.settings.adopted.as_ref().map(|a| a.value);
    let immediate = reading.is_some_and(|r| r.is_immediate_only()) && adopted.is_none();
    let excused = action.recurs.is_some()
        || action.is_ongoing()
        || immediate
        || action.unread.schedule
        || action.unread.status;
    if action.due.is_some() || !action.status.value.is_open() || excused {
        return false;
    }
    let hint = match reading.and_then(|r| r.due(adopted)) {
        Some(due) => format!("add due = {due}, which is what its timescale says"),
        None => "add due = YYYY-MM-DD, or say why there is none: recurs = \"quarterly\", \
                 ongoing = true, or status = \"deferred\""
            .to_string(),
    };
    let message = format!("action {} has no due date", at.address());
    report.add(Check::MissingDue, action.span, message, hint);
    true
}

fn compare_due(report: &mut Report, action: &Action, words: &Located<String>, expected: &Schedule) {
    let actual = action.due.as_ref().map(|d| d.value);
    if actual == expected.due || actual.is_some_and(|d| revised_to(action, d)) {
        return;
    }
    let message = match (actual, expected.due) {
        (Some(due), Some(read)) => format!(
            "due is {due} but the timescale “{}” reads as {read}",
            words.value
        ),
        (Some(due), None) => format!(
            "due is {due} but the timescale “{}” names no date",
            words.value
        ),
        (None, Some(read)) => format!(
            "the timescale “{}” reads as {read} but there is no due",
            words.value
        ),
        (None, None) => return,
    };
    let hint = match expected.due {
        Some(read) => format!(
            "set due = {read}; or, if the date was moved, record it in an update with due = the new date and a note"
        ),
        None => "remove due, or record where it came from in an update with due = … and a note"
            .to_string(),
    };
    let span = action.due.as_ref().map_or(action.span, |d| d.span);
    report.add(Check::DueMismatch, span, message, hint);
}

/// A due date moved on purpose is recorded by the latest update that sets one.
fn revised_to(action: &Action, due: NaiveDate) -> bool {
    let mut updates: Vec<_> = action.updates.iter().filter(|u| u.due.is_some()).collect();
    updates.sort_by_key(|u| u.date.value);
    updates
        .last()
        .and_then(|u| u.due.as_ref())
        .is_some_and(|d| d.value == due)
}

fn compare_rest(
    report: &mut Report,
    action: &Action,
    words: &Located<String>,
    expected: &Schedule,
) {
    let shown = |v: Option<String>| v.unwrap_or_else(|| "not set".to_string());
    let fields = [
        (
            "recurs",
            shown(expected.recurs.map(|p| format!("\"{p}\""))),
            shown(action.recurs.as_ref().map(|p| format!("\"{}\"", p.value))),
            action.recurs.as_ref().map(|r| r.span),
        ),
        (
            "start",
            shown(expected.start.map(|d| d.to_string())),
            shown(action.start.as_ref().map(|d| d.value.to_string())),
            action.start.as_ref().map(|s| s.span),
        ),
        (
            "ongoing",
            expected.ongoing.to_string(),
            action.is_ongoing().to_string(),
            action.ongoing.as_ref().map(|o| o.span),
        ),
    ];
    for (key, expected, actual, span) in fields {
        if expected != actual {
            let message = format!(
                "the timescale “{}” means {key} = {expected}, but it is {actual}",
                words.value
            );
            let hint = format!(
                "set {key} = {expected} (or remove it when \"not set\"), or correct the timescale"
            );
            report.add(
                Check::TimescaleMismatch,
                span.unwrap_or(action.span),
                message,
                hint,
            );
        }
    }
    compare_status(
        report,
        action,
        words,
        expected.status.map(|s| (s, action.status.span)),
    );
}

/// "Completed" or "Deferred …" in the timescale is a status, unless an
/// update has changed it since.
fn compare_status(
    report: &mut Report,
    action: &Action,
    words: &Located<String>,
    expected: Option<(crate::status::Status, Span)>,
) {
    let Some((status, span)) = expected else {
        return;
    };
    let updated = action.updates.iter().any(|u| u.status.is_some());
    if status != action.status.value && !updated {
        let message = format!(
            "the timescale “{}” says {status}, but status is {}",
            words.value, action.status.value
        );
        let hint = format!("set status = \"{status}\", or add an update that records the change");
        report.add(Check::TimescaleMismatch, span, message, hint);
    }
}
