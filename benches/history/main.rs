//! `cargo bench --bench history`: `history REF` and `changes` on a
//! generated repository of 200 recommendation files and 2,000 one-file
//! commits, against floors measured in the same run:
//!
//! - history: `git log --raw -- FILE` piped to one `git cat-file --batch`
//!   of every version of the file: the least any tool must read;
//! - changes: `git log -p -- .` over the plan folder: git's own diff of
//!   the whole history;
//!
//! and `trajectory` over 12 meetings against `changes` over the same
//! history, in the same run (the target: within 2×).
//!
//! Then, on a copy of the repository after `git gc --aggressive` (packed
//! objects, stored as deltas), `changes` over the whole history against
//! `git log --raw -- .` piped to one `git cat-file --batch` of every
//! version it names (the target: within 2×).
//!
//! Last, the digest of a plan of `BENCH_DIGEST_RECOMMENDATIONS` (10,000 by
//! default) whose period holds the commit that imported every file and
//! the 2,000 after it: `digest --since 2009-01-01 --as-of 2009-03-31 -o
//! FILE` against a floor of `git log --raw` of the period piped to one
//! `git cat-file --batch` of its versions, then the `plans` bench's floor
//! (every file of the working tree read and parsed with the `toml` crate
//! on all cores); and, for comparison, the digest of the same working tree
//! copied out of git against the same `plans` floor (the target: within
//! 2.5× in git).
//!
//! `BENCH_RUNS=5` sets the runs per figure; `BENCH_RECOMMENDATIONS=10000`
//! the files (200 by default); `BENCH_DIGEST_RECOMMENDATIONS=0` leaves out
//! the digest; `BENCH_ACTIONPLAN=PATH` measures another build of the tool.

#[path = "../plans/floor.rs"]
mod floor;
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

