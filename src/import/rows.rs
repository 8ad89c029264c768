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
use crate::timescale;

/// Words that open a heading row ("Area of weakness 1: …", "Priority 2").
const HEADING_WORDS: &[&str] = &[
    "area of weakness",
    "area for improvement",
    "areas for improvement",
    "priority",
    "theme",
    "section",
    "objective",
    "outcome",
    "strand",
    "workstream",
    "key line of enquiry",
    "domain",
    "short term",
    "medium term",
    "long term",
];

/// The state carried from row to row.
pub(super) struct Reader<'t> {
    pub table: &'t Table,
    pub options: &'t Options,
    /// Whether any ref has a sub-number ("1.1"): then a bare "1" is a section.
    dotted: bool,
    has_ref: bool,
    has_recommendation: bool,
    /// The section rows beneath belong to ("" for none).
    section: String,
    /// A heading's timescale, carried to the rows beneath that have none.
    heading_timescale: Option<(String, usize)>,
    /// A heading in a dotted table waits for the first ref beneath to
    /// give it its number.
    pending: Option<(String, usize)>,
    /// Refs used so far, without case.
    used: HashSet<String>,
    /// Lead cells written whole, for splitting a cell that names several.
    pub known_leads: HashSet<String>,
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

    /// A section or heading row: made a section, and `true`.
    fn heading(&mut self, line: usize, row: &[String], draft: &mut Draft) -> bool {
        let reference = refs::tidy(&self.get(row, Field::Ref));
        let bare = !reference.is_empty() && reference.bytes().all(|b| b.is_ascii_digit());
        if self.dotted && bare {
            let others: Vec<String> = self
                .table
                .columns
                .iter()
                .zip(row)
                .filter(|(f, _)| **f != Some(Field::Ref))
                .map(|(_, c)| c.clone())
                .collect();
            let title = distinct(&others).join(" ");
            if draft.sections.iter().any(|s| s.number == reference) {
                draft.report.add(Some(line), NoteKind::Guess, format!("“{reference} {title}” is numbered like section {reference}: added to that section's title"));
                if let Some(section) = draft.sections.iter_mut().find(|s| s.number == reference) {
                    section.title = format!("{}: {title}", section.title);
                }
            } else {
                self.new_section(Some(reference), title, line, draft);
            }
            return true;
        }
        if !reference.is_empty() && !refs::looks_like_ref(&reference) && self.nothing_to_do(row) {
            let title = distinct(row).join(" ");
            self.heading_timescale = None;
            if self.dotted {
                if let Some((waiting, at)) = self.pending.replace((title, line)) {
                    self.new_section(None, waiting, at, draft);
                }
            } else {
                self.new_section(number_in(&title), title, line, draft);
            }
            return true;
        }
        let timescale = self.get(row, Field::Timescale);
        let others: Vec<String> = self
            .table
            .columns
            .iter()
            .zip(row)
            .filter(|(f, _)| !matches!(f, Some(Field::Timescale | Field::Revised)))
            .map(|(_, c)| c.clone())
            .collect();
        let texts = distinct(&others);
        let [text] = texts.as_slice() else {
            return false;
        };
        let repeated = others.iter().filter(|c| cells::clean(c) == *text).count() > 1;
        let lower = text.to_lowercase();
        let worded = HEADING_WORDS.iter().any(|w| lower.starts_with(w));
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let capitals = letters.len() >= 6 && letters.iter().all(|c| c.is_uppercase());
        let in_ref_cell = !reference.is_empty() && !refs::looks_like_ref(&reference);
        // One text in a table with refs, with no ref: a heading, unless it
        // starts in lower case (a recommendation cut by a page break).
        let lone = self.has_ref && reference.is_empty() && !draft.recommendations.is_empty();
        if lone && text.chars().next().is_some_and(char::is_lowercase) {
            let rec = draft.recommendations.last_mut().expect("checked above");
            let column = self
                .table
                .columns
                .iter()
                .zip(row)
                .find(|(_, c)| cells::clean(c) == *text);
            if matches!(column, Some((Some(Field::Recommendation), _))) {
                rec.text.push(' ');
                rec.text.push_str(text);
                draft.report.add(
                    Some(line),
                    NoteKind::Guess,
                    format!(
                        "“{text}” continues recommendation {}: joined to it",
                        rec.reference
                    ),
                );
                return true;
            }
        }
        let single_title = lone
            && matches!(
                self.table
                    .columns
                    .iter()
                    .zip(row)
                    .find(|(_, c)| cells::clean(c) == *text),
                Some((Some(Field::Recommendation | Field::Section), _))
            );
        if !(repeated || worded || capitals || in_ref_cell || single_title) {
            return false;
        }
        let timescale = if timescale.is_empty() {
            heading_date(text)
        } else {
            Some(cells::clean(&timescale))
        };
        self.heading_timescale = timescale.map(|t| (t, line));
        if self.dotted {
            if let Some((title, at)) = self.pending.replace((text.clone(), line)) {
                self.new_section(None, title, at, draft);
            }
        } else {
            self.new_section(number_in(text), text.clone(), line, draft);
        }
        true
    }

    /// A row with no action, owner, date, status or progress on it.
    fn nothing_to_do(&self, row: &[String]) -> bool {
        [
            Field::Action,
            Field::Lead,
            Field::Timescale,
            Field::Revised,
            Field::Status,
            Field::Percent,
            Field::Progress,
            Field::Success,
        ]
        .into_iter()
        .all(|field| self.get(row, field).is_empty())
    }

    /// Adds a section (its number from the table, or the next free one).
    fn new_section(
        &mut self,
        number: Option<String>,
        title: String,
        line: usize,
        draft: &mut Draft,
    ) -> String {
        let taken = |n: &str| draft.sections.iter().any(|s| s.number == n);
        let number = match number.filter(|n| !taken(n)) {
            Some(number) => number,
            None => (1..)
                .map(|n: usize| n.to_string())
                .find(|n| !taken(n))
                .unwrap_or_default(),
        };
        let title = cells::clean(title.trim_end_matches(':'));
        draft.report.add(
            Some(line),
            NoteKind::Guess,
            format!("read as a heading: section {number} “{title}”"),
        );
        draft.sections.push(DraftSection {
            number: number.clone(),
            title,
        });
        self.section = number.clone();
        number
    }

    fn data_row(&mut self, line: usize, row: &[String], draft: &mut Draft) {
        let mut action = super::row_action::action(self, line, row, draft);
        let text = cells::clean(&self.get(row, Field::Recommendation).replace('\n', " "));
        let written = refs::tidy(&self.get(row, Field::Ref));
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
            refs::leading_number(&text).or_else(|| refs::leading_number(&action.text))
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

/// The date a heading names, in brackets ("(by June 2006)") or whole.
fn heading_date(text: &str) -> Option<String> {
    let inside = text
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(inside, _)| inside.trim().to_string());
    [inside, Some(text.to_string())]
        .into_iter()
        .flatten()
        .find(|t| timescale::read(t).is_ok_and(|r| r.due(None).is_some()))
}

/// "Area of weakness 2: …" → "2"; "Priority 3" → "3".
fn number_in(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let word = HEADING_WORDS.iter().find(|w| lower.starts_with(*w))?;
    let rest = text[word.len()..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty() && !digits.starts_with('0')).then_some(digits)
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
