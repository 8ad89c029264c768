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
    /// Which columns hold numbers (right-aligned).
    pub numeric: Vec<bool>,
    rows: Rows<'d>,
    /// The last row is a total, set in bold.
    pub total_row: bool,
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
    pub fn new(headers: Vec<&str>, rows: Vec<Vec<String>>) -> Table<'d> {
        Table::with_headers(headers.into_iter().map(String::from).collect(), rows)
    }

    pub fn with_headers(headers: Vec<String>, rows: Vec<Vec<String>>) -> Table<'d> {
        let numeric = vec![false; headers.len()];
        Table {
            headers,
            numeric,
            rows: Rows::Ready(rows),
            total_row: false,
        }
    }

    /// A table of `count` rows, row `n` made by `make(n)` when written.
    pub fn lazy(
        headers: Vec<&str>,
        count: usize,
        make: impl Fn(usize) -> Vec<String> + 'd,
    ) -> Table<'d> {
        let mut table = Table::new(headers, Vec::new());
        table.rows = Rows::Lazy {
            count,
            make: Box::new(make),
        };
        table
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
    let rule: Vec<&str> = table
        .numeric
        .iter()
        .map(|n| if *n { "---:" } else { "---" })
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
