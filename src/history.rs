//! What each commit changed in a recommendation, field by field: the
//! answer to "who changed what, and when", read from git.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::git::{Commit, FileChange};
use crate::load;
use crate::model::{Action, Recommendation, Update};
use crate::parallel;

/// One field-level change, as reports show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The full commit hash.
    pub commit: String,
    pub date: NaiveDate,
    /// The commit's author.
    pub author: String,
    /// Who the change was made for: the `Actor:` trailer (`update --by`),
    /// else the author.
    pub by: String,
    pub subject: String,
    /// The recommendation's ref.
    #[serde(rename = "ref")]
    pub reference: String,
    /// "2.7a", or the ref for a recommendation-wide change.
    pub address: String,
    /// What changed: `recommendation`, `action`, `status`, `due`, `update`…
    pub field: &'static str,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Change {
    pub fn short_commit(&self) -> &str {
        &self.commit[..self.commit.len().min(7)]
    }

    /// "status not_started → complete", "update added: 2009-07-02 …".
    pub fn describe(&self) -> String {
        match (self.from.as_deref(), self.to.as_deref()) {
            (Some(from), Some(to)) => format!("{} {from} → {to}", self.field),
            (None, Some(to)) => format!("{} {to}", self.field),
            (Some(from), None) => format!("{} {from}", self.field),
            (None, None) => self.field.to_string(),
        }
    }
}

/// Every field-level change `commits` made to recommendation files, in
/// commit order, over versions already parsed (`parsed` holds every
/// version the commits name). The files are compared on every core.
pub fn changes_of<'c>(
    commits: impl IntoIterator<Item = &'c Commit>,
    parsed: &Versions,
) -> Vec<Change> {
    // The last readable version of each file before each change, so that
    // a repair is compared with what was there before it broke and no
    // change hides behind it.
    let mut last_readable: HashMap<&Path, &Recommendation> = HashMap::new();
    let mut files: Vec<(&Commit, &FileChange, Option<&Recommendation>)> = Vec::new();
    for commit in commits {
        for file in &commit.changes {
            let last = last_readable.get(file.path.as_path()).copied();
            if load::role(&file.path) == load::Role::Recommendation
                && let Version::Read(rec) = version(parsed, &file.after)
            {
                last_readable.insert(&file.path, rec);
            }
            files.push((commit, file, last));
        }
    }
    let compare = |chunk: &[(&Commit, &FileChange, Option<&Recommendation>)]| {
        let mut out = Vec::new();
        for &(commit, file, last) in chunk {
            file_changes(commit, file, last, parsed, &mut out);
        }
        out
    };
    parallel::chunks(&files, compare).concat()
}

/// A version by object id, as read.
fn version<'v>(parsed: &'v Versions, id: &Option<String>) -> Version<'v> {
    match id {
        None => Version::Absent,
        Some(id) => parsed
            .get(id.as_str())
            .and_then(Option::as_ref)
            .map_or(Version::Unreadable, Version::Read),
    }
}

/// The changes one commit made to one file (`last`: the file's last
/// readable version before it), onto `out`.
fn file_changes(
    commit: &Commit,
    file: &FileChange,
    last: Option<&Recommendation>,
    parsed: &Versions,
    out: &mut Vec<Change>,
) {
    let diffs = match load::role(&file.path) {
        load::Role::Recommendation => {
            let (before, after) = (version(parsed, &file.before), version(parsed, &file.after));
            let reference = reference_of(&file.path, &before, &after);
            let diffs = match (&before, &after) {
                (Version::Unreadable, Version::Read(new)) => repaired(last, new),
                _ => compare(&before, &after),
            };
            let diffs = match &file.merge {
                Some(sides) => made_by_the_merge(diffs, sides, &before, |id| version(parsed, id)),
                None => diffs,
            };
            diffs.into_iter().map(|d| (reference.clone(), d)).collect()
        }
        load::Role::Known => vec![(file.path.display().to_string(), plan_file_diff(file))],
        _ => Vec::new(),
    };
    for (reference, diff) in diffs {
        out.push(Change {
            commit: commit.hash.clone(),
            date: commit.date,
            author: commit.author.clone(),
            by: commit
                .actor
                .clone()
                .unwrap_or_else(|| commit.author.clone()),
            subject: commit.subject.clone(),
            address: diff.address.unwrap_or_else(|| reference.clone()),
            reference,
            field: diff.field,
            from: diff.from,
            to: diff.to,
        });
    }
}

/// For a merge, the differences from the first parent that the merge
/// itself made: not those the other branch brought in (a change it made
/// since the merge base, which this line had not made), which the
/// branch's own commit already told; but a change this line had made and
/// the merge overrode, or a value neither side had, is the merge's own.
fn made_by_the_merge<'v>(
    diffs: Vec<Diff>,
    sides: &crate::git::MergeSides,
    ours: &Version<'v>,
    version: impl Fn(&Option<String>) -> Version<'v>,
) -> Vec<Diff> {
    let base = version(&sides.base);
    let theirs = compare(&base, &version(&sides.theirs));
    let mine = compare(&base, ours);
    diffs
        .into_iter()
        .filter(|d| {
            let brought_in = theirs.iter().any(|t| t.same_result(d));
            let we_changed_it = mine.iter().any(|m| m.same_place(d));
            !brought_in || we_changed_it
        })
        .collect()
}

