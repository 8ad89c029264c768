//! Meetings and requests read from small files held in memory.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::finding::Check;
use crate::load::{self, Loaded, Memory};
use crate::model::{MeetingKey, RequestKind, RequestStatus};

const OFFICERS: &str = "[[officers]]\nid = \"dcs\"\ntitle = \"Director\"\n";
const SECTIONS: &str = "[[sections]]\nnumber = \"1\"\ntitle = \"First\"\n";
const REC: &str = "ref = \"1.1\"\nrecommendation = \"Do.\"\n[[actions]]\ntext = \"Act\"\ndue = 2009-04-30\nlead = [\"dcs\"]\nstatus = \"not_started\"\n";

fn load_with(meetings: &str, requests: Option<&str>) -> Loaded {
    let plan = format!("title = \"T\"\norganisation = \"O\"\n{meetings}\n{SECTIONS}");
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        ("plan.toml".into(), plan.into_bytes()),
        ("officers.toml".into(), OFFICERS.into()),
        ("1/1.1.toml".into(), REC.into()),
    ];
    if let Some(text) = requests {
        files.push(("requests.toml".into(), text.into()));
    }
    load::load(&Memory::new("plan", files)).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_bare_list_of_dates_is_still_read_as_meetings_without_names() {
    let loaded = load_with("meetings = [2009-10-13, 2009-07-14]", None);
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    let meetings = &loaded.plan.settings.meetings;
    assert_eq!(meetings.len(), 2);
    assert!(meetings.iter().all(|m| m.name.is_none()));
    assert_eq!(
        loaded.plan.settings.meeting_dates(),
        [date(2009, 7, 14), date(2009, 10, 13)]
    );
}

#[test]
fn meeting_tables_carry_a_name_and_may_have_no_date() {
    let tables = "[[meetings]]\nname = \"Scrutiny Committee\"\nminute = \"12\"\n\n\
                  [[meetings]]\nname = \"Scrutiny Committee\"\ndate = 2009-10-13\npapers_due = 2009-10-01\n";
    let loaded = load_with(tables, None);
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    let meetings = &loaded.plan.settings.meetings;
    assert_eq!(meetings[0].date, None);
    assert_eq!(meetings[0].minute.as_deref(), Some("12"));
    assert_eq!(
        meetings[1].papers_due.as_ref().unwrap().value,
        date(2009, 10, 1)
    );
    // The undated meeting is no point in time.
    assert_eq!(loaded.plan.settings.meeting_dates(), [date(2009, 10, 13)]);
}

#[test]
fn a_meeting_table_without_a_name_or_with_a_bad_date_is_a_finding() {
    let loaded = load_with("[[meetings]]\ndate = 2009-10-13\npapers = 1\n", None);
    let checks: Vec<Check> = loaded.findings.iter().map(|f| f.check).collect();
    assert!(checks.contains(&Check::MissingKey), "{checks:?}");
    assert!(checks.contains(&Check::UnknownKey), "{checks:?}");
    let loaded = load_with("meetings = [\"July 2009\"]", None);
    assert_eq!(loaded.findings[0].check, Check::WrongType);
    assert!(loaded.findings[0].span.is_some(), "points at the entry");
}

#[test]
fn requests_are_read_with_their_meeting_by_date_or_by_name() {
    let requests = "[[requests]]\nid = \"R1\"\nmeeting = \"Scrutiny Committee\"\nkind = \"concern\"\n\
                    text = \"Two actions had no data.\"\nanswer = \"Staff changes.\"\nstatus = \"answered\"\n\n\
                    [[requests]]\nid = \"R2\"\nmeeting = 2009-07-14\nkind = \"resolution\"\nletter = \"b\"\n\
                    text = \"A briefing note.\"\nrefs = [\"1.1\"]\nowner = \"dcs\"\n";
    let loaded = load_with("", Some(requests));
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    let [concern, resolution] = &loaded.plan.requests[..] else {
        panic!("two requests: {:?}", loaded.plan.requests);
    };
    assert_eq!(
        concern.meeting.value,
        MeetingKey::Name("Scrutiny Committee".into())
    );
    assert_eq!(concern.kind, RequestKind::Concern);
    assert_eq!(concern.status.value, RequestStatus::Answered);
    assert_eq!(
        resolution.meeting.value,
        MeetingKey::Date(date(2009, 7, 14))
    );
    assert_eq!(
        resolution.status.value,
        RequestStatus::Open,
        "open unless written"
    );
    assert_eq!(resolution.refs[0].value, "1.1");
    let file = loaded.plan.relative_path(resolution.span.file);
    assert_eq!(file, std::path::Path::new("requests.toml"));
}

#[test]
fn a_request_with_an_unknown_kind_or_status_is_a_finding_with_a_suggestion() {
    let requests = "[[requests]]\nid = \"R1\"\nmeeting = 2009-07-14\nkind = \"questoin\"\n\
                    text = \"Why?\"\nstatus = \"done\"\n";
    let loaded = load_with("", Some(requests));
    let hints: Vec<String> = loaded
        .findings
        .iter()
        .filter_map(|f| f.hint.clone())
        .collect();
    assert_eq!(loaded.findings.len(), 2, "{:?}", loaded.findings);
    assert!(hints[0].contains("\"question\""), "{hints:?}");
    assert!(hints[1].contains("open, answered"), "{hints:?}");
}
