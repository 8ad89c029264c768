//! Dates as people type them on the command line: strictly `YYYY-MM-DD`,
//! so "09-07-01" is not quietly the year 9, and no year outside what a
//! plan can hold.

use chrono::{Datelike, NaiveDate};

/// `2009-07-01`, and nothing looser: four-digit year, two-digit month and
/// day, a real date.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| shape)?;
    (1000..=9999).contains(&date.year()).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_full_iso_date_is_a_date() {
        assert_eq!(parse_iso("2009-07-01"), NaiveDate::from_ymd_opt(2009, 7, 1));
        assert_eq!(
            parse_iso(" 2009-07-01 "),
            NaiveDate::from_ymd_opt(2009, 7, 1)
        );
        for text in [
            "09-07-01",
            "2009-7-1",
            "+10000-01-01",
            "-0001-01-01",
            "2009-02-30",
            "2009/07/01",
            "0999-01-01",
            "HEAD~1",
        ] {
            assert_eq!(parse_iso(text), None, "{text}");
        }
    }
}
