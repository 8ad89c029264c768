//! A draft as plan files: `plan.toml`, `officers.toml` and one file per
//! recommendation in its section folder, in the layout FORMAT.md shows.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use toml_edit::Value;

use super::{Draft, DraftAction, DraftRecommendation};
use crate::reference::Ref;

/// Every file of the plan: (path relative to the plan folder, text).
pub fn files(draft: &Draft) -> Vec<(PathBuf, String)> {
    let mut files = vec![
        (PathBuf::from("plan.toml"), plan_toml(draft)),
        (PathBuf::from("officers.toml"), officers_toml(draft)),
    ];
    for rec in &draft.recommendations {
        files.push((recommendation_path(rec), recommendation_toml(rec)));
    }
    files
}

/// Where a recommendation is written, relative to the plan folder.
fn recommendation_path(rec: &DraftRecommendation) -> PathBuf {
    match Ref::parse(&rec.reference) {
        Ok(reference) => reference.path_in(reference.section().unwrap_or(&rec.section)),
        Err(_) => PathBuf::from("0").join(format!("{}.toml", file_name(&rec.reference))),
    }
}

/// The first two recommendations that would be written to one file (the
/// same ref, or refs that are one file name): the path and both source
/// rows. One pass, however long the table.
pub fn shared_file(draft: &Draft) -> Option<(PathBuf, usize, usize)> {
    let mut rows: HashMap<PathBuf, usize> = HashMap::with_capacity(draft.recommendations.len());
    for rec in &draft.recommendations {
        let path = recommendation_path(rec);
        if let Some(&first) = rows.get(&path) {
            return Some((path, first, rec.row));
        }
        rows.insert(path, rec.row);
    }
    None
}

/// A ref as a file name: anything that is not a digit or a dot replaced,
/// so a malformed ref cannot name a path outside the plan.
fn file_name(reference: &str) -> String {
    reference
        .chars()
        .map(|c| {
            if c.is_ascii_digit() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn quote(text: &str) -> String {
    Value::from(text).to_string().trim().to_string()
}

/// One line when short, else one item a line.
fn list(items: &[String]) -> String {
    let total: usize = items.iter().map(String::len).sum();
    if items.len() <= 1 && total < 60 {
        let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
        return format!("[{}]", quoted.join(", "));
    }
    let mut out = String::from("[\n");
    for item in items {
        let _ = writeln!(out, "  {},", quote(item));
    }
    out.push(']');
    out
}

fn plan_toml(draft: &Draft) -> String {
    let mut out = format!(
        "title = {}\norganisation = {}\nreporting = \"quarterly\"\nyear_starts = \"04-01\"\nmeetings = []\n",
        quote(&draft.title),
        quote(&draft.organisation)
    );
    for section in &draft.sections {
        let _ = write!(
            out,
            "\n[[sections]]\nnumber = {}\ntitle = {}\n",
            quote(&section.number),
            quote(&section.title)
        );
    }
    out
}

fn officers_toml(draft: &Draft) -> String {
    let mut blocks = Vec::new();
    for officer in &draft.officers {
        let mut block = format!(
            "[[officers]]\nid = {}\ntitle = {}\n",
            quote(&officer.id),
            quote(&officer.title)
        );
        if !officer.aliases.is_empty() {
            let _ = writeln!(block, "aliases = {}", list(&officer.aliases));
        }
        blocks.push(block);
    }
    blocks.join("\n")
}

/// One recommendation file's text.
pub fn recommendation_toml(rec: &DraftRecommendation) -> String {
    let mut out = format!(
        "ref = {}\nrecommendation = {}\n",
        quote(&rec.reference),
        quote(&rec.text)
    );
    for action in &rec.actions {
        out.push('\n');
        out.push_str(&action_toml(action));
    }
    out
}

fn action_toml(action: &DraftAction) -> String {
    let mut out = String::from("[[actions]]\n");
    if !action.text.is_empty() {
        let _ = writeln!(out, "text = {}", quote(&action.text));
    }
    if !action.steps.is_empty() {
        let _ = writeln!(out, "steps = {}", list(&action.steps));
    }
    if !action.timescale.is_empty() {
        let _ = writeln!(out, "timescale = {}", quote(&action.timescale));
    }
    if let Some(due) = action.due {
        let _ = writeln!(out, "due = {due}");
    }
    if let Some(start) = action.start {
        let _ = writeln!(out, "start = {start}");
    }
    if let Some(recurs) = action.recurs {
        let _ = writeln!(out, "recurs = \"{recurs}\"");
    }
    if action.ongoing {
        out.push_str("ongoing = true\n");
    }
    let _ = writeln!(out, "success = {}", list(&action.success));
    let _ = writeln!(out, "lead = {}", list(&action.lead));
    let _ = writeln!(out, "resources = {}", list(&action.resources));
    let _ = writeln!(out, "status = \"{}\"", action.status);
    if !action.notes.is_empty() {
        let _ = writeln!(out, "notes = {}", list(&action.notes));
    }
    for update in &action.updates {
        let _ = write!(out, "\n[[actions.updates]]\ndate = {}\n", update.date);
        if let Some(due) = update.due {
            let _ = writeln!(out, "due = {due}");
        }
        let _ = writeln!(out, "note = {}", quote(&update.note));
    }
    out
}
