//! A paper's table as a Word table: fixed layout with each column's width
//! in twips, the header row repeated on every page, rows kept whole on a
//! page, numbers right-aligned, the total row bold, and statuses shaded in
//! their RAG colour with their words kept.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::layout::{self, PADDING};
use super::text::{self, Style};
use crate::render::document::{ColumnKind, Table};
use crate::render::rag;
use crate::status::Status;

const BORDER: &str = "A6A6A6";
const HEADER_FILL: &str = "E7E6E6";

/// Writes `table`, `room` twips wide; a row at most `tallest` twips high
/// is never split across pages.
pub fn write(out: &mut impl Write, table: &Table, room: u32, tallest: u32) -> io::Result<()> {
    let widths = layout::widths(table, room);
    let statuses: Vec<(String, Status)> = Status::ALL.map(|s| (rag::name(s), s)).into();
    let mut xml = String::with_capacity(4096);
    start(&mut xml, &widths);
    header(&mut xml, table, &widths);
    out.write_all(xml.as_bytes())?;
    for (row, total) in table.rows() {
        xml.clear();
        // A row taller than half a page may split: kept whole, Word would
        // leave half a page blank before it, or cut a row taller than a page.
        let whole = layout::row_height(&row, &widths) <= tallest;
        xml.push_str(if whole {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        } else {
            "<w:tr>"
        });
        for ((cell, kind), width) in row.iter().zip(&table.columns).zip(&widths) {
            let status = (*kind == ColumnKind::Status)
                .then(|| statuses.iter().find(|(name, _)| name == cell).map(|s| s.1))
                .flatten();
            body_cell(&mut xml, cell, *kind, *width, total, status);
        }
        xml.push_str("</w:tr>");
        out.write_all(xml.as_bytes())?;
    }
    out.write_all(b"</w:tbl>")
}

/// The table's properties and grid: fixed layout, so Word keeps the
/// widths given rather than fitting columns to their contents.
fn start(xml: &mut String, widths: &[u32]) {
    let total: u32 = widths.iter().sum();
    let _ = write!(
        xml,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblBorders>"
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            xml,
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{BORDER}\"/>"
        );
    }
    let _ = write!(
        xml,
        "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>\
         <w:top w:w=\"28\" w:type=\"dxa\"/><w:left w:w=\"{PADDING}\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"28\" w:type=\"dxa\"/><w:right w:w=\"{PADDING}\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr><w:tblGrid>"
    );
    for width in widths {
        let _ = write!(xml, "<w:gridCol w:w=\"{width}\"/>");
    }
    xml.push_str("</w:tblGrid>");
}

/// The header row, repeated at the top of every page the table runs onto.
fn header(xml: &mut String, table: &Table, widths: &[u32]) {
    xml.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for ((heading, kind), width) in table.headers.iter().zip(&table.columns).zip(widths) {
        open_cell(xml, *width, Some(HEADER_FILL));
        paragraph_start(xml, "TableHeading", kind.is_numeric());
        text::push_run(xml, heading, Style::default());
        xml.push_str("</w:p></w:tc>");
    }
    xml.push_str("</w:tr>");
}

fn body_cell(
    xml: &mut String,
    cell: &str,
    kind: ColumnKind,
    width: u32,
    bold: bool,
    status: Option<Status>,
) {
    // Only the RAG statuses have a colour; "Not started" and "Deferred"
    // are words alone.
    let shading = status
        .filter(|s| s.colour().is_some())
        .map(|s| (six_digits(rag::fill(s)), six_digits(rag::ink(s))));
    open_cell(xml, width, shading.as_ref().map(|(fill, _)| fill.as_str()));
    paragraph_start(xml, "TableText", kind.is_numeric());
    let style = Style {
        bold,
        colour: shading.as_ref().map(|(_, ink)| ink.as_str()),
    };
    if layout::one_line(kind, cell) {
        text::push_run(xml, &text::unbroken(cell), style);
    } else {
        text::push_run(xml, cell, style);
    }
    xml.push_str("</w:p></w:tc>");
}

fn open_cell(xml: &mut String, width: u32, fill: Option<&str>) {
    let _ = write!(xml, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
    if let Some(fill) = fill {
        let _ = write!(
            xml,
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
        );
    }
    xml.push_str("</w:tcPr>");
}

fn paragraph_start(xml: &mut String, style: &str, right: bool) {
    let _ = write!(xml, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
    if right {
        xml.push_str("<w:jc w:val=\"right\"/>");
    }
    xml.push_str("</w:pPr>");
}

/// Black or white, whichever reads better on `fill` (six hex digits): the
/// larger contrast ratio in WCAG's sense.
/// A colour as WordprocessingML writes it: six hex digits, no `#`.
fn six_digits(rgb: u32) -> String {
    format!("{rgb:06X}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cells_are_shaded_with_their_words_kept() {
        let columns = [("Ref", ColumnKind::Ref), ("Status", ColumnKind::Status)];
        let rows = vec![
            vec!["1.1".to_string(), rag::name(Status::OffTrack)],
            vec!["1.2".to_string(), rag::name(Status::NotStarted)],
        ];
        let mut out = Vec::new();
        write(&mut out, &Table::new(&columns, rows), 9000, 4000).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert_eq!(xml.matches("<w:shd").count(), 3, "the header and off track");
        assert!(xml.contains("Off\u{a0}track\u{a0}(red)"), "{xml}");
        assert!(xml.contains("<w:tblHeader/>"));
        assert_eq!(xml.matches("<w:cantSplit/>").count(), 3);
        assert!(xml.contains("<w:tblLayout w:type=\"fixed\"/>"));
    }
}
