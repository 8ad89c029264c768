//! The broken-plan corpus: realistic ways a hand-edited plan goes wrong,
//! each in `tests/fixtures/broken/<case>/case.toml` as changes to a copy
//! of the bundled plan. Every case must exit 1 with a finding that names
//! the damaged file (and its line, where it has lines) and says how to fix
//! it; its whole report is a snapshot.

use std::fs;

use serde::Deserialize;

use crate::support::{TestPlan, code, repo, stdout};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// How a person broke it.
    #[allow(dead_code)]
    story: String,
    /// The file the finding must name, relative to the plan folder.
    file: String,
    /// The check that must report it.
    check: String,
    /// Whether the finding can give a line (a missing file cannot).
    #[serde(default = "yes")]
    line: bool,
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    copy: Vec<(String, String)>,
    #[serde(default)]
    rename: Vec<(String, String)>,
    #[serde(default)]
    remove: Vec<String>,
    /// Damage that cannot sit in git as text; made by [`generate`].
    generate: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    path: String,
    from: String,
    to: String,
}

fn apply(case: &Case, plan: &TestPlan) {
    for edit in &case.edit {
        plan.edit(&edit.path, &edit.from, &edit.to);
    }
    for (from, to) in &case.copy {
        fs::copy(plan.path(from), plan.path(to)).unwrap();
    }
    for (from, to) in &case.rename {
        fs::rename(plan.path(from), plan.path(to)).unwrap();
    }
    for path in &case.remove {
        fs::remove_file(plan.path(path)).unwrap();
    }
    if let Some(kind) = &case.generate {
        generate(kind, plan);
    }
}

fn generate(kind: &str, plan: &TestPlan) {
    match kind {
        "windows-1252" => {
            let text = plan.read("1/1.4.toml");
            let text = text.replacen(
                "recommendation = \"",
                "recommendation = \"The Council\u{1}s view: ",
                1,
            );
            let bytes: Vec<u8> = text
                .bytes()
                .map(|b| if b == 1 { 0x92 } else { b })
                .collect();
            plan.write("1/1.4.toml", bytes);
        }
        "zero-byte" => plan.write("1/1.5.toml", ""),
        "five-megabytes" => plan.write(
            "1/1.5.toml",
            "Exported report line, pasted.\n".repeat(170_000),
        ),
        "deeply-nested" => {
            let depth = 5_000;
            let text = plan.read("1/1.4.toml")
                + &format!("extra = {}{}\n", "[".repeat(depth), "]".repeat(depth));
            plan.write("1/1.4.toml", text);
        }
        other => panic!("no generator {other}"),
    }
}

#[test]
fn every_broken_plan_gets_a_clear_finding_with_file_line_and_hint() {
    let mut cases = 0;
    let mut folders: Vec<_> = fs::read_dir(repo().join("tests/fixtures/broken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    for folder in folders {
        let name = folder.file_name().unwrap().to_str().unwrap().to_string();
        let case: Case = toml::from_str(&fs::read_to_string(folder.join("case.toml")).unwrap())
            .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
        let plan = TestPlan::bundled();
        apply(&case, &plan);
        let output = plan.run(&["check", "--as-of", "2009-07-01"]);
        let report = stdout(&output);
        assert_eq!(code(&output), 1, "{name}:\n{report}");
        assert!(
            !String::from_utf8_lossy(&output.stderr).contains("panicked"),
            "{name}"
        );
        let place = format!("plan/{}", case.file);
        let finding = report
            .split("\n\n")
            .find(|f| f.contains(&format!("[{}]", case.check)) && f.starts_with(&place))
            .unwrap_or_else(|| panic!("{name}: no [{}] finding on {place}:\n{report}", case.check));
        if case.line {
            let line = finding[place.len()..]
                .strip_prefix(':')
                .and_then(|rest| rest.split(':').next());
            assert!(
                line.is_some_and(|l| l.parse::<u32>().is_ok()),
                "{name}: no line in\n{finding}"
            );
        }
        assert!(finding.contains("= hint:"), "{name}: no hint in\n{finding}");
        insta::with_settings!({ snapshot_suffix => name.as_str(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("broken", report);
        });
        cases += 1;
    }
    assert!(cases >= 20, "the corpus has {cases} cases");
}
