//! `actionplan list`: the actions matching the filters, in ref order.

use anyhow::Result;

use super::filter::Selection;
use super::output::{self, lead, plural, status, updated};
use super::{Environment, Outcome, workbook};
use crate::cli::{ActionFormat, ActionQueryArgs};
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

pub fn run(env: &Environment, args: &ActionQueryArgs) -> Result<Outcome> {
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let rows = selection.rows();
    let count = rows.len();
    let format = output::action_format(args);
    let query = output::query_format(format);
    if count == 0 && format == ActionFormat::Table {
        output::footnote(env, query.expect("a table"), "No actions match.")?;
        return Ok(Outcome::Success);
    }
    let views = rows.iter().map(|row| selection.view(row));
    let contents = workbook::contents("Every action", "Actions", &args.filter, "in ref order");
    let path = args.output.path.as_deref();
    output::emit_actions(env, &selection, format, path, TABLE, &contents, views)?;
    if let Some(query) = query {
        output::footnote(env, query, &plural(count, "action", "actions"))?;
    }
    Ok(Outcome::Success)
}
