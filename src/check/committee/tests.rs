//! The committee's rules on a small plan in memory: one passes, one breaks.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::check::check;
use crate::finding::Check;
use crate::load::{self, Memory};

const MEETINGS: &str = "[[meetings]]\nname = \"Scrutiny Committee\"\ndate = 2009-07-14\n\
                        papers_due = 2009-07-01\n\n[[meetings]]\nname = \"Scrutiny Committee\"\n";

fn checks(meetings: &str, requests: &str) -> Vec<Check> {
    let plan = format!(
        "title = \"T\"\norganisation = \"O\"\n{meetings}\n[[sections]]\nnumber = \"1\"\ntitle = \"First\"\n"
    );
    let rec = "ref = \"1.1\"\nrecommendation = \"Do.\"\n[[actions]]\ntext = \"Act\"\n\
               due = 2009-04-30\nlead = [\"dcs\"]\nstatus = \"not_started\"\n";
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        ("plan.toml".into(), plan.into_bytes()),
        (
            "officers.toml".into(),
            b"[[officers]]\nid = \"dcs\"\ntitle = \"Director\"\n".to_vec(),
        ),
        ("1/1.1.toml".into(), rec.into()),
    ];
    // No requests: no requests.toml, as in a plan that has none.
    if !requests.is_empty() {
        files.push(("requests.toml".into(), requests.into()));
    }
    let loaded = load::load(&Memory::new("plan", files)).unwrap();
    let mut found: Vec<Check> = loaded.findings.iter().map(|f| f.check).collect();
    let today = NaiveDate::from_ymd_opt(2009, 8, 1).unwrap();
    found.extend(check(&loaded.plan, today).iter().map(|f| f.check));
    found
}

fn request(extra: &str) -> String {
    format!(
        "[[requests]]\nid = \"R1\"\nmeeting = 2009-07-14\nkind = \"question\"\ntext = \"Why?\"\n{extra}"
    )
}

#[test]
fn a_good_request_of_either_meeting_passes() {
    let by_name = "[[requests]]\nid = \"R2\"\nmeeting = \"scrutiny committee\"\nkind = \"concern\"\n\
                   text = \"No data.\"\nanswer = \"Staff changes.\"\nstatus = \"answered\"\n";
    let requests = format!(
        "{}\n{by_name}",
        request("refs = [\"1.1\", \"1.1a\"]\nowner = \"Director\"\n")
    );
    assert_eq!(checks(MEETINGS, &requests), []);
}

#[test]
fn a_meeting_twice_or_with_late_papers_is_reported() {
    let twice = format!("{MEETINGS}\n[[meetings]]\nname = \"scrutiny committee\"\n");
    assert_eq!(checks(&twice, ""), [Check::DuplicateMeeting]);
    let late = MEETINGS.replace("papers_due = 2009-07-01", "papers_due = 2009-07-15");
    assert_eq!(checks(&late, ""), [Check::PapersAfterMeeting]);
    let same_day = MEETINGS.replace("papers_due = 2009-07-01", "papers_due = 2009-07-14");
    assert_eq!(checks(&same_day, ""), [], "papers on the day are not late");
}

#[test]
fn each_broken_link_of_a_request_is_its_own_finding() {
    assert_eq!(
        checks(MEETINGS, &request("refs = [\"1.2\"]\n")),
        [Check::UnknownRef]
    );
    assert_eq!(
        checks(MEETINGS, &request("refs = [\"1.1b\"]\n")),
        [Check::UnknownRef]
    );
    assert_eq!(
        checks(MEETINGS, &request("owner = \"DSC\"\n")),
        [Check::UnknownOfficer]
    );
    let elsewhere = request("").replace("2009-07-14", "2009-07-15");
    assert_eq!(checks(MEETINGS, &elsewhere), [Check::UnknownMeeting]);
}

#[test]
fn an_answered_request_needs_its_answer_and_an_answer_date_after_its_meeting() {
    let blank = request("answer = \" \"\nstatus = \"answered\"\n");
    assert_eq!(checks(MEETINGS, &blank), [Check::UnansweredRequest]);
    let early = request("answer_by = 2009-07-01\n");
    assert_eq!(checks(MEETINGS, &early), [Check::InvalidValue]);
    let twice = format!("{}\n{}", request(""), request(""));
    assert_eq!(checks(MEETINGS, &twice), [Check::DuplicateRequest]);
}
