//! A lead officer's return form as a workbook: the plan as issued in grey,
//! locked columns, the columns to fill in white, a drop-down of status
//! words, and a hidden sheet with what `apply` needs to take the form back
//! safely (the form's version, the plan revision, each action's
//! fingerprint and its cells as issued).

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::{DATE_FORMAT, excel_date, fit, long_date, text};
use crate::returns::{FILLED_COLUMNS, FORM_VERSION, Form, FormRow, ISSUED_COLUMNS};
use crate::status::Status;

/// The form's sheet and its hidden companion, by name; `apply` finds them
/// by these names.
pub const FORM_SHEET: &str = "Return";
pub const FACTS_SHEET: &str = "actionplan";

/// Rows above the table: title, facts, how to fill it in.
pub const HEADER_ROW: u32 = 3;

/// Every column, in order: the ref, a word on why the row needs
/// attention, the issued cells, then the cells to fill in.
const WIDTHS: [f64; 13] = [
    6.5, 11.0, 26.0, 30.0, 12.0, 12.0, 11.5, 24.0, 11.0, 30.0, 12.0, 22.0, 12.0,
];

/// The first column an officer fills in.
const FIRST_FILLED: u16 = 8;

/// Statuses offered in the drop-down: the plan's words, then the colours.
fn choices() -> Vec<String> {
    let words = Status::ALL.map(|s| s.as_str().replace('_', " "));
    let colours = ["green", "amber", "red", "blue"].map(String::from);
    words.into_iter().chain(colours).collect()
}

struct Looks {
    issued: Format,
    issued_date: Format,
    header: Format,
    fill: Format,
    fill_date: Format,
    attention: Format,
    title: Format,
    note: Format,
}

impl Looks {
    fn new() -> Looks {
        let cell = Format::new()
            .set_align(FormatAlign::Top)
            .set_text_wrap()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF));
        let issued = cell.clone().set_background_color(Color::RGB(0xF2F2F2));
        let fill = cell.clone().set_unlocked();
        Looks {
            issued_date: issued.clone().set_num_format(DATE_FORMAT),
            header: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xD9D9D9)),
            fill_date: fill.clone().set_num_format(DATE_FORMAT),
            attention: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF6C9A8)),
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            issued,
            fill,
        }
    }
}

/// The form as a workbook's bytes.
pub fn write_form(form: &Form) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let looks = Looks::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(FORM_SHEET)?;
    write_top(sheet, form, &looks)?;
    for (i, row) in form.rows.iter().enumerate() {
        write_row(sheet, HEADER_ROW + 1 + i as u32, row, &looks)?;
    }
    set_up(sheet, form)?;
    let facts = workbook.add_worksheet();
    facts.set_name(FACTS_SHEET)?;
    write_facts(facts, form)?;
    facts.set_hidden(true).protect();
    workbook.save_to_buffer()
}

fn write_top(sheet: &mut Worksheet, form: &Form, looks: &Looks) -> Result<(), XlsxError> {
    let title = format!("Progress return: {}", form.officer_title);
    sheet.write_string_with_format(0, 0, text::cell(&title), &looks.title)?;
    let facts = format!(
        "{} · actions open as of {} · please return by {}",
        form.plan_title,
        long_date(form.as_of),
        long_date(form.by)
    );
    sheet.write_string(1, 0, text::cell(&facts))?;
    let how = "Fill in the white columns. For a new due date give the reason. \
               Leave a row blank if nothing has changed. The grey columns are the plan as issued.";
    sheet.merge_range(2, 0, 2, 12, how, &looks.note)?;
    sheet.set_row_height(2, 30)?;
    let headers = ["Ref", "Attention"]
        .into_iter()
        .chain(ISSUED_COLUMNS)
        .chain(FILLED_COLUMNS);
    for (col, header) in headers.enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, header, &looks.header)?;
        sheet.set_column_width(col as u16, WIDTHS[col])?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;
    Ok(())
}

