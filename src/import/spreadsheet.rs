//! The `csv` form: a spreadsheet saved as CSV, with a header row whose
//! columns are matched by name.

use std::collections::HashSet;

use super::columns::{Field, squash};
use super::rows::Reader;
use super::table::{self, Row};
use super::{Draft, DraftAction, DraftSection, NoteKind, Options, cells};
use crate::status::Status;

/// The delimiter the table uses most in a line: comma, semicolon or tab.
/// Title lines above the header may have none, so the first 40 lines
/// are looked at.
pub(crate) fn delimiter(text: &str) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| {
            text.lines()
                .take(40)
                .map(|l| outside_quotes(l, *d as char))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(b',')
}

pub fn read(text: &str, options: &Options) -> Draft {
    let mut draft = Draft::default();
    let records = match pipe_rows(text) {
        Some(rows) => rows,
        None => csv_rows(text, &mut draft),
    };
    let Some(mut table) = table::find(records, &options.mapping, &mut draft) else {
        return draft;
    };
    super::wrapped::join(&mut table, &mut draft);
    if !table.columns.contains(&Some(Field::Ref)) {
        draft.report.add(
            Some(table.header_row),
            NoteKind::Guess,
            "no Ref column: recommendations take the number their text starts with, or are numbered in order (name a column with --map 'HEADER=ref')",
        );
    }
    Reader::new(&table, options).read(&mut draft);
    add_missing_sections(&mut draft);
    draft
}

/// A markdown (or PDF-to-text) table: rows written `| a | b |`, the
/// `|---|` line under the header left out, `\|` a "|" inside a cell.
/// A `## heading` straight above a table heads that table's rows, so it
/// is read after the table's header. `None` when the text is not one.
fn pipe_rows(text: &str) -> Option<Vec<Row>> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let piped = lines.iter().filter(|(_, l)| l.starts_with('|')).count();
    if piped < 2 || piped * 2 < lines.len() {
        return None;
    }
    let rule = |l: &str| l.chars().all(|c| "|-: ".contains(c));
    let lines: Vec<(usize, &str)> = lines.into_iter().filter(|(_, l)| !rule(l)).collect();
    let mut rows: Vec<Row> = Vec::with_capacity(lines.len());
    let mut held: Option<Row> = None;
    for (i, &(number, line)) in lines.iter().enumerate() {
        let row = (number, pipe_cells(line));
        let heads_table =
            line.starts_with("##") && lines.get(i + 1).is_some_and(|(_, l)| l.starts_with('|'));
        if heads_table {
            held = Some(row);
            continue;
        }
        rows.push(row);
        rows.extend(held.take());
    }
    Some(rows)
}

/// A line's cells: `| a | b |` split at each "|" that is not `\|`; any
/// other line (a heading, a paragraph) one cell without its markup.
fn pipe_cells(line: &str) -> Vec<String> {
    if !line.starts_with('|') {
        let text = line.trim_start_matches('#').trim();
        return vec![text.trim_matches(['*', '_']).trim().to_string()];
    }
    const ESCAPED: char = '\u{1}';
    let line = line.replace("\\|", &ESCAPED.to_string());
    let inner = line.trim_start_matches('|').trim_end_matches('|');
    inner
        .split('|')
        .map(|c| c.trim().trim_matches('*').trim().replace("<br>", "\n"))
        .map(|c| c.replace(ESCAPED, "|"))
        .collect()
}

/// How often `delimiter` is in a line outside double quotes: a cell's
/// "A; B; C" says nothing about the delimiter.
fn outside_quotes(line: &str, delimiter: char) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

fn csv_rows(text: &str, draft: &mut Draft) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records: Vec<Row> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 1;
        match record {
            Ok(record) => records.push((row, record.iter().map(str::to_string).collect())),
            Err(err) => draft
                .report
                .add(Some(row), NoteKind::Warning, format!("not read: {err}")),
        }
    }
    records
}

