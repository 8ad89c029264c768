//! `actionplan export`: every action with every field, as CSV for a
//! spreadsheet (the committee's appendix) or JSON for a script.

use anyhow::Result;

use super::filter::Selection;
use super::{Environment, Outcome, emit};
use crate::cli::{ExportArgs, ExportFormat};
use crate::render::view::{ActionView, Column, date, number, yes_no};
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

pub fn run(env: &Environment, args: &ExportArgs) -> Result<Outcome> {
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let rows = selection.rows();
    // Each row's view is made as it is written: memory stays flat.
    let views = rows.iter().map(|row| selection.view(row));
    emit(args.output.path.as_deref(), |mut out| match args.format {
        ExportFormat::Csv => csv::write(&mut out, EXPORT_CSV, views, !args.no_bom),
        ExportFormat::Json => json::write_array(&mut out, views),
    })?;
    Ok(Outcome::Success)
}
