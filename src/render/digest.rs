//! The digest laid out as a committee paper: heading, summary, then one
//! part per question the committee asks.

use chrono::NaiveDate;

use super::chart;

mod trajectory;
use super::document::{Bar, Block, ColumnKind, Table};
use super::view::ActionView;
use crate::digest::{Digest, Progress, RAG_ORDER, Since, Until};
use crate::provenance::Provenance;

/// The view of the digest's action `index`, made when a table row needs it.
fn view(digest: &Digest, index: usize) -> ActionView {
    ActionView::new(digest.plan(), digest.roster(), digest.row(index))
}

/// A table of the actions `rows` (indexes of the digest's rows), each
/// row made as it is written, its first column their addresses: told the
/// longest address, so that a long ref ("SCR-2009-4a") widens its column
/// without every row being made twice to measure it.
fn actions_table<'d>(
    digest: &Digest,
    columns: &[(&str, ColumnKind)],
    rows: impl ExactSizeIterator<Item = usize>,
    make: impl Fn(usize) -> Vec<String> + 'd,
) -> Table<'d> {
    let count = rows.len();
    let addresses = rows.map(|i| digest.row(i).address().chars().count());
    Table::lazy(columns, count, make).longest_in(0, addresses.max().unwrap_or(0))
}

/// "1 July 2009": how dates read in prose.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "30 Apr 2009": how dates read in tables.
pub(super) fn short_date(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "—".to_string(), |d| d.format("%-d %b %Y").to_string())
}

pub fn title(digest: &Digest) -> String {
    format!(
        "{}: progress as of {}",
        digest.title,
        long_date(digest.as_of)
    )
}

/// The line at the foot of every printed page: the plan, the date, and
/// where the paper was made from.
pub fn footer(digest: &Digest) -> String {
    format!(
        "{}, as of {}: {}",
        digest.title,
        long_date(digest.as_of),
        source(&digest.provenance)
    )
}

/// The paper's parts in order, each made when it is asked for, so only
/// one part's text is held at a time.
pub fn sections<'d>(digest: &'d Digest) -> impl Iterator<Item = Vec<Block<'d>>> + 'd {
    const PARTS: [for<'a, 'p> fn(&'a Digest<'p>) -> Vec<Block<'a>>; 14] = [
        heading,
        summary,
        overdue,
        no_data,
        progress,
        changes,
        trajectory::statuses,
        trajectory::moved,
        trajectory::contradictions,
        due_soon,
        completed,
        deferred,
        super::committee::requests_part,
        colophon,
    ];
    PARTS.into_iter().map(move |part| part(digest))
}

/// The whole paper at once, for tests and small plans.
pub fn blocks<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    sections(digest).flatten().collect()
}

fn heading<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let mut blocks = vec![
        Block::Heading(1, title(digest)),
        Block::Paragraph(digest.organisation.clone()),
    ];
    blocks.extend(heading_facts(digest));
    blocks
}

fn heading_facts<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let (since, why) = digest.since;
    let since_text = match why {
        Since::Given => long_date(since),
        Since::LastMeeting => format!("{} (the last meeting)", long_date(since)),
        Since::OnePeriod => {
            format!(
                "{} (one reporting period back; no earlier dated meeting in plan.toml)",
                long_date(since)
            )
        }
    };
    let (until, why) = digest.until;
    let until_text = match why {
        Until::NextMeeting => format!("{} (the next meeting)", long_date(until)),
        Until::PeriodEnd => format!(
            "{} (end of the reporting period; no later dated meeting in plan.toml)",
            long_date(until)
        ),
    };
    let facts = vec![
        ("As of".to_string(), long_date(digest.as_of)),
        ("Made from".to_string(), source(&digest.provenance)),
        ("Progress since".to_string(), since_text),
        ("Due before".to_string(), until_text),
    ];
    let mut blocks = vec![Block::Facts(facts)];
    if let Some(warning) = warning(&digest.provenance) {
        blocks.push(Block::Warning(warning));
    }
    blocks
}

/// Where the paper comes from, as its "Made from" fact says: "the plan
/// as recorded on 2 July 2009, revision 9d48c2b". For a page's footer.
pub fn made_from(digest: &Digest) -> String {
    source(&digest.provenance)
}

