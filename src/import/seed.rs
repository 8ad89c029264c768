//! The `seed-tsv` form: rows of a PDF table extracted as tab-separated
//! text, with the artefacts of that extraction (see `seeds/README.md`):
//! the header row repeated at every page break, rows cut by a page break,
//! HTML lists and tags in cells, section rows split across cells.

use super::columns::{Field, Mapping, columns};
use super::spreadsheet::status_and_progress;
use super::{
    Draft, DraftAction, DraftRecommendation, DraftSection, NoteKind, apply_timescale, cells,
};
use crate::status::Status;

/// The header of the Herefordshire table, for detection.
pub const HEADER: &str = "Ref\tRecommendation\tActions";

/// One logical row: its cells (parts cut by a page break joined with a
/// tab) and the line it started on.
struct Row {
    line: usize,
    cells: Vec<String>,
}

/// The table's columns, read from its header row.
struct Layout {
    header: String,
    width: usize,
    /// Each field's first column, found once rather than for every cell.
    columns: Vec<(Field, usize)>,
}

impl Layout {
    fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, i)| *i)
    }

    fn cell<'r>(&self, row: &'r Row, field: Field) -> &'r str {
        self.column(field)
            .and_then(|i| row.cells.get(i))
            .map_or("", String::as_str)
    }
}

pub fn read(text: &str, mapping: &Mapping) -> Draft {
    let mut draft = Draft::default();
    let Some(layout) = layout(text, mapping, &mut draft) else {
        return draft;
    };
    for row in rows(text, &layout, &mut draft) {
        read_row(&row, &layout, &mut draft);
    }
    draft
}

/// The first non-empty line is the header; its columns are matched by
/// name, as a spreadsheet's are.
fn layout(text: &str, mapping: &Mapping, draft: &mut Draft) -> Option<Layout> {
    let header = text
        .lines()
        .find(|l| !l.trim().is_empty())?
        .trim_end()
        .to_string();
    let names: Vec<String> = header.split('\t').map(str::to_string).collect();
    let fields = columns(&names, mapping, 1, draft);
    if !fields.contains(&Some(Field::Ref)) {
        draft.report.add(
            Some(1),
            NoteKind::Warning,
            "no Ref column in the first row: name it with --map 'HEADER=ref'",
        );
        return None;
    }
    let mut first: Vec<(Field, usize)> = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        if let Some(field) = *field
            && !first.iter().any(|(f, _)| *f == field)
        {
            first.push((field, i));
        }
    }
    Some(Layout {
        header,
        width: fields.len(),
        columns: first,
    })
}

fn read_row(row: &Row, layout: &Layout, draft: &mut Draft) {
    let reference = layout.cell(row, Field::Ref).trim().trim_end_matches('.');
    if !reference.is_empty() && reference.bytes().all(|b| b.is_ascii_digit()) {
        let ref_column = layout.column(Field::Ref).unwrap_or(0);
        let others: Vec<String> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != ref_column)
            .map(|(_, c)| c.clone())
            .collect();
        let title = cells::section_title(&others);
        draft.sections.push(DraftSection {
            number: reference.to_string(),
            title,
        });
        return;
    }
    let action = action(row, layout, draft);
    let text = cells::text(layout.cell(row, Field::Recommendation));
    if !reference.is_empty() {
        if crate::reference::Ref::parse(reference).is_err() {
            draft.report.add(Some(row.line), NoteKind::Unread, format!("Ref “{reference}” is not numbers joined by dots: written as found; `check` will ask for a fix"));
        }
        draft.recommendations.push(DraftRecommendation {
            reference: reference.to_string(),
            section: String::new(),
            text,
            row: row.line,
            actions: vec![action],
        });
        return;
    }
    let Some(rec) = draft.recommendations.last_mut() else {
        draft.report.add(
            Some(row.line),
            NoteKind::Unread,
            "a row with no Ref before any recommendation: left out",
        );
        return;
    };
    if !text.is_empty() {
        let message = format!(
            "recommendation text in a further action row of {}: added to the recommendation",
            rec.reference
        );
        // Appended in place: a long run of such rows stays linear.
        rec.text.push(' ');
        rec.text.push_str(&text);
        draft.report.add(Some(row.line), NoteKind::Guess, message);
    }
    draft
        .recommendations
        .last_mut()
        .expect("checked above")
        .actions
        .push(action);
}

/// The logical rows: header rows and blank lines dropped; a row right
/// after a repeated header with an empty Ref continues the row before it
/// (a page break cut it), cell by cell.
fn rows(text: &str, layout: &Layout, draft: &mut Draft) -> Vec<Row> {
    let width = layout.width;
    let ref_column = layout.column(Field::Ref).unwrap_or(0);
    let mut rows: Vec<Row> = Vec::new();
    let mut after_header = false;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim_end() == layout.header {
            after_header = true;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let cells = split(line, width, number, draft);
        match rows.last_mut() {
            Some(previous)
                if after_header && cells.get(ref_column).is_none_or(|c| c.trim().is_empty()) =>
            {
                if previous.cells.len() < cells.len() {
                    previous.cells.resize(cells.len(), String::new());
                }
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

/// A line's cells, at most `width` of them: extra cells are joined to the
/// last (and reported). Missing ones are not made up: a short line stays
/// small however wide the header is, and reads as empty cells.
fn split(line: &str, width: usize, number: usize, draft: &mut Draft) -> Vec<String> {
    let mut cells: Vec<String> = line.split('\t').map(str::to_string).collect();
    if cells.len() > width {
        let extra = cells.split_off(width);
        if extra.iter().any(|c| !c.trim().is_empty()) {
            draft.report.add(
                Some(number),
                NoteKind::Warning,
                format!(
                    "{} cells, the header has {width}: the extra ones joined to the last",
                    width + extra.len()
                ),
            );
        }
        let last = &mut cells[width - 1];
        for cell in extra.into_iter().filter(|c| !c.trim().is_empty()) {
            last.push(' ');
            last.push_str(&cell);
        }
    }
    cells
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

fn action(row: &Row, layout: &Layout, draft: &mut Draft) -> DraftAction {
    let (text, steps) = cells::steps(layout.cell(row, Field::Action));
    let success = cells::text(layout.cell(row, Field::Success));
    let resources = cells::text(layout.cell(row, Field::Resources));
    let mut action = DraftAction {
        text,
        steps,
        timescale: cells::text(layout.cell(row, Field::Timescale)),
        success: non_empty(success),
        lead: cells::leads(layout.cell(row, Field::Lead)),
        resources: non_empty(resources),
        row: row.line,
        ..DraftAction::default()
    };
    apply_timescale(&mut action, &mut draft.report);
    if action.success == ["Completed"] {
        action.status = Status::Complete;
    }
    let (status, progress) = (
        layout.cell(row, Field::Status).to_string(),
        layout.cell(row, Field::Progress).to_string(),
    );
    status_and_progress(&mut action, &status, &progress, draft);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_not_widened_to_a_very_wide_header() {
        let text = format!(
            "Ref\tRecommendation\tActions\tLead{}\n1.1\tR\tA\tDCS\n",
            "\tx".repeat(1000)
        );
        let mut draft = Draft::default();
        let layout = layout(&text, &Mapping::default(), &mut draft).unwrap();
        let rows = rows(&text, &layout, &mut draft);
        assert_eq!(rows[0].cells.len(), 4, "not 1,004 empty cells");
        assert_eq!(layout.cell(&rows[0], Field::Lead), "DCS");
    }
}
