//! The keys of `plan.toml`, `officers.toml` and recommendation files, read
//! into the model.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::fields::{Fields, Sink, did_you_mean, invalid_word, span_range};
use crate::finding::Check;
use crate::model::{
    Action, Located, Officer, Period, Recommendation, Section, Settings, Unread, Update,
};
use crate::reference::Ref;
use crate::status::Status;

const PLAN_KEYS: &[&str] = &[
    "title",
    "organisation",
    "adopted",
    "reporting",
    "year_starts",
    "meetings",
    "time_zone",
    "sections",
];
const SECTION_KEYS: &[&str] = &["number", "title"];
const OFFICERS_KEYS: &[&str] = &["officers"];
const OFFICER_KEYS: &[&str] = &["id", "title", "aliases", "email"];
pub(super) const RECOMMENDATION_KEYS: &[&str] = &["ref", "recommendation", "actions"];
pub(super) const ACTION_KEYS: &[&str] = &[
    "text",
    "steps",
    "timescale",
    "due",
    "start",
    "recurs",
    "ongoing",
    "success",
    "lead",
    "resources",
    "status",
    "notes",
    "updates",
];
pub(super) const UPDATE_KEYS: &[&str] = &["date", "status", "due", "note", "by"];

/// `plan.toml`: settings and sections.
pub fn read_plan(table: &DeTable, sink: &mut Sink) -> (Settings, Vec<Section>) {
    let fields = Fields::new(table, 0..0, "plan.toml", PLAN_KEYS);
    let mut settings = Settings::default();
    let text = |f: &Fields, sink: &mut Sink, key, example| {
        f.required_string(sink, key, example)
            .map(|s| s.value)
            .unwrap_or_default()
    };
    settings.title = text(&fields, sink, "title", "title = \"<the plan's title>\"");
    settings.organisation = text(
        &fields,
        sink,
        "organisation",
        "organisation = \"<who owns the plan>\"",
    );
    settings.adopted = fields.date(sink, "adopted");
    if let Some(period) = period(&fields, sink, "reporting") {
        settings.reporting = period.value;
    }
    if let Some(start) = year_start(&fields, sink) {
        settings.year_starts = start;
    }
    settings.meetings = super::committee::read_meetings(&fields, sink);
    if let Some(zone) = time_zone(&fields, sink) {
        settings.time_zone = zone;
    }
    let sections = sections(&fields, sink);
    fields.finish(sink, |_| None);
    (settings, sections)
}

fn period(fields: &Fields, sink: &mut Sink, key: &str) -> Option<Located<Period>> {
    let word = fields.string(sink, key)?;
    if let Some(period) = Period::from_adverb(&word.value) {
        return Some(Located {
            value: period,
            span: word.span,
        });
    }
    invalid_word(
        sink,
        key,
        &word,
        &Period::ALL.map(Period::adverb),
        "a period",
    );
    None
}

fn time_zone(fields: &Fields, sink: &mut Sink) -> Option<crate::date::Zone> {
    let name = fields.string(sink, "time_zone")?;
    if let Some(zone) = crate::date::Zone::parse(&name.value) {
        return Some(zone);
    }
    let hint = did_you_mean(&name.value, crate::date::Zone::names())
        .map(|z| format!("did you mean \"{z}\"?"))
        .unwrap_or_else(|| "write a zone's IANA name, like \"Europe/London\"".to_string());
    let message = format!(
        "`time_zone` is \"{}\", which is not a time zone",
        name.value
    );
    sink.push(
        Check::InvalidValue,
        span_range(&name.span),
        message,
        Some(hint),
    );
    None
}

fn year_start(fields: &Fields, sink: &mut Sink) -> Option<(u32, u32)> {
    let text = fields.string(sink, "year_starts")?;
    let parsed = text.value.split_once('-').and_then(|(m, d)| {
        let (month, day) = (m.parse().ok()?, d.parse().ok()?);
        chrono::NaiveDate::from_ymd_opt(2001, month, day).map(|_| (month, day))
    });
    if parsed.is_none() {
        let message = format!(
            "`year_starts` is \"{}\", which is not a month and day",
            text.value
        );
        let hint = "write month-day, like \"04-01\" for the UK financial year".to_string();
        sink.push(
            Check::InvalidValue,
            span_range(&text.span),
            message,
            Some(hint),
        );
    }
    parsed
}

