//! Values compared as data, however they are written: `'a'` and `"a"`,
//! `[1,2]` and `[ 1, 2 ]`, keys in any order. Fast enough for files with
//! thousands of updates: one string per table, built once.

use toml_edit::{Item, Table, Value};

/// An item as data: "" for none.
pub fn item(item: Option<&Item>) -> String {
    let mut out = String::new();
    if let Some(item) = item {
        write_item(&mut out, item);
    }
    out
}

/// A table as data, its keys sorted.
pub fn table(table: &Table) -> String {
    let mut out = String::new();
    write_table(&mut out, table);
    out
}

fn write_item(out: &mut String, item: &Item) {
    match item {
        Item::None => {}
        Item::Value(value) => write_value(out, value),
        Item::Table(t) => write_table(out, t),
        Item::ArrayOfTables(list) => {
            out.push('[');
            for t in list.iter() {
                write_table(out, t);
                out.push(',');
            }
            out.push(']');
        }
    }
}

fn write_table(out: &mut String, table: &Table) {
    let mut keys: Vec<(&str, &Item)> = table.iter().collect();
    keys.sort_by_key(|(k, _)| *k);
    out.push('{');
    for (key, item) in keys {
        out.push_str(&format!("{key:?}="));
        write_item(out, item);
        out.push(',');
    }
    out.push('}');
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::String(s) => out.push_str(&format!("{:?}", s.value())),
        Value::Integer(i) => out.push_str(&i.value().to_string()),
        Value::Float(f) => out.push_str(&f.value().to_string()),
        Value::Boolean(b) => out.push_str(&b.value().to_string()),
        Value::Datetime(d) => out.push_str(&d.value().to_string()),
        Value::Array(array) => {
            out.push('[');
            for v in array.iter() {
                write_value(out, v);
                out.push(',');
            }
            out.push(']');
        }
        Value::InlineTable(t) => {
            let mut keys: Vec<(&str, &Value)> = t.iter().collect();
            keys.sort_by_key(|(k, _)| *k);
            out.push('{');
            for (key, v) in keys {
                out.push_str(&format!("{key:?}="));
                write_value(out, v);
                out.push(',');
            }
            out.push('}');
        }
    }
}

/// An item as TOML shows it, for a conflict's two sides.
pub fn shown(item: &Item) -> String {
    match item {
        Item::Value(value) => {
            let mut value = value.clone();
            value.decor_mut().clear();
            value.to_string()
        }
        other => other.to_string().trim().to_string(),
    }
}

/// A copy of `table` from the other side, with no place of its own in
/// that side's document: it is written where it is put.
pub fn fresh(table: &Table) -> Table {
    let mut table = table.clone();
    forget_table(&mut table);
    table
}

/// Forgets where an item's tables were in their own document.
pub fn forget_positions(item: &mut Item) {
    match item {
        Item::Table(t) => forget_table(t),
        Item::ArrayOfTables(list) => list.iter_mut().for_each(forget_table),
        _ => {}
    }
}

fn forget_table(table: &mut Table) {
    table.set_position(None);
    for (_, item) in table.iter_mut() {
        forget_positions(item);
    }
}
