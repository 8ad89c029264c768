//! Workbooks from the commands whose rows are actions (`export`, `list`,
//! `overdue`): what the workbook says about itself, and the columns of
//! `list` and `overdue` — every column of their CSV, typed.

use std::path::Path;

use anyhow::Result;

use super::Environment;
use super::filter::Selection;
use crate::cli::FilterArgs;
use crate::render::view::{ActionView, yes_no};
use crate::render::xlsx::{self, About, Cell, Column};

/// Writes `views` as a workbook to `path` (or standard output, unless it
/// is a terminal); `contents` says what the rows are.
pub fn emit(
    env: &Environment,
    selection: &Selection,
    contents: &str,
    path: Option<&Path>,
    columns: &[Column<ActionView>],
    views: impl IntoIterator<Item = ActionView>,
) -> Result<()> {
    let settings = &selection.plan.settings;
    let about = About {
        title: settings.title.clone(),
        organisation: settings.organisation.clone(),
        as_of: selection.as_of,
        provenance: super::digest::provenance(env)?,
        contents: contents.to_string(),
    };
    super::emit_binary(path, "An .xlsx workbook", |out| {
        xlsx::write_actions(out, &about, columns, views)
    })
}

fn text(value: String) -> Cell {
    Cell::Text(value)
}

/// The columns of `list` and `overdue` workbooks: those of their CSV
/// (`output::ACTION_CSV`), with real dates and numbers.
pub const ACTION_XLSX: &[Column<ActionView>] = &[
    Column::new("Ref", 5.5, |v| text(v.reference.clone())),
    Column::new("Action", 6.5, |v| text(v.action.clone())),
    Column::new("Section", 7.5, |v| text(v.section.clone())),
    Column::new("Recommendation", 34.0, |v| text(v.recommendation.clone())),
    Column::new("Action text", 38.0, |v| text(v.text.clone())),
    Column::new("Timescale", 14.0, |v| {
        text(v.timescale.clone().unwrap_or_default())
    }),
    Column::new("Due", 10.5, |v| Cell::Date(v.due)),
    Column::new("Status", 11.0, |v| Cell::Status(v.status)),
    Column::new("Lead", 18.0, |v| text(v.lead.join("; "))),
    Column::new("Overdue", 8.0, |v| text(yes_no(v.overdue))),
    Column::new("Days overdue", 7.5, |v| Cell::Number(v.days_overdue)),
    Column::new("No data", 7.5, |v| text(yes_no(v.no_data))),
    Column::new("Latest update", 10.5, |v| Cell::Date(v.latest_update)),
];

/// What the rows are, for the summary sheet: `all` ("Every action")
/// without filters, else `some` ("Actions") and the filters, in words;
/// then `order`, if any.
pub fn contents(all: &str, some: &str, filter: &FilterArgs, order: &str) -> String {
    let mut said = Vec::new();
    if let Some(lead) = &filter.lead {
        said.push(format!("led by “{lead}”"));
    }
    if let Some(section) = &filter.section {
        said.push(format!("in section {section}"));
    }
    if let Some(statuses) = &filter.status {
        let words: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
        said.push(format!("with status {}", words.join(" or ")));
    }
    if let Some(prefix) = &filter.ref_prefix {
        said.push(format!("under ref {prefix}"));
    }
    if let Some(date) = filter.due_before {
        said.push(format!("due before {date}"));
    }
    if let Some(date) = filter.due_after {
        said.push(format!("due after {date}"));
    }
    let rows = if said.is_empty() {
        all.to_string()
    } else {
        format!("{some} {}", said.join(", "))
    };
    if order.is_empty() {
        rows
    } else {
        format!("{rows}, {order}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::export::{EXPORT_CSV, EXPORT_XLSX};
    use super::super::output::ACTION_CSV;
    use super::*;

    #[test]
    fn contents_say_the_filters_in_words() {
        let none = FilterArgs::default();
        assert_eq!(
            contents("Every action", "Actions", &none, ""),
            "Every action"
        );
        let some = FilterArgs {
            lead: Some("DCS".into()),
            section: Some("3".into()),
            ..FilterArgs::default()
        };
        assert_eq!(
            contents(
                "Overdue actions",
                "Overdue actions",
                &some,
                "oldest due first"
            ),
            "Overdue actions led by “DCS”, in section 3, oldest due first"
        );
    }

    #[test]
    fn workbooks_have_the_columns_of_the_csv() {
        let headers = |columns: &[Column<ActionView>]| -> Vec<&str> {
            columns.iter().map(|c| c.header).collect()
        };
        let csv = |columns: &[crate::render::view::Column<ActionView>]| -> Vec<&str> {
            columns.iter().map(|c| c.header).collect()
        };
        assert_eq!(headers(ACTION_XLSX), csv(ACTION_CSV));
        assert_eq!(headers(EXPORT_XLSX), csv(EXPORT_CSV));
    }
}
