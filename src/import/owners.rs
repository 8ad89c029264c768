//! An owner cell as lead officers. A line break or ";" always separates
//! officers; "/", ",", "&", " and " or " with " separate them only where
//! every part is an officer the table names on its own elsewhere (or in
//! `--officers`), or, for " / ", where every part names a role. "Head of Service MASH/ SA Head of Service SASF" stays
//! whole unless both halves appear alone. Every split is reported, and so
//! is every cell kept whole that a separator might have split.

use std::collections::HashSet;

use super::columns::Field;
use super::table::Table;
use super::{NoteKind, Report, cells};

/// How names are compared: case, spacing and punctuation evened out.
pub fn key(name: &str) -> String {
    name.replace('&', " and ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every owner cell's lines, whole: the officers the table names alone.
pub fn whole_cells(table: &Table) -> HashSet<String> {
    let columns: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, f)| **f == Some(Field::Lead))
        .map(|(i, _)| i)
        .collect();
    table
        .rows
        .iter()
        .flat_map(|(_, cells)| columns.iter().filter_map(|&i| cells.get(i)))
        .flat_map(|cell| cell.split(['\n', ';']))
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
}

const AMBIGUOUS: [&str; 5] = ["/", ",", "&", " and ", " with "];

/// The officers in an owner cell.
pub fn split(cell: &str, known: &HashSet<String>, line: usize, report: &mut Report) -> Vec<String> {
    let mut leads = Vec::new();
    let pieces: Vec<String> = cell
        .split(['\n', ';'])
        .map(cells::clean)
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.len() > 1 {
        let names: Vec<String> = pieces.iter().map(|p| format!("“{p}”")).collect();
        report.add(
            Some(line),
            NoteKind::Grouping,
            format!(
                "owner cell split at its line breaks or “;” into {}",
                names.join(", ")
            ),
        );
    }
    for piece in pieces {
        leads.extend(split_piece(&piece, known, line, report));
    }
    leads
}

fn split_piece(
    piece: &str,
    known: &HashSet<String>,
    line: usize,
    report: &mut Report,
) -> Vec<String> {
    // "&", "and", "," and "with" are mostly inside one title ("Head of
    // Planning, Performance & Development"); a "/" left whole is reported.
    let ambiguous = piece.contains('/');
    for separator in AMBIGUOUS {
        if !piece.contains(separator) {
            continue;
        }
        let parts: Vec<String> = piece
            .split(separator)
            .map(cells::clean)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 && parts.iter().all(|p| known.contains(&key(p))) {
            report.add(
                Some(line),
                NoteKind::Grouping,
                format!(
                    "owner “{piece}” split into {}: each is named on its own elsewhere in the table",
                    parts.iter().map(|p| format!("“{p}”")).collect::<Vec<_>>().join(", ")
                ),
            );
            return parts;
        }
    }
    if let Some(parts) = roles_either_side(piece) {
        report.add(
            Some(line),
            NoteKind::Grouping,
            format!(
                "owner “{piece}” split at “ / ” into {}: each part names a role of its own",
                parts
                    .iter()
                    .map(|p| format!("“{p}”"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        return parts;
    }
    if ambiguous {
        report.add(
            Some(line),
            NoteKind::Grouping,
            format!("owner “{piece}” kept as one officer: its parts are not each named elsewhere; split it in officers.toml if it names several"),
        );
    }
    vec![piece.to_string()]
}

/// Words that make a part of an owner cell a role ("Head of Housing").
const ROLE_WORDS: [&str; 16] = [
    "head",
    "director",
    "manager",
    "lead",
    "officer",
    "chair",
    "coordinator",
    "co-ordinator",
    "commissioner",
    "chief",
    "executive",
    "adviser",
    "advisor",
    "nurse",
    "inspector",
    "superintendent",
];

/// "Head of Housing / Head of Adult Social Care", "DCS / Head of
/// Safeguarding": a "/" with a space on both sides between parts that are
/// each a role (a role word, or an acronym such as DCS) separates two
/// officers. "Policy / Performance Manager" and "Head of Service MASH/ SA
/// …" are not split this way.
fn roles_either_side(piece: &str) -> Option<Vec<String>> {
    if !piece.contains(" / ") {
        return None;
    }
    let parts: Vec<String> = piece.split(" / ").map(cells::clean).collect();
    let role = |part: &String| {
        let acronym = (2..=6).contains(&part.len()) && part.chars().all(|c| c.is_ascii_uppercase());
        acronym
            || part
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
    };
    (parts.len() > 1 && parts.iter().all(role)).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_split_only_into_officers_named_elsewhere() {
        let known: HashSet<String> = ["dcs", "hscb chair", "head of service mash"]
            .into_iter()
            .map(String::from)
            .collect();
        let mut report = Report::default();
        assert_eq!(
            split("HSCB Chair / DCS", &known, 2, &mut report),
            ["HSCB Chair", "DCS"]
        );
        assert_eq!(
            split(
                "Head of Service MASH/ SA Head of Service SASF",
                &known,
                3,
                &mut report
            ),
            ["Head of Service MASH/ SA Head of Service SASF"]
        );
        assert_eq!(
            split("DCS\nHead of Service MASH", &known, 4, &mut report),
            ["DCS", "Head of Service MASH"]
        );
        assert_eq!(report.notes.len(), 3, "{report:?}");
    }

    #[test]
    fn a_spaced_slash_between_roles_separates_officers() {
        let known = HashSet::new();
        let mut report = Report::default();
        assert_eq!(
            split(
                "Head of Housing / Head of Adult Social Care",
                &known,
                2,
                &mut report
            ),
            ["Head of Housing", "Head of Adult Social Care"]
        );
        assert_eq!(
            split("DCS / Head of Safeguarding", &known, 3, &mut report),
            ["DCS", "Head of Safeguarding"]
        );
        for whole in [
            "Policy / Performance Manager",
            "Early Help / Youth Service Manager",
            "Head of Service MASH/ SA Head of Service SASF",
        ] {
            assert_eq!(split(whole, &known, 4, &mut report), [whole]);
        }
        assert_eq!(report.notes.len(), 5, "{report:?}");
    }
}
