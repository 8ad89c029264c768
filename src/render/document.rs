//! A small document model — headings, paragraphs, warnings, tables, a
//! chart — written once and rendered as markdown or as HTML, so the two
//! committee papers always say the same.

use std::io::{self, Write};

use super::markdown::escape;
use crate::status::Status;

pub enum Block {
    Heading(u8, String),
    Paragraph(String),
    /// Labelled facts, such as the date a paper is as of.
    Facts(Vec<(String, String)>),
    /// Something the reader must not miss, such as uncommitted changes.
    Warning(String),
    Table(Table),
    /// Stacked bars of action counts by status, one bar per label.
    Chart(Vec<Bar>),
}

pub struct Table {
    pub headers: Vec<String>,
    /// Which columns hold numbers (right-aligned).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// The last row is a total, set in bold.
    pub total_row: bool,
}

pub struct Bar {
    pub label: String,
    pub segments: Vec<(Status, usize)>,
}

impl Table {
    pub fn new(headers: Vec<&str>, rows: Vec<Vec<String>>) -> Table {
        Table::with_headers(headers.into_iter().map(String::from).collect(), rows)
    }

    pub fn with_headers(headers: Vec<String>, rows: Vec<Vec<String>>) -> Table {
        let numeric = vec![false; headers.len()];
        Table {
            headers,
            numeric,
            rows,
            total_row: false,
        }
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
    for (i, row) in table.rows.iter().enumerate() {
        let bold = table.total_row && i + 1 == table.rows.len();
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
