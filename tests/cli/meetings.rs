//! `meeting add` and `meeting list`: meetings with and without dates,
//! the bare list of dates plans have had until now, and the commits.

use serde_json::Value;

use crate::support::{TestPlan, code, read_csv, stderr, stdout};

/// The minimal fixture, committed.
fn committed() -> TestPlan {
    let plan = TestPlan::fixture("valid/minimal");
    plan.commit_all("Start the plan");
    plan
}

#[test]
fn meeting_add_with_and_without_a_date_commits_plan_toml_with_trailers() {
    let plan = committed();
    let undated = plan.run(&[
        "meeting",
        "add",
        "--name",
        "Scrutiny Committee",
        "--minute",
        "12",
    ]);
    assert_eq!(code(&undated), 0, "{}", stderr(&undated));
    assert!(
        stdout(&undated).starts_with("meeting: Scrutiny Committee (no date) added\ncommitted ")
    );
    let dated = plan.run(&[
        "meeting",
        "add",
        "2009-10-13",
        "--name",
        "Scrutiny Committee",
        "--papers-due",
        "2009-10-01",
    ]);
    assert_eq!(code(&dated), 0, "{}", stderr(&dated));
    let text = plan.read("plan.toml");
    assert!(
        text.contains(
            "[[meetings]]\nname = \"Scrutiny Committee\"\nminute = \"12\"\n\n[[meetings]]\n\
             name = \"Scrutiny Committee\"\ndate = 2009-10-13\npapers_due = 2009-10-01\n\n[[sections]]"
        ),
        "{text}"
    );
    let message = plan.git(&["log", "-1", "--format=%B"]);
    assert_eq!(
        message.trim_end(),
        "meeting: Scrutiny Committee (2009-10-13) added\n\nMeeting: 2009-10-13\n\
         Field: meetings\nActor: Business Manager"
    );
    let files = plan.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "plan/plan.toml");
    assert_eq!(
        plan.git(&["status", "--porcelain"]),
        "",
        "nothing left uncommitted"
    );
    assert_eq!(plan.git(&["rev-list", "--count", "HEAD"]).trim(), "3");
}

#[test]
fn meeting_list_shows_dated_and_undated_meetings_in_every_format() {
    let plan = committed();
    plan.run(&["meeting", "add", "--name", "Scrutiny Committee"]);
    plan.run(&[
        "meeting",
        "add",
        "2009-07-14",
        "--name",
        "Scrutiny Committee",
        "--minute",
        "=1+1",
    ]);
    let csv = plan.run(&["meeting", "list", "--format", "csv"]);
    let rows = read_csv(&csv.stdout);
    assert_eq!(rows[0], ["Date", "Name", "Papers due", "Minute"]);
    assert_eq!(rows[1], ["", "Scrutiny Committee", "", ""]);
    assert_eq!(rows[2], ["2009-07-14", "Scrutiny Committee", "", "'=1+1"]);
    let json: Value =
        serde_json::from_slice(&plan.run(&["meeting", "list", "--format", "json"]).stdout).unwrap();
    assert_eq!(json[0]["date"], Value::Null, "no date is invented");
    assert_eq!(json[1]["date"], "2009-07-14");
    let table = stdout(&plan.run(&["meeting", "list"]));
    assert!(
        table.contains("Scrutiny Committee") && table.contains("2009-07-14"),
        "{table}"
    );
}

#[test]
fn a_bare_list_of_dates_keeps_working_and_gains_a_named_meeting_inline() {
    let plan = TestPlan::fixture("valid/every-key");
    plan.commit_all("Start the plan");
    let before = stdout(&plan.run(&["digest", "--as-of", "2009-11-01"]));
    assert!(
        before.contains("13 October 2009 (the last meeting)"),
        "{before}"
    );
    let added = plan.run(&[
        "meeting",
        "add",
        "2010-01-12",
        "--name",
        "Scrutiny Committee",
    ]);
    assert_eq!(code(&added), 0, "{}", stderr(&added));
    assert!(
        plan.read("plan.toml").contains(
            "meetings = [2009-07-14, 2009-10-13, { name = \"Scrutiny Committee\", date = 2010-01-12 }]"
        ),
        "{}",
        plan.read("plan.toml")
    );
    assert_eq!(code(&plan.run(&["check", "--as-of", "2009-11-01"])), 0);
    let after = stdout(&plan.run(&["digest", "--as-of", "2009-11-01"]));
    assert!(
        after.contains("13 October 2009 (the last meeting)"),
        "{after}"
    );
    assert!(
        after.contains("12 January 2010 (the next meeting)"),
        "{after}"
    );
}

