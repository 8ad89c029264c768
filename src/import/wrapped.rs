//! Lines a PDF extract wrapped: a long cell printed over two lines comes
//! out as a second row holding the rest of each cut cell. Such a row is
//! joined back, cell by cell, to the row it continues, and reported.

use super::columns::Field;
use super::table::{Row, Table};
use super::{Draft, NoteKind};

/// Joins each wrapped row to the row above it.
pub fn join(table: &mut Table, draft: &mut Draft) {
    // A ref or a status (a letter, a colour) is never cut over two lines.
    let own: Vec<usize> = (0..table.columns.len())
        .filter(|&i| matches!(table.columns[i], Some(Field::Ref | Field::Status)))
        .collect();
    let rows = std::mem::take(&mut table.rows);
    let mut kept: Vec<Row> = Vec::with_capacity(rows.len());
    for (line, cells) in rows {
        match kept.last_mut() {
            Some((above, previous)) if continues(previous, &cells, &own) => {
                draft.report.add(
                    Some(line),
                    NoteKind::Guess,
                    format!(
                        "continues row {above} (a line the PDF wrapped): joined to it, cell by cell"
                    ),
                );
                for (cell, part) in previous.iter_mut().zip(&cells) {
                    let part = part.trim();
                    if !part.is_empty() {
                        *cell = format!("{} {part}", cell.trim_end());
                    }
                }
            }
            _ => kept.push((line, cells)),
        }
    }
    table.rows = kept;
}

/// Whether `cells` is the rest of `previous`: no ref or status of its own, its first
/// text starts in lower case, and each of its texts is under a cell of
/// `previous` that was cut mid-sentence.
fn continues(previous: &[String], cells: &[String], own: &[usize]) -> bool {
    if own
        .iter()
        .any(|&i| cells.get(i).is_some_and(|c| !c.trim().is_empty()))
    {
        return false;
    }
    let filled: Vec<usize> = (0..cells.len())
        .filter(|&i| !cells[i].trim().is_empty())
        .collect();
    let Some(&first) = filled.first() else {
        return false;
    };
    let lower = cells[first]
        .trim()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    lower
        && filled.iter().all(|&i| {
            let above = previous.get(i).map_or("", |c| c.trim());
            !above.is_empty() && !above.ends_with(['.', '!', '?'])
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_lower_case_rest_of_cut_cells_continues_the_row_above() {
        let above = cells(&["A1", "Open a hub at the", "Director /", "Oct 2023"]);
        let rest = cells(&["", "acute trust", "Head of Care", ""]);
        assert!(continues(&above, &rest, &[0]));
    }

    #[test]
    fn a_further_action_or_a_finished_sentence_is_not_a_wrapped_line() {
        let above = cells(&["1", "Audit the files.", "Head", "May 2024"]);
        assert!(!continues(
            &above,
            &cells(&["", "brief staff", "", ""]),
            &[0]
        ));
        assert!(!continues(
            &above,
            &cells(&["", "Brief staff", "", ""]),
            &[0]
        ));
        let open = cells(&["1", "Audit the", "", "May 2024"]);
        assert!(!continues(&open, &cells(&["", "files", "Head", ""]), &[0]));
    }
}
