//! `cargo bench --bench returns`: on a plan of 10,000 recommendations in
//! git,
//!
//! - `update` against its floor, `check` plus `git commit --only` of the
//!   file (target: within 1.3×), interleaved;
//! - `apply` of CSV returns covering 1,000 actions against its floor, the
//!   same changes made with `update --no-commit` and one `git commit` per
//!   form (target: within 2×), each on its own copy of the repository.
//!
//! `BENCH_RUNS=5` the runs of the update comparison; `BENCH_ACTIONS=1000`
//! (0 leaves the apply comparison out).

#[path = "../plans/generate.rs"]
mod generate;
// Shared with the plans benchmark, which reads what this one does not.
#[allow(dead_code)]
#[path = "../plans/measure.rs"]
mod measure;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const RECOMMENDATIONS: usize = 10_000;
const AS_OF: &str = "2010-06-30";

fn main() {
    let runs = env_number("BENCH_RUNS", 5);
    let actions = env_number("BENCH_ACTIONS", 1_000);
    let repo = repository("returns-repo");
    println!(
        "actionplan returns benchmark: {RECOMMENDATIONS} recommendations; ratio = tool / floor\n"
    );
    println!(
        "{:<10} {:>9} {:>10} {:>7} {:>7}",
        "command", "time", "peak", "time×", "mem×"
    );
    update_against_floor(&repo, runs);
    if actions > 0 {
        apply_against_floor(&repo, actions);
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `update REF --note` against `check` + appending to the file + `git
/// commit --only`, each run on the next recommendation.
fn update_against_floor(repo: &Path, runs: usize) {
    let plan = repo.join("plan");
    let mut next = 0;
    let mut update = || {
        next += 1;
        let mut c = tool(&plan);
        c.args([
            "update",
            &format!("1.{next}a"),
            "--note",
            &format!("Bench note {next}"),
        ])
        .args(["--date", AS_OF]);
        c
    };
    let mut other = 0;
    let mut floor = || {
        other += 1;
        let file = format!("2/2.{other}.toml");
        let script = format!(
            "{bin} --plan plan check >/dev/null && printf '\\n# bench %s\\n' {other} >> plan/{file} \
             && git commit -q --only -m 'bench {other}' -- plan/{file}",
            bin = env!("CARGO_BIN_EXE_actionplan")
        );
        let mut c = Command::new("sh");
        c.current_dir(repo).args(["-c", &script]);
        c
    };
    let mut results = measure::interleaved(runs, &mut [&mut floor, &mut update]).into_iter();
    let (floor, update) = (results.next().unwrap(), results.next().unwrap());
    assert_eq!(
        (floor.code, update.code),
        (0, 0),
        "update and its floor must succeed"
    );
    println!("{:<10} {}", "floor", measure::figures(&floor, &floor));
    println!(
        "{:<10} {}   (target 1.3×)",
        "update",
        measure::figures(&update, &floor)
    );
}

/// Fills CSV return forms until `actions` rows carry a progress note, then
/// applies them; the floor makes the same changes with `update
/// --no-commit` and one `git commit` per form.
fn apply_against_floor(repo: &Path, actions: usize) {
    let (ours, theirs) = (copy(repo, "returns-apply"), copy(repo, "returns-floor"));
    let forms = ours.join("forms");
    let issued = measure::run(tool(&ours.join("plan")).args([
        "returns",
        "--out",
        forms.to_str().unwrap(),
        "--format",
        "csv",
        "--as-of",
        AS_OF,
        "--by",
        "2010-07-31",
        "--force",
    ]));
    assert_eq!(issued.code, 0, "returns must succeed");
    let filled = fill_forms(&forms, actions);
    let mut script = String::from("set -e\n");
    for (form, refs) in &filled {
        for reference in refs {
            writeln!(
                script,
                "{} --plan plan update {reference} --note 'Return note {reference}' --date {AS_OF} --no-commit >/dev/null",
                env!("CARGO_BIN_EXE_actionplan")
            )
            .unwrap();
        }
        writeln!(script, "git commit -q -a -m 'Return {}'", form.display()).unwrap();
    }
    let script_file = theirs.join("floor.sh");
    std::fs::write(&script_file, script).unwrap();
    let mut floor_command = Command::new("sh");
    floor_command.current_dir(&theirs).arg(&script_file);
    let floor = measure::run(&mut floor_command);
    let mut apply = tool(&ours.join("plan"));
    apply.arg("apply").args(filled.iter().map(|(f, _)| f));
    let applied = measure::run(&mut apply);
    assert_eq!(
        (floor.code, applied.code),
        (0, 0),
        "apply and its floor must succeed"
    );
    let count: usize = filled.iter().map(|(_, r)| r.len()).sum();
    println!(
        "{:<10} {}   ({count} actions, {} forms)",
        "floor",
        measure::figures(&floor, &floor),
        filled.len()
    );
    println!(
        "{:<10} {}   (target 2×)",
        "apply",
        measure::figures(&applied, &floor)
    );
}

/// Writes a progress note into the first `actions` rows of the forms, in
/// file order; the forms filled and the refs of their filled rows.
fn fill_forms(forms: &Path, mut actions: usize) -> Vec<(PathBuf, Vec<String>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(forms)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let mut filled = Vec::new();
    for file in files {
        if actions == 0 {
            break;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let note = rows[0].iter().position(|h| h == "Progress note").unwrap();
        let date = rows[0].iter().position(|h| h == "Date of return").unwrap();
        let mut refs = Vec::new();
        for row in rows.iter_mut().skip(1).take(actions) {
            row[note] = format!("Return note {}", row[0]);
            row[date] = AS_OF.to_string();
            refs.push(row[0].clone());
        }
        actions -= refs.len();
        let mut writer = csv::Writer::from_path(&file).unwrap();
        for row in &rows {
            writer.write_record(row).unwrap();
        }
        writer.flush().unwrap();
        filled.push((file, refs));
    }
    filled
}

fn tool(plan: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    c.arg("--plan").arg(plan).arg("--quiet");
    c
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Business Manager")
        .env("GIT_AUTHOR_EMAIL", "bm@example.org")
        .env("GIT_COMMITTER_NAME", "Business Manager")
        .env("GIT_COMMITTER_EMAIL", "bm@example.org")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// A fresh repository holding the generated plan in one commit.
fn repository(name: &str) -> PathBuf {
    let repo = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&repo);
    generate::plan(&repo.join("plan"), RECOMMENDATIONS);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["config", "user.name", "Business Manager"]);
    git(&repo, &["config", "user.email", "bm@example.org"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "The plan"]);
    repo
}

fn copy(repo: &Path, name: &str) -> PathBuf {
    let to = repo.with_file_name(name);
    let _ = std::fs::remove_dir_all(&to);
    let status = Command::new("cp")
        .arg("-a")
        .arg(repo)
        .arg(&to)
        .status()
        .unwrap();
    assert!(status.success());
    to
}