/// A file readable again: "repaired", and what changed since the last
/// version that could be read.
fn repaired(last: Option<&Recommendation>, new: &Recommendation) -> Vec<Diff> {
    let mut diffs = vec![Diff::new("file", None, Some("repaired".into()))];
    if let Some(old) = last {
        diffs.extend(compare_recommendations(old, new));
    }
    diffs
}

/// `plan.toml`, `officers.toml` or `requests.toml` added, removed or edited.
fn plan_file_diff(file: &crate::git::FileChange) -> Diff {
    let what = match (&file.before, &file.after) {
        (None, _) => "added",
        (_, None) => "removed",
        _ => "edited",
    };
    let field = if file.path.ends_with("officers.toml") {
        "officers"
    } else if file.path.ends_with(crate::load::REQUESTS) {
        "requests"
    } else {
        "plan"
    };
    Diff::new(field, None, Some(format!("{} {what}", file.path.display())))
}

/// Every recommendation version by object id: `None` for one that could
/// not be read.
pub type Versions = HashMap<String, Option<Recommendation>>;

/// A recommendation version as git holds it (its path relative to the
/// plan folder, its contents): `None` when it cannot be read.
pub fn read_version(path: &Path, bytes: &[u8]) -> Option<Recommendation> {
    load::parse_recommendation(path, bytes)
}

/// A file as one commit left it.
enum Version<'a> {
    Absent,
    /// Not TOML, or no usable ref.
    Unreadable,
    Read(&'a Recommendation),
}

