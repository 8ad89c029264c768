//! Dates as people type them on the command line: strictly `YYYY-MM-DD`,
//! so "09-07-01" is not quietly the year 9, and no year outside what a
//! plan can hold. And the plan's time zone, which says what day it is.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// The plan's time zone (`time_zone` in plan.toml): "today", the day a
/// commit was made, and the end of a `--since` day are all read in it, so
/// every reader gets the same answer wherever their machine thinks it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone(Tz);

impl Default for Zone {
    /// UK local time, like the UK financial year the quarters default to.
    fn default() -> Zone {
        Zone(chrono_tz::Europe::London)
    }
}

impl Zone {
    /// An IANA name such as `Europe/London`.
    pub fn parse(name: &str) -> Option<Zone> {
        name.parse().ok().map(Zone)
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// Every zone name, for did-you-mean.
    pub fn names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }

    /// The date in this zone at the instant `now`.
    pub fn today(self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.0).date_naive()
    }

    /// The date in this zone at `seconds` after 1970 (a git timestamp).
    pub fn date_of(self, seconds: i64) -> Option<NaiveDate> {
        DateTime::from_timestamp(seconds, 0).map(|t| self.today(t))
    }

    /// The last second of `date` in this zone, in seconds after 1970.
    pub fn end_of_day(self, date: NaiveDate) -> i64 {
        let next = date.succ_opt().unwrap_or(date);
        // Midnight may fall in a daylight-saving gap: the day then starts
        // at the first hour that exists.
        let start = (0..24)
            .filter_map(|hour| next.and_hms_opt(hour, 0, 0))
            .find_map(|time| self.0.from_local_datetime(&time).earliest())
            .map_or_else(
                || {
                    next.and_hms_opt(0, 0, 0)
                        .unwrap_or_default()
                        .and_utc()
                        .timestamp()
                },
                |t| t.timestamp(),
            );
        start - 1
    }
}

/// `2009-07-01`, and nothing looser: four-digit year, two-digit month and
/// day, a real date.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    read_iso(text).ok()
}

/// [`parse_iso`], with what is wrong when it is not a date, in words that
/// say what to type instead.
pub fn read_iso(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return Err(format!(
            "“{text}” is not a date: write it as YYYY-MM-DD, like 2009-07-01"
        ));
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4) as i32, number(5..7), number(8..10));
    if year < 1000 {
        return Err(format!("“{text}”: years run from 1000 to 9999"));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| match month {
        1..=12 => format!("“{text}” does not exist: that month has no day {day}"),
        _ => format!("“{text}” does not exist: there is no month {month}"),
    })
}

/// A date as a UK person types it in a form: `2010-03-31`, day first
/// with slashes, dots or dashes (`31/03/2010`, `31.03.10`), or with the
/// month in words (`31 Mar 2010`, `31st March 2010`, `March 31st, 2010`).
/// A two-digit year is this century's. Anything else is refused with what to type instead,
/// never guessed.
pub fn read_typed(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if let Ok(date) = read_iso(text) {
        return Ok(date);
    }
    let parts: Vec<&str> = text
        .split(|c: char| matches!(c, '/' | '.' | '-') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let refused =
        || format!("“{text}” is not a date: write it as 31/03/2010, 31 Mar 2010 or 2010-03-31");
    let [mut day, mut month, year] = parts[..] else {
        return Err(refused());
    };
    // "July 1st, 2009": a month in words says which part is the day.
    if month_named(day).is_some() && month_named(month).is_none() {
        (day, month) = (month, day);
    }
    let day = ordinal(day);
    let number = |p: &str| {
        p.parse::<u32>()
            .ok()
            .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
    };
    let month = number(month)
        .or_else(|| month_named(month))
        .ok_or_else(refused)?;
    let year = match (number(year), year.len()) {
        (Some(y), 2) => 2000 + y as i32,
        (Some(y), 4) => y as i32,
        _ => return Err(refused()),
    };
    let day = number(day).ok_or_else(refused)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| match month {
        1..=12 => format!("“{text}” does not exist: that month has no day {day}"),
        _ => format!("“{text}” does not exist: there is no month {month}"),
    })
}

