//! Small things a new user hit, each with the behaviour they expected.

use crate::support::{TestPlan, actionplan, code, stderr, stdout};

#[test]
fn a_note_may_start_with_a_dash() {
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    let output = plan.run(&[
        "update",
        "1.3",
        "--note",
        "- chased by email",
        "--date",
        "2009-07-02",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        plan.read("1/1.3.toml")
            .contains("note = \"- chased by email\"")
    );
}

#[test]
fn a_well_written_date_that_does_not_exist_is_called_that() {
    let plan = TestPlan::bundled();
    let output = plan.run(&["list", "--as-of", "2023-02-29"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("“2023-02-29” does not exist"),
        "{}",
        stderr(&output)
    );
    assert!(
        !stderr(&output).contains("write it as YYYY-MM-DD"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_last_as_of_date_is_one_whose_period_can_be_written() {
    let plan = TestPlan::bundled();
    let output = plan.run(&["digest", "--as-of", "9999-12-31"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("give a date up to 9998-12-31"),
        "{}",
        stderr(&output)
    );
    let output = plan.run(&["digest", "--as-of", "9998-12-31"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(!stdout(&output).contains("+10000"));
}

#[test]
fn a_day_first_due_date_is_answered_with_its_iso_form() {
    let plan = TestPlan::bundled();
    plan.edit("1/1.1.toml", "due = 2009-04-30", "due = 31/03/2009");
    let output = plan.run(&["check"]);
    assert!(
        stdout(&output)
            .contains("hint: dates are written year-month-day, without quotes: due = 2009-03-31"),
        "{}",
        stdout(&output)
    );
    // The line the hint gives is one that passes.
    plan.edit("1/1.1.toml", "due = 31/03/2009", "due = 2009-03-31");
    assert_ne!(code(&plan.run(&["check"])), 1);
}

#[test]
fn a_plan_folder_from_the_environment_is_named_as_such() {
    let plan = TestPlan::bundled();
    let output = actionplan(plan.root())
        .env("ACTIONPLAN_DIR", "/no/such/plan")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("no plan folder at `/no/such/plan` (from $ACTIONPLAN_DIR)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn hook_install_names_the_hook_plainly() {
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    let output = plan.run(&["hook", "install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output)
            .lines()
            .any(|l| l.starts_with("installed .git/hooks/pre-commit:")),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).starts_with("registered the merge driver: committed plan/.gitattributes"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn each_command_lists_only_the_options_it_takes() {
    let help = |args: &[&str]| {
        stdout(
            &actionplan(std::path::Path::new("/"))
                .args(args)
                .output()
                .unwrap(),
        )
    };
    for command in ["update", "new", "history", "changes", "hook"] {
        let text = help(&[command, "--help"]);
        assert!(
            !text.contains("--at <"),
            "{command} --help lists --at:\n{text}"
        );
        assert!(
            text.contains("--plan <DIR>"),
            "{command} --help lacks --plan"
        );
    }
    for command in ["import", "init", "completions"] {
        let text = help(&[command, "--help"]);
        assert!(
            !text.contains("--plan <"),
            "{command} --help lists --plan:\n{text}"
        );
        assert!(!text.contains("--at <"), "{command} --help lists --at");
    }
    for command in [
        "list", "overdue", "show", "leads", "export", "digest", "check",
    ] {
        let text = help(&[command, "--help"]);
        assert!(
            text.contains("--at <REV|DATE>"),
            "{command} --help lacks --at"
        );
    }
}

#[test]
fn plan_and_at_work_before_or_after_the_command() {
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    let before = actionplan(plan.root())
        .args(["--plan", "plan", "--at", "HEAD", "list", "--format", "csv"])
        .output()
        .unwrap();
    let after = actionplan(plan.root())
        .args(["list", "--format", "csv", "--plan", "plan", "--at", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(code(&before), 0, "{}", stderr(&before));
    assert_eq!(stdout(&before), stdout(&after));
    let refused = actionplan(plan.root())
        .args(["--plan", "plan", "import", "x.csv", "--out", "y"])
        .output()
        .unwrap();
    assert_eq!(code(&refused), 2);
    assert!(stderr(&refused).contains("`import` does not take --plan"));
}

#[test]
fn the_digest_names_who_recorded_an_update_that_does_not_say() {
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    let output = plan.run_as(
        "Jo Bloggs",
        "2009-07-02",
        &["update", "1.3", "--note", "Chased", "--date", "2009-07-02"],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let paper = stdout(&plan.run(&["digest", "--as-of", "2009-07-03", "--since", "2009-07-01"]));
    let row = paper
        .lines()
        .find(|l| l.starts_with("| 2 Jul 2009 | 1.3 |"))
        .unwrap_or("");
    assert!(row.trim_end().ends_with("| Jo Bloggs |"), "{row}\n{paper}");
}
