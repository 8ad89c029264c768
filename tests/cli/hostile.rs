//! The plan tried as an attacker would: links and special files in the
//! plan folder, escapes in names and notes. Nothing outside the plan is
//! read, and nothing reaches a terminal that the terminal would act on.

use std::fs;
use std::os::unix::fs::symlink;

use crate::support::{TestPlan, code, stdout};

/// A file outside the plan holding something that must never be printed.
fn secret_file(plan: &TestPlan) -> std::path::PathBuf {
    let secret = plan.root().join("secret.txt");
    fs::write(
        &secret,
        "password = \"TOPSECRET-1234\"\nnot toml at all TOPSECRET\n",
    )
    .unwrap();
    secret
}

fn check_output(plan: &TestPlan) -> (i32, String) {
    let output = plan.run(&["check", "--as-of", "2009-07-01"]);
    let all = format!(
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    (code(&output), all)
}

#[test]
fn a_link_to_a_file_outside_the_plan_is_named_not_read() {
    let plan = TestPlan::bundled();
    let secret = secret_file(&plan);
    symlink(&secret, plan.path("1/1.8.toml")).unwrap();
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("TOPSECRET"), "{out}");
    assert!(
        out.contains(&format!(
            "plan/1/1.8.toml: error[symbolic-link]: a symbolic link (to `{}`)",
            secret.display()
        )),
        "{out}"
    );
}

#[test]
fn a_link_to_the_environment_prints_no_environment() {
    let plan = TestPlan::bundled();
    symlink("/proc/self/environ", plan.path("1/1.8.toml")).unwrap();
    let output = crate::support::actionplan(plan.root())
        .env("API_TOKEN", "TOKEN-SHOULD-NOT-LEAK")
        .args(["--plan", "plan", "check"])
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!all.contains("TOKEN-SHOULD-NOT-LEAK"), "{all}");
    assert!(all.contains("error[symbolic-link]"), "{all}");
}

#[test]
fn a_linked_folder_is_not_listed() {
    let plan = TestPlan::bundled();
    let outside = plan.root().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("private-name-of-a-file"), "x").unwrap();
    symlink(&outside, plan.path("5")).unwrap();
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("private-name-of-a-file"), "{out}");
    assert!(out.contains("plan/5: error[symbolic-link]"), "{out}");
}

#[test]
fn plan_toml_itself_is_not_read_through_a_link() {
    let plan = TestPlan::bundled();
    let secret = secret_file(&plan);
    fs::remove_file(plan.path("plan.toml")).unwrap();
    symlink(&secret, plan.path("plan.toml")).unwrap();
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("TOPSECRET"), "{out}");
    assert!(
        out.contains("plan/plan.toml: error[symbolic-link]"),
        "{out}"
    );
}

#[test]
fn a_named_pipe_is_reported_without_being_opened() {
    let plan = TestPlan::bundled();
    let path = plan.path("1/1.8.toml");
    let name = std::ffi::CString::new(path.into_os_string().into_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[unreadable-file]: a named pipe, not a regular file"),
        "{out}"
    );
}

#[test]
fn a_committed_link_is_named_not_read_at_a_revision_or_when_staged() {
    let plan = TestPlan::bundled();
    let secret = secret_file(&plan);
    plan.commit_all("plan");
    symlink(&secret, plan.path("1/1.8.toml")).unwrap();
    plan.git(&["add", "plan/1/1.8.toml"]);
    let staged = plan.run(&["check", "--staged"]);
    let out = stdout(&staged);
    assert!(!out.contains("TOPSECRET"), "{out}");
    assert!(out.contains("error[symbolic-link]"), "{out}");
    plan.git(&["commit", "-q", "-m", "link"]);
    let at = plan.run(&["--at", "HEAD", "check"]);
    let out = stdout(&at);
    assert!(!out.contains("TOPSECRET"), "{out}");
    assert!(out.contains("error[symbolic-link]"), "{out}");
}

#[test]
fn a_file_that_is_not_utf8_is_located_but_not_quoted() {
    let plan = TestPlan::bundled();
    plan.write("1/1.8.toml", b"ref = \"1.8\"\nkey = \"SECRET\xff\"\n");
    let (code, out) = check_output(&plan);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("plan/1/1.8.toml:2:"), "{out}");
    assert!(!out.contains("SECRET"), "{out}");
}

const ESCAPE: &str = "\u{1b}]0;PWNED\u{7}";

/// The bundled plan with an escape sequence in an officer's title, a note
/// and a recommendation: valid TOML (escapes), so every report runs.
fn plan_with_escapes() -> TestPlan {
    let plan = TestPlan::bundled();
    plan.edit(
        "officers.toml",
        "title = \"Children's Trust Manager\"",
        "title = \"Children's Trust Manager\"\naliases = [\"Trust Manager\\u001b]0;PWNED\\u0007\"]",
    );
    plan.edit(
        "1/1.1.toml",
        "recommendation = \"",
        "recommendation = \"\\u001b[2J\\u009b31m\\r",
    );
    plan
}

#[test]
fn check_never_prints_an_escape_from_a_file_name_or_a_hint() {
    let plan = TestPlan::bundled();
    plan.write(&format!("1/evil{ESCAPE}.toml"), "ref = \"1.1\"\n");
    plan.edit(
        "1/1.1.toml",
        "lead = [\"",
        "lead = [\"Childrens Trust Manager\\u001b]0;X\\u0007\", \"",
    );
    let output = plan.run(&["check", "--as-of", "2009-07-01"]);
    let shown = [output.stdout.clone(), output.stderr.clone()].concat();
    assert_eq!(
        crate::support::terminal_controls(&shown),
        Vec::<String>::new()
    );
    assert!(stdout(&output).contains("evil\u{FFFD}]0;PWNED\u{FFFD}.toml"));
}

#[test]
fn an_ambiguous_or_unknown_officer_error_prints_no_escape() {
    let plan = plan_with_escapes();
    for lead in ["Manager\u{1b}]0;X\u{7}", "Children"] {
        let output = plan.run(&["list", "--lead", lead]);
        let shown = [output.stdout.clone(), output.stderr.clone()].concat();
        assert_eq!(code(&output), 2, "{}", String::from_utf8_lossy(&shown));
        assert_eq!(
            crate::support::terminal_controls(&shown),
            Vec::<String>::new()
        );
    }
}

#[test]
fn every_report_on_a_terminal_is_free_of_escapes() {
    let plan = plan_with_escapes();
    let reports: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "csv"],
        &["list", "--format", "markdown"],
        &["list", "--format", "json"],
        &["show", "1.1"],
        &["show", "1.1", "--format", "markdown"],
        &["export"],
        &["export", "--format", "json"],
        &["digest", "--as-of", "2009-07-01"],
        &["digest", "--format", "html", "--as-of", "2009-07-01"],
        &["leads"],
    ];
    for args in reports {
        let screen = crate::support::run_on_terminal(&plan, args);
        assert!(
            screen.len() > 100,
            "{args:?}: {}",
            String::from_utf8_lossy(&screen)
        );
        assert_eq!(
            crate::support::terminal_controls(&screen),
            Vec::<String>::new(),
            "{args:?}"
        );
    }
}

#[test]
fn data_written_to_a_pipe_keeps_its_bytes() {
    let plan = plan_with_escapes();
    let output = plan.run(&["export", "--format", "json"]);
    assert!(
        stdout(&output).contains("\\u001b[2J"),
        "JSON escapes it itself"
    );
    let csv = plan.run(&["export"]);
    assert!(
        stdout(&csv).contains("\u{1b}[2J"),
        "CSV to a file is the data as it is"
    );
}
