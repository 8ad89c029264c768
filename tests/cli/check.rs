//! `actionplan check` on the bundled plan, and on copies of it damaged the
//! ways a person editing by hand damages files.

use std::fs;

use serde_json::Value;

use crate::support::{TestPlan, actionplan, code, repo, stderr, stdout};

const AS_OF: &str = "2009-07-01";

fn check(plan: &TestPlan) -> (i32, String) {
    let output = plan.run(&["check", "--as-of", AS_OF]);
    (code(&output), stdout(&output))
}

/// Asserts one finding of `check` at `path:line`, and exit 1.
fn assert_finding(plan: &TestPlan, check_name: &str, path: &str, line: usize) -> String {
    let (code, out) = check(plan);
    assert_eq!(code, 1, "{out}");
    let expected = format!("plan/{path}:{line}:");
    let found = out
        .lines()
        .any(|l| l.starts_with(&expected) && l.contains(&format!("[{check_name}]")));
    assert!(found, "expected {check_name} at {expected}\n{out}");
    out
}

#[test]
fn the_bundled_plan_passes_with_no_errors_and_no_warnings() {
    let output = actionplan(repo())
        .args(["--plan", "plan", "check"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "ok: plan: 43 recommendations, 46 actions in 4 sections, no problems found\n"
    );
}

#[test]
fn a_toml_syntax_error_is_reported_at_its_line() {
    let plan = TestPlan::bundled();
    plan.edit(
        "2/2.9.toml",
        "timescale = \"February 2009\"",
        "timescale = \"February 2009",
    );
    assert_finding(&plan, "toml-syntax", "2/2.9.toml", 8);
}

#[test]
fn every_syntax_error_in_every_file_is_reported_at_once() {
    let plan = TestPlan::bundled();
    plan.edit(
        "1/1.1.toml",
        "status = \"not_started\"",
        "status = not_started",
    );
    plan.edit(
        "4/4.4.toml",
        "ref = \"4.4\"",
        "ref = \"4.4\"\nref = \"4.5\"",
    );
    let out = assert_finding(&plan, "toml-syntax", "1/1.1.toml", 18);
    assert!(
        out.contains("plan/4/4.4.toml:2:1: error[toml-syntax]: duplicate key"),
        "{out}"
    );
    assert!(out.contains("check: plan: 2 errors, 0 warnings"), "{out}");
}

#[test]
fn wrong_types_say_what_was_expected() {
    let plan = TestPlan::bundled();
    plan.edit("1/1.4.toml", "due = 2009-07-31", "due = \"July 2009\"");
    let out = assert_finding(&plan, "wrong-type", "1/1.4.toml", 9);
    assert!(
        out.contains("keep the plan's own words in `timescale`"),
        "{out}"
    );
    plan.edit("1/1.4.toml", "ref = \"1.4\"", "ref = 1.4");
    let out = assert_finding(&plan, "wrong-type", "1/1.4.toml", 1);
    assert!(
        out.contains("put it in double quotes: ref = \"1.4\""),
        "{out}"
    );
}

#[test]
fn a_date_written_as_text_is_told_to_lose_its_quotes() {
    let plan = TestPlan::bundled();
    plan.edit("3/3.7.toml", "due = 2009-02-28", "due = \"2009-02-28\"");
    let out = assert_finding(&plan, "wrong-type", "3/3.7.toml", 7);
    assert!(out.contains("remove the quotes: due = 2009-02-28"), "{out}");
}

#[test]
fn missing_and_unknown_keys_are_named_with_a_did_you_mean() {
    let plan = TestPlan::bundled();
    plan.edit("2/2.1.toml", "recommendation = ", "recomendation = ");
    let out = assert_finding(&plan, "unknown-key", "2/2.1.toml", 2);
    assert!(out.contains("did you mean `recommendation`?"), "{out}");
    assert!(
        out.contains("[missing-key]: the recommendation file has no `recommendation`"),
        "{out}"
    );
}

#[test]
fn duplicate_refs_name_both_files() {
    let plan = TestPlan::bundled();
    plan.write("2/2.18.toml", plan.read("2/2.17.toml"));
    let out = assert_finding(&plan, "duplicate-ref", "2/2.18.toml", 1);
    assert!(
        out.contains("ref \"2.17\" is also used by 2/2.17.toml"),
        "{out}"
    );
    assert!(out.contains("[ref-mismatch]"), "{out}");
}

#[test]
fn impossible_dates_are_refused() {
    let plan = TestPlan::bundled();
    plan.edit("2/2.12.toml", "due = 2009-02-28", "due = 2009-02-30");
    assert_finding(&plan, "invalid-date", "2/2.12.toml", 11);
}

#[test]
fn a_file_in_the_wrong_folder_or_with_the_wrong_name_is_caught() {
    let plan = TestPlan::bundled();
    fs::rename(plan.path("3/3.2.toml"), plan.path("4/3.2.toml")).unwrap();
    assert_finding(&plan, "section-mismatch", "4/3.2.toml", 1);
    fs::rename(plan.path("4/3.2.toml"), plan.path("3/3.20.toml")).unwrap();
    assert_finding(&plan, "ref-mismatch", "3/3.20.toml", 1);
}

#[test]
fn an_empty_file_is_an_error_not_a_skip() {
    let plan = TestPlan::bundled();
    plan.write("4/4.4.toml", "");
    assert_finding(&plan, "empty-file", "4/4.4.toml", 1);
    plan.write("4/4.4.toml", "# nothing yet\n\n");
    assert_finding(&plan, "empty-file", "4/4.4.toml", 1);
}

#[test]
fn a_file_that_is_not_utf8_points_at_the_bad_byte() {
    let plan = TestPlan::bundled();
    let text = plan.read("1/1.2.toml").replace("'", "\u{2019}");
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| if c == '\u{2019}' { 0x92 } else { c as u8 })
        .collect();
    plan.write("1/1.2.toml", bytes);
    let out = assert_finding(&plan, "not-utf8", "1/1.2.toml", 2);
    assert!(out.contains("Windows-1252"), "{out}");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let plan = TestPlan::bundled();
    let text = plan.read("2/2.7.toml").replace('\n', "\r\n");
    plan.write(
        "2/2.7.toml",
        [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    );
    assert_eq!(
        check(&plan),
        (
            0,
            "ok: plan: 43 recommendations, 46 actions in 4 sections, no problems found\n".into()
        )
    );
}

#[test]
fn crlf_files_still_report_the_right_line() {
    let plan = TestPlan::bundled();
    plan.edit("2/2.7.toml", "lead = [\"DCS\"]", "lead = [\"DSC\"]");
    let text = plan.read("2/2.7.toml").replace('\n', "\r\n");
    plan.write("2/2.7.toml", text);
    let out = assert_finding(&plan, "unknown-officer", "2/2.7.toml", 9);
    assert!(
        out.contains("9 | lead = [\"DSC\"]\n"),
        "no stray carriage return:\n{out}"
    );
}

#[test]
fn conflict_markers_are_named_as_such() {
    let plan = TestPlan::bundled();
    plan.edit(
        "3/3.5.toml",
        "status = \"not_started\"",
        "<<<<<<< HEAD\nstatus = \"on_track\"\n=======\nstatus = \"at_risk\"\n>>>>>>> theirs",
    );
    let out = assert_finding(&plan, "conflict-markers", "3/3.5.toml", 13);
    assert!(
        !out.contains("toml-syntax"),
        "one clear finding, not parser noise:\n{out}"
    );
}

#[test]
fn stray_files_are_a_warning_and_do_not_fail_the_check() {
    let plan = TestPlan::bundled();
    plan.write("2/2.7.toml.orig", "old copy");
    plan.write("minutes.docx", "binary");
    let (code, out) = check(&plan);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("plan/2/2.7.toml.orig:1:1: warning[stray-file]"),
        "{out}"
    );
    assert!(
        out.contains("plan/minutes.docx:1:1: warning[stray-file]"),
        "{out}"
    );
}

