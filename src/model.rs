//! The plan as plain data: sections, officers, recommendations, actions and
//! their updates. No I/O; every record remembers where it was written so
//! findings can point at it.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::reference::{Ref, action_letter};
use crate::status::Status;

/// Index of a file in [`Plan::files`].
pub type FileId = u32;

/// A byte range in one of the plan's files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

/// How often something recurs: updates expected, reporting periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Monthly,
    Quarterly,
    Annually,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Monthly, Period::Quarterly, Period::Annually];

    /// The word written in plan files.
    pub fn adverb(self) -> &'static str {
        match self {
            Period::Monthly => "monthly",
            Period::Quarterly => "quarterly",
            Period::Annually => "annually",
        }
    }

    pub fn months(self) -> u32 {
        match self {
            Period::Monthly => 1,
            Period::Quarterly => 3,
            Period::Annually => 12,
        }
    }

    pub fn from_adverb(word: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.adverb() == word)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.adverb())
    }
}

/// A whole plan folder.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// The plan folder, as the user named it; file paths are joined to it.
    pub root: PathBuf,
    /// Every file read, relative to `root`; a [`FileId`] indexes this.
    pub files: Vec<PathBuf>,
    pub settings: Settings,
    pub sections: Vec<Section>,
    pub officers: Vec<Officer>,
    /// In ref order.
    pub recommendations: Vec<Recommendation>,
    /// The committee's requests (`requests.toml`), in the order written.
    pub requests: Vec<Request>,
    /// Whether `plan.toml` and `officers.toml` could be read: when not,
    /// there is nothing to check sections and leads against.
    pub sections_known: bool,
    pub officers_known: bool,
}

impl Plan {
    /// A file's path relative to the plan folder.
    pub fn relative_path(&self, file: FileId) -> &Path {
        &self.files[file as usize]
    }

    /// A file's path as the user would type it (the plan folder joined).
    pub fn display_path(&self, file: FileId) -> PathBuf {
        self.root.join(self.relative_path(file))
    }

    pub fn section(&self, number: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.number.value == number)
    }

    /// A section's title, or nothing for a section plan.toml does not list.
    pub fn section_title(&self, number: &str) -> String {
        self.section(number)
            .map(|s| s.title.clone())
            .unwrap_or_default()
    }
}

/// `plan.toml` apart from its sections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub title: String,
    pub organisation: String,
    /// When the plan was adopted: what "Immediate" means.
    pub adopted: Option<Located<NaiveDate>>,
    /// The period a progress update is expected in.
    pub reporting: Period,
    /// Month and day the reporting year starts (UK financial year: 1 April).
    pub year_starts: (u32, u32),
    /// Committee meetings, in the order written; some may have no date.
    pub meetings: Vec<Meeting>,
    /// What day it is, and on which day a commit was made.
    pub time_zone: crate::date::Zone,
}

impl Settings {
    /// The committee's meeting dates, earliest first: what "since the last
    /// meeting" and "before the next" go by.
    pub fn meeting_dates(&self) -> Vec<NaiveDate> {
        // A meeting the minutes give no date for is no point in time.
        let mut dates: Vec<NaiveDate> = self
            .meetings
            .iter()
            .filter_map(|m| m.date.as_ref().map(|d| d.value))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        dates
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            title: String::new(),
            organisation: String::new(),
            adopted: None,
            reporting: Period::Quarterly,
            year_starts: (4, 1),
            meetings: Vec::new(),
            time_zone: crate::date::Zone::default(),
        }
    }
}

/// A committee meeting: a bare date in `meetings = [2009-07-14]`, or a
/// `[[meetings]]` table with a name and perhaps no date at all (minutes
/// often carry none, and none is invented).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    /// Where the entry is written.
    pub span: Span,
    pub date: Option<Located<NaiveDate>>,
    /// Required in a table; a bare date has none.
    pub name: Option<Located<String>>,
    /// When the committee's papers are due.
    pub papers_due: Option<Located<NaiveDate>>,
    /// The minute reference, as the minutes write it.
    pub minute: Option<String>,
}

impl Meeting {
    /// "Scrutiny Committee, 2009-07-14", "Scrutiny Committee (no date)",
    /// or the date alone.
    pub fn label(&self) -> String {
        let date = self.date.as_ref().map(|d| d.value.to_string());
        match (&self.name, date) {
            (Some(name), Some(date)) => format!("{}, {date}", name.value),
            (Some(name), None) => format!("{} (no date)", name.value),
            (None, Some(date)) => date,
            (None, None) => "(a meeting with no name or date)".to_string(),
        }
    }
}

/// How a request names its meeting: by date, or by name when the meeting
/// has no date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingKey {
    Date(NaiveDate),
    Name(String),
}

impl fmt::Display for MeetingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeetingKey::Date(date) => write!(f, "{date}"),
            MeetingKey::Name(name) => f.write_str(name),
        }
    }
}

/// What a committee asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    Resolution,
    Question,
    Concern,
}