#[test]
fn an_undated_meeting_is_neither_the_last_nor_the_next_meeting() {
    let plan = committed();
    plan.run(&["meeting", "add", "--name", "Scrutiny Committee"]);
    let digest = stdout(&plan.run(&["digest", "--as-of", "2009-07-01"]));
    assert!(
        digest.contains("(one reporting period back; no earlier dated meeting in plan.toml)"),
        "{digest}"
    );
    assert!(
        digest.contains("(end of the reporting period; no later dated meeting in plan.toml)"),
        "{digest}"
    );
}

#[test]
fn meeting_add_refuses_papers_after_the_meeting_and_a_meeting_listed_already() {
    let plan = committed();
    let late = plan.run(&[
        "meeting",
        "add",
        "2009-10-13",
        "--name",
        "S",
        "--papers-due",
        "2009-10-14",
    ]);
    assert_eq!(code(&late), 2, "{}", stderr(&late));
    assert!(
        stderr(&late).contains("after the meeting"),
        "{}",
        stderr(&late)
    );
    plan.run(&[
        "meeting",
        "add",
        "2009-10-13",
        "--name",
        "Scrutiny Committee",
    ]);
    let again = plan.run(&[
        "meeting",
        "add",
        "2009-10-13",
        "--name",
        "scrutiny committee",
    ]);
    assert_eq!(code(&again), 2, "{}", stderr(&again));
    assert!(
        stderr(&again).contains("lists this meeting already"),
        "{}",
        stderr(&again)
    );
    assert_eq!(plan.git(&["rev-list", "--count", "HEAD"]).trim(), "2");
}

#[test]
fn meeting_add_no_commit_writes_the_file_and_commits_nothing() {
    let plan = committed();
    let out = plan.run(&[
        "meeting",
        "add",
        "--no-commit",
        "--name",
        "-Scrutiny Committee",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("not committed"), "{}", stdout(&out));
    assert!(
        plan.read("plan.toml")
            .contains("name = \"-Scrutiny Committee\"")
    );
    assert_eq!(
        plan.git(&["status", "--porcelain"]).trim(),
        "M plan/plan.toml"
    );
    assert_eq!(plan.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn a_hand_written_meeting_without_a_name_is_reported_at_its_line() {
    let plan = committed();
    plan.edit(
        "plan.toml",
        "\n[[sections]]",
        "\n[[meetings]]\ndate = 2009-07-14\n\n[[sections]]",
    );
    let out = plan.run(&["check", "--as-of", "2009-07-01"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains(
            "plan/plan.toml:6:1: error[missing-key]: the [[meetings]] table has no `name`"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_plan_with_no_meetings_or_requests_says_so_and_still_writes_headers() {
    let plan = TestPlan::fixture("valid/minimal");
    for (args, said) in [
        (&["meeting", "list"][..], "No meetings in plan.toml"),
        (&["request", "list"][..], "No requests match."),
    ] {
        let output = plan.run(args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let text = format!("{}{}", stdout(&output), stderr(&output));
        assert!(text.contains(said), "{args:?}: {text}");
        assert!(!text.contains('┌'), "no empty table: {text}");
    }
    let csv = plan.run(&["request", "list", "--format", "csv"]);
    assert!(stdout(&csv).starts_with("Id,"), "{}", stdout(&csv));
    let json = plan.run(&["meeting", "list", "--format", "json"]);
    assert_eq!(stdout(&json).trim(), "[]");
}