/// "1st", "22nd", "3rd", "31st," as their number; anything else as it is.
fn ordinal(day: &str) -> &str {
    let day = day.strip_suffix(',').unwrap_or(day);
    let lower = day.to_ascii_lowercase();
    match ["st", "nd", "rd", "th"]
        .iter()
        .find(|s| lower.ends_with(*s))
    {
        Some(_) if day.len() > 2 && day[..day.len() - 2].bytes().all(|b| b.is_ascii_digit()) => {
            &day[..day.len() - 2]
        }
        _ => day,
    }
}

/// January to December by name or by their first three letters.
fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    let word = word.strip_suffix(',').unwrap_or(&word);
    (word.len() >= 3)
        .then(|| {
            MONTHS.iter().position(|m| {
                m.starts_with(word) && (word.len() == 3 || *m == word || word == "sept")
            })
        })
        .flatten()
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_commit_is_dated_in_the_plans_zone() {
        // 11:00 UTC on 13 July 2009 was 14 July in Kiritimati, 13 July in
        // London and in Adak.
        let instant = Utc
            .with_ymd_and_hms(2009, 7, 13, 11, 0, 0)
            .unwrap()
            .timestamp();
        assert_eq!(Zone::default().date_of(instant), Some(day(2009, 7, 13)));
        let kiritimati = Zone::parse("Pacific/Kiritimati").unwrap();
        assert_eq!(kiritimati.date_of(instant), Some(day(2009, 7, 14)));
    }

    #[test]
    fn the_end_of_a_day_is_its_last_second_in_the_zone() {
        let london = Zone::default();
        let end = london.end_of_day(day(2009, 7, 14));
        // 23:59:59 BST is 22:59:59 UTC.
        assert_eq!(
            end,
            Utc.with_ymd_and_hms(2009, 7, 14, 22, 59, 59)
                .unwrap()
                .timestamp()
        );
        assert_eq!(london.date_of(end), Some(day(2009, 7, 14)));
        assert_eq!(london.date_of(end + 1), Some(day(2009, 7, 15)));
    }

    #[test]
    fn a_day_that_starts_in_a_gap_ends_before_its_first_hour() {
        // Havana moved clocks forward at midnight on 8 March 2015.
        let havana = Zone::parse("America/Havana").unwrap();
        let end = havana.end_of_day(day(2015, 3, 7));
        assert_eq!(havana.date_of(end), Some(day(2015, 3, 7)));
        assert_eq!(havana.date_of(end + 1), Some(day(2015, 3, 8)));
    }

    #[test]
    fn zone_names_are_iana_names() {
        assert_eq!(Zone::parse("Europe/London"), Some(Zone::default()));
        assert_eq!(Zone::parse("Mars/Olympus"), None);
        assert!(Zone::names().any(|n| n == "America/Adak"));
    }

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

    #[test]
    fn a_date_written_right_that_does_not_exist_is_called_that() {
        assert_eq!(
            read_iso("2023-02-29").unwrap_err(),
            "“2023-02-29” does not exist: that month has no day 29"
        );
        assert!(
            read_iso("2009-13-01")
                .unwrap_err()
                .contains("there is no month 13")
        );
        assert!(
            read_iso("09-07-01")
                .unwrap_err()
                .contains("write it as YYYY-MM-DD")
        );
        assert!(
            read_iso("0999-01-01")
                .unwrap_err()
                .contains("years run from 1000")
        );
        assert_eq!(read_iso("2024-02-29"), Ok(day(2024, 2, 29)));
    }

    #[test]
    fn dates_are_read_as_a_uk_person_types_them() {
        for typed in [
            "31/03/2010",
            "31.03.10",
            "31-03-2010",
            "31 Mar 2010",
            "31 March 2010",
            "31 mar 10",
            "2010-03-31",
            " 31/3/2010 ",
        ] {
            assert_eq!(read_typed(typed), Ok(day(2010, 3, 31)), "{typed}");
        }
        assert_eq!(read_typed("1 Sept 2010"), Ok(day(2010, 9, 1)));
        for typed in [
            "1st July 2009",
            "1ST JULY 09",
            "July 1st, 2009",
            "July 1 2009",
        ] {
            assert_eq!(read_typed(typed), Ok(day(2009, 7, 1)), "{typed}");
        }
        for typed in [
            "31/02/2010",
            "03/31/2010",
            "Mar 2010",
            "31/03",
            "soon",
            "31/03/210",
            "31 Marc 2010",
            "st July 2009",
            "July March 2009",
        ] {
            assert!(read_typed(typed).is_err(), "{typed}");
        }
    }
}
