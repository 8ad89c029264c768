//! The committee's meetings and requests as facts: which meeting a request
//! names, when its answer is due, which requests concern a ref. Pure
//! functions of the plan, like `query`.

use chrono::NaiveDate;

use crate::model::{Meeting, MeetingKey, Plan, Request, RequestStatus, Settings};
use crate::reference::Address;

/// Why a request's meeting could not be found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Miss {
    None,
    /// A name several meetings share: only a date tells them apart.
    Ambiguous(usize),
}

/// The meeting `key` names: by date; or by name (any case), which is how
/// a meeting without a date is named, so an undated meeting of that name
/// is meant before a dated one, and the name must pick out one meeting.
pub fn find_meeting<'s>(settings: &'s Settings, key: &MeetingKey) -> Result<&'s Meeting, Miss> {
    let found: Vec<&Meeting> = match key {
        MeetingKey::Date(date) => settings
            .meetings
            .iter()
            .filter(|m| m.date.as_ref().is_some_and(|d| d.value == *date))
            .collect(),
        MeetingKey::Name(name) => named(settings, name),
    };
    match (found.len(), key) {
        (0, _) => Err(Miss::None),
        // Two committees may meet on one day; the first is the one meant.
        (_, MeetingKey::Date(_)) | (1, _) => Ok(found[0]),
        (n, MeetingKey::Name(_)) => Err(Miss::Ambiguous(n)),
    }
}

/// Meetings called `name`: the undated ones when there are any, else all.
fn named<'s>(settings: &'s Settings, name: &str) -> Vec<&'s Meeting> {
    let all: Vec<&Meeting> = settings
        .meetings
        .iter()
        .filter(|m| m.name.as_ref().is_some_and(|n| same_name(&n.value, name)))
        .collect();
    let undated: Vec<&Meeting> = all.iter().copied().filter(|m| m.date.is_none()).collect();
    if undated.is_empty() { all } else { undated }
}

pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The first dated meeting after `date`: when an answer to a request of
/// that meeting is due, unless the request says otherwise.
pub fn next_meeting_after(settings: &Settings, date: NaiveDate) -> Option<NaiveDate> {
    settings.meeting_dates().into_iter().find(|d| *d > date)
}

/// When `request`'s answer is due: as written; else the next dated meeting
/// after its own; else none (an undated meeting has no "next").
pub fn answer_by(settings: &Settings, request: &Request) -> Option<NaiveDate> {
    if let Some(by) = &request.answer_by {
        return Some(by.value);
    }
    let meeting = find_meeting(settings, &request.meeting.value).ok()?;
    next_meeting_after(settings, meeting.date.as_ref()?.value)
}

/// The meeting a request was made at, for people: its label, or the key
/// as written when no meeting matches.
pub fn meeting_label(settings: &Settings, request: &Request) -> String {
    find_meeting(settings, &request.meeting.value)
        .map(Meeting::label)
        .unwrap_or_else(|_| request.meeting.value.to_string())
}

/// Requests that link `reference` (a recommendation, "3.3") or any of its
/// actions ("3.3a"); for an action, those linking it or its recommendation.
pub fn requests_about<'p>(plan: &'p Plan, address: &Address) -> Vec<&'p Request> {
    plan.requests
        .iter()
        .filter(|r| r.refs.iter().any(|link| concerns(&link.value, address)))
        .collect()
}

fn concerns(link: &str, address: &Address) -> bool {
    let Ok(linked) = Address::parse(link) else {
        return false;
    };
    linked.reference == address.reference
        && (linked.action.is_none() || address.action.is_none() || linked.action == address.action)
}

/// The id for a new request: "R" and one more than the highest "R<n>".
pub fn next_id(requests: &[Request]) -> String {
    let highest = requests
        .iter()
        .filter_map(|r| r.id.value.strip_prefix('R')?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("R{}", highest + 1)
}

/// Open requests first, then answered, each in the order written.
pub fn in_paper_order(requests: &[Request]) -> Vec<&Request> {
    let (mut open, answered): (Vec<&Request>, Vec<&Request>) = requests
        .iter()
        .partition(|r| r.status.value == RequestStatus::Open);
    open.extend(answered);
    open
}

#[cfg(test)]
mod tests;
