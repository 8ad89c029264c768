//! A three-way merge of plan files at the level of the plan, not of
//! lines, for `actionplan merge-driver` (git's custom merge driver).
//!
//! Starting from our side's document, so its comments and layout stay,
//! each key takes the side that changed it; the same change on both sides
//! is no conflict; updates added on either side are all kept, once each,
//! in date order; actions, officers, sections and other listed tables
//! added on both sides are all kept. Only the same field changed to two
//! different values is a conflict: it is written as git's conflict
//! markers around that field alone, labelled with the ref and the field,
//! so `check` can name them and `resolve` settle them.

mod append;
mod canon;
mod conflict;
pub mod markers;

use std::collections::HashSet;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

pub use conflict::{MARKER_LABEL_MINE, MARKER_LABEL_THEIRS};

/// The merged text, and how many fields conflict.
pub struct Merged {
    pub text: String,
    pub conflicts: usize,
}

/// One field changed to different values on the two sides.
#[derive(Clone, Debug)]
struct Conflict {
    /// "2.7b status": where, as a person names it.
    label: String,
    key: String,
    mine: Option<String>,
    theirs: Option<String>,
}

/// A change the merge cannot make at the level of fields (an action
/// removed on one side, a table turned into a value): the caller falls
/// back to git's line merge.
#[derive(Debug)]
pub struct Unmergeable(pub String);

/// Which side of a merge holds the changes not yet shared: ours in a
/// merge (`git pull`, `sync`), theirs in a rebase, whose "ours" is the
/// upstream the local commits are replayed onto. Asked only when a
/// request was added on both sides under the same id, to know which one
/// takes a new id.
pub struct Local<'a>(pub &'a dyn Fn() -> bool);

impl Local<'_> {
    /// Ours holds the local changes.
    pub const OURS: Local<'static> = Local(&|| false);

    fn is_theirs(&self) -> bool {
        (self.0)()
    }
}

/// Merges `theirs` into `mine`, both descended from `base` (empty when
/// the file is new on both sides). `name` is the file's path, for labels.
pub fn merge(base: &str, mine: &str, theirs: &str, name: &str) -> Result<Merged, Unmergeable> {
    merge_with(base, mine, theirs, name, &Local::OURS)
}

/// [`merge`], told which side is local (see [`Local`]).
pub fn merge_with(
    base: &str,
    mine: &str,
    theirs: &str,
    name: &str,
    local: &Local<'_>,
) -> Result<Merged, Unmergeable> {
    if let Some(text) = append::appended_updates(base, mine, theirs) {
        return Ok(Merged { text, conflicts: 0 });
    }
    let parse = |text: &str, side: &str| {
        text.parse::<DocumentMut>()
            .map_err(|e| Unmergeable(format!("{side} is not valid TOML ({e})")))
    };
    let base = parse(base, "the common ancestor")?;
    let mut result = parse(mine, "our side")?;
    let theirs = parse(theirs, "their side")?;
    let mut merger = Merger {
        conflicts: Vec::new(),
        reference: file_ref(name),
        listed: None,
        local,
    };
    merger.table(
        Some(base.as_table()),
        result.as_table_mut(),
        theirs.as_table(),
        &mut Vec::new(),
    )?;
    let conflicts = merger.conflicts.len();
    let text = conflict::write(&mut result, &merger.conflicts);
    Ok(Merged { text, conflicts })
}

/// "2.7" from "plan/2/2.7.toml": the recommendation a file holds.
fn file_ref(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.strip_suffix(".toml").unwrap_or(file).to_string()
}

struct Merger<'l> {
    conflicts: Vec<Conflict>,
    reference: String,
    /// The id of the listed table (officer, section, request) being
    /// merged, which names its fields' conflicts: `R6 text`, `dcs email`.
    listed: Option<String>,
    local: &'l Local<'l>,
}

