//! `actionplan new REF`: a new recommendation file, from a template, in its
//! section folder, checked with the whole plan and committed.

use anyhow::Result;
use chrono::NaiveDate;

use super::record::{self, Change};
use super::words::{Shape, require_printable};
use super::{Environment, Outcome, commit, open_plan};
use crate::cli::NewArgs;
use crate::error::UsageError;
use crate::import::{DraftAction, DraftRecommendation, recommendation_toml};
use crate::model::Plan;
use crate::reference::Address;
use crate::timescale::{self, Schedule};

pub fn run(env: &Environment, args: &NewArgs) -> Result<Outcome> {
    require_printable_args(args)?;
    let lock = commit::begin(env, args.no_commit)?;
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let address = Address::parse(&args.reference).map_err(UsageError::new)?;
    if address.action.is_some() {
        return Err(UsageError::with_hint(
            format!("`{}` names an action", args.reference),
            "give the recommendation's ref, like 4.16; `update` records progress on actions",
        )
        .into());
    }
    let reference = address.reference.to_string();
    // A named ref ("R3") goes at the top of the plan; move it into a
    // section's folder by hand if the plan has sections.
    let relative = address
        .reference
        .path_in(address.reference.section().unwrap_or(""));
    refuse_existing(env, plan, &reference, &relative)?;
    if !args.no_commit && !lock.in_git() {
        crate::git::require_repository(&env.plan_dir)?;
    }
    let schedule = schedule(plan, args)?;
    let text = template(env.today, &reference, args, &schedule);
    if !commit::recheck(env, plan, &relative, text.as_bytes())? {
        return Ok(Outcome::PlanHasErrors);
    }
    let path = env.plan_dir.join(&relative);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    if args.no_commit {
        crate::edit::write_atomically(&path, text.as_bytes())?;
        commit::say(
            env,
            &format!(
                "{reference}: new recommendation\nwritten to {}, not committed",
                path.display()
            ),
        )?;
        return Ok(Outcome::Success);
    }
    let actor = crate::git::author_name(&env.plan_dir)?;
    let message = format!(
        "{reference}: new recommendation\n\nRef: {reference}\nField: recommendation\nActor: {actor}\n"
    );
    let change = Change::one(relative, None, text.into_bytes(), message);
    let hash = record::write_and_commit(env, &lock, &change)?;
    commit::say(
        env,
        &format!(
            "{reference}: new recommendation in {}\ncommitted {hash}",
            path.display()
        ),
    )?;
    Ok(Outcome::Success)
}

fn require_printable_args(args: &NewArgs) -> Result<()> {
    require_printable("--recommendation", &args.recommendation, Shape::Paragraphs)?;
    require_printable("--action", &args.action, Shape::Paragraphs)?;
    let lines = [("--timescale", args.timescale.iter().collect::<Vec<_>>())]
        .into_iter()
        .chain([
            ("--lead", args.lead.iter().collect()),
            ("--success", args.success.iter().collect()),
            ("--resources", args.resources.iter().collect()),
        ]);
    for (flag, values) in lines {
        for value in values {
            require_printable(flag, value, Shape::Line)?;
        }
    }
    Ok(())
}

/// A usage error when the ref is taken, or its section does not exist.
fn refuse_existing(
    env: &Environment,
    plan: &Plan,
    reference: &str,
    relative: &std::path::Path,
) -> Result<()> {
    if let Some(rec) = plan
        .recommendations
        .iter()
        .find(|r| r.reference.value.as_str() == reference)
    {
        return Err(UsageError::with_hint(
            format!(
                "{reference} exists already, in `{}`",
                plan.display_path(rec.file).display()
            ),
            "choose a new ref; `actionplan update` records progress on an existing one",
        )
        .into());
    }
    if commit::exists(env, relative)? {
        return Err(UsageError::new(format!(
            "`{}` exists already",
            env.plan_dir.join(relative).display()
        ))
        .into());
    }
    let section = relative
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if !section.is_empty() && plan.section(&section).is_none() {
        let known: Vec<_> = plan
            .sections
            .iter()
            .map(|s| s.number.value.as_str())
            .collect();
        return Err(UsageError::with_hint(
            format!("the plan has no section {section}"),
            format!(
                "its sections are {}; add one to plan.toml first",
                known.join(", ")
            ),
        )
        .into());
    }
    Ok(())
}

/// The schedule keys the new action needs: from `--due`, else read from
/// the timescale. A timescale that cannot be read is refused, not guessed.
fn schedule(plan: &Plan, args: &NewArgs) -> Result<Schedule> {
    let mut schedule = match &args.timescale {
        None => Schedule::default(),
        Some(words) => match timescale::read(words) {
            Ok(reading) => reading.schedule(
                plan.settings.adopted.as_ref().map(|a| a.value),
                plan.settings.reporting,
            ),
            Err(_) if args.due.is_some() => Schedule::default(),
            Err(unreadable) => {
                return Err(UsageError::with_hint(
                    format!(
                        "the timescale “{words}” cannot be read for certain: {}",
                        unreadable.reason
                    ),
                    "add --due YYYY-MM-DD to say when it is due",
                )
                .into());
            }
        },
    };
    if args.due.is_some() {
        schedule.due = args.due;
    }
    Ok(schedule)
}

/// The new file's text: the importer's layout, under a line saying where
/// it came from.
fn template(today: NaiveDate, reference: &str, args: &NewArgs, schedule: &Schedule) -> String {
    let mut action = DraftAction {
        text: args.action.trim().to_string(),
        timescale: args
            .timescale
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_string(),
        lead: args.lead.clone(),
        success: args.success.clone(),
        resources: args.resources.clone(),
        ..DraftAction::default()
    };
    action.set_schedule(schedule);
    let rec = DraftRecommendation {
        reference: reference.to_string(),
        section: String::new(),
        text: args.recommendation.trim().to_string(),
        row: 0,
        actions: vec![action],
    };
    format!(
        "# Added with `actionplan new` on {today}.\n{}",
        recommendation_toml(&rec)
    )
}
