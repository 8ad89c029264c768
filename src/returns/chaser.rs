//! The short message that goes with a return form: what is overdue, what
//! has had no update this period, what falls due before the next
//! meeting, and the date the return is due back.

use std::fmt::Write;

use super::{Form, FormRow};

/// Which rows a list of the chaser holds.
type Wanted = fn(&FormRow) -> bool;

/// A chaser's words, before it becomes an email or a text file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chaser {
    pub subject: String,
    pub body: String,
}

/// The chaser for `form`, whose attachment is named `attachment`.
pub fn chaser(form: &Form, attachment: &str) -> Chaser {
    let by = long(form.by);
    let subject = format!("Progress return due {by}: {}", form.plan_title);
    let mut body = String::new();
    let _ = writeln!(body, "Dear {},\n", form.officer_title);
    let _ = writeln!(
        body,
        "Please complete the attached progress return ({attachment}) on your {} in the {} and send it back by {by}.",
        count(form.rows.len(), "open action", "open actions"),
        form.plan_title,
    );
    let lists: [(&str, Wanted); 3] = [
        ("Overdue", |r| r.overdue),
        ("No update this reporting period", |r| {
            r.no_data && !r.overdue
        }),
        ("Due before the next meeting", |r| r.due_soon),
    ];
    for (heading, wanted) in lists {
        let rows: Vec<&FormRow> = form.rows.iter().filter(|r| wanted(r)).collect();
        if !rows.is_empty() {
            let _ = writeln!(body, "\n{heading}:");
            for row in rows {
                let _ = writeln!(body, "  - {}", line(row));
            }
        }
    }
    let _ = writeln!(
        body,
        "\nFor each action, choose a new status, write a short progress note and, if the due \
         date must move, the new date and the reason. Leave a row blank if nothing has changed.\n\n\
         Thank you."
    );
    Chaser { subject, body }
}

/// "2.7a (due 31 March 2009): Review the protocol…"
fn line(row: &FormRow) -> String {
    let due = row
        .due
        .map(|d| format!(" (due {})", long(d)))
        .unwrap_or_default();
    let text: String = row.action.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = text.chars().take(90).collect();
    let more = if short.len() < text.len() { "…" } else { "" };
    format!("{}{due}: {short}{more}", row.address)
}

fn long(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        _ => format!("{n} {many}"),
    }
}
