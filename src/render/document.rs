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
    /// Prose: an action, a note, a change. Takes the room that is left.
    Text,
}

impl ColumnKind {
    /// How much of a table's width the column asks for, relative to the
    /// others: enough for its longest unbreakable word in the papers
    /// ("30 Apr 2009", "On track (green)"), prose taking the rest.
    pub fn weight(self) -> u16 {
        match self {
            ColumnKind::Ref => 7,
            ColumnKind::Date => 12,
            ColumnKind::Number => 8,
            ColumnKind::Status => 17,
            ColumnKind::Name => 20,
            ColumnKind::Text => 42,
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
}

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
    /// 100): from what the columns hold, so every paper draws the same
    /// proportions and no short word is broken across lines.
    pub fn widths(&self) -> Vec<u16> {
        let total: u32 = self.columns.iter().map(|k| u32::from(k.weight())).sum();
        let mut widths: Vec<u16> = self
            .columns
            .iter()
            .map(|k| (u32::from(k.weight()) * 100 / total.max(1)) as u16)
            .collect();
        // What rounding lost goes to the widest column.
        let left = 100u16.saturating_sub(widths.iter().sum());
        if let Some(widest) = (0..widths.len()).max_by_key(|&i| self.columns[i].weight()) {
            widths[widest] += left;
        }
        widths
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
    // rule: as many as each column's share of the width.
    let rule: Vec<String> = table
        .columns
        .iter()
        .zip(table.widths())
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
