//! Taking returned forms back: reading them ([`read`]), saying what each
//! row asks for ([`form`]), and deciding, against the plan as it is now,
//! which rows become updates, which are already recorded, which are stale
//! and which cannot be read. Pure over a loaded plan; the command writes
//! and commits.

pub mod form;
pub mod read;

use chrono::NaiveDate;

use crate::edit::ActionEdit;
use crate::model::{Action, Plan, Recommendation};
use crate::reference::Address;
use crate::returns::{FormRow, fingerprint};
use form::{Facts, Kind, Problem, Reply, Returned};

/// What becomes of one row.
#[derive(Clone, Debug)]
pub enum Decision {
    /// Recorded as this edit to action `index` of `rec`.
    Record {
        rec: usize,
        index: usize,
        edit: ActionEdit,
        summary: String,
    },
    /// Nothing new: blank, or already in the plan.
    Nothing { already: bool },
    /// The action changed after the form was issued.
    Stale { changed: String },
}

pub struct Decided {
    pub row: usize,
    pub address: String,
    pub decision: Decision,
}

/// Every row's decision, and the problems; `Err` for a form that is not
/// this plan's.
pub fn decide(
    plan: &Plan,
    returned: &Returned,
    today: NaiveDate,
    force: bool,
    by: Option<&str>,
) -> Result<(Vec<Decided>, Vec<Problem>), String> {
    if let Kind::Form(facts) = &returned.kind {
        same_plan(plan, facts)?;
    }
    let mut problems = returned.problems.clone();
    let bad_rows: Vec<usize> = problems.iter().map(|p| p.row).collect();
    let mut decided = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for reply in returned
        .replies
        .iter()
        .filter(|r| !bad_rows.contains(&r.row))
    {
        if let Some((_, first)) = seen.iter().find(|(a, _)| *a == reply.address) {
            problems.push(whole_row(
                reply.row,
                format!(
                    "{} is also on row {first}: give one reply per action",
                    reply.address
                ),
            ));
            continue;
        }
        seen.push((reply.address.clone(), reply.row));
        let context = Context {
            plan,
            returned,
            today,
            force,
            by,
        };
        match context.decide(reply) {
            Ok(decision) => decided.push(Decided {
                row: reply.row,
                address: reply.address.clone(),
                decision,
            }),
            Err(problem) => problems.push(problem),
        }
    }
    problems.sort_by_key(|p| p.row);
    Ok((decided, problems))
}

fn whole_row(row: usize, message: String) -> Problem {
    Problem {
        row,
        column: String::new(),
        message,
    }
}

/// A form made for another plan, or for an officer it does not know, is
/// refused whole.
fn same_plan(plan: &Plan, facts: &Facts) -> Result<(), String> {
    if !facts.plan.is_empty() && facts.plan != plan.settings.title {
        return Err(format!(
            "it was issued for the plan “{}”, not “{}”",
            facts.plan, plan.settings.title
        ));
    }
    if !plan.officers.iter().any(|o| o.id.value == facts.officer) {
        return Err(format!(
            "it was issued to the officer “{}”, whom officers.toml does not list",
            facts.officer
        ));
    }
    Ok(())
}

struct Context<'a> {
    plan: &'a Plan,
    returned: &'a Returned,
    today: NaiveDate,
    force: bool,
    by: Option<&'a str>,
}

