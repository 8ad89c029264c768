//! `actionplan show REF`: one recommendation, or one action, in full.

use std::io::Write;

use anyhow::Result;

use super::output::ACTION_CSV;
use super::{Environment, Outcome, open_plan};
use crate::cli::{OutputFormat, ShowArgs};
use crate::error::UsageError;
use crate::model::{Plan, Recommendation};
use crate::query::{self, Filter};
use crate::reference::{Address, action_letter};
use crate::render::committee::RequestView;
use crate::render::detail::{self, ActionDetail, Detail};
use crate::render::view::ActionView;
use crate::render::{csv, json};
use crate::roster::Roster;

pub fn run(env: &Environment, args: &ShowArgs) -> Result<Outcome> {
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let address = Address::parse(&args.reference).map_err(UsageError::new)?;
    let rec = find(plan, &address)?;
    let roster = Roster::new(&plan.officers);
    let filter = Filter {
        ref_prefix: Some(rec.reference.value.to_string()),
        ..Filter::default()
    };
    let as_of = env.as_of(args.as_of.as_of);
    let rows: Vec<_> = query::select(plan, &roster, &filter, as_of)
        .into_iter()
        .filter(|row| std::ptr::eq(row.recommendation, rec))
        .filter(|row| address.action.is_none_or(|i| i == row.index))
        .collect();
    let views: Vec<ActionView> = rows
        .iter()
        .map(|row| ActionView::new(plan, &roster, row))
        .collect();
    if args.format.format == OutputFormat::Csv {
        csv::write(&mut super::data_out(), ACTION_CSV, &views, false)?;
        return Ok(Outcome::Success);
    }
    let actions = views
        .into_iter()
        .zip(&rows)
        .map(|(view, row)| ActionDetail::new(view, row.action))
        .collect();
    let section = rec.section.clone();
    let detail = Detail {
        reference: rec.reference.value.to_string(),
        section_title: plan.section_title(&section),
        section,
        recommendation: rec.text.clone(),
        file: plan.display_path(rec.file).display().to_string(),
        actions,
        requests: crate::committee::requests_about(plan, &address)
            .into_iter()
            .map(|r| RequestView::new(plan, &roster, r))
            .collect(),
    };
    write(env, args.format.format, &detail)?;
    Ok(Outcome::Success)
}

fn write(env: &Environment, format: OutputFormat, detail: &Detail) -> Result<()> {
    let mut out = match format {
        OutputFormat::Table => super::human_out(env.color),
        _ => super::data_out(),
    };
    match format {
        OutputFormat::Json => json::write(&mut out, detail)?,
        OutputFormat::Markdown => detail::write_markdown(&mut out, detail)?,
        OutputFormat::Table | OutputFormat::Csv => detail::write_text(&mut out, detail, env.width)?,
    }
    out.flush()?;
    Ok(())
}

/// The recommendation an address names, or a usage error saying what exists.
pub(super) fn find<'p>(plan: &'p Plan, address: &Address) -> Result<&'p Recommendation> {
    let found = plan
        .recommendations
        .iter()
        .find(|r| r.reference.value == address.reference)
        .or_else(|| {
            // "r3" finds R3: a ref is one file name, whatever its case.
            let wanted = address.reference.as_str();
            plan.recommendations
                .iter()
                .find(|r| r.reference.value.as_str().eq_ignore_ascii_case(wanted))
        });
    let Some(rec) = found else {
        let section = address.reference.section().unwrap_or("");
        let refs: Vec<&str> = plan
            .recommendations
            .iter()
            .filter(|r| !section.is_empty() && r.section == section)
            .map(|r| r.reference.value.as_str())
            .collect();
        let hint = match (refs.first(), refs.last()) {
            (Some(first), Some(last)) => format!("section {section} has {first} to {last}"),
            _ => "`actionplan list` shows every ref".to_string(),
        };
        return Err(UsageError::with_hint(
            format!("the plan has no recommendation {}", address.reference),
            hint,
        )
        .into());
    };
    if let Some(index) = address.action.filter(|i| *i >= rec.actions.len()) {
        let asked = action_letter(index).unwrap_or('?');
        let message = format!("{} has no action {asked}", rec.reference.value);
        let hint = match rec.actions.len() {
            0 => "it has no actions".to_string(),
            1 => format!("it has one action: write {}", rec.reference.value),
            n => format!(
                "its actions are a to {}",
                action_letter(n - 1).unwrap_or('z')
            ),
        };
        return Err(UsageError::with_hint(message, hint).into());
    }
    Ok(rec)
}
