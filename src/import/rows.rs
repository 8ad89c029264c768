//! A table's rows by what they are: section and heading rows by their
//! shape (one text, a merged row, a heading word), recommendations, and
//! further actions of the recommendation above. What a merged cell left
//! empty (a section's timescale, the owner above) is carried down and
//! reported; tables without refs are numbered in order.

use std::collections::HashSet;

use super::columns::Field;
use super::refs;
use super::table::{Table, distinct};
use super::{Draft, DraftAction, DraftRecommendation, DraftSection, NoteKind, Options, cells};
use crate::reference::Ref;

/// The state carried from row to row.
pub(super) struct Reader<'t> {
    pub table: &'t Table,
    pub options: &'t Options,
    /// Whether any ref has a sub-number ("1.1"): then a bare "1" is a section.
    pub(super) dotted: bool,
    pub(super) has_ref: bool,
    pub(super) has_recommendation: bool,
    /// The section rows beneath belong to ("" for none).
    pub(super) section: String,
    /// A heading's timescale, carried to the rows beneath that have none.
    pub(super) heading_timescale: Option<(String, usize)>,
    /// A heading in a dotted table waits for the first ref beneath to
    /// give it its number.
    pub(super) pending: Option<(String, usize)>,
    /// Refs used so far, without case.
    pub(super) used: HashSet<String>,
    /// Lead cells written whole, for splitting a cell that names several.
    pub known_leads: HashSet<String>,
    /// Each section a heading row made, and its row.
    pub(super) heading_rows: Vec<(String, usize)>,
}

