//! `actionplan import` on council tables as councils keep them (under
//! tests/fixtures/tables/): title rows, keys under the table, heading rows,
//! refs that are not N.N, UK dates, progress columns. Each imported plan
//! passes `check` and answers `overdue` straight away.

use std::fs;
use std::path::PathBuf;

use crate::support::{actionplan, code, repo, stderr, stdout};

pub(crate) const AS_OF: &str = "2024-06-01";

pub(crate) struct Imported {
    dir: tempfile::TempDir,
    pub(crate) report: String,
}

impl Imported {
    pub(crate) fn plan(&self) -> PathBuf {
        self.dir.path().join("plan")
    }

    pub(crate) fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.plan().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}\n{}", self.report))
    }

    pub(crate) fn run(&self, args: &[&str]) -> std::process::Output {
        actionplan(self.dir.path())
            .args(["--plan", "plan"])
            .args(args)
            .output()
            .unwrap()
    }

    /// The recommendation files, relative to the plan, sorted.
    pub(crate) fn files(&self) -> Vec<String> {
        let mut files = Vec::new();
        let mut stack = vec![self.plan()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let relative = path.strip_prefix(self.plan()).unwrap();
                    let name = relative.to_string_lossy().into_owned();
                    if name != "plan.toml" && name != "officers.toml" {
                        files.push(name);
                    }
                }
            }
        }
        files.sort();
        files
    }

    /// `check` passes (warnings allowed), `overdue`, `list` and `digest` run.
    pub(crate) fn works(&self) {
        self.works_as_of(AS_OF);
    }

    /// As `works`, judged on `as_of`.
    pub(crate) fn works_as_of(&self, as_of: &str) {
        let check = self.run(&["check", "--as-of", as_of]);
        assert_eq!(code(&check), 0, "{}\n{}", stdout(&check), self.report);
        for args in [
            &["overdue", "--as-of", as_of][..],
            &["list", "--as-of", as_of],
            &["digest", "--as-of", as_of],
        ] {
            let output = self.run(args);
            assert_eq!(code(&output), 0, "{args:?}: {}", stderr(&output));
        }
    }
}

pub(crate) fn import(table: &str, extra: &[&str]) -> Imported {
    import_exiting(table, extra, 0)
}