/// A Status/RAG cell and a Progress cell: a status word that cannot be
/// read, and any progress note, are kept in an undated update and reported.
pub(super) fn status_and_progress(
    action: &mut DraftAction,
    status: &str,
    progress: &str,
    draft: &mut Draft,
) {
    let row = action.row;
    let status = cells::clean(status);
    if !status.is_empty() {
        match status_of(&status) {
            Some(found) => action.status = found,
            None => {
                draft.report.add(Some(row), NoteKind::Unread, format!("status “{status}” not recognised: status left not_started, the words kept in notes"));
                action
                    .notes
                    .push(format!("Status in the imported table: {status}"));
            }
        }
    }
    let progress = cells::clean(progress);
    if !progress.is_empty() {
        draft.report.add(
            Some(row),
            NoteKind::Unread,
            "progress kept as a note with no date (`notes`): add a dated update when you know it",
        );
        action.notes.push(progress);
    }
}

/// RAG words and letters and common status phrases, "Implemented?"
/// answers and the phrases of an assessment key.
pub(super) fn status_of(text: &str) -> Option<Status> {
    let squashed = squash(text);
    let status = match squashed.as_str() {
        "r" | "red" | "offtrack" | "behind" | "delayed" | "overdue" => Status::OffTrack,
        "a" | "amber" | "atrisk" | "slipping" => Status::AtRisk,
        "g" | "green" | "ontrack" | "inprogress" | "started" => Status::OnTrack,
        "b" | "blue" | "complete" | "completed" | "done" | "achieved" | "closed"
        | "fullyachieved" | "fullyimplemented" | "implemented" | "yes" | "y" | "met" => {
            Status::Complete
        }
        "partlyachieved"
        | "partiallyachieved"
        | "partlyimplemented"
        | "partiallyimplemented"
        | "partly"
        | "partially"
        | "partiallymet"
        | "ongoing" => Status::OnTrack,
        "notachieved" | "notmet" | "behindschedule" | "offtarget" => Status::OffTrack,
        "redamber" | "amberred" => Status::AtRisk,
        "ambergreen"
        | "greenamber"
        | "notyetdue"
        | "ontarget"
        | "partiallycomplete"
        | "substantiallycomplete"
        | "underway" => Status::OnTrack,
        "notstarted" | "notyetstarted" | "planned" | "no" | "n" | "notimplemented" => {
            Status::NotStarted
        }
        _ if squashed.starts_with("deferred")
            || squashed.starts_with("onhold")
            || squashed.starts_with("superseded") =>
        {
            Status::Deferred
        }
        _ => return Status::from_word_or_colour(text.trim()),
    };
    Some(status)
}

/// "Green - complete", "Amber (some slippage)": a colour and words. The
/// words decide when they are a status, else the colour; `None` unless
/// the cell starts with a colour or RAG letter. The second value says
/// whether the colour and the words disagree (a guess to report).
pub(super) fn coloured_status(text: &str) -> Option<(Status, bool)> {
    let split = text.find(['-', '–', ':', '(', '/', ','])?;
    let (colour, words) = text.split_at(split);
    let colour = status_of(colour.trim())?;
    let words = words.trim_matches(|c: char| "-–:()/,. ".contains(c));
    Some(match status_of(words) {
        Some(found) => (found, found != colour),
        None => (colour, !words.is_empty()),
    })
}

/// Sections the refs name but no row titled: titled "Section N", reported.
fn add_missing_sections(draft: &mut Draft) {
    let mut titled: HashSet<&str> = draft.sections.iter().map(|s| s.number.as_str()).collect();
    let mut missing: Vec<String> = Vec::new();
    for rec in &draft.recommendations {
        let dotted = crate::reference::Ref::parse(&rec.reference).is_ok_and(|r| r.is_dotted());
        let number = rec.reference.split('.').next().unwrap_or("");
        if dotted && titled.insert(number) {
            missing.push(number.to_string());
        }
    }
    for number in missing {
        draft.report.add(
            None,
            NoteKind::Guess,
            format!(
                "section {number} has no title in the table: titled “Section {number}” in plan.toml"
            ),
        );
        draft.sections.push(DraftSection {
            title: format!("Section {number}"),
            number,
        });
    }
    draft
        .sections
        .sort_by_key(|s| s.number.parse::<u32>().unwrap_or(u32::MAX));
}
