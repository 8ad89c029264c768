//! The committee's meetings and requests as reports show them: one view
//! each, rendered by every format (table, CSV, markdown, JSON) and by the
//! digest's "Committee requests" part.

use chrono::NaiveDate;
use serde::Serialize;

use super::document::{Block, ColumnKind, Table};
use super::view::Column;
use crate::committee::{answer_by, meeting_label};
use crate::digest::Digest;
use crate::model::{Meeting, Plan, Request, RequestStatus};
use crate::roster::Roster;

#[derive(Clone, Debug, Serialize)]
pub struct MeetingView {
    /// Null for a meeting the source gives no date for.
    pub date: Option<NaiveDate>,
    /// Null for a bare date in `meetings = [...]`.
    pub name: Option<String>,
    pub papers_due: Option<NaiveDate>,
    pub minute: Option<String>,
}

impl MeetingView {
    pub fn new(meeting: &Meeting) -> MeetingView {
        MeetingView {
            date: meeting.date.as_ref().map(|d| d.value),
            name: meeting.name.as_ref().map(|n| n.value.clone()),
            papers_due: meeting.papers_due.as_ref().map(|d| d.value),
            minute: meeting.minute.clone(),
        }
    }
}

fn date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

pub const MEETING_COLUMNS: &[Column<MeetingView>] = &[
    Column::new("Date", |m| date(m.date)),
    Column::new("Name", |m| m.name.clone().unwrap_or_default()),
    Column::new("Papers due", |m| date(m.papers_due)),
    Column::new("Minute", |m| m.minute.clone().unwrap_or_default()),
];

/// One request, with what follows from the plan: its meeting's label,
/// its owner's title and when its answer is due.
#[derive(Clone, Debug, Serialize)]
pub struct RequestView {
    pub id: String,
    /// The meeting as written: a date, or a name.
    pub meeting: String,
    /// "Scrutiny Committee (no date)", "Scrutiny Committee, 2009-10-13".
    pub meeting_label: String,
    pub kind: &'static str,
    pub letter: Option<String>,
    pub text: String,
    pub refs: Vec<String>,
    /// The officer's title, or the owner as written.
    pub owner: Option<String>,
    /// As written, else the next dated meeting after its own; null when
    /// there is none.
    pub answer_by: Option<NaiveDate>,
    pub answer: Option<String>,
    pub status: &'static str,
}

impl RequestView {
    pub fn new(plan: &Plan, roster: &Roster, request: &Request) -> RequestView {
        let owner = request.owner.as_ref().map(|o| {
            roster
                .exact(&o.value)
                .map_or(o.value.clone(), |i| roster.officer(i).title.value.clone())
        });
        RequestView {
            id: request.id.value.clone(),
            meeting: request.meeting.value.to_string(),
            meeting_label: meeting_label(&plan.settings, request),
            kind: request.kind.as_str(),
            letter: request.letter.clone(),
            text: request.text.clone(),
            refs: request.refs.iter().map(|r| r.value.clone()).collect(),
            owner,
            answer_by: answer_by(&plan.settings, request),
            answer: request.answer.clone(),
            status: request.status.value.as_str(),
        }
    }

    /// Whether the request still waits for its answer.
    pub fn is_open(&self) -> bool {
        self.status == RequestStatus::Open.as_str()
    }

    /// "Resolution (b)", "Question", "Concern".
    pub fn kind_label(&self) -> String {
        let mut kind = self.kind.to_string();
        kind[..1].make_ascii_uppercase();
        match &self.letter {
            Some(letter) => format!("{kind} ({letter})"),
            None => kind,
        }
    }
}

pub const REQUEST_TABLE: &[Column<RequestView>] = &[
    Column::new("Id", |r| r.id.clone()),
    Column::new("Meeting", |r| r.meeting_label.clone()),
    Column::new("Kind", RequestView::kind_label),
    Column::new("Text", |r| r.text.clone()),
    Column::new("Refs", |r| r.refs.join("; ")),
    Column::new("Owner", |r| r.owner.clone().unwrap_or_default()),
    Column::new("Answer by", |r| date(r.answer_by)),
    Column::new("Status", |r| r.status.to_string()),
];