impl<'t> Reader<'t> {
    pub fn new(table: &'t Table, options: &'t Options) -> Reader<'t> {
        let column = |field| table.columns.iter().position(|f| *f == Some(field));
        let ref_column = column(Field::Ref);
        let dotted = ref_column.is_some_and(|i| {
            table.rows.iter().any(|(_, cells)| {
                let cell = refs::tidy(cells.get(i).map_or("", String::as_str));
                Ref::parse(&cell).is_ok_and(|r| r.is_dotted())
            })
        });
        let mut known_leads = super::owners::whole_cells(table);
        for officer in &options.officers {
            let names = std::iter::once(&officer.id)
                .chain([&officer.title])
                .chain(&officer.aliases);
            known_leads.extend(names.map(|n| super::owners::key(n)));
        }
        Reader {
            table,
            options,
            dotted,
            has_ref: ref_column.is_some(),
            has_recommendation: column(Field::Recommendation).is_some(),
            section: String::new(),
            heading_timescale: None,
            pending: None,
            used: HashSet::new(),
            known_leads,
            heading_rows: Vec::new(),
        }
    }

    /// The cells of every column holding `field`, one per line.
    pub fn get(&self, cells: &[String], field: Field) -> String {
        self.table
            .columns
            .iter()
            .zip(cells)
            .filter(|(f, _)| **f == Some(field))
            .map(|(_, c)| c.trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn read(mut self, draft: &mut Draft) {
        let header: Vec<String> = self.table.headers.iter().map(|h| cells::clean(h)).collect();
        for (line, row) in &self.table.rows {
            let (line, row) = (*line, row.as_slice());
            let texts = distinct(row);
            if texts.is_empty() {
                continue;
            }
            let cleaned: Vec<String> = row.iter().map(|c| cells::clean(c)).collect();
            if super::table::is_page_mark(&texts) {
                let note = format!(
                    "“{}” is a page number (a PDF's page footer): skipped",
                    texts[0]
                );
                draft.report.add(Some(line), NoteKind::Guess, note);
                continue;
            }
            if cleaned == header {
                draft.report.add(
                    Some(line),
                    NoteKind::Guess,
                    "the header row repeated (a page break): skipped",
                );
                continue;
            }
            if !self.heading(line, row, draft) {
                self.data_row(line, row, draft);
            }
        }
        if let Some((title, line)) = self.pending.take() {
            self.new_section(None, title, line, draft);
        }
        self.drop_trailing_headings(draft);
        fill_empty_texts(draft);
        let gaps: Vec<(usize, bool, bool)> = draft
            .recommendations
            .iter()
            .flat_map(|r| &r.actions)
            .map(|a| {
                (
                    a.row,
                    a.timescale.is_empty() && is_open(a),
                    a.lead.is_empty(),
                )
            })
            .collect();
        for (row, no_timescale, no_owner) in gaps {
            if no_timescale {
                draft.report.add(
                    Some(row),
                    NoteKind::Unread,
                    "no timescale: due left empty; `check` will ask for one",
                );
            }
            if no_owner {
                draft.report.add(
                    Some(row),
                    NoteKind::Unread,
                    "no owner: lead left empty; `check` will ask for one",
                );
            }
        }
    }

    fn data_row(&mut self, line: usize, row: &[String], draft: &mut Draft) {
        let mut action = super::row_action::action(self, line, row, draft);
        let text = cells::clean(&self.get(row, Field::Recommendation).replace('\n', " "));
        let written = refs::tidy(&self.get(row, Field::Ref));
        let numbered = refs::leading_number(&text).filter(|_| written.is_empty());
        // "1. The partnership should …": the number is the ref, not words.
        let text = match &numbered {
            Some(_) => refs::after_leading_number(&text),
            None => text,
        };
        let last = draft.recommendations.last();
        let same_section = last.is_some_and(|r| r.section == self.section_of(&r.reference));
        let further = if self.has_ref {
            written.is_empty()
                && last.is_some()
                && (text.is_empty() || last.is_some_and(|r| r.text == text))
        } else {
            self.has_recommendation
                && same_section
                && (text.is_empty() || last.is_some_and(|r| r.text == text))
        };
        if further {
            let rec = draft.recommendations.last_mut().expect("checked above");
            super::row_action::carry_down(rec, &mut action, &mut draft.report);
            self.carry_heading_timescale(&mut action, draft);
            let rec = draft.recommendations.last_mut().expect("checked above");
            // A recommendation row with nothing to do on it, then its
            // actions beneath: the empty first action was a placeholder.
            if rec.actions.len() == 1 && is_blank(&rec.actions[0]) {
                rec.actions[0] = action;
            } else {
                rec.actions.push(action);
            }
            return;
        }
        if !is_blank(&action) {
            self.carry_heading_timescale(&mut action, draft);
        }
        let source = if written.is_empty() {
            numbered.or_else(|| refs::leading_number(&action.text))
        } else {
            Some(written)
        };
        let reference = refs::choose(source, line, &mut self.used, &mut draft.report);
        let section = self.place(&reference, row, line, draft);
        draft.recommendations.push(DraftRecommendation {
            reference,
            section,
            text,
            row: line,
            actions: vec![action],
        });
    }

    fn section_of(&self, reference: &str) -> String {
        Ref::parse(reference)
            .ok()
            .and_then(|r| r.section().map(str::to_string))
            .unwrap_or_else(|| self.section.clone())
    }

    /// The section a new recommendation goes in: a dotted ref's first
    /// number (titled by a heading waiting for it), a Section cell, or the
    /// heading above.
    fn place(&mut self, reference: &str, row: &[String], line: usize, draft: &mut Draft) -> String {
        let named = Ref::parse(reference)
            .ok()
            .and_then(|r| r.section().map(str::to_string));
        let cell = cells::clean(&self.get(row, Field::Section));
        if let Some(number) = named {
            let known = draft.sections.iter().any(|s| s.number == number);
            if !known {
                if let Some((title, at)) = self.pending.take() {
                    self.new_section(Some(number.clone()), title, at, draft);
                } else if !cell.is_empty() {
                    draft.sections.push(DraftSection {
                        number: number.clone(),
                        title: cell,
                    });
                }
            }
            self.section = number.clone();
            return number;
        }
        if !cell.is_empty() {
            match draft.sections.iter().find(|s| s.title == cell) {
                Some(section) => self.section = section.number.clone(),
                None => {
                    self.new_section(None, cell, line, draft);
                }
            }
        }
        self.section.clone()
    }

    fn carry_heading_timescale(&self, action: &mut DraftAction, draft: &mut Draft) {
        let Some((words, line)) = &self.heading_timescale else {
            return;
        };
        if !action.timescale.is_empty() {
            return;
        }
        action.timescale = words.clone();
        super::apply_timescale(action, &mut draft.report);
        draft.report.add(
            Some(action.row),
            NoteKind::Guess,
            format!("no timescale: the heading's “{words}” (row {line}) carried down"),
        );
    }
}

/// An action the row gave nothing: no words, owner, date or status.
fn is_blank(action: &DraftAction) -> bool {
    action.text.is_empty()
        && action.steps.is_empty()
        && action.lead.is_empty()
        && action.timescale.is_empty()
        && action.notes.is_empty()
        && action.updates.is_empty()
        && action.status == crate::status::Status::NotStarted
}

fn is_open(action: &DraftAction) -> bool {
    !matches!(
        action.status,
        crate::status::Status::Complete | crate::status::Status::Deferred
    )
}

/// A recommendation with no text takes its first action's; an action with
/// neither text nor steps takes the recommendation's. Each reported.
fn fill_empty_texts(draft: &mut Draft) {
    for rec in &mut draft.recommendations {
        let first = rec.actions.first().map(|a| {
            if a.text.is_empty() {
                a.steps.join("; ")
            } else {
                a.text.clone()
            }
        });
        if rec.text.is_empty()
            && let Some(first) = first.filter(|f| !f.is_empty())
        {
            rec.text = first;
            draft.report.add(
                Some(rec.row),
                NoteKind::Guess,
                "no recommendation text: the action's words used",
            );
        }
        for action in &mut rec.actions {
            if action.text.is_empty() && action.steps.is_empty() && !rec.text.is_empty() {
                action.text = rec.text.clone();
                draft.report.add(
                    Some(action.row),
                    NoteKind::Guess,
                    "no action text: the recommendation's words used",
                );
            }
        }
    }
}
