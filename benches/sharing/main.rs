//! `cargo bench --bench sharing`:
//!
//! - the merge driver on a recommendation file of about 1 MB whose two
//!   sides each hold 5,000 updates (2,500 shared with the base, 2,500 of
//!   their own), against `git merge-file` on the same three files (target:
//!   within 3×);
//! - `sync` of 100 incoming commits into a clone of a 10,000-recommendation
//!   plan, against `git pull` plus `actionplan check` on an identical clone
//!   (target: within 2×).
//!
//! `BENCH_RUNS=5` the runs of the driver comparison.

#[path = "../plans/generate.rs"]
mod generate;
// Shared with the plans benchmark, which reads what this one does not.
#[allow(dead_code)]
#[path = "../plans/measure.rs"]
mod measure;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let runs = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    println!("actionplan sharing benchmark: median of {runs} runs; ratio = tool / floor\n");
    println!(
        "{:<14} {:>9} {:>10} {:>7} {:>7}",
        "command", "time", "peak", "time×", "mem×"
    );
    driver_against_merge_file(runs);
    sync_against_pull();
}

fn tmp() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sharing")
}

/// A recommendation file with `shared` updates and `own` more marked
/// `side`.
fn recommendation(shared: usize, own: usize, side: &str) -> String {
    let mut text = String::from(
        "ref = \"2.7\"\nrecommendation = \"Agree the information sharing protocol.\"\n\n\
         [[actions]]\ntext = \"Draft, consult on and sign off the protocol\"\n\
         due = 2010-03-31\nlead = [\"DCS\"]\nstatus = \"on_track\"\n",
    );
    // One update a day, as a plan's updates come: the sides' after the base's.
    let update = |text: &mut String, day: usize, who: &str| {
        let date =
            chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(day as u64);
        write!(
            text,
            "\n[[actions.updates]]\ndate = {date}\nnote = \"{who} progress note {day}: the partners met, agreed the next steps and \
             the dates by which each of them will report back to the Board\"\nby = \"{who}\"\n"
        )
        .unwrap();
    };
    for n in 0..shared {
        update(&mut text, n, "Base");
    }
    for n in 0..own {
        update(&mut text, shared + n, side);
    }
    text
}

fn driver_against_merge_file(runs: usize) {
    let dir = tmp().join("driver");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let base = recommendation(2_500, 0, "Base");
    let (mine, theirs) = (
        recommendation(2_500, 2_500, "Mine"),
        recommendation(2_500, 2_500, "Theirs"),
    );
    for (name, text) in [("base", &base), ("mine", &mine), ("theirs", &theirs)] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let fresh = |name: &str| {
        let copy = dir.join(name);
        std::fs::copy(dir.join("mine"), &copy).unwrap();
        copy
    };
    let mut floor = || {
        let ours = fresh("ours-floor");
        let mut c = Command::new("git");
        c.arg("merge-file")
            .arg("-q")
            .arg(ours)
            .arg(dir.join("base"))
            .arg(dir.join("theirs"));
        c
    };
    let mut driver = || {
        let ours = fresh("ours-driver");
        let mut c = Command::new(env!("CARGO_BIN_EXE_actionplan"));
        c.arg("merge-driver")
            .arg(dir.join("base"))
            .arg(ours)
            .arg(dir.join("theirs"))
            .arg("plan/2/2.7.toml");
        c
    };
    let mut results = measure::interleaved(runs, &mut [&mut floor, &mut driver]).into_iter();
    let (floor, driver) = (results.next().unwrap(), results.next().unwrap());
    assert_eq!(
        driver.code, 0,
        "the driver merges both sides' updates cleanly"
    );
    let merged = std::fs::read_to_string(dir.join("ours-driver")).unwrap();
    assert_eq!(
        merged.matches("[[actions.updates]]").count(),
        7_500,
        "every update once"
    );
    let kib = mine.len() / 1024;
    println!(
        "{:<14} {}   (git merge-file; each side {kib} KiB)",
        "floor",
        measure::figures(&floor, &floor)
    );
    println!(
        "{:<14} {}   (target 3×)",
        "merge-driver",
        measure::figures(&driver, &floor)
    );
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

/// A remote holding a 10,000-recommendation plan, a clone that pushed 100
/// commits to it, and two identical clones that have not yet seen them.
fn sync_against_pull() {
    let root = tmp().join("sync");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    git(&root, &["init", "-q", "--bare", "-b", "main", "remote.git"]);
    let first = root.join("first");
    generate::plan(&first.join("plan"), 10_000);
    git(&first, &["init", "-q", "-b", "main"]);
    git(&first, &["add", "-A"]);
    git(&first, &["commit", "-q", "-m", "The plan"]);
    git(&first, &["remote", "add", "origin", "../remote.git"]);
    git(&first, &["push", "-q", "-u", "origin", "main"]);
    for name in ["ours", "floor"] {
        git(&root, &["clone", "-q", "remote.git", name]);
        let exe = env!("CARGO_BIN_EXE_actionplan");
        let driver = format!("'{exe}' merge-driver %O %A %B %P");
        git(
            &root.join(name),
            &["config", "merge.actionplan.driver", &driver],
        );
    }
    for n in 1..=100 {
        let file = first.join(format!("plan/3/3.{n}.toml"));
        let mut text = std::fs::read_to_string(&file).unwrap();
        write!(text, "\n# reviewed in commit {n}\n").unwrap();
        std::fs::write(&file, text).unwrap();
        git(&first, &["commit", "-q", "-am", &format!("Review {n}")]);
    }
    git(&first, &["push", "-q", "origin", "main"]);
    let mut pull = Command::new("sh");
    pull.current_dir(root.join("floor")).arg("-c").arg(format!(
        "git pull -q --no-rebase origin main && '{}' --plan plan check >/dev/null",
        env!("CARGO_BIN_EXE_actionplan")
    ));
    let floor = measure::run(&mut pull);
    let mut sync = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    sync.current_dir(root.join("ours"))
        .args(["--plan", "plan", "--quiet", "sync"]);
    let synced = measure::run(&mut sync);
    assert_eq!(
        (floor.code, synced.code),
        (0, 0),
        "sync and its floor must succeed"
    );
    println!(
        "{:<14} {}   (git pull + check; 100 commits, 10,000 recommendations)",
        "floor",
        measure::figures(&floor, &floor)
    );
    println!(
        "{:<14} {}   (target 2×)",
        "sync",
        measure::figures(&synced, &floor)
    );
}