impl Merger<'_> {
    /// Merges the keys of one table; `at` names it for labels (the action
    /// letter inside `[[actions]]`).
    fn table(
        &mut self,
        base: Option<&Table>,
        mine: &mut Table,
        theirs: &Table,
        at: &mut Vec<String>,
    ) -> Result<(), Unmergeable> {
        let mut keys: Vec<String> = mine.iter().map(|(k, _)| k.to_string()).collect();
        for (key, _) in theirs.iter().chain(base.into_iter().flat_map(|b| b.iter())) {
            if !keys.iter().any(|k| k == key) {
                keys.push(key.to_string());
            }
        }
        let had = mine.len();
        for key in &keys {
            let old = base.and_then(|b| b.get(key));
            let ours = mine.get(key).cloned();
            let new = theirs.get(key);
            self.key(key, old, ours.as_ref(), new, mine, at)?;
        }
        place_added(mine, theirs, &keys[..had]);
        Ok(())
    }

    fn key(
        &mut self,
        key: &str,
        old: Option<&Item>,
        ours: Option<&Item>,
        new: Option<&Item>,
        mine: &mut Table,
        at: &mut Vec<String>,
    ) -> Result<(), Unmergeable> {
        match (old, ours, new) {
            (_, Some(Item::ArrayOfTables(o)), Some(Item::ArrayOfTables(t))) => {
                let base = old.and_then(Item::as_array_of_tables);
                let merged = self.tables(key, base, o, t, at)?;
                mine.insert(key, Item::ArrayOfTables(merged));
                Ok(())
            }
            (_, Some(Item::Table(_)), Some(Item::Table(t))) => {
                let base = old.and_then(Item::as_table);
                at.push(key.to_string());
                let result = match mine.get_mut(key).and_then(Item::as_table_mut) {
                    Some(ours) => self.table(base, ours, t, at),
                    None => Ok(()),
                };
                at.pop();
                result
            }
            _ => self.value(key, old, ours, new, mine, at),
        }
    }

    /// A key whose value is not a list of tables: the side that changed
    /// it wins; both changed it alike, no conflict; else a conflict.
    fn value(
        &mut self,
        key: &str,
        old: Option<&Item>,
        ours: Option<&Item>,
        new: Option<&Item>,
        mine: &mut Table,
        at: &[String],
    ) -> Result<(), Unmergeable> {
        let (o, a, b) = (canon::item(old), canon::item(ours), canon::item(new));
        if a == b || b == o {
            return Ok(());
        }
        if a == o {
            match new {
                Some(item) => {
                    let mut item = item.clone();
                    canon::forget_positions(&mut item);
                    match mine.get_mut(key).and_then(Item::as_value_mut) {
                        Some(value) if item.is_value() => {
                            let decor = value.decor().clone();
                            *value = item.into_value().expect("a value");
                            *value.decor_mut() = decor;
                        }
                        _ => {
                            mine.insert(key, item);
                        }
                    }
                }
                None => {
                    mine.remove(key);
                }
            }
            return Ok(());
        }
        let shapes = [old, ours, new]
            .into_iter()
            .flatten()
            .all(|i| i.is_value() || i.is_none());
        if !shapes {
            return Err(Unmergeable(format!("`{key}` changed shape on both sides")));
        }
        mine.insert(key, conflict::placeholder_item(self.conflicts.len()));
        self.conflicts.push(Conflict {
            label: self.label(at, key),
            key: key.to_string(),
            mine: ours.map(canon::shown),
            theirs: new.map(canon::shown),
        });
        Ok(())
    }

    /// "2.7b status", "plan title", "R6 text": one word for the place,
    /// so `resolve PLACE --field KEY` names it as typed in a shell.
    fn label(&self, at: &[String], key: &str) -> String {
        if let Some(id) = &self.listed {
            return format!("{id} {key}");
        }
        let mut place = self.reference.clone();
        for part in at {
            place.push_str(part);
        }
        format!("{place} {key}")
    }

    /// Merges a list of tables: actions by position (their letters),
    /// updates and anything without an identity as sets, the rest by
    /// their `id`, `number` or `ref`.
    fn tables(
        &mut self,
        key: &str,
        base: Option<&ArrayOfTables>,
        mine: &ArrayOfTables,
        theirs: &ArrayOfTables,
        at: &mut Vec<String>,
    ) -> Result<ArrayOfTables, Unmergeable> {
        let empty = ArrayOfTables::new();
        let base = base.unwrap_or(&empty);
        if key == "actions" {
            return self.by_position(base, mine, theirs, at);
        }
        match identity_key(base, mine, theirs) {
            Some("id") if key == "requests" => {
                let (mine, theirs) = self.requests_apart(base, mine, theirs);
                self.by_identity("id", base, &mine, &theirs, at)
            }
            Some(id) => self.by_identity(id, base, mine, theirs, at),
            None => Ok(as_set(base, mine, theirs)),
        }
    }

    /// Actions: matched by position, so letters stay; actions added on
    /// both sides are all kept, ours first.
    fn by_position(
        &mut self,
        base: &ArrayOfTables,
        mine: &ArrayOfTables,
        theirs: &ArrayOfTables,
        at: &mut Vec<String>,
    ) -> Result<ArrayOfTables, Unmergeable> {
        let (n_base, n_mine, n_theirs) = (base.len(), mine.len(), theirs.len());
        if n_mine < n_base || n_theirs < n_base {
            return Err(Unmergeable("an action was removed".to_string()));
        }
        let mut merged = ArrayOfTables::new();
        for (i, ours) in mine.iter().enumerate() {
            let mut ours = ours.clone();
            if let Some(new) = theirs.get(i).filter(|_| i < n_base) {
                // A recommendation's only action is named by its ref alone.
                let letter =
                    crate::reference::action_letter(i).filter(|_| n_mine.max(n_theirs) > 1);
                at.push(letter.map_or(String::new(), String::from));
                let result = self.table(base.get(i), &mut ours, new, at);
                at.pop();
                result?;
                follow_latest_update(&mut ours);
            }
            merged.push(ours);
        }
        for new in theirs.iter().skip(n_base) {
            let same = mine
                .iter()
                .skip(n_base)
                .any(|o| canon::table(o) == canon::table(new));
            if !same {
                merged.push(canon::fresh(new));
            }
        }
        Ok(merged)
    }

    /// Tables with an identity (`id`, `number`, `ref`): matched by it.
    fn by_identity(
        &mut self,
        id: &str,
        base: &ArrayOfTables,
        mine: &ArrayOfTables,
        theirs: &ArrayOfTables,
        at: &mut Vec<String>,
    ) -> Result<ArrayOfTables, Unmergeable> {
        let find = |list: &ArrayOfTables, value: &str| {
            list.iter()
                .find(|t| canon::item(t.get(id)) == value)
                .cloned()
        };
        let mut merged = ArrayOfTables::new();
        for ours in mine.iter() {
            let key = canon::item(ours.get(id));
            let old = find(base, &key);
            let mut ours = ours.clone();
            match (find(theirs, &key), &old) {
                (Some(new), _) => {
                    let outer = self.listed.replace(plain_id(ours.get(id), &key));
                    let result = self.table(old.as_ref(), &mut ours, &new, at);
                    self.listed = outer;
                    result?;
                }
                // Gone from theirs: removed there, if ours did not change it.
                (None, Some(old)) if canon::table(old) == canon::table(&ours) => continue,
                (None, Some(_)) => {
                    return Err(Unmergeable(format!(
                        "{key} was removed on one side and changed on the other"
                    )));
                }
                (None, None) => {}
            }
            merged.push(ours);
        }
        for new in theirs.iter() {
            let key = canon::item(new.get(id));
            let in_ours = find(mine, &key).is_some();
            let in_base = find(base, &key);
            match in_base {
                _ if in_ours => {}
                None => merged.push(canon::fresh(new)),
                Some(old) if canon::table(&old) != canon::table(new) => {
                    return Err(Unmergeable(format!(
                        "{key} was removed on one side and changed on the other"
                    )));
                }
                Some(_) => {}
            }
        }
        Ok(merged)
    }
}

