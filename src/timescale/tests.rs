//! Every timescale phrasing of the Herefordshire plan, one by one, and the
//! ones other plans use that must be refused rather than guessed.

use chrono::NaiveDate;

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ym(year: i32, month: u32) -> YearMonth {
    YearMonth::new(year, month).unwrap()
}

fn items(text: &str) -> Vec<Item> {
    read(text)
        .unwrap_or_else(|e| panic!("{text:?}: {}", e.reason))
        .items
}

fn due(text: &str) -> Option<NaiveDate> {
    read(text).unwrap().due(None)
}

fn schedule(text: &str) -> Schedule {
    read(text).unwrap().schedule(None, Period::Quarterly)
}

fn refused(text: &str) -> String {
    match read(text) {
        Ok(reading) => panic!("{text:?} should be refused, read as {reading:?}"),
        Err(e) => e.reason,
    }
}

#[test]
fn month_timescale_is_due_at_end_of_month() {
    assert_eq!(items("April 2009"), [Item::Month(ym(2009, 4))]);
    assert_eq!(due("April 2009"), Some(date(2009, 4, 30)));
    assert_eq!(due("February 2009"), Some(date(2009, 2, 28)));
    assert_eq!(due("March 2009"), Some(date(2009, 3, 31)));
    assert_eq!(due("June 2009"), Some(date(2009, 6, 30)));
    assert_eq!(due("July 2009"), Some(date(2009, 7, 31)));
}

#[test]
fn february_of_a_leap_year_ends_on_the_29th() {
    assert_eq!(due("February 2012"), Some(date(2012, 2, 29)));
    assert_eq!(due("December 2009"), Some(date(2009, 12, 31)));
}

#[test]
fn abbreviated_and_glued_months_are_read() {
    assert_eq!(due("Sept 09"), Some(date(2009, 9, 30)));
    assert_eq!(due("September2009"), Some(date(2009, 9, 30)));
    assert_eq!(due("Jan 2010"), Some(date(2010, 1, 31)));
    assert_eq!(due("End Oct 03"), Some(date(2003, 10, 31)));
}

#[test]
fn words_around_a_month_are_labels() {
    assert_eq!(due("By end February 2009"), Some(date(2009, 2, 28)));
    assert_eq!(due("Updated draft by March 2009"), Some(date(2009, 3, 31)));
    assert_eq!(
        due("Policy approved by end February 2009"),
        Some(date(2009, 2, 28))
    );
}

#[test]
fn range_is_due_at_the_end_of_its_last_month() {
    assert_eq!(
        items("July – Sept 09"),
        [Item::Range(ym(2009, 7), ym(2009, 9))]
    );
    assert_eq!(due("July – Sept 09"), Some(date(2009, 9, 30)));
    assert_eq!(
        items("May to June 2009"),
        [Item::Range(ym(2009, 5), ym(2009, 6))]
    );
}

#[test]
fn a_range_across_new_year_starts_the_year_before() {
    assert_eq!(
        items("Nov - Feb 10"),
        [Item::Range(ym(2009, 11), ym(2010, 2))]
    );
}

#[test]
fn range_then_month_is_due_at_the_last_milestone() {
    let read = items("July – Sept 09 January 2010");
    assert_eq!(
        read,
        [
            Item::Range(ym(2009, 7), ym(2009, 9)),
            Item::Month(ym(2010, 1))
        ]
    );
    assert_eq!(due("July – Sept 09 January 2010"), Some(date(2010, 1, 31)));
}

#[test]
fn several_milestones_are_due_at_the_last() {
    let read = items("May 2009 May 2009 June 2009");
    assert_eq!(
        read,
        [
            Item::Month(ym(2009, 5)),
            Item::Month(ym(2009, 5)),
            Item::Month(ym(2009, 6))
        ]
    );
    assert_eq!(due("May 2009 May 2009 June 2009"), Some(date(2009, 6, 30)));
}

#[test]
fn milestones_out_of_order_are_due_at_the_latest() {
    let text = "CRB Team established January 2009 CRB Team responsible for all checks by May 2009 April 2009";
    assert_eq!(
        items(text),
        [
            Item::Month(ym(2009, 1)),
            Item::Month(ym(2009, 5)),
            Item::Month(ym(2009, 4))
        ]
    );
    assert_eq!(due(text), Some(date(2009, 5, 31)));
}

