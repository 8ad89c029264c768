//! `actionplan list`: the actions matching the filters, in ref order.

use anyhow::Result;

use super::filter::Selection;
use super::output::{self, ACTION_CSV, lead, plural, status, updated};
use super::{Environment, Outcome};
use crate::cli::{OutputFormat, QueryArgs};
use crate::render::view::{ActionView, Column, date, short};

const TABLE: &[Column<ActionView>] = &[
    Column::new("Ref", |v| v.address.clone()),
    Column::new("Action", |v| short(&v.text, 70)),
    Column::new("Timescale", |v| v.timescale.clone().unwrap_or_default()),
    Column::new("Due", |v| date(v.due)),
    Column::coloured("Status", |v| v.status.to_string(), status),
    Column::new("Lead", lead),
    Column::new("Updated", updated),
];

pub fn run(env: &Environment, args: &QueryArgs) -> Result<Outcome> {
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let rows = selection.rows();
    let count = rows.len();
    let format = args.format.format;
    if count == 0 && format == OutputFormat::Table {
        output::footnote(env, format, "No actions match.")?;
        return Ok(Outcome::Success);
    }
    let views = rows.iter().map(|row| selection.view(row));
    output::emit(env, format, TABLE, ACTION_CSV, views)?;
    output::footnote(env, format, &plural(count, "action", "actions"))?;
    Ok(Outcome::Success)
}
