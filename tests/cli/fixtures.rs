//! The fixture catalogue: one broken plan per check under
//! `tests/fixtures/invalid/<check-name>/`, each with its expected report,
//! and plans under `tests/fixtures/valid/` that must pass clean.

use std::fs;

use actionplan::finding::{Check, Severity};

use crate::support::{TestPlan, code, repo, stdout};

/// Findings are judged as of this date in every fixture.
const AS_OF: &str = "2009-07-01";

fn check_names() -> Vec<&'static str> {
    Check::ALL.iter().map(|c| c.name()).collect()
}

/// Some damage cannot sit in git as it is: it is made in the copy.
fn prepare(name: &str, plan: &TestPlan) {
    if name == "unreadable-file" {
        let fifo = std::ffi::CString::new(
            plan.path("1/1.3.toml")
                .into_os_string()
                .into_encoded_bytes(),
        )
        .unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    }
    if name == "file-too-large" {
        let mut big = String::from("ref = \"1.3\"\nrecommendation = \"");
        big.push_str(&"A pasted report. ".repeat(130_000));
        big.push_str("\"\n");
        plan.write("1/1.3.toml", big);
    }
}

#[test]
fn every_check_has_a_broken_plan_with_its_expected_report() {
    for entry in fs::read_dir(repo().join("tests/fixtures/invalid")).unwrap() {
        let folder = entry.unwrap().path();
        let name = folder.file_name().unwrap().to_str().unwrap();
        let check = Check::ALL.iter().find(|c| c.name() == name);
        let check = check.unwrap_or_else(|| panic!("fixture {name} names no check"));
        let plan = TestPlan::copy_of(&folder);
        prepare(name, &plan);
        let output = plan.run(&["check", "--as-of", AS_OF]);
        let report = stdout(&output);
        assert!(report.contains(&format!("[{name}]")), "{name}:\n{report}");
        let expected_code = if check.severity() == Severity::Error {
            1
        } else {
            0
        };
        assert_eq!(code(&output), expected_code, "{name}:\n{report}");
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("invalid", report);
        });
    }
}

#[test]
fn every_check_has_a_fixture_and_a_place_in_the_docs() {
    let format = fs::read_to_string(repo().join("docs/FORMAT.md")).unwrap();
    for name in check_names() {
        assert!(
            repo().join("tests/fixtures/invalid").join(name).is_dir(),
            "no fixture for {name}"
        );
        assert!(
            format.contains(&format!("`{name}`")),
            "docs/FORMAT.md does not list {name}"
        );
    }
}

#[test]
fn valid_plans_pass_with_nothing_to_report() {
    for entry in fs::read_dir(repo().join("tests/fixtures/valid")).unwrap() {
        let folder = entry.unwrap().path();
        let plan = TestPlan::copy_of(&folder);
        let output = plan.run(&["check", "--as-of", AS_OF]);
        let report = stdout(&output);
        assert_eq!(code(&output), 0, "{}:\n{report}", folder.display());
        assert!(
            report.starts_with("ok: plan: "),
            "{}:\n{report}",
            folder.display()
        );
    }
}

#[test]
fn the_example_in_the_format_docs_is_a_valid_file() {
    let format = fs::read_to_string(repo().join("docs/FORMAT.md")).unwrap();
    let example = format.split("### A complete example").nth(1).unwrap();
    let toml = example
        .split("```toml\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let plan = TestPlan::fixture("valid/minimal");
    let sections = plan.read("plan.toml") + "\n[[sections]]\nnumber = \"2\"\ntitle = \"Board\"\n";
    plan.write("plan.toml", sections);
    plan.write("2/2.7.toml", toml);
    let output = plan.run(&["check", "--as-of", AS_OF]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(
        stdout(&output).contains("no problems found"),
        "{}",
        stdout(&output)
    );
}
