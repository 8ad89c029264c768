//! Adding a meeting to plan.toml, and adding or answering a request in
//! requests.toml, with `toml_edit`: everything else in the file stays as
//! it was, comments included.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::action::{date_value, edit_document, one_line};

/// A meeting to add: it always has a name; the date only when known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewMeeting {
    pub date: Option<NaiveDate>,
    pub name: String,
    pub papers_due: Option<NaiveDate>,
    pub minute: Option<String>,
}

/// plan.toml's bytes with `meeting` appended to `meetings`, in the style
/// the file uses: a `[[meetings]]` table after the last (or, for no list or
/// an empty one, as the first); a table inline in a list of bare dates,
/// whose dates have no names to give tables of their own.
pub fn add_meeting(bytes: &[u8], meeting: &NewMeeting) -> Result<Vec<u8>> {
    edit_document(bytes, |doc| {
        let entries = meeting_entries(meeting);
        match doc.get_mut("meetings") {
            None => first_meeting(doc, entries),
            Some(Item::Value(Value::Array(list))) if list.is_empty() => {
                doc.remove("meetings");
                first_meeting(doc, entries)
            }
            Some(Item::ArrayOfTables(tables)) => {
                tables.push(entries.into_iter().collect());
                Ok(())
            }
            Some(Item::Value(Value::Array(list))) => {
                list.push(entries.into_iter().collect::<InlineTable>());
                Ok(())
            }
            Some(_) => {
                bail!("`meetings` is not a list; fix it by hand, then run `actionplan check`")
            }
        }
    })
}

/// The first `[[meetings]]` table, placed before the sections, where the
/// settings it belongs with are.
fn first_meeting(doc: &mut DocumentMut, entries: Vec<(&'static str, Value)>) -> Result<()> {
    let mut table: Table = entries.into_iter().collect();
    let sections = match doc.get("sections") {
        Some(Item::ArrayOfTables(s)) => s.iter().filter_map(Table::position).min(),
        _ => None,
    };
    if let Some(position) = sections {
        table.set_position(Some(position));
        shift_tables(doc, position);
    }
    let mut tables = ArrayOfTables::new();
    tables.push(table);
    doc.insert("meetings", Item::ArrayOfTables(tables));
    Ok(())
}

/// Moves every table at or after `from` one place on, to make room.
fn shift_tables(doc: &mut DocumentMut, from: isize) {
    for (_, item) in doc.iter_mut() {
        let tables: Vec<&mut Table> = match item {
            Item::ArrayOfTables(list) => list.iter_mut().collect(),
            Item::Table(table) => vec![table],
            _ => Vec::new(),
        };
        for table in tables {
            if let Some(p) = table.position().filter(|p| *p >= from) {
                table.set_position(Some(p + 1));
            }
        }
    }
}

fn meeting_entries(meeting: &NewMeeting) -> Vec<(&'static str, Value)> {
    let mut entries = vec![("name", one_line(&meeting.name))];
    if let Some(date) = meeting.date {
        entries.push(("date", date_value(date)));
    }
    if let Some(due) = meeting.papers_due {
        entries.push(("papers_due", date_value(due)));
    }
    if let Some(minute) = &meeting.minute {
        entries.push(("minute", one_line(minute)));
    }
    entries
}

/// A request to add, its keys as written in requests.toml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRequest {
    pub id: String,
    /// The meeting's date, or its name when it has none.
    pub meeting: Result<NaiveDate, String>,
    pub kind: String,
    pub letter: Option<String>,
    pub text: String,
    pub refs: Vec<String>,
    pub owner: Option<String>,
    pub answer_by: Option<NaiveDate>,
}

/// requests.toml's bytes (`None`: a new file) with `request` appended.
pub fn add_request(bytes: Option<&[u8]>, request: &NewRequest) -> Result<Vec<u8>> {
    // A comment in an empty document would go below what is added.
    let header = b"# The committee's resolutions, questions and concerns (docs/FORMAT.md).\n\n";
    let edited = edit_document(bytes.unwrap_or_default(), |doc| {
        let table: Table = request_entries(request).into_iter().collect();
        match doc.get_mut("requests") {
            None => {
                let mut tables = ArrayOfTables::new();
                tables.push(table);
                doc.insert("requests", Item::ArrayOfTables(tables));
            }
            Some(Item::ArrayOfTables(tables)) => tables.push(table),
            Some(_) => bail!(
                "`requests` is not a list of [[requests]] tables; fix it by hand, then run `actionplan check`"
            ),
        }
        Ok(())
    })?;
    Ok(match bytes {
        Some(_) => edited,
        None => [header.as_slice(), &edited].concat(),
    })
}

fn request_entries(request: &NewRequest) -> Vec<(&'static str, Value)> {
    let meeting = match &request.meeting {
        Ok(date) => date_value(*date),
        Err(name) => one_line(name),
    };
    let mut entries = vec![
        ("id", one_line(&request.id)),
        ("meeting", meeting),
        ("kind", Value::from(request.kind.as_str())),
    ];
    if let Some(letter) = &request.letter {
        entries.push(("letter", one_line(letter)));
    }
    entries.push(("text", one_line(&request.text)));
    if !request.refs.is_empty() {
        let refs: toml_edit::Array = request.refs.iter().map(|r| one_line(r)).collect();
        entries.push(("refs", Value::Array(refs)));
    }
    if let Some(owner) = &request.owner {
        entries.push(("owner", one_line(owner)));
    }
    if let Some(by) = request.answer_by {
        entries.push(("answer_by", date_value(by)));
    }
    entries.push(("status", Value::from("open")));
    entries
}

/// requests.toml's bytes with request `id` answered: `answer` set and
/// `status = "answered"`, the other keys as they were.
pub fn answer_request(bytes: &[u8], id: &str, answer: &str) -> Result<Vec<u8>> {
    edit_document(bytes, |doc| {
        let table = request_table(doc, id)?;
        table.insert("answer", Item::Value(one_line(answer)));
        table.insert("status", Item::Value(Value::from("answered")));
        Ok(())
    })
}

fn request_table<'d>(doc: &'d mut DocumentMut, id: &str) -> Result<&'d mut Table> {
    let Some(Item::ArrayOfTables(tables)) = doc.get_mut("requests") else {
        bail!("requests.toml has no [[requests]] tables");
    };
    tables
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
        .with_context(|| format!("requests.toml has no request {id}"))
}

#[cfg(test)]
mod tests;
