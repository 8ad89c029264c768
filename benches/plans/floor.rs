//! The floor: the least any tool must do to answer "what does this officer
//! have overdue?" — read every file, parse it with the `toml` crate into
//! plain serde structs on all cores, then count.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::value::Datetime;

#[derive(Deserialize)]
#[allow(dead_code)] // read to be parsed, as a real tool would
struct Recommendation {
    #[serde(rename = "ref")]
    reference: String,
    recommendation: String,
    actions: Vec<Action>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Action {
    text: Option<String>,
    steps: Option<Vec<String>>,
    timescale: Option<String>,
    due: Option<Datetime>,
    success: Option<Vec<String>>,
    lead: Vec<String>,
    resources: Option<Vec<String>>,
    status: String,
    updates: Option<Vec<Update>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Update {
    date: Datetime,
    status: Option<String>,
    note: Option<String>,
}

fn files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for section in std::fs::read_dir(root).unwrap() {
        let section = section.unwrap().path();
        if section.is_dir() {
            for file in std::fs::read_dir(&section).unwrap() {
                files.push(file.unwrap().path());
            }
        }
    }
    files
}

fn parse(paths: &[PathBuf]) -> Vec<Recommendation> {
    paths
        .iter()
        .map(|p| toml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// Overdue actions led by `officer` as of `as_of` (ISO dates compare as text).
pub fn run(root: &Path, officer: &str, as_of: &str) -> usize {
    let files = files(root);
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = files.len().div_ceil(workers).max(1);
    let plan: Vec<Recommendation> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|c| scope.spawn(move || parse(c)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    plan.iter()
        .flat_map(|r| &r.actions)
        .filter(|a| a.lead.iter().any(|l| l == officer))
        .filter(|a| a.status != "complete" && a.status != "deferred")
        .filter(|a| {
            a.due
                .as_ref()
                .is_some_and(|d| d.to_string().as_str() < as_of)
        })
        .count()
}