#[test]
fn ongoing_among_milestones_keeps_the_last_date() {
    let text = "June 2009 July 2009 July 2010 Ongoing January 2010";
    assert_eq!(items(text)[3], Item::Ongoing);
    let s = schedule(text);
    assert_eq!(s.due, Some(date(2010, 7, 31)));
    assert!(!s.ongoing, "a dated action is not open-ended");
}

#[test]
fn ongoing_alone_has_no_due_date() {
    let s = schedule("Ongoing");
    assert_eq!((s.due, s.ongoing), (None, true));
}

#[test]
fn immediate_is_due_on_adoption() {
    let reading = read("Immediate").unwrap();
    assert_eq!(reading.items, [Item::Immediate]);
    assert!(reading.is_immediate_only());
    assert_eq!(reading.due(Some(date(2009, 1, 5))), Some(date(2009, 1, 5)));
    assert_eq!(
        reading.due(None),
        None,
        "no adoption date, no due date: never guessed"
    );
}

#[test]
fn immediate_then_a_month_is_due_at_the_month() {
    let reading = read("Immediate April 2009").unwrap();
    assert!(!reading.is_immediate_only());
    assert_eq!(reading.due(Some(date(2009, 1, 5))), Some(date(2009, 4, 30)));
}

#[test]
fn quarterly_recurs_every_reporting_quarter() {
    let s = schedule("Quarterly");
    assert_eq!(
        (s.due, s.recurs, s.start),
        (None, Some(Period::Quarterly), None)
    );
    assert_eq!(schedule("Monthly").recurs, Some(Period::Monthly));
    assert_eq!(schedule("Annually").recurs, Some(Period::Annually));
}

#[test]
fn from_a_month_recurs_from_its_first_day() {
    let text = "April 2009 From July 2009";
    assert_eq!(
        items(text)[1],
        Item::Recurring {
            every: None,
            from: Some(ym(2009, 7))
        }
    );
    let s = read(text).unwrap().schedule(None, Period::Monthly);
    assert_eq!(s.due, Some(date(2009, 4, 30)));
    assert_eq!(s.start, Some(date(2009, 7, 1)));
    assert_eq!(
        s.recurs,
        Some(Period::Monthly),
        "the plan's reporting period"
    );
}

#[test]
fn a_period_and_a_start_are_one_recurrence() {
    let text = "Quarterly from July 2009";
    assert_eq!(
        items(text),
        [Item::Recurring {
            every: Some(Period::Quarterly),
            from: Some(ym(2009, 7))
        }]
    );
}

#[test]
fn completed_is_a_status_not_a_date() {
    let s = schedule("Completed");
    assert_eq!((s.due, s.status), (None, Some(Status::Complete)));
}

#[test]
fn completed_inside_a_sentence_is_only_a_word() {
    assert_eq!(schedule("Review completed by June 2009").status, None);
}

#[test]
fn deferred_keeps_its_reason() {
    let text = "Deferred due to resignation of independent chair";
    let reason = "due to resignation of independent chair".to_string();
    assert_eq!(items(text), [Item::Deferred { reason }]);
    assert_eq!(schedule(text).status, Some(Status::Deferred));
    assert_eq!(schedule(text).due, None);
}

#[test]
fn day_dates_are_due_that_day() {
    assert_eq!(due("by 31 March 2009"), Some(date(2009, 3, 31)));
    assert_eq!(due("1st May 2010"), Some(date(2010, 5, 1)));
    assert_eq!(due("31/03/2010"), Some(date(2010, 3, 31)));
}

#[test]
fn a_month_without_a_year_is_refused() {
    assert!(refused("April").contains("no year"));
    assert!(refused("by end of June").contains("no year"));
}

#[test]
fn may_the_verb_is_not_the_month() {
    assert!(read("this may slip").is_err(), "no date at all");
    assert_eq!(due("work may start May 2009"), Some(date(2009, 5, 31)));
}

#[test]
fn numeric_dates_that_could_be_month_first_are_read_day_first_with_a_doubt() {
    let reading = read("03/04/2010").unwrap();
    assert_eq!(reading.due(None), Some(date(2010, 4, 3)));
    let doubt = reading.doubts.join(" ");
    assert!(
        doubt.contains("3 April 2010") && doubt.contains("4 March 2010"),
        "{doubt}"
    );
    let certain = read("04/04/2010").unwrap();
    assert_eq!(certain.due(None), Some(date(2010, 4, 4)));
    assert!(certain.doubts.is_empty());
}