fn write_row(
    sheet: &mut Worksheet,
    at: u32,
    row: &FormRow,
    looks: &Looks,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(at, 0, &row.address, &looks.issued)?;
    match row.attention() {
        Some(word) => sheet.write_string_with_format(at, 1, word, &looks.attention)?,
        None => sheet.write_blank(at, 1, &looks.issued)?,
    };
    let issued = row.issued_cells();
    for (i, value) in issued.iter().enumerate() {
        let col = 2 + i as u16;
        match (ISSUED_COLUMNS[i], row.due.and_then(excel_date)) {
            ("Due", Some(date)) => {
                sheet.write_datetime_with_format(at, col, &date, &looks.issued_date)?
            }
            _ => sheet.write_string_with_format(at, col, text::cell(value), &looks.issued)?,
        };
    }
    for col in FIRST_FILLED..FIRST_FILLED + FILLED_COLUMNS.len() as u16 {
        let look = match FILLED_COLUMNS[usize::from(col - FIRST_FILLED)] {
            "Revised due date" | "Date of return" => &looks.fill_date,
            _ => &looks.fill,
        };
        sheet.write_blank(at, col, look)?;
    }
    let cells = issued
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), WIDTHS[2 + i]));
    sheet.set_row_height(at, fit::row_height(cells).max(30.0))?;
    Ok(())
}

/// Print set-up, the drop-down and the date checks, and the lock on every
/// grey cell.
fn set_up(sheet: &mut Worksheet, form: &Form) -> Result<(), XlsxError> {
    let last = HEADER_ROW + form.rows.len().max(1) as u32;
    let footer = format!(
        "&L{}&CReturn by {}&RPage &P of &N",
        text::footer(&form.officer_title),
        long_date(form.by)
    );
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3)
        .set_footer(footer)
        .set_print_gridlines(false);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    let statuses = DataValidation::new()
        .allow_list_strings(&choices())?
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_message(
            "Choose a status from the list, or a RAG colour: green, amber, red, blue.",
        )?;
    sheet.add_data_validation(HEADER_ROW + 1, FIRST_FILLED, last, FIRST_FILLED, &statuses)?;
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1990, 1, 1)?,
            ExcelDateTime::from_ymd(2999, 12, 31)?,
        ))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_message("Write a date, like 31/03/2010.")?;
    for col in [FIRST_FILLED + 2, FIRST_FILLED + 4] {
        sheet.add_data_validation(HEADER_ROW + 1, col, last, col, &dates)?;
    }
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
    Ok(())
}

/// The hidden sheet: name–value facts, then one row per action with its
/// fingerprint and its cells as issued.
fn write_facts(sheet: &mut Worksheet, form: &Form) -> Result<(), XlsxError> {
    let facts = [
        ("form", FORM_VERSION.to_string()),
        ("plan", form.plan_title.clone()),
        ("revision", form.revision.clone()),
        ("officer", form.officer_id.clone()),
        ("officer title", form.officer_title.clone()),
        ("as of", form.as_of.to_string()),
        ("return by", form.by.to_string()),
    ];
    for (row, (name, value)) in facts.iter().enumerate() {
        sheet.write_string(row as u32, 0, *name)?;
        sheet.write_string(row as u32, 1, text::cell(value))?;
    }
    let top = facts.len() as u32;
    let headers = ["Ref", "Fingerprint"].into_iter().chain(ISSUED_COLUMNS);
    for (col, header) in headers.enumerate() {
        sheet.write_string(top, col as u16, header)?;
    }
    for (i, row) in form.rows.iter().enumerate() {
        let at = top + 1 + i as u32;
        sheet.write_string(at, 0, &row.address)?;
        sheet.write_string(at, 1, &row.fingerprint)?;
        for (j, value) in row.issued_cells().iter().enumerate() {
            sheet.write_string(at, 2 + j as u16, text::cell(value))?;
        }
    }
    Ok(())
}
