use chrono::NaiveDate;

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn scrutiny(on: Option<NaiveDate>) -> NewMeeting {
    NewMeeting {
        date: on,
        name: "Scrutiny Committee".into(),
        ..NewMeeting::default()
    }
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

const PLAN: &str = "title = \"T\"\n# dates of the committee\nmeetings = []\n\n[[sections]]\nnumber = \"1\"\ntitle = \"First\"\n";

#[test]
fn an_empty_list_becomes_tables_placed_before_the_sections() {
    let out = text(add_meeting(PLAN.as_bytes(), &scrutiny(None)).unwrap());
    assert_eq!(
        out,
        "title = \"T\"\n\n[[meetings]]\nname = \"Scrutiny Committee\"\n\n[[sections]]\nnumber = \"1\"\ntitle = \"First\"\n",
    );
}

#[test]
fn a_table_is_appended_after_the_last_meeting_table() {
    let first = add_meeting(PLAN.as_bytes(), &scrutiny(None)).unwrap();
    let mut second = scrutiny(Some(date(2009, 10, 13)));
    second.papers_due = Some(date(2009, 10, 1));
    second.minute = Some("12".into());
    let out = text(add_meeting(&first, &second).unwrap());
    assert!(
        out.contains("[[meetings]]\nname = \"Scrutiny Committee\"\n\n[[meetings]]\nname = \"Scrutiny Committee\"\ndate = 2009-10-13\npapers_due = 2009-10-01\nminute = \"12\"\n\n[[sections]]"),
        "{out}"
    );
}

#[test]
fn a_bare_list_keeps_its_dates_and_gains_an_inline_table() {
    let plan = "title = \"T\"\nmeetings = [2009-07-14] # first meeting\n";
    let out = text(add_meeting(plan.as_bytes(), &scrutiny(Some(date(2009, 10, 13)))).unwrap());
    assert_eq!(
        out,
        "title = \"T\"\nmeetings = [2009-07-14, { name = \"Scrutiny Committee\", date = 2009-10-13 }] # first meeting\n"
    );
}

#[test]
fn crlf_line_ends_are_kept_when_a_meeting_is_added() {
    let plan = "title = \"T\"\r\n[[meetings]]\r\nname = \"A\"\r\n";
    let out = text(add_meeting(plan.as_bytes(), &scrutiny(None)).unwrap());
    assert!(
        out.ends_with("name = \"Scrutiny Committee\"\r\n"),
        "{out:?}"
    );
    assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
}

fn request(id: &str) -> NewRequest {
    NewRequest {
        id: id.into(),
        meeting: Err("Scrutiny Committee".into()),
        kind: "resolution".into(),
        letter: Some("b".into()),
        text: "a briefing note be circulated; and".into(),
        refs: vec!["3.3".into()],
        owner: None,
        answer_by: None,
    }
}

#[test]
fn a_first_request_makes_the_file_and_an_answer_edits_only_its_request() {
    let made = add_request(None, &request("R1")).unwrap();
    let two = add_request(Some(&made), &request("R2")).unwrap();
    let answered = text(answer_request(&two, "R2", "Circulated on 1 May.").unwrap());
    assert!(
        answered.starts_with("# The committee's resolutions"),
        "{answered}"
    );
    let (first, second) = answered.split_once("[[requests]]\nid = \"R2\"").unwrap();
    assert!(first.contains("status = \"open\""), "{first}");
    assert!(!first.contains("answer"), "R1 untouched: {first}");
    assert!(
        second.ends_with("status = \"answered\"\nanswer = \"Circulated on 1 May.\"\n"),
        "{second}"
    );
    assert!(answer_request(&two, "R9", "x").is_err());
}
