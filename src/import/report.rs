//! The import report: counts, and every guess, unread cell and officer
//! grouping with its source row, for a person to review.

use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Read, but not for certain: a person should confirm it.
    Guess,
    /// Not read: the verbatim text is kept where it can be.
    Unread,
    /// Spellings taken as one officer.
    Grouping,
    /// Malformed input that was read around.
    Warning,
}

impl NoteKind {
    fn heading(self) -> &'static str {
        match self {
            NoteKind::Unread => "Not read",
            NoteKind::Guess => "Guesses to confirm",
            NoteKind::Grouping => "Officers grouped",
            NoteKind::Warning => "Input problems",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The source row (1-based line or record), when the note is about one.
    pub row: Option<usize>,
    pub kind: NoteKind,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub notes: Vec<Note>,
}

impl Report {
    pub fn add(&mut self, row: Option<usize>, kind: NoteKind, text: impl Into<String>) {
        self.notes.push(Note {
            row,
            kind,
            text: text.into(),
        });
    }

    /// The report as markdown: counts, then the notes by kind, by row.
    /// The table's words in it are escaped, so none of them turns into a
    /// link or emphasis when the file is read as markdown.
    /// Each note is a checklist item ("- [ ] row 12: …") to tick off.
    pub fn markdown(&self, source: &str, counts: [usize; 4]) -> String {
        self.written(source, counts, crate::render::markdown::escape, "- [ ] ")
    }

    /// The same, as plain text for a terminal.
    pub fn text(&self, source: &str, counts: [usize; 4]) -> String {
        self.written(source, counts, str::to_string, "- ")
    }

    fn written(
        &self,
        source: &str,
        counts: [usize; 4],
        words: impl Fn(&str) -> String,
        item: &str,
    ) -> String {
        let [sections, recommendations, actions, officers] = counts;
        let mut out = format!(
            "# Import of {}\n\n{sections} sections, {recommendations} recommendations, {actions} actions, {officers} officers.\n",
            words(source)
        );
        for kind in [
            NoteKind::Warning,
            NoteKind::Unread,
            NoteKind::Guess,
            NoteKind::Grouping,
        ] {
            let mut notes: Vec<&Note> = self.notes.iter().filter(|n| n.kind == kind).collect();
            // By row, in the table's order; notes about no row last.
            notes.sort_by_key(|n| (n.row.is_none(), n.row));
            if notes.is_empty() {
                continue;
            }
            let _ = write!(out, "\n## {} ({})\n\n", kind.heading(), notes.len());
            for note in notes {
                let _ = match note.row {
                    Some(row) => writeln!(out, "{item}row {row}: {}", words(&note.text)),
                    None => writeln!(out, "{item}{}", words(&note.text)),
                };
            }
        }
        out
    }
}
