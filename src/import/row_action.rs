//! One row's action: its text or steps, timescale (a revised date as the
//! due date), owners, status (RAG words, a key's numbers, "% complete",
//! "Implemented?") and progress (dated updates when the column header or
//! `--reported` gives the date; undated `notes` otherwise).

use chrono::NaiveDate;

use super::columns::{Field, header_date};
use super::rows::Reader;
use super::spreadsheet::status_of;
use super::{Draft, DraftAction, DraftRecommendation, DraftUpdate, NoteKind, Report, cells};
use crate::status::Status;
use crate::timescale;

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(cells::clean)
        .filter(|l| !l.is_empty())
        .collect()
}

pub(super) fn action(
    reader: &Reader,
    line: usize,
    row: &[String],
    draft: &mut Draft,
) -> DraftAction {
    let action_lines = lines(&reader.get(row, Field::Action));
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
    let lead = super::owners::split(
        &reader.get(row, Field::Lead),
        &reader.known_leads,
        line,
        &mut draft.report,
    );
    let mut action = DraftAction {
        text,
        steps,
        timescale: cells::clean(&reader.get(row, Field::Timescale).replace('\n', " ")),
        success: lines(&reader.get(row, Field::Success)),
        lead,
        resources: lines(&reader.get(row, Field::Resources)),
        row: line,
        ..DraftAction::default()
    };
    if !action.timescale.is_empty() {
        super::apply_timescale(&mut action, &mut draft.report);
    }
    revised(reader, row, &mut action, draft);
    status(reader, row, &mut action, draft);
    progress(reader, row, &mut action, draft);
    action
}

/// A revised date is the due date; the original stays the timescale, and
/// the move is an update when the report date is known, else a note.
fn revised(reader: &Reader, row: &[String], action: &mut DraftAction, draft: &mut Draft) {
    let words = cells::clean(&reader.get(row, Field::Revised));
    if words.is_empty() {
        return;
    }
    let Some(due) = timescale::read(&words).ok().and_then(|r| r.due(None)) else {
        draft.report.add(
            Some(action.row),
            NoteKind::Unread,
            format!("revised date “{words}” not read: kept in notes"),
        );
        action.notes.push(format!("Revised date: {words}"));
        return;
    };
    let original = action.timescale.clone();
    if original.is_empty() {
        action.timescale = words.clone();
        super::apply_timescale(action, &mut draft.report);
        return;
    }
    action.due = Some(due);
    let note = format!("Target date revised from “{original}” to “{words}”");
    match draft.reported(reader.options) {
        Some(date) => action.updates.push(DraftUpdate {
            date,
            due: Some(due),
            note,
        }),
        None => {
            action.notes.push(note);
            draft.report.add(Some(action.row), NoteKind::Guess, format!("due {due} from the revised date “{words}”; the original “{original}” kept as the timescale. With no date the table was updated on (--reported) the move is a note, so `check` warns (due-mismatch) until an update records it"));
        }
    }
}

fn status(reader: &Reader, row: &[String], action: &mut DraftAction, draft: &mut Draft) {
    let words = cells::clean(&reader.get(row, Field::Status).replace('\n', " "));
    let percent = cells::clean(&reader.get(row, Field::Percent));
    if !percent.is_empty() {
        match percent.trim_end_matches('%').trim().parse::<f64>() {
            Ok(p) if p >= 100.0 => action.status = Status::Complete,
            Ok(p) if p <= 0.0 => action.status = Status::NotStarted,
            Ok(_) => action.status = Status::OnTrack,
            Err(_) => action.notes.push(format!("Complete: {percent}")),
        }
    }
    if words.is_empty() {
        return;
    }
    let keyed = reader
        .table
        .legend
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(&words))
        .map(|(_, meaning)| meaning.clone());
    let found = match &keyed {
        Some(meaning) => status_of(meaning).inspect(|s| {
            draft.report.add(
                Some(action.row),
                NoteKind::Guess,
                format!(
                    "status “{words}” read by the key under the table (“{words} {meaning}”) as {s}"
                ),
            );
        }),
        None => status_of(&words).or_else(|| coloured(&words, action.row, draft)),
    };
    match found {
        Some(found) => action.status = found,
        None => {
            draft.report.add(
                Some(action.row),
                NoteKind::Unread,
                format!(
                    "status “{words}” not recognised: status left {}, the words kept in notes",
                    action.status
                ),
            );
            action
                .notes
                .push(format!("Status in the imported table: {words}"));
        }
    }
}

/// A colour and words ("Green - complete"), reported when they disagree.
fn coloured(words: &str, row: usize, draft: &mut Draft) -> Option<Status> {
    let (found, disagree) = super::spreadsheet::coloured_status(words)?;
    if disagree {
        draft.report.add(
            Some(row),
            NoteKind::Guess,
            format!("status “{words}” read as {found}: its words where they name a status, else its colour"),
        );
    }
    Some(found)
}

/// Each progress column: an update dated by its header ("Progress at Dec
/// 2017") or `--reported`; undated, a note.
fn progress(reader: &Reader, row: &[String], action: &mut DraftAction, draft: &mut Draft) {
    let columns = reader
        .table
        .columns
        .iter()
        .zip(&reader.table.headers)
        .zip(row);
    for ((field, header), cell) in columns {
        if *field != Some(Field::Progress) {
            continue;
        }
        let note = cells::clean(cell);
        if note.is_empty() {
            continue;
        }
        let date: Option<NaiveDate> = header_date(header).or(draft.reported(reader.options));
        match date {
            Some(date) => action.updates.push(DraftUpdate {
                date,
                due: None,
                note,
            }),
            None => {
                action.notes.push(note);
                draft.report.add(Some(action.row), NoteKind::Unread, "progress kept as a note with no date (`notes`): give --reported DATE, or add a dated update");
            }
        }
    }
}

/// A further action whose owner or timescale cell is empty takes the one
/// above (a merged cell), reported.
pub(super) fn carry_down(rec: &DraftRecommendation, action: &mut DraftAction, report: &mut Report) {
    let Some(above) = rec.actions.last() else {
        return;
    };
    if action.lead.is_empty() && !above.lead.is_empty() {
        action.lead = above.lead.clone();
        report.add(
            Some(action.row),
            NoteKind::Guess,
            format!(
                "owner cell empty (merged with the row above?): {} carried down from row {}",
                above.lead.join(", "),
                above.row
            ),
        );
    }
    if action.timescale.is_empty() && !above.timescale.is_empty() {
        action.timescale = above.timescale.clone();
        super::apply_timescale(action, report);
        report.add(
            Some(action.row),
            NoteKind::Guess,
            format!(
                "timescale cell empty (merged with the row above?): “{}” carried down from row {}",
                above.timescale, above.row
            ),
        );
    }
}
