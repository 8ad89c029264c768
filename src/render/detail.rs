//! One recommendation in full, for `show`: as labelled fields on a
//! terminal, as markdown, or as JSON.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use super::committee::RequestView;
use super::markdown::escape;
use super::table;
use super::view::ActionView;
use crate::model::Action;
use crate::status::Status;
use crate::timescale;

/// A recommendation and the actions shown of it.
#[derive(Debug, Serialize)]
pub struct Detail {
    #[serde(rename = "ref")]
    pub reference: String,
    pub section: String,
    pub section_title: String,
    pub recommendation: String,
    pub file: String,
    pub actions: Vec<ActionDetail>,
    /// The committee's requests that concern it.
    pub requests: Vec<RequestView>,
}

#[derive(Debug, Serialize)]
pub struct ActionDetail {
    #[serde(flatten)]
    pub view: ActionView,
    /// The action's own `text`, apart from its steps.
    #[serde(skip)]
    own_text: Option<String>,
    /// How the timescale reads, or why it cannot be read.
    pub reading: Option<String>,
    /// Undated notes carried over from an import.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub updates: Vec<UpdateView>,
}

#[derive(Debug, Serialize)]
pub struct UpdateView {
    pub date: NaiveDate,
    pub status: Option<Status>,
    pub due: Option<NaiveDate>,
    pub note: Option<String>,
    pub by: Option<String>,
}

impl ActionDetail {
    pub fn new(view: ActionView, action: &Action) -> ActionDetail {
        let updates = &action.updates;
        let reading = view
            .timescale
            .as_deref()
            .map(|words| match timescale::read(words) {
                Ok(reading) => reading.to_string(),
                Err(unreadable) => format!("cannot be read: {}", unreadable.reason),
            });
        let updates = updates
            .iter()
            .map(|u| UpdateView {
                date: u.date.value,
                status: u.status.as_ref().map(|s| s.value),
                due: u.due.as_ref().map(|d| d.value),
                note: u.note.clone(),
                by: u.by.clone(),
            })
            .collect();
        ActionDetail {
            notes: action.notes.clone(),
            view,
            own_text: action.text.clone(),
            reading,
            updates,
        }
    }

    /// Label and text of each field, in reading order.
    fn fields(&self) -> Vec<(&'static str, String)> {
        let v = &self.view;
        let mut fields = Vec::new();
        if let Some(text) = &self.own_text {
            fields.push(("Action", text.clone()));
        }
        if !v.steps.is_empty() {
            fields.push(("Steps", numbered(&v.steps)));
        }
        if let Some(words) = &v.timescale {
            fields.push(("Timescale", words.clone()));
        }
        if let Some(reading) = &self.reading {
            fields.push(("Reading", reading.clone()));
        }
        fields.push((
            "Due",
            v.due.map_or_else(|| "none".to_string(), |d| d.to_string()),
        ));
        fields.push(("Status", status_words(v)));
        fields.push(("Overdue", overdue_words(v)));
        fields.push((
            "No data",
            if v.no_data {
                "yes: no update this reporting period"
            } else {
                "no"
            }
            .into(),
        ));
        fields.push(("Lead", v.lead.join("\n")));
        fields.push(("Success", bullets(&v.success)));
        fields.push(("Resources", bullets(&v.resources)));
        if !self.notes.is_empty() {
            fields.push(("Notes", bullets(&self.notes)));
        }
        fields.push(("Updates", self.update_lines().join("\n")));
        fields
    }

    fn update_lines(&self) -> Vec<String> {
        if self.updates.is_empty() {
            return vec!["none".to_string()];
        }
        self.updates.iter().map(update_line).collect()
    }
}

fn update_line(u: &UpdateView) -> String {
    let mut line = u.date.to_string();
    if let Some(status) = u.status {
        line.push_str(&format!(" {status}"));
    }
    if let Some(due) = u.due {
        line.push_str(&format!(" (due moved to {due})"));
    }
    if let Some(note) = &u.note {
        line.push_str(&format!(": {note}"));
    }
    if let Some(by) = &u.by {
        line.push_str(&format!(" — {by}"));
    }
    line
}

fn status_words(v: &ActionView) -> String {
    match v.rag {
        Some(colour) => format!("{} ({colour})", v.status),
        None => v.status.to_string(),
    }
}

fn overdue_words(v: &ActionView) -> String {
    match (v.overdue, v.days_overdue, v.overdue_since) {
        (false, _, _) => "no".to_string(),
        (true, Some(days), Some(since)) => format!("yes, {days} days (due {since})"),
        (true, _, _) => "yes (due from the start)".to_string(),
    }
}

fn numbered(items: &[String]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {s}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

fn bullets(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join("\n")
    }
}

/// Labelled fields, wrapped to `width`.
pub fn write_text(out: &mut impl Write, detail: &Detail, width: Option<u16>) -> io::Result<()> {
    let header = [
        ("Ref", detail.reference.clone()),
        (
            "Section",
            format!("{} {}", detail.section, detail.section_title),
        ),
        ("Recommendation", detail.recommendation.clone()),
        ("File", detail.file.clone()),
    ];
    table::write_fields(out, &header, width)?;
    for action in &detail.actions {
        writeln!(out, "\n{}", action.view.address)?;
        table::write_fields(out, &action.fields(), width)?;
    }
    for request in &detail.requests {
        writeln!(out, "\nCommittee request {}", request.id)?;
        table::write_fields(out, &request_fields(request), width)?;
    }
    Ok(())
}

/// A request's fields as `show` lists them.
fn request_fields(request: &RequestView) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("Meeting", request.meeting_label.clone()),
        ("Kind", request.kind_label()),
        ("Text", request.text.clone()),
        ("Refs", request.refs.join(", ")),
        ("Status", request.status.to_string()),
    ];
    if let Some(owner) = &request.owner {
        fields.push(("Owner", owner.clone()));
    }
    if let Some(by) = request.answer_by {
        fields.push(("Answer by", by.to_string()));
    }
    if let Some(answer) = &request.answer {
        fields.push(("Answer", answer.clone()));
    }
    fields
}

pub fn write_markdown(out: &mut impl Write, detail: &Detail) -> io::Result<()> {
    writeln!(
        out,
        "## {} {}\n",
        escape(&detail.reference),
        escape(&detail.section_title)
    )?;
    writeln!(out, "{}\n", escape(&detail.recommendation))?;
    for action in &detail.actions {
        writeln!(out, "### {}\n", escape(&action.view.address))?;
        write_markdown_fields(out, &action.fields())?;
    }
    for request in &detail.requests {
        writeln!(out, "### Committee request {}\n", escape(&request.id))?;
        write_markdown_fields(out, &request_fields(request))?;
    }
    Ok(())
}

fn write_markdown_fields(out: &mut impl Write, fields: &[(&str, String)]) -> io::Result<()> {
    for (label, value) in fields {
        let value = value.lines().map(escape).collect::<Vec<_>>().join("; ");
        writeln!(out, "- **{label}:** {value}")?;
    }
    writeln!(out)
}