impl Merger<'_> {
    /// Requests take the next free id (`R6`) when they are recorded, so
    /// two clones recording one each give both the same id: two requests,
    /// not one changed on both sides. The local side's (see [`Local`])
    /// takes a new id, one more than the highest; the shared one keeps
    /// its own. The same request recorded on both sides stays one.
    fn requests_apart(
        &self,
        base: &ArrayOfTables,
        mine: &ArrayOfTables,
        theirs: &ArrayOfTables,
    ) -> (ArrayOfTables, ArrayOfTables) {
        let id_of = |t: &Table| canon::item(t.get("id"));
        let in_base: HashSet<String> = base.iter().map(id_of).collect();
        let clashes: Vec<String> = mine
            .iter()
            .filter(|m| !in_base.contains(&id_of(m)))
            .filter(|m| {
                theirs
                    .iter()
                    .any(|t| id_of(t) == id_of(m) && canon::table(t) != canon::table(m))
            })
            .map(id_of)
            .collect();
        let (mut mine, mut theirs) = (mine.clone(), theirs.clone());
        if clashes.is_empty() {
            return (mine, theirs);
        }
        let number = |t: &Table| {
            t.get("id")
                .and_then(Item::as_str)
                .and_then(|id| id.strip_prefix('R')?.parse::<u32>().ok())
        };
        let mut highest = base
            .iter()
            .chain(mine.iter())
            .chain(theirs.iter())
            .filter_map(number)
            .max()
            .unwrap_or(0);
        let local = if self.local.is_theirs() {
            &mut theirs
        } else {
            &mut mine
        };
        for table in local.iter_mut() {
            if clashes.contains(&id_of(table)) {
                highest += 1;
                if let Some(value) = table.get_mut("id").and_then(Item::as_value_mut) {
                    let decor = value.decor().clone();
                    *value = format!("R{highest}").into();
                    *value.decor_mut() = decor;
                }
            }
        }
        (mine, theirs)
    }
}

/// A listed table's id as one word for a conflict's label: `R6`, `dcs`,
/// `2`; whitespace and brackets (which a label cannot hold) become `-`.
fn plain_id(item: Option<&Item>, canonical: &str) -> String {
    let id = match item.and_then(Item::as_str) {
        Some(text) => text.to_string(),
        None => canonical.to_string(),
    };
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_whitespace() || matches!(c, '(' | ')') {
                '-'
            } else {
                c
            }
        })
        .collect();
    if id.is_empty() { "-".to_string() } else { id }
}

