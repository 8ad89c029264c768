//! The trajectory's definitions on constructed histories: cells, moves
//! and each flag.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::load;
use crate::model::{Located, Meeting, Period, Span};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A recommendation file with one action written as `action`.
fn version(action: &str) -> Recommendation {
    let text = format!(
        "ref = \"1.1\"\nrecommendation = \"r\"\n[[actions]]\ntext = \"a\"\nlead = [\"x\"]\n{action}\n"
    );
    load::parse_recommendation(Path::new("1/1.1.toml"), text.as_bytes()).expect("readable")
}

fn update(date: &str, status: &str) -> String {
    format!("[[actions.updates]]\ndate = {date}\nstatus = \"{status}\"\nnote = \"n\"\n")
}

fn meetings(dates: &[&str]) -> Settings {
    Settings {
        meetings: dates
            .iter()
            .map(|d| Meeting {
                span: Span::default(),
                date: Some(Located {
                    value: date(d),
                    span: Span::default(),
                }),
                name: None,
                papers_due: None,
                minute: None,
            })
            .collect(),
        ..Settings::default()
    }
}

/// The course of the action through `versions` (dated commits).
fn course_of(settings: &Settings, versions: &[(&str, Recommendation)], as_of: &str) -> Course {
    let timeline: Vec<FileVersion> = versions
        .iter()
        .map(|(d, rec)| FileVersion {
            date: date(d),
            commit: "c",
            recommendation: Some(rec),
        })
        .collect();
    let columns = columns(settings, date(as_of));
    course(&timeline, 0, &columns, settings, date(as_of))
}

fn words(course: &Course) -> Vec<&'static str> {
    course.cells.iter().map(|c| c.word()).collect()
}

const YEAR: [&str; 4] = ["2009-03-10", "2009-06-09", "2009-09-08", "2009-12-08"];

#[test]
fn each_cell_is_the_version_committed_by_the_end_of_the_meeting_day() {
    let settings = meetings(&YEAR);
    let v1 = version(&format!(
        "due = 2010-03-31\nstatus = \"on_track\"\n{}",
        update("2009-03-01", "on_track")
    ));
    let v2 = version(&format!(
        "due = 2010-03-31\nstatus = \"at_risk\"\n{}{}",
        update("2009-03-01", "on_track"),
        update("2009-06-09", "at_risk")
    ));
    let course = course_of(
        &settings,
        &[("2009-02-01", v1), ("2009-06-09", v2)],
        "2009-12-31",
    );
    assert_eq!(
        words(&course),
        ["on_track", "at_risk", "no data", "no data"]
    );
    assert_eq!(course.longest_no_data, 2);
    assert_eq!(course.latest, Some(Status::AtRisk));
    assert!(!course.deteriorating, "at risk at both of the last two");
    assert!(course.stuck, "at risk at three running, reported or not");
}

#[test]
fn an_action_not_yet_written_is_an_empty_cell() {
    let settings = meetings(&YEAR);
    let v = version(&format!(
        "status = \"complete\"\ndue = 2009-05-31\n{}",
        update("2009-05-01", "complete")
    ));
    let course = course_of(&settings, &[("2009-04-01", v)], "2009-12-31");
    assert_eq!(words(&course), ["", "complete", "complete", "complete"]);
    assert!(!course.stuck, "complete is never stuck");
}

#[test]
fn the_first_column_looks_back_one_reporting_period() {
    let settings = meetings(&["2009-06-09"]);
    let early = version(&format!(
        "status = \"on_track\"\ndue = 2010-01-31\n{}",
        update("2009-03-09", "on_track")
    ));
    let course = course_of(&settings, &[("2009-03-09", early)], "2009-06-30");
    assert_eq!(words(&course), ["no data"]);
    let inside = version(&format!(
        "status = \"on_track\"\ndue = 2010-01-31\n{}",
        update("2009-03-10", "on_track")
    ));
    let course = course_of(&settings, &[("2009-03-10", inside)], "2009-06-30");
    assert_eq!(words(&course), ["on_track"]);
}

#[test]
fn without_meetings_the_columns_are_the_last_four_quarter_ends() {
    let settings = Settings::default();
    let columns = columns(&settings, date("2009-07-15"));
    assert_eq!(columns.basis, Basis::PeriodEnds);
    assert_eq!(
        columns.dates,
        ["2008-09-30", "2008-12-31", "2009-03-31", "2009-06-30"].map(date)
    );
    assert_eq!(columns.first_from, date("2008-06-30"));
    let on_the_day = super::columns(&settings, date("2009-06-30")).dates;
    assert_eq!(on_the_day.last(), Some(&date("2009-06-30")));
    let monthly = Settings {
        reporting: Period::Monthly,
        ..Settings::default()
    };
    assert_eq!(
        super::columns(&monthly, date("2009-07-15")).dates,
        ["2009-03-31", "2009-04-30", "2009-05-31", "2009-06-30"].map(date)
    );
}

#[test]
fn meetings_after_the_as_of_date_have_no_column() {
    let columns = columns(&meetings(&YEAR), date("2009-09-07"));
    assert_eq!(columns.dates, ["2009-03-10", "2009-06-09"].map(date));
    assert_eq!(columns.first_from, date("2008-12-10"));
}

