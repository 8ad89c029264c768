//! Editing one action in a recommendation file's text with `toml_edit`:
//! only the keys that change and the appended update differ; comments,
//! key order, spacing and quoting of everything else stay byte for byte.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::status::Status;

/// What an update sets on an action, and the update entry it appends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionEdit {
    pub status: Option<Status>,
    pub due: Option<NaiveDate>,
    /// The `[[actions.updates]]` entry's date.
    pub date: NaiveDate,
    pub note: Option<String>,
    pub by: Option<String>,
}

const BOM: &str = "\u{feff}";

/// The file's bytes with the edit applied to its action `index` (0 is the
/// first `[[actions]]`). A byte-order mark and CRLF line ends are kept.
pub fn apply(bytes: &[u8], index: usize, edit: &ActionEdit) -> Result<Vec<u8>> {
    edit_document(bytes, |doc| edit_action(action_table(doc, index)?, edit))
}

/// The file's bytes with `edit` applied to its document: a byte-order
/// mark and CRLF line ends are kept, as is everything `edit` leaves alone.
pub(super) fn edit_document(
    bytes: &[u8],
    edit: impl FnOnce(&mut DocumentMut) -> Result<()>,
) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(bytes).context("the file is not UTF-8 text")?;
    let (bom, text) = match text.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => ("", text),
    };
    // toml_edit writes every line end as "\n": the file is edited as LF and
    // each line then gets back its own line end.
    let lf_text = text.replace("\r\n", "\n");
    let mut doc: DocumentMut = lf_text.parse().context("the file is not valid TOML")?;
    edit(&mut doc)?;
    let out = restore_line_ends(text, &doc.to_string());
    Ok(format!("{bom}{out}").into_bytes())
}

/// `edited` (LF line ends) with the line ends of `original`. An edit only
/// changes values in place and adds lines, so the two are walked side by
/// side: a line kept, or a key whose value changed, gets its original line
/// end back; an added line gets the file's usual one (CRLF when most lines
/// have it).
fn restore_line_ends(original: &str, edited: &str) -> String {
    if !original.contains('\r') {
        return edited.to_string();
    }
    let lines: Vec<&str> = original.split_inclusive('\n').collect();
    let crlf = lines.iter().filter(|l| l.ends_with("\r\n")).count() * 2 > lines.len();
    let usual = if crlf { "\r\n" } else { "\n" };
    let key = |line: &str| line.split_once('=').map(|(k, _)| k.trim().to_string());
    let mut next = 0;
    let mut out = String::with_capacity(edited.len() + lines.len());
    for line in edited.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let original_line = lines.get(next).copied().unwrap_or("");
        let original_body = original_line.trim_end_matches(['\r', '\n']);
        let same = next < lines.len()
            && (original_body == body || (key(body).is_some() && key(body) == key(original_body)));
        let end = match (same, line.ends_with('\n')) {
            (true, _) => {
                next += 1;
                &original_line[original_body.len()..]
            }
            (false, true) => usual,
            (false, false) => "",
        };
        out.push_str(body);
        out.push_str(end);
    }
    out
}

fn action_table(doc: &mut DocumentMut, index: usize) -> Result<&mut Table> {
    let Some(actions) = doc.get_mut("actions") else {
        bail!("the file has no [[actions]]");
    };
    let Some(actions) = actions.as_array_of_tables_mut() else {
        bail!(
            "`actions` is written inline; write each action as an [[actions]] table to edit it with the tool"
        );
    };
    let count = actions.len();
    actions
        .get_mut(index)
        .with_context(|| format!("the file has {count} actions, not {}", index + 1))
}

fn edit_action(action: &mut Table, edit: &ActionEdit) -> Result<()> {
    if let Some(status) = edit.status {
        set(action, "status", Value::from(status.as_str()));
    }
    if let Some(due) = edit.due {
        set(action, "due", date_value(due));
    }
    push_update(action, update_entries(edit))
}

/// Sets `key`, keeping the old value's surrounding spaces and comment; a
/// value that is already there is left byte for byte as it is written.
fn set(table: &mut Table, key: &str, mut value: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) if same(old, &value) => {}
        Some(old) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Whether two values are equal as data, however they are written
/// (`'complete'` and `"complete"`).
fn same(old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        _ => false,
    }
}

pub(super) fn date_value(date: NaiveDate) -> Value {
    use chrono::Datelike;
    // Command-line dates have four-digit years (crate::date), which fit.
    let datetime = toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: u16::try_from(date.year()).unwrap_or(u16::MAX),
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    };
    Value::from(datetime)
}

/// Text as a one-line basic string, line breaks escaped (`"a\nb"`): the
/// update stays one line in a diff, and no line end inside it can be
/// changed by the file's line-end style.
pub(super) fn one_line(text: &str) -> Value {
    // JSON's string escapes are TOML's, but for DEL, which TOML also escapes.
    let quoted = serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{7f}', "\\u007F");
    quoted.parse().unwrap_or_else(|_| Value::from(text))
}

/// The update's keys in the order FORMAT.md shows them.
fn update_entries(edit: &ActionEdit) -> Vec<(&'static str, Value)> {
    let mut entries = vec![("date", date_value(edit.date))];
    if let Some(status) = edit.status {
        entries.push(("status", Value::from(status.as_str())));
    }
    if let Some(due) = edit.due {
        entries.push(("due", date_value(due)));
    }
    if let Some(note) = &edit.note {
        entries.push(("note", one_line(note)));
    }
    if let Some(by) = &edit.by {
        entries.push(("by", one_line(by)));
    }
    entries
}

/// Appends an update as the file already writes them: an
/// `[[actions.updates]]` table, or an inline table in an `updates = [...]`.
fn push_update(action: &mut Table, entries: Vec<(&'static str, Value)>) -> Result<()> {
    match action.get_mut("updates") {
        None => {
            let mut updates = ArrayOfTables::new();
            updates.push(entries.into_iter().collect::<Table>());
            action.insert("updates", Item::ArrayOfTables(updates));
        }
        Some(Item::ArrayOfTables(updates)) => updates.push(entries.into_iter().collect()),
        Some(Item::Value(Value::Array(updates))) => push_inline(updates, entries),
        Some(_) => {
            bail!("`updates` is not a list of tables; fix it by hand, then run `actionplan check`")
        }
    }
    Ok(())
}

fn push_inline(updates: &mut Array, entries: Vec<(&'static str, Value)>) {
    let table: InlineTable = entries.into_iter().collect();
    updates.push(table);
}

#[cfg(test)]
mod tests;