/// The last line: the exact commit, for those who need it.
fn colophon<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    revision(&digest.provenance)
        .map(Block::Paragraph)
        .into_iter()
        .collect()
}

/// Where the paper comes from, in words a member can read: the day the
/// plan was recorded and a short revision; the full hash is in
/// [`revision`] at the end of the paper.
pub fn source(provenance: &Provenance) -> String {
    match provenance {
        Provenance::Commit { hash, date, dirty } => {
            let changed = if *dirty {
                ", with changes not yet recorded"
            } else {
                ""
            };
            format!(
                "the plan as recorded on {}, revision {}{changed}",
                long_date(*date),
                &hash[..hash.len().min(7)]
            )
        }
        Provenance::NoCommit => "a git repository with no commit yet".to_string(),
        Provenance::NotInGit => "files not kept in git".to_string(),
    }
}

/// The full commit hash, for whoever must find the exact plan again.
pub fn revision(provenance: &Provenance) -> Option<String> {
    match provenance {
        Provenance::Commit { hash, .. } => Some(format!("Made from git commit {hash}.")),
        _ => None,
    }
}

fn warning(provenance: &Provenance) -> Option<String> {
    match provenance {
        Provenance::Commit { dirty: false, .. } => None,
        Provenance::Commit { dirty: true, .. } => Some(
            "the plan has changes that are not committed, so this paper matches no commit. \
             Commit the changes and make the paper again."
                .into(),
        ),
        Provenance::NoCommit | Provenance::NotInGit => Some(
            "the plan is not committed to git, so there is no record of what this paper was made from."
                .into(),
        ),
    }
}

fn summary<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let mut headers = vec!["Section".to_string()];
    headers.extend(RAG_ORDER.map(chart::name));
    headers.push("Total".to_string());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut totals = [0usize; 6];
    for section in &digest.summary {
        let label = format!("{} {}", section.number, section.title);
        let mut row = vec![label.trim().to_string()];
        row.extend(section.counts.iter().map(usize::to_string));
        row.push(section.counts.iter().sum::<usize>().to_string());
        rows.push(row);
        for (total, count) in totals.iter_mut().zip(section.counts) {
            *total += count;
        }
    }
    let mut total_row = vec!["Total".to_string()];
    total_row.extend(totals.iter().map(usize::to_string));
    total_row.push(totals.iter().sum::<usize>().to_string());
    rows.push(total_row);
    let mut table = Table::new(&[], rows);
    table.headers = headers;
    table.columns = (0..8)
        .map(|i| {
            if i == 0 {
                ColumnKind::Text
            } else {
                ColumnKind::Number
            }
        })
        .collect();
    table.total_row = true;
    let bars = digest
        .summary
        .iter()
        .map(|s| Bar {
            label: format!("{} {}", s.number, s.title),
            segments: RAG_ORDER.iter().copied().zip(s.counts).collect(),
        })
        .collect();
    vec![
        Block::Heading(2, "Summary".into()),
        Block::Paragraph(format!(
            "{} actions; {} overdue; {} with no update this reporting period.",
            digest.actions,
            digest.overdue,
            digest.no_data.1.len()
        )),
        Block::Table(table),
        Block::Chart(bars),
    ]
}

/// The action's text in full: a committee paper is where it matters most.
fn action(v: &ActionView) -> String {
    v.text.clone()
}

/// The action, and the other leads it shares, when listed under one lead.
fn action_shared(v: &ActionView, lead: &str) -> String {
    let others: Vec<&str> = v
        .lead
        .iter()
        .map(String::as_str)
        .filter(|l| *l != lead)
        .collect();
    match others.is_empty() {
        true => action(v),
        false => format!("{} (shared with {})", action(v), others.join("; ")),
    }
}

/// The status in words: "Not started", "On track (green)".
fn status(v: &ActionView) -> String {
    chart::name(v.status)
}

/// The due date; with none, the plan's words for when ("Immediate").
fn due(v: &ActionView) -> String {
    match (v.due, &v.timescale) {
        (Some(date), _) => short_date(Some(date)),
        (None, Some(words)) => words.clone(),
        (None, None) => "—".to_string(),
    }
}

