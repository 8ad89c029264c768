//! Any text in a report cell: the CSV reads back to the same cell and
//! never starts with a formula trigger; markdown and HTML escapes hold.
#![no_main]

use actionplan::render::{csv, html, markdown, view::Column};
use libfuzzer_sys::fuzz_target;

const COLUMNS: &[Column<String>] = &[Column::new("Cell", |s| s.clone())];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rows = vec![text.to_string()];
    let mut out = Vec::new();
    csv::write(&mut out, COLUMNS, &rows, true).unwrap();
    let body = out.strip_prefix(b"\xEF\xBB\xBF").unwrap();
    let mut reader = ::csv::ReaderBuilder::new().from_reader(body);
    let cell = reader.records().next().unwrap().unwrap()[0].to_string();
    assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']), "formula trigger: {cell:?}");
    assert_eq!(cell.strip_prefix('\'').filter(|_| cell != text).unwrap_or(&cell), text);
    let escaped = markdown::escape(text);
    assert!(!escaped.contains(['\n', '\r']) && !escaped.replace("\\|", "").contains('|'));
    let html = html::escape(text);
    assert!(!html.contains('<') && !html.contains('>'));
});
