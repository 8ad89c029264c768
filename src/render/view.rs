//! What one row of a report says, as plain values: every format (table,
//! CSV, markdown, JSON) is rendered from the same view, so they agree.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Plan;
use crate::query::Row;
use crate::roster::Roster;
use crate::status::Status;

/// One action as reports show it. Serialised as the JSON of `list`,
/// `overdue` and `export`; docs/OUTPUT.md documents every field.
#[derive(Clone, Debug, Serialize)]
pub struct ActionView {
    #[serde(rename = "ref")]
    pub reference: String,
    /// The action's letter: "a" for the first.
    pub action: String,
    /// "2.7a", or "3.3" for a recommendation's only action.
    pub address: String,
    pub section: String,
    pub section_title: String,
    pub recommendation: String,
    /// The action's text, or its steps joined by "; ".
    pub text: String,
    pub steps: Vec<String>,
    pub timescale: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: Status,
    pub rag: Option<&'static str>,
    /// Lead officers' titles.
    pub lead: Vec<String>,
    pub lead_ids: Vec<String>,
    pub success: Vec<String>,
    pub resources: Vec<String>,
    pub overdue: bool,
    /// When an overdue action fell due (for recurring ones, when an update
    /// was next expected); null when due from the start or not overdue.
    pub overdue_since: Option<NaiveDate>,
    pub days_overdue: Option<i64>,
    pub no_data: bool,
    pub latest_update: Option<NaiveDate>,
    pub latest_note: Option<String>,
}

impl ActionView {
    pub fn new(plan: &Plan, roster: &Roster, row: &Row) -> ActionView {
        let rec = row.recommendation;
        let action = row.action;
        let reference = rec.reference.value.clone();
        let section = rec.section.clone();
        let officers: Vec<_> = row.leads.iter().map(|&i| roster.officer(i)).collect();
        let latest = row.latest;
        ActionView {
            reference: reference.to_string(),
            action: row.letter().to_string(),
            address: row.address(),
            section_title: plan.section_title(&section),
            section,
            recommendation: rec.text.clone(),
            text: action.full_text(),
            steps: action.steps.clone(),
            timescale: action.timescale.as_ref().map(|t| t.value.clone()),
            due: action.due.as_ref().map(|d| d.value),
            status: action.status.value,
            rag: action.status.value.colour(),
            lead: officers.iter().map(|o| o.title.value.clone()).collect(),
            lead_ids: officers.iter().map(|o| o.id.value.clone()).collect(),
            success: action.success.clone(),
            resources: action.resources.clone(),
            overdue: row.overdue.is_some(),
            overdue_since: row.overdue.and_then(|l| l.due),
            days_overdue: row.overdue.and_then(|l| l.days),
            no_data: row.no_data,
            latest_update: latest.map(|u| u.date.value),
            latest_note: latest.and_then(|u| u.note.clone()),
        }
    }

    /// The recommendation cut at its first sentence, for narrow tables.
    pub fn short_recommendation(&self) -> String {
        short(&self.recommendation, 90)
    }
}

/// The first sentence of `text`, and at most `max` characters of it.
pub fn short(text: &str, max: usize) -> String {
    let sentence = match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    };
    if sentence.chars().count() <= max {
        return sentence.trim().to_string();
    }
    let cut: String = sentence.chars().take(max - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ' ']))
}

/// One lead officer's counts, for `leads`.
#[derive(Clone, Debug, Serialize)]
pub struct OfficerView {
    pub id: String,
    pub title: String,
    pub aliases: Vec<String>,
    /// Open actions: neither complete nor deferred.
    pub open: usize,
    pub overdue: usize,
    pub no_data: usize,
    pub complete: usize,
    pub deferred: usize,
}

/// A column of a tabular report: its header and how to show a value.
pub struct Column<T> {
    pub header: &'static str,
    pub value: fn(&T) -> String,
    /// Which status colours the cell on a terminal, if any.
    pub status: Option<fn(&T) -> Status>,
}

impl<T> Column<T> {
    pub const fn new(header: &'static str, value: fn(&T) -> String) -> Column<T> {
        Column {
            header,
            value,
            status: None,
        }
    }

    pub const fn coloured(
        header: &'static str,
        value: fn(&T) -> String,
        status: fn(&T) -> Status,
    ) -> Column<T> {
        Column {
            header,
            value,
            status: Some(status),
        }
    }
}

pub fn date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

pub fn number(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn short_text_stops_at_the_first_sentence() {
        let text = "The role is clarified. The line management is aligned.";
        assert_eq!(short(text, 90), "The role is clarified.");
    }

    #[test]
    fn short_text_cuts_long_sentences_at_a_word() {
        let text = "The Trust ensures that there are appropriate services for vulnerable groups";
        assert_eq!(short(text, 30), "The Trust ensures that there…");
    }
}
