//! The rules a loaded plan must hold, as pure functions of the plan and the
//! date it is judged on. Each rule reports under its own [`Check`] name.

mod actions;
mod committee;
mod layout;
mod names;
mod schedule;

use chrono::NaiveDate;

use crate::finding::{Check, Finding};
use crate::model::{Plan, Span};
use crate::parallel;
use crate::roster::Roster;

/// Every finding about `plan` as of `today` (updates may not be later).
pub fn check(plan: &Plan, today: NaiveDate) -> Vec<Finding> {
    let mut report = Report {
        plan,
        findings: Vec::new(),
    };
    layout::check(&mut report);
    names::check(&mut report);
    committee::check(&mut report);
    // Rules about one recommendation's actions need nothing of the others.
    let roster = Roster::new(&plan.officers);
    let per_chunk = parallel::chunks(&plan.recommendations, |recs| {
        let mut report = Report {
            plan,
            findings: Vec::new(),
        };
        actions::check(&mut report, recs, &roster, today);
        report.findings
    });
    report.findings.extend(per_chunk.into_iter().flatten());
    report.findings
}

/// Findings being collected about one plan.
struct Report<'p> {
    plan: &'p Plan,
    findings: Vec<Finding>,
}

impl Report<'_> {
    fn add(&mut self, check: Check, span: Span, message: String, hint: String) {
        let at = span.start as usize..span.end as usize;
        let path = self.plan.display_path(span.file);
        self.findings
            .push(Finding::new(check, path, message).at(at).hint(hint));
    }
}

#[cfg(test)]
mod tests;