impl RequestKind {
    pub const ALL: [RequestKind; 3] = [
        RequestKind::Resolution,
        RequestKind::Question,
        RequestKind::Concern,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Resolution => "resolution",
            RequestKind::Question => "question",
            RequestKind::Concern => "concern",
        }
    }

    pub fn parse(word: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestStatus {
    Open,
    Answered,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 2] = [RequestStatus::Open, RequestStatus::Answered];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Answered => "answered",
        }
    }

    pub fn parse(word: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

/// One `[[requests]]` entry of `requests.toml`: a resolution, question or
/// concern of a meeting, and its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Where the `[[requests]]` table starts.
    pub span: Span,
    pub id: Located<String>,
    pub meeting: Located<MeetingKey>,
    pub kind: RequestKind,
    /// The resolution's letter in the minutes ("a").
    pub letter: Option<String>,
    /// The minutes' words, verbatim.
    pub text: String,
    /// Recommendations or actions it concerns, as written ("3.3", "2.7a").
    pub refs: Vec<Located<String>>,
    /// The officer who must answer: id, title or alias.
    pub owner: Option<Located<String>>,
    /// When written; else the next dated meeting after its own, if any
    /// (see `committee::answer_by`).
    pub answer_by: Option<Located<NaiveDate>>,
    pub answer: Option<String>,
    pub status: Located<RequestStatus>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub number: Located<String>,
    pub title: String,
    /// Where the title is written, for findings about it.
    pub title_span: Span,
}

/// A lead officer and every spelling the plan uses for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Officer {
    pub id: Located<String>,
    pub title: Located<String>,
    pub aliases: Vec<Located<String>>,
    /// Where the returns chaser goes; optional.
    pub email: Option<Located<String>>,
}

impl Officer {
    /// The id, the title and every alias.
    pub fn names(&self) -> impl Iterator<Item = &Located<String>> {
        [&self.id, &self.title].into_iter().chain(&self.aliases)
    }
}

/// One recommendation file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommendation {
    pub reference: Located<Ref>,
    /// The section: the folder the file is in ("" at the top of a plan
    /// with no sections).
    pub section: String,
    pub text: String,
    pub actions: Vec<Action>,
    pub file: FileId,
}

impl Recommendation {
    /// "2.7a" for the first of several actions; "3.3" when it is the only one.
    pub fn action_address(&self, index: usize) -> String {
        match (self.actions.len(), action_letter(index)) {
            (1, _) | (_, None) => self.reference.value.to_string(),
            (_, Some(letter)) => format!("{}{letter}", self.reference.value),
        }
    }
}

/// One `[[actions]]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// Where the `[[actions]]` table starts.
    pub span: Span,
    pub text: Option<String>,
    pub steps: Vec<String>,
    /// The plan's own words for when, verbatim.
    pub timescale: Option<Located<String>>,
    /// The date overdue is judged by.
    pub due: Option<Located<NaiveDate>>,
    /// When a recurring action starts ("From July 2009").
    pub start: Option<Located<NaiveDate>>,
    pub recurs: Option<Located<Period>>,
    pub ongoing: Option<Located<bool>>,
    pub status: Located<Status>,
    /// Officers as the plan writes them: id, title or alias.
    pub lead: Vec<Located<String>>,
    pub success: Vec<String>,
    pub resources: Vec<String>,
    /// Notes carried over from an imported table whose date is not known
    /// (undated progress, status words that are no status).
    pub notes: Vec<String>,
    /// In the order written; see [`Action::latest_update`].
    pub updates: Vec<Update>,
    /// Keys that were written but could not be read (already reported), so
    /// rules about them stay quiet rather than echo the first error.
    pub unread: Unread,
}

/// Which of an action's keys were written but could not be read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unread {
    pub status: bool,
    /// `due`, `start`, `recurs` or `ongoing`.
    pub schedule: bool,
}

impl Action {
    pub fn is_ongoing(&self) -> bool {
        self.ongoing.as_ref().is_some_and(|o| o.value)
    }

    /// The update with the latest date; of two on one day, the later written.
    /// The action's words and its steps, as one text: "Review; Consult".
    pub fn full_text(&self) -> String {
        let mut parts: Vec<&str> = self.text.as_deref().into_iter().collect();
        parts.extend(self.steps.iter().map(String::as_str));
        parts.join("; ")
    }

    pub fn latest_update(&self) -> Option<&Update> {
        self.updates.iter().max_by_key(|u| u.date.value)
    }

    /// The latest update dated on or before `date`: what was known then.
    pub fn latest_update_on(&self, date: NaiveDate) -> Option<&Update> {
        self.updates
            .iter()
            .filter(|u| u.date.value <= date)
            .max_by_key(|u| u.date.value)
    }
}

/// One `[[actions.updates]]` entry: progress reported on a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    pub span: Span,
    pub date: Located<NaiveDate>,
    pub status: Option<Located<Status>>,
    /// A revised due date, recorded with the reason for it.
    pub due: Option<Located<NaiveDate>>,
    pub note: Option<String>,
    pub by: Option<String>,
}
