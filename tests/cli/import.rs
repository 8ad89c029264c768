//! `actionplan import`: the seed round trip, spreadsheets as spreadsheets
//! write them, and the safety rules.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::support::{actionplan, repo};

const SEED: &str = "seeds/000_33c2bef1ba33a468.txt";
const TITLE: &str = "Safeguarding Children Action Plan";
const ORGANISATION: &str = "Herefordshire Council and Herefordshire Safeguarding Children Board";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn import(dir: &Path, args: &[&str]) -> std::process::Output {
    actionplan(dir).arg("import").args(args).output().unwrap()
}

/// Key paths where two TOML values differ: tables key by key, lists of
/// tables of one length item by item, anything else whole.
fn differences(a: &toml::Value, b: &toml::Value, path: &str, out: &mut BTreeSet<String>) {
    use toml::Value::{Array, Table};
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (a, b) {
        (Table(a), Table(b)) => {
            for key in a.keys().chain(b.keys()) {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differences(x, y, &join(key), out),
                    _ => {
                        out.insert(join(key));
                    }
                }
            }
        }
        (Array(a), Array(b))
            if a.len() == b.len() && a.iter().chain(b).all(toml::Value::is_table) =>
        {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(x, y, &format!("{path}[{i}]"), out);
            }
        }
        _ if a != b => {
            out.insert(path.to_string());
        }
        _ => {}
    }
}

fn toml_files(root: &Path) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files.insert(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    files
}

/// The list in docs/IMPORT.md's `corrections` block.
fn documented_corrections() -> BTreeSet<String> {
    let doc = fs::read_to_string(repo().join("docs/IMPORT.md")).unwrap();
    let block = doc
        .split("```corrections\n")
        .nth(1)
        .expect("docs/IMPORT.md has a corrections block");
    block
        .split("```")
        .next()
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_seed_round_trip_differs_only_by_the_hand_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x");
    let output = actionplan(repo())
        .args(["import", SEED, "--out"])
        .arg(&out)
        .args(["--title", TITLE, "--organisation", ORGANISATION])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let plan = repo().join("plan");
    // The committee's requests come from its minutes, not the plan table.
    let mut files = toml_files(&plan);
    assert!(files.remove("requests.toml"));
    assert_eq!(toml_files(&out), files, "the same files");
    let mut found = BTreeSet::new();
    for file in files {
        let read = |root: &Path| {
            toml::Value::Table(
                toml::from_str(&fs::read_to_string(root.join(&file)).unwrap()).unwrap(),
            )
        };
        let mut keys = BTreeSet::new();
        differences(&read(&plan), &read(&out), "", &mut keys);
        found.extend(keys.into_iter().map(|k| format!("{file}: {k}")));
    }
    assert_eq!(found, documented_corrections());
    let report = stderr(&output);
    assert!(
        report.contains("4 sections, 43 recommendations, 45 actions, 16 officers"),
        "{report}"
    );
    assert!(report.contains(
        "“Head of Safeguarding and Vulnerable Children” and “Head of Safeguarding & Vulnerable”"
    ));
}

