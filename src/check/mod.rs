//! The rules a loaded plan must hold, as pure functions of the plan and the
//! date it is judged on. Each rule reports under its own [`Check`] name.

mod actions;
mod committee;
mod layout;
mod names;
mod schedule;

use chrono::NaiveDate;

use crate::finding::{Check, Finding};
use crate::model::{Plan, Recommendation, Span};
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

/// As [`check`], for `plan` (which had no errors) with `replaced`, new
/// versions of some of its recommendations, in their places: the rules
/// about one recommendation run on them alone. `None` when a new version
/// is not of a recommendation already there under the same ref and file,
/// which rules across the plan must judge: then check the whole plan.
pub fn check_replacing(
    plan: &Plan,
    today: NaiveDate,
    replaced: &[Recommendation],
) -> Option<Vec<Finding>> {
    let same_place = |new: &Recommendation| {
        plan.recommendations
            .iter()
            .any(|old| old.file == new.file && old.reference.value == new.reference.value)
    };
    if !replaced.iter().all(same_place) {
        return None;
    }
    let mut report = Report {
        plan,
        findings: Vec::new(),
    };
    actions::check(&mut report, replaced, &Roster::new(&plan.officers), today);
    Some(report.findings)
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
