//! Turning an existing action-plan table into a plan folder: a table
//! extracted from a PDF (`seed-tsv`) or a spreadsheet export (`csv`).
//! Everything that could not be read for certain goes in the [`Report`],
//! never guessed silently.

mod cells;
mod columns;
mod headings;
mod officers;
mod owners;
mod refs;
mod report;
mod row_action;
mod rows;
mod seed;
pub(crate) mod spreadsheet;
mod table;
mod workbook;
mod wrapped;
mod write;

pub use workbook::{is_workbook, to_csv as workbook_csv};

use chrono::NaiveDate;

use crate::model::Period;
use crate::status::Status;
use crate::timescale::{self, Schedule};
pub use columns::{Field, Mapping};
pub use officers::{Officer, parse_officers};
pub use report::{Note, NoteKind, Report};
pub use write::{files, recommendation_toml, shared_file};

/// What the input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Tab-separated rows extracted from a PDF table, as in `seeds/`.
    SeedTsv,
    /// A spreadsheet saved as CSV (comma, semicolon or tab).
    Csv,
}

/// A plan read from a table, before it is written as files.
#[derive(Debug, Default)]
pub struct Draft {
    pub title: String,
    pub organisation: String,
    pub sections: Vec<DraftSection>,
    pub recommendations: Vec<DraftRecommendation>,
    pub officers: Vec<officers::Officer>,
    pub report: Report,
    /// Rows above a table's header, read as its title and organisation.
    pub found_title: Option<String>,
    pub found_organisation: Option<String>,
    /// A date above the header that says when the table was brought up to
    /// date ("Last updated: 14/11/2024"): its progress is dated by it
    /// unless `--reported` says otherwise.
    pub found_reported: Option<NaiveDate>,
}

impl Draft {
    /// The date progress cells were reported on: `--reported`, else the
    /// table's own "updated" date.
    pub fn reported(&self, options: &Options) -> Option<NaiveDate> {
        options.reported.or(self.found_reported)
    }
}

