//! `overdue`, `list`, `show` and `leads` on the bundled plan: answers
//! checked against the seed read independently, and every format agreeing.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::seed::seed_plan;
use crate::support::{TestPlan, actionplan, code, into_closed_pipe, repo, stderr, stdout};

/// Runs a command on the bundled plan (read-only, so in place).
fn run(args: &[&str]) -> std::process::Output {
    actionplan(repo())
        .args(["--plan", "plan"])
        .args(args)
        .output()
        .unwrap()
}

/// CSV output as records, header first; every row has the same width.
fn csv_rows(output: &std::process::Output) -> Vec<Vec<String>> {
    assert_eq!(code(output), 0, "{}", stderr(output));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(output.stdout.as_slice());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// (Ref, Action letter) of each data row of a CSV with those columns.
fn addresses(rows: &[Vec<String>]) -> Vec<(String, String)> {
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (r, a) = (column("Ref"), column("Action"));
    rows[1..]
        .iter()
        .map(|row| (row[r].clone(), row[a].clone()))
        .collect()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The last month-and-year a timescale names, read here without the tool:
/// (year, month) of its latest "Month YYYY" or "Mon YY".
fn latest_month(timescale: &str) -> Option<(u32, u32)> {
    let lower = timescale
        .to_lowercase()
        .replace("september2009", "september 2009");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut latest = None;
    for (i, pair) in words.windows(2).enumerate() {
        // "From July 2009" starts a recurrence; it is not a deadline.
        if i > 0 && words[i - 1] == "from" {
            continue;
        }
        let Some(month) = MONTHS.iter().position(|m| pair[0].starts_with(m)) else {
            continue;
        };
        let Ok(year) = pair[1].parse::<u32>() else {
            continue;
        };
        let year = if year < 100 { 2000 + year } else { year };
        latest = latest.max(Some((year, month as u32 + 1)));
    }
    latest
}

/// Overdue (ref, letter) as of `as_of` ("YYYY-MM-DD"), from the seed alone.
fn overdue_from_seed(as_of: &str) -> BTreeSet<(String, String)> {
    let (recs, _) = seed_plan();
    let (y, m): (u32, u32) = {
        let p: Vec<u32> = as_of.split('-').map(|n| n.parse().unwrap()).collect();
        (p[0], p[1])
    };
    let mut overdue = BTreeSet::new();
    for (reference, rows) in &recs {
        for (index, row) in rows.iter().enumerate() {
            let (timescale, success) = (&row[3], &row[4]);
            let closed = timescale.starts_with("Completed")
                || timescale.starts_with("Deferred")
                || success.split_whitespace().any(|w| w == "Completed");
            if closed {
                continue;
            }
            let late = match latest_month(timescale) {
                // Due at the end of the month: overdue from the 1st of the next.
                Some(due) => (y, m) > due,
                // "Quarterly" with no update, "Immediate" with no adoption date.
                None => true,
            };
            if late {
                let letter = char::from(b'a' + index as u8).to_string();
                overdue.insert((reference.clone(), letter));
            }
        }
    }
    overdue
}

#[test]
fn overdue_matches_the_seed_on_month_end_boundaries() {
    for as_of in [
        "2009-02-28",
        "2009-03-01",
        "2009-04-30",
        "2009-05-01",
        "2009-07-31",
        "2009-08-01",
        "2010-01-31",
        "2010-02-01",
        "2010-08-01",
    ] {
        let output = run(&["overdue", "--as-of", as_of, "--format", "csv"]);
        let tool: BTreeSet<_> = addresses(&csv_rows(&output)).into_iter().collect();
        assert_eq!(tool, overdue_from_seed(as_of), "as of {as_of}");
    }
}

#[test]
fn a_july_action_is_overdue_on_the_first_of_august_not_the_last_of_july() {
    let on = |date: &str| {
        addresses(&csv_rows(&run(&[
            "overdue", "--as-of", date, "--format", "csv",
        ])))
    };
    let july = (String::from("1.4"), String::from("a"));
    assert!(!on("2009-07-31").contains(&july));
    assert!(on("2009-08-01").contains(&july));
}

#[test]
fn overdue_lists_oldest_due_first_then_by_ref_with_days() {
    let rows = csv_rows(&run(&[
        "overdue",
        "--as-of",
        "2009-07-01",
        "--format",
        "csv",
    ]));
    let header = &rows[0];
    let due = header.iter().position(|h| h == "Due").unwrap();
    let days = header.iter().position(|h| h == "Days overdue").unwrap();
    let dues: Vec<&str> = rows[1..].iter().map(|r| r[due].as_str()).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    let first_dated = rows[1..].iter().find(|r| !r[due].is_empty()).unwrap();
    assert_eq!(
        (
            first_dated[0].as_str(),
            first_dated[due].as_str(),
            first_dated[days].as_str()
        ),
        ("2.9", "2009-02-28", "123")
    );
    let refs: Vec<&str> = rows[1..]
        .iter()
        .filter(|r| r[due] == "2009-03-31")
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(
        refs,
        [
            "2.2", "2.3", "2.6", "2.8", "2.10", "2.15", "2.16", "2.17", "4.4"
        ]
    );
}

#[test]
fn csv_has_the_promised_columns() {
    let rows = csv_rows(&run(&["list", "--format", "csv"]));
    for column in ["Ref", "Action", "Due", "Status", "Lead", "Days overdue"] {
        assert!(
            rows[0].contains(&column.to_string()),
            "{column} in {:?}",
            rows[0]
        );
    }
    assert_eq!(rows.len(), 47, "header and 46 actions");
    let lead = rows[0].iter().position(|h| h == "Lead").unwrap();
    let r12a = rows.iter().find(|r| r[0] == "1.2" && r[1] == "a").unwrap();
    assert_eq!(
        r12a[lead],
        "Head of Safeguarding and Vulnerable Children; Children's Trust Manager; Head of Planning, Performance & Development"
    );
}

#[test]
fn a_lead_spelt_any_way_of_the_plan_finds_all_their_actions() {
    let by = |lead: &str| {
        let rows = csv_rows(&run(&["list", "--lead", lead, "--format", "csv"]));
        addresses(&rows)
    };
    let full = by("Head of Safeguarding and Vulnerable Children");
    assert!(
        full.contains(&("1.2".into(), "a".into())),
        "written “Head of Safeguarding & Vulnerable”"
    );
    assert!(
        full.contains(&("2.1".into(), "a".into())),
        "written “Head of Safeguarding and Vulnerable”"
    );
    assert!(full.contains(&("4.15".into(), "a".into())));
    assert_eq!(full.len(), 13);
    assert_eq!(by("head of safeguarding & vulnerable"), full);
    assert_eq!(by("SAFEGUARDING"), full, "a unique part of a name");
}

#[test]
fn the_dcs_owns_what_the_plan_says() {
    let rows = csv_rows(&run(&["list", "--lead", "DCS", "--format", "csv"]));
    let refs: Vec<String> = addresses(&rows)
        .into_iter()
        .map(|(r, a)| if r == "2.7" { r + &a } else { r })
        .collect();
    assert_eq!(
        refs,
        ["1.1", "1.3", "2.2", "2.7a", "2.7b", "2.11", "2.12", "3.7"]
    );
}

#[test]
fn an_ambiguous_lead_lists_the_candidates() {
    let output = run(&["list", "--lead", "hscb"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("HSCB Business Manager") && err.contains("HSCB Chair"),
        "{err}"
    );
}

#[test]
fn an_unknown_lead_gets_a_did_you_mean() {
    let output = run(&["overdue", "--lead", "HSCB Chiar"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("did you mean “HSCB Chair”?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn filters_combine() {
    let rows = |args: &[&str]| {
        addresses(&csv_rows(&run(
            &[&["list", "--format", "csv"], args].concat()
        )))
    };
    assert_eq!(rows(&["--section", "3"]).len(), 7);
    assert_eq!(rows(&["--status", "blue"]).len(), 4, "2.7a, 2.7b, 3.3, 3.6");
    assert_eq!(rows(&["--status", "complete,deferred"]).len(), 5);
    let refs: Vec<String> = rows(&["--ref", "2.1"])
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(refs, ["2.1"], "2.1 is not a prefix of 2.10");
    let refs: Vec<String> = rows(&["--due-after", "2009-06-30", "--due-before", "2009-08-01"])
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(refs, ["1.4", "2.4", "4.3", "4.5"]);
    let refs: Vec<String> = rows(&[
        "--section",
        "2",
        "--lead",
        "HSCB Chair",
        "--due-before",
        "2009-03-01",
    ])
    .into_iter()
    .map(|(r, _)| r)
    .collect();
    assert_eq!(refs, ["2.9"]);
}

#[test]
fn bad_filters_are_usage_errors() {
    for args in [
        &["list", "--status", "purple"][..],
        &["list", "--section", "9"],
        &["list", "--ref", "2/7"],
        &["list", "--due-before", "next week"],
        &["overdue", "--as-of", "2009-02-30"],
    ] {
        let output = run(args);
        assert_eq!(code(&output), 2, "{args:?}: {}", stderr(&output));
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn refs_sort_as_numbers_everywhere() {
    let refs: Vec<String> = addresses(&csv_rows(&run(&[
        "list",
        "--section",
        "2",
        "--format",
        "csv",
    ])))
    .into_iter()
    .map(|(r, _)| r)
    .collect();
    let position = |r: &str| refs.iter().position(|x| x == r).unwrap();
    assert!(position("2.9") < position("2.10"));
    assert!(position("2.10") < position("2.11"));
}

#[test]
fn table_csv_json_and_markdown_agree() {
    let args = ["list", "--as-of", "2009-07-01", "--section", "4"];
    let csv = csv_rows(&run(&[&args[..], &["--format", "csv"]].concat()));
    let json: Value =
        serde_json::from_slice(&run(&[&args[..], &["--format", "json"]].concat()).stdout).unwrap();
    let table = stdout(&run(&[&args[..], &["--format", "table"]].concat()));
    let markdown = stdout(&run(&[&args[..], &["--format", "markdown"]].concat()));
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), csv.len() - 1);
    let col = |name: &str| csv[0].iter().position(|h| h == name).unwrap();
    for (row, item) in csv[1..].iter().zip(items) {
        assert_eq!(row[col("Ref")], item["ref"].as_str().unwrap());
        assert_eq!(row[col("Action")], item["action"].as_str().unwrap());
        assert_eq!(row[col("Due")], item["due"].as_str().unwrap_or(""));
        assert_eq!(row[col("Status")], item["status"].as_str().unwrap());
        assert_eq!(
            row[col("Days overdue")],
            item["days_overdue"]
                .as_i64()
                .map(|d| d.to_string())
                .unwrap_or_default()
        );
        let address = item["address"].as_str().unwrap();
        let line = format!("│ {address:<4} ┆");
        assert!(table.contains(&line), "{address} in the table");
        assert!(
            markdown.contains(&format!("| {address} |")),
            "{address} in markdown"
        );
        if let Some(due) = item["due"].as_str() {
            assert!(
                table
                    .lines()
                    .any(|l| l.starts_with(&line) && l.contains(due)),
                "{address} {due}"
            );
        }
    }
}

#[test]
fn leads_counts_each_officer_and_sorts_by_overdue() {
    let output = run(&["leads", "--as-of", "2009-07-01", "--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let officers = json.as_array().unwrap();
    assert_eq!(officers.len(), 16);
    let first = &officers[0];
    assert_eq!(
        first["title"],
        "Head of Safeguarding and Vulnerable Children"
    );
    assert_eq!(
        (first["open"].as_u64(), first["overdue"].as_u64()),
        (Some(13), Some(13))
    );
    let dcs = officers.iter().find(|o| o["id"] == "dcs").unwrap();
    assert_eq!(
        (
            dcs["open"].as_u64(),
            dcs["complete"].as_u64(),
            dcs["deferred"].as_u64()
        ),
        (Some(5), Some(2), Some(1))
    );
    let overdue: Vec<u64> = officers
        .iter()
        .map(|o| o["overdue"].as_u64().unwrap())
        .collect();
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]), "{overdue:?}");
}

#[test]
fn leads_csv_agrees_with_its_json() {
    let csv = csv_rows(&run(&["leads", "--as-of", "2009-07-01", "--format", "csv"]));
    let json: Value = serde_json::from_slice(
        &run(&["leads", "--as-of", "2009-07-01", "--format", "json"]).stdout,
    )
    .unwrap();
    for (row, officer) in csv[1..].iter().zip(json.as_array().unwrap()) {
        assert_eq!(row[0], officer["id"].as_str().unwrap());
        assert_eq!(row[3], officer["overdue"].to_string());
    }
}

#[test]
fn show_gives_one_recommendation_or_one_action_in_full() {
    let output = run(&["show", "3.3"]);
    let text = stdout(&output);
    assert!(
        text.contains(
            "Assistant Chief Executive –HR & OD identified as the Lead Counter-signatory for CRB."
        ),
        "{text}"
    );
    assert!(text.contains("complete (blue)"), "{text}");
    let output = run(&["show", "1.2b", "--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let actions = json["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["address"], "1.2b");
    assert_eq!(actions[0]["timescale"], "July – Sept 09 January 2010");
    assert_eq!(
        actions[0]["reading"],
        "July 2009 to end of September 2009; end of January 2010"
    );
    assert_eq!(actions[0]["due"], "2010-01-31");
}

#[test]
fn show_of_what_does_not_exist_says_what_does() {
    let output = run(&["show", "2.18"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("section 2 has 2.1 to 2.17"),
        "{}",
        stderr(&output)
    );
    let output = run(&["show", "1.2d"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("its actions are a to c"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn reports_refuse_a_plan_with_errors_and_point_to_check() {
    let plan = TestPlan::bundled();
    plan.edit("2/2.7.toml", "status = \"complete\"", "status = \"done\"");
    for command in ["overdue", "list", "leads"] {
        let output = plan.run(&[command]);
        assert_eq!(code(&output), 1, "{command}");
        assert!(
            stdout(&output).is_empty(),
            "{command} printed a partial report"
        );
        let err = stderr(&output);
        assert!(
            err.contains("plan/2/2.7.toml:14:10: error[invalid-status]"),
            "{err}"
        );
        assert!(err.contains("`actionplan check`"), "{err}");
    }
    assert_eq!(code(&plan.run(&["show", "2.7"])), 1);
}

#[test]
fn warnings_do_not_stop_a_report_but_are_mentioned() {
    let plan = TestPlan::bundled();
    plan.write("notes.txt", "x");
    let output = plan.run(&["overdue", "--as-of", "2009-07-01", "--format", "csv"]);
    assert_eq!(code(&output), 0);
    assert!(stderr(&output).contains("1 warning"), "{}", stderr(&output));
}

#[test]
fn a_closed_pipe_is_a_clean_exit() {
    // Every report that streams its rows, in each way it writes them.
    let commands: [&[&str]; 12] = [
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["overdue", "--as-of", "2009-07-01"],
        &["leads", "--format", "markdown"],
        &["export"],
        &["export", "--format", "json"],
        &["digest", "--as-of", "2009-07-01"],
        &["digest", "--format", "html", "--as-of", "2009-07-01"],
        &["request", "list", "--format", "csv"],
        &["meeting", "list"],
        &["trajectory", "--as-of", "2009-07-01", "--format", "csv"],
        &["trajectory", "--as-of", "2009-07-01"],
    ];
    for args in commands {
        let (status, err) = into_closed_pipe(repo(), args);
        assert_eq!(status, Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn tables_are_plain_when_piped_and_fit_the_width() {
    let table = stdout(&run(&["overdue", "--as-of", "2009-07-01"]));
    assert!(!table.contains('\x1b'));
    assert!(
        table.lines().all(|l| l.chars().count() <= 120),
        "wrapped to 120 columns when piped"
    );
    let narrow = stdout(
        &actionplan(repo())
            .env("COLUMNS", "80")
            .args(["--plan", "plan", "overdue", "--as-of", "2009-07-01"])
            .output()
            .unwrap(),
    );
    assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
    let coloured = stdout(&run(&["--color", "always", "list", "--status", "blue"]));
    assert!(coloured.contains("\x1b["), "{coloured}");
}

#[test]
fn snapshots_of_the_weekly_questions() {
    insta::assert_snapshot!(
        "overdue-dcs",
        stdout(&run(&["overdue", "--as-of", "2009-07-01", "--lead", "dcs"]))
    );
    insta::assert_snapshot!("leads", stdout(&run(&["leads", "--as-of", "2009-07-01"])));
    insta::assert_snapshot!(
        "show-2.7",
        stdout(&run(&["show", "2.7", "--as-of", "2009-07-01"]))
    );
    insta::assert_snapshot!(
        "show-1.2b-markdown",
        stdout(&run(&[
            "show",
            "1.2b",
            "--as-of",
            "2009-07-01",
            "--format",
            "markdown"
        ]))
    );
}
