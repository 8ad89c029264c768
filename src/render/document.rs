//! A small document model — headings, paragraphs, warnings, tables, a
//! chart — written once and rendered as markdown or as HTML, so the two
//! committee papers always say the same.

use std::io::{self, Write};

use super::markdown::escape;
use crate::status::Status;

pub enum Block<'d> {
    Heading(u8, String),
    Paragraph(String),
    /// Labelled facts, such as the date a paper is as of.
    Facts(Vec<(String, String)>),
    /// Something the reader must not miss, such as uncommitted changes.
    Warning(String),
    Table(Table<'d>),
    /// Stacked bars of action counts by status, one bar per label.
    Chart(Vec<Bar>),
}

pub struct Table<'d> {
    pub headers: Vec<String>,
    /// What each column holds: how wide it is drawn, whether it wraps,
    /// how it is aligned and coloured.
    pub columns: Vec<ColumnKind>,
    rows: Rows<'d>,
    /// The last row is a total, set in bold.
    pub total_row: bool,
    /// What the caller told a lazy table of its columns' longest cells:
    /// (column, characters) (see [`Table::longest_in`]).
    told: Vec<(usize, u16)>,
}

/// What a column of a paper's table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// An action's address ("2.10a"): short, never broken.
    Ref,
    /// "30 Apr 2009": never broken.
    Date,
    /// Counts and days, right-aligned.
    Number,
    /// A status in words ("On track (green)"), coloured in its RAG colour
    /// by the papers that can colour.
    Status,
    /// Names: lead officers, who made a change.
    Name,
    /// Prose: an action, a change. Takes the room that is left.
    Text,
    /// Prose beside an action (its latest update, a reason): wraps, with
    /// half the room an action's text gets.
    Note,
}

impl ColumnKind {
    /// The characters a column of this kind needs on one line: what its
    /// longest cell holds ("2.10a", "30 Apr 2009", "On track (green)");
    /// `None` for columns that wrap and share the room left.
    fn fixed_width(self) -> Option<u16> {
        match self {
            ColumnKind::Ref => Some(7),
            ColumnKind::Date => Some(13),
            ColumnKind::Number => Some(6),
            ColumnKind::Status => Some(17),
            ColumnKind::Name | ColumnKind::Text | ColumnKind::Note => None,
        }
    }

    /// A wrapping column's share of the room left: prose twice a name's.
    fn share(self) -> u16 {
        match self {
            ColumnKind::Text => 2,
            _ => 1,
        }
    }

    pub fn is_numeric(self) -> bool {
        self == ColumnKind::Number
    }

    /// Whether a cell's text must stay on one line.
    pub fn keeps_together(self) -> bool {
        matches!(
            self,
            ColumnKind::Ref | ColumnKind::Date | ColumnKind::Status
        )
    }

    /// Whether a cell is kept on one line: short values of the columns
    /// that must not wrap (refs, dates, statuses) and numbers. Longer
    /// cells are prose, wrapped at spaces like any other.
    pub fn one_line(self, text: &str) -> bool {
        (self.keeps_together() || self.is_numeric())
            && text.chars().count() <= ONE_LINE
            && !text.contains(['\n', '\r'])
    }
}

/// The most characters a cell kept on one line holds.
const ONE_LINE: usize = 20;

/// The same for the 12-point type of pandoc's Word documents (Letter or
/// A4, one-inch margins).
const PANDOC_PAGE_CHARACTERS: u16 = 56;

/// About how many characters of body text a page's width holds (A4 at
/// 10 point, less the margins, counting digits and capitals, which are
/// wider than the average letter): the unit column widths are counted in.
const PAGE_CHARACTERS: u16 = 90;

/// A table's rows: made already, or made one at a time as they are
/// written, so a table of a hundred thousand rows is never held whole.
enum Rows<'d> {
    Ready(Vec<Vec<String>>),
    Lazy {
        count: usize,
        make: Box<dyn Fn(usize) -> Vec<String> + 'd>,
    },
}

pub struct Bar {
    pub label: String,
    pub segments: Vec<(Status, usize)>,
}

