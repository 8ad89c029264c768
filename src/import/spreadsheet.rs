//! The `csv` form: a spreadsheet saved as CSV, with a header row whose
//! columns are matched by name.

use std::collections::HashSet;

use super::{
    Draft, DraftAction, DraftRecommendation, DraftSection, NoteKind, apply_timescale, cells,
};
use crate::status::Status;

/// The plan fields a column can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Ref,
    Recommendation,
    Action,
    Timescale,
    Success,
    Lead,
    Resources,
    Status,
    Progress,
    Section,
}

impl Field {
    pub const ALL: [(Field, &'static str); 10] = [
        (Field::Ref, "ref"),
        (Field::Recommendation, "recommendation"),
        (Field::Action, "action"),
        (Field::Timescale, "timescale"),
        (Field::Success, "success"),
        (Field::Lead, "lead"),
        (Field::Resources, "resources"),
        (Field::Status, "status"),
        (Field::Progress, "progress"),
        (Field::Section, "section"),
    ];

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }
}

/// Column headers a person mapped with `--map 'Owner=lead'`.
#[derive(Debug, Default, Clone)]
pub struct Mapping {
    pub columns: Vec<(String, Field)>,
}

/// Header words each field is known by (compared without case, spaces
/// or punctuation).
const KNOWN: [(Field, &[&str]); 10] = [
    (Field::Ref, &["ref", "reference", "no", "number", "item"]),
    (
        Field::Recommendation,
        &["recommendation", "recommendations", "finding", "issue"],
    ),
    (
        Field::Action,
        &[
            "action",
            "actions",
            "actionrequired",
            "actionstobetaken",
            "actionsrequired",
        ],
    ),
    (
        Field::Timescale,
        &[
            "timescale",
            "timescales",
            "targetdate",
            "deadline",
            "duedate",
            "by",
            "when",
            "completiondate",
        ],
    ),
    (
        Field::Success,
        &[
            "successindicator",
            "successindicators",
            "measure",
            "measures",
            "successmeasure",
            "successcriteria",
            "outcome",
        ],
    ),
    (
        Field::Lead,
        &[
            "lead",
            "owner",
            "responsibleofficer",
            "leadandresponsibleofficer",
            "leadofficer",
            "responsibility",
            "responsible",
        ],
    ),
    (
        Field::Resources,
        &["resources", "resourcesrequired", "resource"],
    ),
    (Field::Status, &["status", "rag", "ragstatus"]),
    (
        Field::Progress,
        &[
            "progress",
            "update",
            "progressupdate",
            "comments",
            "commentary",
        ],
    ),
    (Field::Section, &["section", "theme", "area"]),
];

fn squash(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which field each column holds.
pub(super) fn columns(
    headers: &[String],
    mapping: &Mapping,
    draft: &mut Draft,
) -> Vec<Option<Field>> {
    headers
        .iter()
        .map(|header| {
            let squashed = squash(header);
            let mapped = mapping
                .columns
                .iter()
                .find(|(h, _)| squash(h) == squashed)
                .map(|(_, f)| *f);
            let field = mapped.or_else(|| {
                KNOWN
                    .iter()
                    .find(|(_, names)| names.contains(&squashed.as_str()))
                    .map(|(f, _)| *f)
            });
            if field.is_none() && !header.trim().is_empty() {
                draft.report.add(
                    Some(1),
                    NoteKind::Unread,
                    format!(
                        "column “{}” not read: name its field with --map '{}=FIELD'",
                        header.trim(),
                        header.trim()
                    ),
                );
            }
            field
        })
        .collect()
}

/// The delimiter the header row uses most: comma, semicolon or tab.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',')
}

pub fn read(text: &str, mapping: &Mapping) -> Draft {
    let mut draft = Draft::default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(str::to_string).collect(),
        _ => {
            draft.report.add(
                None,
                NoteKind::Warning,
                "no header row: nothing was imported",
            );
            return draft;
        }
    };
    let columns = columns(&headers, mapping, &mut draft);
    if !columns.contains(&Some(Field::Ref)) {
        draft.report.add(
            Some(1),
            NoteKind::Warning,
            "no Ref column: name it with --map 'HEADER=ref'",
        );
        return draft;
    }
    // Section numbers titled so far, so a Section cell is looked up once.
    let mut titled: HashSet<String> = HashSet::new();
    for (index, record) in records.enumerate() {
        let row = index + 2;
        match record {
            Ok(record) => {
                if record.len() != headers.len() {
                    draft.report.add(
                        Some(row),
                        NoteKind::Warning,
                        format!("{} cells, the header has {}", record.len(), headers.len()),
                    );
                }
                let cells: Vec<(Field, String)> = columns
                    .iter()
                    .zip(record.iter())
                    .filter_map(|(field, cell)| field.map(|f| (f, cell.to_string())))
                    .collect();
                read_row(row, &cells, &mut titled, &mut draft);
            }
            Err(err) => draft
                .report
                .add(Some(row), NoteKind::Warning, format!("not read: {err}")),
        }
    }
    add_missing_sections(&mut draft);
    draft
}

