//! `meeting` and `request`: the committee's meetings and its requests.

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use super::{FormatArg, PlanArg, parse_date};

#[derive(Debug, Args)]
pub struct MeetingArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(subcommand)]
    pub action: MeetingAction,
}

#[derive(Debug, Subcommand)]
pub enum MeetingAction {
    /// Add a committee meeting to plan.toml, as one commit
    #[command(after_help = "Examples:\n  \
        actionplan meeting add 2009-10-13 --name \"Scrutiny Committee\" --papers-due 2009-10-01\n  \
        actionplan meeting add --name \"Scrutiny Committee\" --minute 12   # minutes with no date")]
    Add(MeetingAddArgs),

    /// The meetings in plan.toml, in the order written
    #[command(after_help = "Example:\n  actionplan meeting list --format csv")]
    List(MeetingListArgs),
}

#[derive(Debug, Args)]
pub struct MeetingAddArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// The day it meets (YYYY-MM-DD); leave it out when the source gives none
    #[arg(value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    /// The committee, as its minutes name it
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub name: String,

    /// The day its papers are due (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub papers_due: Option<NaiveDate>,

    /// The minute reference, as the minutes write it
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub minute: Option<String>,

    /// Write the file but do not commit it
    #[arg(long)]
    pub no_commit: bool,
}

#[derive(Debug, Args)]
pub struct MeetingListArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct RequestArgs {
    #[command(flatten)]
    pub place: PlanArg,

    #[command(subcommand)]
    pub action: RequestAction,
}

#[derive(Debug, Subcommand)]
pub enum RequestAction {
    /// Record a resolution, question or concern of a meeting, as one commit
    #[command(after_help = "Examples:\n  \
        actionplan request add --meeting \"Scrutiny Committee\" --kind resolution --letter b \\\n    \
        --text \"a briefing note be circulated\" --ref 3.3 --owner DCS\n  \
        actionplan request add --meeting 2009-10-13 --kind question --text \"Why is 2.7 late?\" --ref 2.7")]
    Add(RequestAddArgs),

    /// Record the answer to a request, as one commit
    #[command(
        after_help = "Example:\n  actionplan request answer R2 --text \"Circulated to Members on 1 May.\""
    )]
    Answer(RequestAnswerArgs),

    /// The requests, open ones first
    #[command(
        after_help = "Examples:\n  actionplan request list\n  actionplan request list --status open --format csv"
    )]
    List(RequestListArgs),
}

#[derive(Debug, Args)]
pub struct RequestAddArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// The meeting: its date (YYYY-MM-DD), or its name when it has no date
    #[arg(long, value_name = "DATE|NAME", allow_hyphen_values = true)]
    pub meeting: String,

    /// What the committee made
    #[arg(long, value_enum)]
    pub kind: RequestKindArg,

    /// The minutes' words, verbatim
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub text: String,

    /// The resolution's letter in the minutes (a, b, …)
    #[arg(long, value_name = "LETTER", allow_hyphen_values = true)]
    pub letter: Option<String>,

    /// A recommendation or action it concerns; repeat for several
    #[arg(long = "ref", value_name = "REF")]
    pub refs: Vec<String>,

    /// The officer who must answer: id, title or alias
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub owner: Option<String>,

    /// When the answer is due [default: the next dated meeting after its own]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub answer_by: Option<NaiveDate>,

    /// Write the file but do not commit it
    #[arg(long)]
    pub no_commit: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RequestKindArg {
    Resolution,
    Question,
    Concern,
}

#[derive(Debug, Args)]
pub struct RequestAnswerArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// The request's id (R1)
    #[arg(value_name = "ID")]
    pub id: String,

    /// The answer given, verbatim
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub text: String,

    /// Write the file but do not commit it
    #[arg(long)]
    pub no_commit: bool,
}

#[derive(Debug, Args)]
pub struct RequestListArgs {
    #[command(flatten)]
    pub place: PlanArg,

    /// Only requests with this status
    #[arg(long, value_enum)]
    pub status: Option<RequestStatusArg>,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RequestStatusArg {
    Open,
    Answered,
}

impl MeetingArgs {
    /// `--plan`, after `meeting` or after its subcommand.
    pub fn place(&self) -> &PlanArg {
        match &self.action {
            MeetingAction::Add(a) if a.place.plan.is_some() => &a.place,
            MeetingAction::List(a) if a.place.plan.is_some() => &a.place,
            _ => &self.place,
        }
    }
}

impl RequestArgs {
    /// `--plan`, after `request` or after its subcommand.
    pub fn place(&self) -> &PlanArg {
        match &self.action {
            RequestAction::Add(a) if a.place.plan.is_some() => &a.place,
            RequestAction::Answer(a) if a.place.plan.is_some() => &a.place,
            RequestAction::List(a) if a.place.plan.is_some() => &a.place,
            _ => &self.place,
        }
    }
}