impl<'d> Table<'d> {
    /// A table whose columns are `(header, kind)`.
    pub fn new(columns: &[(&str, ColumnKind)], rows: Vec<Vec<String>>) -> Table<'d> {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            columns: columns.iter().map(|(_, k)| *k).collect(),
            rows: Rows::Ready(rows),
            total_row: false,
            told: Vec::new(),
        }
    }

    /// A table of `count` rows, row `n` made by `make(n)` when written.
    pub fn lazy(
        columns: &[(&str, ColumnKind)],
        count: usize,
        make: impl Fn(usize) -> Vec<String> + 'd,
    ) -> Table<'d> {
        let mut table = Table::new(columns, Vec::new());
        table.rows = Rows::Lazy {
            count,
            make: Box::new(make),
        };
        table
    }

    /// Each column's share of the table's width, in percent (summing to
    /// 100), so every paper draws the same proportions: a column that keeps
    /// to one line gets room for its longest cell and its header's longest
    /// word, and the columns that wrap share what is left, prose twice as
    /// much as names. No word shorter than its column is broken.
    pub fn widths(&self) -> Vec<u16> {
        self.widths_on(PAGE_CHARACTERS)
    }

    /// [`Table::widths`] on a page `page` characters wide: a bigger
    /// font (pandoc's Word documents are in 12 point) holds fewer.
    pub fn widths_on(&self, page: u16) -> Vec<u16> {
        let longest = self.longest_one_line_cells();
        let fixed: Vec<Option<u16>> = self
            .columns
            .iter()
            .zip(&self.headers)
            .zip(longest)
            // Headers are bold: a character wider.
            .map(|((kind, header), longest)| {
                let wanted = longest_word(header).saturating_add(3).max(longest + 1);
                kind.fixed_width().map(|w| w.max(wanted))
            })
            .collect();
        let taken: u16 = fixed.iter().flatten().sum();
        let shares: u16 = self
            .columns
            .iter()
            .zip(&fixed)
            .filter(|(_, f)| f.is_none())
            .map(|(k, _)| k.share())
            .sum();
        let left = page.saturating_sub(taken).max(10 * shares);
        let units: Vec<u32> = self
            .columns
            .iter()
            .zip(&fixed)
            .map(|(kind, f)| u32::from(f.unwrap_or(left * kind.share() / shares.max(1))))
            .collect();
        percent(&units)
    }

    /// Tells a lazy table how many characters the longest cell of
    /// `column` holds, which its widths then make room for: the caller
    /// often knows (the longest action address of the plan) where making
    /// every row twice to measure it would cost more than the table.
    pub fn longest_in(mut self, column: usize, chars: usize) -> Self {
        if chars <= ONE_LINE {
            self.told.push((column, chars as u16));
        }
        self
    }

    /// The characters of each fixed column's longest one-line cell: a
    /// ref far down the table ("15.42a", or a file's name such as
    /// "plan.toml" in a list of changes) widens its column as much as the
    /// first. A lazy table has what it was told.
    fn longest_one_line_cells(&self) -> Vec<u16> {
        let mut longest = vec![0u16; self.columns.len()];
        for &(column, chars) in &self.told {
            if let Some(longest) = longest.get_mut(column) {
                *longest = (*longest).max(chars);
            }
        }
        let Rows::Ready(rows) = &self.rows else {
            return longest;
        };
        for row in rows {
            for ((cell, kind), longest) in row.iter().zip(&self.columns).zip(&mut longest) {
                if kind.fixed_width().is_some() && kind.one_line(cell) {
                    *longest = (*longest).max(cell.chars().count() as u16);
                }
            }
        }
        longest
    }

    pub fn len(&self) -> usize {
        match &self.rows {
            Rows::Ready(rows) => rows.len(),
            Rows::Lazy { count, .. } => *count,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each row, with whether it is the total row.
    pub fn rows(&self) -> impl Iterator<Item = (Vec<String>, bool)> + '_ {
        let last = self.len().saturating_sub(1);
        (0..self.len()).map(move |n| {
            let row = match &self.rows {
                Rows::Ready(rows) => rows[n].clone(),
                Rows::Lazy { make, .. } => make(n),
            };
            (row, self.total_row && n == last)
        })
    }
}

/// The longest word of a header, in characters.
fn longest_word(text: &str) -> u16 {
    text.split_whitespace()
        .map(|w| w.chars().count() as u16)
        .max()
        .unwrap_or(0)
}

