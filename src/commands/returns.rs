//! `actionplan returns --out DIR`: one return form per lead officer with
//! open actions, and with `--chasers` the message to send with each.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::filter::Selection;
use super::{Environment, Outcome, commit};
use crate::cli::{FilterArgs, ReturnsArgs, ReturnsFormat};
use crate::error::UsageError;
use crate::git::{self, Provenance};
use crate::render::{form_csv, mail, xlsx};
use crate::returns::{self, Form, Issue};

pub fn run(env: &Environment, args: &ReturnsArgs) -> Result<Outcome> {
    let filter = FilterArgs {
        lead: args.lead.clone(),
        section: args.section.clone(),
        ..FilterArgs::default()
    };
    let Some(selection) = Selection::open(env, &filter, args.as_of.as_of)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let (plan, as_of) = (selection.plan, selection.as_of);
    let next_meeting = plan
        .settings
        .meeting_dates()
        .into_iter()
        .find(|m| *m > as_of);
    let by = match args.by.or_else(|| returns::default_by(next_meeting)) {
        Some(by) => by,
        None => return Err(no_return_date().into()),
    };
    let issue = Issue {
        plan,
        revision: revision(env)?,
        as_of,
        by,
        next_meeting,
    };
    let forms = returns::forms(&issue, &selection.rows());
    if forms.is_empty() {
        commit::say(
            env,
            "no open actions with a lead officer match: no forms were written",
        )?;
        return Ok(Outcome::Success);
    }
    prepare_folder(&args.out)?;
    let files: Vec<Written> = forms.iter().map(|f| written(&args.out, f, args)).collect();
    refuse_existing(&files, args.force)?;
    for (form, file) in forms.iter().zip(&files) {
        write_form(form, file, args)?;
    }
    report(env, &forms, &files, args)?;
    Ok(Outcome::Success)
}

fn no_return_date() -> UsageError {
    UsageError::with_hint(
        "plan.toml names no dated meeting after the as-of date, so the date returns are due is not known",
        "give it: --by YYYY-MM-DD, or record the next meeting: actionplan meeting add YYYY-MM-DD --name \"…\"",
    )
}

/// The commit the forms are made from, which `apply` records in its
/// report; uncommitted changes are said, since a form is a reply to what
/// the officer sees on it.
fn revision(env: &Environment) -> Result<String> {
    Ok(match git::provenance(&env.plan_dir, env.zone)? {
        Provenance::Commit { hash, dirty, .. } => {
            if dirty {
                commit::say(
                    env,
                    "note: the plan has changes not yet committed; the forms show them",
                )?;
            }
            hash
        }
        Provenance::NoCommit => "no commit yet".to_string(),
        Provenance::NotInGit => "not in git".to_string(),
    })
}

/// The paths one officer's files go to.
struct Written {
    form: PathBuf,
    eml: Option<PathBuf>,
    text: Option<PathBuf>,
}

fn written(out: &Path, form: &Form, args: &ReturnsArgs) -> Written {
    let name = file_stem(&form.officer_id);
    let extension = match args.format {
        ReturnsFormat::Xlsx => "xlsx",
        ReturnsFormat::Csv => "csv",
    };
    Written {
        form: out.join(format!("{name}.{extension}")),
        eml: args.chasers.then(|| out.join(format!("{name}.eml"))),
        text: args.chasers.then(|| out.join(format!("{name}.txt"))),
    }
}

/// An officer's id as a file name: letters, digits, `-` and `_` kept,
/// anything else a `-`, so no id can reach outside the folder.
fn file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "officer".to_string()
    } else {
        stem.to_string()
    }
}

/// Makes `--out` if it is missing; refuses anything but a folder (a link
/// to one included: the user named it).
fn prepare_folder(out: &Path) -> Result<()> {
    match fs::metadata(out) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(UsageError::with_hint(
            format!("`{}` is not a folder", out.display()),
            "give --out a folder to write the forms into",
        )
        .into()),
        Err(_) => fs::create_dir_all(out)
            .with_context(|| format!("failed to make the folder `{}`", out.display())),
    }
}

/// Refuses before anything is written when a file would be replaced
/// without `--force`, or is not a regular file at all.
fn refuse_existing(files: &[Written], force: bool) -> Result<()> {
    let paths = files
        .iter()
        .flat_map(|f| [Some(&f.form), f.eml.as_ref(), f.text.as_ref()])
        .flatten();
    for path in paths {
        match fs::symlink_metadata(path) {
            Ok(m) if !m.is_file() => {
                return Err(UsageError::new(format!(
                    "`{}` is not a regular file: nothing was written",
                    path.display()
                ))
                .into());
            }
            Ok(_) if !force => {
                return Err(UsageError::with_hint(
                    format!("`{}` exists: nothing was written", path.display()),
                    "give --force to replace the forms in that folder, or another --out",
                )
                .into());
            }
            _ => {}
        }
    }
    Ok(())
}

fn write_form(form: &Form, file: &Written, args: &ReturnsArgs) -> Result<()> {
    let (bytes, mime) = match args.format {
        ReturnsFormat::Xlsx => (
            xlsx::write_form(form)
                .map_err(|e| anyhow::anyhow!("failed to make the workbook: {e}"))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ReturnsFormat::Csv => (form_csv::write(form)?, "text/csv"),
    };
    crate::edit::write_atomically(&file.form, &bytes)?;
    let (Some(eml), Some(text)) = (&file.eml, &file.text) else {
        return Ok(());
    };
    let name = file
        .form
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let chaser = returns::chaser(form, &name);
    let draft = mail::Draft {
        chaser: &chaser,
        to: form
            .email
            .as_deref()
            .map(|e| (form.officer_title.as_str(), e)),
        date: form.as_of,
        attachment_name: &name,
        attachment_type: mime,
        attachment: &bytes,
    };
    crate::edit::write_atomically(eml, &mail::write_eml(&draft)?)?;
    let plain = format!("Subject: {}\n\n{}", chaser.subject, chaser.body);
    crate::edit::write_atomically(text, plain.as_bytes())
}

/// One line per form, and what the officer has no address for.
fn report(env: &Environment, forms: &[Form], files: &[Written], args: &ReturnsArgs) -> Result<()> {
    let mut lines = Vec::new();
    for (form, file) in forms.iter().zip(files) {
        let actions = super::output::plural(form.rows.len(), "action", "actions");
        lines.push(format!(
            "{}: {actions} → {}",
            form.officer_title,
            file.form.display()
        ));
        if args.chasers && form.email.is_none() {
            lines.push(format!(
                "  no email for {} in officers.toml: the chaser has no recipient",
                form.officer_id
            ));
        }
    }
    let by = forms
        .first()
        .map(|f| f.by.format("%-d %B %Y").to_string())
        .unwrap_or_default();
    lines.push(format!(
        "{} written to {}, due back by {by}",
        super::output::plural(forms.len(), "form", "forms"),
        args.out.display()
    ));
    commit::say(env, &lines.join("\n"))
}