fn read_row(
    row: usize,
    cells: &[(Field, String)],
    titled: &mut HashSet<String>,
    draft: &mut Draft,
) {
    let get = |field: Field| {
        cells
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, c)| c.trim())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let reference = get(Field::Ref);
    let reference = reference.trim_end_matches('.').trim();
    if cells.iter().all(|(_, c)| c.trim().is_empty()) {
        return;
    }
    if !reference.is_empty() && reference.bytes().all(|b| b.is_ascii_digit()) {
        let title = [Field::Section, Field::Recommendation, Field::Action]
            .into_iter()
            .map(get)
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        titled.insert(reference.to_string());
        draft.sections.push(DraftSection {
            number: reference.to_string(),
            title: cells::clean(&title),
        });
        return;
    }
    let action = action(row, &get, draft);
    if reference.is_empty() {
        match draft.recommendations.last_mut() {
            Some(rec) => rec.actions.push(action),
            None => draft.report.add(
                Some(row),
                NoteKind::Unread,
                "a row with no Ref before any recommendation: left out",
            ),
        }
        return;
    }
    if crate::reference::Ref::parse(reference).is_err() {
        draft.report.add(Some(row), NoteKind::Unread, format!("Ref “{reference}” is not numbers joined by dots: written as found; `check` will ask for a fix"));
    }
    let section = get(Field::Section);
    if !section.is_empty() {
        note_section(reference, &section, titled, draft);
    }
    draft.recommendations.push(DraftRecommendation {
        reference: reference.to_string(),
        section: String::new(),
        text: cells::clean(&get(Field::Recommendation)),
        row,
        actions: vec![action],
    });
}

fn action(row: usize, get: &dyn Fn(Field) -> String, draft: &mut Draft) -> DraftAction {
    let lines = |text: String| -> Vec<String> {
        text.lines()
            .map(cells::clean)
            .filter(|l| !l.is_empty())
            .collect()
    };
    let action_lines = lines(get(Field::Action));
    let (text, steps) = match action_lines.len() {
        0 | 1 => (action_lines.concat(), Vec::new()),
        _ => (
            String::new(),
            action_lines
                .iter()
                .map(|l| {
                    l.trim_start_matches(['•', '-', '*', '·'])
                        .trim()
                        .to_string()
                })
                .collect(),
        ),
    };
    let mut action = DraftAction {
        text,
        steps,
        timescale: cells::clean(&get(Field::Timescale)),
        success: lines(get(Field::Success)),
        lead: lines(get(Field::Lead))
            .iter()
            .flat_map(|l| cells::leads(l))
            .collect(),
        resources: lines(get(Field::Resources)),
        row,
        ..DraftAction::default()
    };
    apply_timescale(&mut action, &mut draft.report);
    status_and_progress(
        &mut action,
        &get(Field::Status),
        &get(Field::Progress),
        draft,
    );
    action
}

/// A Status/RAG cell and a Progress cell: a status word that cannot be
/// read, and any progress note, are kept in an undated update and reported.
pub(super) fn status_and_progress(
    action: &mut DraftAction,
    status: &str,
    progress: &str,
    draft: &mut Draft,
) {
    let row = action.row;
    let status = cells::clean(status);
    if !status.is_empty() {
        match status_of(&status) {
            Some(found) => action.status = found,
            None => {
                draft.report.add(Some(row), NoteKind::Unread, format!("status “{status}” not recognised: status left not_started, the words kept in an update note"));
                action.note = Some(format!("Status in the imported table: {status}"));
            }
        }
    }
    let progress = cells::clean(progress);
    if !progress.is_empty() {
        draft.report.add(
            Some(row),
            NoteKind::Unread,
            "progress note kept as an update with no date: add the date it was reported",
        );
        action.note = Some(match action.note.take() {
            Some(note) => format!("{note}. {progress}"),
            None => progress,
        });
    }
}

/// RAG words and letters and common status phrases.
fn status_of(text: &str) -> Option<Status> {
    let squashed = squash(text);
    let status = match squashed.as_str() {
        "r" | "red" | "offtrack" | "behind" | "delayed" | "overdue" => Status::OffTrack,
        "a" | "amber" | "atrisk" | "slipping" => Status::AtRisk,
        "g" | "green" | "ontrack" | "inprogress" | "started" => Status::OnTrack,
        "b" | "blue" | "complete" | "completed" | "done" | "achieved" | "closed" => {
            Status::Complete
        }
        "notstarted" | "notyetstarted" | "planned" => Status::NotStarted,
        _ if squashed.starts_with("deferred") || squashed.starts_with("onhold") => Status::Deferred,
        _ => return Status::from_word_or_colour(text.trim()),
    };
    Some(status)
}

/// A Section column names the ref's section; the first title given wins.
fn note_section(reference: &str, title: &str, titled: &mut HashSet<String>, draft: &mut Draft) {
    let number = reference.split('.').next().unwrap_or(reference).to_string();
    if titled.insert(number.clone()) {
        draft.sections.push(DraftSection {
            number,
            title: cells::clean(title),
        });
    }
}

/// Sections the refs name but no row titled: titled "Section N", reported.
fn add_missing_sections(draft: &mut Draft) {
    let mut titled: HashSet<&str> = draft.sections.iter().map(|s| s.number.as_str()).collect();
    let mut missing: Vec<String> = Vec::new();
    for rec in &draft.recommendations {
        let number = rec.reference.split('.').next().unwrap_or("");
        if !number.is_empty() && titled.insert(number) {
            missing.push(number.to_string());
        }
    }
    for number in missing {
        draft.report.add(
            None,
            NoteKind::Guess,
            format!(
                "section {number} has no title in the table: titled “Section {number}” in plan.toml"
            ),
        );
        draft.sections.push(DraftSection {
            title: format!("Section {number}"),
            number,
        });
    }
    draft
        .sections
        .sort_by_key(|s| s.number.parse::<u32>().unwrap_or(u32::MAX));
}