/// `units` as percentages of their sum that add up to 100 (what rounding
/// loses goes to the widest).
fn percent(units: &[u32]) -> Vec<u16> {
    let total: u32 = units.iter().sum::<u32>().max(1);
    let mut widths: Vec<u16> = units.iter().map(|u| (u * 100 / total) as u16).collect();
    let left = 100u16.saturating_sub(widths.iter().sum());
    if let Some(widest) = (0..units.len()).max_by_key(|&i| units[i]) {
        widths[widest] += left;
    }
    widths
}

/// CommonMark with GFM tables, which pandoc turns into a Word document.
pub fn write_markdown(out: &mut impl Write, blocks: &[Block]) -> io::Result<()> {
    for block in blocks {
        match block {
            Block::Heading(level, text) => writeln!(
                out,
                "{} {}\n",
                "#".repeat(usize::from(*level)),
                escape(text)
            )?,
            Block::Paragraph(text) => writeln!(out, "{}\n", escape(text))?,
            Block::Facts(facts) => {
                for (label, value) in facts {
                    writeln!(out, "- **{}:** {}", escape(label), escape(value))?;
                }
                writeln!(out)?;
            }
            Block::Warning(text) => writeln!(out, "> **Warning:** {}\n", escape(text))?,
            Block::Table(table) => write_markdown_table(out, table)?,
            // The summary table beside it carries the same numbers.
            Block::Chart(_) => {}
        }
    }
    Ok(())
}

fn write_markdown_table(out: &mut impl Write, table: &Table) -> io::Result<()> {
    let headers: Vec<String> = table.headers.iter().map(|h| escape(h)).collect();
    writeln!(out, "| {} |", headers.join(" | "))?;
    // Pandoc sizes a wide pipe table's columns by the dashes in this
    // rule: as many as each column's share of the width, on a page of
    // 12-point type, as pandoc's Word documents are set.
    let rule: Vec<String> = table
        .columns
        .iter()
        .zip(table.widths_on(PANDOC_PAGE_CHARACTERS))
        .map(|(kind, width)| {
            let dashes = "-".repeat(usize::from(width).max(3));
            match kind.is_numeric() {
                true => format!("{dashes}:"),
                false => dashes,
            }
        })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for (row, bold) in table.rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if bold && !c.is_empty() {
                    format!("**{}**", escape(c))
                } else {
                    escape(c)
                }
            })
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_columns_get_their_room_and_prose_the_rest() {
        let table = Table::new(
            &[
                ("Ref", ColumnKind::Ref),
                ("Action", ColumnKind::Text),
                ("Due", ColumnKind::Date),
                ("Days overdue", ColumnKind::Number),
                ("Status", ColumnKind::Status),
                ("Lead", ColumnKind::Name),
            ],
            Vec::new(),
        );
        let widths = table.widths();
        assert_eq!(widths.iter().sum::<u16>(), 100);
        // Ref 7, Due 13, "overdue" 10, Status 17: 47 of 90 characters;
        // Action and Lead share the other 43, two to one.
        assert_eq!(widths, [7, 34, 14, 11, 19, 15]);
    }

    #[test]
    fn a_long_ref_far_down_the_table_widens_its_column() {
        let columns = [("Ref", ColumnKind::Ref), ("Change", ColumnKind::Text)];
        let row = |reference: &str| vec![reference.to_string(), "status edited".to_string()];
        let short = Table::new(&columns, vec![row("2.10a"); 50]);
        let mut rows = vec![row("2.10a"); 50];
        rows.push(row("plan.toml"));
        let long = Table::new(&columns, rows);
        // 7 characters of 90 for "2.10a"; "plan.toml" needs 10.
        assert_eq!(short.widths()[0], 7);
        assert_eq!(long.widths()[0], 11);
        let lazy = Table::lazy(&columns, 51, |n| {
            row(if n == 50 { "plan.toml" } else { "1.1" })
        });
        assert_eq!(
            lazy.widths(),
            short.widths(),
            "a lazy table is not measured"
        );
        assert_eq!(lazy.longest_in(0, 9).widths(), long.widths(), "but told");
    }
}
