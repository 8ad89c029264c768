//! Synthetic plans in the real format: ~20 sections, 50 officers, ~3
//! actions and ~2 KB a recommendation, with the ’ and – of real plans.
//! Deterministic: the same size gives the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub const SECTIONS: usize = 20;
pub const OFFICERS: usize = 50;

const PHRASES: [&str; 8] = [
    "The Board’s partners agree the priorities – and the measures – for the year ahead",
    "Identify vulnerable groups within the community and the services they need",
    "Review and revise the dataset, identifying a minimum set of key performance standards",
    "Communicate the agreed arrangements to all relevant Directors and key stakeholders",
    "Develop a template for capturing lessons learnt from serious case reviews",
    "Hold regular multi agency practice sessions that reflect on practice",
    "Ensure actions to improve performance are supported and carried out – quarterly",
    "Confirm threshold criteria in line with best practice elsewhere in the region",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const STATUSES: [&str; 6] = [
    "not_started",
    "on_track",
    "at_risk",
    "off_track",
    "complete",
    "deferred",
];

/// A cheap deterministic sequence, so plans are the same from run to run.
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

pub fn officer_title(i: usize) -> String {
    format!("Head of Service {i} – Children’s Directorate")
}

/// Writes a plan of `recommendations` files under `dir` (replacing it).
pub fn plan(dir: &Path, recommendations: usize) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("plan.toml"), plan_toml()).unwrap();
    fs::write(dir.join("officers.toml"), officers_toml()).unwrap();
    let mut seq = Sequence(recommendations as u64);
    let per_section = recommendations.div_ceil(SECTIONS);
    for n in 0..recommendations {
        let (section, item) = (n / per_section + 1, n % per_section + 1);
        let folder = dir.join(section.to_string());
        if item == 1 {
            fs::create_dir_all(&folder).unwrap();
        }
        let reference = format!("{section}.{item}");
        fs::write(
            folder.join(format!("{reference}.toml")),
            recommendation(&reference, &mut seq),
        )
        .unwrap();
    }
}

fn plan_toml() -> String {
    let mut text = String::from(
        "title = \"Synthetic Improvement Plan\"\norganisation = \"Example Council\"\n\
         adopted = 2009-01-05\nreporting = \"quarterly\"\nyear_starts = \"04-01\"\n",
    );
    for s in 1..=SECTIONS {
        write!(
            text,
            "\n[[sections]]\nnumber = \"{s}\"\ntitle = \"Section {s} – services for children\"\n"
        )
        .unwrap();
    }
    text
}

fn officers_toml() -> String {
    let mut text = String::new();
    for i in 0..OFFICERS {
        write!(
            text,
            "[[officers]]\nid = \"officer-{i}\"\ntitle = \"{}\"\naliases = [\"HoS {i}\"]\n\n",
            officer_title(i)
        )
        .unwrap();
    }
    text
}

fn recommendation(reference: &str, seq: &mut Sequence) -> String {
    let mut text = format!(
        "ref = \"{reference}\"\nrecommendation = \"{}. {}.\"\n",
        PHRASES[seq.next(8)],
        PHRASES[seq.next(8)]
    );
    let actions = 2 + seq.next(3);
    for _ in 0..actions {
        action(&mut text, seq);
    }
    text
}

fn action(text: &mut String, seq: &mut Sequence) {
    let (year, month) = (2009 + seq.next(3), seq.next(12) + 1);
    let due = chrono::NaiveDate::from_ymd_opt(year as i32, month as u32, 1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .and_then(|d| d.pred_opt())
        .unwrap();
    let status = STATUSES[seq.next(6)];
    write!(
        text,
        "\n[[actions]]\nsteps = [\n  \"{}\",\n  \"{}\",\n]\ntimescale = \"{} {year}\"\ndue = {due}\n\
         success = [\"{}\", \"Reviewed quarterly by the Board\"]\nlead = [\"{}\"]\n\
         resources = [\"Performance Improvement Manager\", \"Business Manager\"]\nstatus = \"{status}\"\n",
        PHRASES[seq.next(8)],
        PHRASES[seq.next(8)],
        MONTHS[month - 1],
        PHRASES[seq.next(8)],
        officer_title(seq.next(OFFICERS)),
    )
    .unwrap();
    if seq.next(2) == 0 {
        write!(
            text,
            "\n[[actions.updates]]\ndate = 2009-{:02}-15\nstatus = \"{status}\"\nnote = \"Progress reported to the Board – see minutes.\"\n",
            seq.next(12) + 1
        )
        .unwrap();
    }
}
