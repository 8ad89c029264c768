//! Finding the table in a spreadsheet's rows: the header row wherever it
//! is (the rows above it are the plan's title and organisation), and
//! where the table ends (a key such as "1 Fully achieved", notes or a
//! signature block below it are not rows). Both are reported.

use super::columns::{Field, Mapping, columns, known, squash};
use super::{Draft, NoteKind};

/// A row of cells and its number in the file (1-based).
pub type Row = (usize, Vec<String>);

/// The table: its header, the columns' fields, its rows, and the key
/// printed under it ("1" → "Fully achieved").
#[derive(Debug, Default)]
pub struct Table {
    pub header_row: usize,
    pub headers: Vec<String>,
    pub columns: Vec<Option<Field>>,
    pub rows: Vec<Row>,
    pub legend: Vec<(String, String)>,
}

/// Rows looked at for the header: titles above a table are a few lines.
const HEADER_SEARCH: usize = 40;

/// How many different fields a row's cells name as headers.
fn score(cells: &[String], mapping: &Mapping) -> usize {
    let mut fields: Vec<Field> = cells
        .iter()
        .filter_map(|cell| {
            let squashed = squash(cell);
            mapping
                .columns
                .iter()
                .find(|(h, _)| squash(h) == squashed && !squashed.is_empty())
                .map(|(_, f)| *f)
                .or_else(|| known(cell).filter(|_| cell.chars().count() <= 60))
        })
        .collect();
    fields.sort_by_key(|f| *f as usize);
    fields.dedup();
    fields.len()
}

/// The table in `records`, or `None` (reported) when no row is a header.
pub fn find(records: Vec<Row>, mapping: &Mapping, draft: &mut Draft) -> Option<Table> {
    let best = records
        .iter()
        .take(HEADER_SEARCH)
        .enumerate()
        .map(|(i, (_, cells))| (score(cells, mapping), i))
        .max_by_key(|(score, i)| (*score, usize::MAX - i))?;
    let needed = if mapping.columns.is_empty() { 2 } else { 1 };
    if best.0 < needed {
        draft.report.add(
            None,
            NoteKind::Warning,
            "no header row found (a row naming at least two columns such as Ref, Recommendation, Action, Lead, Timescale): nothing was imported; name the columns with --map 'HEADER=FIELD'",
        );
        return None;
    }
    let mut records = records;
    let body = records.split_off(best.1 + 1);
    let (header_row, headers) = records.pop()?;
    titles(&records, draft);
    let columns = columns(&headers, mapping, header_row, draft);
    let (rows, legend) = trailer(body, draft);
    Some(Table {
        header_row,
        headers,
        columns,
        rows,
        legend,
    })
}

/// Words that mark a title row as the organisation's name.
const ORGANISATION_WORDS: &[&str] = &[
    "council",
    "board",
    "partnership",
    "trust",
    "authority",
    "nhs",
    "borough",
    "county",
    "safeguarding children",
    "local area",
    "commission",
];

/// Rows above the header: the first naming an organisation is the
/// organisation, the first other one the title. All reported.
fn titles(rows: &[Row], draft: &mut Draft) {
    for (line, cells) in rows {
        let text = distinct(cells).join(" ");
        if text.is_empty() {
            continue;
        }
        let named = |t: &str| {
            let lower = t.to_lowercase();
            ORGANISATION_WORDS.iter().any(|w| lower.contains(w))
        };
        let organisation = named(&text);
        let sentence = text.ends_with('.') && text.split_whitespace().count() >= 5;
        let both = text
            .split_once(" – ")
            .or_else(|| text.split_once(" - "))
            .filter(|(name, rest)| named(name) && !named(rest) && is_plan_name(rest));
        if let Some((date, alone)) = updated_on(&text).filter(|_| draft.found_reported.is_none()) {
            draft.found_reported = Some(date);
            draft.report.add(
                Some(*line),
                NoteKind::Guess,
                format!(
                    "above the header: {date} in “{text}” read as the date the table was updated: \
                     its progress cells are dated by it, unless --reported is given"
                ),
            );
            if alone {
                continue;
            }
        }
        let role = if sentence {
            "not imported (a sentence, not a title)"
        } else if let Some((name, _)) = both.filter(|_| draft.found_title.is_none()) {
            draft.found_title = Some(text.clone());
            if draft.found_organisation.is_none() {
                draft.found_organisation = Some(name.trim().to_string());
            }
            "the title, naming the organisation"
        } else if organisation && draft.found_organisation.is_none() {
            draft.found_organisation = Some(text.clone());
            "the organisation"
        } else if draft.found_title.is_none() {
            draft.found_title = Some(text.clone());
            "the title"
        } else {
            "not imported"
        };
        draft.report.add(
            Some(*line),
            NoteKind::Guess,
            format!("above the header: “{text}” read as {role}"),
        );
    }
}

/// The date in "Last updated: 14/11/2024", "Position as at 30 September
/// 2024", "Progress at March 2024": a line that says the table was brought
/// up to date, with a date it names for certain; and whether the line says
/// nothing else (else it may be the title too).
fn updated_on(text: &str) -> Option<(chrono::NaiveDate, bool)> {
    const SAYING: [&str; 6] = [
        "updated",
        "as at",
        "as of",
        "position at",
        "progress at",
        "status at",
    ];
    let lower = text.to_lowercase();
    let (at, after) = SAYING
        .iter()
        .filter_map(|w| lower.find(w).map(|at| (at, &lower[at + w.len()..])))
        .min_by_key(|(at, _)| *at)?;
    let reading = crate::timescale::read(after.trim_start_matches([':', ' ', '-', '–'])).ok()?;
    let date = reading
        .doubts
        .is_empty()
        .then(|| reading.due(None))
        .flatten()?;
    let before = lower[..at].trim_matches(|c: char| !c.is_alphanumeric());
    Some((date, matches!(before, "" | "last" | "date" | "date last")))
}