#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let plan = TestPlan::bundled();
    std::os::unix::fs::symlink("4.16.toml", plan.path("4/4.16.toml")).unwrap();
    let out = check(&plan).1;
    assert!(
        out.contains("plan/4/4.16.toml: error[symbolic-link]: a symbolic link (to `4.16.toml`)"),
        "{out}"
    );
}

#[test]
fn a_file_over_one_mebibyte_is_refused_unread() {
    let plan = TestPlan::bundled();
    plan.write("4/4.16.toml", vec![b'#'; 1024 * 1024 + 1]);
    let out = assert_finding(&plan, "file-too-large", "4/4.16.toml", 1);
    assert!(out.contains("over the 1 MiB limit"), "{out}");
}

#[test]
fn a_recommendation_at_the_top_of_the_plan_is_not_silently_skipped() {
    let plan = TestPlan::bundled();
    plan.write("4.16.toml", plan.read("4/4.15.toml"));
    // A plan need not have sections, so a file at the top is read; a
    // dotted ref there is in the wrong place.
    assert_finding(&plan, "section-mismatch", "4.16.toml", 1);
}

#[test]
fn a_missing_officers_file_is_one_clear_error() {
    let plan = TestPlan::bundled();
    fs::remove_file(plan.path("officers.toml")).unwrap();
    let (code, out) = check(&plan);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("plan/officers.toml: error[missing-file]"),
        "{out}"
    );
    assert!(!out.contains("unknown-officer"), "{out}");
}

