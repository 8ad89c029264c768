//! What a returned file says: a return form (its facts from the hidden
//! sheet or the CSV's last columns, and each row's filled-in cells) or an
//! `export` edited in a spreadsheet. Every cell that cannot be read is a
//! [`Problem`] naming its row and column.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::read::{Sheet, Value};
use crate::render::form_csv::FACT_COLUMNS;
use crate::render::xlsx::{FACTS_SHEET, FORM_SHEET};
use crate::returns::{FILLED_COLUMNS, FORM_VERSION, ISSUED_COLUMNS};
use crate::status::Status;

/// A cell that cannot be read, and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The sheet's row, counted from 1 as a spreadsheet shows it.
    pub row: usize,
    /// The column's letter and header: "H (New status)"; empty for a
    /// problem with the whole row.
    pub column: String,
    pub message: String,
}

/// What a form says about itself.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub plan: String,
    pub revision: String,
    pub officer: String,
    pub as_of: Option<NaiveDate>,
    /// Per ref: the fingerprint and, from a workbook's hidden sheet, the
    /// grey cells as issued.
    pub issued: HashMap<String, Issued>,
}

#[derive(Clone, Debug, Default)]
pub struct Issued {
    pub fingerprint: String,
    pub cells: Option<Vec<String>>,
}

/// What kind of file came back.
pub enum Kind {
    Form(Facts),
    /// An `export`, with no facts: nothing to tell a stale row by.
    Export,
}

/// One row that holds something, as read.
#[derive(Clone, Debug, Default)]
pub struct Reply {
    pub row: usize,
    /// "2.7a" as written in the file.
    pub address: String,
    pub status: Option<Status>,
    pub note: Option<String>,
    pub due: Option<NaiveDate>,
    pub reason: Option<String>,
    pub date: Option<NaiveDate>,
    /// A form's grey cells as they came back.
    pub returned_cells: Option<Vec<String>>,
    /// The recommendation's words as they came back: which recommendation
    /// the row is, should a spreadsheet have made its ref a number.
    pub recommendation: Option<String>,
    /// A CSV form's fingerprint column.
    pub fingerprint: Option<String>,
    /// An export's "Latest update" cell: a new note only when it differs
    /// from the plan's latest.
    pub from_export: bool,
}

pub struct Returned {
    pub sheet: String,
    pub kind: Kind,
    pub replies: Vec<Reply>,
    pub problems: Vec<Problem>,
    /// What the file holds that is not read, said but not blocking: a
    /// sheet an officer added.
    pub notices: Vec<String>,
}

/// Reads `sheet` as a form or an export; `Err` when it is neither.
pub fn interpret(sheet: &Sheet) -> Result<Returned, String> {
    let mut returned = interpret_rows(sheet)?;
    returned.notices.splice(0..0, sheet.notices.iter().cloned());
    Ok(returned)
}

fn interpret_rows(sheet: &Sheet) -> Result<Returned, String> {
    if let Some((_, facts)) = sheet.others.iter().find(|(n, _)| n == FACTS_SHEET) {
        return workbook_form(sheet, facts);
    }
    if sheet.name == FACTS_SHEET {
        return Err(format!(
            "its first sheet is the form's hidden sheet “{FACTS_SHEET}”: was the form's sheet \
             “{FORM_SHEET}” moved after it, or deleted?"
        ));
    }
    let (header_at, header) = find_header(&sheet.rows)?;
    let columns = Columns::new(&header);
    if columns.has(FACT_COLUMNS[2]) && columns.has(FILLED_COLUMNS[0]) {
        return Ok(csv_form(sheet, header_at, &columns));
    }
    if columns.has(FILLED_COLUMNS[0]) {
        return Err(format!(
            "it has the form's columns but not what the form knows about itself (the officer, \
             the revision, each action's fingerprint): the workbook's hidden sheet “{FACTS_SHEET}” \
             is lost when a form is saved as CSV or copied into a new workbook. Apply the form's \
             workbook (.xlsx) as it came back, or issue CSV forms with `returns --format csv`"
        ));
    }
    if columns.has("Status") && columns.has("Due") && columns.has("Latest update") {
        return Ok(export(sheet, header_at, &columns));
    }
    Err(format!(
        "it is neither a return form nor an export: its header row {} has no {} or Status, Due and \
         Latest update columns",
        header_at + 1,
        FILLED_COLUMNS[0]
    ))
}

/// The first row whose first cell is "Ref": the header.
fn find_header(rows: &[Vec<Value>]) -> Result<(usize, Vec<String>), String> {
    rows.iter()
        .take(20)
        .position(|r| {
            r.first()
                .is_some_and(|c| c.text().eq_ignore_ascii_case("ref"))
        })
        .map(|at| (at, rows[at].iter().map(Value::text).collect()))
        .ok_or_else(|| {
            "no header row with “Ref” in its first cell in its first 20 rows".to_string()
        })
}

/// Header names to column indexes, any case.
struct Columns(Vec<String>);