#[test]
fn impossible_and_partial_dates_are_refused() {
    assert!(refused("31 February 2009").contains("not a date"));
    assert!(refused("31/02/2010").contains("not a date"));
    assert!(refused("2012/15").contains("whole date"));
    assert!(refused("2010").contains("no month"));
}

#[test]
fn words_with_no_date_are_refused() {
    assert!(refused("As soon as possible").contains("no date"));
    assert!(refused("").contains("no date"));
    assert!(refused("Winter 2010").contains("two years"));
}

#[test]
fn a_backwards_range_is_refused() {
    assert!(refused("Sept 2009 – July 2009").contains("backwards"));
}

#[test]
fn readings_describe_themselves() {
    let text = "July – Sept 09 January 2010";
    assert_eq!(
        read(text).unwrap().to_string(),
        "July 2009 to end of September 2009; end of January 2010"
    );
    assert_eq!(read("Quarterly").unwrap().to_string(), "quarterly");
}

#[test]
fn every_seed_timescale_is_read() {
    let seed = include_str!("../../seeds/000_33c2bef1ba33a468.txt");
    let plan_timescales = [
        "April 2009",
        "May 2009 May 2009 June 2009",
        "July – Sept 09 January 2010",
        "July 2009",
        "June 2009",
        "March 2009",
        "Updated draft by March 2009",
        "February 2009",
        "Deferred due to resignation of independent chair",
        "June 2009 July 2009 July 2010 Ongoing January 2010",
        "CRB Team established January 2009 CRB Team responsible for all checks by May 2009 April 2009",
        "Policy approved by end February 2009",
        "Completed",
        "By end February 2009",
        "Quarterly",
        "Immediate",
        "Immediate April 2009",
        "April 2009 From July 2009",
    ];
    for text in plan_timescales {
        let first_words = text.split(' ').take(2).collect::<Vec<_>>().join(" ");
        assert!(seed.contains(&first_words), "{text:?} is not from the seed");
        assert!(read(text).is_ok(), "{text:?}");
    }
}

#[test]
fn a_zero_day_or_month_is_refused_not_a_panic() {
    // Found by `fuzz/run.sh timescale`.
    for text in ["0/1/9", "1/0/2009", "0/0/09", "00/13/2010"] {
        assert!(read(text).is_err(), "{text}");
    }
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    const MONTHS: [&str; 12] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "Sept",
        "October", "November", "December",
    ];

    fn month_year() -> impl Strategy<Value = (u32, i32)> {
        (1u32..=12, 2000i32..2040)
    }

    proptest! {
        /// "April 2009", "By end July – Sept 09", "May 2009 June 2010": the
        /// due date is never before the first day of any period named.
        #[test]
        fn a_due_date_is_never_before_the_periods_it_names(
            first in month_year(),
            second in prop::option::of(month_year()),
            range in any::<bool>(),
            prefix in prop::sample::select(vec!["", "By end ", "Review by "]),
        ) {
            let range = range && second.is_some();
            let words = |(m, y): (u32, i32)| format!("{} {y}", MONTHS[m as usize - 1]);
            let text = match second {
                Some(second) if range => format!("{prefix}{} – {}", MONTHS[first.0 as usize - 1], words(second)),
                Some(second) => format!("{prefix}{} {}", words(first), words(second)),
                None => format!("{prefix}{}", words(first)),
            };
            let Ok(reading) = read(&text) else {
                // A backwards range is refused, not read.
                prop_assert!(range);
                return Ok(());
            };
            let due = reading.due(None).unwrap();
            for (month, year) in [Some(first), second].into_iter().flatten() {
                // A range's first month takes the year of its last ("July – Sept 09"),
                // or the year before when it comes later in the year ("Nov – Feb 10").
                let year = match second {
                    Some(last) if range && (month, year) == first => last.1 - i32::from(month > last.0),
                    _ => year,
                };
                let start = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
                prop_assert!(due >= start, "{}: due {} before {}", text, due, start);
            }
        }
    }
}
