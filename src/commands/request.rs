//! `actionplan request add`, `request answer` and `request list`: the
//! committee's resolutions, questions and concerns, in requests.toml.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use super::record::Change;
use super::update::quoted;
use super::words::{Shape, require_printable};
use super::{Environment, Outcome, open_plan, output};
use super::{change, commit};
use crate::cli::{
    OutputFormat, RequestAction, RequestAddArgs, RequestAnswerArgs, RequestArgs, RequestKindArg,
    RequestListArgs, RequestStatusArg,
};
use crate::committee::{find_meeting, in_paper_order, next_id};
use crate::edit::{self, NewRequest};
use crate::error::UsageError;
use crate::load::REQUESTS;
use crate::model::{Meeting, MeetingKey, Plan, RequestKind, RequestStatus};
use crate::reference::Address;
use crate::render::committee::{REQUEST_CSV, REQUEST_TABLE, RequestView};
use crate::roster::{Lookup, Roster};

pub fn run(env: &Environment, args: &RequestArgs) -> Result<Outcome> {
    match &args.action {
        RequestAction::Add(add) => run_add(env, add),
        RequestAction::Answer(answer) => run_answer(env, answer),
        RequestAction::List(list) => run_list(env, list),
    }
}

fn run_list(env: &Environment, args: &RequestListArgs) -> Result<Outcome> {
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let roster = Roster::new(&plan.officers);
    let wanted = args.status.map(|s| match s {
        RequestStatusArg::Open => RequestStatus::Open,
        RequestStatusArg::Answered => RequestStatus::Answered,
    });
    let views: Vec<RequestView> = in_paper_order(&plan.requests)
        .into_iter()
        .filter(|r| wanted.is_none_or(|s| r.status.value == s))
        .map(|r| RequestView::new(plan, &roster, r))
        .collect();
    let format = args.format.format;
    if views.is_empty() && format == OutputFormat::Table {
        output::footnote(env, format, "No requests match.")?;
        return Ok(Outcome::Success);
    }
    output::emit(env, format, REQUEST_TABLE, REQUEST_CSV, &views)?;
    let count = output::plural(views.len(), "request", "requests");
    output::footnote(env, format, &count)?;
    Ok(Outcome::Success)
}

fn run_add(env: &Environment, args: &RequestAddArgs) -> Result<Outcome> {
    require_printable("--text", &args.text, Shape::Paragraphs)?;
    for (flag, value) in [
        ("--meeting", Some(&args.meeting)),
        ("--letter", args.letter.as_ref()),
    ] {
        if let Some(value) = value {
            require_printable(flag, value, Shape::Line)?;
        }
    }
    let lock = commit::begin(env, args.no_commit)?;
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let request = new_request(plan, args)?;
    let relative = Path::new(REQUESTS);
    let old = change::current(env, &lock, relative, args.no_commit)?;
    let new = edit::add_request(old.as_deref(), &request)?;
    let subject = format!("request {}: {} recorded", request.id, request.kind);
    let message = format!(
        "{subject}\n\n{}\n\n{}{}",
        quoted(&request.text),
        request_trailers(&request.id, &request.refs),
        change::trailers(env, "requests")?
    );
    let change = Change::one(relative.to_path_buf(), old, new, message);
    change::make(env, &lock, plan, change, &subject, args.no_commit)
}

