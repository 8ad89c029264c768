//! An Excel workbook (`.xlsx`) as the rows of its first sheet, written as
//! CSV text for the spreadsheet reader: shared and inline strings, numbers,
//! and cells formatted as dates written `yyyy-mm-dd` (Excel keeps a date
//! as a day count). Merged cells keep their value in the first cell, as a
//! CSV export does.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use chrono::{Days, NaiveDate};

/// The most any one part of a workbook may unpack to: no plan is near it,
/// and a crafted file cannot fill memory.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Whether the bytes are a zip file, as an `.xlsx` is.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The first sheet as CSV text.
pub fn to_csv(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("the file is not text, nor a workbook that can be read ({e})"))?;
    let mut part = |name: &str| -> Option<String> {
        let file = archive.by_name(name).ok()?;
        let mut text = String::new();
        file.take(MAX_PART).read_to_string(&mut text).ok()?;
        Some(text)
    };
    let strings = part("xl/sharedStrings.xml").map_or_else(Vec::new, |x| shared_strings(&x));
    let dates = part("xl/styles.xml").map_or_else(Vec::new, |x| date_styles(&x));
    let sheet = part("xl/worksheets/sheet1.xml").ok_or(
        "the file is not text, nor a workbook with a first sheet (xl/worksheets/sheet1.xml)",
    )?;
    let rows = sheet_rows(&sheet, &strings, &dates);
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The text between `<tag …>` and `</tag>`, each time it occurs.
fn elements<'x>(xml: &'x str, tag: &str) -> Vec<(&'x str, &'x str)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut found = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        // "<c" must not match "<col"; "<t" not "<tab".
        if !after.starts_with([' ', '>', '/']) {
            rest = after;
            continue;
        }
        let Some(end) = after.find('>') else { break };
        let attributes = &after[..end];
        if attributes.ends_with('/') {
            found.push((attributes, ""));
            rest = &after[end + 1..];
            continue;
        }
        let body = &after[end + 1..];
        let Some(stop) = body.find(&close) else { break };
        found.push((attributes, &body[..stop]));
        rest = &body[stop + close.len()..];
    }
    found
}

fn attribute<'x>(attributes: &'x str, name: &str) -> Option<&'x str> {
    let key = format!(" {name}=\"");
    let start = attributes.find(&key)? + key.len();
    let end = attributes[start..].find('"')?;
    Some(&attributes[start..start + end])
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#10;", "\n")
        .replace("&#13;", "")
        .replace("&amp;", "&")
}

/// Every `<si>`: its text runs joined.
fn shared_strings(xml: &str) -> Vec<String> {
    elements(xml, "si")
        .into_iter()
        .map(|(_, si)| {
            elements(si, "t")
                .into_iter()
                .map(|(_, t)| unescape(t))
                .collect()
        })
        .collect()
}

/// For each cell style (`cellXfs`, in order), whether it shows a date.
fn date_styles(xml: &str) -> Vec<bool> {
    let custom: HashMap<&str, bool> = elements(xml, "numFmt")
        .into_iter()
        .filter_map(|(a, _)| {
            let id = attribute(a, "numFmtId")?;
            let code = attribute(a, "formatCode")?.to_lowercase();
            let date = code.contains('y') || (code.contains('d') && code.contains('m'));
            Some((id, date))
        })
        .collect();
    let Some((_, xfs)) = elements(xml, "cellXfs").into_iter().next() else {
        return Vec::new();
    };
    elements(xfs, "xf")
        .into_iter()
        .map(|(a, _)| {
            let id = attribute(a, "numFmtId").unwrap_or("0");
            let built_in = id
                .parse::<u32>()
                .is_ok_and(|n| (14..=22).contains(&n) || (45..=47).contains(&n));
            built_in || custom.get(id).copied().unwrap_or(false)
        })
        .collect()
}

/// "C12" → column 2.
fn column(reference: &str) -> usize {
    reference
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .fold(0, |n, c| {
            n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1)
        })
        .saturating_sub(1)
}

fn sheet_rows(xml: &str, strings: &[String], dates: &[bool]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut last = 0;
    for (attributes, body) in elements(xml, "row") {
        // Blank rows the sheet leaves out are kept, so row numbers match.
        let number: usize = attribute(attributes, "r")
            .and_then(|r| r.parse().ok())
            .unwrap_or(last + 1);
        while last + 1 < number && rows.len() < 1_000_000 {
            rows.push(Vec::new());
            last += 1;
        }
        last = number;
        let mut cells: Vec<String> = Vec::new();
        for (a, c) in elements(body, "c") {
            let index = attribute(a, "r").map_or(cells.len(), column).min(16_384);
            let value = cell(a, c, strings, dates);
            if cells.len() <= index {
                cells.resize(index + 1, String::new());
            }
            cells[index] = value;
        }
        rows.push(cells);
    }
    rows
}

fn cell(attributes: &str, body: &str, strings: &[String], dates: &[bool]) -> String {
    let value = elements(body, "v")
        .into_iter()
        .next()
        .map(|(_, v)| unescape(v))
        .unwrap_or_default();
    match attribute(attributes, "t") {
        Some("s") => value
            .parse::<usize>()
            .ok()
            .and_then(|i| strings.get(i).cloned())
            .unwrap_or_default(),
        Some("inlineStr") => elements(body, "t")
            .into_iter()
            .map(|(_, t)| unescape(t))
            .collect(),
        // "n" is a number written with its type, as openpyxl writes them.
        Some("n") | None => {
            let dated = attribute(attributes, "s")
                .and_then(|s| s.parse::<usize>().ok())
                .is_some_and(|s| dates.get(s).copied().unwrap_or(false));
            match value.parse::<f64>() {
                Ok(days) if dated && (1.0..2_958_465.0).contains(&days) => excel_date(days),
                _ => value,
            }
        }
        Some(_) => value,
    }
}

/// Excel's day count (1900 date system) as `yyyy-mm-dd`.
fn excel_date(days: f64) -> String {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
    base.checked_add_days(Days::new(days.floor() as u64))
        .map_or_else(|| days.to_string(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_reads_as_rows_with_strings_and_dates() {
        let strings = shared_strings(
            "<sst><si><t>Ref</t></si><si><r><t>Due</t></r><r><t xml:space=\"preserve\"> date</t></r></si><si><t>A &amp; B</t></si></sst>",
        );
        assert_eq!(strings, ["Ref", "Due date", "A & B"]);
        let dates = date_styles(
            "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>",
        );
        assert_eq!(dates, [false, true]);
        let sheet = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>\
            <row r=\"3\"><c r=\"A3\"><v>1.1</v></c><c r=\"B3\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"C3\" s=\"1\"><v>45016</v></c></row></sheetData></worksheet>";
        let rows = sheet_rows(sheet, &strings, &dates);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], ["Ref", "", "Due date"]);
        assert_eq!(rows[2], ["1.1", "x", "2023-03-31"]);
    }
}