/// A progress update read from the table, with its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftUpdate {
    pub date: NaiveDate,
    /// A moved due date (a revised target date).
    pub due: Option<NaiveDate>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSection {
    pub number: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRecommendation {
    pub reference: String,
    /// The section folder it is written in ("" for none); a dotted ref's
    /// is its first number.
    pub section: String,
    pub text: String,
    /// The source row it started on (1-based).
    pub row: usize,
    pub actions: Vec<DraftAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftAction {
    pub text: String,
    pub steps: Vec<String>,
    pub timescale: String,
    pub due: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub recurs: Option<Period>,
    pub ongoing: bool,
    pub success: Vec<String>,
    pub lead: Vec<String>,
    pub resources: Vec<String>,
    pub status: Status,
    /// Progress with no date, and status words that are no status.
    pub notes: Vec<String>,
    pub updates: Vec<DraftUpdate>,
    pub row: usize,
}

impl DraftAction {
    /// The schedule keys and status a timescale's reading implies.
    pub fn set_schedule(&mut self, schedule: &Schedule) {
        self.due = schedule.due;
        self.start = schedule.start;
        self.recurs = schedule.recurs;
        self.ongoing = schedule.ongoing;
        if let Some(status) = schedule.status {
            self.status = status;
        }
    }
}

/// Options a person gives on the command line.
#[derive(Debug, Default)]
pub struct Options {
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub mapping: Mapping,
    /// The date progress cells were reported on (`--reported`), when
    /// their column header does not name one.
    pub reported: Option<NaiveDate>,
    /// A prepared officer list (`--officers FILE`): owners are matched
    /// against it before any are grouped.
    pub officers: Vec<officers::Officer>,
}

/// Reads `text` (already decoded) as `kind`.
pub fn read(text: &str, kind: Kind, options: &Options) -> Draft {
    let mut draft = match kind {
        Kind::SeedTsv => seed::read(text, &options.mapping),
        Kind::Csv => spreadsheet::read(text, options),
    };
    // A PDF extract with no Ref column, or a title above its header, is
    // read as a spreadsheet is: the table is found wherever it is.
    if kind == Kind::SeedTsv && draft.recommendations.is_empty() {
        draft = spreadsheet::read(text, options);
    }
    let names: Vec<String> = draft
        .recommendations
        .iter()
        .flat_map(|r| &r.actions)
        .flat_map(|a| a.lead.iter().cloned())
        .collect();
    draft.officers = officers::with_prepared(&options.officers, &names, &mut draft.report);
    let found_title = draft.found_title.clone();
    let found_organisation = draft.found_organisation.clone();
    // A single line above the table is its title, even when it names the
    // organisation ("… Local Area SEND Written Statement of Action").
    let found_title = found_title.or_else(|| found_organisation.clone());
    draft.title = options.title.clone().or(found_title).unwrap_or_else(|| {
        draft.report.add(
            None,
            NoteKind::Guess,
            "no title given (--title): plan.toml says \"Action plan\"; change it there",
        );
        "Action plan".to_string()
    });
    draft.organisation = options.organisation.clone().or(found_organisation).unwrap_or_else(|| {
        draft.report.add(None, NoteKind::Guess, "no organisation given (--organisation): plan.toml says \"Organisation\"; change it there");
        "Organisation".to_string()
    });
    draft
}

/// Which form `text` is in. A PDF extract is tab-separated and shows its
/// origin: HTML lists or tags in cells, or its header row repeated at page
/// breaks. Anything else is read as a spreadsheet's CSV.
pub fn detect(text: &str) -> Kind {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().unwrap_or("").trim_end();
    if header.starts_with(seed::HEADER) {
        return Kind::SeedTsv;
    }
    let tabbed = header.contains('\t');
    let html = text.contains("<li>") || text.contains("<br") || text.contains("</b>");
    let repeated = lines.any(|l| l.trim_end() == header);
    if tabbed && (html || repeated) {
        Kind::SeedTsv
    } else {
        Kind::Csv
    }
}

/// Sets the schedule keys and status a timescale implies; reports one it
/// cannot read.
fn apply_timescale(action: &mut DraftAction, report: &mut Report) {
    let words = action.timescale.trim().to_string();
    let words = words.as_str();
    if words.is_empty() {
        report.add(
            Some(action.row),
            NoteKind::Unread,
            "no timescale: due left empty",
        );
        return;
    }
    match timescale::read(words) {
        Ok(reading) => {
            action.set_schedule(&reading.schedule(None, Period::Quarterly));
            for doubt in &reading.doubts {
                report.add(
                    Some(action.row),
                    NoteKind::Guess,
                    format!("timescale “{words}”: {doubt}"),
                );
            }
        }
        Err(unreadable) => report.add(
            Some(action.row),
            NoteKind::Unread,
            format!(
                "timescale “{words}” not read ({}): due left empty, timescale kept",
                unreadable.reason
            ),
        ),
    }
}

#[cfg(test)]
mod linear_tests;
#[cfg(test)]
mod tests;

/// An input file's text: UTF-8 (a byte-order mark dropped), or else
/// Windows-1252, converted with a warning. Not text at all is an error.
pub fn decode(bytes: &[u8], report: &mut Report) -> Result<String, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("the file is empty".to_string());
    }
    let not_text = || "the file is not text (it holds NUL bytes): save the table as CSV, UTF-8";
    // UTF-8 may hold a NUL too; no table does.
    if bytes.contains(&0) {
        return Err(not_text().to_string());
    }
    match saved_text(bytes) {
        Some(SavedText::Utf8(text)) => Ok(text.to_string()),
        Some(SavedText::Windows1252 { text, .. }) => {
            report.add(None, NoteKind::Warning, "the file is not UTF-8: read as Windows-1252 (Excel's “CSV” on Windows); check ’, – and £ in the result");
            Ok(text)
        }
        None => Err(not_text().to_string()),
    }
}

/// A table's text as a spreadsheet saved it.
pub enum SavedText<'b> {
    /// UTF-8, without a byte-order mark.
    Utf8(&'b str),
    /// Not UTF-8 from byte `first_bad` (counted from 1): read as
    /// Windows-1252, what Excel on Windows saves as “CSV”.
    Windows1252 { text: String, first_bad: usize },
}

/// `bytes` as text: UTF-8 (a byte-order mark dropped), or else
/// Windows-1252; `None` for bytes that are not UTF-8 and hold a NUL,
/// which no text does.
pub fn saved_text(bytes: &[u8]) -> Option<SavedText<'_>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(SavedText::Utf8(text)),
        Err(_) if bytes.contains(&0) => None,
        Err(e) => Some(SavedText::Windows1252 {
            text: bytes.iter().map(|&b| windows_1252(b)).collect(),
            first_bad: e.valid_up_to() + 1,
        }),
    }
}

/// Windows-1252 is Latin-1 but for 0x80–0x9F.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}