fn latest(v: &ActionView) -> String {
    match (&v.latest_update, &v.latest_note) {
        (Some(date), Some(note)) => format!("{}: {}", short_date(Some(*date)), note.trim()),
        (Some(date), None) => short_date(Some(*date)),
        (None, _) => "none".to_string(),
    }
}

fn overdue<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let mut blocks = vec![Block::Heading(2, "Overdue actions by lead officer".into())];
    if digest.overdue_by_lead.is_empty() {
        blocks.push(Block::Paragraph("No action is overdue.".into()));
        return blocks;
    }
    blocks.push(Block::Paragraph(format!(
        "{} overdue, oldest due first under each lead officer; an action with several \
         leads is listed under each of them, with the others named.",
        count(digest.overdue, "action is", "actions are")
    )));
    for (officer, actions) in &digest.overdue_by_lead {
        blocks.push(Block::Heading(3, format!("{officer} ({})", actions.len())));
        let columns = [
            ("Ref", ColumnKind::Ref),
            ("Action", ColumnKind::Text),
            ("Due", ColumnKind::Date),
            ("Days overdue", ColumnKind::Number),
            ("Status", ColumnKind::Status),
            ("Latest update", ColumnKind::Note),
        ];
        let table = actions_table(digest, &columns, actions.iter().copied(), move |n| {
            let v = &view(digest, actions[n]);
            let days = v
                .days_overdue
                .map_or_else(|| "—".to_string(), |d| d.to_string());
            let latest = match (v.no_data, v.latest_update.is_some()) {
                (true, false) => "No update this period (none yet)".to_string(),
                (true, true) => format!("No update this period (last: {})", latest(v)),
                (false, _) => latest(v),
            };
            vec![
                v.address.clone(),
                action_shared(v, officer),
                due(v),
                days,
                status(v),
                latest,
            ]
        });
        blocks.push(Block::Table(table));
    }
    blocks
}

/// "1 action is" / "3 actions are".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Open actions with no update this period that are not overdue: the
/// overdue ones are marked in their own list, not repeated here.
fn no_data<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let (from, all) = &digest.no_data;
    let actions: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| !digest.is_overdue(i))
        .collect();
    let also_overdue = all.len() - actions.len();
    let mut intro = format!(
        "Open actions with no update since {}, the start of this reporting period",
        long_date(*from)
    );
    match also_overdue {
        0 => intro.push('.'),
        n => intro.push_str(&format!(
            ", other than the {} marked \"No update this period\" above.",
            count(n, "overdue action", "overdue actions")
        )),
    }
    let columns = [
        ("Ref", ColumnKind::Ref),
        ("Action", ColumnKind::Text),
        ("Lead", ColumnKind::Name),
        ("Status", ColumnKind::Status),
        ("Latest update", ColumnKind::Note),
    ];
    let rows: Vec<usize> = actions.clone();
    let table = actions_table(digest, &columns, rows.into_iter(), move |n| {
        let v = &view(digest, actions[n]);
        vec![
            v.address.clone(),
            action(v),
            v.lead.join("; "),
            status(v),
            latest(v),
        ]
    });
    let empty = match also_overdue {
        0 => "Every open action has an update this period.".to_string(),
        n => format!(
            "No other open action is without an update this period: the {} are marked above.",
            count(n, "overdue action with none", "overdue actions with none")
        ),
    };
    section_with("No data this period", intro, table, &empty)
}

fn progress<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let intro = format!(
        "Updates recorded from {} to {}.",
        long_date(digest.since.0),
        long_date(digest.as_of)
    );
    let rows = digest.progress.iter().map(progress_row).collect();
    let columns = [
        ("Date", ColumnKind::Date),
        ("Ref", ColumnKind::Ref),
        ("Status", ColumnKind::Status),
        ("Update", ColumnKind::Text),
        ("By", ColumnKind::Name),
    ];
    let table = Table::new(&columns, rows);
    section(
        "Progress since the last meeting",
        intro,
        table,
        "No updates were recorded in that time.",
    )
}

