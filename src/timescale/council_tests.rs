//! The date styles of other councils' tables, each read or refused, and
//! every uncertain reading kept as a doubt.

use chrono::NaiveDate;

use super::super::read;

fn due(text: &str) -> String {
    let reading = read(text).unwrap_or_else(|e| panic!("{text:?}: {}", e.reason));
    reading.due(None).map(|d| d.to_string()).unwrap_or_default()
}

fn doubts(text: &str) -> String {
    read(text).unwrap().doubts.join(" | ")
}

#[test]
fn uk_numeric_dates_are_day_first_with_dots_slashes_or_dashes() {
    assert_eq!(due("30.06.23"), "2023-06-30");
    assert_eq!(due("31/03/2010"), "2010-03-31");
    assert_eq!(due("31-03-2010"), "2010-03-31");
    assert_eq!(due("2010-03-31"), "2010-03-31");
    assert_eq!(due("Revised 30.09.2023"), "2023-09-30");
    assert!(doubts("30.06.23").is_empty(), "30 cannot be a month");
    assert!(doubts("01.02.23").contains("1 February 2023"));
}

#[test]
fn a_number_that_belongs_to_a_word_is_never_a_day() {
    assert_eq!(due("Phase 1 completed Phase 2 Mar 2017"), "2017-03-31");
    assert!(doubts("Phase 2 Mar 2017").contains("phase 2"));
    assert_eq!(due("Stage 3 by June 2018"), "2018-06-30");
    assert_eq!(due("by 2 March 2017"), "2017-03-02");
}

#[test]
fn school_terms_end_in_december_march_and_july() {
    assert_eq!(due("Autumn term 2023"), "2023-12-31");
    assert_eq!(due("Spring term 2024"), "2024-03-31");
    assert_eq!(due("Summer term 2024"), "2024-07-31");
    assert_eq!(due("Spring term 2023/24"), "2024-03-31");
    assert_eq!(due("Autumn 1 2023"), "2023-10-31");
    assert_eq!(due("Summer 2 2024"), "2024-07-31");
    assert!(doubts("Autumn term 2023").is_empty());
    assert!(doubts("Spring 2010").contains("spring term"));
}

#[test]
fn financial_years_and_their_quarters_end_in_march() {
    assert_eq!(due("financial year 2012/13"), "2013-03-31");
    assert_eq!(due("FY 2012/13"), "2013-03-31");
    assert_eq!(due("2012/13"), "2013-03-31");
    assert!(doubts("2012/13").contains("financial year"));
    assert_eq!(due("Q3 2023/24"), "2023-12-31");
    assert_eq!(due("Q4 2011/12"), "2012-03-31");
    assert!(doubts("Q3 2023/24").is_empty());
    assert_eq!(due("Q2 2023"), "2023-09-30");
    assert!(doubts("Q2 2023").contains("financial year"));
    assert_eq!(due("academic year 2023/24"), "2024-07-31");
}

#[test]
fn ranges_run_to_their_last_named_date() {
    assert_eq!(due("June/July 2012"), "2012-07-31");
    assert_eq!(
        due("June/July 2012 (draft) September 2012 (final)"),
        "2012-09-30"
    );
    assert_eq!(due("June & July 2012"), "2012-07-31");
    assert_eq!(due("Mar-17"), "2017-03-31");
    assert_eq!(due("end of 2017"), "2017-12-31");
}

#[test]
fn what_stays_unreadable() {
    for text in ["TBC", "2010", "Spring term", "June", "31/02/2010", "3/4"] {
        assert!(read(text).is_err(), "{text:?} should not be read");
    }
    let _ = NaiveDate::MIN;
}

#[test]
fn ongoing_beside_a_date_is_read_by_the_date_with_a_doubt() {
    assert!(doubts("April 2024 - ongoing").contains("ongoing"));
    assert!(doubts("Ongoing").is_empty());
}
