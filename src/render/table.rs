//! Tables for the terminal: wrapped to its width, RAG statuses coloured
//! when colour is on, plain otherwise.

use std::borrow::Borrow;
use std::io::{self, Write};

use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::view::Column;
use crate::status::Status;

/// How a table is drawn.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
    /// Wrap to this many columns; `None` lets rows run as wide as they are.
    pub width: Option<u16>,
}

/// Rows drawn per table: a long report is drawn a chunk at a time, every
/// chunk with the first chunk's column widths, so memory stays flat.
const CHUNK: usize = 500;

pub fn write<T, R: Borrow<T>>(
    out: &mut impl Write,
    columns: &[Column<T>],
    rows: impl IntoIterator<Item = R>,
    style: Style,
) -> io::Result<()> {
    let mut rows = rows.into_iter().peekable();
    let mut widths: Option<Vec<u16>> = None;
    let mut first = true;
    loop {
        let chunk: Vec<Vec<Cell>> = rows
            .by_ref()
            .take(CHUNK)
            .map(|row| cells(columns, row.borrow(), style))
            .collect();
        let last = rows.peek().is_none();
        let table = table(columns, chunk, style, widths.as_deref());
        let lines: Vec<String> = table.lines().collect();
        if widths.is_none() && !last {
            widths = Some(column_widths(lines.first().map_or("", String::as_str)));
        }
        // Later chunks leave out the border and header the first one drew;
        // all but the last leave out the bottom border.
        let body_start = if first { 0 } else { header_end(&lines) };
        let body_end = if last {
            lines.len()
        } else {
            lines.len().saturating_sub(1)
        };
        for line in &lines[body_start.min(body_end)..body_end] {
            writeln!(out, "{line}")?;
        }
        first = false;
        if last {
            return Ok(());
        }
    }
}

fn cells<T>(columns: &[Column<T>], row: &T, style: Style) -> Vec<Cell> {
    columns
        .iter()
        .map(|column| {
            let cell = Cell::new(super::printable(&(column.value)(row)));
            match column.status.filter(|_| style.color) {
                Some(status) => cell.fg(colour(status(row))),
                None => cell,
            }
        })
        .collect()
}

/// An empty bordered table drawn in `style`.
pub fn framed(style: Style) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty();
    if let Some(width) = style.width {
        table
            .set_width(width)
            .set_content_arrangement(ContentArrangement::Dynamic);
    }
    if style.color {
        table.enforce_styling();
    }
    table
}

fn table<T>(
    columns: &[Column<T>],
    rows: Vec<Vec<Cell>>,
    style: Style,
    widths: Option<&[u16]>,
) -> Table {
    let mut table = framed(style);
    table.set_header(columns.iter().map(|c| c.header));
    for row in rows {
        table.add_row(row);
    }
    if let Some(widths) = widths {
        let constraints = widths
            .iter()
            .map(|w| ColumnConstraint::Absolute(Width::Fixed(*w)));
        table.set_constraints(constraints);
    }
    table
}

/// Each column's drawn width (padding included), from a table's top
/// border: `┌─────┬──────┐`.
fn column_widths(top: &str) -> Vec<u16> {
    top.trim_start_matches('┌')
        .trim_end_matches('┐')
        .split('┬')
        .map(|segment| segment.chars().count() as u16)
        .collect()
}

/// The index of the first row line: after the header's separator `╞═══╡`.
fn header_end(lines: &[String]) -> usize {
    lines
        .iter()
        .position(|l| l.starts_with('╞'))
        .map_or(0, |i| i + 1)
}

/// RAG colours, readable on dark and light terminals.
pub fn colour(status: Status) -> Color {
    match status {
        Status::OnTrack => Color::Green,
        Status::AtRisk => Color::Yellow,
        Status::OffTrack => Color::Red,
        Status::Complete => Color::Blue,
        Status::Deferred => Color::DarkGrey,
        Status::NotStarted => Color::Reset,
    }
}

/// Two columns without borders, for `show`: a label and its text, wrapped.
pub fn write_fields(
    out: &mut impl Write,
    fields: &[(&str, String)],
    width: Option<u16>,
) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(presets::NOTHING).force_no_tty();
    if let Some(width) = width {
        table
            .set_width(width)
            .set_content_arrangement(ContentArrangement::Dynamic);
    }
    for (label, value) in fields {
        table.add_row([Cell::new(label), Cell::new(super::printable(value))]);
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column<usize>] = &[
        Column::new("N", |n| format!("{n:04}")),
        Column::new("Text", |n| "word ".repeat(n % 40)),
    ];

    #[test]
    fn escape_sequences_in_the_plan_never_reach_the_terminal() {
        const NOTE: &[Column<&str>] = &[Column::new("Note", |s| s.to_string())];
        let mut out = Vec::new();
        let style = Style {
            color: false,
            width: Some(80),
        };
        write(&mut out, NOTE, ["\u{1b}]0;pwned\u{7}\u{1b}[31mred"], style).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }

    /// Later chunks keep the first chunk's widths: wider text wraps.
    #[test]
    fn a_long_table_drawn_in_chunks_lines_up_as_one() {
        let style = Style {
            color: false,
            width: Some(80),
        };
        let mut out = Vec::new();
        write(&mut out, COLUMNS, 0..(CHUNK * 2 + 7), style).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with('┌') && lines.last().unwrap().starts_with('└'));
        assert_eq!(
            lines.iter().filter(|l| l.starts_with('╞')).count(),
            1,
            "one header"
        );
        assert_eq!(
            lines.iter().filter(|l| l.starts_with('└')).count(),
            1,
            "one bottom border"
        );
        let width = lines[0].chars().count();
        assert!(
            lines.iter().all(|l| l.chars().count() == width),
            "every line as wide as the first"
        );
        let numbers: Vec<usize> = lines
            .iter()
            .filter_map(|l| {
                l.trim_start_matches('│')
                    .split('┆')
                    .next()?
                    .trim()
                    .parse()
                    .ok()
            })
            .collect();
        assert_eq!(numbers, (0..(CHUNK * 2 + 7)).collect::<Vec<_>>());
    }
}
