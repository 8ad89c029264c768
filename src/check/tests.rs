//! Each rule, on a small plan held in memory: one passes, one breaks it.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::check;
use crate::finding::{Check, Finding};
use crate::load::{self, Memory};

const PLAN: &str = r#"
title = "Test plan"
organisation = "Test Council"
[[sections]]
number = "1"
title = "First"
[[sections]]
number = "2"
title = "Second"
"#;

const OFFICERS: &str = r#"
[[officers]]
id = "dcs"
title = "Director of Children's Services"
aliases = ["DCS"]
[[officers]]
id = "chair"
title = "HSCB Chair"
"#;

fn rec(reference: &str, action: &str) -> String {
    format!("ref = \"{reference}\"\nrecommendation = \"Do the thing.\"\n\n[[actions]]\n{action}\n")
}

const GOOD_ACTION: &str = r#"text = "Act"
timescale = "April 2009"
due = 2009-04-30
lead = ["DCS"]
status = "not_started""#;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2009, 7, 1).unwrap()
}

/// Findings for a plan of the base files with `files` added or replaced.
fn findings(files: &[(&str, &str)]) -> Vec<Finding> {
    let mut all: Vec<(PathBuf, Vec<u8>)> = vec![
        ("plan.toml".into(), PLAN.into()),
        ("officers.toml".into(), OFFICERS.into()),
        ("1/1.1.toml".into(), rec("1.1", GOOD_ACTION).into()),
        ("2/2.1.toml".into(), rec("2.1", GOOD_ACTION).into()),
    ];
    for (path, text) in files {
        all.retain(|(p, _)| p != &PathBuf::from(path));
        all.push((path.into(), text.as_bytes().to_vec()));
    }
    let loaded = load::load(&Memory::new("plan", all)).unwrap();
    let mut found = loaded.findings;
    found.extend(check(&loaded.plan, today()));
    found
}

fn checks(files: &[(&str, &str)]) -> Vec<Check> {
    findings(files).into_iter().map(|f| f.check).collect()
}

fn action(replace: &str, with: &str) -> String {
    assert!(GOOD_ACTION.contains(replace), "{replace}");
    rec("1.1", &GOOD_ACTION.replace(replace, with))
}

#[test]
fn the_base_plan_is_clean() {
    assert_eq!(findings(&[]), []);
}

#[test]
fn file_name_must_be_the_ref() {
    assert_eq!(
        checks(&[("1/1.2.toml", &rec("1.3", GOOD_ACTION))]),
        [Check::RefMismatch]
    );
}

#[test]
fn folder_must_be_the_section() {
    assert_eq!(
        checks(&[("2/1.2.toml", &rec("1.2", GOOD_ACTION))]),
        [Check::SectionMismatch]
    );
}

#[test]
fn section_must_be_in_plan_toml() {
    let found = checks(&[("3/3.1.toml", &rec("3.1", GOOD_ACTION))]);
    assert_eq!(found, [Check::UnknownSection]);
}

#[test]
fn a_ref_is_used_once() {
    let found = checks(&[("1/1.1 copy.toml", &rec("1.1", GOOD_ACTION))]);
    assert!(found.contains(&Check::DuplicateRef), "{found:?}");
}

#[test]
fn sections_are_listed_once_and_have_files() {
    let plan = format!(
        "{PLAN}[[sections]]\nnumber = \"2\"\ntitle = \"Again\"\n[[sections]]\nnumber = 3\ntitle = \"Empty\"\n"
    );
    let found = checks(&[("plan.toml", &plan)]);
    assert_eq!(found, [Check::DuplicateSection, Check::EmptySection]);
}

#[test]
fn an_officer_name_belongs_to_one_officer() {
    let officers =
        format!("{OFFICERS}[[officers]]\nid = \"dcs2\"\ntitle = \"Deputy\"\naliases = [\"dcs\"]\n");
    assert_eq!(
        checks(&[("officers.toml", &officers)]),
        [Check::DuplicateOfficer]
    );
}

