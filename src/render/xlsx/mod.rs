//! Excel workbooks for people: the actions on one sheet, typed (text,
//! real dates, numbers), coloured by status and set up to print on A4;
//! a summary by section and status on a second sheet, with what the
//! workbook was made from. Every text is written as a string, never a
//! formula, so nothing in the plan can run.

mod actions;
mod fit;
mod form;
mod grid;
mod page;
mod style;
mod summary;
mod text;

use std::io::{self, Seek, Write};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::view::ActionView;
use crate::provenance::Provenance;
use crate::status::Status;

pub use form::{FACTS_SHEET, FORM_SHEET, HEADER_ROW, write_form};
pub use style::DATE_FORMAT;

/// What a workbook says about itself, on its summary sheet, in its page
/// footers and in its document properties.
pub struct About {
    pub title: String,
    pub organisation: String,
    pub as_of: NaiveDate,
    /// The commit the plan was read from.
    pub provenance: Provenance,
    /// What the rows are: "Every action", "Overdue actions, oldest due first".
    pub contents: String,
}

/// A column of the actions sheet: its header, its width in characters,
/// and the cell each row gives it.
pub struct Column<T> {
    pub header: &'static str,
    pub width: f64,
    pub value: fn(&T) -> Cell,
}

impl<T> Column<T> {
    pub const fn new(header: &'static str, width: f64, value: fn(&T) -> Cell) -> Column<T> {
        Column {
            header,
            width,
            value,
        }
    }
}

/// One cell, by what it holds.
pub enum Cell {
    /// Always a string cell: "2.10" stays 2.10, "=SUM(A1)" stays text.
    Text(String),
    /// A real date, shown as [`DATE_FORMAT`]; empty when `None`.
    Date(Option<NaiveDate>),
    /// A real number; empty when `None`.
    Number(Option<i64>),
    /// The status word, filled in its colour.
    Status(Status),
    /// The status's RAG colour word (empty for none), filled in its colour.
    Rag(Status),
}

/// Writes the workbook of `rows` to `out`. Rows are written as they come,
/// one at a time, to a temporary file (rust_xlsxwriter's constant-memory
/// mode), so no cell stays in memory; each row's height does (about
/// 0.6 KB a row, in rust_xlsxwriter).
pub fn write_actions(
    out: &mut dyn Write,
    about: &About,
    columns: &[Column<ActionView>],
    rows: impl IntoIterator<Item = ActionView>,
) -> io::Result<()> {
    let mut workbook = Workbook::new();
    let tally = actions::write(&mut workbook, about, columns, rows).map_err(explained)?;
    summary::write(&mut workbook, about, &tally).map_err(explained)?;
    save(workbook, about, out)
}

/// Sets the file's properties and writes the workbook to `out`.
fn save(mut workbook: Workbook, about: &About, out: &mut dyn Write) -> io::Result<()> {
    workbook.set_properties(&properties(about));
    // rust_xlsxwriter zips into a writer it may hand to other threads, so
    // it must be `Send`; standard output's lock is not. An unnamed
    // temporary file is, and keeps memory flat; it is then copied out.
    let mut zipped = tempfile::tempfile()?;
    workbook.save_to_writer(&mut zipped).map_err(explained)?;
    zipped.rewind()?;
    io::copy(&mut zipped, out)?;
    Ok(())
}

/// Writes a workbook of one sheet, `name`, whose columns (headers and
/// widths) are known only now: `trajectory`'s, one per meeting.
pub fn write_grid(
    out: &mut dyn Write,
    about: &About,
    name: &str,
    columns: &[(String, f64)],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> io::Result<()> {
    let mut workbook = Workbook::new();
    grid::write(&mut workbook, about, name, columns, rows).map_err(explained)?;
    save(workbook, about, out)
}

/// Title, organisation and source in the file's properties. The creation
/// date is the as-of date, not the clock's, so the same plan and date
/// give the same bytes.
fn properties(about: &About) -> DocProperties {
    let properties = DocProperties::new()
        .set_title(text::cell(&about.title))
        .set_company(text::cell(&about.organisation))
        .set_subject(text::cell(&about.contents))
        .set_comment(crate::render::digest::source(&about.provenance));
    match excel_date(about.as_of) {
        Some(date) => properties.set_creation_datetime(&date),
        None => properties,
    }
}

/// "1 July 2009": how dates read in words.
fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A date as Excel counts days; `None` outside its calendar (1900–9999).
fn excel_date(date: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year()).ok()?;
    // A month is at most 12 and a day at most 31: both fit a byte.
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok()
}

/// rust_xlsxwriter's error as an I/O error, said in the plan's terms where
/// the user can do something about it.
fn explained(err: XlsxError) -> io::Error {
    match err {
        XlsxError::RowColumnLimitError => io::Error::other(
            "more actions than a worksheet holds (1,048,575 rows): \
             narrow the selection with a filter, or use --format csv",
        ),
        XlsxError::IoError(err) => err,
        other => io::Error::other(other.to_string()),
    }
}
