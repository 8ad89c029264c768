//! The committee's side of the plan: `meetings` in plan.toml (bare dates
//! or `[[meetings]]` tables) and `requests.toml`, read into the model.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::fields::{Fields, Sink, Value, date_value, invalid_word, wrong_type};
use crate::model::{Located, Meeting, MeetingKey, Request, RequestKind, RequestStatus};

const MEETING_KEYS: &[&str] = &["date", "name", "papers_due", "minute"];
const REQUESTS_KEYS: &[&str] = &["requests"];
const REQUEST_KEYS: &[&str] = &[
    "id",
    "meeting",
    "kind",
    "letter",
    "text",
    "refs",
    "owner",
    "answer_by",
    "answer",
    "status",
];

/// `meetings`: a list whose entries are bare dates or tables, in any mix,
/// so a plan that began with dates can add a named meeting as a table.
pub fn read_meetings(fields: &Fields, sink: &mut Sink) -> Vec<Meeting> {
    let Some(value) = fields.get("meetings") else {
        return Vec::new();
    };
    let DeValue::Array(items) = value.get_ref() else {
        let hint = "write a list of dates, meetings = [2009-07-14], or [[meetings]] tables \
                    with name = \"…\" and date = 2009-07-14";
        wrong_type(
            sink,
            "meetings",
            value,
            "a list of meetings",
            Some(hint.into()),
        );
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| meeting(sink, item))
        .collect()
}

fn meeting(sink: &mut Sink, item: Value) -> Option<Meeting> {
    match item.get_ref() {
        DeValue::Table(table) => Some(meeting_table(sink, table, item.span())),
        _ => date_value(sink, "meetings", item).map(|date| Meeting {
            span: date.span,
            date: Some(date),
            name: None,
            papers_due: None,
            minute: None,
        }),
    }
}

fn meeting_table(sink: &mut Sink, table: &DeTable, at: Range<usize>) -> Meeting {
    let f = Fields::new(table, at.clone(), "[[meetings]] table", MEETING_KEYS);
    let meeting = Meeting {
        span: sink.span(&at),
        date: f.date(sink, "date"),
        name: f.required_string(
            sink,
            "name",
            "name = \"<the committee, as the minutes name it>\"",
        ),
        papers_due: f.date(sink, "papers_due"),
        minute: f.string(sink, "minute").map(|m| m.value),
    };
    f.finish(sink, |_| None);
    meeting
}

/// `requests.toml`: every `[[requests]]` table that has an id and a meeting.
pub fn read_requests(table: &DeTable, sink: &mut Sink) -> Vec<Request> {
    let fields = Fields::new(table, 0..0, "requests.toml", REQUESTS_KEYS);
    let requests = fields
        .tables(sink, "requests")
        .into_iter()
        .filter_map(|(table, at)| request(sink, table, at))
        .collect();
    fields.finish(sink, |_| None);
    requests
}

fn request(sink: &mut Sink, table: &DeTable, at: Range<usize>) -> Option<Request> {
    let f = Fields::new(table, at.clone(), "[[requests]] table", REQUEST_KEYS);
    let id = f.required_string(sink, "id", "id = \"R1\"");
    let meeting = meeting_key(&f, sink);
    let kind = kind(&f, sink);
    let text = f.required_string(sink, "text", "text = \"<the minutes' words>\"");
    let request = Request {
        span: sink.span(&at),
        id: id?,
        meeting: meeting?,
        kind: kind.unwrap_or(RequestKind::Resolution),
        letter: f.string(sink, "letter").map(|l| l.value),
        text: text.map(|t| t.value).unwrap_or_default(),
        refs: f.strings(sink, "refs"),
        owner: f.string(sink, "owner"),
        answer_by: f.date(sink, "answer_by"),
        answer: f.string(sink, "answer").map(|a| a.value),
        status: status(&f, sink, &at),
    };
    f.finish(sink, |_| None);
    Some(request)
}

/// `meeting = 2009-07-14` names a dated meeting; `meeting = "…"` one by
/// its name, for meetings the minutes give no date for.
fn meeting_key(f: &Fields, sink: &mut Sink) -> Option<Located<MeetingKey>> {
    let Some(value) = f.get("meeting") else {
        f.missing(
            sink,
            "meeting",
            "meeting = 2009-07-14 (its date), or meeting = \"<its name>\" when it has no date",
        );
        return None;
    };
    match value.get_ref() {
        DeValue::Datetime(_) => date_value(sink, "meeting", value).map(|d| Located {
            value: MeetingKey::Date(d.value),
            span: d.span,
        }),
        _ => f
            .required_string(sink, "meeting", "meeting = \"<the meeting's name>\"")
            .map(|name| Located {
                value: MeetingKey::Name(name.value),
                span: name.span,
            }),
    }
}

fn kind(f: &Fields, sink: &mut Sink) -> Option<RequestKind> {
    let word = f.required_string(sink, "kind", "kind = \"resolution\"")?;
    let found = RequestKind::parse(&word.value);
    if found.is_none() {
        let words = RequestKind::ALL.map(RequestKind::as_str);
        invalid_word(sink, "kind", &word, &words, "one of its words");
    }
    found
}

/// `status`: open unless written otherwise.
fn status(f: &Fields, sink: &mut Sink, at: &Range<usize>) -> Located<RequestStatus> {
    let open = Located {
        value: RequestStatus::Open,
        span: sink.span(at),
    };
    let Some(word) = f.string(sink, "status") else {
        return open;
    };
    match RequestStatus::parse(&word.value) {
        Some(value) => Located {
            value,
            span: word.span,
        },
        None => {
            let words = RequestStatus::ALL.map(RequestStatus::as_str);
            invalid_word(sink, "status", &word, &words, "one of its words");
            open
        }
    }
}

#[cfg(test)]
mod tests;