#[test]
fn leads_resolve_through_officers_toml() {
    let found = findings(&[("1/1.1.toml", &action("[\"DCS\"]", "[\"DSC\"]"))]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].check, Check::UnknownOfficer);
    assert_eq!(found[0].hint.as_deref(), Some("did you mean \"DCS\"?"));
}

#[test]
fn every_spelling_of_an_officer_resolves() {
    for lead in [
        "dcs",
        "Director of Children’s Services",
        "director of children's services",
    ] {
        let file = action("\"DCS\"", &format!("\"{lead}\""));
        assert_eq!(checks(&[("1/1.1.toml", &file)]), [], "{lead}");
    }
}

#[test]
fn an_action_needs_a_lead_and_something_to_do() {
    let no_lead = action("lead = [\"DCS\"]", "lead = []");
    assert_eq!(checks(&[("1/1.1.toml", &no_lead)]), [Check::MissingLead]);
    let no_text = action("text = \"Act\"", "steps = [\" \"]");
    assert_eq!(checks(&[("1/1.1.toml", &no_text)]), [Check::EmptyAction]);
}

#[test]
fn a_recommendation_needs_actions() {
    let file = "ref = \"1.1\"\nrecommendation = \"x\"\nactions = []\n";
    assert_eq!(checks(&[("1/1.1.toml", file)]), [Check::NoActions]);
    let file = "ref = \"1.1\"\nrecommendation = \"x\"\n";
    assert_eq!(checks(&[("1/1.1.toml", file)]), [Check::NoActions]);
}

#[test]
fn letters_run_out_after_twenty_six_actions() {
    let mut file = rec("1.1", GOOD_ACTION);
    for _ in 0..26 {
        file.push_str(&format!("[[actions]]\n{GOOD_ACTION}\n"));
    }
    assert_eq!(checks(&[("1/1.1.toml", &file)]), [Check::TooManyActions]);
}

#[test]
fn an_open_action_needs_a_due_date_or_a_reason() {
    let file = action("due = 2009-04-30\n", "");
    let found = findings(&[("1/1.1.toml", &file)]);
    assert_eq!(
        found.iter().map(|f| f.check).collect::<Vec<_>>(),
        [Check::MissingDue]
    );
    assert!(
        found[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("due = 2009-04-30")
    );
    for reason in [
        "recurs = \"quarterly\"",
        "ongoing = true",
        "status = \"deferred\"",
    ] {
        let file = rec(
            "1.1",
            &format!(
                "text = \"x\"\nlead = [\"DCS\"]\n{reason}\n{}",
                if reason.starts_with("status") {
                    ""
                } else {
                    "status = \"on_track\""
                }
            ),
        );
        assert_eq!(checks(&[("1/1.1.toml", &file)]), [], "{reason}");
    }
}

#[test]
fn an_unreadable_timescale_is_a_warning_in_place_of_a_missing_due() {
    let file = action(
        "timescale = \"April 2009\"\ndue = 2009-04-30",
        "timescale = \"TBC\"",
    );
    assert_eq!(
        checks(&[("1/1.1.toml", &file)]),
        [Check::UnreadableTimescale]
    );
}

#[test]
fn immediate_without_an_adoption_date_needs_no_due() {
    let file = action(
        "timescale = \"April 2009\"\ndue = 2009-04-30",
        "timescale = \"Immediate\"",
    );
    assert_eq!(checks(&[("1/1.1.toml", &file)]), []);
    let adopted = format!("adopted = 2009-01-05\n{PLAN}");
    assert_eq!(
        checks(&[("1/1.1.toml", &file), ("plan.toml", &adopted)]),
        [Check::MissingDue]
    );
}

#[test]
fn a_due_date_that_disagrees_with_the_timescale_is_a_warning() {
    let file = action("due = 2009-04-30", "due = 2009-05-31");
    let found = findings(&[("1/1.1.toml", &file)]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].check, Check::DueMismatch);
    assert_eq!(found[0].check.severity(), crate::finding::Severity::Warning);
}