/// Sections are optional: a tracker with no sections is a plan.
fn sections(fields: &Fields, sink: &mut Sink) -> Vec<Section> {
    let mut sections = Vec::new();
    for (table, at) in fields.tables(sink, "sections") {
        let f = Fields::new(table, at, "[[sections]] table", SECTION_KEYS);
        let number = section_number(&f, sink);
        let title = f.required_string(sink, "title", "title = \"<the section's title>\"");
        f.finish(sink, |_| None);
        if let (Some(number), Some(title)) = (number, title) {
            sections.push(Section {
                number,
                title: title.value,
                title_span: title.span,
            });
        }
    }
    sections
}

/// Section numbers are text ("1"), but a bare 1 is what people type.
fn section_number(f: &Fields, sink: &mut Sink) -> Option<Located<String>> {
    let value = f.get("number");
    if let Some(DeValue::Integer(i)) = value.map(|v| v.get_ref()) {
        let at = value.map(|v| v.span()).unwrap_or_default();
        return Some(sink.located(i.as_str().to_string(), &at));
    }
    let number = f.required_string(sink, "number", "number = \"1\"")?;
    let valid = number.value.bytes().all(|b| b.is_ascii_digit());
    if !valid {
        let message = format!("section number \"{}\" is not a whole number", number.value);
        let hint = "refs start with their section number, so it must be a number like \"3\"";
        sink.push(
            Check::InvalidValue,
            span_range(&number.span),
            message,
            Some(hint.into()),
        );
        return None;
    }
    Some(number)
}

/// `officers.toml`.
pub fn read_officers(table: &DeTable, sink: &mut Sink) -> Vec<Officer> {
    let fields = Fields::new(table, 0..0, "officers.toml", OFFICERS_KEYS);
    if fields.get("officers").is_none() {
        fields.missing(sink, "officers", "[[officers]] with id, title and aliases");
    }
    let mut officers = Vec::new();
    for (table, at) in fields.tables(sink, "officers") {
        let f = Fields::new(table, at, "[[officers]] table", OFFICER_KEYS);
        let id = f.required_string(sink, "id", "id = \"<a short id, one word>\"");
        let title = f.required_string(sink, "title", "title = \"<the officer's job title>\"");
        let aliases = f.strings(sink, "aliases");
        let email = f.string(sink, "email").filter(|e| email_reads(sink, e));
        f.finish(sink, |_| None);
        if let (Some(id), Some(title)) = (id, title) {
            officers.push(Officer {
                id,
                title,
                aliases,
                email,
            });
        }
    }
    fields.finish(sink, |_| None);
    officers
}

/// Whether an officer's `email` is one address a mail client can take
/// (`name@place`, no spaces, no display name); a finding when not.
fn email_reads(sink: &mut Sink, email: &Located<String>) -> bool {
    let text = email.value.as_str();
    let one_address = matches!(text.split_once('@'), Some((local, domain))
        if !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.'))
        && text.matches('@').count() == 1
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"()[]\\".contains(c));
    if !one_address {
        sink.push(
            Check::InvalidValue,
            email.span.start as usize..email.span.end as usize,
            format!("email \"{text}\" is not one email address"),
            Some("write one address, like email = \"jo.bloggs@herefordshire.gov.uk\"".into()),
        );
    }
    one_address
}

/// A recommendation file; `None` when it has no usable ref.
pub fn read_recommendation(table: &DeTable, sink: &mut Sink) -> Option<Recommendation> {
    let fields = Fields::new(table, 0..0, "recommendation file", RECOMMENDATION_KEYS);
    let reference = reference(&fields, sink);
    let text = fields.required_string(
        sink,
        "recommendation",
        "recommendation = \"<the recommendation's words>\"",
    );
    let actions = fields
        .tables(sink, "actions")
        .into_iter()
        .map(|(table, at)| read_action(table, at, sink))
        .collect();
    fields.finish(sink, |key| {
        ACTION_KEYS
            .contains(&key)
            .then(|| format!("`{key}` belongs to an action: put it under [[actions]]"))
    });
    Some(Recommendation {
        reference: reference?,
        section: String::new(),
        text: text.map(|t| t.value).unwrap_or_default(),
        actions,
        file: sink.file,
    })
}

