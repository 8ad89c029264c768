//! Plan files → [`Plan`]: reads them within limits from a [`Source`] (the
//! working tree, memory, or later a git revision) and turns every problem
//! on the way into a finding that names file and line.

mod committee;
mod events;
mod fields;
mod folder;
mod layout;
mod memory;
mod overlay;
mod schema;
mod text;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use toml::de::DeTable;

use crate::finding::{Check, Finding};
use crate::model::{FileId, Plan, Recommendation};
use crate::parallel;
use fields::Sink;
pub use folder::{Folder, find_plan};
pub use layout::{Layout, REQUESTS, Role, role};
pub use memory::Memory;
pub use overlay::Overlay;
pub use text::MAX_FILE_BYTES;

/// Where a plan's files come from.
pub trait Source: Sync {
    /// The plan folder as the user named it; finding paths start with it.
    fn root(&self) -> &Path;
    /// Which files are recommendations, and findings for anything else.
    fn layout(&self) -> Result<Layout>;
    /// A file's bytes, or the finding that says why they cannot be had.
    fn read(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>>;
}

/// A plan and everything found wrong while reading it.
pub struct Loaded {
    pub plan: Plan,
    pub findings: Vec<Finding>,
}

/// Reads the plan folder at `root` from the working tree.
pub fn load_plan(root: &Path) -> Result<Loaded> {
    load(&Folder::new(root))
}

/// Reads a plan. Fails only when its files cannot be listed; problems with
/// the files themselves are findings.
pub fn load(source: &impl Source) -> Result<Loaded> {
    let layout = source.layout()?;
    let mut plan = Plan {
        root: source.root().to_path_buf(),
        ..Plan::default()
    };
    let mut findings = layout.findings;
    plan.files = vec![PathBuf::from("plan.toml"), PathBuf::from("officers.toml")];
    let recommendations = layout.recommendations.len() as FileId;
    plan.files.extend(layout.recommendations);
    if layout.requests {
        plan.files.push(PathBuf::from(REQUESTS));
    }

    if let Some((settings, sections)) =
        read_file(source, &plan, 0, &mut findings, schema::read_plan)
    {
        plan.settings = settings;
        plan.sections = sections;
        plan.sections_known = true;
    }
    if let Some(officers) = read_file(source, &plan, 1, &mut findings, schema::read_officers) {
        plan.officers = officers;
        plan.officers_known = true;
    }
    let (recs, rec_findings) = read_recommendations(source, &plan, recommendations);
    plan.recommendations = recs;
    findings.extend(rec_findings);
    if layout.requests {
        let file = 2 + recommendations;
        let read = committee::read_requests;
        plan.requests = read_file(source, &plan, file, &mut findings, read).unwrap_or_default();
    }
    Ok(Loaded { plan, findings })
}

/// The recommendation files `changed` of `plan` (loaded from `source`
/// before) read again from `source`, with the findings of those files
/// alone: what an edit of a few files needs checked, without reading and
/// parsing every other file a second time. `None` when the change is not
/// only to recommendation files the plan already has (plan.toml,
/// officers.toml, requests.toml, a new file): then load the whole plan.
pub fn reread(
    plan: &Plan,
    source: &impl Source,
    changed: &[PathBuf],
) -> Option<(Vec<Recommendation>, Vec<Finding>)> {
    let ids: Vec<FileId> = changed
        .iter()
        .map(|path| plan.files.iter().position(|f| f == path))
        .collect::<Option<Vec<usize>>>()?
        .into_iter()
        .map(|i| i as FileId)
        .collect();
    let requests = Path::new(REQUESTS);
    if ids
        .iter()
        .any(|id| *id < 2 || plan.relative_path(*id) == requests)
    {
        return None;
    }
    Some(read_chunk(source, plan, &ids))
}

/// Reads and parses one file with `read`; `None` when it could not be read
/// at all (the reason is in `findings`).
fn read_file<T>(
    source: &impl Source,
    plan: &Plan,
    file: FileId,
    findings: &mut Vec<Finding>,
    read: impl FnOnce(&DeTable, &mut Sink) -> T,
) -> Option<T> {
    let path = plan.display_path(file);
    let parsed = source
        .read(plan.relative_path(file))
        .map_err(|finding| vec![*finding])
        .and_then(|bytes| {
            text::to_table(&bytes, &path, |table| {
                let mut sink = Sink {
                    path: &path,
                    file,
                    findings: Vec::new(),
                };
                let value = read(table, &mut sink);
                (value, sink.findings)
            })
        });
    match parsed {
        Ok((value, found)) => {
            findings.extend(found);
            Some(value)
        }
        Err(found) => {
            findings.extend(found);
            None
        }
    }
}

/// Reads every recommendation file, on all cores: the work is per file.
fn read_recommendations(
    source: &impl Source,
    plan: &Plan,
    count: FileId,
) -> (Vec<Recommendation>, Vec<Finding>) {
    let files: Vec<FileId> = (2..2 + count).collect();
    let results = parallel::chunks(&files, |ids| read_chunk(source, plan, ids));
    let mut recommendations = Vec::with_capacity(files.len());
    let mut findings = Vec::new();
    for (recs, found) in results {
        recommendations.extend(recs);
        findings.extend(found);
    }
    sort(&mut recommendations);
    (recommendations, findings)
}

/// Recommendations in ref order.
fn sort(recommendations: &mut [Recommendation]) {
    // Each ref's sort key made once, not at every comparison.
    recommendations.sort_by_cached_key(|r| r.reference.value.sort_key());
}

fn read_chunk(
    source: &impl Source,
    plan: &Plan,
    ids: &[FileId],
) -> (Vec<Recommendation>, Vec<Finding>) {
    let mut findings = Vec::new();
    let recs = ids
        .iter()
        .filter_map(|id| {
            read_file(
                source,
                plan,
                *id,
                &mut findings,
                schema::read_recommendation,
            )
            .flatten()
        })
        .map(|mut rec: Recommendation| {
            rec.section = plan
                .relative_path(rec.file)
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            rec
        })
        .collect();
    (recs, findings)
}

/// The plan's time zone, read from plan.toml before anything else, since
/// what day it is depends on it: `None` when plan.toml cannot be read or
/// names no zone that exists (`check` then reports why).
pub fn time_zone(root: &Path) -> Option<crate::date::Zone> {
    Folder::new(root)
        .read(Path::new("plan.toml"))
        .ok()
        .and_then(|bytes| time_zone_in(&bytes))
}

/// The time zone plan.toml's `bytes` name: the default when they name
/// none, `None` when they cannot be read.
pub fn time_zone_in(bytes: &[u8]) -> Option<crate::date::Zone> {
    #[derive(serde::Deserialize)]
    struct ZoneOnly {
        time_zone: Option<String>,
    }
    let text = text::decode(bytes, Path::new("plan.toml")).ok()?;
    match toml::from_str::<ZoneOnly>(text).ok()?.time_zone {
        Some(name) => crate::date::Zone::parse(&name),
        None => Some(crate::date::Zone::default()),
    }
}

/// One recommendation file's contents on their own, as far as they can be
/// read: for comparing versions of a file out of git. `None` when the file
/// is not TOML or has no usable ref.
pub fn parse_recommendation(path: &Path, bytes: &[u8]) -> Option<Recommendation> {
    let text = text::readable(bytes, path).ok()?;
    // Straight from the parser's events when the file is plain enough that
    // the schema would find nothing to say; else through the schema.
    events::read_plain(text).or_else(|| read_recommendation(path, text))
}

/// A recommendation read through `toml`'s tables and the schema.
fn read_recommendation(path: &Path, text: &str) -> Option<Recommendation> {
    text::text_to_table(text, path, |table| {
        let mut sink = Sink {
            path,
            file: 0,
            findings: Vec::new(),
        };
        schema::read_recommendation(table, &mut sink)
    })
    .ok()
    .flatten()
}

/// Fills in line and column for findings that point into a file, reading
/// each such file once more from `source`.
pub fn locate(findings: &mut [Finding], source: &impl Source) {
    let mut texts: HashMap<PathBuf, Option<Vec<u8>>> = HashMap::new();
    for finding in findings
        .iter_mut()
        .filter(|f| f.location.is_none() && f.span.is_some())
    {
        let bytes = texts.entry(finding.path.clone()).or_insert_with(|| {
            let relative = finding
                .path
                .strip_prefix(source.root())
                .unwrap_or(&finding.path);
            source.read(relative).ok()
        });
        if let Some(text) = bytes
            .as_deref()
            .and_then(|b| text::decode(b, &finding.path).ok())
        {
            finding.locate_in(text);
        }
    }
}

/// The finding for a plan file that is not there.
fn missing_file(path: &Path) -> Box<Finding> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let hint = format!(
        "create {name} (see docs/FORMAT.md), or run `actionplan check` in the right folder"
    );
    Box::new(Finding::new(Check::MissingFile, path, format!("the plan has no {name}")).hint(hint))
}