pub const REQUEST_CSV: &[Column<RequestView>] = &[
    Column::new("Id", |r| r.id.clone()),
    Column::new("Meeting", |r| r.meeting_label.clone()),
    Column::new("Kind", |r| r.kind.to_string()),
    Column::new("Letter", |r| r.letter.clone().unwrap_or_default()),
    Column::new("Text", |r| r.text.clone()),
    Column::new("Refs", |r| r.refs.join("; ")),
    Column::new("Owner", |r| r.owner.clone().unwrap_or_default()),
    Column::new("Answer by", |r| date(r.answer_by)),
    Column::new("Status", |r| r.status.to_string()),
    Column::new("Answer", |r| r.answer.clone().unwrap_or_default()),
];

/// The digest's "Committee requests": what the committee asked for and
/// has not been given, then what it has been told, each in the minutes'
/// own words.
pub fn requests_part<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let mut blocks = vec![Block::Heading(2, "Committee requests".to_string())];
    if digest.requests.is_empty() {
        let none =
            "The committee has recorded no resolutions, questions or concerns (requests.toml).";
        blocks.push(Block::Paragraph(none.to_string()));
        return blocks;
    }
    let (plan, roster) = (digest.plan(), digest.roster());
    let views: Vec<RequestView> = digest
        .requests
        .iter()
        .map(|r| RequestView::new(plan, roster, r))
        .collect();
    let (open, answered): (Vec<RequestView>, Vec<RequestView>) =
        views.into_iter().partition(|v| v.is_open());
    blocks.push(Block::Paragraph(format!(
        "{} open, {} answered. Answer by: as recorded, else the next meeting after the one \
         that asked, where it has a date.",
        open.len(),
        answered.len()
    )));
    blocks.push(Block::Heading(3, "Open".to_string()));
    blocks.push(open_table(open));
    blocks.push(Block::Heading(3, "Answered".to_string()));
    blocks.push(answered_table(answered));
    blocks
}

const FIRST_COLUMNS: [(&str, ColumnKind); 3] = [
    ("Id", ColumnKind::Ref),
    ("Asked", ColumnKind::Name),
    ("Text", ColumnKind::Text),
];

/// The id, where and how it was asked ("Scrutiny Committee (no date):
/// resolution (a)") in one narrow column, and the minutes' words.
fn first_cells(v: &RequestView) -> Vec<String> {
    vec![
        v.id.clone(),
        format!("{}: {}", v.meeting_label, v.kind_label().to_lowercase()),
        v.text.clone(),
    ]
}

fn open_table<'d>(open: Vec<RequestView>) -> Block<'d> {
    if open.is_empty() {
        return Block::Paragraph("None.".to_string());
    }
    let mut columns = FIRST_COLUMNS.to_vec();
    columns.extend([
        ("Refs", ColumnKind::Ref),
        ("Owner", ColumnKind::Name),
        ("Answer by", ColumnKind::Date),
    ]);
    let rows = open
        .iter()
        .map(|v| {
            let mut cells = first_cells(v);
            cells.push(v.refs.join(", "));
            cells.push(v.owner.clone().unwrap_or_default());
            cells.push(
                v.answer_by
                    .map_or_else(|| "—".to_string(), super::digest::long_date),
            );
            cells
        })
        .collect();
    Block::Table(Table::new(&columns, rows))
}

fn answered_table<'d>(answered: Vec<RequestView>) -> Block<'d> {
    if answered.is_empty() {
        return Block::Paragraph("None yet.".to_string());
    }
    let mut columns = FIRST_COLUMNS.to_vec();
    columns.extend([("Refs", ColumnKind::Ref), ("Answer", ColumnKind::Text)]);
    let rows = answered
        .iter()
        .map(|v| {
            let mut cells = first_cells(v);
            cells.push(v.refs.join(", "));
            cells.push(v.answer.clone().unwrap_or_default());
            cells
        })
        .collect();
    Block::Table(Table::new(&columns, rows))
}
