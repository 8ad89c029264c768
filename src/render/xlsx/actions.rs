//! The actions sheet: a header row, then one row per action, written in
//! order and forgotten (constant-memory mode), each cell by its kind.
//! Text takes its column's format (wrapped, at the top): rust_xlsxwriter
//! finds an explicit format by hashing it, which for every cell of a large
//! plan was a sixth of the time.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::style::Styles;
use super::summary::Tally;
use super::{About, Cell, Column, excel_date, fit, page, text};
use crate::render::view::ActionView;

/// Writes the sheet "Actions"; returns the counts the summary needs.
pub fn write(
    workbook: &mut Workbook,
    about: &About,
    columns: &[Column<ActionView>],
    rows: impl IntoIterator<Item = ActionView>,
) -> Result<Tally, XlsxError> {
    let styles = Styles::new(false);
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name("Actions")?;
    header(sheet, &styles, columns)?;
    let mut tally = Tally::default();
    let mut row = 0;
    for view in rows {
        row += 1;
        let cells: Vec<Cell> = columns.iter().map(|c| (c.value)(&view)).collect();
        sheet.set_row_height(row, height(columns, &cells))?;
        for (col, cell) in (0..).zip(cells) {
            write_cell(sheet, &styles, row, col, cell)?;
        }
        tally.count(&view);
    }
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, row, last_col)?;
    page::set_up(sheet, about, Some(0))?;
    // Its cells have no rules of their own: the grid keeps rows apart.
    sheet.set_print_gridlines(true);
    Ok(tally)
}

/// The header row, frozen with the ref column beside it so both stay in
/// view while scrolling; and each column's width.
fn header(
    sheet: &mut Worksheet,
    styles: &Styles,
    columns: &[Column<ActionView>],
) -> Result<(), XlsxError> {
    let headers = columns.iter().map(|c| (c.header, c.width));
    sheet.set_row_height(0, fit::row_height(headers))?;
    for (col, column) in (0..).zip(columns) {
        sheet.set_column_width(col, column.width)?;
        sheet.set_column_format(col, &styles.text)?;
        sheet.write_string_with_format(0, col, column.header, &styles.header)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The height that shows every cell of a row in full.
fn height(columns: &[Column<ActionView>], cells: &[Cell]) -> f64 {
    let texts = columns.iter().zip(cells).map(|(column, cell)| {
        let text = match cell {
            Cell::Text(text) => text.as_str(),
            Cell::Status(status) => status.as_str(),
            _ => "",
        };
        (text, column.width)
    });
    fit::row_height(texts)
}

/// One cell; none for an empty value, but a status's fill.
pub(super) fn write_cell(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    cell: Cell,
) -> Result<(), XlsxError> {
    match cell {
        // Always a string cell, never a formula, whatever the text says.
        Cell::Text(value) if !value.is_empty() => {
            sheet.write_string(row, col, text::cell(&value))?
        }
        Cell::Status(status) => {
            sheet.write_string_with_format(row, col, status.as_str(), styles.status(status))?
        }
        Cell::Rag(status) => match status.colour() {
            Some(word) => sheet.write_string_with_format(row, col, word, styles.status(status))?,
            None => sheet.write_blank(row, col, styles.status(status))?,
        },
        // Days overdue: far inside f64's exact integers.
        Cell::Number(Some(n)) => {
            sheet.write_number_with_format(row, col, n as f64, &styles.number)?
        }
        Cell::Date(Some(date)) => match excel_date(date) {
            Some(serial) => sheet.write_datetime_with_format(row, col, serial, &styles.date)?,
            // A date before 1900 has no Excel serial: shown as written.
            None => sheet.write_string(row, col, date.to_string())?,
        },
        Cell::Text(_) | Cell::Number(None) | Cell::Date(None) => sheet,
    };
    Ok(())
}