impl Context<'_> {
    fn decide(&self, reply: &Reply) -> Result<Decision, Problem> {
        if let Some(problem) = self.read_as_a_number(reply) {
            return Err(problem);
        }
        let problem = |message: String| whole_row(reply.row, message);
        let (rec, index) = locate(self.plan, &reply.address).map_err(problem)?;
        let action = &self.plan.recommendations[rec].actions[index];
        let issued = match &self.returned.kind {
            Kind::Form(facts) => Some(self.issued(facts, reply, action)?),
            Kind::Export => None,
        };
        let Some(edit) = self.edit_for(reply, action)? else {
            return Ok(Decision::Nothing { already: false });
        };
        match issued {
            // The action is as the form issued it, so nothing of this row
            // was recorded yet: a note worded as an earlier one ("No
            // change") is this period's return all the same.
            Some(None) => {}
            // Changed since: by this very row, applied before (never
            // recorded twice, even with --force), or by someone else.
            Some(Some(changed)) => {
                if applied_before(action, reply, &edit) {
                    return Ok(Decision::Nothing { already: true });
                }
                if !self.force {
                    return Ok(Decision::Stale { changed });
                }
            }
            // An export has no fingerprints: what the plan holds is all
            // there is to go by.
            None => {
                if already_recorded(action, &edit) {
                    return Ok(Decision::Nothing { already: true });
                }
            }
        }
        let summary = summary(action, &edit);
        Ok(Decision::Record {
            rec,
            index,
            edit,
            summary,
        })
    }

    /// Checks the grey cells came back as issued; `Some(what changed)`
    /// when the action changed in the plan since.
    fn issued(
        &self,
        facts: &Facts,
        reply: &Reply,
        action: &Action,
    ) -> Result<Option<String>, Problem> {
        let Some(issued) = facts.issued.get(&reply.address) else {
            return Err(whole_row(
                reply.row,
                format!(
                    "{} was not on this form when it was issued: fill in only the rows the form lists",
                    reply.address
                ),
            ));
        };
        if let (Some(before), Some(after)) = (&issued.cells, &reply.returned_cells) {
            for (i, (b, a)) in before.iter().zip(after).enumerate() {
                if !same_cell(b, a) {
                    let column = crate::returns::ISSUED_COLUMNS[i];
                    return Err(Problem {
                        row: reply.row,
                        column: format!("{} ({column})", form::column_letter(i + 2)),
                        message: format!(
                            "the grey cell was changed from “{b}” to “{a}”: put it back; write \
                             changes in the white columns"
                        ),
                    });
                }
            }
        }
        let now = fingerprint(&reply.address, action);
        if now == issued.fingerprint {
            return Ok(None);
        }
        Ok(Some(self.changed_since(issued, reply)))
    }

    /// A ref that a spreadsheet turned into a number (`2.10` into 2.1)
    /// names another recommendation. When the row's recommendation text,
    /// or its form's fingerprint, is not its ref's but another's whose ref
    /// reads as the same number, the row is refused, saying which ref to
    /// write back (refused as undecidable when it is several others'), so
    /// it is never filed, not even with `--force`, under the ref the
    /// number happens to name. A row that says nothing of another is read
    /// as it says.
    fn read_as_a_number(&self, reply: &Reply) -> Option<Problem> {
        let parsed = Address::parse(&reply.address).ok()?;
        let written = parsed.reference.to_string();
        let number = written.parse::<f64>().ok()?;
        let twins: Vec<&Recommendation> = self
            .plan
            .recommendations
            .iter()
            .filter(|r| r.reference.value != parsed.reference)
            .filter(|r| r.reference.value.to_string().parse::<f64>().ok() == Some(number))
            .collect();
        if twins.is_empty() {
            return None;
        }
        let issued = match &self.returned.kind {
            Kind::Form(facts) => facts.issued.get(&reply.address),
            Kind::Export => None,
        };
        let is_the_row = |rec: &Recommendation| {
            let fingerprinted = issued.is_some_and(|issued| {
                let addresses = (0..rec.actions.len()).map(|i| rec.action_address(i));
                let actions = addresses.zip(&rec.actions);
                actions
                    .into_iter()
                    .any(|(a, action)| fingerprint(&a, action) == issued.fingerprint)
            });
            let worded = reply.recommendation.as_deref();
            fingerprinted || worded.is_some_and(|w| same_note(Some(w), Some(&rec.text)))
        };
        let own = self
            .plan
            .recommendations
            .iter()
            .find(|r| r.reference.value == parsed.reference);
        if own.is_some_and(is_the_row) {
            return None;
        }
        let named: Vec<String> = twins
            .iter()
            .filter(|rec| is_the_row(rec))
            .map(|rec| rec.reference.value.to_string())
            .collect();
        let message = match &named[..] {
            // Nothing says the row is another's.
            [] => return None,
            [issued_as] => format!(
                "the ref reads “{written}” but the row is {issued_as}'s: a spreadsheet read \
                 {issued_as} as the number {written}; write {issued_as} back in the cell (as \
                 text: '{issued_as}) and apply again"
            ),
            _ => {
                let all = twins.iter().map(|rec| rec.reference.value.to_string());
                format!(
                    "the ref “{written}” may be a spreadsheet's number for {}, and the row \
                     does not say which: write the ref as it was issued, as text, and apply \
                     again",
                    all.collect::<Vec<_>>().join(" or ")
                )
            }
        };
        Some(Problem {
            row: reply.row,
            column: format!("{} (Ref)", form::column_letter(0)),
            message,
        })
    }

    /// What changed in the plan after the form was issued, in words.
    fn changed_since(&self, issued: &form::Issued, reply: &Reply) -> String {
        let Some(before) = &issued.cells else {
            return "the action was changed in the plan after the form was issued".to_string();
        };
        let Ok((rec, index)) = locate(self.plan, &reply.address) else {
            return String::new();
        };
        let rec = &self.plan.recommendations[rec];
        let now = current_cells(rec, &rec.actions[index]);
        let mut said = Vec::new();
        for (i, (b, n)) in before.iter().zip(&now).enumerate() {
            if !same_cell(b, n) {
                said.push(format!(
                    "{} “{b}” → “{n}”",
                    crate::returns::ISSUED_COLUMNS[i].to_lowercase()
                ));
            }
        }
        if said.is_empty() {
            "the action was changed in the plan after the form was issued".to_string()
        } else {
            format!("changed after the form was issued: {}", said.join("; "))
        }
    }

    /// The edit a reply asks for; `None` when it asks for nothing new.
    fn edit_for(&self, reply: &Reply, action: &Action) -> Result<Option<ActionEdit>, Problem> {
        let status = reply.status.filter(|s| *s != action.status.value);
        let old_due = action.due.as_ref().map(|d| d.value);
        let due = reply.due.filter(|d| Some(*d) != old_due);
        let note = match reply.from_export {
            true => reply
                .note
                .clone()
                .filter(|n| !same_note(Some(n), latest_note(action))),
            false => combined_note(reply),
        };
        if status.is_none() && due.is_none() && note.is_none() {
            return Ok(None);
        }
        if due.is_some() && note.is_none() {
            let column = if reply.from_export {
                "Latest update"
            } else {
                "Reason for the move"
            };
            return Err(whole_row(
                reply.row,
                format!(
                    "the due date moves to {} with no reason: write why in {column}",
                    due.unwrap_or_default()
                ),
            ));
        }
        let date = reply.date.unwrap_or(self.today);
        if date > self.today {
            return Err(whole_row(
                reply.row,
                format!(
                    "the return is dated {date}, after today ({}): write the date it was made",
                    self.today
                ),
            ));
        }
        Ok(Some(ActionEdit {
            status,
            due,
            date,
            note,
            by: self.by.map(str::to_string).or_else(|| self.officer_title()),
        }))
    }

    fn officer_title(&self) -> Option<String> {
        let Kind::Form(facts) = &self.returned.kind else {
            return None;
        };
        self.plan
            .officers
            .iter()
            .find(|o| o.id.value == facts.officer)
            .map(|o| o.title.value.clone())
    }
}

