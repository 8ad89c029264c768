//! Writing a query's rows in the format asked for, and the columns the
//! action queries share.

use std::borrow::Borrow;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::Environment;
use crate::cli::OutputFormat;
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
    match format {
        OutputFormat::Table => {
            let style = table::Style {
                color: env.color,
                width: env.width,
            };
            table::write(&mut out, table_columns, rows, style)?
        }
        OutputFormat::Csv => csv::write(&mut out, csv_columns, rows, false)?,
        OutputFormat::Json => json::write_array(&mut out, rows)?,
        // A document, not a screen: every column, every word, as CSV has.
        OutputFormat::Markdown => markdown::write_table(&mut out, csv_columns, rows)?,
    }
    out.flush()?;
    Ok(())
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