/// The digest's dates: its period holds the whole generated history,
/// the import included.
const DIGEST_SINCE: &str = "2009-01-01";
const DIGEST_AS_OF: &str = "2009-03-31";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--floor") {
        println!("{}", floor::run(Path::new(&args[2]), &args[3], &args[4]));
        return;
    }
    let runs = env_number("BENCH_RUNS", 5).max(1);
    let recommendations = env_number("BENCH_RECOMMENDATIONS", 200).max(1);
    let digest_recommendations = env_number("BENCH_DIGEST_RECOMMENDATIONS", 10_000);
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
    after_gc(&repo, recommendations, runs);
    if digest_recommendations > 0 {
        digest(digest_recommendations, runs);
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// `changes` over the whole history of a copy of `repo` after `git gc
/// --aggressive`, against `git log --raw` piped to one `git cat-file
/// --batch` of every version it names (each once).
fn after_gc(repo: &Path, recommendations: usize, runs: usize) {
    let packed = repo.with_file_name(format!(
        "{}-gc",
        repo.file_name().unwrap().to_str().unwrap()
    ));
    if !packed.join(".complete").exists() {
        eprintln!("git gc --aggressive in {}", packed.display());
        let _ = std::fs::remove_dir_all(&packed);
        let status = Command::new("cp")
            .arg("-a")
            .arg(repo)
            .arg(&packed)
            .status()
            .unwrap();
        assert!(status.success(), "cp -a");
        git(&packed, &["gc", "--aggressive", "--quiet"]);
        std::fs::write(packed.join(".complete"), "").unwrap();
    }
    let plan = packed.join("plan");
    let floor_script = format!("{} | git cat-file --batch", versions_named("HEAD"));
    let mut floor = || shell(&plan, &floor_script);
    let mut changes = || {
        tool(
            &plan,
            &["changes", "--since", "1970-01-01", "--format", "csv"],
        )
    };
    let results = measure::interleaved(runs, &mut [&mut floor, &mut changes]);
    let [f, c] = <[measure::Run; 2]>::try_from(results).ok().unwrap();
    assert_eq!(c.code, 0, "changes must succeed");
    let versions = f.stdout.matches(" blob ").count();
    println!(
        "\n(after git gc --aggressive: {recommendations} files, {COMMITS} commits, \
         {versions} versions; floor = git log --raw | cat-file --batch)"
    );
    report("floor: log|cat-file", &f, &f);
    report("changes (all)", &c, &f);
}

/// A shell pipeline printing, once each, the object ids of every file
/// version `git log --raw` names in `range`, before and after.
fn versions_named(range: &str) -> String {
    format!(
        "git log --format= --raw --no-abbrev {range} -- . \
         | awk '{{print $3; print $4}}' | grep -v '^0*$' | awk '!seen[$0]++'"
    )
}

/// `digest --since DIGEST_SINCE --as-of DIGEST_AS_OF` of the generated
/// plan of `recommendations` files, whose period holds the import and
/// every commit after it, against the floor: `git log --raw` of the
/// period piped to one `git cat-file --batch` of its versions, then the
/// plans bench's floor over the working tree. And the same working tree
/// copied out of git, against the plans floor alone.
fn digest(recommendations: usize, runs: usize) {
    let repo = repository_as(recommendations, Generated::Valid);
    let plan = repo.join("plan");
    let dirty = git(&plan, &["status", "--porcelain", "--", "."]);
    assert!(dirty.is_empty(), "the digest's plan is as committed");
    let outside = repo.with_file_name(format!(
        "{}-outside-git",
        repo.file_name().unwrap().to_str().unwrap()
    ));
    let _ = std::fs::remove_dir_all(&outside);
    let status = Command::new("cp")
        .arg("-a")
        .arg(&plan)
        .arg(&outside)
        .status()
        .unwrap();
    assert!(status.success(), "cp -a");
    let officer = generate::officer_title(7);
    let exe = std::env::current_exe().unwrap();
    let floor_of = |dir: &Path| {
        format!(
            "{} --floor {} '{officer}' {DIGEST_AS_OF}",
            exe.display(),
            dir.display()
        )
    };
    // The period: after the last commit on or before the end of `since`.
    let start = git(
        &plan,
        &[
            "rev-list",
            "-1",
            &format!("--before={DIGEST_SINCE}T23:59:59+00:00"),
            "HEAD",
        ],
    );
    let range = match start.trim() {
        "" => "HEAD".to_string(),
        start => format!("{start}..HEAD"),
    };
    let in_git_floor = format!(
        "{} | git cat-file --batch >/dev/null && {}",
        versions_named(&range),
        floor_of(&plan)
    );
    let outside_floor = floor_of(&outside);
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("history-digest.md");
    let out = out.to_str().unwrap();
    let args = [
        "digest",
        "--since",
        DIGEST_SINCE,
        "--as-of",
        DIGEST_AS_OF,
        "-o",
        out,
    ];
    let mut floor = || shell(&plan, &in_git_floor);
    let mut in_git = || tool(&plan, &args);
    let mut plain_floor = || shell(&outside, &outside_floor);
    let mut plain = || tool(&outside, &args);
    let results = measure::interleaved(
        runs,
        &mut [&mut floor, &mut in_git, &mut plain_floor, &mut plain],
    );
    let [f, d, pf, p] = <[measure::Run; 4]>::try_from(results).ok().unwrap();
    assert_eq!((d.code, p.code), (0, 0), "the digests must succeed");
    let commits = git(&plan, &["rev-list", "--count", &range]);
    println!(
        "\n(digest of {recommendations} recommendations, {} commits in its period, \
         the import of every file among them; floor = log|cat-file of the period, \
         then the plans floor)",
        commits.trim()
    );
    report("floor: git + plan", &f, &f);
    report("digest, in git", &d, &f);
    report("floor: plan", &pf, &pf);
    report("digest, outside git", &p, &pf);
    let _ = std::fs::remove_dir_all(&outside);
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

/// The tool: `BENCH_ACTIONPLAN` (another build, for a before-and-after
/// comparison in one run), else this build's.
fn tool(plan: &Path, args: &[&str]) -> Command {
    let exe = std::env::var_os("BENCH_ACTIONPLAN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_actionplan").into());
    let mut c = Command::new(exe);
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

/// How the generated plan is committed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Generated {
    /// As the plans bench makes it: the generator then changes statuses
    /// with no update saying so, which `check` reports (the working copy
    /// is made valid by [`hold_meetings`]).
    AsMade,
    /// Committed valid from the start, its twelve meetings in plan.toml:
    /// the working tree is the last commit, as a paper is made from.
    Valid,
}

/// Generated once into target/ and reused.
fn repository(recommendations: usize) -> PathBuf {
    repository_as(recommendations, Generated::AsMade)
}

fn repository_as(recommendations: usize, how: Generated) -> PathBuf {
    let name = match (recommendations, how) {
        (200, Generated::AsMade) => "history-repo".to_string(),
        (n, Generated::AsMade) => format!("history-repo-{n}"),
        (n, Generated::Valid) => format!("history-repo-valid-{n}"),
    };
    let repo = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if repo.join(".complete").exists() {
        return repo;
    }
    eprintln!("generating {COMMITS} commits in {}", repo.display());
    let _ = std::fs::remove_dir_all(&repo);
    generate::plan(&repo.join("plan"), recommendations);
    if how == Generated::Valid {
        hold_meetings(&repo.join("plan"));
    }
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
