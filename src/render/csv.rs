//! CSV: RFC 4180 with CRLF line ends, UTF-8 (with a byte-order mark when
//! asked, so Excel shows ’ and –), and cells that a spreadsheet would run
//! as formulas neutralised.

use std::borrow::{Borrow, Cow};
use std::io::{self, Write};

use super::view::Column;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Rows are rendered as they come, so a lazy iterator keeps one row in
/// memory at a time.
pub fn write<T, R: Borrow<T>>(
    out: &mut impl Write,
    columns: &[Column<T>],
    rows: impl IntoIterator<Item = R>,
    bom: bool,
) -> io::Result<()> {
    if bom {
        out.write_all(BOM)?;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(columns.iter().map(|c| c.header))?;
    for row in rows {
        let row = row.borrow();
        let cells: Vec<String> = columns.iter().map(|c| (c.value)(row)).collect();
        writer.write_record(cells.iter().map(|cell| neutralise(cell).into_owned()))?;
    }
    writer.flush()
}

/// A cell starting with `=`, `+`, `-`, `@`, tab, CR or LF is a formula to
/// Excel and LibreOffice; a leading `'` makes it text (OWASP's advice).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_formula_trigger_is_neutralised() {
        for trigger in ["=", "+", "-", "@", "\t", "\r", "\n"] {
            let cell = format!("{trigger}SUM(A1:A2)");
            assert_eq!(neutralise(&cell), format!("'{cell}"), "{trigger:?}");
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for cell in ["2009-04-30", "DCS", "", "’quoted’", "a=b"] {
            assert_eq!(neutralise(cell), cell);
        }
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::write;
        use crate::render::view::Column;

        const COLUMNS: &[Column<(String, String)>] = &[
            Column::new("First", |r| r.0.clone()),
            Column::new("Second", |r| r.1.clone()),
        ];

        proptest! {
            #[test]
            fn every_cell_reads_back_and_none_starts_a_formula(cells in prop::collection::vec(("\\PC*", "[=+@\t\r\n-]?\\PC{0,10}[\r\n\",]?"), 0..8)) {
                let rows: Vec<(String, String)> = cells;
                let mut out = Vec::new();
                write(&mut out, COLUMNS, &rows, true).unwrap();
                let body = out.strip_prefix(b"\xEF\xBB\xBF").unwrap();
                let mut reader = csv::ReaderBuilder::new().from_reader(body);
                let read: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
                prop_assert_eq!(read.len(), rows.len());
                for (cells, row) in read.iter().zip(&rows) {
                    for (cell, original) in cells.iter().zip([&row.0, &row.1]) {
                        prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']), "{:?}", cell);
                        let trigger = original.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']);
                        let expected = if trigger { format!("'{original}") } else { original.clone() };
                        prop_assert_eq!(cell, &expected);
                    }
                }
            }
        }
    }
}
