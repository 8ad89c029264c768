//! The derived facts on their edge dates.

use chrono::NaiveDate;

use super::*;
use crate::load::{self, Memory};
use crate::model::Period;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

const PLAN: &str =
    "title = \"t\"\norganisation = \"o\"\n[[sections]]\nnumber = \"1\"\ntitle = \"s\"\n";

/// A plan with one action written as `action` (TOML keys of [[actions]]),
/// and `settings` (TOML keys of plan.toml).
fn plan_with(settings: &str, action: &str) -> Plan {
    let rec = format!(
        "ref = \"1.1\"\nrecommendation = \"r\"\n[[actions]]\ntext = \"a\"\nlead = [\"x\"]\n{action}\n"
    );
    let files = [
        (
            "plan.toml".into(),
            format!("{settings}\n{PLAN}").into_bytes(),
        ),
        (
            "officers.toml".into(),
            b"[[officers]]\nid = \"x\"\ntitle = \"X\"\n".to_vec(),
        ),
        ("1/1.1.toml".into(), rec.into_bytes()),
    ];
    let loaded = load::load(&Memory::new("plan", files)).unwrap();
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    loaded.plan
}

fn overdue_on(action: &str, as_of: &str) -> Option<Lateness> {
    let plan = plan_with("", action);
    overdue(
        &plan.recommendations[0].actions[0],
        &plan.settings,
        date(as_of),
    )
}

fn days(action: &str, as_of: &str) -> Option<i64> {
    overdue_on(action, as_of).and_then(|l| l.days)
}

#[test]
fn a_month_deadline_is_not_overdue_on_its_last_day() {
    let action = "due = 2009-07-31\nstatus = \"on_track\"";
    assert_eq!(overdue_on(action, "2009-07-31"), None);
    assert_eq!(days(action, "2009-08-01"), Some(1));
    assert_eq!(
        overdue_on(action, "2009-08-01").unwrap().due,
        Some(date("2009-07-31"))
    );
}

#[test]
fn the_twenty_ninth_of_february_is_a_due_date_like_any_other() {
    let action = "due = 2012-02-29\nstatus = \"not_started\"";
    assert_eq!(overdue_on(action, "2012-02-29"), None);
    assert_eq!(days(action, "2012-03-01"), Some(1));
}

#[test]
fn days_overdue_count_from_the_due_date() {
    let action = "due = 2009-04-30\nstatus = \"at_risk\"";
    assert_eq!(days(action, "2009-07-01"), Some(62));
}

#[test]
fn complete_and_deferred_actions_are_never_overdue() {
    for status in ["complete", "deferred"] {
        let action = format!("due = 2009-04-30\nstatus = \"{status}\"");
        assert_eq!(overdue_on(&action, "2010-01-01"), None, "{status}");
    }
}

#[test]
fn ongoing_actions_are_never_overdue() {
    assert_eq!(
        overdue_on("ongoing = true\nstatus = \"on_track\"", "2020-01-01"),
        None
    );
}

#[test]
fn a_recurring_action_is_overdue_one_period_after_its_last_update() {
    let action =
        "recurs = \"quarterly\"\nstatus = \"on_track\"\n[[actions.updates]]\ndate = 2009-06-30\n";
    assert_eq!(
        overdue_on(action, "2009-09-30"),
        None,
        "exactly one period later"
    );
    let late = overdue_on(action, "2009-10-01").unwrap();
    assert_eq!((late.due, late.days), (Some(date("2009-09-30")), Some(1)));
}

#[test]
fn a_monthly_action_updated_on_the_31st_is_next_due_at_the_end_of_february() {
    let action =
        "recurs = \"monthly\"\nstatus = \"on_track\"\n[[actions.updates]]\ndate = 2012-01-31\n";
    assert_eq!(overdue_on(action, "2012-02-29"), None);
    assert_eq!(days(action, "2012-03-01"), Some(1));
}

#[test]
fn a_recurring_action_is_not_overdue_before_its_first_period_ends() {
    let action = "start = 2009-07-01\nrecurs = \"quarterly\"\nstatus = \"not_started\"";
    assert_eq!(overdue_on(action, "2009-06-01"), None, "before its start");
    assert_eq!(
        overdue_on(action, "2009-10-01"),
        None,
        "the first quarter has just ended"
    );
    assert_eq!(days(action, "2009-10-02"), Some(1));
}

#[test]
fn a_recurring_action_never_updated_and_with_no_start_is_overdue() {
    let late = overdue_on(
        "recurs = \"quarterly\"\nstatus = \"not_started\"",
        "2009-07-01",
    )
    .unwrap();
    assert_eq!(
        late,
        Lateness {
            due: None,
            days: None
        }
    );
}