#[test]
fn an_existing_folder_is_kept_unless_forced_and_a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo().join(SEED);
    let seed = seed.to_str().unwrap();
    fs::create_dir(dir.path().join("plan")).unwrap();
    fs::write(dir.path().join("plan/plan.toml"), "title = \"Old\"\n").unwrap();
    fs::write(dir.path().join("plan/keep.txt"), "mine").unwrap();

    let refused = import(dir.path(), &[seed, "--out", "plan"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--force"));
    assert_eq!(
        fs::read_to_string(dir.path().join("plan/keep.txt")).unwrap(),
        "mine"
    );

    let dry = import(dir.path(), &[seed, "--out", "new", "--dry-run"]);
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stdout).contains("would write new/2/2.7.toml"));
    assert!(!dir.path().join("new").exists());

    // Not even with --force while it holds something that is no plan file.
    let kept = import(dir.path(), &[seed, "--out", "plan", "--force"]);
    assert_eq!(kept.status.code(), Some(2), "{}", stderr(&kept));
    assert!(stderr(&kept).contains("keep.txt`, which is not a plan file"));
    fs::remove_file(dir.path().join("plan/keep.txt")).unwrap();
    let forced = import(
        dir.path(),
        &[seed, "--out", "plan", "--force", "--report", "report.md"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(dir.path().join("plan/4/4.15.toml").exists());
    let report = fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(report.starts_with("# Import of "), "{report}");
    assert!(report.contains("no title given"), "{report}");
}

#[test]
fn a_spreadsheet_export_with_bom_semicolons_and_multi_line_cells() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "\u{feff}Ref;Recommendation;Action(s);Target date;Success measure;Responsible officer;RAG;Progress\r\n\
               1;Governance;;;;;;\r\n\
               1.1;\"The Board agrees its terms; and publishes them\";\"Draft terms\r\nAgree terms\";31/03/2010;Terms agreed;\"HSCB Chair / DCS\";G;\r\n\
               1.2;Audit;Run the audit;Q2 2011/12;;DCS;Amber;\r\n";
    fs::write(dir.path().join("plan.csv"), csv).unwrap();
    let output = import(
        dir.path(),
        &[
            "plan.csv",
            "--out",
            "plan",
            "--title",
            "T",
            "--organisation",
            "O",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = fs::read_to_string(dir.path().join("plan/1/1.1.toml")).unwrap();
    assert!(
        text.contains("steps = [\"Draft terms\", \"Agree terms\"]")
            || text.contains("\"Draft terms\",\n  \"Agree terms\","),
        "{text}"
    );
    assert!(text.contains("due = 2010-03-31"), "{text}");
    assert!(text.contains("status = \"on_track\""));
    let officers = fs::read_to_string(dir.path().join("plan/officers.toml")).unwrap();
    // "HSCB Chair" is named alone nowhere else, but " / " between two
    // roles (a role word, an acronym) separates two officers, reported.
    assert!(
        officers.contains("title = \"HSCB Chair\"") && officers.contains("title = \"DCS\""),
        "{officers}"
    );
    assert!(
        stderr(&output)
            .contains("owner “HSCB Chair / DCS” split at “ / ” into “HSCB Chair”, “DCS”"),
        "{}",
        stderr(&output)
    );
    let report = stderr(&output);
    // Q2 2011/12 is certain, and `check` reads it with the same reader.
    assert!(
        !report.contains("Q2 2011/12") && !report.contains("unreadable-timescale"),
        "{report}"
    );
    assert!(
        fs::read_to_string(dir.path().join("plan/1/1.2.toml"))
            .unwrap()
            .contains("due = 2011-09-30")
    );
}

#[test]
fn an_unknown_status_and_undated_progress_are_kept_as_notes_and_the_plan_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    // Windows-1252, an unknown status and an undated progress note.
    let mut csv =
        b"Ref,Recommendation,Action,Timescale,Lead,Status,Progress\n1.1,Children".to_vec();
    csv.extend(b"\x92s services,Act,April 2009,DCS,Nearly there,Met twice\n");
    fs::write(dir.path().join("plan.csv"), csv).unwrap();
    let output = import(
        dir.path(),
        &[
            "plan.csv",
            "--out",
            "plan",
            "--title",
            "T",
            "--organisation",
            "O",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stderr(&output);
    assert!(report.contains("Windows-1252"), "{report}");
    assert!(
        report.contains("status “Nearly there” not recognised"),
        "{report}"
    );
    assert!(
        report.contains("row 2: progress kept as a note with no date"),
        "{report}"
    );
    assert!(!report.contains("error["), "{report}");
    let text = fs::read_to_string(dir.path().join("plan/1/1.1.toml")).unwrap();
    assert!(text.contains("Children’s services"));
    assert!(
        text.contains("Nearly there") && text.contains("Met twice"),
        "nothing is lost: {text}"
    );
}

#[test]
fn bad_input_is_refused_or_reported_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.csv"), "").unwrap();
    fs::write(
        dir.path().join("binary.xlsx"),
        b"PK\x03\x04\x00\x00\x08\x00",
    )
    .unwrap();
    for (file, expected) in [
        ("empty.csv", "empty"),
        ("binary.xlsx", "not text"),
        ("missing.csv", "cannot read"),
    ] {
        let output = import(dir.path(), &[file, "--out", "plan"]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        assert!(
            stderr(&output).contains(expected),
            "{file}: {}",
            stderr(&output)
        );
    }
    // 100,000 rows: further actions of one recommendation, ragged.
    let mut big =
        String::from("Ref,Recommendation,Action,Timescale,Lead\n1.1,R,A,April 2009,DCS\n");
    for i in 0..100_000 {
        big.push_str(if i % 3 == 0 {
            ",,more\n"
        } else {
            ",,more,April 2009,DCS,extra\n"
        });
    }
    fs::write(dir.path().join("big.csv"), big).unwrap();
    let output = import(
        dir.path(),
        &[
            "big.csv",
            "--out",
            "plan",
            "--title",
            "T",
            "--organisation",
            "O",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        &stderr(&output)[..500.min(stderr(&output).len())]
    );
    assert!(!stderr(&output).contains("panicked"));
}
