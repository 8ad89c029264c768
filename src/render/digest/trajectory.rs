//! The digest's trajectory parts: statuses at the last four meetings,
//! deadlines moved since the last meeting, and the contradictions. Each
//! table holds at most [`MOST`] rows (the statuses most severe first)
//! and says how many there are in all.

use super::super::document::{Block, ColumnKind};
use super::super::rag;
use super::{actions_table, long_date, section_with, short_date, view};
use crate::digest::{Digest, MOST, Reason, TrajectoryPart};
use crate::trajectory::{Basis, Cell};

const STATUSES: &str = "Status at the last meetings";

/// The part, or the heading and why there is none.
fn part<'d>(digest: &'d Digest, title: &str) -> Result<&'d TrajectoryPart, Vec<Block<'d>>> {
    digest.trajectory.as_ref().map_err(|why| {
        vec![
            Block::Heading(2, title.to_string()),
            Block::Paragraph(why.clone()),
        ]
    })
}

/// A cell in the papers' words: "On track (green)", which the HTML and
/// Word papers fill in its colour; "No data"; "—" when not recorded.
fn word(cell: Cell) -> String {
    match cell {
        Cell::Status(status) => rag::name(status),
        Cell::NoData => "No data".to_string(),
        Cell::Absent => "—".to_string(),
    }
}

/// "40 of 212 are shown, …": under a table cut at [`MOST`] rows.
fn more(total: usize) -> Option<Block<'static>> {
    (total > MOST).then(|| {
        Block::Paragraph(format!(
            "{MOST} of {total} are shown; `actionplan trajectory` lists them all."
        ))
    })
}

pub fn statuses<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let part = match part(digest, STATUSES) {
        Ok(part) => part,
        Err(blocks) => return blocks,
    };
    let at = match part.basis {
        Basis::Meetings => "each of the last meetings",
        Basis::PeriodEnds => {
            "the end of each of the last reporting periods (plan.toml lists no meeting before this paper)"
        }
    };
    let intro = format!(
        "Every action that changed, is flagged or is overdue, with its status as recorded in git \
         at {at}. \"No data\": open, with no update dated in the period before that date; \"—\": \
         not yet recorded. Contradictions first, then deteriorating, overdue, stuck and changed \
         actions."
    );
    let dates: Vec<String> = part.dates.iter().map(|d| short_date(Some(*d))).collect();
    // One line a row: the actions' texts are in the parts above.
    let mut columns = vec![("Ref", ColumnKind::Ref)];
    columns.extend(dates.iter().map(|d| (d.as_str(), ColumnKind::Status)));
    columns.push(("Why listed", ColumnKind::Note));
    let shown = part.watched.len().min(MOST);
    let rows = part.watched.iter().take(shown).map(|w| w.index);
    let table = actions_table(digest, &columns, rows, move |n| {
        let watched = &part.watched[n];
        let mut row = vec![view(digest, watched.index).address];
        row.extend(watched.cells.iter().map(|c| word(*c)));
        let reasons: Vec<&str> = watched.reasons.iter().map(|r| Reason::word(*r)).collect();
        row.push(reasons.join(", "));
        row
    });
    let mut blocks = section_with(
        STATUSES,
        intro,
        table,
        "No action changed, is flagged or is overdue.",
    );
    blocks.extend(more(part.watched.len()));
    blocks
}

pub fn moved<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    const TITLE: &str = "Deadlines moved since the last meeting";
    let part = match part(digest, TITLE) {
        Ok(part) => part,
        Err(blocks) => return blocks,
    };
    let intro = format!(
        "Due dates changed by commits from {} to {}, with the reason recorded with each.",
        long_date(digest.since.0),
        long_date(digest.as_of)
    );
    let columns = [
        ("Ref", ColumnKind::Ref),
        ("From", ColumnKind::Date),
        ("To", ColumnKind::Date),
        ("Days", ColumnKind::Number),
        ("Moved on", ColumnKind::Date),
        ("Reason", ColumnKind::Note),
    ];
    let shown = part.moved.len().min(MOST);
    let rows = part.moved.iter().take(shown).map(|(i, _)| *i);
    let table = actions_table(digest, &columns, rows, move |n| {
        let (index, m) = &part.moved[n];
        vec![
            view(digest, *index).address,
            short_date(Some(m.from)),
            short_date(Some(m.to)),
            m.days().to_string(),
            short_date(Some(m.date)),
            m.reason
                .clone()
                .unwrap_or_else(|| "No reason given".to_string()),
        ]
    });
    let mut blocks = section_with(TITLE, intro, table, "No due date was moved in that time.");
    blocks.extend(more(part.moved.len()));
    blocks
}

pub fn contradictions<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    const TITLE: &str = "Contradictions";
    let part = match part(digest, TITLE) {
        Ok(part) => part,
        Err(blocks) => return blocks,
    };
    let intro = "Records that contradict themselves in the periods shown above, newest first: \
        on track while overdue; complete, then an update saying otherwise; a due date moved with \
        no reason."
        .to_string();
    let columns = [
        ("Ref", ColumnKind::Ref),
        ("Date", ColumnKind::Date),
        ("Contradiction", ColumnKind::Text),
    ];
    let shown = part.contradictions.len().min(MOST);
    let rows = part.contradictions.iter().take(shown).map(|(i, _)| *i);
    let table = actions_table(digest, &columns, rows, move |n| {
        let (index, c) = &part.contradictions[n];
        vec![
            view(digest, *index).address,
            short_date(Some(c.date())),
            c.describe(),
        ]
    });
    let mut blocks = section_with(TITLE, intro, table, "No record contradicts itself.");
    blocks.extend(more(part.contradictions.len()));
    blocks
}
