//! `actionplan meeting add` and `meeting list`: the committee's meetings
//! in plan.toml.

use std::path::Path;

use anyhow::Result;

use super::record::Change;
use super::words::{Shape, require_printable};
use super::{Environment, Outcome, open_plan, output};
use super::{change, commit};
use crate::cli::{MeetingAction, MeetingAddArgs, MeetingArgs, MeetingListArgs, OutputFormat};
use crate::committee::same_name;
use crate::edit::{self, NewMeeting};
use crate::error::UsageError;
use crate::model::Plan;
use crate::render::committee::{MEETING_COLUMNS, MeetingView};

pub fn run(env: &Environment, args: &MeetingArgs) -> Result<Outcome> {
    match &args.action {
        MeetingAction::Add(add) => run_add(env, add),
        MeetingAction::List(list) => run_list(env, list),
    }
}

fn run_list(env: &Environment, args: &MeetingListArgs) -> Result<Outcome> {
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let format = args.format.format;
    let meetings = &plan.settings.meetings;
    if meetings.is_empty() && format == OutputFormat::Table {
        let none = "No meetings in plan.toml: `actionplan meeting add` records one.";
        output::footnote(env, format, none)?;
        return Ok(Outcome::Success);
    }
    let views = meetings.iter().map(MeetingView::new);
    output::emit(env, format, MEETING_COLUMNS, MEETING_COLUMNS, views)?;
    let count = output::plural(meetings.len(), "meeting", "meetings");
    output::footnote(env, format, &count)?;
    Ok(Outcome::Success)
}

fn run_add(env: &Environment, args: &MeetingAddArgs) -> Result<Outcome> {
    require_words(args)?;
    let lock = commit::begin(env, args.no_commit)?;
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let meeting = NewMeeting {
        date: args.date,
        name: args.name.trim().to_string(),
        papers_due: args.papers_due,
        minute: args.minute.clone(),
    };
    refuse_listed(plan, &meeting)?;
    let relative = Path::new("plan.toml");
    let old = change::current(env, &lock, relative, args.no_commit)?.unwrap_or_default();
    let new = edit::add_meeting(&old, &meeting)?;
    let when = meeting
        .date
        .map_or("no date".to_string(), |d| d.to_string());
    let subject = format!("meeting: {} ({when}) added", meeting.name);
    let message = format!(
        "{subject}\n\nMeeting: {}\n{}",
        meeting.date.map_or(meeting.name.clone(), |d| d.to_string()),
        change::trailers(env, "meetings")?
    );
    let change = Change::one(relative.to_path_buf(), Some(old), new, message);
    change::make(env, &lock, plan, change, &subject, args.no_commit)
}

fn require_words(args: &MeetingAddArgs) -> Result<()> {
    if args.name.trim().is_empty() {
        return Err(UsageError::new("--name needs the committee's name").into());
    }
    require_printable("--name", &args.name, Shape::Line)?;
    if let Some(minute) = &args.minute {
        require_printable("--minute", minute, Shape::Line)?;
    }
    if let (Some(due), Some(date)) = (args.papers_due, args.date)
        && due > date
    {
        return Err(UsageError::with_hint(
            format!("papers due on {due} would be after the meeting of {date}"),
            "give the day papers must reach the committee, on or before the meeting",
        )
        .into());
    }
    Ok(())
}

/// A usage error for a meeting plan.toml lists already (same date and name).
fn refuse_listed(plan: &Plan, meeting: &NewMeeting) -> Result<()> {
    let listed = plan.settings.meetings.iter().any(|m| {
        m.date.as_ref().map(|d| d.value) == meeting.date
            && m.name
                .as_ref()
                .is_some_and(|n| same_name(&n.value, &meeting.name))
    });
    if listed {
        return Err(UsageError::with_hint(
            format!("plan.toml lists this meeting already: {}", meeting.name),
            "`actionplan meeting list` shows the meetings",
        )
        .into());
    }
    Ok(())
}
