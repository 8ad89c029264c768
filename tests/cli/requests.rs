//! The committee's requests: recorded, answered, checked, shown and put
//! in the digest; and the bundled plan's requests from the seed minutes.

use std::fs;

use serde_json::Value;

use crate::support::{TestPlan, code, read_csv, repo, stderr, stdout};

const AS_OF: &str = "2009-07-01";

/// The committee fixture (meetings of 14 July and 13 October 2009 and an
/// undated one; requests R1 open and R2 answered), committed.
fn committee() -> TestPlan {
    let plan = TestPlan::fixture("valid/committee");
    plan.commit_all("Start the plan");
    plan
}

fn add_question(plan: &TestPlan) {
    let out = plan.run(&[
        "request",
        "add",
        "--meeting",
        "2009-07-14",
        "--kind",
        "question",
        "--text",
        "Why is 1.1 late?",
        "--ref",
        "1.1",
        "--owner",
        "director",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).starts_with("request R3: question recorded\ncommitted "));
}

#[test]
fn request_add_and_answer_are_commits_of_requests_toml_with_trailers() {
    let plan = committee();
    add_question(&plan);
    let message = plan.git(&["log", "-1", "--format=%B"]);
    assert_eq!(
        message.trim_end(),
        "request R3: question recorded\n\n> Why is 1.1 late?\n\nRequest: R3\nRef: 1.1\n\
         Field: requests\nActor: Business Manager"
    );
    let text = plan.read("requests.toml");
    assert!(
        text.starts_with("# The committee's resolutions"),
        "comments kept: {text}"
    );
    assert!(text.ends_with("id = \"R3\"\nmeeting = 2009-07-14\nkind = \"question\"\ntext = \"Why is 1.1 late?\"\nrefs = [\"1.1\"]\nowner = \"dcs\"\nstatus = \"open\"\n"), "{text}");
    let answered = plan.run(&[
        "request",
        "answer",
        "R3",
        "--text",
        "-- The lead was on leave.",
    ]);
    assert_eq!(code(&answered), 0, "{}", stderr(&answered));
    assert!(
        plan.read("requests.toml")
            .ends_with("status = \"answered\"\nanswer = \"-- The lead was on leave.\"\n")
    );
    let files = plan.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "plan/requests.toml");
    let again = plan.run(&["request", "answer", "R3", "--text", "On leave until May."]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let found = plan.git(&["log", "--format=%s", "--grep", "^Ref: 1.1$"]);
    assert_eq!(
        found,
        "request R3: answer replaced\nrequest R3: answered\nrequest R3: question recorded\n"
    );
    assert_eq!(
        plan.read("requests.toml").matches("answer = ").count(),
        2,
        "R2's and R3's"
    );
    // The same answer again (a colleague's clone had it already) records
    // nothing, and says so.
    let head = plan.git(&["rev-parse", "HEAD"]);
    let same = plan.run(&["request", "answer", "R3", "--text", "On leave until May."]);
    assert_eq!(code(&same), 0, "{}", stderr(&same));
    assert!(
        String::from_utf8_lossy(&same.stdout).contains("nothing to record"),
        "{}",
        String::from_utf8_lossy(&same.stdout)
    );
    assert_eq!(plan.git(&["rev-parse", "HEAD"]), head);
    assert_eq!(plan.git(&["status", "--porcelain"]), "");
}

