//! `actionplan export`: every action with every field, as a workbook for
//! people (the committee's appendix), or CSV or JSON for other programs.

use anyhow::Result;

use super::filter::Selection;
use super::{Environment, Outcome, emit, output, workbook};
use crate::cli::{ExportArgs, ExportFormat};
use crate::render::view::{ActionView, Column, date, number, yes_no};
use crate::render::xlsx::{self, Cell};
use crate::render::{csv, json};

/// The appendix's columns: every field of an action.
pub const EXPORT_CSV: &[Column<ActionView>] = &[
    Column::new("Ref", |v| v.reference.clone()),
    Column::new("Action", |v| v.action.clone()),
    Column::new("Section", |v| v.section.clone()),
    Column::new("Section title", |v| v.section_title.clone()),
    Column::new("Recommendation", |v| v.recommendation.clone()),
    Column::new("Action text", |v| v.text.clone()),
    Column::new("Timescale", |v| v.timescale.clone().unwrap_or_default()),
    Column::new("Due", |v| date(v.due)),
    Column::new("Status", |v| v.status.to_string()),
    Column::new("RAG", |v| v.rag.unwrap_or_default().to_string()),
    Column::new("Lead", |v| v.lead.join("; ")),
    Column::new("Success indicators", |v| v.success.join("; ")),
    Column::new("Resources", |v| v.resources.join("; ")),
    Column::new("Latest update", |v| {
        v.latest_note.clone().unwrap_or_default()
    }),
    Column::new("Updated on", |v| date(v.latest_update)),
    Column::new("Overdue", |v| yes_no(v.overdue)),
    Column::new("Days overdue", |v| number(v.days_overdue)),
    Column::new("No data", |v| yes_no(v.no_data)),
];

/// The appendix's columns in a workbook: those of the CSV, typed.
pub const EXPORT_XLSX: &[xlsx::Column<ActionView>] = &[
    xlsx::Column::new("Ref", 5.5, |v| Cell::Text(v.reference.clone())),
    xlsx::Column::new("Action", 6.5, |v| Cell::Text(v.action.clone())),
    xlsx::Column::new("Section", 7.5, |v| Cell::Text(v.section.clone())),
    xlsx::Column::new("Section title", 13.0, |v| {
        Cell::Text(v.section_title.clone())
    }),
    xlsx::Column::new("Recommendation", 24.0, |v| {
        Cell::Text(v.recommendation.clone())
    }),
    xlsx::Column::new("Action text", 26.0, |v| Cell::Text(v.text.clone())),
    xlsx::Column::new("Timescale", 12.0, |v| {
        Cell::Text(v.timescale.clone().unwrap_or_default())
    }),
    xlsx::Column::new("Due", 10.5, |v| Cell::Date(v.due)),
    xlsx::Column::new("Status", 11.0, |v| Cell::Status(v.status)),
    xlsx::Column::new("RAG", 6.5, |v| Cell::Rag(v.status)),
    xlsx::Column::new("Lead", 14.0, |v| Cell::Text(v.lead.join("; "))),
    xlsx::Column::new("Success indicators", 18.0, |v| {
        Cell::Text(v.success.join("; "))
    }),
    xlsx::Column::new("Resources", 13.0, |v| Cell::Text(v.resources.join("; "))),
    xlsx::Column::new("Latest update", 20.0, |v| {
        Cell::Text(v.latest_note.clone().unwrap_or_default())
    }),
    xlsx::Column::new("Updated on", 10.5, |v| Cell::Date(v.latest_update)),
    xlsx::Column::new("Overdue", 8.0, |v| Cell::Text(yes_no(v.overdue))),
    xlsx::Column::new("Days overdue", 7.5, |v| Cell::Number(v.days_overdue)),
    xlsx::Column::new("No data", 7.5, |v| Cell::Text(yes_no(v.no_data))),
];

pub fn run(env: &Environment, args: &ExportArgs) -> Result<Outcome> {
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let rows = selection.rows();
    // Each row's view is made as it is written: memory stays flat.
    let views = rows.iter().map(|row| selection.view(row));
    let path = args.output.path.as_deref();
    let format = args.format.unwrap_or_else(|| named_by(path));
    match format {
        ExportFormat::Xlsx => {
            let contents = workbook::contents("Every action", "Actions", &args.filter, "");
            workbook::emit(env, &selection, &contents, path, EXPORT_XLSX, views)?
        }
        ExportFormat::Csv => emit(path, |mut out| {
            csv::write(&mut out, EXPORT_CSV, views, !args.no_bom)
        })?,
        ExportFormat::Json => emit(path, |mut out| json::write_array(&mut out, views))?,
    }
    Ok(Outcome::Success)
}

/// The format `-o FILE`'s extension names; CSV when it names none.
fn named_by(path: Option<&std::path::Path>) -> ExportFormat {
    match output::extension(path).as_deref() {
        Some("xlsx") => ExportFormat::Xlsx,
        Some("json") => ExportFormat::Json,
        _ => ExportFormat::Csv,
    }
}