/// As `import`, for a table that leaves `check` an error (exit 1).
pub(crate) fn import_exiting(table: &str, extra: &[&str], exit: i32) -> Imported {
    let dir = tempfile::tempdir().unwrap();
    let source = repo().join("tests/fixtures/tables").join(table);
    let output = actionplan(dir.path())
        .arg("import")
        .arg(&source)
        .args(["--out", "plan", "--report", "report.md"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(code(&output), exit, "{}", stderr(&output));
    // The report as the terminal shows it; report.md is the same, escaped
    // for markdown, as a checklist.
    let report = stderr(&output);
    let checklist = fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(checklist.contains("\n- [ ] row "), "{checklist}");
    Imported { dir, report }
}

pub(crate) fn has(report: &str, line: &str) {
    assert!(report.contains(line), "missing “{line}” in\n{report}");
}

#[test]
fn a_safeguarding_review_with_title_rows_and_a_key_below() {
    let plan = import("safeguarding_review.csv", &[]);
    plan.works();
    let settings = plan.read("plan.toml");
    assert!(
        settings.contains("title = \"Serious Case Review Child K: Action Plan\""),
        "{settings}"
    );
    assert!(settings.contains("organisation = \"Northshire Safeguarding Children Partnership\""));
    assert!(
        settings.contains("title = \"Working with fathers\""),
        "section titles kept"
    );
    assert_eq!(
        plan.files(),
        ["1/1.1.toml", "1/1.2.toml", "2/2.1.toml", "2/2.2.toml"]
    );
    // The key is not a row, and it reads the Assessment column.
    has(
        &plan.report,
        "- row 15: below the table (a key, notes or signatures), not a row: “1 Fully achieved”",
    );
    has(
        &plan.report,
        "row 7: status “1” read by the key under the table (“1 Fully achieved”) as complete",
    );
    let first = plan.read("1/1.1.toml");
    assert!(
        first.contains("status = \"complete\"") && first.contains("due = 2017-03-31"),
        "{first}"
    );
    // "Progress at Dec 2017" dates its cells.
    assert!(
        first.contains("[[actions.updates]]\ndate = 2017-12-31\nnote = \"Audit completed"),
        "{first}"
    );
    // "Phase 2 Mar 2017" is March, not 2 March, and the reading is reported.
    assert!(plan.read("1/1.2.toml").contains("due = 2017-03-31"));
    has(
        &plan.report,
        "row 8: timescale “Phase 1 completed Phase 2 Mar 2017”: “2” read as part of “phase 2”, not as a day",
    );
    // A range to its last named date; a dotted date; a school term.
    assert!(plan.read("2/2.1.toml").contains("due = 2017-09-30"));
    let fathers = plan.read("2/2.2.toml");
    assert!(
        fathers.contains("due = 2017-06-30") && fathers.contains("due = 2017-12-31"),
        "{fathers}"
    );
    // The further action's merged owner cell is carried down, and said so.
    has(
        &plan.report,
        "row 12: owner cell empty (merged with the row above?): Partnership Training Officer carried down from row 11",
    );
}

#[test]
fn an_audit_tracker_with_named_refs_and_revised_dates() {
    let plan = import(
        "audit_tracker.csv",
        &["--organisation", "Eastshire Council"],
    );
    plan.works();
    assert_eq!(
        plan.files(),
        [
            "21_BCFU_07.toml",
            "21_BCFU_10.toml",
            "21_PAY_02.toml",
            "21_PAY_03.toml"
        ]
    );
    let first = plan.read("21_BCFU_07.toml");
    assert!(first.contains("ref = \"21 BCFU 07\""));
    // The revised date is due; the original is kept as the timescale.
    assert!(
        first.contains("timescale = \"31/03/2022\"") && first.contains("due = 2022-09-30"),
        "{first}"
    );
    has(
        &plan.report,
        "row 3: due 2022-09-30 from the revised date “30/09/2022”",
    );
    assert!(
        plan.read("21_BCFU_10.toml")
            .contains("status = \"complete\""),
        "Implemented? Yes"
    );
    assert!(
        plan.read("21_PAY_02.toml")
            .contains("status = \"on_track\""),
        "Partly"
    );
    assert!(
        plan.read("21_PAY_03.toml").contains("due = 2022-12-31"),
        "Q3 2022/23"
    );
    has(
        &plan.report,
        "owner cell split at its line breaks or “;” into “Payroll Manager”, “HR Business Partner”",
    );
    // Named refs work with every command, in any case, sorted by number.
    let show = plan.run(&["show", "21 bcfu 07"]);
    assert_eq!(code(&show), 0, "{}", stderr(&show));
    let list = stdout(&plan.run(&["list", "--ref", "21 BCFU", "--format", "csv"]));
    let refs: Vec<&str> = list
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(refs, ["21 BCFU 07", "21 BCFU 10"], "{list}");
    let overdue = stdout(&plan.run(&["overdue", "--as-of", AS_OF, "--format", "csv"]));
    assert!(
        overdue.contains("21 BCFU 07") && !overdue.contains("21 BCFU 10"),
        "{overdue}"
    );
}

#[test]
fn a_send_written_statement_with_heading_rows_and_terms() {
    let plan = import("send_wsoa.csv", &[]);
    plan.works();
    let settings = plan.read("plan.toml");
    assert!(
        settings
            .contains("title = \"Area of weakness 1: The quality of EHC plans is too variable\""),
        "{settings}"
    );
    assert_eq!(plan.files(), ["1/1.toml", "2/2.toml"]);
    let first = plan.read("1/1.toml");
    assert_eq!(first.matches("[[actions]]").count(), 3, "{first}");
    for due in ["2023-12-31", "2024-03-31", "2024-07-31"] {
        assert!(first.contains(&format!("due = {due}")), "{due}: {first}");
    }
    // The merged Lead cell is carried down to every action beneath.
    assert_eq!(
        first.matches("lead = [\"Head of SEND\"]").count(),
        3,
        "{first}"
    );
    has(
        &plan.report,
        "row 3: read as a heading: section 1 “Area of weakness 1: The quality of EHC plans is too variable”",
    );
    has(&plan.report, "row 4: no ref: numbered 1 in order");
    let second = plan.read("2/2.toml");
    assert!(
        second.contains("due = 2023-12-31") && second.contains("due = 2024-03-31"),
        "{second}"
    );
    assert!(!plan.report.contains(
        "Area of weakness 1: The quality of EHC plans is too variable\" read as a recommendation"
    ));
}

#[test]
fn a_pdf_extracted_tracker_with_bare_number_refs_and_flattened_owners() {
    let plan = import(
        "pdf_tracker.csv",
        &["--organisation", "Southshire County Council"],
    );
    plan.works();
    // "1." … "5." are recommendations, not sections, in a table with no "1.1".
    assert_eq!(
        plan.files(),
        ["1.toml", "2.toml", "3.toml", "4.toml", "5.toml"]
    );
    assert!(plan.read("1.toml").contains("due = 2023-06-30"), "30.06.23");
    assert!(
        plan.read("2.toml").contains("due = 2012-09-30"),
        "June/July 2012 … September 2012"
    );
    let third = plan.read("3.toml");
    assert!(third.contains("due = 2017-03-31") && third.contains("status = \"off_track\""));
    // A flattened owner cell is not split into a spurious officer.
    let officers = plan.read("officers.toml");
    assert!(
        officers.contains("title = \"Head of Service MASH/ SA Head of Service SASF\""),
        "{officers}"
    );
    assert!(
        !officers.contains("\"SA Head of Service SASF\""),
        "{officers}"
    );
    has(
        &plan.report,
        "owner “Head of Service MASH/ SA Head of Service SASF” kept as one officer",
    );
    has(
        &plan.report,
        "owner “Head of Service SASF / Head of Service MASH” split into “Head of Service SASF”, “Head of Service MASH”",
    );
    assert_eq!(officers.matches("[[officers]]").count(), 3, "{officers}");
    assert!(plan.read("5.toml").contains("recurs = \"quarterly\""));
}

#[test]
fn a_board_business_plan_with_no_ref_column_and_a_dated_heading() {
    let plan = import("business_plan.csv", &["--reported", "2013-04-30"]);
    plan.works();
    let settings = plan.read("plan.toml");
    assert!(settings.contains("title = \"Business Plan 2012-2014\""));
    assert!(settings.contains("organisation = \"Westshire Safeguarding Adults Board\""));
    assert!(
        settings.contains("title = \"SHORT TERM TARGETS (by June 2013)\""),
        "{settings}"
    );
    assert_eq!(plan.files(), ["1/1.toml", "2/2.toml"]);
    let first = plan.read("1/1.toml");
    // The heading's timescale is carried to the action with none.
    assert!(
        first.contains("timescale = \"by June 2013\"\ndue = 2013-06-30"),
        "{first}"
    );
    has(
        &plan.report,
        "row 5: no timescale: the heading's “by June 2013” (row 4) carried down",
    );
    // --reported dates the "Latest update" cells.
    assert!(
        first.contains("date = 2013-04-30\nnote = \"Campaign launched in May.\""),
        "{first}"
    );
    let second = plan.read("2/2.toml");
    assert!(
        second.contains("due = 2013-03-31") && second.contains("due = 2013-12-31"),
        "{second}"
    );
    has(
        &plan.report,
        "no Ref column: recommendations take the number their text starts with, or are numbered in order",
    );
}

#[test]
fn undated_progress_is_kept_as_notes_and_the_plan_still_passes_check() {
    let plan = import("business_plan.csv", &[]);
    plan.works();
    let first = plan.read("1/1.toml");
    assert!(
        first.contains("notes = [\"Campaign launched in May.\"]"),
        "{first}"
    );
    assert!(
        !first.contains("[[actions.updates]]"),
        "no date is invented: {first}"
    );
    has(
        &plan.report,
        "- row 5: progress kept as a note with no date (`notes`)",
    );
    let show = stdout(&plan.run(&["show", "1a"]));
    assert!(show.contains("Campaign launched in May."), "{show}");
}

#[test]
fn a_markdown_table_with_prepared_officers_and_a_reported_date() {
    let officers = repo().join("tests/fixtures/tables/officers.toml");
    let officers = officers.to_str().unwrap();
    let plan = import(
        "improvement_plan.md",
        &["--officers", officers, "--reported", "2024-01-31"],
    );
    plan.works();
    assert_eq!(plan.files(), ["1/R1.toml", "1/R2.toml", "2/R3.toml"]);
    let settings = plan.read("plan.toml");
    assert!(
        settings.contains("title = \"Priority 1: Leadership and oversight\""),
        "{settings}"
    );
    has(
        &plan.report,
        "row 11: below the table (a key, notes or signatures), not a row: “Signed: Director of Children's Services”",
    );
    let first = plan.read("1/R1.toml");
    assert!(first.contains("due = 2023-09-30"), "Q2 2023/24: {first}");
    assert!(
        first.contains("date = 2024-01-31\nnote = \"Two practice weeks held.\""),
        "{first}"
    );
    // "DCS" and the full title are one prepared officer: nothing added.
    let written = plan.read("officers.toml");
    assert_eq!(written.matches("[[officers]]").count(), 2, "{written}");
    assert!(
        !plan.report.contains("not in --officers"),
        "{}",
        plan.report
    );
    let mine = stdout(&plan.run(&["list", "--lead", "dcs", "--format", "csv"]));
    assert_eq!(mine.lines().count(), 3, "R1 and R2 are the DCS's: {mine}");
}

#[test]
fn an_excel_workbook_with_a_merged_heading_and_date_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(0, 0, "Northshire Council").unwrap();
    sheet.write_string(1, 0, "Audit action plan").unwrap();
    for (col, header) in [
        "Ref",
        "Recommendation",
        "Agreed action",
        "Responsible officer",
        "Target date",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, col as u16, *header).unwrap();
    }
    sheet
        .merge_range(3, 0, 3, 4, "PRIORITY 1 RECOMMENDATIONS", &Format::new())
        .unwrap();
    sheet.write_string(4, 0, "R1").unwrap();
    sheet
        .write_string(4, 1, "Reconcile the ledger monthly.")
        .unwrap();
    sheet
        .write_string(4, 2, "Monthly reconciliation signed off")
        .unwrap();
    sheet.write_string(4, 3, "Finance Manager").unwrap();
    let day = ExcelDateTime::from_ymd(2023, 3, 31).unwrap();
    sheet.write_datetime_with_format(4, 4, &day, &date).unwrap();
    workbook.save(dir.path().join("plan.xlsx")).unwrap();
    let output = actionplan(dir.path())
        .args(["import", "plan.xlsx", "--out", "plan"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report = stderr(&output);
    has(
        &report,
        "row 4: read as a heading: section 1 “PRIORITY 1 RECOMMENDATIONS”",
    );
    let text = fs::read_to_string(dir.path().join("plan/1/R1.toml")).unwrap();
    assert!(text.contains("due = 2023-03-31"), "{text}");
    let settings = fs::read_to_string(dir.path().join("plan/plan.toml")).unwrap();
    assert!(
        settings.contains("organisation = \"Northshire Council\""),
        "{settings}"
    );
    assert!(
        settings.contains("title = \"Audit action plan\""),
        "{settings}"
    );
}
