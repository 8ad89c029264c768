//! One rule for days, whatever the reader's `TZ`: "today", the day a
//! commit was made and the end of a `--since` day are read in the plan's
//! time zone (`time_zone` in plan.toml, by default Europe/London).

use crate::support::{TestPlan, actionplan, code, stdout};

const READERS: [&str; 3] = ["UTC", "Pacific/Kiritimati", "America/Adak"];

/// A plan whose update to 1.1 was committed at 00:30 on 14 July 2009 in
/// Kiritimati: 10:30 UTC on 13 July, 11:30 in London, 00:30 in Adak.
fn plan_changed_near_midnight() -> TestPlan {
    let plan = TestPlan::bundled();
    plan.commit_all("Import the 2009 plan");
    plan.edit(
        "1/1.1.toml",
        "status = \"not_started\"",
        "status = \"on_track\"",
    );
    plan.edit(
        "1/1.1.toml",
        "status = \"on_track\"",
        "status = \"on_track\"\n\n[[actions.updates]]\ndate = 2009-07-13\nstatus = \"on_track\"\nnote = \"Agreed\"",
    );
    plan.git(&["add", "-A"]);
    let when = "2009-07-14T00:30:00+14:00";
    let output = std::process::Command::new("git")
        .current_dir(plan.root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .envs(crate::support::GIT_ENV)
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .args(["commit", "-q", "-m", "1.1 on track"])
        .output()
        .unwrap();
    assert!(output.status.success());
    plan
}

fn run_in(plan: &TestPlan, tz: &str, args: &[&str]) -> String {
    let output = actionplan(plan.root())
        .env("TZ", tz)
        .args(["--plan", "plan"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        code(&output),
        0,
        "TZ={tz} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

#[test]
fn every_reader_sees_the_same_days_whatever_their_tz() {
    let plan = plan_changed_near_midnight();
    let commands: &[&[&str]] = &[
        &[
            "changes",
            "--since",
            "2009-07-12",
            "--until",
            "2009-07-13",
            "--format",
            "csv",
        ],
        &["changes", "--since", "2009-07-13", "--format", "csv"],
        &["--at", "2009-07-13", "show", "1.1", "--format", "json"],
        &[
            "--at",
            "2009-07-12",
            "list",
            "--ref",
            "1.1",
            "--format",
            "csv",
        ],
        &["history", "1.1", "--format", "csv"],
        &["digest", "--as-of", "2009-07-20", "--since", "2009-07-13"],
    ];
    for args in commands {
        let answers: Vec<String> = READERS.iter().map(|tz| run_in(&plan, tz, args)).collect();
        assert_eq!(
            answers[0], answers[1],
            "{args:?}: UTC and Kiritimati differ"
        );
        assert_eq!(answers[0], answers[2], "{args:?}: UTC and Adak differ");
    }
    // And the day is London's: the change was made on 13 July there.
    let history = run_in(
        &plan,
        "Pacific/Kiritimati",
        &["history", "1.1", "--format", "csv"],
    );
    let status_line = |day: &str, history: &str| {
        history
            .lines()
            .any(|l| l.starts_with(day) && l.contains(",status,not_started,on_track"))
    };
    assert!(status_line("2009-07-13,", &history), "{history}");
    let at = run_in(
        &plan,
        "UTC",
        &[
            "--at",
            "2009-07-13",
            "list",
            "--ref",
            "1.1",
            "--format",
            "csv",
        ],
    );
    assert!(at.contains("on_track"), "{at}");
}

#[test]
fn the_plans_time_zone_decides_the_day() {
    let plan = plan_changed_near_midnight();
    plan.edit(
        "plan.toml",
        "title =",
        "time_zone = \"Pacific/Kiritimati\"\ntitle =",
    );
    plan.git(&["commit", "-qam", "Kiritimati time"]);
    for tz in READERS {
        let history = run_in(&plan, tz, &["history", "1.1", "--format", "csv"]);
        let moved = history
            .lines()
            .any(|l| l.starts_with("2009-07-14,") && l.contains(",status,not_started,on_track"));
        assert!(moved, "TZ={tz}: {history}");
    }
}

#[test]
fn an_unknown_time_zone_is_a_finding_with_a_suggestion() {
    let plan = TestPlan::bundled();
    plan.edit(
        "plan.toml",
        "title =",
        "time_zone = \"Europe/Londno\"\ntitle =",
    );
    let output = plan.run(&["check"]);
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    assert!(
        out.contains("error[invalid-value]: `time_zone` is \"Europe/Londno\""),
        "{out}"
    );
    assert!(out.contains("did you mean \"Europe/London\"?"), "{out}");
}

/// London's date now, by the test's own reckoning.
fn london_today() -> String {
    let now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::London);
    now.date_naive().to_string()
}

#[test]
fn update_dates_progress_by_the_plans_day_not_the_machines() {
    let before = london_today();
    let mut recorded = Vec::new();
    for tz in READERS {
        let plan = TestPlan::bundled();
        plan.commit_all("plan");
        let output = actionplan(plan.root())
            .env("TZ", tz)
            .args(["--plan", "plan", "update", "1.1", "--note", "Chased"])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = plan.read("1/1.1.toml");
        let date = text.split("date = ").nth(1).unwrap()[..10].to_string();
        recorded.push(date);
    }
    if london_today() != before {
        return; // midnight in London fell during the test: nothing to compare
    }
    assert_eq!(recorded, [before.clone(), before.clone(), before]);
}

#[test]
fn a_broken_plan_toml_being_edited_does_not_move_the_days() {
    let plan = plan_changed_near_midnight();
    plan.edit(
        "plan.toml",
        "title =",
        "time_zone = \"Pacific/Kiritimati\"\ntitle =",
    );
    plan.git(&["commit", "-qam", "Kiritimati time"]);
    let before = run_in(
        &plan,
        "UTC",
        &[
            "--at",
            "2009-07-13",
            "list",
            "--ref",
            "1.1",
            "--format",
            "csv",
        ],
    );
    let text = plan.read("plan.toml");
    plan.write("plan.toml", format!("{text}\nx = = \n"));
    let after = run_in(
        &plan,
        "UTC",
        &[
            "--at",
            "2009-07-13",
            "list",
            "--ref",
            "1.1",
            "--format",
            "csv",
        ],
    );
    assert_eq!(before, after);
}
