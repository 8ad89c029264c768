//! Meetings (plan.toml) and the committee's requests (requests.toml):
//! each meeting once, papers due before it; each request's meeting, refs
//! and officer known, and an answered request with its answer.

use std::collections::HashMap;

use super::Report;
use crate::committee::{Miss, find_meeting};
use crate::finding::Check;
use crate::model::{Meeting, Request, RequestStatus};
use crate::reference::Address;
use crate::roster::Roster;

pub(super) fn check(report: &mut Report) {
    meetings(report);
    let plan = report.plan;
    let roster = Roster::new(&plan.officers);
    let mut ids: HashMap<&str, &Request> = HashMap::new();
    for request in &plan.requests {
        if ids.insert(&request.id.value, request).is_some() {
            let message = format!("request id \"{}\" is used twice", request.id.value);
            let hint = "give each request its own id: `request answer` finds a request by it";
            report.add(
                Check::DuplicateRequest,
                request.id.span,
                message,
                hint.into(),
            );
        }
        meeting_of(report, request);
        refs(report, request);
        owner(report, request, &roster);
        answered(report, request);
        answer_by(report, request);
    }
}

fn meetings(report: &mut Report) {
    let mut seen: HashMap<(Option<chrono::NaiveDate>, String), &Meeting> = HashMap::new();
    for meeting in &report.plan.settings.meetings {
        let date = meeting.date.as_ref().map(|d| d.value);
        let name = meeting.name.as_ref().map(|n| n.value.trim().to_lowercase());
        if seen
            .insert((date, name.unwrap_or_default()), meeting)
            .is_some()
        {
            let message = format!("the meeting {} is listed twice", meeting.label());
            let hint = "remove one of them, or correct its date or name";
            report.add(Check::DuplicateMeeting, meeting.span, message, hint.into());
        }
        let due = meeting.papers_due.as_ref();
        if let (Some(due), Some(date)) = (due, date.filter(|d| due.is_some_and(|p| p.value > *d))) {
            let message = format!(
                "papers for the meeting of {date} are due on {}, after the meeting",
                due.value
            );
            let hint =
                "papers_due is the day papers must reach the committee: correct it or the date";
            report.add(Check::PapersAfterMeeting, due.span, message, hint.into());
        }
    }
}

fn meeting_of(report: &mut Report, request: &Request) {
    let key = &request.meeting;
    let (message, hint) = match find_meeting(&report.plan.settings, &key.value) {
        Ok(_) => return,
        Err(Miss::None) => (
            format!("request {} names the meeting \"{}\", which plan.toml does not list", request.id.value, key.value),
            "add it (`actionplan meeting add`), or write the date or name of a meeting in plan.toml".to_string(),
        ),
        Err(Miss::Ambiguous(n)) => (
            format!("request {} names \"{}\", which {n} meetings are called", request.id.value, key.value),
            "name the meeting by its date: meeting = YYYY-MM-DD".to_string(),
        ),
    };
    report.add(Check::UnknownMeeting, key.span, message, hint);
}

fn refs(report: &mut Report, request: &Request) {
    for link in &request.refs {
        if links_something(report, &link.value) {
            continue;
        }
        let message = format!(
            "request {} links \"{}\", which is not a recommendation or action of the plan",
            request.id.value, link.value
        );
        let hint = "write the ref of a recommendation (3.3) or an action (1.2b) the plan has";
        report.add(Check::UnknownRef, link.span, message, hint.into());
    }
}

fn links_something(report: &Report, link: &str) -> bool {
    let Ok(address) = Address::parse(link) else {
        return false;
    };
    report
        .plan
        .recommendations
        .iter()
        .find(|r| r.reference.value == address.reference)
        .is_some_and(|rec| address.action.is_none_or(|i| i < rec.actions.len()))
}

fn owner(report: &mut Report, request: &Request, roster: &Roster) {
    let Some(owner) = &request.owner else {
        return;
    };
    if !report.plan.officers_known || roster.exact(&owner.value).is_some() {
        return;
    }
    let message = format!(
        "request {} is for \"{}\", who is not in officers.toml",
        request.id.value, owner.value
    );
    let hint = match roster.suggest(&owner.value) {
        Some(name) => format!("did you mean \"{name}\"?"),
        None => "write an officer's id, title or alias from officers.toml".to_string(),
    };
    report.add(Check::UnknownOfficer, owner.span, message, hint);
}

fn answered(report: &mut Report, request: &Request) {
    let status = &request.status;
    let blank = request
        .answer
        .as_deref()
        .is_none_or(|a| a.trim().is_empty());
    if status.value == RequestStatus::Answered && blank {
        let message = format!(
            "request {} is answered, but gives no answer",
            request.id.value
        );
        let hint =
            "write the answer the committee was given (answer = \"…\"), or set status = \"open\"";
        report.add(Check::UnansweredRequest, status.span, message, hint.into());
    }
}

/// An answer due before the meeting that asked for it is a slip of the pen.
fn answer_by(report: &mut Report, request: &Request) {
    let Some(by) = &request.answer_by else {
        return;
    };
    let meeting = find_meeting(&report.plan.settings, &request.meeting.value);
    let Some(held) = meeting.ok().and_then(|m| m.date.as_ref()) else {
        return;
    };
    if by.value < held.value {
        let message = format!(
            "request {} is to be answered by {}, before the meeting of {} that made it",
            request.id.value, by.value, held.value
        );
        let hint = "correct answer_by, or leave it out: it is then the next meeting";
        report.add(Check::InvalidValue, by.span, message, hint.into());
    }
}

#[cfg(test)]
mod tests;