impl Columns {
    fn new(header: &[String]) -> Columns {
        Columns(header.iter().map(|h| h.trim().to_lowercase()).collect())
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.0.iter().position(|h| *h == name.to_lowercase())
    }

    fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// Reads one row's cells by header name, collecting what cannot be read.
struct RowReader<'a> {
    cells: &'a [Value],
    columns: &'a Columns,
    header: &'a [String],
    row: usize,
    problems: Vec<Problem>,
}

impl RowReader<'_> {
    fn cell(&self, name: &str) -> &Value {
        self.columns
            .index(name)
            .and_then(|i| self.cells.get(i))
            .unwrap_or(&Value::Empty)
    }

    fn text(&self, name: &str) -> Option<String> {
        let text = match self.cell(name) {
            Value::Text(t) => t.replace("\r\n", "\n").trim().to_string(),
            other => other.text(),
        };
        (!text.is_empty()).then_some(text)
    }

    fn problem(&mut self, name: &str, message: String) {
        let index = self.columns.index(name).unwrap_or(0);
        let header = self.header.get(index).cloned().unwrap_or_default();
        self.problems.push(Problem {
            row: self.row,
            column: format!("{} ({header})", column_letter(index)),
            message,
        });
    }

    fn status(&mut self, name: &str) -> Option<Status> {
        let text = self.text(name)?;
        let status = Status::from_word_or_colour(&text);
        if status.is_none() {
            self.problem(
                name,
                format!(
                    "“{text}” is not a status: write complete, on track, at risk, off track, \
                     not started or deferred, or a colour: green, amber, red, blue"
                ),
            );
        }
        status
    }

    fn date(&mut self, name: &str) -> Option<NaiveDate> {
        match self.cell(name).clone() {
            Value::Date(date) => Some(date),
            Value::Empty => None,
            Value::Number(n) => {
                self.problem(
                    name,
                    format!("{n} is a number, not a date: write it as 31/03/2010"),
                );
                None
            }
            other => match crate::date::read_typed(&other.text()) {
                Ok(date) => Some(date),
                Err(why) => {
                    self.problem(name, why);
                    None
                }
            },
        }
    }

    /// A non-empty cell outside the known columns would be lost: said.
    fn stray_cells(&mut self) {
        for (i, cell) in self.cells.iter().enumerate().skip(self.columns.len()) {
            if !cell.is_blank() {
                self.problems.push(Problem {
                    row: self.row,
                    column: column_letter(i),
                    message: format!(
                        "“{}” is outside the form's columns: move it into a column with a header",
                        cell.text()
                    ),
                });
            }
        }
    }
}

/// "A", "Z", "AA": a column as a spreadsheet names it.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

