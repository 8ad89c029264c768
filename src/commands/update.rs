//! `actionplan update REF`: record progress on one action as one commit.
//!
//! The order matters for safety: every refusal happens before the file is
//! touched; the new text is checked as part of the whole plan before it is
//! written; the write is atomic; and when git refuses the commit the old
//! text is put back, so the file is never left half-changed.

use anyhow::{Context, Result};

use super::record::{self, Change};
use super::show::find;
use super::words::{Shape, require_printable};
use super::{Environment, Outcome, commit, open_plan};
use crate::cli::UpdateArgs;
use crate::edit::{self, ActionEdit};
use crate::error::UsageError;
use crate::model::{Action, Recommendation};
use crate::reference::{Address, action_letter};

pub fn run(env: &Environment, args: &UpdateArgs) -> Result<Outcome> {
    require_something(args)?;
    let lock = commit::begin(env, args.no_commit)?;
    let Some(plan) = open_plan(env)? else {
        return Ok(Outcome::PlanHasErrors);
    };
    let address = Address::parse(&args.reference).map_err(UsageError::new)?;
    let rec = find(plan, &address)?;
    let index = action_index(rec, &address)?;
    let action = &rec.actions[index];
    let relative = plan.relative_path(rec.file);
    let path = env.plan_dir.join(relative);
    let name = rec.action_address(index);
    let Some(change) = edit_for(env, args, action) else {
        let status = action.status.value;
        commit::say(
            env,
            &format!(
                "{name} is already {status}: nothing was recorded (add --note to record a progress note)"
            ),
        )?;
        return Ok(Outcome::Success);
    };
    if !args.no_commit {
        commit::require_clean(&env.plan_dir, relative, &lock)?;
    }
    edit::check_writable(&path).map_err(UsageError::new)?;
    edit::remove_stale_temporaries(&path)?;
    let old =
        std::fs::read(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
    let new = edit::apply(&old, index, &change)
        .with_context(|| format!("cannot edit `{}`", path.display()))?;
    if !commit::recheck(env, plan, relative, &new)? {
        return Ok(Outcome::PlanHasErrors);
    }
    let subject = format!("{name}: {}", summary(action, &change));
    if args.no_commit {
        edit::write_atomically(&path, &new)?;
        let written = format!("{subject}\nwritten to {}, not committed", path.display());
        commit::say(env, &written)?;
        return Ok(Outcome::Success);
    }
    let message = message(env, &subject, &name, action, &change)?;
    let change = Change::one(relative.to_path_buf(), Some(old), new, message);
    let hash = record::write_and_commit(env, &lock, &change)?;
    commit::say(env, &format!("{subject}\ncommitted {hash}"))?;
    Ok(Outcome::Success)
}

/// The edit the arguments ask for; `None` when it would change nothing
/// (the status it already has, the due date it already has, no note).
fn edit_for(env: &Environment, args: &UpdateArgs, action: &Action) -> Option<ActionEdit> {
    let status_moves = args.status.is_some_and(|s| s != action.status.value);
    let due_moves = args
        .due
        .is_some_and(|d| action.due.as_ref().map(|d| d.value) != Some(d));
    if !status_moves && !due_moves && args.note.is_none() {
        return None;
    }
    Some(ActionEdit {
        status: args.status,
        due: args.due,
        date: args.date.map_or(env.today, |d| env.as_of(d)),
        note: args.note.clone(),
        by: args.by.clone(),
    })
}

fn require_something(args: &UpdateArgs) -> Result<()> {
    if args.status.is_none() && args.due.is_none() && args.note.is_none() {
        return Err(UsageError::with_hint(
            "nothing to record",
            "give --status, --due or --note (or several)",
        )
        .into());
    }
    let blank = |text: &Option<String>| text.as_deref().is_some_and(|t| t.trim().is_empty());
    if blank(&args.note) || blank(&args.by) {
        return Err(UsageError::new(
            "--note and --by need words: leave them out rather than give them empty",
        )
        .into());
    }
    if let Some(note) = &args.note {
        require_printable("--note", note, Shape::Paragraphs)?;
    }
    if let Some(by) = &args.by {
        require_printable("--by", by, Shape::Line)?;
    }
    if args.due.is_some() && args.note.is_none() {
        return Err(UsageError::with_hint(
            "a new due date needs its reason",
            "add --note \"why the date moved\"; committees ask",
        )
        .into());
    }
    Ok(())
}

/// Which action the address names: its letter, or the only one.
fn action_index(rec: &Recommendation, address: &Address) -> Result<usize> {
    match (address.action, rec.actions.len()) {
        (Some(index), _) => Ok(index),
        (None, 1) => Ok(0),
        (None, 0) => {
            Err(UsageError::new(format!("{} has no actions to update", rec.reference.value)).into())
        }
        (None, n) => {
            let last = action_letter(n - 1).unwrap_or('z');
            Err(UsageError::with_hint(
                format!("{} has {n} actions: say which", rec.reference.value),
                format!("write {r}a to {r}{last}", r = rec.reference.value),
            )
            .into())
        }
    }
}

/// "status not_started → complete, due 2009-03-31 → 2009-06-30", or
/// "progress note of 2009-07-02" when only a note was added.
fn summary(action: &Action, change: &ActionEdit) -> String {
    let mut parts = Vec::new();
    if let Some(status) = change.status.filter(|s| *s != action.status.value) {
        parts.push(format!("status {} → {status}", action.status.value));
    }
    let old_due = action.due.as_ref().map(|d| d.value);
    if let Some(due) = change.due.filter(|d| Some(*d) != old_due) {
        let old = old_due.map_or("none".to_string(), |d| d.to_string());
        parts.push(format!("due {old} → {due}"));
    }
    if parts.is_empty() {
        parts.push(format!("progress note of {}", change.date));
    }
    parts.join(", ")
}

/// The subject, the note as the body, and trailers `git log --grep` finds:
/// `Field:` for each key whose value the commit changes.
fn message(
    env: &Environment,
    subject: &str,
    name: &str,
    action: &Action,
    change: &ActionEdit,
) -> Result<String> {
    let mut message = format!("{subject}\n\n");
    if let Some(note) = &change.note {
        message.push_str(&quoted(note));
        message.push_str("\n\n");
    }
    message.push_str(&format!("Ref: {name}\n"));
    let status = change.status.filter(|s| *s != action.status.value);
    let due = change
        .due
        .filter(|d| action.due.as_ref().map(|o| o.value) != Some(*d));
    let fields = [
        status.map(|_| "status"),
        due.map(|_| "due"),
        Some("updates"),
    ];
    for field in fields.into_iter().flatten() {
        message.push_str(&format!("Field: {field}\n"));
    }
    let actor = match &change.by {
        Some(by) => by.clone(),
        None => crate::git::author_name(&env.plan_dir)?,
    };
    message.push_str(&format!("Actor: {actor}\n"));
    Ok(message)
}

/// A note in a commit message: every line quoted with `> `, so no line of
/// it can read as a trailer (`Ref: 9.9`), a comment (`# …`) or the end of
/// the message (`---`) to git or to `git log --grep "^Ref: "`.
pub fn quoted(note: &str) -> String {
    note.trim()
        .lines()
        .map(|line| match line.trim_end() {
            "" => ">".to_string(),
            line => format!("> {line}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn no_line_of_a_note_can_pass_for_a_trailer() {
        let note = "Agreed.\nRef: 9.9\n\n---\nActor: Someone else\n# not a comment";
        assert_eq!(
            quoted(note),
            "> Agreed.\n> Ref: 9.9\n>\n> ---\n> Actor: Someone else\n> # not a comment"
        );
    }
}