/// "Delivery Plan 2024/25", "Action Tracker": words that name a plan.
fn is_plan_name(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "plan",
        "tracker",
        "statement",
        "strategy",
        "programme",
        "actions",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The filled cells' texts, each once, in order: a merged cell exported
/// into every cell it spans counts once.
pub fn distinct(cells: &[String]) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for cell in cells {
        let text = super::cells::clean(cell);
        if !text.is_empty() && !texts.contains(&text) {
            texts.push(text);
        }
    }
    texts
}

/// "Page 3", "Page 3 of 12": a PDF's page footer, not a row.
pub fn is_page_mark(texts: &[String]) -> bool {
    let [text] = texts else { return false };
    let lower = text.to_lowercase();
    let Some(rest) = lower.strip_prefix("page ") else {
        return false;
    };
    let number = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    match rest.split_once(" of ") {
        Some((n, m)) => number(n.trim()) && number(m.trim()),
        None => number(rest.trim()),
    }
}

/// Words that open the block under a table.
const TRAILER_WORDS: &[&str] = &[
    "key",
    "legend",
    "notes",
    "note",
    "signed",
    "signature",
    "approved by",
    "agreed by",
    "glossary",
    "abbreviations",
    "rag key",
    "rag rating",
    "assessment key",
    "source",
];

/// Words a key's entries use.
const STATUS_WORDS: &[&str] = &[
    "achieved",
    "complete",
    "progress",
    "started",
    "track",
    "risk",
    "delayed",
    "overdue",
    "partly",
    "partially",
    "fully",
    "met",
    "ongoing",
    "green",
    "amber",
    "red",
    "blue",
    "implemented",
    "concern",
];

/// "1 Fully achieved", "G = on track", "Red - not started": a key's entry.
pub fn legend_entry(text: &str) -> Option<(String, String)> {
    if text.chars().count() > 80 {
        return None;
    }
    let text = text.trim();
    let split = text
        .find(|c: char| c.is_whitespace() || "=:-–.".contains(c))
        .unwrap_or(text.len());
    let (key, rest) = text.split_at(split);
    let words = rest.trim_start_matches(|c: char| c.is_whitespace() || "=:-–.".contains(c));
    let lower_key = key.to_lowercase();
    let key_like = (key.len() <= 2 && key.bytes().all(|b| b.is_ascii_digit()))
        || ["r", "a", "g", "b", "red", "amber", "green", "blue"].contains(&lower_key.as_str());
    let lower = words.to_lowercase();
    let status_like = STATUS_WORDS.iter().any(|w| lower.contains(w));
    (key_like && status_like && !words.is_empty()).then(|| (key.to_string(), words.to_string()))
}

fn trailer_start(texts: &[String]) -> bool {
    let first = texts.first().map(|t| t.to_lowercase()).unwrap_or_default();
    TRAILER_WORDS.iter().any(|w| {
        first == *w
            || first
                .strip_prefix(w)
                .is_some_and(|rest| rest.starts_with([' ', ':', '-', '(']))
    })
}

/// The rows of the table, and the key under it. The table ends at the
/// first row (after some data) that opens a key, notes or signatures, or
/// at a run of key entries that nothing but such rows follows.
fn trailer(mut rows: Vec<Row>, draft: &mut Draft) -> (Vec<Row>, Vec<(String, String)>) {
    let small = |cells: &[String]| distinct(cells).len() <= 3;
    let opener = rows
        .iter()
        .position(|(_, c)| small(c) && trailer_start(&distinct(c)))
        .filter(|&i| i > 0);
    // Backwards from the end: key entries and blank rows.
    let mut start = rows.len();
    while start > 1 {
        let cells = &rows[start - 1].1;
        let texts = distinct(cells);
        let entry = small(cells) && legend_entry(&texts.join(" ")).is_some();
        if texts.is_empty() || entry {
            start -= 1;
        } else {
            break;
        }
    }
    let start = opener.map_or(start, |o| o.min(start));
    let below = rows.split_off(start);
    let mut legend = Vec::new();
    for (line, cells) in below {
        let text = distinct(&cells).join(" ");
        if text.is_empty() {
            continue;
        }
        if let Some(entry) = legend_entry(&text) {
            legend.push(entry);
        }
        draft.report.add(
            Some(line),
            NoteKind::Guess,
            format!("below the table (a key, notes or signatures), not a row: “{text}”"),
        );
    }
    (rows, legend)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_entries_are_recognised_and_data_is_not() {
        assert_eq!(
            legend_entry("1 Fully achieved"),
            Some(("1".into(), "Fully achieved".into()))
        );
        assert!(legend_entry("G = on track").is_some());
        assert!(legend_entry("1.1 Review the safeguarding policy").is_none());
        assert!(legend_entry("Head of Service").is_none());
    }

    #[test]
    fn a_page_footer_is_a_page_mark_and_a_page_of_text_is_not() {
        let mark = |t: &str| is_page_mark(&[t.to_string()]);
        assert!(mark("Page 3 of 12"));
        assert!(mark("page 7"));
        assert!(!mark("Page 2 of the policy to be rewritten"));
    }
}
