//! `trajectory` in every format — a terminal table, CSV, markdown, JSON,
//! a workbook — each from the same rows and the same words, so no two
//! formats can disagree. The columns depend on the plan's meetings, so
//! they are made here rather than listed once as other reports' are.

use std::io::{self, Write};

use chrono::NaiveDate;
use comfy_table::Cell;
use serde::Serialize;

use super::table::Style;
use super::view::{ActionView, date, yes_no};
use super::{csv, json, markdown, xlsx};
use crate::status::Status;
use crate::trajectory::{Cell as Column, Columns, Course, Move};

/// One action and its course.
pub struct Line<'c> {
    pub view: ActionView,
    pub course: &'c Course,
}

/// The columns after the meetings', in CSV, markdown and the workbook.
const TAIL: [&str; 9] = [
    "Status",
    "Due moves",
    "Days moved",
    "Moves",
    "Longest no data",
    "Contradiction",
    "Stuck",
    "Deteriorating",
    "Contradictions",
];

/// Every column's header: the action, one per column date, then [`TAIL`].
pub fn headers(columns: &Columns) -> Vec<String> {
    let mut headers: Vec<String> = ["Ref", "Action", "Lead", "Due"].map(String::from).into();
    headers.extend(columns.dates.iter().map(NaiveDate::to_string));
    headers.extend(TAIL.map(String::from));
    headers
}

/// Every cell of a line, as [`headers`] orders them.
pub fn cells(line: &Line) -> Vec<String> {
    let (view, course) = (&line.view, line.course);
    let mut cells = vec![
        view.reference.clone(),
        view.action.clone(),
        view.lead.join("; "),
        date(view.due),
    ];
    cells.extend(course.cells.iter().map(|c| c.word().to_string()));
    cells.extend([
        course.latest.map(Status::as_str).unwrap_or_default().into(),
        course.moves.len().to_string(),
        course.days_moved().to_string(),
        moves(&course.moves),
        course.longest_no_data.to_string(),
        yes_no(!course.contradictions.is_empty()),
        yes_no(course.stuck),
        yes_no(course.deteriorating),
        contradictions(course),
    ]);
    cells
}

/// "2009-04-30 → 2009-06-30 on 2009-04-20: Waiting for the manager", each
/// move, joined by "; ".
pub fn moves(moves: &[Move]) -> String {
    let said: Vec<String> = moves.iter().map(describe_move).collect();
    said.join("; ")
}

/// One move in words, with its reason or "no reason given".
pub fn describe_move(m: &Move) -> String {
    let reason = m.reason.as_deref().unwrap_or("no reason given");
    format!("{} → {} on {}: {reason}", m.from, m.to, m.date)
}

fn contradictions(course: &Course) -> String {
    let said: Vec<String> = course.contradictions.iter().map(|c| c.describe()).collect();
    said.join("; ")
}

/// The flags an action has, in words: "contradiction; stuck".
pub fn flags(course: &Course) -> String {
    let mut flags = Vec::new();
    if !course.contradictions.is_empty() {
        flags.push("contradiction");
    }
    if course.stuck {
        flags.push("stuck");
    }
    if course.deteriorating {
        flags.push("deteriorating");
    }
    flags.join("; ")
}

pub fn write_csv<'c>(
    out: &mut impl Write,
    columns: &Columns,
    lines: impl IntoIterator<Item = Line<'c>>,
) -> io::Result<()> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(headers(columns))?;
    for line in lines {
        let cells = cells(&line);
        writer.write_record(csv::neutral_record(cells))?;
    }
    writer.flush()
}

