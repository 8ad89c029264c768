//! The workbooks (`--format xlsx`) read back with the calamine crate: the
//! cells of the CSV, typed (refs text, dates dates, days numbers), never
//! a formula; the summary sheet; which commands write one, and where.

use std::fs;
use std::path::Path;

use actionplan::render::csv::neutralise;
use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::support::{TestPlan, code, on_terminal, read_csv, stderr, stdout};

type Rows = Vec<Vec<Data>>;

/// Runs `args` with `-o NAME` in the plan's root; returns the file written.
fn written(plan: &TestPlan, args: &[&str], name: &str) -> std::path::PathBuf {
    let path = plan.root().join(name);
    let output = plan.run(&[args, &["-o", path.to_str().unwrap()]].concat());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    path
}

/// Every row of a sheet, header first.
pub fn sheet(path: &Path, name: &str) -> Rows {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the workbook");
    let range = book.worksheet_range(name).expect("the sheet");
    assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn sheet_names(path: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names()
}

/// Every formula in the workbook, by sheet and cell.
fn formulas(path: &Path) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut found = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_formula(&name).unwrap();
        let (top, left) = range.start().unwrap_or_default();
        for (row, col, formula) in range.used_cells() {
            if !formula.is_empty() {
                let (row, col) = (top as usize + row, left as usize + col);
                found.push(format!("{name}!{row},{col}: {formula}"));
            }
        }
    }
    found
}

/// A cell as the CSV writes it: text as is (the CSV may have put a `'`
/// before a formula trigger), dates ISO, numbers as integers.
fn as_csv(cell: &Data) -> String {
    match cell {
        Data::String(text) => text.clone(),
        Data::DateTime(date) => date.as_datetime().unwrap().date().to_string(),
        Data::Float(n) => format!("{n}"),
        Data::Empty => String::new(),
        other => panic!("an unexpected cell: {other:?}"),
    }
}

fn column(rows: &Rows, header: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| c == &Data::String(header.into()))
        .unwrap_or_else(|| panic!("no column {header}"))
}

/// The workbook of `args` holds the rows of `csv_args`, cell for cell.
fn same_cells_as_csv(plan: &TestPlan, args: &[&str], csv_args: &[&str]) -> Rows {
    let book = written(plan, args, "out.xlsx");
    let rows = sheet(&book, "Actions");
    let csv = read_csv(&plan.run(csv_args).stdout);
    assert_eq!(rows.len(), csv.len(), "one row per CSV row");
    for (row, csv_row) in rows.iter().zip(&csv) {
        assert_eq!(row.len(), csv_row.len());
        for (cell, csv_cell) in row.iter().zip(csv_row) {
            let ours = as_csv(cell);
            assert!(
                *csv_cell == ours || *csv_cell == neutralise(&ours),
                "{cell:?} against the CSV's {csv_cell:?}"
            );
        }
    }
    rows
}

const AS_OF: [&str; 2] = ["--as-of", "2009-07-01"];

#[test]
fn the_export_workbook_holds_every_row_of_the_csv_with_types() {
    let plan = TestPlan::bundled();
    let rows = same_cells_as_csv(
        &plan,
        &[&["export", "--format", "xlsx"], &AS_OF[..]].concat(),
        &[&["export"], &AS_OF[..]].concat(),
    );
    let refs: Vec<&Data> = rows[1..].iter().map(|r| &r[0]).collect();
    assert!(
        refs.iter().all(|r| matches!(r, Data::String(_))),
        "{refs:?}"
    );
    for reference in ["2.10", "4.10"] {
        assert!(
            refs.contains(&&Data::String(reference.into())),
            "{reference}"
        );
    }
    let due = column(&rows, "Due");
    let days = column(&rows, "Days overdue");
    let updated = column(&rows, "Updated on");
    for row in &rows[1..] {
        assert!(
            matches!(row[due], Data::DateTime(_) | Data::Empty),
            "{row:?}"
        );
        assert!(matches!(row[updated], Data::DateTime(_) | Data::Empty));
        assert!(matches!(row[days], Data::Float(_) | Data::Empty));
    }
    let dated = rows[1..].iter().filter(|r| r[due] != Data::Empty).count();
    assert!(dated > 40, "most actions have a due date");
    assert!(rows[1..].iter().any(|r| r[days] == Data::Float(123.0)));
}

#[test]
fn list_and_overdue_workbooks_hold_the_rows_of_their_csv() {
    let plan = TestPlan::bundled();
    for command in ["list", "overdue"] {
        let rows = same_cells_as_csv(
            &plan,
            &[&[command, "--format", "xlsx"], &AS_OF[..]].concat(),
            &[&[command, "--format", "csv"], &AS_OF[..]].concat(),
        );
        assert!(rows.len() > 30, "{command}");
    }
}