/// The ref a change is filed under: the file's own, else its name.
fn reference_of(path: &Path, before: &Version, after: &Version) -> String {
    match (after, before) {
        (Version::Read(rec), _) | (_, Version::Read(rec)) => rec.reference.value.to_string(),
        _ => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// One difference before it is tied to its commit.
struct Diff {
    address: Option<String>,
    field: &'static str,
    from: Option<String>,
    to: Option<String>,
}

impl Diff {
    fn new(field: &'static str, from: Option<String>, to: Option<String>) -> Diff {
        Diff {
            address: None,
            field,
            from,
            to,
        }
    }

    fn at(mut self, address: String) -> Diff {
        self.address = Some(address);
        self
    }

    /// Whether two differences leave the same field with the same value
    /// (add the same update).
    fn same_result(&self, other: &Diff) -> bool {
        self.address == other.address && self.field == other.field && self.to == other.to
    }

    /// Whether two differences touch the same thing: the same field, or
    /// the same update (added or removed).
    fn same_place(&self, other: &Diff) -> bool {
        let update = |d: &Diff| {
            d.to.as_deref().map(|t| {
                t.trim_start_matches("added: ")
                    .trim_start_matches("removed: ")
                    .to_string()
            })
        };
        self.address == other.address
            && self.field == other.field
            && (self.field != "update" || update(self) == update(other))
    }
}

fn compare(before: &Version, after: &Version) -> Vec<Diff> {
    use Version::{Absent, Read, Unreadable};
    let word = |w: &str| Some(w.to_string());
    match (before, after) {
        (Absent, Absent) => vec![],
        (Absent, _) => vec![Diff::new("recommendation", None, word("added"))],
        (_, Absent) => vec![Diff::new("recommendation", None, word("removed"))],
        (Read(_), Unreadable) => vec![Diff::new("file", None, word("made unreadable"))],
        (Unreadable, Read(_)) => vec![Diff::new("file", None, word("repaired"))],
        (Unreadable, Unreadable) => vec![Diff::new("file", None, word("edited"))],
        (Read(old), Read(new)) => {
            let diffs = compare_recommendations(old, new);
            if diffs.is_empty() {
                vec![Diff::new("file", None, word("comments or layout edited"))]
            } else {
                diffs
            }
        }
    }
}

fn compare_recommendations(old: &Recommendation, new: &Recommendation) -> Vec<Diff> {
    let mut diffs = Vec::new();
    if old.reference.value != new.reference.value {
        let (from, to) = (
            old.reference.value.to_string(),
            new.reference.value.to_string(),
        );
        diffs.push(Diff::new("ref", Some(from), Some(to)));
    }
    if old.text != new.text {
        diffs.push(Diff::new(
            "recommendation",
            None,
            Some("text edited".into()),
        ));
    }
    let count = old.actions.len().max(new.actions.len());
    for index in 0..count {
        match (old.actions.get(index), new.actions.get(index)) {
            (Some(a), Some(b)) => {
                let changed = compare_actions(a, b);
                if !changed.is_empty() {
                    let address = new.action_address(index);
                    diffs.extend(changed.into_iter().map(|d| d.at(address.clone())));
                }
            }
            (None, Some(_)) => diffs.push(
                Diff::new("action", None, Some("added".into())).at(new.action_address(index)),
            ),
            (Some(_), None) => diffs.push(
                Diff::new("action", None, Some("removed".into())).at(old.action_address(index)),
            ),
            (None, None) => {}
        }
    }
    diffs
}

fn compare_actions<'a>(old: &'a Action, new: &'a Action) -> Vec<Diff> {
    let mut diffs = Vec::new();
    let status = |a: &Action| Some(a.status.value.to_string());
    value(&mut diffs, "status", old, new, |a| a.status.value, status);
    let due = |a: &Action| a.due.as_ref().map(|d| d.value.to_string());
    value(
        &mut diffs,
        "due",
        old,
        new,
        |a| a.due.as_ref().map(|d| d.value),
        due,
    );
    let start = |a: &Action| a.start.as_ref().map(|d| d.value.to_string());
    value(
        &mut diffs,
        "start",
        old,
        new,
        |a| a.start.as_ref().map(|d| d.value),
        start,
    );
    let recurs = |a: &Action| a.recurs.as_ref().map(|p| p.value.to_string());
    value(
        &mut diffs,
        "recurs",
        old,
        new,
        |a| a.recurs.as_ref().map(|p| p.value),
        recurs,
    );
    let timescale = |a: &Action| a.timescale.as_ref().map(|t| t.value.clone());
    let words = |a: &'a Action| a.timescale.as_ref().map(|t| t.value.as_str());
    value(&mut diffs, "timescale", old, new, words, timescale);
    let lead = |a: &Action| {
        Some(
            a.lead
                .iter()
                .map(|l| l.value.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )
    };
    let leads = |a: &'a Action| a.lead.iter().map(|l| l.value.as_str()).collect::<Vec<_>>();
    value(&mut diffs, "lead", old, new, leads, lead);
    let mut edited = |field, changed: bool| {
        if changed {
            diffs.push(Diff::new(field, None, Some("edited".into())));
        }
    };
    edited("text", old.text != new.text || old.steps != new.steps);
    edited("success", old.success != new.success);
    edited("resources", old.resources != new.resources);
    edited("notes", old.notes != new.notes);
    edited("ongoing", old.is_ongoing() != new.is_ongoing());
    diffs.extend(compare_updates(&old.updates, &new.updates));
    diffs
}

/// A field as words, from and to ("none" where it is not set), when the
/// words differ. What `key` picks is compared first: most fields are
/// unchanged, and are not written out to find that.
fn value<'a, K: PartialEq>(
    diffs: &mut Vec<Diff>,
    field: &'static str,
    old: &'a Action,
    new: &'a Action,
    key: impl Fn(&'a Action) -> K,
    words: impl Fn(&Action) -> Option<String>,
) {
    if key(old) == key(new) {
        return;
    }
    let (from, to) = (words(old), words(new));
    if from != to {
        let none = || Some("none".to_string());
        diffs.push(Diff::new(field, from.or_else(none), to.or_else(none)));
    }
}

/// Updates added and removed, compared by what they say (not where); an
/// update written twice counts twice.
fn compare_updates(old: &[Update], new: &[Update]) -> Vec<Diff> {
    // Nearly always: the same updates, or some added at the end.
    let kept = old
        .iter()
        .zip(new)
        .take_while(|(o, n)| said(o) == said(n))
        .count();
    let (old, new) = (&old[kept..], &new[kept..]);
    let mut unmatched: Vec<_> = old.iter().map(|u| (said(u), u)).collect();
    let mut added = Vec::new();
    for update in new {
        match unmatched.iter().position(|(o, _)| *o == said(update)) {
            Some(found) => {
                unmatched.remove(found);
            }
            None => added.push(update),
        }
    }
    let removed = unmatched.into_iter().map(|(_, u)| u);
    let mut diffs: Vec<Diff> = added
        .into_iter()
        .map(|u| Diff::new("update", None, Some(format!("added: {}", summary(u)))))
        .collect();
    diffs.extend(
        removed.map(|u| Diff::new("update", None, Some(format!("removed: {}", summary(u))))),
    );
    diffs
}

/// What an update says, by which updates are matched.
type Said<'u> = (
    NaiveDate,
    Option<crate::status::Status>,
    Option<NaiveDate>,
    Option<&'u str>,
    Option<&'u str>,
);

fn said(u: &Update) -> Said<'_> {
    (
        u.date.value,
        u.status.as_ref().map(|s| s.value),
        u.due.as_ref().map(|d| d.value),
        u.note.as_deref(),
        u.by.as_deref(),
    )
}

/// "2009-07-02 (complete) Signed off by the Board".
fn summary(update: &Update) -> String {
    let mut text = update.date.value.to_string();
    if let Some(status) = &update.status {
        text.push_str(&format!(" ({})", status.value));
    }
    if let Some(due) = &update.due {
        text.push_str(&format!(" due {}", due.value));
    }
    if let Some(note) = &update.note {
        text.push(' ');
        text.push_str(note);
    }
    text
}
