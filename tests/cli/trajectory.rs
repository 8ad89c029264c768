//! `trajectory` on a year of a plan's life: real repositories with dated
//! commits and four meetings, each flag on a constructed history, and the
//! table asserted cell by cell.

use crate::support::{TestPlan, code, read_csv, stderr, stdout};

const MEETINGS: &str = "meetings = [2009-06-16, 2009-09-15, 2009-12-15, 2010-03-16]";

fn plan_toml(meetings: &str) -> String {
    format!(
        "title = \"Year plan\"\norganisation = \"Example Council\"\nreporting = \"quarterly\"\n\
         year_starts = \"04-01\"\n{meetings}\n\n[[sections]]\nnumber = \"1\"\ntitle = \"Governance\"\n"
    )
}

/// An update: date, then optional status, due and note.
struct U(
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// A recommendation file of one action.
fn action(reference: &str, due: &str, status: &str, updates: &[U]) -> String {
    let mut text = format!(
        "ref = \"{reference}\"\nrecommendation = \"Recommendation {reference}.\"\n\n[[actions]]\n\
         text = \"Action {reference}\"\ndue = {due}\nlead = [\"dcs\"]\nstatus = \"{status}\"\n"
    );
    for U(date, status, due, note) in updates {
        text.push_str(&format!("\n[[actions.updates]]\ndate = {date}\n"));
        if let Some(status) = status {
            text.push_str(&format!("status = \"{status}\"\n"));
        }
        if let Some(due) = due {
            text.push_str(&format!("due = {due}\n"));
        }
        if let Some(note) = note {
            text.push_str(&format!("note = \"{note}\"\n"));
        }
    }
    text
}

fn commit(plan: &TestPlan, date: &str, message: &str) {
    plan.git(&["add", "-A"]);
    plan.git_on(date, &["commit", "-q", "-m", message]);
}

/// A year of six actions, each made to show one thing, committed on the
/// days their updates were recorded. `meetings` is plan.toml's line.
fn year(meetings: &str) -> TestPlan {
    let plan = TestPlan::fixture("valid/minimal");
    std::fs::remove_file(plan.path("1/1.2.toml")).unwrap();
    plan.write("plan.toml", plan_toml(meetings));
    plan.write(
        "officers.toml",
        "[[officers]]\nid = \"dcs\"\ntitle = \"Director\"\n",
    );
    let write = |r: &str, due: &str, status: &str, updates: &[U]| {
        plan.write(&format!("1/{r}.toml"), action(r, due, status, updates));
    };
    // 1.1 deteriorates; 1.2 is stuck at risk; 1.3 says on track while
    // overdue; 1.4 is complete, then not; 1.5's deadline moves twice, once
    // with no reason; 1.6 never reports (and so is stuck not started).
    for r in ["1.1", "1.2", "1.4", "1.6"] {
        let due = match r {
            "1.1" => "2010-06-30",
            "1.2" => "2010-12-31",
            "1.4" => "2009-06-30",
            _ => "2010-09-30",
        };
        write(r, due, "not_started", &[]);
    }
    write("1.3", "2009-08-31", "not_started", &[]);
    write("1.5", "2009-09-30", "not_started", &[]);
    plan.git(&["init", "-q", "-b", "main"]);
    commit(&plan, "2009-04-10", "The plan");

    let on = |d| U(d, Some("on_track"), None, Some("Going well"));
    let risk = |d| U(d, Some("at_risk"), None, Some("Slipping"));
    write("1.1", "2010-06-30", "on_track", &[on("2009-06-01")]);
    write("1.2", "2010-12-31", "at_risk", &[risk("2009-06-01")]);
    write("1.3", "2009-08-31", "on_track", &[on("2009-06-01")]);
    let done = U("2009-06-01", Some("complete"), None, Some("Done"));
    write("1.4", "2009-06-30", "complete", &[done]);
    write("1.5", "2009-09-30", "on_track", &[on("2009-06-01")]);
    commit(&plan, "2009-06-01", "June returns");

    write(
        "1.1",
        "2010-06-30",
        "on_track",
        &[on("2009-06-01"), on("2009-09-01")],
    );
    write(
        "1.2",
        "2010-12-31",
        "at_risk",
        &[risk("2009-06-01"), risk("2009-09-01")],
    );
    write(
        "1.3",
        "2009-08-31",
        "on_track",
        &[on("2009-06-01"), on("2009-09-01")],
    );
    let funding = U(
        "2009-09-01",
        None,
        Some("2009-12-31"),
        Some("Awaiting funding"),
    );
    write(
        "1.5",
        "2009-12-31",
        "on_track",
        &[on("2009-06-01"), funding],
    );
    commit(&plan, "2009-09-01", "September returns");

    let done = U("2009-06-01", Some("complete"), None, Some("Done"));
    write("1.4", "2009-06-30", "at_risk", &[done, risk("2009-10-01")]);
    commit(&plan, "2009-10-01", "1.4 reopened");

    write(
        "1.1",
        "2010-06-30",
        "at_risk",
        &[on("2009-06-01"), on("2009-09-01"), risk("2009-12-01")],
    );
    write(
        "1.2",
        "2010-12-31",
        "at_risk",
        &[risk("2009-06-01"), risk("2009-09-01"), risk("2009-12-01")],
    );
    let complete = U("2009-12-01", Some("complete"), None, Some("Finished"));
    write(
        "1.3",
        "2009-08-31",
        "complete",
        &[on("2009-06-01"), on("2009-09-01"), complete],
    );
    let funding = U(
        "2009-09-01",
        None,
        Some("2009-12-31"),
        Some("Awaiting funding"),
    );
    let silent = U("2009-12-01", Some("on_track"), None, None);
    write(
        "1.5",
        "2010-03-31",
        "on_track",
        &[on("2009-06-01"), funding, silent],
    );
    commit(&plan, "2009-12-01", "December returns");

    let red = U("2010-03-01", Some("off_track"), None, Some("Stopped"));
    write(
        "1.1",
        "2010-06-30",
        "off_track",
        &[on("2009-06-01"), on("2009-09-01"), risk("2009-12-01"), red],
    );
    write(
        "1.2",
        "2010-12-31",
        "at_risk",
        &[
            risk("2009-06-01"),
            risk("2009-09-01"),
            risk("2009-12-01"),
            risk("2010-03-01"),
        ],
    );
    commit(&plan, "2010-03-01", "March returns");
    plan
}

fn csv_of(plan: &TestPlan, args: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec!["trajectory", "--as-of", "2010-03-31", "--format", "csv"];
    all.extend(args);
    let output = plan.run(&all);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    read_csv(&output.stdout)
}

fn rows(text: &[&str]) -> Vec<Vec<String>> {
    text.iter()
        .map(|line| line.split(',').map(String::from).collect())
        .collect()
}

const HEADER: &str = "Ref,Action,Lead,Due,2009-06-16,2009-09-15,2009-12-15,2010-03-16,Status,\
    Due moves,Days moved,Moves,Longest no data,Contradiction,Stuck,Deteriorating,Contradictions";

#[test]
fn a_year_of_four_meetings_gives_each_status_and_flag_exactly() {
    let plan = year(MEETINGS);
    let table = csv_of(&plan, &[]);
    let mut expected = rows(&[
        HEADER,
        "1.1,a,Director,2010-06-30,on_track,on_track,at_risk,off_track,off_track,0,0,,0,no,no,yes,",
        "1.2,a,Director,2010-12-31,at_risk,at_risk,at_risk,at_risk,at_risk,0,0,,0,no,yes,no,",
        "1.3,a,Director,2009-08-31,on_track,on_track,complete,complete,complete,0,0,,0,yes,no,no,\
         on_track while overdue at 2009-09-15",
        "1.4,a,Director,2009-06-30,complete,complete,at_risk,no data,at_risk,0,0,,1,yes,no,no,\
         complete at 2009-09-15; then at_risk in an update of 2009-10-01",
        "1.5,a,Director,2010-03-31,on_track,on_track,on_track,no data,on_track,2,182,MOVES,1,yes,yes,no,\
         due moved 2009-12-31 → 2010-03-31 on 2009-12-01 with no reason",
        "1.6,a,Director,2010-09-30,no data,no data,no data,no data,not_started,0,0,,4,no,yes,no,",
    ]);
    // Cells holding commas and semicolons, put back whole.
    expected[4][16] = "complete at 2009-09-15, then at_risk in an update of 2009-10-01".into();
    expected[4].truncate(17);
    expected[5][11] = "2009-09-30 → 2009-12-31 on 2009-09-01: Awaiting funding; \
        2009-12-31 → 2010-03-31 on 2009-12-01: no reason given"
        .into();
    assert_eq!(table, expected);
}

#[test]
fn filters_select_rows_and_the_columns_stay_the_meetings() {
    let plan = year(MEETINGS);
    let table = csv_of(&plan, &["--ref", "1.2"]);
    assert_eq!(table.len(), 2);
    assert_eq!(table[1][0], "1.2");
    let early = plan.run(&["trajectory", "--as-of", "2009-10-31", "--format", "csv"]);
    let early = read_csv(&early.stdout);
    assert_eq!(early[0][4..7], ["2009-06-16", "2009-09-15", "Status"]);
    // As of October, 1.4's reopening is already known; 1.1 has not yet slipped.
    assert_eq!(early[1][4..7], ["on_track", "on_track", "on_track"]);
    assert_eq!(early[4][6], "at_risk");
}

#[test]
fn a_plan_with_no_meetings_has_the_last_four_quarter_ends() {
    let plan = year("meetings = []");
    let table = csv_of(&plan, &[]);
    assert_eq!(
        table[0][4..8],
        ["2009-06-30", "2009-09-30", "2009-12-31", "2010-03-31"]
    );
    // 1.1's updates fall in each quarter; 1.4 is reopened in the third.
    assert_eq!(
        table[1][4..9],
        ["on_track", "on_track", "at_risk", "off_track", "off_track"]
    );
    assert_eq!(
        table[4][4..8],
        ["complete", "complete", "at_risk", "no data"]
    );
    let output = plan.run(&["trajectory", "--as-of", "2010-03-31"]);
    assert!(
        stdout(&output).contains("6 actions at 4 reporting-period ends"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn json_and_markdown_say_what_csv_says() {
    let plan = year(MEETINGS);
    let output = plan.run(&["trajectory", "--as-of", "2010-03-31", "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let five = &json[4];
    assert_eq!(five["address"], "1.5");
    assert_eq!(five["due_moves"], 2);
    assert_eq!(five["days_moved"], 182);
    assert_eq!(five["moves"][0]["reason"], "Awaiting funding");
    assert_eq!(five["moves"][1]["reason"], serde_json::Value::Null);
    assert_eq!(five["contradiction"], true);
    assert_eq!(five["columns"][3]["date"], "2010-03-16");
    assert_eq!(five["columns"][3]["status"], "no data");
    assert_eq!(json[1]["stuck"], true);
    assert_eq!(json[0]["deteriorating"], true);

    let output = plan.run(&[
        "trajectory",
        "--as-of",
        "2010-03-31",
        "--format",
        "markdown",
    ]);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("| Ref | Action | Lead | Due | 2009-06-16 |"));
    assert_eq!(lines.len(), 8, "{text}");
    assert!(lines[2].contains("| on\\_track | on\\_track | at\\_risk | off\\_track |"));
}

#[test]
fn at_a_past_commit_the_trajectory_is_judged_on_that_day() {
    let plan = year(MEETINGS);
    // The plan as committed on 1 October 2009, judged that day: two
    // meetings had been held; 1.4 had just been reopened.
    let output = plan.run(&["--at", "2009-10-31", "trajectory", "--format", "csv"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let table = read_csv(&output.stdout);
    assert_eq!(table[0][4..7], ["2009-06-16", "2009-09-15", "Status"]);
    assert_eq!(table[4][4..7], ["complete", "complete", "at_risk"]);
    assert_eq!(table[5][7..9], ["1", "92"], "one move by then");
}

#[test]
fn a_commit_counts_for_the_day_it_was_made_in_the_plans_time_zone() {
    let plan = TestPlan::fixture("valid/minimal");
    std::fs::remove_file(plan.path("1/1.2.toml")).unwrap();
    plan.write("plan.toml", plan_toml("meetings = [2009-06-16]"));
    plan.write(
        "officers.toml",
        "[[officers]]\nid = \"dcs\"\ntitle = \"Director\"\n",
    );
    plan.write(
        "1/1.1.toml",
        action("1.1", "2010-06-30", "not_started", &[]),
    );
    plan.git(&["init", "-q", "-b", "main"]);
    plan.git(&["add", "-A"]);
    plan.git_at("2009-04-10T09:00:00+01:00", &["commit", "-q", "-m", "plan"]);
    let on = U("2009-06-16", Some("on_track"), None, Some("Agreed"));
    plan.write("1/1.1.toml", action("1.1", "2010-06-30", "on_track", &[on]));
    plan.git(&["add", "-A"]);
    // 23:30 in London on the meeting day (22:30 UTC): recorded by then.
    plan.git_at("2009-06-16T22:30:00+00:00", &["commit", "-q", "-m", "1.1"]);
    let table = csv_of(&plan, &[]);
    assert_eq!(table[1][4], "on_track");
    // Half past midnight in London (23:30 UTC on the 16th): too late.
    plan.git(&["reset", "-q", "--soft", "HEAD~1"]);
    plan.git_at("2009-06-16T23:30:00+00:00", &["commit", "-q", "-m", "1.1"]);
    let table = csv_of(&plan, &[]);
    assert_eq!(table[1][4], "no data");
}

#[test]
fn a_deadline_moved_with_update_carries_its_reason() {
    let plan = year(MEETINGS);
    let output = plan.run_as(
        "Jo Bloggs",
        "2010-03-20",
        &[
            "update",
            "1.2",
            "--due",
            "2011-03-31",
            "--note",
            "Waiting for the new team",
            "--date",
            "2010-03-20",
        ],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let table = csv_of(&plan, &["--ref", "1.2"]);
    assert_eq!(table[1][3], "2011-03-31");
    assert_eq!(
        table[1][9..12],
        [
            "1",
            "90",
            "2010-12-31 → 2011-03-31 on 2010-03-20: Waiting for the new team"
        ]
    );
    assert_eq!(
        table[1][13], "no",
        "a move with a reason is no contradiction"
    );
}

#[test]
fn the_workbook_holds_the_cells_of_the_csv() {
    use calamine::Data;
    let plan = year(MEETINGS);
    let output = plan.run(&["trajectory", "--as-of", "2010-03-31", "-o", "t.xlsx"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let rows = crate::workbook::sheet(&plan.root().join("t.xlsx"), "Trajectory");
    let csv = csv_of(&plan, &[]);
    let text = |cell: &Data| match cell {
        Data::String(text) => text.clone(),
        Data::DateTime(date) => date.as_datetime().unwrap().date().to_string(),
        Data::Float(n) => format!("{n}"),
        Data::Empty => String::new(),
        other => panic!("an unexpected cell: {other:?}"),
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(text).collect())
        .collect();
    assert_eq!(cells, csv);
    assert!(matches!(rows[1][3], Data::DateTime(_)), "Due is a date");
    assert!(matches!(rows[5][9], Data::Float(_)), "days moved a number");
}

#[test]
fn a_plan_outside_git_has_no_trajectory() {
    let plan = TestPlan::fixture("valid/minimal");
    let output = plan.run(&["trajectory"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(stderr(&output).contains("not in a git repository"));
}

#[test]
fn the_digest_has_the_trajectory_the_moved_deadlines_and_the_contradictions() {
    let plan = year(MEETINGS);
    let args = ["digest", "--as-of", "2010-03-31", "--since", "2009-06-20"];
    let output = plan.run(&args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let part = |heading: &str| -> Vec<String> {
        let start = text
            .find(heading)
            .unwrap_or_else(|| panic!("{heading}: {text}"));
        let rest = &text[start + heading.len()..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        rest[..end]
            .lines()
            .filter(|l| l.starts_with("| 1."))
            .map(|l| l.split('|').map(str::trim).collect::<Vec<_>>().join("|"))
            .collect()
    };
    assert_eq!(
        part("## Status at the last meetings"),
        [
            "|1.3|On track (green)|On track (green)|Complete (blue)|Complete (blue)|contradiction, changed|",
            "|1.4|Complete (blue)|Complete (blue)|At risk (amber)|No data|contradiction, overdue, changed|",
            "|1.5|On track (green)|On track (green)|On track (green)|No data|contradiction, stuck, changed|",
            "|1.1|On track (green)|On track (green)|At risk (amber)|Off track (red)|deteriorating, changed|",
            "|1.2|At risk (amber)|At risk (amber)|At risk (amber)|At risk (amber)|stuck|",
            "|1.6|No data|No data|No data|No data|stuck|",
        ]
    );
    assert_eq!(
        part("## Deadlines moved since the last meeting"),
        [
            "|1.5|30 Sep 2009|31 Dec 2009|92|1 Sep 2009|Awaiting funding|",
            "|1.5|31 Dec 2009|31 Mar 2010|90|1 Dec 2009|No reason given|",
        ]
    );
    assert_eq!(
        part("## Contradictions"),
        [
            "|1.5|1 Dec 2009|due moved 2009-12-31 → 2010-03-31 on 2009-12-01 with no reason|",
            "|1.4|1 Oct 2009|complete at 2009-09-15, then at\\_risk in an update of 2009-10-01|",
            "|1.3|15 Sep 2009|on\\_track while overdue at 2009-09-15|",
        ]
    );
    let html = plan.run(&["digest", "--as-of", "2010-03-31", "--format", "html"]);
    let html = stdout(&html);
    let start = html.find("Status at the last meetings").expect("the part");
    assert!(
        html[start..].contains("style=\"background:#D55E00;color:#000000\">Off track (red)</td>"),
        "statuses are filled in their colours, with their words"
    );
}

#[test]
fn a_digest_outside_git_says_why_it_has_no_trajectory() {
    let plan = TestPlan::fixture("valid/minimal");
    let output = plan.run(&["digest", "--as-of", "2009-07-01"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("## Status at the last meetings\n\nThe plan is not kept in git"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_word_digest_fills_each_status_at_each_meeting() {
    let plan = year(MEETINGS);
    let output = plan.run(&["digest", "--as-of", "2010-03-31", "-o", "digest.docx"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let xml = crate::word::part(&plan.root().join("digest.docx"), "word/document.xml");
    let start = xml.find("Status at the last meetings").expect("the part");
    let end = xml[start..].find("Deadlines moved").expect("the next part");
    let part = &xml[start..start + end];
    // 1.1 went off track (red, filled D55E00); 1.2 stayed at risk (amber).
    assert!(part.contains("w:fill=\"D55E00\""), "{part}");
    assert!(part.contains("(red)") && part.contains("(amber)"), "{part}");
}

#[test]
fn a_deadline_brought_forward_is_a_negative_number_in_csv_as_in_json() {
    let plan = year(MEETINGS);
    let output = plan.run_as(
        "Jo Bloggs",
        "2010-03-20",
        &[
            "update",
            "1.2",
            "--due",
            "2010-11-30",
            "--note",
            "Brought forward by the Board",
            "--date",
            "2010-03-20",
        ],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let table = csv_of(&plan, &["--ref", "1.2"]);
    // A number, not text: no formula mark before the minus.
    assert_eq!(
        table[1][9..12],
        [
            "1",
            "-31",
            "2010-12-31 → 2010-11-30 on 2010-03-20: Brought forward by the Board"
        ]
    );
    let output = plan.run(&["trajectory", "--as-of", "2010-03-31", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json[1]["days_moved"], -31);
}

#[test]
fn complete_then_otherwise_names_the_first_update_of_the_day_as_written() {
    let plan = year(MEETINGS);
    // 1.1 reported complete before the first meeting; then two updates of
    // one day, off track first in the file, at risk after it.
    let done = U("2009-06-01", Some("complete"), None, Some("Done"));
    plan.write(
        "1/1.1.toml",
        action("1.1", "2010-06-30", "complete", &[done]),
    );
    commit(&plan, "2009-06-01", "1.1 done");
    let done = U("2009-06-01", Some("complete"), None, Some("Done"));
    let red = U("2009-08-01", Some("off_track"), None, Some("Stopped"));
    let amber = U("2009-08-01", Some("at_risk"), None, Some("Restarted"));
    plan.write(
        "1/1.1.toml",
        action("1.1", "2010-06-30", "at_risk", &[done, red, amber]),
    );
    commit(&plan, "2009-08-01", "1.1 reopened");
    let table = csv_of(&plan, &["--ref", "1.1"]);
    assert_eq!(
        table[1][16],
        "complete at 2009-06-16, then off_track in an update of 2009-08-01"
    );
}

#[test]
fn a_cell_is_the_version_its_file_was_given_by_that_day_even_on_a_wrong_clock() {
    let plan = year("meetings = [2009-06-16]");
    // 1.6 committed in March 2010 (reporting back to June 2009), then a
    // commit to 1.2 on a clock set back to 10 June 2009: on the 16th, 1.6
    // had not yet been reported, though the commit of the 10th, whose
    // tree holds the report, comes after it.
    let on = U("2009-06-15", Some("on_track"), None, Some("Started"));
    plan.write("1/1.6.toml", action("1.6", "2010-09-30", "on_track", &[on]));
    commit(&plan, "2010-03-20", "1.6 started");
    let table = csv_of(&plan, &["--ref", "1.6"]);
    assert_eq!(table[1][4..6], ["no data", "on_track"]);
    let wrong = U("2009-06-10", Some("at_risk"), None, Some("Late"));
    plan.write(
        "1/1.2.toml",
        action("1.2", "2010-12-31", "at_risk", &[wrong]),
    );
    commit(&plan, "2009-06-10", "1.2, on a clock set back");
    let table = csv_of(&plan, &[]);
    // 1.6's file as its own commits left it by the 16th, not as the
    // tree of the last commit dated by then holds it.
    assert_eq!(table[6][4], "no data");
    // 1.2's file: the last of its commits in git log's order dated by then.
    assert_eq!(table[2][4], "at_risk");
}