#[test]
fn no_cell_is_a_formula_and_hostile_text_stays_text() {
    let plan = hostile_plan();
    let book = written(&plan, &[&["export"], &AS_OF[..]].concat(), "hostile.xlsx");
    assert_eq!(formulas(&book), Vec::<String>::new());
    let rows = sheet(&book, "Actions");
    let text = column(&rows, "Recommendation");
    let cell = |reference: &str| -> String {
        let row = rows.iter().find(|r| r[0] == Data::String(reference.into()));
        as_csv(&row.unwrap()[text])
    };
    assert!(cell("1.1").starts_with("=2*21"), "{}", cell("1.1"));
    assert!(cell("1.2").starts_with("@SUM(A1:A9)"));
    assert!(cell("1.3").starts_with(&"x".repeat(5_000)));
    assert!(cell("1.4").starts_with("مراجعة الخطة"));
    assert!(cell("2.1").starts_with("Board 👩🏽‍💼 approved ✅"));
    assert!(
        cell("2.2").starts_with("bell\u{FFFD} non\u{FFFD} escape\u{FFFD}[31m"),
        "{:?}",
        cell("2.2")
    );
    assert!(cell("2.3").starts_with("+44 1432 260000"));
}

#[test]
fn the_formula_check_finds_a_formula_where_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("formula.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "=1+1").unwrap();
    sheet.write_formula(1, 0, "=2*21").unwrap();
    book.save(&path).unwrap();
    assert_eq!(formulas(&path), ["Sheet1!1,0: 2*21"]);
}

/// The bundled plan with text that spreadsheets and XML find hard opening
/// some recommendations (TOML escapes).
pub fn hostile_plan() -> TestPlan {
    let plan = TestPlan::bundled();
    let long = "x".repeat(5_000);
    let texts = [
        ("1/1.1.toml", "=2*21".to_string()),
        ("1/1.2.toml", "@SUM(A1:A9)".to_string()),
        ("1/1.3.toml", long),
        ("1/1.4.toml", "مراجعة الخطة".to_string()),
        ("2/2.1.toml", "Board 👩🏽‍💼 approved ✅".to_string()),
        (
            "2/2.2.toml",
            "bell\\u0007 non\\uFFFE escape\\u001b[31m".to_string(),
        ),
        ("2/2.3.toml", "+44 1432 260000".to_string()),
    ];
    for (file, text) in texts {
        let field = "recommendation = \"";
        plan.edit(file, field, &format!("{field}{text} "));
    }
    plan
}

#[test]
fn the_summary_sheet_counts_by_section_and_status() {
    let plan = TestPlan::bundled();
    let book = written(&plan, &[&["export"], &AS_OF[..]].concat(), "plan.xlsx");
    assert_eq!(sheet_names(&book), ["Actions", "Summary"]);
    let rows = sheet(&book, "Summary");
    assert_eq!(
        rows[0][0],
        Data::String("Safeguarding Children Action Plan".into())
    );
    let fact = |label: &str| {
        let row = rows.iter().find(|r| r[0] == Data::String(label.into()));
        row.map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("no {label}"))
    };
    assert!(matches!(fact("As of"), Data::DateTime(_)));
    assert_eq!(
        fact("Made from"),
        Data::String("files not kept in git".into())
    );
    assert_eq!(fact("Contents"), Data::String("Every action".into()));
    let header = rows
        .iter()
        .position(|r| r[0] == Data::String("Section".into()));
    let header = &rows[header.expect("the counts table")];
    let total = rows
        .iter()
        .find(|r| r[0] == Data::String("Total".into()))
        .unwrap();
    let count = |name: &str| {
        let at = header.iter().position(|c| c == &Data::String(name.into()));
        total[at.unwrap_or_else(|| panic!("no {name}"))].clone()
    };
    assert_eq!(count("Total"), Data::Float(46.0));
    assert_eq!(count("Complete (blue)"), Data::Float(4.0));
    assert_eq!(count("Deferred"), Data::Float(1.0));
    let sections: Vec<String> = rows
        .iter()
        .skip_while(|r| r[0] != header[0])
        .skip(1)
        .map(|r| as_csv(&r[0]))
        .collect();
    assert_eq!(sections, ["1", "2", "3", "4", "Total"]);
}

#[test]
fn a_committed_plan_names_its_commit() {
    let plan = TestPlan::bundled();
    plan.commit_all("Import the plan");
    let hash = plan.git(&["rev-parse", "HEAD"]);
    let book = written(&plan, &[&["overdue"], &AS_OF[..]].concat(), "overdue.xlsx");
    let rows = sheet(&book, "Summary");
    let made_from = format!(
        "the plan as recorded on 2 July 2009, revision {}",
        &hash[..7]
    );
    assert!(
        rows.iter().any(|r| r[1] == Data::String(made_from.clone())),
        "{made_from}"
    );
    let contents = "Overdue actions, oldest due first";
    assert!(rows.iter().any(|r| r[1] == Data::String(contents.into())));
}

