//! What the committee receives: the CSV appendix read back by the csv
//! crate and by Python, the markdown digest through pandoc, the HTML digest
//! parsed as XML, and the papers' own snapshots.

use std::fs;
use std::process::Command;

use serde_json::Value;

use crate::support::{TestPlan, actionplan, available, code, read_csv, repo, stderr, stdout};

fn export(plan: &TestPlan, args: &[&str]) -> Vec<u8> {
    let output = plan.run(&[&["export", "--as-of", "2009-07-01"], args].concat());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    output.stdout
}

#[test]
fn the_csv_is_excel_ready_by_default() {
    let bytes = export(&TestPlan::bundled(), &[]);
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFRef,Action,Section,Section title,"),
        "a BOM, then the header"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "CRLF line ends"
    );
    assert_eq!(text.matches("\r\n").count(), 47);
    let rows = read_csv(&bytes);
    assert_eq!(rows.len(), 47);
    assert_eq!(
        rows[0],
        [
            "Ref",
            "Action",
            "Section",
            "Section title",
            "Recommendation",
            "Action text",
            "Timescale",
            "Due",
            "Status",
            "RAG",
            "Lead",
            "Success indicators",
            "Resources",
            "Latest update",
            "Updated on",
            "Overdue",
            "Days overdue",
            "No data"
        ]
    );
    let r12b = rows.iter().find(|r| r[0] == "1.2" && r[1] == "b").unwrap();
    assert_eq!(r12b[6], "July – Sept 09 January 2010", "– survives");
    assert_eq!(r12b[7], "2010-01-31");
}

#[test]
fn no_bom_leaves_out_only_the_bom() {
    let plan = TestPlan::bundled();
    let with = export(&plan, &[]);
    let without = export(&plan, &["--no-bom"]);
    assert_eq!(&with[3..], without.as_slice());
}

#[test]
fn the_same_plan_and_date_give_the_same_bytes() {
    let plan = TestPlan::bundled();
    assert_eq!(export(&plan, &[]), export(&plan, &[]));
    assert_eq!(
        export(&plan, &["--format", "json"]),
        export(&plan, &["--format", "json"])
    );
}

#[test]
fn python_reads_the_same_cells_as_the_csv_crate() {
    if !available("python3") {
        return;
    }
    let plan = TestPlan::bundled();
    let path = plan.root().join("appendix.csv");
    fs::write(&path, export(&plan, &[])).unwrap();
    let script = "import csv, json, sys\n\
                  with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n    \
                  print(json.dumps(list(csv.reader(f))))";
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let python: Vec<Vec<String>> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(python, read_csv(&fs::read(&path).unwrap()));
    assert_eq!(python[0][0], "Ref", "BOM stripped, header first");
}

