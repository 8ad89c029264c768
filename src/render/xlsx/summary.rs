//! The summary sheet: what the workbook is (the plan, the date, the
//! commit it was made from, what the rows are), then its actions counted
//! by section and status, red first, with how many are overdue and how
//! many have no data.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::style::Styles;
use super::{About, excel_date, fit, long_date, page, text};
use crate::digest::RAG_ORDER;
use crate::render::view::ActionView;

/// Counts of the rows written, by section.
#[derive(Default)]
pub struct Tally {
    /// Keyed so that sections sort as numbers: 2 before 10.
    sections: BTreeMap<(u64, String), Counts>,
}

#[derive(Default)]
struct Counts {
    title: String,
    /// By [`RAG_ORDER`].
    statuses: [usize; 6],
    overdue: usize,
    no_data: usize,
}

impl Tally {
    pub fn count(&mut self, view: &ActionView) {
        let key = (
            view.section.parse().unwrap_or(u64::MAX),
            view.section.clone(),
        );
        let counts = self.sections.entry(key).or_insert_with(|| Counts {
            title: view.section_title.clone(),
            ..Counts::default()
        });
        let slot = RAG_ORDER
            .iter()
            .position(|s| *s == view.status)
            .unwrap_or(0);
        counts.statuses[slot] += 1;
        counts.overdue += usize::from(view.overdue);
        counts.no_data += usize::from(view.no_data);
    }

    fn total(&self) -> Counts {
        let mut total = Counts::default();
        for counts in self.sections.values() {
            for (sum, n) in total.statuses.iter_mut().zip(counts.statuses) {
                *sum += n;
            }
            total.overdue += counts.overdue;
            total.no_data += counts.no_data;
        }
        total
    }
}

/// Widths of the columns: Section, Title, the six statuses, Total,
/// Overdue, No data.
const WIDTHS: [f64; 11] = [
    13.0, 44.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 9.0, 9.0, 9.0,
];

/// Writes the sheet "Summary".
pub fn write(workbook: &mut Workbook, about: &About, tally: &Tally) -> Result<(), XlsxError> {
    let styles = Styles::new(true);
    let sheet = workbook.add_worksheet();
    sheet.set_name("Summary")?;
    for (col, width) in (0..).zip(WIDTHS) {
        sheet.set_column_width(col, width)?;
    }
    let next = heading(sheet, &styles, about, tally)?;
    counts(sheet, &styles, tally, next + 1)?;
    page::set_up(sheet, about, None)?;
    Ok(())
}

/// The workbook's title and where it came from; returns the next free row.
fn heading(
    sheet: &mut Worksheet,
    styles: &Styles,
    about: &About,
    tally: &Tally,
) -> Result<u32, XlsxError> {
    sheet.set_row_height(0, 21)?;
    sheet.write_string_with_format(0, 0, text::cell(&about.title), &styles.title)?;
    let actions: usize = tally.total().statuses.iter().sum();
    sheet.write_string_with_format(2, 0, "As of", &styles.label)?;
    match excel_date(about.as_of) {
        Some(date) => sheet.write_datetime_with_format(2, 1, date, &styles.fact_date)?,
        None => sheet.write_string_with_format(2, 1, long_date(about.as_of), &styles.fact)?,
    };
    let facts = [
        ("Organisation", about.organisation.clone()),
        (
            "Made from",
            crate::render::digest::source(&about.provenance),
        ),
        ("Contents", about.contents.clone()),
        ("Actions", actions.to_string()),
    ];
    let mut row = 3;
    for (label, value) in facts {
        fact(sheet, styles, row, label, &value)?;
        row += 1;
    }
    Ok(row)
}

/// A fact beside its label, across the width of the table below, so it
/// wraps only when it must.
fn fact(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    label: &str,
    value: &str,
) -> Result<(), XlsxError> {
    let value = text::cell(value);
    let width: f64 = WIDTHS[1..].iter().sum();
    sheet.set_row_height(row, fit::row_height([(value.as_ref(), width)]))?;
    sheet.write_string_with_format(row, 0, label, &styles.label)?;
    let last = u16::try_from(WIDTHS.len() - 1).unwrap_or(1);
    sheet.merge_range(row, 1, row, last, &value, &styles.fact)?;
    Ok(())
}

/// The counts table from `first`: a header, one row per section, totals.
fn counts(
    sheet: &mut Worksheet,
    styles: &Styles,
    tally: &Tally,
    first: u32,
) -> Result<(), XlsxError> {
    let mut headers = vec!["Section".to_string(), "Title".to_string()];
    headers.extend(RAG_ORDER.map(crate::render::rag::name));
    headers.extend(["Total", "Overdue", "No data"].map(String::from));
    let sized = headers.iter().map(String::as_str).zip(WIDTHS);
    sheet.set_row_height(first, fit::row_height(sized))?;
    for (col, header) in (0..).zip(&headers) {
        let format = match RAG_ORDER.get(usize::from(col).wrapping_sub(2)) {
            Some(status) => styles.heading(*status),
            None => &styles.header,
        };
        sheet.write_string_with_format(first, col, header, format)?;
    }
    let mut row = first;
    for ((_, number), counts) in &tally.sections {
        row += 1;
        count_row(sheet, styles, row, (number, counts), false)?;
    }
    count_row(sheet, styles, row + 1, ("Total", &tally.total()), true)
}

/// A section's counts, or (in bold) the totals.
fn count_row(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    (section, counts): (&str, &Counts),
    total: bool,
) -> Result<(), XlsxError> {
    let title = text::cell(&counts.title);
    sheet.set_row_height(row, fit::row_height([(title.as_ref(), WIDTHS[1])]))?;
    let (label, number) = if total {
        (&styles.total, &styles.total)
    } else {
        (&styles.text, &styles.number)
    };
    sheet.write_string_with_format(row, 0, text::cell(section), label)?;
    sheet.write_string_with_format(row, 1, title, &styles.text)?;
    let sum: usize = counts.statuses.iter().sum();
    let numbers = counts
        .statuses
        .iter()
        .chain([&sum, &counts.overdue, &counts.no_data]);
    for (col, n) in (2..).zip(numbers) {
        sheet.write_number_with_format(row, col, *n as f64, number)?;
    }
    Ok(())
}
