//! How cells look: one format for each kind of cell, and the status fills.
//! Fills are the digest chart's colours (Okabe–Ito, which people with the
//! common colour-blindnesses tell apart), with black or white text,
//! whichever is easier to read on the fill; every status cell also holds
//! its word, so a black-and-white print loses nothing.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use crate::status::Status;

/// How dates show: day, month name, year, so no reader takes 03/04 for
/// 4 March.
pub const DATE_FORMAT: &str = "d mmm yyyy";

/// A light rule between cells, printed and on screen.
const RULE: u32 = 0xBFBFBF;

/// The fill of each status: red, amber, green, blue, and two greys.
fn fill(status: Status) -> u32 {
    match status {
        Status::OffTrack => 0xD55E00,
        Status::AtRisk => 0xE69F00,
        Status::OnTrack => 0x009E73,
        Status::Complete => 0x0072B2,
        Status::NotStarted => 0xDDDDDD,
        Status::Deferred => 0xAAAAAA,
    }
}

/// Black or white, whichever contrasts more with `fill`.
fn ink(fill: u32) -> u32 {
    if contrast(fill, 0x000000) >= contrast(fill, 0xFFFFFF) {
        0x000000
    } else {
        0xFFFFFF
    }
}

/// The WCAG contrast ratio of two colours (1 to 21).
fn contrast(a: u32, b: u32) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

fn luminance(rgb: u32) -> f64 {
    let channel = |shift: u32| {
        let c = f64::from((rgb >> shift) & 0xFF) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
}

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
    let fill = fill(status);
    format
        .clone()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(ink(fill)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_are_readable_on_their_fills() {
        for status in Status::ALL {
            let fill = fill(status);
            let ratio = contrast(fill, ink(fill));
            // WCAG AA for ordinary text.
            assert!(ratio >= 4.5, "{status}: {ratio:.2}");
        }
    }

    #[test]
    fn contrast_runs_from_one_to_twenty_one() {
        assert!((contrast(0x000000, 0xFFFFFF) - 21.0).abs() < 1e-9);
        assert!((contrast(0x777777, 0x777777) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn every_status_has_its_own_fill() {
        let mut fills: Vec<u32> = Status::ALL.map(fill).to_vec();
        fills.dedup();
        fills.sort();
        fills.dedup();
        assert_eq!(fills.len(), Status::ALL.len());
    }
}