#[test]
fn every_formula_trigger_is_neutralised() {
    let plan = TestPlan::bundled();
    let triggers = ["=", "+", "-", "@", "\\t", "\\r", "\\n"];
    for (i, trigger) in triggers.iter().enumerate() {
        let text = format!("{trigger}HYPERLINK(\\\"http://evil.example\\\") {i}");
        plan.edit("3/3.4.toml", "text = \"", &format!("text = \"{text} "));
        let rows = read_csv(&export(&plan, &[]));
        let cell = &rows.iter().find(|r| r[0] == "3.4").unwrap()[5];
        assert!(cell.starts_with('\''), "{trigger}: {cell:?}");
        plan.write(
            "3/3.4.toml",
            fs::read(repo().join("plan/3/3.4.toml")).unwrap(),
        );
    }
    for row in read_csv(&export(&plan, &[])) {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn json_export_is_every_action_with_every_field() {
    let json: Value =
        serde_json::from_slice(&export(&TestPlan::bundled(), &["--format", "json"])).unwrap();
    let actions = json.as_array().unwrap();
    assert_eq!(actions.len(), 46);
    let first = &actions[0];
    for field in [
        "ref",
        "action",
        "address",
        "section",
        "section_title",
        "recommendation",
        "text",
        "steps",
        "timescale",
        "due",
        "status",
        "rag",
        "lead",
        "lead_ids",
        "success",
        "resources",
        "overdue",
        "overdue_since",
        "days_overdue",
        "no_data",
        "latest_update",
        "latest_note",
    ] {
        assert!(first.get(field).is_some(), "{field} missing");
    }
}

#[test]
fn exports_take_the_query_filters() {
    let rows = read_csv(&export(
        &TestPlan::bundled(),
        &["--section", "3", "--status", "complete"],
    ));
    let refs: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(refs, ["3.3", "3.6"]);
}

#[test]
fn output_files_are_written_whole_or_not_at_all() {
    let plan = TestPlan::bundled();
    let target = plan.root().join("appendix.csv");
    fs::write(&target, "last quarter's appendix").unwrap();
    let output = plan.run(&["export", "-o", target.to_str().unwrap()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    assert!(fs::read(&target).unwrap().starts_with(b"\xEF\xBB\xBFRef,"));
    let nowhere = plan.root().join("no-such-folder/appendix.csv");
    let output = plan.run(&["digest", "-o", nowhere.to_str().unwrap()]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no-such-folder"),
        "{}",
        stderr(&output)
    );
    let leftovers: Vec<_> = fs::read_dir(plan.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

fn digest(plan: &TestPlan, args: &[&str]) -> String {
    let output = plan.run(&[&["digest"], args].concat());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    stdout(&output)
}

fn committed_plan() -> TestPlan {
    let plan = TestPlan::bundled();
    plan.commit_all("Import the Herefordshire plan");
    plan
}

#[test]
fn the_digest_names_its_commit_and_warns_of_uncommitted_changes() {
    let plan = committed_plan();
    let hash = plan.git(&["rev-parse", "HEAD"]);
    let paper = digest(&plan, &["--as-of", "2009-07-01"]);
    assert!(
        paper.contains(&format!(
            "the plan as recorded on 2 July 2009, revision {}",
            &hash[..7]
        )),
        "{paper}"
    );
    assert!(
        paper.contains(&format!("Made from git commit {}.", hash.trim())),
        "{paper}"
    );
    assert!(!paper.contains("Warning"), "{paper}");
    plan.edit(
        "1/1.1.toml",
        "status = \"not_started\"",
        "status = \"on_track\"",
    );
    let paper = digest(&plan, &["--as-of", "2009-07-01"]);
    assert!(
        paper.contains("> **Warning:** the plan has changes that are not committed"),
        "{paper}"
    );
    let loose = TestPlan::bundled();
    assert!(digest(&loose, &[]).contains("> **Warning:** the plan is not committed to git"));
}

#[test]
fn pandoc_sees_every_table_and_every_overdue_action() {
    if !available("pandoc") {
        return;
    }
    let plan = committed_plan();
    let paper = digest(&plan, &["--as-of", "2009-07-01"]);
    let path = plan.root().join("digest.md");
    fs::write(&path, &paper).unwrap();
    let html = Command::new("pandoc")
        .args(["-f", "gfm", "-t", "html"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        html.status.success(),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    let html = String::from_utf8(html.stdout).unwrap();
    let tables_in_markdown = paper.lines().filter(|l| l.starts_with("|---")).count();
    assert_eq!(html.matches("<table>").count(), tables_in_markdown);
    assert!(tables_in_markdown >= 10);
    let overdue = stdout(&plan.run(&["overdue", "--as-of", "2009-07-01", "--format", "json"]));
    for action in serde_json::from_str::<Value>(&overdue)
        .unwrap()
        .as_array()
        .unwrap()
    {
        let cell = format!("<td>{}</td>", action["address"].as_str().unwrap());
        assert!(html.contains(&cell), "{cell} is a row of the paper");
    }
    let docx = plan.root().join("digest.docx");
    let status = Command::new("pandoc")
        .arg(&path)
        .arg("-o")
        .arg(&docx)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        fs::read(&docx).unwrap().starts_with(b"PK"),
        "a .docx is a zip"
    );
}

#[test]
fn the_html_digest_is_well_formed_with_one_bar_per_section() {
    let plan = committed_plan();
    let html = digest(&plan, &["--as-of", "2009-07-01", "--format", "html"]);
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("not well-formed: {e}"));
    let headings: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("h2"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        headings,
        [
            "Summary",
            "Overdue actions by lead officer",
            "No data this period",
            "Progress since the last meeting",
            "Changes since the last meeting",
            "Status at the last meetings",
            "Deadlines moved since the last meeting",
            "Contradictions",
            "Due before the next meeting",
            "Completed",
            "Deferred",
            "Committee requests"
        ]
    );
    let bars = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("bar"))
        .count();
    assert_eq!(bars, 4);
    for forbidden in ["<script", "http://", "https://", "@import", "<link"] {
        let outside_svg_namespace = html.replace("http://www.w3.org/2000/svg", "");
        assert!(
            !outside_svg_namespace.contains(forbidden),
            "self-contained: no {forbidden}"
        );
    }
    assert!(html.contains("@page { size: A4"));
}

#[test]
fn progress_and_due_dates_follow_the_meetings() {
    let plan = TestPlan::bundled();
    plan.edit(
        "plan.toml",
        "[[meetings]]\nname = \"Scrutiny Committee\"\n",
        "[[meetings]]\nname = \"Scrutiny Committee\"\n\n\
         [[meetings]]\nname = \"Scrutiny Committee\"\ndate = 2009-04-14\n\n\
         [[meetings]]\nname = \"Scrutiny Committee\"\ndate = 2009-07-14\n\n\
         [[meetings]]\nname = \"Scrutiny Committee\"\ndate = 2009-10-13\n",
    );
    plan.edit(
        "4/4.3.toml",
        "status = \"not_started\"",
        "status = \"on_track\"\n\n[[actions.updates]]\ndate = 2009-05-20\nstatus = \"on_track\"\nnote = \"Training needs | identified\"\nby = \"Team Manager\"",
    );
    let paper = digest(&plan, &["--as-of", "2009-07-01"]);
    assert!(
        paper.contains("**Progress since:** 14 April 2009 (the last meeting)"),
        "{paper}"
    );
    assert!(
        paper.contains("**Due before:** 14 July 2009 (the next meeting)"),
        "{paper}"
    );
    assert!(paper.contains("| 20 May 2009 | 4.3 | On track (green) | Training needs \\| identified | Team Manager |"), "{paper}");
    let later = digest(&plan, &["--as-of", "2009-07-01", "--since", "2009-06-01"]);
    assert!(
        later.contains("No updates were recorded in that time."),
        "{later}"
    );
}

#[test]
fn the_digest_of_the_bundled_plan() {
    let plan = committed_plan();
    insta::assert_snapshot!(
        "digest-2009-07-01",
        digest(&plan, &["--as-of", "2009-07-01"])
    );
    insta::assert_snapshot!(
        "digest-2010-02-01",
        digest(&plan, &["--as-of", "2010-02-01"])
    );
}

#[test]
fn a_broken_plan_gets_no_papers() {
    let plan = TestPlan::bundled();
    plan.edit("1/1.1.toml", "due = 2009-04-30", "due = 2009-04-31");
    for command in ["export", "digest"] {
        let output = plan.run(&[command]);
        assert_eq!(code(&output), 1, "{command}");
        assert!(stdout(&output).is_empty(), "{command}");
    }
    let output = actionplan(plan.root())
        .args(["--plan", "plan", "digest", "-o", "paper.md"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 1);
    assert!(!plan.root().join("paper.md").exists());
}

#[test]
fn a_plan_with_no_recommendations_gives_empty_papers_not_errors() {
    let plan = TestPlan::fixture("valid/minimal");
    fs::remove_dir_all(plan.path("1")).unwrap();
    let csv = read_csv(&export(&plan, &["--no-bom"]));
    assert_eq!(csv.len(), 1, "the header row alone");
    assert_eq!(
        stdout(&plan.run(&["export", "--format", "json"])).trim(),
        "[]"
    );
    assert_eq!(
        stdout(&plan.run(&["list", "--format", "json"])).trim(),
        "[]"
    );
    let markdown = digest(&plan, &["--as-of", "2009-07-01"]);
    assert!(markdown.contains("No action is overdue."), "{markdown}");
    let html = digest(&plan, &["--as-of", "2009-07-01", "--format", "html"]);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(&html, options).expect("well-formed");
}

#[test]
fn list_as_markdown_has_every_column_and_every_word() {
    let plan = TestPlan::bundled();
    let markdown = stdout(&plan.run(&["list", "--format", "markdown", "--as-of", "2009-07-01"]));
    let csv = stdout(&plan.run(&["list", "--format", "csv", "--as-of", "2009-07-01"]));
    let header = markdown.lines().next().unwrap();
    let csv_header = csv.lines().next().unwrap();
    assert_eq!(
        header.matches(" | ").count() + 1,
        csv_header.split(',').count(),
        "{header}"
    );
    assert!(!markdown.contains('…'), "nothing cut");
    assert!(
        markdown.contains("Tender/design services"),
        "the longest actions in full"
    );
}