/// Keys taken from theirs that mine lacked (`mine_keys` are mine's, in
/// order) go where theirs has them, after the key before them there,
/// rather than at the end of the table: an `email` added under an
/// officer's `id` stays under it.
fn place_added(mine: &mut Table, theirs: &Table, mine_keys: &[String]) {
    let mut order: Vec<String> = mine_keys
        .iter()
        .filter(|k| mine.contains_key(k))
        .cloned()
        .collect();
    let theirs_keys: Vec<&str> = theirs.iter().map(|(k, _)| k).collect();
    let added: Vec<&str> = theirs_keys
        .iter()
        .copied()
        .filter(|k| mine.contains_key(k) && !mine_keys.iter().any(|m| m == k))
        .collect();
    if added.is_empty() {
        return;
    }
    for key in added {
        let at = theirs_keys.iter().position(|k| *k == key).unwrap_or(0);
        let after = theirs_keys[..at]
            .iter()
            .rev()
            .find_map(|before| order.iter().position(|k| k == before));
        order.insert(after.map_or(0, |i| i + 1), key.to_string());
    }
    let rank = |key: &str| order.iter().position(|k| k == key).unwrap_or(usize::MAX);
    mine.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
}

/// An action's status and due as its latest-dated update records them,
/// where they are not in conflict: one side may have changed a field
/// while the other, later, reported the old value again (an update with
/// the same status), and the later report is what `check` holds the
/// action to.
fn follow_latest_update(action: &mut Table) {
    for key in ["status", "due"] {
        let latest = action
            .get("updates")
            .and_then(Item::as_array_of_tables)
            .and_then(|updates| {
                updates
                    .iter()
                    .filter(|u| u.get(key).is_some_and(Item::is_value))
                    .max_by_key(|u| canon::item(u.get("date")))
                    .and_then(|u| u.get(key))
                    .cloned()
            });
        let Some(Item::Value(reported)) = latest else {
            continue;
        };
        let Some(current) = action.get_mut(key).and_then(Item::as_value_mut) else {
            continue;
        };
        let in_conflict = current
            .as_str()
            .is_some_and(|v| v.starts_with(conflict::PLACEHOLDER_START));
        let same = canon::item(Some(&Item::Value(current.clone())))
            == canon::item(Some(&Item::Value(reported.clone())));
        if !in_conflict && !same {
            let decor = current.decor().clone();
            *current = reported;
            *current.decor_mut() = decor;
        }
    }
}

/// The key every table of the lists is known by, if they all have one.
fn identity_key(
    base: &ArrayOfTables,
    mine: &ArrayOfTables,
    theirs: &ArrayOfTables,
) -> Option<&'static str> {
    ["id", "number", "ref"].into_iter().find(|key| {
        let all = || base.iter().chain(mine.iter()).chain(theirs.iter());
        all().next().is_some() && all().all(|t| t.get(key).is_some_and(Item::is_value))
    })
}

/// A list merged as a set (updates): ours, less what theirs removed, then
/// what theirs added that ours lacks, each placed after the last table
/// dated on or before it, so a list in date order stays in date order.
fn as_set(base: &ArrayOfTables, mine: &ArrayOfTables, theirs: &ArrayOfTables) -> ArrayOfTables {
    let keys = |list: &ArrayOfTables| list.iter().map(canon::table).collect::<Vec<_>>();
    let set = |keys: &[String]| keys.iter().cloned().collect::<HashSet<String>>();
    let (mine_list, theirs_list) = (keys(mine), keys(theirs));
    let (base_keys, mine_keys, theirs_keys) =
        (set(&keys(base)), set(&mine_list), set(&theirs_list));
    let mut kept: Vec<Table> = mine
        .iter()
        .zip(&mine_list)
        // Kept unless theirs removed it.
        .filter(|(_, k)| !base_keys.contains(*k) || theirs_keys.contains(*k))
        .map(|(t, _)| t.clone())
        .collect();
    for (new, key) in theirs.iter().zip(&theirs_list) {
        if mine_keys.contains(key) || base_keys.contains(key) {
            continue;
        }
        let date = canon::item(new.get("date"));
        let at = kept
            .iter()
            .rposition(|t| canon::item(t.get("date")) <= date)
            .map_or(0, |i| i + 1);
        let at = if date.is_empty() { kept.len() } else { at };
        kept.insert(at, canon::fresh(new));
    }
    let mut merged = ArrayOfTables::new();
    for table in kept {
        merged.push(table);
    }
    merged
}

#[cfg(test)]
mod tests;
