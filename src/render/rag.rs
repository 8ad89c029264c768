//! The RAG colours and status names every paper uses: one table, so the
//! chart, the HTML and Word digests and the workbook colour a status
//! alike. Fills are the Okabe–Ito colours (told apart with the common
//! colour-blindnesses); the text on each is black or white, whichever
//! contrasts more, and the words are always there for black-and-white
//! printing.

use crate::status::Status;

/// "On track (green)", "Not started": a status as the papers name it.
pub fn name(status: Status) -> String {
    let word = match status {
        Status::NotStarted => "Not started",
        Status::OnTrack => "On track",
        Status::AtRisk => "At risk",
        Status::OffTrack => "Off track",
        Status::Complete => "Complete",
        Status::Deferred => "Deferred",
    };
    match status.colour() {
        Some(colour) => format!("{word} ({colour})"),
        None => word.to_string(),
    }
}

/// The status a cell written by [`name`] holds.
pub fn status_named(text: &str) -> Option<Status> {
    crate::digest::RAG_ORDER
        .into_iter()
        .find(|s| name(*s) == text)
}

/// The fill of each status, as 0xRRGGBB: red, amber, green, blue, and two
/// greys.
pub fn fill(status: Status) -> u32 {
    match status {
        Status::OffTrack => 0xD55E00,
        Status::AtRisk => 0xE69F00,
        Status::OnTrack => 0x009E73,
        Status::Complete => 0x0072B2,
        Status::NotStarted => 0xDDDDDD,
        Status::Deferred => 0xAAAAAA,
    }
}

/// The text colour on a status's fill: black or white, whichever
/// contrasts more.
pub fn ink(status: Status) -> u32 {
    let fill = fill(status);
    if contrast(fill, 0x000000) >= contrast(fill, 0xFFFFFF) {
        0x000000
    } else {
        0xFFFFFF
    }
}

/// `#RRGGBB`, for HTML and SVG.
pub fn hex(rgb: u32) -> String {
    format!("#{rgb:06X}")
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: u32, b: u32) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::RAG_ORDER;

    #[test]
    fn every_status_reads_well_on_its_fill_and_names_read_back() {
        for status in RAG_ORDER {
            assert!(contrast(fill(status), ink(status)) >= 4.5, "{status:?}");
            assert_eq!(status_named(&name(status)), Some(status));
        }
        assert_eq!(status_named("On track"), None);
    }
}
