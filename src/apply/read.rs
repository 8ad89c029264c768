//! Reading a returned file into rows of cells: an `.xlsx` through
//! calamine, a `.csv` through the csv crate. The files are untrusted: a
//! workbook is measured before it is opened (a zip bomb is refused), its
//! cells are streamed, never laid out in a grid as large as the sheet
//! claims, a formula is read as its text, never its value, and every
//! limit is said in the error.

use std::io::Cursor;
use std::path::Path;

use anyhow::{Context, Result, bail};
use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;

use crate::import::SavedText;

/// A returned file is a form or an export: far below these.
const MAX_FILE: u64 = 32 << 20;
const MAX_UNZIPPED: u64 = 64 << 20;
const MAX_ROWS: u32 = 100_000;
const MAX_COLUMNS: u32 = 100;

/// One cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell (Excel's serial number with a date format).
    Date(NaiveDate),
    Bool(bool),
    /// `#N/A`, `#REF!` and the like.
    Error(String),
}

impl Value {
    /// The cell as text: a date as YYYY-MM-DD, a whole number without
    /// ".0", text trimmed.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Value::Error(e) => e.clone(),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text().is_empty()
    }
}

/// A sheet's cells, row by row; `rows[0]` is the sheet's row 1.
pub struct Sheet {
    /// The sheet's name in a workbook; empty for a CSV.
    pub name: String,
    pub rows: Vec<Vec<Value>>,
    /// A workbook's other sheets, by name, read the same way (the
    /// form's hidden sheet among them).
    pub others: Vec<(String, Vec<Vec<Value>>)>,
    /// What the reader of the form should know about how it was read.
    pub notices: Vec<String>,
}

/// Reads `path`, a workbook or a CSV by what it holds, not its name.
pub fn read(path: &Path) -> Result<Sheet> {
    let metadata =
        std::fs::metadata(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    if !metadata.is_file() {
        bail!("`{}` is not a regular file", path.display());
    }
    if metadata.len() > MAX_FILE {
        bail!(
            "`{}` is {} MB: a return form is far smaller; is this the right file?",
            path.display(),
            metadata.len() >> 20
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let shown = path.display();
    if bytes.starts_with(b"PK\x03\x04") {
        return read_workbook(bytes).with_context(|| format!("cannot read the workbook `{shown}`"));
    }
    if is_xlsx_name(path) {
        bail!(
            "`{shown}` is named .xlsx but is not an Excel workbook (a CSV renamed?): \
             open it in a spreadsheet and save it as an Excel workbook, or name it .csv"
        );
    }
    read_csv(&bytes).with_context(|| format!("cannot read the CSV file `{shown}`"))
}

fn is_xlsx_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"))
}

fn read_csv(bytes: &[u8]) -> Result<Sheet> {
    let (text, notices) = csv_text(bytes)?;
    // LibreOffice and Excel in much of Europe save with semicolons.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(crate::import::spreadsheet::delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.context("it is not well-formed CSV")?;
        if rows.len() as u32 >= MAX_ROWS || record.len() as u32 > MAX_COLUMNS {
            bail!("it has more than {MAX_ROWS} rows or {MAX_COLUMNS} columns: not a return form");
        }
        rows.push(
            record
                .iter()
                .map(|c| match c.trim() {
                    "" => Value::Empty,
                    _ => Value::Text(c.to_string()),
                })
                .collect(),
        );
    }
    Ok(Sheet {
        name: String::new(),
        rows,
        others: Vec::new(),
        notices,
    })
}

/// A CSV file's text, and a notice when it was read as Windows-1252.
fn csv_text(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, Vec<String>)> {
    match crate::import::saved_text(bytes) {
        Some(SavedText::Utf8(text)) => Ok((text.into(), Vec::new())),
        Some(SavedText::Windows1252 { text, first_bad }) => {
            let notice = format!(
                "the file is not UTF-8 (byte {first_bad}): it was read as Windows-1252, what \
                 Excel on Windows saves as “CSV”; check ’, – and £ in the notes below, or save \
                 it as “CSV UTF-8” and apply it again"
            );
            Ok((text.into(), vec![notice]))
        }
        None => {
            bail!(
                "it is not text (it holds NUL bytes): save it as \"CSV UTF-8\" and apply it again"
            )
        }
    }
}

fn read_workbook(bytes: Vec<u8>) -> Result<Sheet> {
    measure_zip(&bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| anyhow::anyhow!("it is not a workbook Excel can open ({e})"))?;
    let names = workbook.sheet_names();
    let mut sheets = Vec::new();
    for name in names {
        let rows = read_cells(&mut workbook, &name)?;
        sheets.push((name, rows));
    }
    if sheets.is_empty() {
        bail!("it has no sheets");
    }
    let (name, rows) = sheets.remove(0);
    Ok(Sheet {
        name,
        rows,
        others: sheets,
        notices: Vec::new(),
    })
}

/// Refuses a workbook whose parts would unzip to more than a form could
/// hold, before anything is unzipped.
fn measure_zip(bytes: &[u8]) -> Result<()> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| anyhow::anyhow!("it is not a workbook (its zip cannot be read: {e})"))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).context("its zip cannot be read")?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNZIPPED {
        bail!(
            "it would unzip to {} MB, far more than a return form: refused",
            total >> 20
        );
    }
    // The zip reader stops each part at the size its entry declares, so
    // the declared sizes bound what is unzipped.
    Ok(())
}

/// Every cell of one sheet, streamed; a formula as its text.
fn read_cells(workbook: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Result<Vec<Vec<Value>>> {
    let mut reader = workbook
        .worksheet_cells_reader(name)
        .map_err(|e| anyhow::anyhow!("its sheet “{name}” cannot be read ({e})"))?;
    let mut rows: Vec<Vec<Value>> = Vec::new();
    while let Some(cell) = reader
        .next_cell_with_formula()
        .map_err(|e| anyhow::anyhow!("its sheet “{name}” cannot be read ({e})"))?
    {
        let (row, col) = cell.pos;
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            bail!(
                "its sheet “{name}” has a cell at row {}, column {}: a return form has at most \
                 {MAX_ROWS} rows and {MAX_COLUMNS} columns",
                row + 1,
                col + 1
            );
        }
        let value = match cell.formula.filter(|f| !f.is_empty()) {
            Some(formula) => Value::Text(format!("={formula}")),
            None => value(&cell.value),
        };
        if value == Value::Empty {
            continue;
        }
        let (row, col) = (row as usize, col as usize);
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        if rows[row].len() <= col {
            rows[row].resize(col + 1, Value::Empty);
        }
        rows[row][col] = value;
    }
    Ok(rows)
}

fn value(data: &DataRef) -> Value {
    match data {
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_string()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(t) if d.is_datetime() => Value::Date(t.date()),
            _ => Value::Number(d.as_f64()),
        },
        DataRef::DateTimeIso(s) => match crate::date::parse_iso(s.get(..10).unwrap_or(s)) {
            Some(date) => Value::Date(date),
            None => Value::Text(s.clone()),
        },
        DataRef::DurationIso(s) => Value::Text(s.clone()),
        DataRef::Error(e) => Value::Error(format!("{e}")),
        DataRef::Empty => Value::Empty,
    }
}
