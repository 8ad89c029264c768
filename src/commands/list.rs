//! `actionplan list`: the actions matching the filters, in ref order.

use anyhow::Result;

use super::output::{self, ACTION_CSV, lead, plural, status, updated};
use super::{Environment, Outcome, filter, open_plan};
use crate::cli::{OutputFormat, QueryArgs};
use crate::query;
use crate::render::view::{ActionView, Column, date, short};
use crate::roster::Roster;

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
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let roster = Roster::new(&plan.officers);
    let filter = filter::resolve(plan, &roster, &args.filter)?;
    let as_of = env.as_of(args.as_of.as_of);
    let rows = query::select(plan, &roster, &filter, as_of);
    let count = rows.len();
    let views = rows.iter().map(|row| ActionView::new(plan, &roster, row));
    let format = args.format.format;
    if count == 0 && format == OutputFormat::Table {
        output::footnote(env, format, "No actions match.")?;
        return Ok(Outcome::Success);
    }
    output::emit(env, format, TABLE, ACTION_CSV, views)?;
    output::footnote(env, format, &plural(count, "action", "actions"))?;
    Ok(Outcome::Success)
}
