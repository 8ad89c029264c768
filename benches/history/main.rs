//! `cargo bench --bench history`: `history REF` and `changes` on a
//! generated repository of 200 recommendation files and 2,000 one-file
//! commits, against floors measured in the same run:
//!
//! - history: `git log --raw -- FILE` piped to one `git cat-file --batch`
//!   of every version of the file: the least any tool must read;
//! - changes: `git log -p -- .` over the plan folder: git's own diff of
//!   the whole history.
//!
//! and `trajectory` over 12 meetings against `changes` over the same
//! history, in the same run (the target: within 2×).
//!
//! `BENCH_RUNS=5` sets the runs per figure; `BENCH_RECOMMENDATIONS=10000`
//! the files (200 by default).

#[path = "../plans/generate.rs"]
#[allow(dead_code)]
mod generate;
#[path = "../plans/measure.rs"]
mod measure;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const COMMITS: usize = 2_000;
const STATUSES: [&str; 4] = ["not_started", "on_track", "at_risk", "complete"];

fn main() {
    let runs = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5usize)
        .max(1);
    let recommendations = std::env::var("BENCH_RECOMMENDATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200usize)
        .max(1);
    let repo = repository(recommendations);
    let plan = repo.join("plan");
    hold_meetings(&plan);
    let file = busiest_file(&plan);
    let reference = file.file_stem().unwrap().to_str().unwrap().to_string();
    let file = file.to_str().unwrap().to_string();
    println!(
        "actionplan history benchmark: {recommendations} files, {COMMITS} commits; \
         median of {runs} runs; ratio = tool / floor (same run)\n"
    );
    println!(
        "{:<22} {:>9} {:>10} {:>7} {:>7}",
        "command", "time", "peak", "time×", "mem×"
    );
    let floor_script = format!(
        "git log --format= --raw --no-abbrev -- {file} | awk '{{print $4}}' | git cat-file --batch"
    );
    let mut history_floor = || shell(&plan, &floor_script);
    let mut history = || tool(&plan, &["history", &reference, "--format", "csv"]);
    let mut changes_floor = || {
        let mut c = Command::new("git");
        c.current_dir(&plan).args(["log", "-p", "--", "."]);
        c
    };
    let mut changes = || {
        tool(
            &plan,
            &["changes", "--since", "1970-01-01", "--format", "csv"],
        )
    };
    let mut trajectory = || {
        tool(
            &plan,
            &["trajectory", "--as-of", "2009-04-01", "--format", "csv"],
        )
    };
    let results = measure::interleaved(
        runs,
        &mut [
            &mut history_floor,
            &mut history,
            &mut changes_floor,
            &mut changes,
            &mut trajectory,
        ],
    );
    let [hf, h, cf, c, t] = <[measure::Run; 5]>::try_from(results).ok().unwrap();
    assert_eq!(t.code, 0, "trajectory must succeed");
    assert!(
        t.stdout
            .lines()
            .next()
            .unwrap_or_default()
            .contains("2009-03-30"),
        "a column per meeting"
    );
    assert_eq!(h.code, 0, "history must succeed");
    assert_eq!(c.code, 0, "changes must succeed");
    let versions = hf.stdout.matches(" blob ").count();
    assert!(
        h.stdout.lines().count() > versions,
        "history lists every version"
    );
    report("floor: log+cat-file", &hf, &hf);
    report(&format!("history {reference}"), &h, &hf);
    report("floor: git log -p", &cf, &cf);
    report("changes (all)", &c, &cf);
    println!("\n(trajectory against changes, the same history)");
    report("trajectory (12 meetings)", &t, &c);
}

/// Twelve weekly meetings across the generated history (one commit an
/// hour from 5 January 2009), written into plan.toml's working copy; and
/// the working copy made valid, as `trajectory` (like every report)
/// refuses a plan with errors: the generator changes statuses without an
/// update saying so, so the updates' statuses are left out. The history
/// itself is untouched.
fn hold_meetings(plan: &Path) {
    let path = plan.join("plan.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    if text.contains("meetings") {
        return;
    }
    for section in std::fs::read_dir(plan).unwrap() {
        let section = section.unwrap().path();
        if !section.is_dir() || section.file_name().unwrap() == ".git" {
            continue;
        }
        for file in std::fs::read_dir(&section).unwrap() {
            let file = file.unwrap().path();
            let text = std::fs::read_to_string(&file).unwrap();
            std::fs::write(&file, without_update_statuses(&text)).unwrap();
        }
    }
    let dates: Vec<String> = (0..12)
        .map(|week| chrono_free_date(12 + 7 * week))
        .collect();
    let line = format!("meetings = [{}]\n", dates.join(", "));
    let text = text.replacen("reporting = ", &format!("{line}reporting = "), 1);
    std::fs::write(&path, text).unwrap();
}