/// The request to add, its meeting and owner looked up in the plan.
fn new_request(plan: &Plan, args: &RequestAddArgs) -> Result<NewRequest> {
    if args.text.trim().is_empty() {
        return Err(UsageError::new("--text needs the minutes' words").into());
    }
    let key = match crate::date::read_iso(args.meeting.trim()) {
        Ok(date) => MeetingKey::Date(date),
        Err(_) => MeetingKey::Name(args.meeting.trim().to_string()),
    };
    let Ok(meeting) = find_meeting(&plan.settings, &key) else {
        return Err(UsageError::with_hint(
            format!("no meeting in plan.toml is \"{key}\", or that name is several meetings'"),
            "`actionplan meeting list` shows them; `actionplan meeting add` adds one",
        )
        .into());
    };
    let same_day = |date: NaiveDate| -> Vec<&Meeting> {
        let on = |m: &&Meeting| m.date.as_ref().is_some_and(|d| d.value == date);
        plan.settings.meetings.iter().filter(on).collect()
    };
    if let MeetingKey::Date(date) = &key
        && let shared @ [_, _, ..] = same_day(*date).as_slice()
    {
        let names: Vec<String> = shared.iter().map(|m| m.label()).collect();
        return Err(UsageError::with_hint(
            format!(
                "{} meetings are on {date}: {}",
                shared.len(),
                names.join("; ")
            ),
            "say which by its name: --meeting \"<name>\"",
        )
        .into());
    }
    // A dated meeting is written by its date, as its name may later be
    // shared by the committee's next meeting; an undated one by its name
    // as plan.toml spells it. A date is read as the first meeting of that
    // day, so a later meeting of the same day cannot be named at all:
    // refused rather than recorded against the other meeting.
    let key = match (&meeting.date, &meeting.name) {
        (Some(date), _) if std::ptr::eq(same_day(date.value)[0], meeting) => {
            MeetingKey::Date(date.value)
        }
        (Some(date), _) => {
            return Err(UsageError::with_hint(
                format!(
                    "{} is not the first meeting of {} in plan.toml: requests.toml names a \
                     meeting by its date, which is read as {}",
                    meeting.label(),
                    date.value,
                    same_day(date.value)[0].label()
                ),
                "only the first meeting listed on a day can have requests; nothing was written",
            )
            .into());
        }
        (None, Some(name)) => MeetingKey::Name(name.value.clone()),
        (None, None) => key,
    };
    for reference in &args.refs {
        Address::parse(reference).map_err(UsageError::new)?;
    }
    let kind = match args.kind {
        RequestKindArg::Resolution => RequestKind::Resolution,
        RequestKindArg::Question => RequestKind::Question,
        RequestKindArg::Concern => RequestKind::Concern,
    };
    Ok(NewRequest {
        id: next_id(&plan.requests),
        meeting: match key {
            MeetingKey::Date(date) => Ok(date),
            MeetingKey::Name(name) => Err(name),
        },
        kind: kind.as_str().to_string(),
        letter: args.letter.clone(),
        text: args.text.trim().to_string(),
        refs: args.refs.iter().map(|r| r.trim().to_string()).collect(),
        owner: args.owner.as_deref().map(|o| owner(plan, o)).transpose()?,
        answer_by: args.answer_by,
    })
}

/// The officer `text` names (a unique part of a name will do), by id.
fn owner(plan: &Plan, text: &str) -> Result<String> {
    let roster = Roster::new(&plan.officers);
    match roster.search(text) {
        Lookup::Found(i) => Ok(roster.officer(i).id.value.clone()),
        Lookup::Ambiguous(found) => {
            let names: Vec<&str> = found
                .iter()
                .map(|&i| roster.officer(i).title.value.as_str())
                .collect();
            Err(UsageError::with_hint(
                format!("--owner \"{text}\" could be any of several officers"),
                format!("say which: {}", names.join("; ")),
            )
            .into())
        }
        Lookup::NotFound => Err(UsageError::with_hint(
            format!("--owner \"{text}\" is not an officer in officers.toml"),
            "give an officer's id, title or alias (`actionplan leads` lists them)",
        )
        .into()),
    }
}

fn run_answer(env: &Environment, args: &RequestAnswerArgs) -> Result<Outcome> {
    if args.text.trim().is_empty() {
        return Err(UsageError::new("--text needs the answer's words").into());
    }
    require_printable("--text", &args.text, Shape::Paragraphs)?;
    let lock = commit::begin(env, args.no_commit)?;
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let Some(request) = plan.requests.iter().find(|r| r.id.value == args.id.trim()) else {
        return Err(UsageError::with_hint(
            format!("there is no request {}", args.id),
            "`actionplan request list` shows the requests and their ids",
        )
        .into());
    };
    let relative = Path::new(REQUESTS);
    let old = change::current(env, &lock, relative, args.no_commit)?.unwrap_or_default();
    let answer = args.text.trim();
    let new = edit::answer_request(&old, &request.id.value, answer)?;
    // A corrected answer is said to be one: the commit replaces the old.
    let verb = match request.status.value {
        RequestStatus::Answered => "answer replaced",
        RequestStatus::Open => "answered",
    };
    let subject = format!("request {}: {verb}", request.id.value);
    let refs: Vec<String> = request.refs.iter().map(|r| r.value.clone()).collect();
    let message = format!(
        "{subject}\n\n{}\n\n{}{}",
        quoted(answer),
        request_trailers(&request.id.value, &refs),
        change::trailers(env, "requests")?
    );
    let change = Change::one(relative.to_path_buf(), Some(old), new, message);
    change::make(env, &lock, plan, change, &subject, args.no_commit)
}

/// `Request: R2`, and `Ref:` for each ref it concerns, so `git log --grep
/// "^Ref: 3.3"` finds the committee's requests about 3.3 too.
fn request_trailers(id: &str, refs: &[String]) -> String {
    let mut trailers = format!("Request: {id}\n");
    for reference in refs {
        trailers.push_str(&format!("Ref: {reference}\n"));
    }
    trailers
}