fn reference(fields: &Fields, sink: &mut Sink) -> Option<Located<Ref>> {
    // The file's own name is its ref: the example a person can copy.
    let stem = sink
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let example = format!("ref = \"{}\"", stem.unwrap_or_else(|| "2.7".to_string()));
    let text = fields.required_string(sink, "ref", &example)?;
    match Ref::parse(&text.value) {
        Ok(reference) => Some(Located {
            value: reference,
            span: text.span,
        }),
        Err(reason) => {
            let hint =
                "refs are the section number, a dot and the item number, in quotes: ref = \"2.7\"";
            sink.push(
                Check::InvalidRef,
                span_range(&text.span),
                reason,
                Some(hint.into()),
            );
            None
        }
    }
}

fn read_action(table: &DeTable, at: Range<usize>, sink: &mut Sink) -> Action {
    let f = Fields::new(table, at.clone(), "[[actions]] table", ACTION_KEYS);
    let status = status(&f, sink, "status", true);
    let due = f.date(sink, "due");
    let start = f.date(sink, "start");
    let recurs = period(&f, sink, "recurs");
    let ongoing = f.boolean(sink, "ongoing");
    // A key written but unreadable is already an error; rules that use it
    // stay quiet rather than echo it.
    let present = |key| f.get(key).is_some();
    let unread = Unread {
        status: status.is_none() && present("status"),
        schedule: [
            ("due", due.is_none()),
            ("start", start.is_none()),
            ("recurs", recurs.is_none()),
        ]
        .into_iter()
        .chain([("ongoing", ongoing.is_none())])
        .any(|(key, none)| none && present(key)),
    };
    let action = Action {
        span: sink.span(&at),
        text: f.string(sink, "text").map(|t| t.value),
        steps: f.texts(sink, "steps"),
        timescale: f.string(sink, "timescale"),
        due,
        start,
        recurs,
        ongoing,
        // A missing or invalid status is already an error; the action is
        // kept so its other keys are still checked.
        status: status.unwrap_or(Located {
            value: Status::NotStarted,
            span: sink.span(&at),
        }),
        lead: f.strings(sink, "lead"),
        success: f.texts(sink, "success"),
        resources: f.texts(sink, "resources"),
        notes: f.texts(sink, "notes"),
        updates: f
            .tables(sink, "updates")
            .into_iter()
            .filter_map(|(t, at)| read_update(t, at, sink))
            .collect(),
        unread,
    };
    f.finish(sink, |key| {
        (key == "update").then(|| "progress goes in [[actions.updates]] tables".to_string())
    });
    action
}

fn read_update(table: &DeTable, at: Range<usize>, sink: &mut Sink) -> Option<Update> {
    let f = Fields::new(table, at.clone(), "[[actions.updates]] table", UPDATE_KEYS);
    let date = f.date(sink, "date");
    if f.get("date").is_none() {
        f.missing(
            sink,
            "date",
            "date = YYYY-MM-DD (the day the progress was reported)",
        );
    }
    let update = Update {
        span: sink.span(&at),
        date: date?,
        status: status(&f, sink, "status", false),
        due: f.date(sink, "due"),
        note: f.string(sink, "note").map(|n| n.value),
        by: f.string(sink, "by").map(|b| b.value),
    };
    f.finish(sink, |_| None);
    Some(update)
}

fn status(f: &Fields, sink: &mut Sink, key: &str, required: bool) -> Option<Located<Status>> {
    if required && f.get(key).is_none() {
        f.missing(sink, key, "status = \"not_started\"");
        return None;
    }
    let word = f.string(sink, key)?;
    match word.value.parse::<Status>() {
        Ok(status) => Some(Located {
            value: status,
            span: word.span,
        }),
        Err(_) => {
            let hint = status_hint(&word.value);
            let message = format!("\"{}\" is not a status", word.value);
            sink.push(
                Check::InvalidStatus,
                span_range(&word.span),
                message,
                Some(hint),
            );
            None
        }
    }
}

fn status_hint(word: &str) -> String {
    let words = Status::ALL.map(Status::as_str);
    if let Some(status) = Status::from_word_or_colour(word) {
        return format!("files use the status word: write \"{status}\"");
    }
    let normalised = word.trim().to_lowercase().replace([' ', '-'], "_");
    match did_you_mean(&normalised, words) {
        Some(status) => format!("did you mean \"{status}\"?"),
        None => format!("write one of: {}", words.join(", ")),
    }
}
