//! Command-line filters → a [`Filter`], resolving officers and sections
//! against the plan; what cannot be resolved is a usage error.

use anyhow::Result;

use super::{Environment, open_plan};
use crate::cli::{AsOf, FilterArgs};
use crate::error::UsageError;
use crate::model::Plan;
use crate::query::{self, Filter, Row};
use crate::render::view::ActionView;
use crate::roster::{Lookup, Roster};

pub fn resolve(plan: &Plan, roster: &Roster, args: &FilterArgs) -> Result<Filter> {
    let leads = match &args.lead {
        Some(text) => Some(vec![officer(plan, roster, text)?]),
        None => None,
    };
    if let Some(section) = args.section.as_ref().filter(|s| plan.section(s).is_none()) {
        let numbers: Vec<String> = plan
            .sections
            .iter()
            .map(|s| format!("{} ({})", s.number.value, s.title))
            .collect();
        let hint = format!("sections: {}", numbers.join(", "));
        return Err(
            UsageError::with_hint(format!("the plan has no section {section}"), hint).into(),
        );
    }
    Ok(Filter {
        leads,
        section: args.section.clone(),
        statuses: args.status.clone(),
        ref_prefix: args.ref_prefix.clone(),
        due_before: args.due_before,
        due_after: args.due_after,
    })
}

/// The one officer `text` names: exactly, or as a unique part of a name.
pub fn officer(plan: &Plan, roster: &Roster, text: &str) -> Result<usize> {
    match roster.search(text) {
        Lookup::Found(index) => Ok(index),
        Lookup::Ambiguous(candidates) => {
            let names: Vec<String> = candidates
                .iter()
                .map(|&i| {
                    format!(
                        "{} ({})",
                        plan.officers[i].title.value, plan.officers[i].id.value
                    )
                })
                .collect();
            let message = format!(
                "“{text}” matches {} officers: {}",
                names.len(),
                names.join(", ")
            );
            Err(
                UsageError::with_hint(message, "give more of the name, or the id in brackets")
                    .into(),
            )
        }
        Lookup::NotFound => {
            let hint = match roster.suggest(text) {
                Some(name) => {
                    format!("did you mean “{name}”? (`actionplan leads` lists every officer)")
                }
                None => "`actionplan leads` lists every officer".to_string(),
            };
            Err(UsageError::with_hint(format!("no officer matches “{text}”"), hint).into())
        }
    }
}

/// What a report command works from: the checked plan, its officers, the
/// filter resolved against them, and the date facts are judged on.
pub struct Selection {
    pub plan: &'static Plan,
    pub roster: Roster<'static>,
    pub filter: Filter,
    pub as_of: chrono::NaiveDate,
}

impl Selection {
    /// The plan (`None` when it has errors, already reported) with the
    /// command's filters and as-of date resolved.
    pub fn open(env: &Environment, args: &FilterArgs, as_of: AsOf) -> Result<Option<Selection>> {
        let Some(plan) = open_plan(env)? else {
            return Ok(None);
        };
        let roster = Roster::new(&plan.officers);
        let filter = resolve(plan, &roster, args)?;
        Ok(Some(Selection {
            plan,
            roster,
            filter,
            as_of: env.as_of(as_of),
        }))
    }

    /// The selected actions, in ref order.
    pub fn rows(&self) -> Vec<Row<'static>> {
        query::select(self.plan, &self.roster, &self.filter, self.as_of)
    }

    pub fn view(&self, row: &Row) -> ActionView {
        ActionView::new(self.plan, &self.roster, row)
    }
}