fn workbook_form(sheet: &Sheet, facts_rows: &[Vec<Value>]) -> Result<Returned, String> {
    // An officer may add a sheet of their own, before the form or after:
    // the form is the sheet named as issued, wherever it is.
    let sheets = std::iter::once((&sheet.name, &sheet.rows))
        .chain(sheet.others.iter().map(|(n, r)| (n, r)))
        .filter(|(n, _)| n.as_str() != FACTS_SHEET);
    let mut form_rows = None;
    let mut notices = Vec::new();
    for (name, rows) in sheets {
        if name == FORM_SHEET {
            form_rows = Some(rows);
        } else if rows.iter().flatten().any(|c| !c.is_blank()) {
            notices.push(format!(
                "sheet “{name}” is not part of the form: nothing on it is recorded; write \
                 replies on the sheet “{FORM_SHEET}”"
            ));
        }
    }
    let Some(rows) = form_rows else {
        return Err(format!(
            "it has no sheet “{FORM_SHEET}” (its sheets: {}): was the form's sheet renamed? \
             Name it “{FORM_SHEET}” again",
            std::iter::once(sheet.name.as_str())
                .chain(sheet.others.iter().map(|(n, _)| n.as_str()))
                .filter(|n| *n != FACTS_SHEET)
                .map(|n| format!("“{n}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let facts = read_facts(facts_rows)?;
    let (header_at, header) = find_header(rows)?;
    let columns = Columns::new(&header);
    let mut returned = Returned {
        sheet: FORM_SHEET.to_string(),
        kind: Kind::Form(facts),
        replies: Vec::new(),
        problems: Vec::new(),
        notices,
    };
    for (at, cells) in rows.iter().enumerate().skip(header_at + 1) {
        let mut reader = RowReader {
            cells,
            columns: &columns,
            header: &header,
            row: at + 1,
            problems: Vec::new(),
        };
        if let Some(reply) = form_reply(&mut reader, true) {
            returned.replies.push(reply);
        }
        returned.problems.append(&mut reader.problems);
    }
    Ok(returned)
}

/// The hidden sheet's facts and each action's fingerprint and cells.
fn read_facts(rows: &[Vec<Value>]) -> Result<Facts, String> {
    let named = |name: &str| {
        rows.iter()
            .find(|r| r.first().is_some_and(|c| c.text() == name))
            .and_then(|r| r.get(1))
            .map(Value::text)
            .unwrap_or_default()
    };
    let version = named("form");
    if version != FORM_VERSION {
        return Err(format!(
            "its hidden sheet says it is “{version}”, not “{FORM_VERSION}”: make the forms again with `actionplan returns`"
        ));
    }
    let mut facts = Facts {
        plan: named("plan"),
        revision: named("revision"),
        officer: named("officer"),
        as_of: crate::date::parse_iso(&named("as of")),
        issued: HashMap::new(),
    };
    let top = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c.text() == "Ref"))
        .ok_or("its hidden sheet has no table of actions: make the forms again")?;
    for row in &rows[top + 1..] {
        let text: Vec<String> = row.iter().map(Value::text).collect();
        let Some(address) = text.first().filter(|a| !a.is_empty()) else {
            continue;
        };
        let mut cells: Vec<String> = text.iter().skip(2).cloned().collect();
        cells.resize(ISSUED_COLUMNS.len(), String::new());
        facts.issued.insert(
            address.clone(),
            Issued {
                fingerprint: text.get(1).cloned().unwrap_or_default(),
                cells: Some(cells),
            },
        );
    }
    Ok(facts)
}

/// A form row's reply; `None` for a row with no ref and nothing in it.
fn form_reply(reader: &mut RowReader, workbook: bool) -> Option<Reply> {
    let address = reader.text("Ref").unwrap_or_default();
    let filled = FILLED_COLUMNS.iter().any(|c| reader.text(c).is_some());
    reader.stray_cells();
    if address.is_empty() {
        if filled {
            reader.problem(
                "Ref",
                "this row has no ref: fill in only the rows the form lists".into(),
            );
        }
        return None;
    }
    let returned_cells = ISSUED_COLUMNS
        .iter()
        .map(|c| match reader.cell(c) {
            Value::Date(d) => d.to_string(),
            _ => reader.text(c).unwrap_or_default(),
        })
        .collect();
    Some(Reply {
        row: reader.row,
        address,
        status: reader.status(FILLED_COLUMNS[0]),
        note: reader.text(FILLED_COLUMNS[1]),
        due: reader.date(FILLED_COLUMNS[2]),
        reason: reader.text(FILLED_COLUMNS[3]),
        date: reader.date(FILLED_COLUMNS[4]),
        returned_cells: Some(returned_cells),
        recommendation: reader.text("Recommendation"),
        fingerprint: (!workbook).then(|| reader.text(FACT_COLUMNS[2]).unwrap_or_default()),
        from_export: false,
    })
}

fn csv_form(sheet: &Sheet, header_at: usize, columns: &Columns) -> Returned {
    let mut facts = Facts::default();
    let (replies, problems) = read_rows(sheet, header_at, columns, |reader| {
        if facts.officer.is_empty() {
            facts.officer = reader.text(FACT_COLUMNS[0]).unwrap_or_default();
            facts.revision = reader.text(FACT_COLUMNS[1]).unwrap_or_default();
        }
        let reply = form_reply(reader, false)?;
        facts.issued.insert(
            reply.address.clone(),
            Issued {
                fingerprint: reply.fingerprint.clone().unwrap_or_default(),
                cells: None,
            },
        );
        Some(reply)
    });
    Returned {
        sheet: sheet.name.clone(),
        kind: Kind::Form(facts),
        replies,
        problems,
        notices: Vec::new(),
    }
}

/// Reads each row under the header with `read`: the replies it makes and
/// every row's problems.
fn read_rows(
    sheet: &Sheet,
    header_at: usize,
    columns: &Columns,
    mut read: impl FnMut(&mut RowReader) -> Option<Reply>,
) -> (Vec<Reply>, Vec<Problem>) {
    let header: Vec<String> = sheet.rows[header_at].iter().map(Value::text).collect();
    let mut replies = Vec::new();
    let mut problems = Vec::new();
    for (at, cells) in sheet.rows.iter().enumerate().skip(header_at + 1) {
        let mut reader = RowReader {
            cells,
            columns,
            header: &header,
            row: at + 1,
            problems: Vec::new(),
        };
        replies.extend(read(&mut reader));
        problems.append(&mut reader.problems);
    }
    (replies, problems)
}

/// An export: each row's Status, Due and Latest update, to compare with
/// the plan; the ref is the recommendation's, the action its letter.
fn export(sheet: &Sheet, header_at: usize, columns: &Columns) -> Returned {
    let (replies, problems) = read_rows(sheet, header_at, columns, |reader| {
        let reference = reader.text("Ref")?;
        let letter = reader.text("Action").unwrap_or_default();
        Some(Reply {
            row: reader.row,
            address: format!("{reference}{letter}"),
            status: reader.status("Status"),
            note: reader.text("Latest update"),
            due: reader.date("Due"),
            reason: None,
            date: reader.date("Updated on"),
            returned_cells: None,
            recommendation: reader.text("Recommendation"),
            fingerprint: None,
            from_export: true,
        })
    });
    Returned {
        sheet: sheet.name.clone(),
        kind: Kind::Export,
        replies,
        problems,
        notices: Vec::new(),
    }
}