#[test]
fn on_track_while_overdue_is_a_contradiction() {
    let settings = meetings(&YEAR);
    let v = version(&format!(
        "due = 2009-05-31\nstatus = \"on_track\"\n{}",
        update("2009-06-01", "on_track")
    ));
    let course = course_of(&settings, &[("2009-06-01", v)], "2009-06-30");
    assert_eq!(words(&course), ["", "on_track"]);
    assert_eq!(
        course.contradictions,
        [Contradiction::OverdueOnTrack {
            column: date("2009-06-09")
        }]
    );
}

#[test]
fn complete_then_a_later_update_saying_otherwise_is_a_contradiction() {
    let settings = meetings(&YEAR);
    let done = version(&format!(
        "due = 2009-05-31\nstatus = \"complete\"\n{}",
        update("2009-03-01", "complete")
    ));
    let reopened = version(&format!(
        "due = 2009-05-31\nstatus = \"at_risk\"\n{}{}",
        update("2009-03-01", "complete"),
        update("2009-07-01", "at_risk")
    ));
    let course = course_of(
        &settings,
        &[("2009-03-01", done), ("2009-07-01", reopened)],
        "2009-09-30",
    );
    assert_eq!(words(&course), ["complete", "complete", "at_risk"]);
    assert_eq!(
        course.contradictions,
        [Contradiction::CompleteThenOtherwise {
            column: date("2009-06-09"),
            update: date("2009-07-01"),
            status: Status::AtRisk
        }]
    );
    assert!(course.deteriorating, "leaving complete is worse");
}

#[test]
fn a_due_date_moved_without_a_reason_is_a_contradiction_and_each_move_counts() {
    let settings = meetings(&YEAR);
    let first = version("due = 2009-04-30\nstatus = \"on_track\"");
    let moved = version(
        "due = 2009-06-30\nstatus = \"on_track\"\n[[actions.updates]]\ndate = 2009-04-20\ndue = 2009-06-30\nnote = \"Waiting for the new manager\"\n",
    );
    let silent = version(
        "due = 2009-09-30\nstatus = \"on_track\"\n[[actions.updates]]\ndate = 2009-04-20\ndue = 2009-06-30\nnote = \"Waiting for the new manager\"\n",
    );
    let course = course_of(
        &settings,
        &[
            ("2009-01-10", first),
            ("2009-04-20", moved),
            ("2009-07-01", silent),
        ],
        "2009-12-31",
    );
    assert_eq!(course.moves.len(), 2);
    assert_eq!(
        course.moves[0].reason.as_deref(),
        Some("Waiting for the new manager")
    );
    assert_eq!(course.moves[1].reason, None);
    assert_eq!(course.days_moved(), 61 + 92);
    // Still on track in December, three months after the new date.
    assert_eq!(
        course.contradictions,
        [
            Contradiction::OverdueOnTrack {
                column: date("2009-12-08")
            },
            Contradiction::MovedWithoutReason {
                date: date("2009-07-01"),
                from: date("2009-06-30"),
                to: date("2009-09-30")
            }
        ]
    );
}

#[test]
fn three_columns_running_of_one_open_status_are_stuck() {
    use Status::*;
    let at_risk = Some(AtRisk);
    assert!(is_stuck(&[None, at_risk, at_risk, at_risk]));
    assert!(
        is_stuck(&[at_risk, at_risk, at_risk, Some(OnTrack)]),
        "anywhere"
    );
    assert!(!is_stuck(&[at_risk, at_risk, None, at_risk]));
    assert!(!is_stuck(&[at_risk, at_risk]));
    assert!(!is_stuck(&[Some(Complete); 3]));
    assert!(is_stuck(&[Some(Deferred); 3]) && is_stuck(&[Some(NotStarted); 3]));
}

#[test]
fn an_action_never_reported_is_still_judged_by_the_status_it_records() {
    let settings = meetings(&YEAR);
    let v = version("due = 2010-06-30\nstatus = \"not_started\"");
    let course = course_of(&settings, &[("2009-01-10", v)], "2009-12-31");
    assert_eq!(words(&course), ["no data"; 4]);
    assert_eq!(course.statuses, [Some(Status::NotStarted); 4]);
    assert!(course.stuck);
    assert_eq!(course.longest_no_data, 4);
}

#[test]
fn worse_goes_down_the_rag_scale_or_leaves_complete() {
    use Status::*;
    assert!(is_worse(OnTrack, AtRisk) && is_worse(AtRisk, OffTrack) && is_worse(OnTrack, OffTrack));
    assert!(
        is_worse(Complete, OnTrack)
            && is_worse(Complete, NotStarted)
            && is_worse(Complete, Deferred)
    );
    assert!(!is_worse(AtRisk, OnTrack) && !is_worse(OffTrack, Complete));
    assert!(!is_worse(OnTrack, NotStarted) && !is_worse(NotStarted, OffTrack));
    assert!(is_deteriorating(&[Some(OnTrack), Some(OffTrack)]));
    assert!(!is_deteriorating(&[Some(OffTrack), Some(OnTrack)]));
    assert!(!is_deteriorating(&[None, Some(OffTrack)]));
}
