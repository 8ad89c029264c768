//! `cargo bench --bench plans`: `check` and `overdue --lead X --as-of D
//! --format csv` on synthetic plans of 1,000, 10,000 and 100,000
//! recommendations, against a floor measured in the same run. Reports the
//! median wall time and peak memory, and their ratios to the floor.
//!
//! Then every other read command once (`overdue*` is the table form), for
//! its peak memory against the same floor; and the workbook export
//! (`export --format xlsx`) and the Word digest (`digest --format docx`)
//! each against the CSV export of the same plan, interleaved, for both
//! ratios.
//!
//! `BENCH_SIZES=1000,10000` picks sizes; `BENCH_RUNS=5` the runs per figure.

mod floor;
mod generate;
mod measure;

use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2010-06-30";
const OFFICER: usize = 7;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--floor") {
        println!("{}", floor::run(Path::new(&args[2]), &args[3], &args[4]));
        return;
    }
    let sizes = env_list("BENCH_SIZES", &[1_000, 10_000, 100_000]);
    let runs = env_list("BENCH_RUNS", &[5])[0].max(1);
    println!("actionplan benchmark: median of {runs} runs; ratio = tool / floor (same run)\n");
    println!(
        "{:>8}  {:<9} {:>9} {:>10} {:>7} {:>7}",
        "recs", "command", "time", "peak", "time×", "mem×"
    );
    for size in sizes {
        bench(size, runs);
    }
}

fn env_list(name: &str, default: &[usize]) -> Vec<usize> {
    std::env::var(name)
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| default.to_vec())
}

fn bench(size: usize, runs: usize) {
    let dir = plan_dir(size);
    let officer = generate::officer_title(OFFICER);
    let lead = [
        "overdue", "--lead", &officer, "--as-of", AS_OF, "--format", "csv",
    ];
    let mut floor = || {
        let mut c = Command::new(std::env::current_exe().unwrap());
        c.args(["--floor", dir.to_str().unwrap(), &officer, AS_OF]);
        c
    };
    let mut check = || tool(&dir, &["check"]);
    let mut overdue = || tool(&dir, &lead);
    let mut results =
        measure::interleaved(runs, &mut [&mut floor, &mut check, &mut overdue]).into_iter();
    let (floor, check, overdue) = (
        results.next().unwrap(),
        results.next().unwrap(),
        results.next().unwrap(),
    );
    assert_eq!(check.code, 0, "the generated plan must pass check");
    let rows = overdue.stdout.lines().count().saturating_sub(1);
    assert_eq!(
        rows.to_string(),
        floor.stdout.trim(),
        "tool and floor must agree on the answer"
    );
    report(size, "floor", &floor, &floor);
    report(size, "check", &check, &floor);
    report(size, "overdue", &overdue, &floor);
    every_command(&dir, size, &floor);
    let xlsx = ["export", "--format", "xlsx", "--as-of", AS_OF];
    against_csv(&dir, size, runs, ("xlsx", &xlsx, "appendix.xlsx"));
    let docx = ["digest", "--format", "docx", "--as-of", AS_OF];
    against_csv(&dir, size, runs, ("docx", &docx, "digest.docx"));
}

/// A paper (`name`: its arguments and the file it is written to) against
/// `export` (CSV) of the same plan, both to a file, interleaved: its time
/// and peak memory as multiples of the CSV's. The targets at 10,000
/// recommendations are 3× and 2×.
fn against_csv(dir: &Path, size: usize, runs: usize, paper: (&str, &[&str], &str)) {
    let (name, args, file) = paper;
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let (csv_out, paper_out) = (tmp.join("appendix.csv"), tmp.join(file));
    let (csv_out, paper_out) = (csv_out.to_str().unwrap(), paper_out.to_str().unwrap());
    let export = ["export", "--format", "csv", "--as-of", AS_OF, "-o", csv_out];
    let mut csv = || tool(dir, &export);
    let written: Vec<&str> = args.iter().copied().chain(["-o", paper_out]).collect();
    let mut paper = || tool(dir, &written);
    let mut results = measure::interleaved(runs, &mut [&mut csv, &mut paper]).into_iter();
    let (csv, paper) = (results.next().unwrap(), results.next().unwrap());
    assert_eq!(
        (csv.code, paper.code),
        (0, 0),
        "{name} and the CSV must succeed"
    );
    let kib = |path: &str| std::fs::metadata(path).map_or(0, |m| m.len()) / 1024;
    println!(
        "{size:>8}  {:<9} {}   (÷ itself; {} KiB)",
        "csv",
        measure::figures(&csv, &csv),
        kib(csv_out)
    );
    println!(
        "{size:>8}  {:<9} {}   (÷ csv; {} KiB)",
        name,
        measure::figures(&paper, &csv),
        kib(paper_out)
    );
}

/// Every other read command once, for its peak memory against the floor:
/// none may hold a whole report in memory.
fn every_command(dir: &Path, size: usize, floor: &measure::Run) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report.out");
    let out = out.to_str().unwrap();
    let commands: [(&str, &[&str]); 8] = [
        ("list", &["list", "--format", "csv"]),
        ("overdue*", &["overdue", "--as-of", AS_OF]),
        ("show", &["show", "7.1"]),
        ("leads", &["leads", "--as-of", AS_OF]),
        ("export", &["export", "-o", out]),
        ("export-js", &["export", "--format", "json", "-o", out]),
        ("digest", &["digest", "--as-of", AS_OF, "-o", out]),
        (
            "digest-h",
            &["digest", "--format", "html", "--as-of", AS_OF, "-o", out],
        ),
    ];
    for (name, args) in commands {
        let run = measure::run(&mut tool(dir, args));
        assert_eq!(run.code, 0, "{name} must succeed");
        report(size, name, &run, floor);
    }
}

fn tool(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    c.arg("--plan").arg(dir).args(args);
    c
}

/// Plans are generated once into target/ and reused.
fn plan_dir(size: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("plan-{size}"));
    let marker = dir.join(".complete");
    if !marker.exists() {
        eprintln!(
            "generating a plan of {size} recommendations in {}",
            dir.display()
        );
        generate::plan(&dir, size);
        std::fs::write(marker, "").unwrap();
    }
    dir
}

fn report(size: usize, name: &str, run: &measure::Run, floor: &measure::Run) {
    println!("{size:>8}  {name:<9} {}", measure::figures(run, floor));
}
