//! The `seed-tsv` form: rows of a PDF table extracted as tab-separated
//! text, with the artefacts of that extraction (see `seeds/README.md`).

use super::cells;
use super::{Draft, DraftAction, DraftRecommendation, DraftSection, NoteKind, apply_timescale};
use crate::status::Status;

/// The table's header row, repeated at every page break.
pub const HEADER: &str = "Ref\tRecommendation\tActions";

/// Columns: Ref, Recommendation, Actions, Timescale, Success indicator,
/// Lead and Responsible officer, Resources required.
const COLUMNS: usize = 7;

/// One logical row: its cells (parts cut by a page break joined with a
/// tab) and the line it started on.
struct Row {
    line: usize,
    cells: Vec<String>,
}

pub fn read(text: &str) -> Draft {
    let mut draft = Draft::default();
    let rows = rows(text, &mut draft);
    for row in rows {
        let reference = row.cells[0].trim();
        if !reference.is_empty() && reference.bytes().all(|b| b.is_ascii_digit()) {
            let title = cells::section_title(&row.cells[1..]);
            draft.sections.push(DraftSection {
                number: reference.to_string(),
                title,
            });
        } else if !reference.is_empty() {
            let action = action(&row, &mut draft);
            draft.recommendations.push(DraftRecommendation {
                reference: reference.to_string(),
                text: cells::text(&row.cells[1]),
                row: row.line,
                actions: vec![action],
            });
        } else if draft.recommendations.is_empty() {
            draft.report.add(
                Some(row.line),
                NoteKind::Unread,
                "a row with no Ref before any recommendation: left out",
            );
        } else {
            let action = action(&row, &mut draft);
            let rec = draft.recommendations.last_mut().expect("checked above");
            if !cells::text(&row.cells[1]).is_empty() {
                draft.report.add(Some(row.line), NoteKind::Guess, format!("recommendation text in a further action row of {}: added to the recommendation", rec.reference));
                rec.text = format!("{} {}", rec.text, cells::text(&row.cells[1]));
            }
            rec.actions.push(action);
        }
    }
    draft
}

/// The logical rows: header rows and blank lines dropped; a row right
/// after a repeated header with an empty Ref continues the row before it
/// (a page break cut it), cell by cell.
fn rows(text: &str, draft: &mut Draft) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut after_header = false;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.starts_with(HEADER) {
            after_header = true;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let mut cells: Vec<String> = line.split('\t').map(str::to_string).collect();
        if cells.len() > COLUMNS {
            draft.report.add(
                Some(number),
                NoteKind::Warning,
                format!(
                    "{} cells, not {COLUMNS}: the extra ones joined to the last",
                    cells.len()
                ),
            );
            let extra = cells.split_off(COLUMNS);
            let last = &mut cells[COLUMNS - 1];
            for cell in extra.into_iter().filter(|c| !c.trim().is_empty()) {
                last.push(' ');
                last.push_str(&cell);
            }
        }
        cells.resize(COLUMNS, String::new());
        match rows.last_mut() {
            Some(previous) if after_header && cells[0].is_empty() => {
                for (cut, rest) in previous.cells.iter_mut().zip(cells) {
                    join_cut(cut, rest);
                }
            }
            _ => rows.push(Row {
                line: number,
                cells,
            }),
        }
        after_header = false;
    }
    rows
}

/// A cell cut by a page break and its continuation; the tab marks the cut
/// for the cell readers.
fn join_cut(cut: &mut String, rest: String) {
    if rest.is_empty() {
        return;
    }
    if !cut.is_empty() {
        cut.push('\t');
    }
    cut.push_str(&rest);
}

fn action(row: &Row, draft: &mut Draft) -> DraftAction {
    let (text, steps) = cells::steps(&row.cells[2]);
    let success = cells::text(&row.cells[4]);
    let resources = cells::text(&row.cells[6]);
    let mut action = DraftAction {
        text,
        steps,
        timescale: cells::text(&row.cells[3]),
        success: non_empty(success),
        lead: cells::leads(&row.cells[5]),
        resources: non_empty(resources),
        row: row.line,
        ..DraftAction::default()
    };
    apply_timescale(&mut action, &mut draft.report);
    if action.success == ["Completed"] {
        action.status = Status::Complete;
    }
    if action.lead.is_empty() {
        draft.report.add(
            Some(row.line),
            NoteKind::Unread,
            "no lead officer: lead left empty; `check` will ask for one",
        );
    }
    action
}

fn non_empty(text: String) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![text]
    }
}
