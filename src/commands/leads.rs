//! `actionplan leads`: every lead officer with counts of their actions.

use anyhow::Result;

use super::filter::Selection;
use super::output::{self, plural};
use super::{Environment, Outcome};
use crate::cli::QueryArgs;
use crate::model::Plan;
use crate::query::Row;
use crate::render::view::{Column, OfficerView};
use crate::status::Status;

const TABLE: &[Column<OfficerView>] = &[
    Column::new("Officer", |o| o.title.clone()),
    Column::new("Open", |o| o.open.to_string()),
    Column::new("Overdue", |o| o.overdue.to_string()),
    Column::new("No data", |o| o.no_data.to_string()),
    Column::new("Complete", |o| o.complete.to_string()),
    Column::new("Deferred", |o| o.deferred.to_string()),
];

const CSV: &[Column<OfficerView>] = &[
    Column::new("Id", |o| o.id.clone()),
    Column::new("Officer", |o| o.title.clone()),
    Column::new("Open", |o| o.open.to_string()),
    Column::new("Overdue", |o| o.overdue.to_string()),
    Column::new("No data", |o| o.no_data.to_string()),
    Column::new("Complete", |o| o.complete.to_string()),
    Column::new("Deferred", |o| o.deferred.to_string()),
];

pub fn run(env: &Environment, args: &QueryArgs) -> Result<Outcome> {
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let (plan, as_of) = (selection.plan, selection.as_of);
    let rows = selection.rows();
    let officers = counts(plan, &rows, selection.filter.leads.as_deref());
    output::emit(env, args.format.format, TABLE, CSV, &officers)?;
    let overdue: usize = rows.iter().filter(|r| r.overdue.is_some()).count();
    let line = format!(
        "{} as of {as_of}, {}",
        plural(officers.len(), "officer", "officers"),
        plural(overdue, "action overdue", "actions overdue")
    );
    output::footnote(env, args.format.format, &line)?;
    Ok(Outcome::Success)
}

/// Counts per officer, most overdue first; only `only` when given. An
/// action led by two officers counts for each.
fn counts(plan: &Plan, rows: &[Row], only: Option<&[usize]>) -> Vec<OfficerView> {
    let mut views: Vec<OfficerView> = plan
        .officers
        .iter()
        .map(|o| OfficerView {
            id: o.id.value.clone(),
            title: o.title.value.clone(),
            aliases: o.aliases.iter().map(|a| a.value.clone()).collect(),
            open: 0,
            overdue: 0,
            no_data: 0,
            complete: 0,
            deferred: 0,
        })
        .collect();
    for row in rows {
        for &lead in &row.leads {
            let view = &mut views[lead];
            let status = row.action.status.value;
            view.open += usize::from(status.is_open());
            view.overdue += usize::from(row.overdue.is_some());
            view.no_data += usize::from(row.no_data);
            view.complete += usize::from(status == Status::Complete);
            view.deferred += usize::from(status == Status::Deferred);
        }
    }
    let mut views: Vec<OfficerView> = match only {
        Some(only) => only.iter().map(|&i| views[i].clone()).collect(),
        None => views,
    };
    views.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(b.open.cmp(&a.open))
            .then_with(|| a.title.cmp(&b.title))
    });
    views
}
