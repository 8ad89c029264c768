//! `actionplan doctor`: whether this clone is set up to share the plan:
//! in git, the merge driver configured and its attribute committed, the
//! pre-commit hook in place, a shared repository to sync with, and the
//! plan passing `check`; for each missing piece, what to run.

use std::io::Write;

use anyhow::Result;

use super::{Environment, Outcome};
use crate::git;

pub fn run(env: &Environment) -> Result<Outcome> {
    let mut report = Vec::new();
    if !git::is_repository(&env.plan_dir)? {
        report.push((
            false,
            "the plan is not in git".to_string(),
            "git init, then `actionplan hook install`".to_string(),
        ));
        return finish(report);
    }
    let driver = git::driver::configured(&env.plan_dir)?;
    let binary_there = driver
        .as_deref()
        .and_then(git::driver::driver_binary)
        .is_some_and(|b| b.exists());
    report.push(match (&driver, binary_there) {
        (Some(_), true) => (true, "merge driver configured".to_string(), String::new()),
        (Some(command), false) => (
            false,
            format!("merge driver configured, but its program is gone: {command}"),
            "actionplan hook install".to_string(),
        ),
        (None, _) => (
            false,
            "no merge driver in this clone's git config".to_string(),
            "actionplan hook install".to_string(),
        ),
    });
    let attributed = git::driver::attribute_set(&env.plan_dir, "plan.toml")?;
    report.push(match attributed {
        true => (
            true,
            "plan files are merged by the driver (.gitattributes)".to_string(),
            String::new(),
        ),
        false => (
            false,
            "plan files are not sent to the merge driver (.gitattributes)".to_string(),
            "actionplan hook install".to_string(),
        ),
    });
    let hook = git::hook_path(&env.plan_dir, "pre-commit")?;
    let hooked = std::fs::read_to_string(&hook).is_ok_and(|t| t.contains("actionplan"));
    report.push(match hooked {
        true => (
            true,
            "pre-commit hook runs `actionplan check --staged`".to_string(),
            String::new(),
        ),
        false => (
            false,
            "no pre-commit hook running actionplan".to_string(),
            "actionplan hook install".to_string(),
        ),
    });
    report.push(match git::sync::upstream(&env.plan_dir)? {
        Some((branch, upstream)) => (
            true,
            format!("{branch} syncs with {upstream}"),
            String::new(),
        ),
        None => (
            false,
            "no shared repository to sync with".to_string(),
            "git remote add origin ADDRESS && git push -u origin HEAD".to_string(),
        ),
    });
    let (_, findings) = super::check::checked_plan(env, env.today)?;
    let errors = findings
        .iter()
        .filter(|f| f.severity() == crate::finding::Severity::Error)
        .count();
    report.push(match errors {
        0 => (true, "the plan passes check".to_string(), String::new()),
        n => (
            false,
            format!(
                "the plan has {}",
                super::output::plural(n, "error", "errors")
            ),
            "actionplan check".to_string(),
        ),
    });
    finish(report)
}

fn finish(report: Vec<(bool, String, String)>) -> Result<Outcome> {
    let mut out = super::human_out(false);
    for (ok, what, fix) in &report {
        match ok {
            true => writeln!(out, "ok       {what}")?,
            false => writeln!(out, "missing  {what}: run {fix}")?,
        }
    }
    out.flush()?;
    Ok(match report.iter().all(|(ok, _, _)| *ok) {
        true => Outcome::Success,
        false => Outcome::PlanHasErrors,
    })
}
