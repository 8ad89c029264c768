//! `actionplan overdue`: what is late, oldest first.

use anyhow::Result;

use super::filter::Selection;
use super::output::{self, lead, plural, status, updated};
use super::{Environment, Outcome, workbook};
use crate::cli::{ActionFormat, ActionQueryArgs};
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

pub fn run(env: &Environment, args: &ActionQueryArgs) -> Result<Outcome> {
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let as_of = selection.as_of;
    let mut rows = selection.rows();
    rows.retain(|row| row.overdue.is_some());
    rows.sort_by(query::oldest_due_first);
    let count = rows.len();
    let format = output::action_format(args);
    let query = output::query_format(format);
    if count == 0 && format == ActionFormat::Table {
        let line = format!("No overdue actions as of {as_of}.");
        output::footnote(env, query.expect("a table"), &line)?;
        return Ok(Outcome::Success);
    }
    let views = rows.iter().map(|row| selection.view(row));
    let what = "Overdue actions";
    let contents = workbook::contents(what, what, &args.filter, "oldest due first");
    let path = args.output.path.as_deref();
    output::emit_actions(env, &selection, format, path, TABLE, &contents, views)?;
    if let Some(query) = query {
        let count = plural(count, "overdue action", "overdue actions");
        output::footnote(env, query, &format!("{count} as of {as_of}"))?;
    }
    Ok(Outcome::Success)
}
