//! A conflict written as git writes one, around the one field, with
//! labels that say where it is (`<<<<<<< mine (2.7b status)`), so `check`
//! can name the field and both values, and `resolve` can settle it.

use toml_edit::{DocumentMut, Item, Value};

use super::Conflict;

/// The words after `<<<<<<<` and `>>>>>>>`.
pub const MARKER_LABEL_MINE: &str = "mine";
pub const MARKER_LABEL_THEIRS: &str = "theirs";

/// How a conflict's placeholder value starts.
pub const PLACEHOLDER_START: &str = "@@actionplan-conflict-";

/// A placeholder no plan text holds, replaced by the conflict's lines.
fn placeholder(index: usize) -> String {
    format!("{PLACEHOLDER_START}{index}@@")
}

/// Sets each conflicting field to its placeholder; then the document as
/// text, each placeholder's line replaced by the conflict.
pub fn write(doc: &mut DocumentMut, conflicts: &[Conflict]) -> String {
    let mut text = doc.to_string();
    for (index, conflict) in conflicts.iter().enumerate() {
        let mark = placeholder(index);
        let Some(line) = text.lines().find(|l| l.contains(&mark)).map(str::to_string) else {
            continue;
        };
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        let side = |value: &Option<String>| match value {
            Some(v) => format!("{indent}{} = {v}\n", conflict.key),
            None => String::new(),
        };
        let block = format!(
            "<<<<<<< {MARKER_LABEL_MINE} ({label})\n{}=======\n{}>>>>>>> {MARKER_LABEL_THEIRS} ({label})",
            side(&conflict.mine),
            side(&conflict.theirs),
            label = conflict.label,
        );
        text = text.replacen(&line, &block, 1);
    }
    text
}

/// The placeholder value for conflict `index`, set where the field is.
pub fn placeholder_item(index: usize) -> Item {
    Item::Value(Value::from(placeholder(index)))
}
