//! Names people tell apart by eye: refs, section numbers, officer ids,
//! titles, aliases and leads. A control character or an invisible one
//! (a zero-width space, a bidi override) in one makes a second name that
//! looks the same as the first and matches nothing.

use super::Report;
use crate::finding::Check;
use crate::model::{Action, Located};
use crate::render::terminal::{is_invisible, is_lookalike_space};

/// Officers and sections, once per plan.
pub(super) fn check(report: &mut Report) {
    let plan = report.plan;
    for officer in &plan.officers {
        report_name(report, "officer id", &officer.id);
        report_name(report, "officer title", &officer.title);
        for alias in &officer.aliases {
            report_name(report, "officer alias", alias);
        }
    }
    for section in &plan.sections {
        report_name(report, "section number", &section.number);
        let title = Located {
            value: section.title.clone(),
            span: section.title_span,
        };
        // A title is matched against nothing: an odd space in it is
        // harmless, unlike in a name `--lead` looks up.
        report_hidden(report, "section title", &title, false);
    }
}

/// An action's leads.
pub(super) fn leads(report: &mut Report, action: &Action) {
    for lead in &action.lead {
        report_name(report, "lead", lead);
    }
}

fn report_name(report: &mut Report, what: &str, name: &Located<String>) {
    report_hidden(report, what, name, true);
}

/// The finding for the first control or invisible character in `name`,
/// and with `spaces`, the first space that only looks like one.
fn report_hidden(report: &mut Report, what: &str, name: &Located<String>, spaces: bool) {
    let hidden =
        |c: &char| c.is_control() || is_invisible(*c) || (spaces && is_lookalike_space(*c));
    let Some(hidden) = name.value.chars().find(hidden) else {
        return;
    };
    let kind = match is_lookalike_space(hidden) {
        true => "a space that is not a plain space",
        false => "a character that cannot be seen",
    };
    let message = format!(
        "the {what} \"{}\" holds U+{:04X}, {kind}: the name looks like another and is not \
         the same",
        name.value.escape_debug(),
        hidden as u32
    );
    let hint =
        "type the name again without it (in the file it may be written as an escape like \\u200B)";
    report.add(
        Check::InvisibleCharacter,
        name.span,
        message,
        hint.to_string(),
    );
}