/// The recommendation and action index an address names.
fn locate(plan: &Plan, address: &str) -> Result<(usize, usize), String> {
    let parsed = Address::parse(address).map_err(|e| format!("{e}: write the ref as issued"))?;
    let rec = plan
        .recommendations
        .iter()
        .position(|r| r.reference.value == parsed.reference)
        .ok_or_else(|| format!("the plan has no recommendation {}", parsed.reference))?;
    let count = plan.recommendations[rec].actions.len();
    let index = match parsed.action {
        Some(i) if i < count => i,
        None if count == 1 => 0,
        _ => return Err(format!("{address} names no action of the plan")),
    };
    Ok((rec, index))
}

/// The progress note and the reason for a new date, as one note.
fn combined_note(reply: &Reply) -> Option<String> {
    match (&reply.note, &reply.reason) {
        (Some(note), Some(reason)) => {
            Some(format!("{note}\n\nReason for the new due date: {reason}"))
        }
        (Some(note), None) => Some(note.clone()),
        (None, Some(reason)) => Some(reason.clone()),
        (None, None) => None,
    }
}

fn latest_note(action: &Action) -> Option<&str> {
    action.latest_update().and_then(|u| u.note.as_deref())
}

/// Notes compared as a spreadsheet may give them back: spacing and line
/// ends aside.
fn same_note(a: Option<&str>, b: Option<&str>) -> bool {
    let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    a.map(squeeze) == b.map(squeeze)
}

fn same_cell(a: &str, b: &str) -> bool {
    same_note(Some(a), Some(b))
        || (crate::date::read_typed(a).ok().is_some()
            && crate::date::read_typed(a).ok() == crate::date::read_typed(b).ok())
}

/// Whether the plan already holds what `edit` would record: the status
/// and due it sets, and an update with its note. Applying a form twice
/// records nothing the second time.
fn already_recorded(action: &Action, edit: &ActionEdit) -> bool {
    let status_there = edit.status.is_none_or(|s| s == action.status.value);
    let due_there = edit
        .due
        .is_none_or(|d| action.due.as_ref().map(|x| x.value) == Some(d));
    let note_there = edit.note.as_deref().is_none_or(|n| {
        action
            .updates
            .iter()
            .any(|u| same_note(u.note.as_deref(), Some(n)))
    });
    status_there && due_there && note_there
}

/// Whether one of the action's updates is this row, recorded by an
/// earlier `apply` of the same form: the same note (or none), by the same
/// person, with the same status and due where both say one; a row with no
/// note also on the same date.
fn applied_before(action: &Action, reply: &Reply, edit: &ActionEdit) -> bool {
    action.updates.iter().any(|u| {
        same_note(u.note.as_deref(), edit.note.as_deref())
            && u.by == edit.by
            && agree(u.status.as_ref().map(|s| s.value), reply.status)
            && agree(u.due.as_ref().map(|d| d.value), reply.due)
            && (edit.note.is_some() || u.date.value == edit.date)
    })
}

/// Two values that are equal, or where one of them says nothing.
fn agree<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// The grey cells of `action` as a form issued now would show them.
fn current_cells(rec: &Recommendation, action: &Action) -> Vec<String> {
    FormRow::as_issued(&rec.text, action, action.latest_update())
        .issued_cells()
        .to_vec()
}

/// "status on_track → complete, due 2009-03-31 → 2009-06-30, note".
pub fn summary(action: &Action, edit: &ActionEdit) -> String {
    let mut parts = Vec::new();
    if let Some(status) = edit.status {
        parts.push(format!("status {} → {status}", action.status.value));
    }
    if let Some(due) = edit.due {
        let old = action
            .due
            .as_ref()
            .map_or("none".to_string(), |d| d.value.to_string());
        parts.push(format!("due {old} → {due}"));
    }
    if parts.is_empty() {
        parts.push(format!("progress note of {}", edit.date));
    }
    parts.join(", ")
}
