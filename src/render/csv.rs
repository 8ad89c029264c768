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
        writer.write_record(neutral_record(columns.iter().map(|c| (c.value)(row))))?;
    }
    writer.flush()
}

/// What spreadsheets take as the start of a formula (OWASP's list).
const TRIGGERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Where a spreadsheet may start a new cell: the file is comma-separated,
/// but Excel in most of Europe splits on `;`, a paste splits on tab, and a
/// reader that does not honour the quotes also starts a row at a line break.
const SEPARATORS: [char; 5] = [',', ';', '\t', '\r', '\n'];

/// Makes every piece of a cell text to a spreadsheet, whichever separator
/// it splits on: where a piece (the cell's start, or after a separator),
/// past any spaces and `"`, begins with a formula trigger, a `'` goes just
/// before the trigger. `'` is how Excel and LibreOffice are told "this is
/// text" (OWASP's advice), and inserting it changes nothing else. A
/// cell that is wholly a number (`-40`, `+3`, `-2.5`) is no formula, and
/// is left a number: a count of days moved may be negative.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if is_number(cell) {
        return Cow::Borrowed(cell);
    }
    mark_triggers(cell)
}

/// A row's cells, each made safe by [`neutralise`] except the first, which
/// keeps no number exemption: a reader splitting on `;` or tab takes the
/// whole row up to its first `;` or tab as one piece, so a first cell of
/// `-40` would begin the piece `-40,1+cmd|…`, which Excel in a locale with
/// a decimal comma runs as a formula. Every later cell follows a `,`
/// inside such a piece, so it never begins one.
pub fn neutral_record<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Vec<String> {
    let cells = cells.into_iter().enumerate();
    cells
        .map(|(at, cell)| match at {
            0 => mark_triggers(cell.as_ref()).into_owned(),
            _ => neutralise(cell.as_ref()).into_owned(),
        })
        .collect()
}

/// `cell` with a `'` before each trigger that begins a piece.
fn mark_triggers(cell: &str) -> Cow<'_, str> {
    let mut triggers = piece_triggers(cell).peekable();
    if triggers.peek().is_none() {
        return Cow::Borrowed(cell);
    }
    let mut neutral = String::with_capacity(cell.len() + 4);
    let mut copied = 0;
    for at in triggers {
        neutral.push_str(&cell[copied..at]);
        neutral.push('\'');
        copied = at;
    }
    neutral.push_str(&cell[copied..]);
    Cow::Owned(neutral)
}

/// A sign, digits, and at most one `.` with digits after it: what every
/// spreadsheet reads as that number, never as a formula.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// Byte offsets of the triggers that begin a piece of `cell`.
fn piece_triggers(cell: &str) -> impl Iterator<Item = usize> + '_ {
    let mut piece_start = true;
    cell.char_indices().filter_map(move |(at, c)| {
        let starts_formula = piece_start && TRIGGERS.contains(&c);
        // Spreadsheets skip leading spaces, and a `;` reader takes a `"`
        // after the `;` as the opening of a quoted piece.
        piece_start = SEPARATORS.contains(&c) || (piece_start && matches!(c, ' ' | '"'));
        starts_formula.then_some(at)
    })
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
    fn a_trigger_after_any_separator_is_neutralised() {
        for separator in [",", ";", "\t", "\r", "\n"] {
            for trigger in ["=", "+", "-", "@"] {
                let cell = format!("Agreed at board{separator}{trigger}2*21{separator}");
                let expected = format!("Agreed at board{separator}'{trigger}2*21{separator}");
                assert_eq!(neutralise(&cell), expected, "{cell:?}");
            }
        }
    }

    #[test]
    fn the_mark_goes_past_spaces_and_quotes_to_the_trigger() {
        assert_eq!(neutralise(" =1+1"), " '=1+1");
        assert_eq!(neutralise("a; \"=1+1\";"), "a; \"'=1+1\";");
        assert_eq!(neutralise("a;\" \"@x"), "a;\" \"'@x");
        assert_eq!(neutralise("a;\t=x"), "a;'\t'=x", "a tab is both");
    }

    #[test]
    fn a_cell_that_is_wholly_a_number_stays_a_number() {
        for cell in ["-40", "+3", "-2.5", "0", "17"] {
            assert_eq!(neutralise(cell), cell);
        }
        for cell in ["-40 days", "-1+2", "-", "-.5", "-5.", "-2E5", "a;-3", "- 3"] {
            assert!(neutralise(cell).contains('\''), "{cell:?}");
        }
    }

    #[test]
    fn a_signed_number_opening_a_row_is_marked_and_later_ones_are_not() {
        assert_eq!(neutral_record(["-40", "1+cmd"]), ["'-40", "1+cmd"]);
        assert_eq!(neutral_record(["3.3", "-40", "+2"]), ["3.3", "-40", "+2"]);
        assert_eq!(neutral_record(["17", "=1"]), ["17", "'=1"]);
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for cell in [
            "2009-04-30",
            "DCS",
            "",
            "’quoted’",
            "a=b",
            "Tender/design services; Report to the Board",
            "a - b, c + d",
            "'=already text",
        ] {
            assert_eq!(neutralise(cell), cell);
        }
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::{TRIGGERS, write};
        use crate::render::view::Column;

        const COLUMNS: &[Column<(String, String)>] = &[
            Column::new("First", |r| r.0.clone()),
            Column::new("Second", |r| r.1.clone()),
        ];

        /// Whether a reader splitting `csv` on `separator` (and at line
        /// breaks) finds a piece that, past spaces and quotes, is a formula.
        fn a_piece_starts_a_formula(csv: &str, separator: char) -> Option<&str> {
            csv.split([separator, '\r', '\n']).find(|piece| {
                let piece = piece.trim_start_matches([' ', '"']);
                piece.starts_with(TRIGGERS) && !super::super::is_number(piece.trim_end_matches('"'))
            })
        }

        /// Whether `cell` is `original` with `'` put before some triggers,
        /// and nothing else changed.
        fn only_marks_added(cell: &str, original: &str) -> bool {
            let mut cell = cell.chars().peekable();
            for c in original.chars() {
                if TRIGGERS.contains(&c) && cell.peek() == Some(&'\'') {
                    cell.next();
                }
                if cell.next() != Some(c) {
                    return false;
                }
            }
            cell.next().is_none()
        }

        proptest! {
            #[test]
            fn no_piece_starts_a_formula_and_every_cell_reads_back(cells in prop::collection::vec(("\\PC*", "[-=+@\t\r\n ;,\"'a]{0,16}"), 0..8)) {
                let rows: Vec<(String, String)> = cells;
                let mut out = Vec::new();
                write(&mut out, COLUMNS, &rows, true).unwrap();
                let body = out.strip_prefix(b"\xEF\xBB\xBF").unwrap();
                let text = std::str::from_utf8(body).unwrap();
                for separator in [',', ';', '\t'] {
                    let piece = a_piece_starts_a_formula(text, separator);
                    prop_assert!(piece.is_none(), "split on {:?}: {:?}", separator, piece);
                }
                let mut reader = csv::ReaderBuilder::new().from_reader(body);
                let read: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
                prop_assert_eq!(read.len(), rows.len());
                for (cells, row) in read.iter().zip(&rows) {
                    for (cell, original) in cells.iter().zip([&row.0, &row.1]) {
                        prop_assert!(only_marks_added(cell, original), "{:?} from {:?}", cell, original);
                    }
                }
            }
        }
    }
}