#[test]
fn a_due_date_moved_by_an_update_is_explained() {
    let file = action("due = 2009-04-30", "due = 2009-05-31")
        + "[[actions.updates]]\ndate = 2009-04-20\ndue = 2009-05-31\nnote = \"Moved by the Board\"\n";
    assert_eq!(checks(&[("1/1.1.toml", &file)]), []);
}

#[test]
fn recurrence_and_status_in_the_timescale_must_be_kept() {
    let quarterly = action(
        "timescale = \"April 2009\"\ndue = 2009-04-30",
        "timescale = \"Quarterly\"\nrecurs = \"monthly\"",
    );
    assert_eq!(
        checks(&[("1/1.1.toml", &quarterly)]),
        [Check::TimescaleMismatch]
    );
    let completed = action(
        "timescale = \"April 2009\"\ndue = 2009-04-30",
        "timescale = \"Completed\"\ndue = 2009-04-30",
    );
    let found = checks(&[("1/1.1.toml", &completed)]);
    assert_eq!(found, [Check::DueMismatch, Check::TimescaleMismatch]);
}

#[test]
fn an_unreadable_timescale_is_a_warning() {
    let file = action("April 2009", "Easter 2009");
    assert_eq!(
        checks(&[("1/1.1.toml", &file)]),
        [Check::UnreadableTimescale]
    );
}

#[test]
fn updates_are_not_in_the_future_nor_before_adoption() {
    let file = action("status = \"not_started\"", "status = \"on_track\"")
        + "[[actions.updates]]\ndate = 2009-07-03\nstatus = \"on_track\"\n[[actions.updates]]\ndate = 2008-12-01\n";
    let adopted = format!("adopted = 2009-01-05\n{PLAN}");
    let found = checks(&[("1/1.1.toml", &file), ("plan.toml", &adopted)]);
    assert_eq!(found, [Check::FutureUpdate, Check::UpdateBeforeAdoption]);
    // Today is the plan's, the same for everyone: tomorrow is the future.
    let today = action("status = \"not_started\"", "status = \"on_track\"")
        + "[[actions.updates]]\ndate = 2009-07-01\nstatus = \"on_track\"\n";
    assert_eq!(checks(&[("1/1.1.toml", &today)]), []);
    let tomorrow = today.replace("2009-07-01", "2009-07-02");
    assert_eq!(checks(&[("1/1.1.toml", &tomorrow)]), [Check::FutureUpdate]);
}

#[test]
fn the_latest_update_sets_the_status() {
    let file = action("status = \"not_started\"", "status = \"complete\"")
        + "[[actions.updates]]\ndate = 2009-06-01\nstatus = \"complete\"\n[[actions.updates]]\ndate = 2009-06-15\nstatus = \"at_risk\"\n";
    assert_eq!(checks(&[("1/1.1.toml", &file)]), [Check::StatusMismatch]);
}

#[test]
fn a_broken_key_does_not_echo_as_other_findings() {
    let file = action("due = 2009-04-30", "due = \"April 2009\"");
    assert_eq!(checks(&[("1/1.1.toml", &file)]), [Check::WrongType]);
    let file = action("status = \"not_started\"", "status = \"green\"")
        + "[[actions.updates]]\ndate = 2009-06-01\nstatus = \"on_track\"\n";
    assert_eq!(checks(&[("1/1.1.toml", &file)]), [Check::InvalidStatus]);
}

#[test]
fn without_officers_toml_leads_are_not_checked_one_by_one() {
    let all = vec![
        ("plan.toml".into(), PLAN.as_bytes().to_vec()),
        ("1/1.1.toml".into(), rec("1.1", GOOD_ACTION).into_bytes()),
    ];
    let loaded = load::load(&Memory::new("plan", all)).unwrap();
    let mut found: Vec<Check> = loaded.findings.iter().map(|f| f.check).collect();
    found.extend(check(&loaded.plan, today()).iter().map(|f| f.check));
    assert_eq!(found, [Check::MissingFile, Check::EmptySection]);
}