fn changes<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    const TITLE: &str = "Changes since the last meeting";
    let changes = match &digest.changes {
        Ok(changes) => changes,
        Err(why) => {
            return vec![
                Block::Heading(2, TITLE.to_string()),
                Block::Paragraph(why.clone()),
            ];
        }
    };
    let intro = format!(
        "Changes to statuses, due dates and text committed from {} to {}, with who made them.",
        long_date(digest.since.0),
        long_date(digest.as_of)
    );
    let rows = changes
        .iter()
        .map(|c| {
            vec![
                short_date(Some(c.date)),
                c.address.clone(),
                c.describe(),
                c.by.clone(),
                c.short_commit().to_string(),
            ]
        })
        .collect();
    let columns = [
        ("Date", ColumnKind::Date),
        ("Ref", ColumnKind::Ref),
        ("Change", ColumnKind::Text),
        ("By", ColumnKind::Name),
        ("Commit", ColumnKind::Ref),
    ];
    let table = Table::new(&columns, rows);
    section(
        TITLE,
        intro,
        table,
        "No changes were committed in that time.",
    )
}

fn progress_row(p: &Progress) -> Vec<String> {
    let status = p.status.map(chart::name).unwrap_or_default();
    vec![
        short_date(Some(p.date)),
        p.address.clone(),
        status,
        p.note.clone(),
        p.by.clone().unwrap_or_default(),
    ]
}

fn due_soon<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let intro = format!(
        "Open actions due from {} to before {}, soonest first.",
        long_date(digest.as_of),
        long_date(digest.until.0)
    );
    let columns = [
        ("Ref", ColumnKind::Ref),
        ("Action", ColumnKind::Text),
        ("Due", ColumnKind::Date),
        ("Status", ColumnKind::Status),
        ("Lead", ColumnKind::Name),
    ];
    let table = actions_table(
        digest,
        &columns,
        digest.due_soon.iter().copied(),
        move |n| {
            let v = &view(digest, digest.due_soon[n]);
            vec![
                v.address.clone(),
                action(v),
                due(v),
                status(v),
                v.lead.join("; "),
            ]
        },
    );
    section(
        "Due before the next meeting",
        intro,
        table,
        "No open action falls due in that time.",
    )
}

fn completed<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let columns = [
        ("Ref", ColumnKind::Ref),
        ("Action", ColumnKind::Text),
        ("Completed on", ColumnKind::Date),
        ("Lead", ColumnKind::Name),
    ];
    let rows = digest.completed.iter().map(|(i, _)| *i);
    let table = actions_table(digest, &columns, rows, move |n| {
        let (i, on) = digest.completed[n];
        let v = &view(digest, i);
        vec![
            v.address.clone(),
            action(v),
            short_date(on),
            v.lead.join("; "),
        ]
    });
    let intro =
        "Completed on: the date of the update that recorded it, where there is one.".to_string();
    section("Completed", intro, table, "No action is complete.")
}

fn deferred<'d>(digest: &'d Digest) -> Vec<Block<'d>> {
    let columns = [
        ("Ref", ColumnKind::Ref),
        ("Action", ColumnKind::Text),
        ("Reason", ColumnKind::Note),
        ("Lead", ColumnKind::Name),
    ];
    let rows = digest.deferred.iter().map(|(i, _)| *i);
    let table = actions_table(digest, &columns, rows, move |n| {
        let (i, reason) = &digest.deferred[n];
        let v = &view(digest, *i);
        vec![
            v.address.clone(),
            action(v),
            reason.clone(),
            v.lead.join("; "),
        ]
    });
    section("Deferred", String::new(), table, "No action is deferred.")
}

/// A heading, an introduction, and the table, or a line saying it is empty.
fn section<'d>(heading: &str, intro: String, table: Table<'d>, empty: &str) -> Vec<Block<'d>> {
    section_with(heading, intro, table, empty)
}

/// As [`section`]; the introduction is kept above an empty table's line
/// too when it says something the line does not.
pub(super) fn section_with<'d>(
    heading: &str,
    intro: String,
    table: Table<'d>,
    empty: &str,
) -> Vec<Block<'d>> {
    let mut blocks = vec![Block::Heading(2, heading.to_string())];
    if table.is_empty() {
        blocks.push(Block::Paragraph(empty.to_string()));
        return blocks;
    }
    if !intro.is_empty() {
        blocks.push(Block::Paragraph(intro));
    }
    blocks.push(Block::Table(table));
    blocks
}
