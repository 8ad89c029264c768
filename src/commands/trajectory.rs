//! `actionplan trajectory`: each action's status at each meeting, read
//! from git in one pass, with its moved deadlines and flags.

use std::io::Write;

use anyhow::Result;

use super::filter::Selection;
use super::output::{self, plural};
use super::{Environment, Outcome, workbook};
use crate::cli::{ActionFormat, ActionQueryArgs};
use crate::git;
use crate::history;
use crate::query::Row;
use crate::render::table::Style;
use crate::render::trajectory::{self as render, Line};
use crate::render::xlsx::{self, About};
use crate::trajectory::{self, Basis, Trajectory};

pub fn run(env: &Environment, args: &ActionQueryArgs) -> Result<Outcome> {
    let Some(selection) = Selection::open(env, &args.filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let rows = selection.rows();
    let trajectory = read(env, &selection, &rows)?;
    let format = output::action_format(args);
    let path = args.output.path.as_deref();
    let lines = rows
        .iter()
        .zip(&trajectory.courses)
        .map(|(row, course)| Line {
            view: selection.view(row),
            course,
        });
    let columns = &trajectory.columns;
    if format == ActionFormat::Xlsx {
        let what = "Each action's status at each meeting";
        let about = About {
            title: selection.plan.settings.title.clone(),
            organisation: selection.plan.settings.organisation.clone(),
            as_of: selection.as_of,
            provenance: super::digest::provenance(env)?,
            contents: workbook::contents(what, what, &args.filter, ""),
        };
        let sheet = render::xlsx_columns(columns);
        let cells = lines.map(|line| render::xlsx_cells(&line));
        super::emit_binary(path, "An .xlsx workbook", |out| {
            xlsx::write_grid(out, &about, "Trajectory", &sheet, cells)
        })?;
        return Ok(Outcome::Success);
    }
    let style = Style {
        color: env.color && path.is_none(),
        width: env.width,
    };
    let write = |mut out: &mut dyn Write| match format {
        ActionFormat::Csv => render::write_csv(&mut out, columns, lines),
        ActionFormat::Json => render::write_json(&mut out, columns, lines),
        ActionFormat::Markdown => render::write_markdown(&mut out, columns, lines),
        _ => render::write_table(&mut out, columns, lines, style),
    };
    match (path, format) {
        // A table on standard output is for people: coloured when asked.
        (None, ActionFormat::Table) => {
            let mut out = super::human_out(env.color);
            write(&mut out)?;
            out.flush()?;
        }
        _ => super::emit(path, write)?,
    }
    if let Some(query) = output::query_format(format).filter(|_| path.is_none()) {
        output::footnote(env, query, &footnote(&trajectory, rows.len()))?;
    }
    Ok(Outcome::Success)
}

/// The trajectory of `rows` from one `git log` and one `git cat-file
/// --batch` of the plan's whole history up to `--at` (else HEAD).
pub(super) fn read(env: &Environment, selection: &Selection, rows: &[Row]) -> Result<Trajectory> {
    git::require_full_history(&env.plan_dir)?;
    let upper = match env.at_commit()? {
        Some((hash, _)) => hash.clone(),
        None => "HEAD".to_string(),
    };
    // Nothing committed after the as-of date counts: its versions are
    // not read.
    let as_of = selection.as_of;
    let recorded = git::read_history(
        &env.plan_dir,
        &upper,
        ".".as_ref(),
        env.zone,
        |commit, path| commit.date <= as_of && super::changes::is_recommendation(path),
        history::read_version,
    )?;
    let trajectory = trajectory::build(
        selection.plan,
        rows,
        &recorded.commits,
        &recorded.versions,
        as_of,
    );
    // Handed back to the system at exit, not freed piece by piece.
    std::mem::forget(recorded);
    Ok(trajectory)
}

/// "43 actions at 4 meetings, as of 2009-12-31".
fn footnote(trajectory: &Trajectory, actions: usize) -> String {
    let columns = trajectory.columns.dates.len();
    let what = match trajectory.columns.basis {
        Basis::Meetings => plural(columns, "meeting", "meetings"),
        Basis::PeriodEnds => format!(
            "{} (no meeting in plan.toml on or before the as-of date)",
            plural(columns, "reporting-period end", "reporting-period ends")
        ),
    };
    format!("{} at {what}", plural(actions, "action", "actions"))
}
