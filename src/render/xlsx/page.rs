//! How a sheet prints: A4 landscape, one page wide and as many long as it
//! takes, narrow margins, and a footer that says whose plan, as of when,
//! and which page of how many.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::About;
use super::text;

/// Excel's number for A4 paper.
const A4: u8 = 9;

/// Prints `sheet` on A4 landscape, one page wide, with `header` (a row)
/// repeated at the top of every page when given.
pub fn set_up(sheet: &mut Worksheet, about: &About, header: Option<u32>) -> Result<(), XlsxError> {
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        // Inches: left, right, top, bottom, header, footer. Narrow sides
        // leave more of the page's width for the columns.
        .set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3)
        .set_footer(footer(about));
    if let Some(row) = header {
        sheet.set_repeat_rows(row, row)?;
    }
    Ok(())
}

/// "Title · as of 1 July 2009 · Page 2 of 5", left, centre and right.
fn footer(about: &About) -> String {
    format!(
        "&L{}&CAs of {}&RPage &P of &N",
        text::footer(&about.title),
        super::long_date(about.as_of)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::Provenance;

    #[test]
    fn the_footer_names_the_plan_the_date_and_the_page() {
        let about = About {
            title: "Safeguarding & Children".into(),
            organisation: String::new(),
            as_of: chrono::NaiveDate::from_ymd_opt(2009, 7, 1).unwrap(),
            provenance: Provenance::NotInGit,
            contents: String::new(),
        };
        assert_eq!(
            footer(&about),
            "&LSafeguarding && Children&CAs of 1 July 2009&RPage &P of &N"
        );
    }
}
