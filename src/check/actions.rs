//! Rules about each action: something to do, someone to lead it, and
//! updates that agree with its status.

use chrono::NaiveDate;

use super::{Report, schedule};
use crate::finding::Check;
use crate::model::{Action, Recommendation};
use crate::reference::MAX_ACTIONS;
use crate::roster::Roster;

pub(super) fn check(
    report: &mut Report,
    recs: &[Recommendation],
    roster: &Roster,
    today: NaiveDate,
) {
    let mut readings = schedule::Readings::default();
    for rec in recs {
        counts(report, rec);
        for (index, action) in rec.actions.iter().enumerate() {
            let at = Named { rec, index };
            contents(report, action, at);
            super::names::leads(report, action);
            if report.plan.officers_known {
                leads(report, action, roster);
            }
            updates(report, action, today);
            schedule::check(report, &mut readings, action, at);
        }
    }
}

/// An action by its place, named ("2.7a") only when a finding needs it.
#[derive(Clone, Copy)]
pub(super) struct Named<'p> {
    rec: &'p Recommendation,
    index: usize,
}

impl Named<'_> {
    pub(super) fn address(self) -> String {
        self.rec.action_address(self.index)
    }
}

fn counts(report: &mut Report, rec: &Recommendation) {
    if rec.actions.is_empty() {
        let message = format!("{} has no actions", rec.reference.value);
        let hint = "add an [[actions]] table with text, timescale, due, lead and status";
        report.add(Check::NoActions, rec.reference.span, message, hint.into());
    }
    if let Some(extra) = rec.actions.get(MAX_ACTIONS) {
        let message = format!(
            "{} has {} actions; letters a–z address at most {MAX_ACTIONS}",
            rec.reference.value,
            rec.actions.len()
        );
        let hint = "split the recommendation, or combine actions as steps of one action";
        report.add(Check::TooManyActions, extra.span, message, hint.into());
    }
}

fn contents(report: &mut Report, action: &Action, at: Named) {
    let has_text = action.text.as_deref().is_some_and(|t| !t.trim().is_empty());
    if !has_text && action.steps.iter().all(|s| s.trim().is_empty()) {
        let message = format!("action {} does not say what will be done", at.address());
        let hint = "add text = \"…\" or steps = [\"…\", \"…\"]";
        report.add(Check::EmptyAction, action.span, message, hint.into());
    }
    if action.lead.is_empty() {
        let message = format!("action {} has no lead officer", at.address());
        let hint = "name who leads it: lead = [\"DCS\"] (an id, title or alias from officers.toml)";
        report.add(Check::MissingLead, action.span, message, hint.into());
    }
}

fn leads(report: &mut Report, action: &Action, roster: &Roster) {
    for lead in &action.lead {
        if roster.exact(&lead.value).is_some() {
            continue;
        }
        let message = format!("lead \"{}\" is not in officers.toml", lead.value);
        let hint = match roster.suggest(&lead.value) {
            Some(name) => format!("did you mean \"{name}\"?"),
            None => {
                "add the officer to officers.toml, or add this spelling to an officer's aliases"
                    .to_string()
            }
        };
        report.add(Check::UnknownOfficer, lead.span, message, hint);
    }
}

fn updates(report: &mut Report, action: &Action, today: NaiveDate) {
    let adopted = report.plan.settings.adopted.as_ref().map(|a| a.value);
    for update in &action.updates {
        let date = update.date.value;
        // "Today" is the plan's (its time zone), the same for every
        // colleague wherever they are, so no grace is needed.
        if date > today {
            let message = format!("update dated {date} is in the future (today is {today})");
            let hint = "date an update on the day the progress was reported";
            report.add(Check::FutureUpdate, update.date.span, message, hint.into());
        }
        if let Some(adopted) = adopted.filter(|a| date < *a) {
            let message = format!("update dated {date} is before the plan was adopted ({adopted})");
            let hint = "correct the date, or `adopted` in plan.toml";
            report.add(
                Check::UpdateBeforeAdoption,
                update.date.span,
                message,
                hint.into(),
            );
        }
    }
    if action.unread.status {
        return;
    }
    let latest = action.latest_update().and_then(|u| u.status.as_ref());
    if let Some(reported) = latest.filter(|s| s.value != action.status.value) {
        let message = format!(
            "status is {} but the latest update says {}",
            action.status.value, reported.value
        );
        let hint = format!(
            "set status = \"{}\", or add an update that records the change",
            reported.value
        );
        report.add(Check::StatusMismatch, action.status.span, message, hint);
    }
}
