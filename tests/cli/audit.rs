//! Git as the audit trail: `update`, `new`, `history`, `changes`, `--at`
//! and the digest's changes, on real repositories in temporary folders.

use std::fs;

use crate::support::TestPlan;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The bundled plan, committed on 2009-06-01, with hand-written comments
/// around action 1.1.
fn committed_plan() -> TestPlan {
    let plan = TestPlan::bundled();
    plan.edit(
        "1/1.1.toml",
        "status = \"not_started\"",
        "# Reviewed at the June meeting.\nstatus   =   \"not_started\"   # as the seed says",
    );
    plan.git(&["init", "-q", "-b", "main"]);
    plan.git(&["add", "-A"]);
    plan.git_on(
        "2009-06-01",
        &["commit", "-q", "-m", "Import the 2009 plan"],
    );
    plan
}

fn update_1_1(plan: &TestPlan) -> std::process::Output {
    plan.run_as(
        "Jo Bloggs",
        "2009-07-02",
        &[
            "update",
            "1.1",
            "--status",
            "on_track",
            "--note",
            "Objectives agreed",
            "--date",
            "2009-07-02",
            "--by",
            "Jo Bloggs",
        ],
    )
}

#[test]
fn an_update_is_one_commit_of_one_file_that_keeps_comments() {
    let plan = committed_plan();
    // Something else staged must stay out of the update's commit.
    plan.edit(
        "plan.toml",
        "name = \"Scrutiny Committee\"\n",
        "name = \"Scrutiny Committee\"\ndate = 2009-07-14\n",
    );
    plan.git(&["add", "plan/plan.toml"]);
    let before = plan.read("1/1.1.toml");

    let output = update_1_1(&plan);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("1.1: status not_started → on_track"));

    let files = plan.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "plan/1/1.1.toml");
    let message = plan.git(&["log", "-1", "--format=%B"]);
    assert_eq!(
        message.trim(),
        "1.1: status not_started → on_track\n\n> Objectives agreed\n\n\
         Ref: 1.1\nField: status\nField: updates\nActor: Jo Bloggs"
    );
    let trailers = plan.git(&["log", "-1", "--format=%(trailers:key=Ref,valueonly)"]);
    assert_eq!(trailers.trim(), "1.1");
    assert_eq!(
        plan.git(&["diff", "--cached", "--name-only"]).trim(),
        "plan/plan.toml"
    );

    let expected = before.replace(
        "status   =   \"not_started\"   # as the seed says\n",
        "status   =   \"on_track\"   # as the seed says\n\n[[actions.updates]]\ndate = 2009-07-02\n\
         status = \"on_track\"\nnote = \"Objectives agreed\"\nby = \"Jo Bloggs\"\n",
    );
    assert_eq!(plan.read("1/1.1.toml"), expected);
    assert!(plan.run(&["check"]).status.success());
}

#[test]
fn a_file_with_its_own_uncommitted_edits_is_refused() {
    let plan = committed_plan();
    plan.edit(
        "1/1.1.toml",
        "Objectives agreed by April 2009",
        "Objectives agreed by May 2009",
    );
    let edited = plan.read("1/1.1.toml");
    let output = update_1_1(&plan);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("has changes that are not committed"),
        "{}",
        stderr(&output)
    );
    assert_eq!(plan.read("1/1.1.toml"), edited);
}

