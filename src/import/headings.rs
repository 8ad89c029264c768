//! Heading rows: a section row in a dotted table ("1 | Governance"), a
//! merged or one-text row ("Area of weakness 1: …", "SHORT TERM
//! TARGETS"), a row whose ref is words and that has nothing to do. Each
//! becomes a section with its own title; its timescale is carried down.

use super::columns::Field;
use super::refs;
use super::rows::Reader;
use super::table::distinct;
use super::{Draft, DraftSection, NoteKind, cells};
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

impl Reader<'_> {
    /// The row's cells other than its ref.
    fn beside_ref(&self, row: &[String]) -> Vec<String> {
        self.table
            .columns
            .iter()
            .zip(row)
            .filter(|(f, _)| **f != Some(Field::Ref))
            .map(|(_, c)| c.clone())
            .collect()
    }

    /// A section or heading row: made a section, and `true`.
    pub(super) fn heading(&mut self, line: usize, row: &[String], draft: &mut Draft) -> bool {
        let reference = refs::tidy(&self.get(row, Field::Ref));
        let bare = !reference.is_empty() && reference.bytes().all(|b| b.is_ascii_digit());
        if self.dotted && bare {
            let title = distinct(&self.beside_ref(row)).join(" ");
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
        if let Some(title) = self.lettered_heading(&reference, row) {
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

    /// A row whose ref is words ("A", "Governance") with nothing to do,
    /// or with one text and no owner, date, status or progress ("A |
    /// A. Integrated discharge"): a heading, and its title.
    fn lettered_heading(&self, reference: &str, row: &[String]) -> Option<String> {
        if reference.is_empty() || refs::looks_like_ref(reference) {
            return None;
        }
        if self.nothing_to_do(row) {
            return Some(distinct(row).join(" "));
        }
        let others = self.beside_ref(row);
        let [text] = distinct(&others).try_into().ok()?;
        let owned = [Field::Lead, Field::Timescale, Field::Revised]
            .into_iter()
            .chain([Field::Status, Field::Percent, Field::Progress])
            .any(|field| !self.get(row, field).is_empty());
        let named = text.to_lowercase().starts_with(&reference.to_lowercase());
        (!owned).then(|| {
            if named {
                text
            } else {
                format!("{reference} {text}")
            }
        })
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
    pub(super) fn new_section(
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
        self.heading_rows.push((number.clone(), line));
        number
    }

    /// Headings below the last row of the table ("Priority definitions:
    /// …", "RAG: G = on track"): a key or notes, not sections. Removed
    /// and reported.
    pub(super) fn drop_trailing_headings(&mut self, draft: &mut Draft) {
        let last = draft
            .recommendations
            .iter()
            .flat_map(|r| std::iter::once(r.row).chain(r.actions.iter().map(|a| a.row)))
            .max()
            .unwrap_or(0);
        for (number, line) in self.heading_rows.drain(..).filter(|(_, l)| *l > last) {
            let Some(at) = draft.sections.iter().position(|s| s.number == number) else {
                continue;
            };
            let title = draft.sections.remove(at).title;
            draft
                .report
                .notes
                .retain(|n| n.row != Some(line) || !n.text.starts_with("read as a heading"));
            draft.report.add(
                Some(line),
                NoteKind::Guess,
                format!("below the table (a key, notes or signatures), not a row: “{title}”"),
            );
        }
    }
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
