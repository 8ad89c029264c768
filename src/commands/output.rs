//! Writing a query's rows in the format asked for, and the columns the
//! action queries share.

use std::borrow::Borrow;
use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::filter::Selection;
use super::{Environment, workbook};
use crate::cli::{ActionFormat, ActionQueryArgs, OutputFormat};
use crate::render::view::{ActionView, Column, date, number, yes_no};
use crate::render::{csv, json, markdown, table};

/// Rows in `format`: `table_columns` for the terminal, every column of
/// `csv_columns` for CSV and markdown, every field for JSON.
/// Rows are rendered as they come: a lazy iterator keeps memory flat
/// however many there are.
pub fn emit<T: Serialize, R: Borrow<T> + Serialize>(
    env: &Environment,
    format: OutputFormat,
    table_columns: &[Column<T>],
    csv_columns: &[Column<T>],
    rows: impl IntoIterator<Item = R>,
) -> Result<()> {
    let mut out = match format {
        OutputFormat::Table => super::human_out(env.color),
        _ => super::data_out(),
    };
    let style = table::Style {
        color: env.color,
        width: env.width,
    };
    write(&mut out, format, style, table_columns, csv_columns, rows)?;
    out.flush()?;
    Ok(())
}

fn write<T: Serialize, R: Borrow<T> + Serialize>(
    mut out: &mut dyn Write,
    format: OutputFormat,
    style: table::Style,
    table_columns: &[Column<T>],
    csv_columns: &[Column<T>],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()> {
    match format {
        OutputFormat::Table => table::write(&mut out, table_columns, rows, style),
        OutputFormat::Csv => csv::write(&mut out, csv_columns, rows, false),
        OutputFormat::Json => json::write_array(&mut out, rows),
        // A document, not a screen: every column, every word, as CSV has.
        OutputFormat::Markdown => markdown::write_table(&mut out, csv_columns, rows),
    }
}

/// The format of `list` and `overdue`: `--format`, else the one `-o
/// FILE`'s extension names, else a table.
pub fn action_format(args: &ActionQueryArgs) -> ActionFormat {
    let named = match extension(args.output.path.as_deref()).as_deref() {
        Some("xlsx") => Some(ActionFormat::Xlsx),
        Some("csv") => Some(ActionFormat::Csv),
        Some("json") => Some(ActionFormat::Json),
        Some("md") => Some(ActionFormat::Markdown),
        _ => None,
    };
    args.format.or(named).unwrap_or(ActionFormat::Table)
}

/// `list` and `overdue`'s actions in `format`, to `-o FILE` or standard
/// output; a workbook says `contents` is what its rows are.
pub fn emit_actions(
    env: &Environment,
    selection: &Selection,
    format: ActionFormat,
    path: Option<&Path>,
    table_columns: &[Column<ActionView>],
    contents: &str,
    views: impl IntoIterator<Item = ActionView>,
) -> Result<()> {
    let Some(query) = query_format(format) else {
        let xlsx = workbook::ACTION_XLSX;
        return workbook::emit(env, selection, contents, path, xlsx, views);
    };
    let Some(path) = path else {
        return emit(env, query, table_columns, ACTION_CSV, views);
    };
    // A file gets no colour codes.
    let style = table::Style {
        color: false,
        width: env.width,
    };
    super::emit(Some(path), |out| {
        write(out, query, style, table_columns, ACTION_CSV, views)
    })
}

/// The query format `format` is; `None` for a workbook.
pub fn query_format(format: ActionFormat) -> Option<OutputFormat> {
    match format {
        ActionFormat::Table => Some(OutputFormat::Table),
        ActionFormat::Csv => Some(OutputFormat::Csv),
        ActionFormat::Json => Some(OutputFormat::Json),
        ActionFormat::Markdown => Some(OutputFormat::Markdown),
        ActionFormat::Xlsx => None,
    }
}

/// `-o FILE`'s extension, in lower case: what format it names.
pub fn extension(path: Option<&Path>) -> Option<String> {
    let extension = path?.extension()?.to_str()?;
    Some(extension.to_ascii_lowercase())
}

/// A line under a table ("3 overdue actions as of …"); tables only, so
/// CSV and JSON stay pure data.
pub fn footnote(env: &Environment, format: OutputFormat, line: &str) -> Result<()> {
    if format == OutputFormat::Table && !env.quiet {
        let mut out = super::human_out(false);
        writeln!(out, "{line}")?;
        out.flush()?;
    }
    Ok(())
}

/// Every column of an action, for CSV.
pub const ACTION_CSV: &[Column<ActionView>] = &[
    Column::new("Ref", |v| v.reference.clone()),
    Column::new("Action", |v| v.action.clone()),
    Column::new("Section", |v| v.section.clone()),
    Column::new("Recommendation", |v| v.recommendation.clone()),
    Column::new("Action text", |v| v.text.clone()),
    Column::new("Timescale", |v| v.timescale.clone().unwrap_or_default()),
    Column::new("Due", |v| date(v.due)),
    Column::new("Status", |v| v.status.to_string()),
    Column::new("Lead", |v| v.lead.join("; ")),
    Column::new("Overdue", |v| yes_no(v.overdue)),
    Column::new("Days overdue", |v| number(v.days_overdue)),
    Column::new("No data", |v| yes_no(v.no_data)),
    Column::new("Latest update", |v| date(v.latest_update)),
];

pub fn lead(v: &ActionView) -> String {
    v.lead.join("; ")
}

pub fn updated(v: &ActionView) -> String {
    v.latest_update
        .map_or_else(|| "never".to_string(), |d| d.to_string())
}

pub fn status(v: &ActionView) -> crate::status::Status {
    v.status
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
