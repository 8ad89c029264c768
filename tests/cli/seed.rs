//! The bundled plan against its source, row by row: the seed is read here
//! independently of the plan files, and every ref, section, action row,
//! timescale and lead must agree; statuses only where the seed states them.

use std::collections::BTreeMap;

use actionplan::load;
use actionplan::model::Plan;
use actionplan::status::Status;
use actionplan::timescale;

use crate::support::repo;

const HEADER: &str = "Ref\tRecommendation\tActions";

/// A seed row: its seven cells, page-break continuation joined.
pub type Row = Vec<String>;

/// Rows of the seed with page-break continuations joined to the row they
/// continue (cells joined by a space).
fn seed_rows() -> Vec<Row> {
    let seed = std::fs::read_to_string(repo().join("seeds/000_33c2bef1ba33a468.txt")).unwrap();
    let mut rows: Vec<Row> = Vec::new();
    let mut after_header = false;
    for line in seed.lines() {
        if line.starts_with(HEADER) {
            after_header = true;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let mut cells: Row = line.split('\t').map(clean).collect();
        cells.resize(7, String::new());
        if after_header && cells[0].is_empty() {
            let last = rows.last_mut().unwrap();
            for (cell, more) in last.iter_mut().zip(cells) {
                *cell = format!("{cell} {more}").trim().to_string();
            }
        } else {
            rows.push(cells);
        }
        after_header = false;
    }
    rows
}

/// Tags and entities out, whitespace collapsed.
fn clean(cell: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Recommendations by ref, each with its action rows.
pub type SeedRecommendations = BTreeMap<String, Vec<Row>>;

/// The seed's recommendations, and its sections as (number, title cells).
pub fn seed_plan() -> (SeedRecommendations, Vec<(String, String)>) {
    let mut recs: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut sections = Vec::new();
    let mut current = String::new();
    for row in seed_rows() {
        if !row[0].is_empty() && !row[0].contains('.') {
            sections.push((row[0].clone(), row[1..].join("|")));
        } else if !row[0].is_empty() {
            current = row[0].clone();
            recs.insert(current.clone(), vec![row]);
        } else {
            recs.get_mut(&current).unwrap().push(row);
        }
    }
    (recs, sections)
}

fn bundled() -> Plan {
    let loaded = load::load_plan(&repo().join("plan")).unwrap();
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    loaded.plan
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_recommendation_of_the_seed_is_in_the_plan_and_no_other() {
    let (recs, _) = seed_plan();
    let plan = bundled();
    let planned: Vec<&str> = plan
        .recommendations
        .iter()
        .map(|r| r.reference.value.as_str())
        .collect();
    let mut seeded: Vec<&str> = recs.keys().map(String::as_str).collect();
    seeded.sort_by_key(|r| {
        r.split('.')
            .map(|n| n.parse::<u32>().unwrap())
            .collect::<Vec<_>>()
    });
    assert_eq!(planned, seeded);
    assert_eq!(planned.len(), 43);
}

#[test]
fn sections_are_the_seed_sections_with_their_titles_repaired() {
    let (_, sections) = seed_plan();
    let plan = bundled();
    let titles: Vec<(&str, &str)> = plan
        .sections
        .iter()
        .map(|s| (s.number.value.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("1", "Children's Trust"),
            ("2", "Herefordshire Safeguarding Children Board"),
            (
                "3",
                "Recruitment practice - Criminal Records Bureau Checks (Herefordshire Council)"
            ),
            ("4", "Referral and Assessment (Herefordshire Council)"),
        ]
    );
    let numbers: Vec<&str> = sections.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
}

#[test]
fn recommendation_texts_are_the_seeds_words() {
    let (recs, _) = seed_plan();
    for rec in bundled().recommendations {
        let seed = words(&recs[rec.reference.value.as_str()][0][1]);
        // 2.15 lost the space before its full stop with a <b> tag.
        let seed = seed.replace("Serious Case Review .", "Serious Case Review.");
        assert_eq!(words(&rec.text), seed, "{}", rec.reference.value);
    }
}

#[test]
fn action_rows_and_timescales_follow_the_seed() {
    let (recs, _) = seed_plan();
    for rec in bundled().recommendations {
        let reference = rec.reference.value.as_str();
        let rows = &recs[reference];
        // 2.7's row after a page break is a second action (see docs/IMPORT.md).
        let expected_actions = if reference == "2.7" { 2 } else { rows.len() };
        assert_eq!(rec.actions.len(), expected_actions, "{reference}");
        let planned: Vec<String> = rec
            .actions
            .iter()
            .map(|a| a.timescale.as_ref().unwrap().value.clone())
            .collect();
        let seeded: Vec<String> = rows.iter().map(|r| r[3].clone()).collect();
        assert_eq!(planned.join(" "), seeded.join(" "), "{reference}");
    }
}

#[test]
fn leads_are_the_officers_the_seed_names() {
    let (recs, _) = seed_plan();
    for rec in bundled().recommendations {
        let reference = rec.reference.value.as_str();
        let rows = &recs[reference];
        for (index, action) in rec.actions.iter().enumerate() {
            // 2.7b shares 2.7a's lead cell across the page break.
            let row = rows
                .get(index)
                .filter(|r| !r[5].is_empty())
                .unwrap_or(&rows[0]);
            let mut rest = row[5].clone();
            for lead in &action.lead {
                assert!(
                    rest.contains(&lead.value),
                    "{reference}: {} not in {:?}",
                    lead.value,
                    row[5]
                );
                rest = rest.replacen(&lead.value, "", 1);
            }
            let leftover = rest.replace(['/', ' '], "").replace("with", "");
            assert!(
                leftover.is_empty(),
                "{reference}: {:?} names more than {:?}",
                row[5],
                action.lead
            );
        }
    }
}

#[test]
fn due_dates_are_the_readings_of_the_timescales() {
    let plan = bundled();
    for rec in &plan.recommendations {
        for action in &rec.actions {
            let words = &action.timescale.as_ref().unwrap().value;
            let reading = timescale::read(words).unwrap();
            let due = action.due.as_ref().map(|d| d.value);
            assert_eq!(due, reading.due(None), "{} {words}", rec.reference.value);
        }
    }
}

#[test]
fn statuses_are_only_those_the_seed_states_and_nothing_is_invented() {
    let plan = bundled();
    let mut stated = Vec::new();
    for rec in &plan.recommendations {
        for (index, action) in rec.actions.iter().enumerate() {
            assert!(action.updates.is_empty(), "the seed records no updates");
            if action.status.value != Status::NotStarted {
                stated.push((rec.action_address(index), action.status.value));
            }
        }
    }
    assert_eq!(
        stated,
        [
            ("2.7a".to_string(), Status::Complete),
            ("2.7b".to_string(), Status::Complete),
            ("2.11".to_string(), Status::Deferred),
            ("3.3".to_string(), Status::Complete),
            ("3.6".to_string(), Status::Complete),
        ]
    );
    assert_eq!(
        plan.settings.adopted, None,
        "the seed does not state an adoption date"
    );
}

#[test]
fn officers_group_every_spelling_of_one_person() {
    let plan = bundled();
    let safeguarding = plan
        .officers
        .iter()
        .find(|o| o.title.value == "Head of Safeguarding and Vulnerable Children")
        .unwrap();
    let aliases: Vec<&str> = safeguarding
        .aliases
        .iter()
        .map(|a| a.value.as_str())
        .collect();
    assert_eq!(
        aliases,
        [
            "Head of Safeguarding & Vulnerable",
            "Head of Safeguarding and Vulnerable"
        ]
    );
    let dcs = plan.officers.iter().find(|o| o.id.value == "dcs").unwrap();
    assert_eq!(dcs.title.value, "Director of Children's Services");
    assert_eq!(plan.officers.len(), 16);
}
