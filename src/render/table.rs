//! Tables for the terminal: wrapped to its width, RAG statuses coloured
//! when colour is on, plain otherwise.

use std::io::{self, Write};

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use super::view::Column;
use crate::status::Status;

/// How a table is drawn.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
    /// Wrap to this many columns; `None` lets rows run as wide as they are.
    pub width: Option<u16>,
}

pub fn write<T>(
    out: &mut impl Write,
    columns: &[Column<T>],
    rows: &[T],
    style: Style,
) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.force_no_tty();
    if let Some(width) = style.width {
        table
            .set_width(width)
            .set_content_arrangement(ContentArrangement::Dynamic);
    }
    if style.color {
        table.enforce_styling();
    }
    table.set_header(columns.iter().map(|c| c.header));
    for row in rows {
        table.add_row(columns.iter().map(|column| {
            let cell = Cell::new((column.value)(row));
            match column.status.filter(|_| style.color) {
                Some(status) => cell.fg(colour(status(row))),
                None => cell,
            }
        }));
    }
    writeln!(out, "{table}")
}

/// RAG colours, readable on dark and light terminals.
fn colour(status: Status) -> Color {
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
        table.add_row([Cell::new(label), Cell::new(value)]);
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
