//! Column widths in twips: each column's share of the width from
//! [`Table::widths`], raised where its words would not fit — a header
//! word, a date, a status — and taken from the prose columns, so Word
//! never breaks a short word across lines.

use super::measure;
use crate::render::document::{ColumnKind, Table};
use crate::render::rag;
use crate::status::Status;

/// Table text size in half-points: 10pt.
pub const SIZE: u32 = 20;
/// Space between a cell's border and its text, each side, in twips.
pub const PADDING: u32 = 85;
/// Whether a cell is kept on one line (see [`ColumnKind::one_line`]).
pub fn one_line(kind: ColumnKind, text: &str) -> bool {
    kind.one_line(text)
}

/// Each column's width in twips, summing to `room` wherever the columns'
/// narrowest widths allow. The rows are read once to measure them (made
/// and dropped one at a time), and again as they are written: a long ref
/// far down the table ("15.42a") widens its column as much as the first.
pub fn widths(table: &Table, room: u32) -> Vec<u32> {
    let floors: Vec<u32> = widest_words(table)
        .iter()
        .map(|text| text * 21 / 20 + 2 * PADDING)
        .collect();
    let wanted: Vec<u32> = table
        .widths()
        .iter()
        .zip(&floors)
        .map(|(share, floor)| (u32::from(*share) * room / 100).max(*floor))
        .collect();
    fit(wanted, &floors, room)
}

/// How wide each column's text must be, at least: its widest header word,
/// in bold, and its widest one-line cell; the 5% a floor adds is for a
/// font a little wider than Arial.
fn widest_words(table: &Table) -> Vec<u32> {
    let mut widest: Vec<u32> = table
        .headers
        .iter()
        .zip(&table.columns)
        .map(|(header, kind)| measure::widest_word(header, SIZE, true).max(widest_expected(*kind)))
        .collect();
    for (row, bold) in table.rows() {
        for ((cell, kind), widest) in row.iter().zip(&table.columns).zip(&mut widest) {
            if one_line(*kind, cell) {
                *widest = (*widest).max(measure::width(cell, SIZE, bold));
            }
        }
    }
    widest
}

/// What a column may come to hold, whatever this paper's rows: any
/// status, any date, so every paper draws them alike.
fn widest_expected(kind: ColumnKind) -> u32 {
    match kind {
        ColumnKind::Status => Status::ALL
            .iter()
            .map(|s| measure::width(&rag::name(*s), SIZE, false))
            .max()
            .unwrap_or(0),
        ColumnKind::Date => measure::width("28 May 2009", SIZE, false),
        _ => 0,
    }
}

/// Shrinks the columns that have room to spare (prose, mostly) by what
/// the raised ones took, in proportion to their spare room. If even the
/// narrowest widths do not fit, they are scaled to the room.
fn fit(wanted: Vec<u32>, floors: &[u32], room: u32) -> Vec<u32> {
    let total: u32 = wanted.iter().sum();
    let excess = total.saturating_sub(room);
    let spare: Vec<u32> = wanted
        .iter()
        .zip(floors)
        .map(|(w, f)| w.saturating_sub(*f))
        .collect();
    let all_spare: u32 = spare.iter().sum();
    let mut widths: Vec<u32> = if excess == 0 {
        wanted
    } else if all_spare >= excess {
        let cut = |s: u32| (u64::from(s) * u64::from(excess)).div_ceil(u64::from(all_spare));
        wanted
            .iter()
            .zip(&spare)
            .map(|(w, s)| w - cut(*s) as u32)
            .collect()
    } else {
        let narrowest: u32 = floors.iter().sum();
        floors.iter().map(|f| f * room / narrowest.max(1)).collect()
    };
    // What rounding left goes to the widest column.
    let left = room.saturating_sub(widths.iter().sum());
    if let Some(widest) = (0..widths.len()).max_by_key(|&i| widths[i]) {
        widths[widest] += left;
    }
    widths
}

/// About how tall a row is, in twips, with its cells `widths` wide.
pub fn row_height(row: &[String], widths: &[u32]) -> u32 {
    let lines = row
        .iter()
        .zip(widths)
        .map(|(text, width)| measure::lines(text, SIZE, width.saturating_sub(2 * PADDING)))
        .max()
        .unwrap_or(1);
    // Arial's lines are 1.15 times its size; a half-point is 10 twips.
    lines * SIZE * 10 * 115 / 100
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overdue_table(rows: Vec<Vec<String>>) -> Table<'static> {
        let columns = [
            ("Ref", ColumnKind::Ref),
            ("Action", ColumnKind::Text),
            ("Due", ColumnKind::Date),
            ("Days overdue", ColumnKind::Number),
            ("Status", ColumnKind::Status),
            ("Latest update", ColumnKind::Text),
        ];
        Table::new(&columns, rows)
    }

    #[test]
    fn widths_fill_the_room_and_follow_the_shares() {
        let table = overdue_table(vec![]);
        let widths = widths(&table, 14570);
        assert_eq!(widths.iter().sum::<u32>(), 14570);
        assert!(widths[1] > widths[4] && widths[4] > widths[0], "{widths:?}");
    }

    #[test]
    fn every_status_and_header_word_fits_its_column() {
        let table = overdue_table(vec![]);
        let widths = widths(&table, 9638);
        let room = |i: usize| widths[i] - 2 * PADDING;
        for status in Status::ALL {
            assert!(measure::width(&rag::name(status), SIZE, false) <= room(4));
        }
        assert!(measure::width("overdue", SIZE, true) <= room(3));
        assert!(measure::width("30 Sep 2009", SIZE, false) <= room(2));
    }

    #[test]
    fn a_long_ref_far_down_the_table_widens_its_column() {
        let row = |reference: &str| vec![reference.to_string(), "Agree".to_string()];
        let mut rows: Vec<Vec<String>> = (0..500).map(|_| row("1.1a")).collect();
        rows.push(row("1015.142ab"));
        let columns = [("Ref", ColumnKind::Ref), ("Action", ColumnKind::Text)];
        let widths = widths(&Table::new(&columns, rows), 9000);
        assert!(widths[0] - 2 * PADDING >= measure::width("1015.142ab", SIZE, false));
    }

    #[test]
    fn narrowest_widths_are_scaled_when_nothing_else_fits() {
        assert_eq!(fit(vec![600, 600], &[600, 600], 1000), vec![500, 500]);
        assert_eq!(fit(vec![300, 900], &[300, 100], 1000), vec![300, 700]);
    }

    #[test]
    fn long_text_makes_a_tall_row() {
        let short = vec!["1.1".to_string(), "Agree".to_string()];
        let long = vec!["1.1".to_string(), "word ".repeat(2000)];
        assert!(row_height(&long, &[800, 4000]) > 20 * row_height(&short, &[800, 4000]));
    }
}