#[test]
fn json_output_lists_findings_with_positions() {
    let plan = TestPlan::bundled();
    plan.edit(
        "2/2.9.toml",
        "status = \"not_started\"",
        "status = \"started\"",
    );
    let output = plan.run(&["check", "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(code(&output), 1);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let finding = &json["findings"][0];
    assert_eq!(finding["path"], "plan/2/2.9.toml");
    assert_eq!(finding["line"], 13);
    assert_eq!(finding["column"], 10);
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["check"], "invalid-status");
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["recommendations"], 43);
}

#[test]
fn the_plan_is_found_from_any_folder_inside_the_repository() {
    let plan = TestPlan::bundled();
    let inside = plan.path("2");
    let output = actionplan(&inside)
        .args(["check", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let output = actionplan(plan.root())
        .args(["check", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert!(
        stdout(&output).starts_with("ok: plan:"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_plan_folder_can_come_from_the_environment() {
    let plan = TestPlan::bundled();
    let elsewhere = tempfile::tempdir().unwrap();
    let output = actionplan(elsewhere.path())
        .env("ACTIONPLAN_DIR", plan.path(""))
        .args(["check", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let nowhere = tempfile::tempdir().unwrap();
    let output = actionplan(nowhere.path()).arg("check").output().unwrap();
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("no plan found"),
        "{}",
        stderr(&output)
    );

    let output = actionplan(repo())
        .args(["--plan", "no/such/folder", "check"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 2);
    let output = actionplan(repo())
        .args(["--plan", "plan", "check", "--as-of", "1/7/2009"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("YYYY-MM-DD"),
        "{}",
        stderr(&output)
    );
    let output = actionplan(repo())
        .args(["check", "--frobnicate"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 2);
}

#[test]
fn output_is_plain_when_piped_and_coloured_when_asked() {
    let plan = TestPlan::bundled();
    plan.edit(
        "2/2.9.toml",
        "status = \"not_started\"",
        "status = \"started\"",
    );
    let plain = stdout(&plan.run(&["check", "--as-of", AS_OF]));
    assert!(!plain.contains('\x1b'), "{plain}");
    let coloured = stdout(&plan.run(&["--color", "always", "check", "--as-of", AS_OF]));
    assert!(
        coloured.contains("\x1b[1;31merror[invalid-status]"),
        "{coloured}"
    );
}

#[test]
fn nothing_panics_on_garbage_in_any_plan_file() {
    let plan = TestPlan::bundled();
    let garbage: [&[u8]; 6] = [
        b"\x00\x01\x02",
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        b"a = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1",
        b"actions = 5\nref = {a = 1}\n",
        b"[actions]\nstatus = 1\n",
        b"ref = \"1.1\"\n[[actions]]\nupdates = [1, \"x\", {date = 1}]\nlead = [1, [2]]\n",
    ];
    for (i, bytes) in garbage.iter().enumerate() {
        for file in ["plan.toml", "officers.toml", "1/1.1.toml"] {
            let original = fs::read(plan.path(file)).unwrap();
            plan.write(file, bytes);
            let output = plan.run(&["check", "--as-of", AS_OF]);
            assert_eq!(
                code(&output),
                1,
                "case {i} in {file}: {}{}",
                stdout(&output),
                stderr(&output)
            );
            assert!(
                stdout(&output).contains(&format!("plan/{file}:")),
                "case {i} in {file}"
            );
            plan.write(file, original);
        }
    }
}