/// `text` with no `status` in its `[[actions.updates]]` tables.
fn without_update_statuses(text: &str) -> String {
    let mut in_update = false;
    let mut kept = String::with_capacity(text.len());
    for line in text.lines() {
        if line.starts_with('[') {
            in_update = line.trim() == "[[actions.updates]]";
        }
        if !(in_update && line.starts_with("status = ")) {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// Day `n` of 2009 counted from 1 January as day 1, for n up to 90.
fn chrono_free_date(n: u32) -> String {
    let (month, day) = match n {
        1..=31 => (1, n),
        32..=59 => (2, n - 31),
        _ => (3, n - 59),
    };
    format!("2009-{month:02}-{day:02}")
}

fn tool(plan: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    c.arg("--plan").arg(plan).args(args);
    c
}

fn shell(dir: &Path, script: &str) -> Command {
    let mut c = Command::new("sh");
    c.current_dir(dir).args(["-c", script]);
    c
}

fn report(name: &str, run: &measure::Run, floor: &measure::Run) {
    println!("{name:<22} {}", measure::figures(run, floor));
}

/// The file most commits touched (the generator spreads them evenly, so
/// the first recommendation's file).
fn busiest_file(plan: &Path) -> PathBuf {
    let listing = git(plan, &["log", "--format=", "--name-only", "--", "."]);
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for line in listing
        .lines()
        .filter(|l| l.ends_with(".toml") && l.contains('/'))
    {
        *counts.entry(line).or_default() += 1;
    }
    let (busiest, _) = counts.into_iter().max_by_key(|(_, n)| *n).unwrap();
    // `git log` names files from the repository root.
    PathBuf::from(busiest.strip_prefix("plan/").unwrap())
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Generated once into target/ and reused.
fn repository(recommendations: usize) -> PathBuf {
    let name = match recommendations {
        200 => "history-repo".to_string(),
        n => format!("history-repo-{n}"),
    };
    let repo = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if repo.join(".complete").exists() {
        return repo;
    }
    eprintln!("generating {COMMITS} commits in {}", repo.display());
    let _ = std::fs::remove_dir_all(&repo);
    generate::plan(&repo.join("plan"), recommendations);
    let files = read_files(&repo);
    let _ = std::fs::remove_dir_all(repo.join("plan"));
    git(
        &repo_parent(&repo),
        &["init", "-q", "-b", "main", repo.to_str().unwrap()],
    );
    fast_import(&repo, files);
    git(&repo, &["checkout", "-q", "-f", "main"]);
    std::fs::write(repo.join(".complete"), "").unwrap();
    repo
}

fn repo_parent(repo: &Path) -> PathBuf {
    repo.parent().unwrap().to_path_buf()
}

/// Every file of the generated plan: (path from the repository root, text).
fn read_files(repo: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![repo.join("plan")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(repo)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_string();
                files.push((relative, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// The first commit adds the plan; each later one changes one
/// recommendation: every fourth a status, the others append an update.
fn fast_import(repo: &Path, mut files: Vec<(String, String)>) {
    let mut stream = String::new();
    let all: Vec<usize> = (0..files.len()).collect();
    commit(&mut stream, 1, "Import the plan", &files, &all);
    let recs: Vec<usize> = (0..files.len())
        .filter(|i| files[*i].0.matches('/').count() == 2)
        .collect();
    for n in 2..=COMMITS {
        let index = recs[(n * 7) % recs.len()];
        let text = &mut files[index].1;
        let subject = if n % 4 == 0 {
            let from = STATUSES
                .iter()
                .find(|s| text.contains(&format!("status = \"{s}\"")))
                .copied()
                .unwrap_or("deferred");
            let to = STATUSES[n % STATUSES.len()];
            *text = text.replacen(
                &format!("status = \"{from}\""),
                &format!("status = \"{to}\""),
                1,
            );
            format!("status {from} → {to}")
        } else {
            let day = 1 + n % 28;
            write!(
                text,
                "\n[[actions.updates]]\ndate = 2010-01-{day:02}\nnote = \"Progress note {n}\"\n"
            )
            .unwrap();
            format!("progress note {n}")
        };
        commit(&mut stream, n, &subject, &files, &[index]);
    }
    let mut child = Command::new("git")
        .current_dir(repo)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stream.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "git fast-import");
}

fn commit(
    stream: &mut String,
    mark: usize,
    subject: &str,
    files: &[(String, String)],
    changed: &[usize],
) {
    // One commit an hour from the plan's adoption.
    let when = 1_231_142_400 + mark as u64 * 3600;
    write!(stream, "commit refs/heads/main\nmark :{mark}\n").unwrap();
    for who in ["author", "committer"] {
        writeln!(
            stream,
            "{who} Business Manager <bm@example.org> {when} +0000"
        )
        .unwrap();
    }
    write!(stream, "data {}\n{subject}\n", subject.len()).unwrap();
    if mark > 1 {
        writeln!(stream, "from :{}", mark - 1).unwrap();
    }
    for &i in changed {
        let (path, text) = &files[i];
        write!(
            stream,
            "M 100644 inline {path}\ndata {}\n{text}\n",
            text.len()
        )
        .unwrap();
    }
}
