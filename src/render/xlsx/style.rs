//! How cells look: one format for each kind of cell, and the status fills.
//! Fills are the digest chart's colours (Okabe–Ito, which people with the
//! common colour-blindnesses tell apart), with black or white text,
//! whichever is easier to read on the fill; every status cell also holds
//! its word, so a black-and-white print loses nothing.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use crate::render::rag;
use crate::status::Status;

/// How dates show: day, month name, year, so no reader takes 03/04 for
/// 4 March.
pub const DATE_FORMAT: &str = "d mmm yyyy";

/// A light rule between cells, printed and on screen.
const RULE: u32 = 0xBFBFBF;

/// Every format the workbook uses, made once.
pub struct Styles {
    pub header: Format,
    pub text: Format,
    pub date: Format,
    pub number: Format,
    /// By [`Status::ALL`]'s order; then the same in bold, for headings.
    statuses: [Format; 6],
    headings: [Format; 6],
    pub title: Format,
    pub label: Format,
    /// A fact on the summary sheet, and a date there: without rules.
    pub fact: Format,
    pub fact_date: Format,
    pub total: Format,
}

impl Styles {
    /// Every format; `ruled` puts a light rule round each cell (the
    /// summary's table; the actions sheet prints its gridlines instead).
    pub fn new(ruled: bool) -> Styles {
        let cell = Format::new().set_align(FormatAlign::Top);
        let cell = if ruled {
            cell.set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(RULE))
        } else {
            cell
        };
        let text = cell.clone().set_text_wrap();
        Styles {
            header: text
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xD9D9D9)),
            date: cell
                .clone()
                .set_num_format(DATE_FORMAT)
                .set_align(FormatAlign::Left),
            number: cell.clone().set_num_format("0"),
            statuses: Status::ALL.map(|status| filled(&text, status)),
            headings: Status::ALL.map(|status| filled(&text, status).set_bold()),
            title: Format::new().set_bold().set_font_size(14),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            fact: Format::new().set_align(FormatAlign::Top).set_text_wrap(),
            fact_date: Format::new()
                .set_num_format(DATE_FORMAT)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            total: cell.clone().set_bold(),
            text,
        }
    }

    /// A cell filled in `status`'s colour.
    pub fn status(&self, status: Status) -> &Format {
        &self.statuses[index(status)]
    }

    /// A heading filled in `status`'s colour.
    pub fn heading(&self, status: Status) -> &Format {
        &self.headings[index(status)]
    }
}

fn index(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

/// `format` filled in `status`'s colour, its text readable on it.
fn filled(format: &Format, status: Status) -> Format {
    let fill = rag::fill(status);
    format
        .clone()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(rag::ink(status)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_fill() {
        let mut fills: Vec<u32> = Status::ALL.map(rag::fill).to_vec();
        fills.sort();
        fills.dedup();
        assert_eq!(fills.len(), Status::ALL.len());
    }
}