#[test]
fn the_same_plan_and_date_give_the_same_workbook() {
    let plan = TestPlan::bundled();
    let args = [&["export"], &AS_OF[..]].concat();
    let first = fs::read(written(&plan, &args, "a.xlsx")).unwrap();
    let second = fs::read(written(&plan, &args, "b.xlsx")).unwrap();
    assert!(first.starts_with(b"PK\x03\x04"), "a zip");
    assert!(first == second, "the same bytes");
}

#[test]
fn the_extension_of_the_file_picks_the_format() {
    let plan = TestPlan::bundled();
    let starts = |args: &[&str], name: &str| -> Vec<u8> {
        let bytes = fs::read(written(&plan, args, name)).unwrap();
        bytes[..4.min(bytes.len())].to_vec()
    };
    assert_eq!(starts(&["export"], "a.xlsx"), b"PK\x03\x04");
    assert_eq!(starts(&["export"], "a.XLSX"), b"PK\x03\x04");
    assert_eq!(starts(&["export"], "a.json"), b"[\n  ");
    assert_eq!(starts(&["export"], "a.csv"), b"\xEF\xBB\xBFR");
    assert_eq!(
        starts(&["export"], "a.txt"),
        b"\xEF\xBB\xBFR",
        "CSV otherwise"
    );
    assert_eq!(
        starts(&["export", "--format", "csv"], "b.xlsx"),
        b"\xEF\xBB\xBFR"
    );
    assert_eq!(starts(&["list"], "l.xlsx"), b"PK\x03\x04");
    assert_eq!(starts(&["list"], "l.csv"), b"Ref,");
    assert_eq!(starts(&["overdue"], "o.json"), b"[\n  ");
    assert_eq!(starts(&["overdue"], "o.md"), b"| Re");
    assert_eq!(starts(&["list"], "l.txt"), "┌─".as_bytes()[..4].to_vec());
}

#[test]
fn a_workbook_goes_to_a_pipe_but_never_to_a_terminal() {
    let plan = TestPlan::bundled();
    for command in ["export", "list", "overdue"] {
        let piped = plan.run(&[command, "--format", "xlsx"]);
        assert_eq!(code(&piped), 0, "{}", stderr(&piped));
        assert!(piped.stdout.starts_with(b"PK\x03\x04"), "{command}");
        let run = on_terminal(&plan, &[command, "--format", "xlsx"]);
        assert_eq!(run.status.code(), Some(2), "{command}");
        assert!(run.screen.is_empty(), "{command}: nothing written");
        assert!(
            run.stderr
                .contains("is a binary file, and is not written to a terminal")
                && run.stderr.contains("-o FILE"),
            "{}",
            run.stderr
        );
    }
    let output = plan.run(&["export", "--format", "xlsx", "-o", "/dev/full"]);
    assert_eq!(code(&output), 2, "a device is refused, as for CSV");
}

#[test]
fn a_workbook_is_written_in_place_to_standard_error_when_that_is_a_pipe() {
    let plan = TestPlan::bundled();
    let output = crate::support::actionplan(plan.root())
        .args([
            "--plan",
            "plan",
            "export",
            "--format",
            "xlsx",
            "-o",
            "/dev/stderr",
        ])
        .output()
        .unwrap();
    // Standard error is a pipe here: written in place, not refused.
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(output.stderr.starts_with(b"PK"));
}

#[test]
fn commands_without_workbooks_refuse_xlsx_as_a_usage_error() {
    let plan = TestPlan::bundled();
    for args in [
        &["leads", "--format", "xlsx"][..],
        &["show", "1.1", "--format", "xlsx"],
        &["history", "1.1", "--format", "xlsx"],
        &["changes", "--since", "HEAD", "--format", "xlsx"],
        &["digest", "--format", "xlsx"],
        &["check", "--format", "xlsx"],
    ] {
        let output = plan.run(args);
        assert_eq!(code(&output), 2, "{args:?}");
        assert!(stdout(&output).is_empty());
        assert!(
            stderr(&output).contains("invalid value 'xlsx'"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn an_empty_selection_gives_a_workbook_with_its_header() {
    let plan = TestPlan::bundled();
    let args = ["list", "--status", "at_risk"];
    let book = written(&plan, &args, "none.xlsx");
    let rows = sheet(&book, "Actions");
    assert_eq!(rows.len(), 1, "the header row alone");
    let summary = sheet(&book, "Summary");
    let contents = Data::String("Actions with status at_risk, in ref order".into());
    assert!(summary.iter().any(|r| r[1] == contents), "{summary:?}");
}
