//! `actionplan overdue`: what is late, oldest first.

use anyhow::Result;

use super::filter::Selection;
use super::output::{self, ACTION_CSV, lead, plural, status, updated};
use super::{Environment, Outcome};
use crate::cli::QueryArgs;
use crate::query;
use crate::render::view::{ActionView, Column, date, number};

const TABLE: &[Column<ActionView>] = &[
    Column::new("Ref", |v| v.address.clone()),
    Column::new("Recommendation", |v| v.short_recommendation()),
    Column::new("Timescale", |v| v.timescale.clone().unwrap_or_default()),
    Column::new("Due", |v| date(v.due)),
    Column::new("Days", |v| number(v.days_overdue)),
    Column::coloured("Status", |v| v.status.to_string(), status),
    Column::new("Lead", lead),
    Column::new("Updated", updated),
];

pub fn run(env: &Environment, args: &QueryArgs) -> Result<Outcome> {
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let as_of = selection.as_of;
    let mut rows = selection.rows();
    rows.retain(|row| row.overdue.is_some());
    rows.sort_by(query::oldest_due_first);
    let count = rows.len();
    let format = args.format.format;
    if count == 0 && format == crate::cli::OutputFormat::Table {
        output::footnote(env, format, &format!("No overdue actions as of {as_of}."))?;
        return Ok(Outcome::Success);
    }
    let views = rows.iter().map(|row| selection.view(row));
    output::emit(env, format, TABLE, ACTION_CSV, views)?;
    let count = plural(count, "overdue action", "overdue actions");
    output::footnote(env, format, &format!("{count} as of {as_of}"))?;
    Ok(Outcome::Success)
}