#[test]
fn outside_git_an_update_needs_no_commit() {
    let plan = TestPlan::bundled();
    let output = plan.run(&["update", "1.1", "--note", "Started", "--date", "2009-07-02"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not in a git repository"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("--no-commit"));

    let output = plan.run(&[
        "update",
        "1.1",
        "--note",
        "Started",
        "--date",
        "2009-07-02",
        "--no-commit",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        plan.read("1/1.1.toml")
            .ends_with("[[actions.updates]]\ndate = 2009-07-02\nnote = \"Started\"\n")
    );
}

#[test]
fn a_failing_pre_commit_hook_leaves_the_file_as_it_was() {
    let plan = committed_plan();
    let hook = plan.root().join(".git/hooks/pre-commit");
    fs::write(&hook, "#!/bin/sh\necho 'hook says no' >&2\nexit 1\n").unwrap();
    fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let before = fs::read(plan.path("1/1.1.toml")).unwrap();
    let head = plan.git(&["rev-parse", "HEAD"]);

    let output = update_1_1(&plan);
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("hook says no"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("is as it was"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read(plan.path("1/1.1.toml")).unwrap(), before);
    assert_eq!(plan.git(&["rev-parse", "HEAD"]), head);
    assert_eq!(plan.git(&["status", "--porcelain"]), "");
}

#[test]
fn an_edit_that_breaks_the_plan_is_refused_with_the_finding() {
    let plan = committed_plan();
    let before = plan.read("1/1.1.toml");
    // An update dated after today is an error.
    let output = plan.run(&["update", "1.1", "--note", "Later", "--date", "2999-01-01"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("future-update"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("nothing was written"));
    assert_eq!(plan.read("1/1.1.toml"), before);
    assert_eq!(plan.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn conflict_markers_stop_an_update() {
    let plan = committed_plan();
    plan.edit(
        "1/1.1.toml",
        "lead = [\"DCS\"]",
        "<<<<<<< HEAD\nlead = [\"DCS\"]\n=======\nlead = [\"HSCB Chair\"]\n>>>>>>> theirs",
    );
    let before = plan.read("1/1.1.toml");
    let output = update_1_1(&plan);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("conflict"), "{}", stderr(&output));
    assert_eq!(plan.read("1/1.1.toml"), before);
}

#[test]
fn usage_mistakes_exit_2_and_say_what_to_do() {
    let plan = committed_plan();
    let cases: [(&[&str], &str); 4] = [
        (&["update", "1.2", "--note", "x"], "say which"),
        (&["update", "1.1", "--due", "2009-12-31"], "--note"),
        (&["update", "1.1"], "nothing to record"),
        (
            &["--at", "2009-06-01", "update", "1.1", "--note", "x"],
            "does not take --at",
        ),
    ];
    for (args, expected) in cases {
        let output = plan.run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn new_writes_a_checked_file_in_its_section_and_commits_it() {
    let plan = committed_plan();
    let output = plan.run_as(
        "Jo Bloggs",
        "2009-07-03",
        &[
            "new",
            "4.16",
            "--recommendation",
            "Audit case files",
            "--action",
            "Run a case file audit",
            "--lead",
            "DCS",
            "--timescale",
            "March 2010",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = plan.read("4/4.16.toml");
    assert!(text.contains("ref = \"4.16\"\n"));
    assert!(text.contains("due = 2010-03-31\n"), "{text}");
    assert_eq!(
        plan.git(&["show", "--name-only", "--format=%s", "HEAD"])
            .trim(),
        "4.16: new recommendation\n\nplan/4/4.16.toml"
    );
    assert!(plan.run(&["check"]).status.success());

    let again = plan.run(&[
        "new",
        "4.16",
        "--recommendation",
        "x",
        "--action",
        "y",
        "--lead",
        "DCS",
        "--due",
        "2010-01-31",
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("exists already"));
    let nowhere = plan.run(&[
        "new",
        "9.1",
        "--recommendation",
        "x",
        "--action",
        "y",
        "--lead",
        "DCS",
        "--due",
        "2010-01-31",
    ]);
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(stderr(&nowhere).contains("no section 9"));
}

/// Two updates on two days, by two people.
fn plan_with_history() -> TestPlan {
    let plan = committed_plan();
    assert!(update_1_1(&plan).status.success());
    let moved = plan.run_as(
        "Al Smith",
        "2009-07-20",
        &[
            "update",
            "1.2b",
            "--due",
            "2009-12-31",
            "--note",
            "Moved after the inspection",
            "--date",
            "2009-07-20",
        ],
    );
    assert!(moved.status.success(), "{}", stderr(&moved));
    plan
}

#[test]
fn history_lists_each_commit_field_by_field_oldest_first() {
    let plan = plan_with_history();
    let output = plan.run(&["history", "1.1", "--format", "csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(output.stdout.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let fields: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r[0].as_str(),
                r[3].as_str(),
                r[7].as_str(),
                r[8].as_str(),
                r[9].as_str(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            (
                "2009-06-01",
                "Business Manager",
                "recommendation",
                "",
                "added"
            ),
            (
                "2009-07-02",
                "Jo Bloggs",
                "status",
                "not_started",
                "on_track"
            ),
            (
                "2009-07-02",
                "Jo Bloggs",
                "update",
                "",
                "added: 2009-07-02 (on_track) Objectives agreed"
            ),
        ]
    );
}

#[test]
fn a_deleted_recommendation_keeps_its_history() {
    let plan = plan_with_history();
    plan.git(&["rm", "-q", "plan/1/1.1.toml"]);
    plan.git_on("2009-08-01", &["commit", "-q", "-m", "Drop 1.1"]);
    let output = plan.run(&["history", "1.1"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("status not_started → on_track"), "{text}");
    assert!(text.contains("recommendation removed"), "{text}");
}

#[test]
fn changes_between_dates_are_grouped_by_ref() {
    let plan = plan_with_history();
    let output = plan.run(&["changes", "--since", "2009-06-15", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let changes: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let summary: Vec<(String, String, String)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["address"].as_str().unwrap().into(),
                c["field"].as_str().unwrap().into(),
                c["author"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [
        ("1.1", "status", "Jo Bloggs"),
        ("1.1", "update", "Jo Bloggs"),
        ("1.2b", "due", "Al Smith"),
        ("1.2b", "update", "Al Smith"),
    ];
    assert_eq!(
        summary,
        expected.map(|(a, f, w)| (a.to_string(), f.to_string(), w.to_string()))
    );

    let until = plan.run(&[
        "changes",
        "--since",
        "2009-06-15",
        "--until",
        "2009-07-10",
        "--format",
        "csv",
    ]);
    let text = stdout(&until);
    assert!(
        text.contains("1.1,1.1,status") && !text.contains("1.2b"),
        "{text}"
    );
}

#[test]
fn at_a_date_between_two_commits_reads_the_plan_as_it_was() {
    let plan = plan_with_history();
    let status_at = |at: &str| {
        let output = plan.run(&[
            "--at",
            at,
            "show",
            "1.1",
            "--format",
            "json",
            "--as-of",
            "2009-07-10",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let detail: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        detail["actions"][0]["status"].as_str().unwrap().to_string()
    };
    assert_eq!(status_at("2009-07-01"), "not_started");
    assert_eq!(status_at("2009-07-02"), "on_track");
    assert_eq!(status_at("HEAD~2"), "not_started");
    // The working tree is untouched: the file still says on_track.
    assert!(plan.read("1/1.1.toml").contains("\"on_track\""));
    let early = plan.run(&["--at", "2009-01-01", "list"]);
    assert_eq!(early.status.code(), Some(2));
    assert!(stderr(&early).contains("history starts later"));
}

#[test]
fn the_digest_lists_committed_changes_with_their_commit() {
    let plan = plan_with_history();
    let hash = plan.git(&["rev-parse", "--short=7", "HEAD~1"]);
    let output = plan.run(&["digest", "--as-of", "2009-07-25", "--since", "2009-06-15"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let section = text
        .split("## Changes since the last meeting")
        .nth(1)
        .unwrap();
    let section = section.split("\n## ").next().unwrap();
    assert!(
        section.contains(&format!(
            "| 2 Jul 2009 | 1.1 | status not\\_started → on\\_track | Jo Bloggs | {} |",
            hash.trim()
        )),
        "{section}"
    );
    assert!(
        section.contains("| 1.2b | due 2010-01-31 → 2009-12-31 | Al Smith |"),
        "{section}"
    );
}

#[test]
fn killing_an_update_leaves_the_old_file_or_the_new_one() {
    let args = [
        "--plan",
        "plan",
        "update",
        "1.1",
        "--note",
        "Met",
        "--date",
        "2009-07-02",
        "--no-commit",
    ];
    let plan = TestPlan::bundled();
    let old = fs::read(plan.path("1/1.1.toml")).unwrap();
    let finished = TestPlan::bundled();
    assert!(
        crate::support::actionplan(finished.root())
            .args(args)
            .output()
            .unwrap()
            .status
            .success()
    );
    let new = fs::read(finished.path("1/1.1.toml")).unwrap();
    assert_ne!(old, new);
    for attempt in 0..25u64 {
        fs::write(plan.path("1/1.1.toml"), &old).unwrap();
        let mut child = crate::support::process(plan.root())
            .args(args)
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(attempt * 700));
        let _ = child.kill();
        child.wait().unwrap();
        let now = fs::read(plan.path("1/1.1.toml")).unwrap();
        assert!(now == old || now == new, "attempt {attempt}: a torn file");
    }
    // Temporary files a kill leaves behind are hidden, so the plan still checks.
    assert!(plan.run(&["check"]).status.success());
}

#[test]
fn two_updates_at_once_both_land() {
    let plan = committed_plan();
    let start = |address: &str, note: &str| {
        crate::support::process(plan.root())
            .args([
                "--plan",
                "plan",
                "update",
                address,
                "--note",
                note,
                "--date",
                "2009-07-02",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    for round in 0..3 {
        let (a, b) = (format!("first {round}"), format!("second {round}"));
        let children = [start("1.2a", &a), start("1.2b", &b)];
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let text = plan.read("1/1.2.toml");
        assert!(
            text.contains(&a) && text.contains(&b),
            "an update was lost:\n{text}"
        );
    }
    assert_eq!(plan.git(&["rev-list", "--count", "HEAD"]).trim(), "7");
    assert_eq!(plan.git(&["status", "--porcelain"]), "");
}

#[test]
fn at_works_on_every_read_command() {
    let plan = plan_with_history();
    let first = plan.git(&["rev-list", "--max-parents=0", "HEAD"]);
    let first = first.trim();
    let ok = |args: &[&str]| {
        let output = plan.run(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        stdout(&output)
    };
    assert!(ok(&["--at", "2009-07-01", "check"]).starts_with("ok: plan: 43 recommendations"));
    let csv = ok(&["--at", "2009-07-01", "export", "--no-bom", "--ref", "1.1"]);
    assert!(csv.contains(",not_started,"), "{csv}");
    let now = ok(&["export", "--no-bom", "--ref", "1.1"]);
    assert!(now.contains(",on_track,"), "{now}");
    let list = ok(&[
        "--at",
        "2009-07-01",
        "list",
        "--ref",
        "1.1",
        "--format",
        "json",
        "--as-of",
        "2009-07-01",
    ]);
    assert!(list.contains("\"status\": \"not_started\""), "{list}");
    let overdue = ok(&[
        "--at",
        first,
        "overdue",
        "--as-of",
        "2009-07-01",
        "--format",
        "csv",
    ]);
    assert!(overdue.lines().any(|l| l.starts_with("1.1,")), "{overdue}");
    let leads = ok(&[
        "--at",
        first,
        "leads",
        "--as-of",
        "2009-07-01",
        "--format",
        "csv",
    ]);
    assert!(leads.contains("Director of Children's Services"));
    let digest = ok(&["--at", "2009-07-01", "digest", "--as-of", "2009-07-01"]);
    assert!(
        digest.contains(&first[..7]),
        "the paper names the commit it was made from"
    );
    assert!(
        !digest.contains("uncommitted"),
        "a committed plan has no uncommitted changes"
    );
}

#[test]
fn a_change_a_merge_overrode_and_the_merge_itself_are_both_listed() {
    let plan = committed_plan();
    plan.git(&["checkout", "-q", "-b", "other"]);
    let update = |status: &str, date: &str| {
        let output = plan.run_as(
            "Jo Bloggs",
            date,
            &[
                "update", "2.1", "--status", status, "--note", status, "--date", date,
            ],
        );
        assert!(output.status.success(), "{}", stderr(&output));
    };
    update("at_risk", "2009-07-01");
    plan.git(&["checkout", "-q", "main"]);
    update("complete", "2009-07-01");
    plan.git_on(
        "2009-07-02",
        &["merge", "-q", "-X", "theirs", "other", "-m", "Merge other"],
    );
    let output = plan.run(&["history", "2.1", "--format", "csv"]);
    let text = stdout(&output);
    assert!(text.contains("status,not_started,at_risk"), "{text}");
    assert!(
        text.contains("status,not_started,complete"),
        "the main line's change: {text}"
    );
    assert!(
        text.contains("Merge other,2.1,2.1,status,complete,at_risk"),
        "the merge's own effect: {text}"
    );
}

#[test]
fn a_shallow_clone_is_refused_rather_than_misread() {
    let plan = plan_with_history();
    let source = format!("file://{}", plan.root().display());
    let shallow = plan.root().join("shallow");
    plan.git(&[
        "clone",
        "-q",
        "--depth",
        "1",
        &source,
        shallow.to_str().unwrap(),
    ]);
    let run = |args: &[&str]| {
        crate::support::actionplan(&shallow)
            .args(["--plan", "plan"])
            .args(args)
            .output()
            .unwrap()
    };
    let history = run(&["history", "1.1"]);
    assert_eq!(history.status.code(), Some(2));
    assert!(stderr(&history).contains("shallow"), "{}", stderr(&history));
    let digest = stdout(&run(&[
        "digest",
        "--as-of",
        "2009-07-25",
        "--since",
        "2009-06-15",
    ]));
    assert!(digest.contains("shallow clone"), "{digest}");
    assert!(!digest.contains("recommendation added"));
}

#[test]
fn a_change_behind_a_broken_file_is_still_reported() {
    let plan = committed_plan();
    plan.edit(
        "3/3.5.toml",
        "status = \"not_started\"",
        "status = \"on_track",
    );
    plan.git(&["commit", "-q", "-am", "broken"]);
    plan.edit("3/3.5.toml", "status = \"on_track", "status = \"on_track\"");
    plan.git(&["commit", "-q", "-am", "fixed"]);
    let text = stdout(&plan.run(&["history", "3.5"]));
    assert!(
        text.contains("file made unreadable") && text.contains("file repaired"),
        "{text}"
    );
    assert!(text.contains("status not_started → on_track"), "{text}");
}

#[test]
fn a_header_left_open_or_brackets_nested_deep_are_unreadable_versions_not_a_crash() {
    let plan = committed_plan();
    let fixed = plan.read("3/3.5.toml");
    let broken = [
        format!("{fixed}[[\n"),
        format!("{fixed}[[actions.\n"),
        format!("{fixed}steps = {}\n", "[".repeat(20_000)),
    ];
    for text in &broken {
        plan.write("3/3.5.toml", text);
        plan.git(&["commit", "-q", "-am", "broken"]);
        plan.write("3/3.5.toml", &fixed);
        plan.git(&["commit", "-q", "-am", "fixed"]);
    }
    let output = plan.run(&["history", "3.5"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(text.matches("file made unreadable").count(), 3, "{text}");
    assert_eq!(text.matches("file repaired").count(), 3, "{text}");
}

#[test]
fn the_same_update_twice_is_two_updates() {
    let plan = committed_plan();
    for _ in 0..2 {
        let output = plan.run(&[
            "update",
            "3.4",
            "--note",
            "No change",
            "--date",
            "2009-08-02",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let text = stdout(&plan.run(&["history", "3.4", "--format", "csv"]));
    assert_eq!(
        text.matches("update,,added: 2009-08-02 No change").count(),
        2,
        "{text}"
    );
    assert!(!text.contains("layout"), "{text}");
}

#[test]
fn loose_input_is_refused_with_exit_2() {
    let plan = plan_with_history();
    let cases: [(&[&str], &str); 7] = [
        (
            &["update", "2.13", "--due", "09-12-31", "--note", "x"],
            "YYYY-MM-DD",
        ),
        (
            &["update", "2.5", "--due=+10000-01-01", "--note", "x"],
            "YYYY-MM-DD",
        ),
        (
            &["update", "2.12", "--note", "n", "--by", "Jo\nRef: 9.9"],
            "one line",
        ),
        (&["update", "2.12", "--note", ""], "need words"),
        (
            &["changes", "--since", "2009-07-05", "--until", "2009-07-02"],
            "comes after",
        ),
        (
            &["changes", "--since", "HEAD", "--until", "HEAD~2"],
            "comes after",
        ),
        (&["--at", "HEAD~1..HEAD", "list"], "range"),
    ];
    for (args, expected) in cases {
        let output = plan.run(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let early = plan.run(&["--at", "1909-07-01", "list"]);
    assert!(
        stderr(&early).contains("history starts later"),
        "{}",
        stderr(&early)
    );
}

#[test]
fn at_judges_the_plan_on_its_own_day_unless_told_otherwise() {
    let plan = plan_with_history();
    let csv = stdout(&plan.run(&["--at", "2009-07-02", "overdue", "--format", "csv"]));
    let row = csv
        .lines()
        .find(|l| l.starts_with("1.1,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        row.contains(",63,"),
        "1.1 was 63 days overdue on 2009-07-02: {row}"
    );
}

#[test]
fn a_symlinked_file_is_not_replaced() {
    let plan = committed_plan();
    fs::rename(plan.path("3/3.4.toml"), plan.root().join("3.4.toml")).unwrap();
    std::os::unix::fs::symlink(plan.root().join("3.4.toml"), plan.path("3/3.4.toml")).unwrap();
    plan.git(&["add", "-A"]);
    plan.git(&["commit", "-q", "-m", "link"]);
    let output = plan.run(&["update", "3.4", "--note", "x", "--date", "2009-08-02"]);
    // A link in the plan is an error of the plan itself: nothing is run.
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error[symbolic-link]"),
        "{}",
        stderr(&output)
    );
    assert!(
        fs::symlink_metadata(plan.path("3/3.4.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn temporary_files_left_by_a_killed_update_are_cleared_by_the_next() {
    let plan = committed_plan();
    plan.write("1/.1.1.toml.AbC123.tmp", "half a file");
    assert!(update_1_1(&plan).status.success());
    assert!(!plan.path("1/.1.1.toml.AbC123.tmp").exists());
}

#[test]
fn history_of_an_action_that_does_not_exist_is_a_usage_error() {
    let plan = committed_plan();
    let output = plan.run(&["history", "1.2z"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("1.2 has no action z"),
        "{}",
        stderr(&output)
    );
}
