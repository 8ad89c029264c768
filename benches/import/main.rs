//! `cargo bench --bench import`: `actionplan import` of generated
//! spreadsheet tables of 10,000, 40,000 and 160,000 rows, against a floor
//! measured in the same run (the same reading and writing and nothing
//! else; see floor.rs), and `import --dry-run` (everything but the writing
//! and the closing check). Reports the median wall time and peak memory,
//! their ratios to the floor, and how time grows from the smallest table
//! to the largest: 16 times the rows should take about 16 times as long,
//! not 256.
//!
//! Every run writes a folder of its own, all deleted only at the end
//! (about 2 GB at 160,000 rows): ext4 is slow to create files just after
//! a mass deletion, which made the floor itself grow faster than its input.
//!
//! `BENCH_SIZES=10000,40000` picks sizes; `BENCH_RUNS=3` the runs per
//! figure; `BENCH_OUT=/dev/shm/x` where the plans are written (default
//! target/tmp/import-out).

mod floor;
mod generate;
#[path = "../plans/measure.rs"]
mod measure;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The importer refuses larger tables.
const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--floor") {
        println!("{}", floor::run(Path::new(&args[2]), Path::new(&args[3])));
        return;
    }
    let sizes = env_list("BENCH_SIZES", &[10_000, 40_000, 160_000]);
    let runs = env_list("BENCH_RUNS", &[3])[0].max(1);
    println!(
        "actionplan import benchmark: median of {runs} runs; ratio = tool / floor (same run)\n"
    );
    println!(
        "{:>8}  {:>9}  {:<7} {:>9} {:>10} {:>7} {:>7}",
        "rows", "bytes", "command", "time", "peak", "time×", "mem×"
    );
    let out = Outputs::new();
    let mut measured = Vec::new();
    for &size in &sizes {
        measured.push(bench(size, runs, &out));
    }
    growth(&sizes, &measured);
}

fn env_list(name: &str, default: &[usize]) -> Vec<usize> {
    std::env::var(name)
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| default.to_vec())
}

/// (floor, import, dry run) for one size.
fn bench(size: usize, runs: usize, out: &Outputs) -> [measure::Run; 3] {
    let table = table(size);
    let bytes = std::fs::metadata(&table).unwrap().len();
    let mut floor = || {
        let mut c = Command::new(std::env::current_exe().unwrap());
        c.arg("--floor").arg(&table).arg(out.fresh());
        c
    };
    let mut import = || tool(&table, &out.fresh(), &[]);
    let mut dry_run = || tool(&table, &out.fresh(), &["--dry-run"]);
    let results = measure::interleaved(runs, &mut [&mut floor, &mut import, &mut dry_run]);
    let [floor, import, dry_run]: [measure::Run; 3] = results.try_into().ok().unwrap();
    assert_eq!(
        floor.stdout.trim(),
        size.to_string(),
        "the floor reads every row"
    );
    assert_eq!(import.code, 0, "the imported plan must pass check");
    for (name, run) in [
        ("floor", &floor),
        ("import", &import),
        ("dry-run", &dry_run),
    ] {
        println!(
            "{size:>8}  {bytes:>9}  {name:<7} {}",
            measure::figures(run, &floor)
        );
    }
    [floor, import, dry_run]
}

fn tool(table: &Path, out: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    c.arg("import").arg(table).arg("--out").arg(out).args(args);
    c.args([
        "--title",
        "Synthetic plan",
        "--organisation",
        "Example Council",
    ]);
    c
}

/// A new folder name for every run, under one root deleted at the end.
struct Outputs {
    root: PathBuf,
    runs: Cell<usize>,
}

impl Outputs {
    fn new() -> Outputs {
        let root = std::env::var_os("BENCH_OUT").map_or_else(
            || Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-out"),
            PathBuf::from,
        );
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        Outputs {
            root,
            runs: Cell::new(0),
        }
    }

    fn fresh(&self) -> PathBuf {
        self.runs.set(self.runs.get() + 1);
        self.root.join(self.runs.get().to_string())
    }
}

impl Drop for Outputs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// How time grows from the smallest size to the largest.
fn growth(sizes: &[usize], measured: &[[measure::Run; 3]]) {
    let (Some(first), Some(last)) = (measured.first(), measured.last()) else {
        return;
    };
    if sizes.len() < 2 {
        return;
    }
    let (small, large) = (sizes[0], sizes[sizes.len() - 1]);
    let grew = |i: usize| last[i].wall.as_secs_f64() / first[i].wall.as_secs_f64();
    println!(
        "\ngrowth {large}/{small} rows ({:.0}× the rows): import {:.1}× the time, \
         dry run {:.1}×, floor {:.1}×",
        large as f64 / small as f64,
        grew(1),
        grew(2),
        grew(0),
    );
}

/// Tables are generated once into target/ and reused.
fn table(size: usize) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("import-{size}.csv"));
    if !path.exists() {
        eprintln!("generating a table of {size} rows in {}", path.display());
        let text = generate::table(size);
        assert!(
            text.len() < MAX_INPUT_BYTES,
            "{size} rows make {} bytes, over the importer's 64 MiB",
            text.len()
        );
        std::fs::write(&path, text).unwrap();
    }
    path
}