#[test]
fn a_recurring_action_counts_from_adoption_when_it_has_no_start() {
    let plan = plan_with(
        "adopted = 2009-01-05",
        "recurs = \"quarterly\"\nstatus = \"not_started\"",
    );
    let action = &plan.recommendations[0].actions[0];
    assert_eq!(overdue(action, &plan.settings, date("2009-04-05")), None);
    assert_eq!(
        overdue(action, &plan.settings, date("2009-04-06"))
            .unwrap()
            .days,
        Some(1)
    );
}

#[test]
fn a_dated_action_that_also_recurs_is_overdue_by_its_date_first() {
    let action =
        "due = 2009-04-30\nstart = 2009-07-01\nrecurs = \"quarterly\"\nstatus = \"not_started\"";
    assert_eq!(days(action, "2009-07-01"), Some(62));
}

#[test]
fn immediate_without_an_adoption_date_is_overdue_from_the_start() {
    let late = overdue_on(
        "timescale = \"Immediate\"\nstatus = \"not_started\"",
        "2009-01-01",
    )
    .unwrap();
    assert_eq!(
        late,
        Lateness {
            due: None,
            days: None
        }
    );
    assert_eq!(
        overdue_on(
            "timescale = \"Immediate\"\nstatus = \"complete\"",
            "2009-07-01"
        ),
        None
    );
}

#[test]
fn uk_quarters_start_in_april_july_october_and_january() {
    let settings = Settings::default();
    let period = |d: &str| reporting_period(&settings, date(d));
    assert_eq!(
        period("2009-07-01"),
        (date("2009-07-01"), date("2009-10-01"))
    );
    assert_eq!(
        period("2009-06-30"),
        (date("2009-04-01"), date("2009-07-01"))
    );
    assert_eq!(
        period("2009-04-01"),
        (date("2009-04-01"), date("2009-07-01"))
    );
    assert_eq!(
        period("2010-01-01"),
        (date("2010-01-01"), date("2010-04-01"))
    );
    assert_eq!(
        period("2010-03-31"),
        (date("2010-01-01"), date("2010-04-01"))
    );
}

#[test]
fn monthly_and_annual_periods_follow_the_year_start() {
    let monthly = Settings {
        reporting: Period::Monthly,
        year_starts: (4, 6),
        ..Settings::default()
    };
    assert_eq!(
        reporting_period(&monthly, date("2009-05-05")),
        (date("2009-04-06"), date("2009-05-06"))
    );
    let annual = Settings {
        reporting: Period::Annually,
        ..Settings::default()
    };
    assert_eq!(
        reporting_period(&annual, date("2010-02-01")),
        (date("2009-04-01"), date("2010-04-01"))
    );
}

#[test]
fn an_update_on_the_first_day_of_the_period_counts() {
    let plan = plan_with(
        "",
        "due = 2010-01-31\nstatus = \"on_track\"\n[[actions.updates]]\ndate = 2009-07-01\n",
    );
    let action = &plan.recommendations[0].actions[0];
    assert!(!no_data(action, &plan.settings, date("2009-09-30")));
    assert!(
        no_data(action, &plan.settings, date("2009-10-01")),
        "a new quarter"
    );
}

#[test]
fn an_update_on_the_last_day_of_the_previous_period_does_not() {
    let plan = plan_with(
        "",
        "due = 2010-01-31\nstatus = \"on_track\"\n[[actions.updates]]\ndate = 2009-06-30\n",
    );
    let action = &plan.recommendations[0].actions[0];
    assert!(no_data(action, &plan.settings, date("2009-07-01")));
    assert!(!no_data(action, &plan.settings, date("2009-06-30")));
}

#[test]
fn closed_actions_never_lack_data_and_open_ones_without_updates_do() {
    let plan = plan_with("", "due = 2010-01-31\nstatus = \"complete\"");
    assert!(!no_data(
        &plan.recommendations[0].actions[0],
        &plan.settings,
        date("2009-07-01")
    ));
    let plan = plan_with("", "due = 2010-01-31\nstatus = \"not_started\"");
    assert!(no_data(
        &plan.recommendations[0].actions[0],
        &plan.settings,
        date("2009-07-01")
    ));
}

#[test]
fn updates_after_the_as_of_date_do_not_count_for_it() {
    let plan = plan_with(
        "",
        "recurs = \"quarterly\"\nstatus = \"on_track\"\n[[actions.updates]]\ndate = 2009-04-10\n[[actions.updates]]\ndate = 2009-09-01\n",
    );
    let action = &plan.recommendations[0].actions[0];
    assert!(
        no_data(action, &plan.settings, date("2009-08-01")),
        "the September update was not yet made"
    );
    let late = overdue(action, &plan.settings, date("2009-08-01")).unwrap();
    assert_eq!(late.due, Some(date("2009-07-10")));
}
