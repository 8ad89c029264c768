//! A sheet whose columns are known only when it is written (one per
//! meeting, for `trajectory`): a header row, then rows of cells, each
//! written by its kind as the actions sheet writes them.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::style::Styles;
use super::{About, Cell, actions, fit, page};

/// Writes the sheet `name`: `columns` are headers and widths.
pub fn write(
    workbook: &mut Workbook,
    about: &About,
    name: &str,
    columns: &[(String, f64)],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<(), XlsxError> {
    let styles = Styles::new(false);
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    let headers = columns.iter().map(|(h, w)| (h.as_str(), *w));
    sheet.set_row_height(0, fit::row_height(headers))?;
    for (col, (header, width)) in (0..).zip(columns) {
        sheet.set_column_width(col, *width)?;
        sheet.set_column_format(col, &styles.text)?;
        sheet.write_string_with_format(0, col, header, &styles.header)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    let mut row = 0;
    for cells in rows {
        row += 1;
        let texts = columns.iter().zip(&cells).map(|((_, width), cell)| {
            let text = match cell {
                Cell::Text(text) => text.as_str(),
                Cell::Status(status) => status.as_str(),
                _ => "",
            };
            (text, *width)
        });
        sheet.set_row_height(row, fit::row_height(texts))?;
        for (col, cell) in (0..).zip(cells) {
            actions::write_cell(sheet, &styles, row, col, cell)?;
        }
    }
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, row, last_col)?;
    page::set_up(sheet, about, Some(0))?;
    sheet.set_print_gridlines(true);
    Ok(())
}
