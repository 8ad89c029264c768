use chrono::NaiveDate;

use super::*;
use crate::model::{Located, RequestKind, Span};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at<T>(value: T) -> Located<T> {
    Located {
        value,
        span: Span::default(),
    }
}

fn meeting(name: Option<&str>, on: Option<NaiveDate>) -> Meeting {
    Meeting {
        span: Span::default(),
        date: on.map(at),
        name: name.map(|n| at(n.to_string())),
        papers_due: None,
        minute: None,
    }
}

fn request(id: &str, key: MeetingKey, refs: &[&str]) -> Request {
    Request {
        span: Span::default(),
        id: at(id.to_string()),
        meeting: at(key),
        kind: RequestKind::Resolution,
        letter: None,
        text: "Do it.".into(),
        refs: refs.iter().map(|r| at(r.to_string())).collect(),
        owner: None,
        answer_by: None,
        answer: None,
        status: at(RequestStatus::Open),
    }
}

fn settings() -> Settings {
    Settings {
        meetings: vec![
            meeting(Some("Scrutiny Committee"), None),
            meeting(None, Some(date(2009, 10, 13))),
            meeting(Some("Scrutiny Committee"), Some(date(2009, 7, 14))),
        ],
        ..Settings::default()
    }
}

#[test]
fn the_answer_is_due_at_the_next_dated_meeting_unless_written() {
    let s = settings();
    let july = request("R1", MeetingKey::Date(date(2009, 7, 14)), &[]);
    assert_eq!(answer_by(&s, &july), Some(date(2009, 10, 13)));
    let october = request("R2", MeetingKey::Date(date(2009, 10, 13)), &[]);
    assert_eq!(answer_by(&s, &october), None, "no meeting after the last");
    let mut given = october.clone();
    given.answer_by = Some(at(date(2009, 12, 1)));
    assert_eq!(answer_by(&s, &given), Some(date(2009, 12, 1)));
}

#[test]
fn a_request_of_an_undated_meeting_has_no_answer_date_invented() {
    let s = Settings {
        meetings: vec![
            meeting(Some("Scrutiny Committee"), None),
            meeting(None, Some(date(2009, 10, 13))),
        ],
        ..Settings::default()
    };
    let r = request("R1", MeetingKey::Name("scrutiny committee".into()), &[]);
    assert!(
        find_meeting(&s, &r.meeting.value).is_ok(),
        "names match in any case"
    );
    assert_eq!(answer_by(&s, &r), None);
}

#[test]
fn a_name_is_the_undated_meeting_of_that_name_and_must_pick_out_one() {
    let key = MeetingKey::Name("Scrutiny Committee".into());
    let one = settings();
    let found = find_meeting(&one, &key).unwrap();
    assert_eq!(found.date, None, "the undated one, not the one of 14 July");
    let mut two = settings();
    two.meetings.push(meeting(Some("Scrutiny Committee"), None));
    assert_eq!(find_meeting(&two, &key), Err(Miss::Ambiguous(2)));
    let unknown = MeetingKey::Date(date(2009, 1, 1));
    assert_eq!(find_meeting(&settings(), &unknown), Err(Miss::None));
}

#[test]
fn requests_about_a_ref_include_those_on_its_actions() {
    let plan = Plan {
        requests: vec![
            request("R1", MeetingKey::Name("x".into()), &["3.3"]),
            request("R2", MeetingKey::Name("x".into()), &["3.3b"]),
            request("R3", MeetingKey::Name("x".into()), &["3.30"]),
        ],
        ..Plan::default()
    };
    let ids = |text: &str| -> Vec<String> {
        let address = Address::parse(text).unwrap();
        requests_about(&plan, &address)
            .iter()
            .map(|r| r.id.value.clone())
            .collect()
    };
    assert_eq!(ids("3.3"), ["R1", "R2"]);
    assert_eq!(ids("3.3a"), ["R1"]);
    assert_eq!(ids("3.30"), ["R3"]);
}

#[test]
fn new_ids_follow_the_highest_numbered_one() {
    let key = || MeetingKey::Name("x".into());
    assert_eq!(next_id(&[]), "R1");
    let requests = [
        request("R2", key(), &[]),
        request("R10", key(), &[]),
        request("Q", key(), &[]),
    ];
    assert_eq!(next_id(&requests), "R11");
}
