//! Synthetic spreadsheet exports in the shape councils keep them: a Ref
//! column with section rows ("3") and recommendation rows ("3.12"), further
//! actions on rows with no Ref, RAG letters, day-first dates and financial years, officers
//! spelled several ways. ~300 bytes a row. Deterministic: the same size
//! gives the same file.
//!
//! Sections and officers grow with the table (one section per 400 rows,
//! one officer per 100), so that a lookup by section or officer that is not
//! linear shows in the figures. A third of the sections have a section row,
//! a third are named only in the Theme column, a third not at all.

use std::fmt::Write as _;

const HEADER: &str = "Ref,Theme,Recommendation,Actions,Target date,Lead officer,\
                      Success measure,Resources,RAG,Progress\r\n";

const PHRASES: [&str; 6] = [
    "Identify vulnerable groups within the community and the services they need",
    "Review and revise the dataset, identifying a minimum set of key performance standards",
    "Communicate the agreed arrangements to all relevant Directors and key stakeholders",
    "Develop a template for capturing lessons learnt from serious case reviews",
    "Hold regular multi agency practice sessions that reflect on practice",
    "Confirm threshold criteria in line with best practice elsewhere in the region",
];

const TIMESCALES: [&str; 6] = [
    "March 2010",
    "31/03/2010",
    "Q2 2011/12",
    "July – Sept 09",
    "2012/13",
    "Quarterly",
];

const MEASURES: [&str; 3] = [
    "Reported to the Board quarterly",
    "Audit shows 90% compliance",
    "Policy agreed",
];

const RAG: [&str; 6] = ["G", "A", "R", "B", "Not started", "Complete"];

/// A cheap deterministic sequence, as the plans benchmark uses.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// One officer in one of its spellings: "&" or "and", any case, or with
/// the trailing word some rows add. The importer groups them.
fn officer(i: usize, spelling: usize) -> String {
    match spelling {
        0 => format!("Head of Service {i} – Children & Families"),
        1 => format!("Head of Service {i} – Children and Families"),
        2 => format!("HEAD OF SERVICE {i} – CHILDREN & FAMILIES"),
        _ => format!("Head of Service {i} – Children & Families Directorate"),
    }
}

/// A CSV table of `rows` data rows (section rows included), CRLF as Excel
/// writes it.
pub fn table(rows: usize) -> String {
    let sections = rows.div_ceil(400).max(1);
    let officers = rows.div_ceil(100).max(2);
    let per_section = rows.div_ceil(sections);
    let mut seq = Sequence(rows as u64);
    let mut out = String::with_capacity(rows * 320);
    out.push_str(HEADER);
    let mut written = 0;
    for section in 1..=sections {
        let end = (written + per_section).min(rows);
        if written >= end {
            break;
        }
        if section % 3 == 1 {
            let _ = write!(
                out,
                "{section},,Section {section}: services for children,,,,,,,\r\n"
            );
            written += 1;
        }
        let mut item = 0;
        while written < end {
            item += 1;
            let actions = (1 + seq.next(3)).min(end - written);
            let reference = format!("{section}.{item}");
            for action in 0..actions {
                let r = if action == 0 { reference.as_str() } else { "" };
                action_row(&mut out, r, section, officers, &mut seq);
            }
            written += actions;
        }
    }
    out
}

fn action_row(
    out: &mut String,
    reference: &str,
    section: usize,
    officers: usize,
    seq: &mut Sequence,
) {
    let theme = if section % 3 == 2 && !reference.is_empty() {
        format!("Section {section}: partnership working")
    } else {
        String::new()
    };
    let recommendation = if reference.is_empty() {
        ""
    } else {
        PHRASES[seq.next(6)]
    };
    let mut lead = officer(seq.next(officers), seq.next(4));
    if seq.next(5) == 0 {
        lead = format!("{lead} / {}", officer(seq.next(officers), seq.next(4)));
    }
    let _ = write!(
        out,
        "{reference},{theme},\"{recommendation}\",\"{}\r\n{}\",{},\"{lead}\",{},Business Manager,{},\r\n",
        PHRASES[seq.next(6)],
        PHRASES[seq.next(6)],
        TIMESCALES[seq.next(6)],
        MEASURES[seq.next(3)],
        RAG[seq.next(6)],
    );
}