pub fn write_markdown<'c>(
    out: &mut impl Write,
    columns: &Columns,
    lines: impl IntoIterator<Item = Line<'c>>,
) -> io::Result<()> {
    let row = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| markdown::escape(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let headers = headers(columns);
    let rule = vec!["---"; headers.len()].join("|");
    writeln!(out, "{}\n|{rule}|", row(headers))?;
    for line in lines {
        writeln!(out, "{}", row(cells(&line)))?;
    }
    Ok(())
}

/// For the terminal: the address, the statuses, and the figures and flags
/// in short; CSV and markdown have every column.
pub fn write_table<'c>(
    out: &mut impl Write,
    columns: &Columns,
    lines: impl IntoIterator<Item = Line<'c>>,
    style: Style,
) -> io::Result<()> {
    let mut table = super::table::framed(style);
    let mut header = vec!["Ref".to_string()];
    header.extend(columns.dates.iter().map(NaiveDate::to_string));
    header.extend(["Status", "Moves", "Days", "No data", "Flags"].map(String::from));
    table.set_header(header);
    for line in lines {
        let course = line.course;
        let mut row = vec![Cell::new(super::printable(&line.view.address))];
        row.extend(course.cells.iter().map(|c| coloured(*c, style)));
        row.push(match course.latest {
            Some(status) => coloured(Column::Status(status), style),
            None => Cell::new(""),
        });
        row.extend(
            [
                course.moves.len().to_string(),
                course.days_moved().to_string(),
                course.longest_no_data.to_string(),
                flags(course),
            ]
            .map(Cell::new),
        );
        table.add_row(row);
    }
    for line in table.lines() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn coloured(cell: Column, style: Style) -> Cell {
    let text = Cell::new(cell.word());
    match cell {
        Column::Status(status) if style.color => text.fg(super::table::colour(status)),
        _ => text,
    }
}

/// One action in JSON; docs/OUTPUT.md documents every field.
#[derive(Serialize)]
struct JsonLine<'a> {
    #[serde(rename = "ref")]
    reference: String,
    action: String,
    address: String,
    lead: Vec<String>,
    due: Option<NaiveDate>,
    columns: Vec<JsonCell>,
    status: Option<Status>,
    due_moves: usize,
    days_moved: i64,
    moves: Vec<JsonMove<'a>>,
    longest_no_data: usize,
    contradiction: bool,
    contradictions: Vec<String>,
    stuck: bool,
    deteriorating: bool,
}

#[derive(Serialize)]
struct JsonCell {
    date: NaiveDate,
    /// A status word, "no data", or null when the action was not recorded.
    status: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonMove<'a> {
    date: NaiveDate,
    commit: &'a str,
    from: NaiveDate,
    to: NaiveDate,
    days: i64,
    reason: Option<&'a str>,
}

pub fn write_json<'c>(
    out: &mut impl Write,
    columns: &Columns,
    lines: impl IntoIterator<Item = Line<'c>>,
) -> io::Result<()> {
    let lines = lines.into_iter().map(|line| {
        let (v, c) = (line.view, line.course);
        JsonLine {
            reference: v.reference,
            action: v.action,
            address: v.address,
            lead: v.lead,
            due: v.due,
            columns: columns
                .dates
                .iter()
                .zip(&c.cells)
                .map(|(date, cell)| JsonCell {
                    date: *date,
                    status: (*cell != Column::Absent).then(|| cell.word()),
                })
                .collect(),
            status: c.latest,
            due_moves: c.moves.len(),
            days_moved: c.days_moved(),
            moves: c
                .moves
                .iter()
                .map(|m| JsonMove {
                    date: m.date,
                    commit: &m.commit,
                    from: m.from,
                    to: m.to,
                    days: m.days(),
                    reason: m.reason.as_deref(),
                })
                .collect(),
            longest_no_data: c.longest_no_data,
            contradiction: !c.contradictions.is_empty(),
            contradictions: c.contradictions.iter().map(|x| x.describe()).collect(),
            stuck: c.stuck,
            deteriorating: c.deteriorating,
        }
    });
    json::write_array(out, lines)
}

/// The workbook's columns: CSV's, with widths.
pub fn xlsx_columns(columns: &Columns) -> Vec<(String, f64)> {
    headers(columns)
        .into_iter()
        .map(|header| {
            let width = match header.as_str() {
                "Ref" | "Action" => 6.5,
                "Lead" => 26.0,
                "Moves" | "Contradictions" => 30.0,
                _ => 11.0,
            };
            (header, width)
        })
        .collect()
}

/// A line's cells in the workbook: statuses filled in their colours,
/// dates and figures typed.
pub fn xlsx_cells(line: &Line) -> Vec<xlsx::Cell> {
    use xlsx::Cell as X;
    let text = cells(line);
    let meetings = line.course.cells.len();
    let mut out = Vec::with_capacity(text.len());
    out.push(X::Text(text[0].clone()));
    out.push(X::Text(text[1].clone()));
    out.push(X::Text(text[2].clone()));
    out.push(X::Date(line.view.due));
    out.extend(line.course.cells.iter().map(|cell| match cell {
        Column::Status(status) => X::Status(*status),
        other => X::Text(other.word().to_string()),
    }));
    out.push(match line.course.latest {
        Some(status) => X::Status(status),
        None => X::Text(String::new()),
    });
    let number = |n: usize| X::Number(i64::try_from(n).ok());
    out.push(number(line.course.moves.len()));
    out.push(X::Number(Some(line.course.days_moved())));
    out.push(X::Text(text[4 + meetings + 3].clone()));
    out.push(number(line.course.longest_no_data));
    out.extend(text[4 + meetings + 5..].iter().cloned().map(X::Text));
    out
}