#[test]
fn request_add_makes_requests_toml_when_the_plan_has_none() {
    let plan = TestPlan::fixture("valid/minimal");
    plan.commit_all("Start the plan");
    assert_eq!(
        code(&plan.run(&["meeting", "add", "--name", "Scrutiny Committee"])),
        0
    );
    let out = plan.run(&[
        "request",
        "add",
        "--meeting",
        "scrutiny committee",
        "--kind",
        "concern",
        "--text",
        "Two actions were marked ‘no data’",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        plan.git(&["ls-files", "plan/requests.toml"]).trim(),
        "plan/requests.toml"
    );
    let text = plan.read("requests.toml");
    assert!(
        text.contains("meeting = \"Scrutiny Committee\""),
        "as plan.toml spells it: {text}"
    );
    assert!(!text.contains("answer_by"), "no date invented: {text}");
}

#[test]
fn a_dated_meeting_named_by_its_name_is_written_by_its_date() {
    let plan = TestPlan::fixture("valid/minimal");
    plan.commit_all("Start the plan");
    plan.run(&[
        "meeting",
        "add",
        "2009-07-14",
        "--name",
        "Finance Committee",
    ]);
    let out = plan.run(&[
        "request",
        "add",
        "--meeting",
        "finance committee",
        "--kind",
        "question",
        "--text",
        "Why?",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        plan.read("requests.toml")
            .contains("meeting = 2009-07-14\n")
    );
    plan.run(&[
        "meeting",
        "add",
        "2009-10-13",
        "--name",
        "Finance Committee",
    ]);
    assert_eq!(
        code(&plan.run(&["check", "--as-of", AS_OF])),
        0,
        "still one meeting"
    );
}

#[test]
fn a_request_is_never_recorded_against_another_meeting_of_the_same_day() {
    let plan = TestPlan::fixture("valid/minimal");
    plan.commit_all("Start the plan");
    for name in ["Scrutiny Committee", "Cabinet"] {
        let out = plan.run(&["meeting", "add", "2009-07-14", "--name", name]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let ask = |meeting: &str, text: &str| {
        plan.run(&[
            "request",
            "add",
            "--meeting",
            meeting,
            "--kind",
            "question",
            "--text",
            text,
        ])
    };
    // The day alone does not say which meeting.
    let out = ask("2009-07-14", "Which?");
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("2 meetings are on 2009-07-14"),
        "{}",
        stderr(&out)
    );
    // Cabinet is the second meeting of the day: `meeting = 2009-07-14`
    // would be read as the Scrutiny Committee's, so nothing is written.
    let out = ask("Cabinet", "Cabinet asks");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Cabinet, 2009-07-14 is not the first meeting of 2009-07-14"),
        "{}",
        stderr(&out)
    );
    assert!(!plan.path("requests.toml").exists());
    // The first of the day is named by its date, and reads back as itself.
    let out = ask("scrutiny committee", "Scrutiny asks");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        plan.read("requests.toml")
            .contains("meeting = 2009-07-14\n")
    );
    let list = plan.run(&["request", "list", "--format", "csv"]);
    assert_eq!(
        read_csv(&list.stdout)[1][1],
        "Scrutiny Committee, 2009-07-14"
    );
    assert_eq!(code(&plan.run(&["check", "--as-of", AS_OF])), 0);
}

#[test]
fn the_answer_is_due_at_the_next_dated_meeting_unless_there_is_none() {
    let plan = committee();
    add_question(&plan);
    let rows = read_csv(&plan.run(&["request", "list", "--format", "csv"]).stdout);
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let by_id = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
    assert_eq!(
        by_id("R1")[column("Answer by")],
        "2009-10-13",
        "the meeting after 14 July"
    );
    assert_eq!(by_id("R3")[column("Answer by")], "2009-10-13");
    assert_eq!(by_id("R2")[column("Answer by")], "2009-10-13", "as written");
    assert_eq!(
        by_id("R3")[column("Owner")],
        "Director of Children's Services"
    );
    let open = read_csv(
        &plan
            .run(&["request", "list", "--status", "open", "--format", "csv"])
            .stdout,
    );
    let ids: Vec<&str> = open[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["R1", "R3"]);
}

#[test]
fn check_reports_each_problem_with_a_request_at_its_file_and_line() {
    let plan = committee();
    plan.write(
        "requests.toml",
        "[[requests]]\nid = \"R1\"\nmeeting = 2009-01-01\nkind = \"question\"\ntext = \"Why?\"\n\
         refs = [\"1.9\"]\nowner = \"Chief Exec\"\nanswer_by = \"next meeting\"\nstatus = \"answered\"\n\n\
         [[requests]]\nid = \"R1\"\nmeeting = 2009-07-14\nkind = \"concern\"\ntext = \"Late.\"\n",
    );
    let out = plan.run(&["check", "--as-of", AS_OF]);
    assert_eq!(code(&out), 1);
    let report = stdout(&out);
    for expected in [
        "plan/requests.toml:3:11: error[unknown-meeting]: request R1 names the meeting \"2009-01-01\"",
        "plan/requests.toml:6:9: error[unknown-ref]: request R1 links \"1.9\"",
        "plan/requests.toml:7:9: error[unknown-officer]: request R1 is for \"Chief Exec\"",
        "plan/requests.toml:8:13: error[wrong-type]: `answer_by` should be a date like 2009-04-30",
        "plan/requests.toml:9:10: error[unanswered-request]: request R1 is answered, but gives no answer",
        "plan/requests.toml:12:6: error[duplicate-request]: request id \"R1\" is used twice",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
    let refused = plan.run(&["digest", "--as-of", AS_OF]);
    assert_eq!(code(&refused), 1, "no paper from a plan with errors");
}

#[test]
fn show_lists_the_requests_linked_to_a_ref() {
    let plan = committee();
    add_question(&plan);
    let shown = stdout(&plan.run(&["show", "1.1", "--as-of", AS_OF]));
    assert!(shown.contains("Committee request R1"), "{shown}");
    assert!(shown.contains("Committee request R3"), "{shown}");
    assert!(shown.contains("Why is 1.1 late?"), "{shown}");
    let json: Value =
        serde_json::from_slice(&plan.run(&["show", "1.2", "--format", "json"]).stdout).unwrap();
    let ids: Vec<&str> = json["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["R1"], "R3 is about 1.1 only");
    assert_eq!(json["requests"][0]["answer_by"], "2009-10-13");
}

#[test]
fn the_digest_lists_open_requests_then_answered_ones_with_their_answers() {
    let plan = committee();
    let markdown = stdout(&plan.run(&["digest", "--as-of", AS_OF]));
    let part = markdown
        .split("## Committee requests")
        .nth(1)
        .expect("the part is there");
    let (open, answered) = part.split_once("### Answered").unwrap();
    assert!(open.contains("| R1 | Scrutiny Committee, 2009-07-14: resolution (a) | A briefing note be circulated. | 1.1, 1.2 | Director of Children\\'s Services | 13 October 2009 |"), "{open}");
    assert!(answered.contains("| R2 | Scrutiny Committee (no date): concern | Two actions were marked no data. |  | Staff changes. |"), "{answered}");
    let html = stdout(&plan.run(&["digest", "--format", "html", "--as-of", AS_OF]));
    assert!(html.contains("<h2>Committee requests</h2>"), "{html}");
    assert!(html.contains("Staff changes."), "{html}");
    assert!(html.find("R1").unwrap() < html.find("Staff changes.").unwrap());
}

/// The seed minutes' words: resolutions (a)–(c), and the concern with
/// what the Committee noted in reply.
fn minutes() -> (Vec<String>, String, String) {
    let seed = fs::read_to_string(repo().join("seeds/003_d0ce39d014a7e1f6.txt")).unwrap();
    let resolutions = ["a)", "b)", "c)"]
        .iter()
        .map(|letter| {
            let line = seed.lines().find(|l| l.starts_with(letter)).unwrap();
            line[2..].trim().to_string()
        })
        .collect();
    let concern = seed
        .lines()
        .find(|l| l.starts_with("Concern was expressed"))
        .unwrap();
    let (asked, noted) = concern.split_once(" However, ").unwrap();
    (
        resolutions,
        asked.trim().to_string(),
        format!("However, {}", noted.trim()),
    )
}

#[test]
fn the_bundled_plans_digest_gives_the_minutes_resolutions_and_concern_verbatim() {
    let plan = TestPlan::bundled();
    let (resolutions, concern, noted) = minutes();
    assert_eq!(resolutions.len(), 3);
    for format in ["markdown", "html"] {
        let out = plan.run(&["digest", "--format", format, "--as-of", AS_OF]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let paper = stdout(&out);
        for text in resolutions.iter().chain([&concern, &noted]) {
            assert!(paper.contains(text.as_str()), "{format} lacks {text:?}");
        }
    }
    let rows = read_csv(&plan.run(&["request", "list", "--format", "csv"]).stdout);
    let kinds: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[2].as_str(), r[3].as_str(), r[8].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("resolution", "a", "open"),
            ("resolution", "b", "open"),
            ("resolution", "c", "open"),
            ("concern", "", "answered"),
            ("question", "", "answered"),
        ]
    );
    assert!(
        rows[1..].iter().all(|r| r[7].is_empty()),
        "no answer_by: the minutes give no dates"
    );
    let meetings = read_csv(&plan.run(&["meeting", "list", "--format", "csv"]).stdout);
    assert_eq!(meetings[1..], [vec!["", "Scrutiny Committee", "", ""]]);
    let shown = stdout(&plan.run(&["show", "3.3", "--as-of", AS_OF]));
    assert!(
        shown.contains("Committee request R2") && shown.contains("Committee request R5"),
        "{shown}"
    );
}

#[test]
fn the_word_digest_has_the_committee_requests_too() {
    let plan = committee();
    let out = plan.run(&["digest", "--as-of", AS_OF, "-o", "digest.docx"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let xml = crate::word::part(&plan.root().join("digest.docx"), "word/document.xml");
    assert!(xml.contains("Committee requests"), "no heading");
    assert!(xml.contains("Staff changes."), "no answer");
}

#[test]
fn answering_a_request_that_does_not_exist_is_a_usage_error() {
    let plan = committee();
    let out = plan.run(&["request", "answer", "R9", "--text", "Done."]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("there is no request R9"),
        "{}",
        stderr(&out)
    );
    let unknown = plan.run(&[
        "request",
        "add",
        "--meeting",
        "2010-01-01",
        "--kind",
        "question",
        "--text",
        "Why?",
    ]);
    assert_eq!(code(&unknown), 2, "{}", stderr(&unknown));
    assert_eq!(plan.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
}
