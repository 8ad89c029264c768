//! Names people tell apart by eye: refs, section numbers, officer ids,
//! titles, aliases and leads. A control character or an invisible one
//! (a zero-width space, a bidi override) in one makes a second name that
//! looks the same as the first and matches nothing.

use super::Report;
use crate::finding::Check;
use crate::model::{Action, Located};
use crate::render::terminal::is_invisible;

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
        report_name(report, "section title", &title);
    }
}

/// An action's leads.
pub(super) fn leads(report: &mut Report, action: &Action) {
    for lead in &action.lead {
        report_name(report, "lead", lead);
    }
}

fn report_name(report: &mut Report, what: &str, name: &Located<String>) {
    let Some(hidden) = name
        .value
        .chars()
        .find(|c| c.is_control() || is_invisible(*c))
    else {
        return;
    };
    let message = format!(
        "the {what} \"{}\" holds U+{:04X}, a character that cannot be seen: the name looks \
         like another and is not the same",
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
