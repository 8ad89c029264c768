//! Returns as an office really sends them back: a CSV saved with
//! semicolons, a sheet of the officer's own in front of the form, a form
//! saved as CSV from its workbook, dates typed "1st July 2009", the same
//! form applied again after the plan moved on, and last quarter's wording
//! on this quarter's form.

use crate::returns::{commits, committed, csv_form_filled, fill, issue, python};
use crate::support::{code, python_module, stderr, stdout};

#[test]
fn a_csv_return_saved_with_semicolons_is_read() {
    let plan = committed();
    issue(&plan, &["--format", "csv"]);
    let path = plan.root().join("forms/dcs.csv");
    let rows = csv_form_filled(
        &plan,
        "1.3",
        &[
            ("New status", "Amber"),
            ("Progress note", "Partner meeting; dataset drafted, 14 Sept"),
            ("Date of return", "22/09/2009"),
        ],
    );
    // As LibreOffice or Excel in much of Europe saves it.
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(&path)
        .unwrap();
    for r in &rows {
        out.write_record(r).unwrap();
    }
    out.flush().unwrap();
    let before = commits(&plan);
    let output = plan.run(&["apply", "forms/dcs.csv"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(commits(&plan), before + 1);
    let file = plan.read("1/1.3.toml");
    assert!(
        file.contains("status = \"at_risk\"")
            && file.contains("Partner meeting; dataset drafted, 14 Sept")
            && file.contains("date = 2009-09-22"),
        "{file}"
    );
}

#[test]
fn a_sheet_the_officer_added_in_front_of_the_form_is_said_and_the_form_applied() {
    if !python_module("openpyxl") {
        return;
    }
    let plan = committed();
    issue(&plan, &[]);
    fill(
        &plan,
        "dcs.xlsx",
        &[
            ("1.1", "New status", "'Green'"),
            ("1.1", "Date of return", "'1st July 2009'"),
        ],
    );
    python(
        &plan,
        "wb = openpyxl.load_workbook('forms/dcs.xlsx')\n\
         ws = wb.create_sheet('My notes', 0)\n\
         ws['A1'] = 'Ask Jo about 2.2'\n\
         wb.save('forms/dcs.xlsx')\n",
    );
    let before = commits(&plan);
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    let said = stdout(&output);
    assert_eq!(code(&output), 0, "{said}{}", stderr(&output));
    assert!(
        said.contains("note: sheet “My notes” is not part of the form: nothing on it is recorded"),
        "{said}"
    );
    assert_eq!(commits(&plan), before + 1);
    let file = plan.read("1/1.1.toml");
    assert!(
        file.contains("status = \"on_track\"") && file.contains("date = 2009-07-01"),
        "{file}"
    );
}

#[test]
fn a_form_saved_as_csv_from_its_workbook_is_refused_with_what_to_do() {
    if !python_module("openpyxl") {
        return;
    }
    let plan = committed();
    issue(&plan, &[]);
    fill(&plan, "dcs.xlsx", &[("1.1", "New status", "'Green'")]);
    // "Save as CSV" keeps the sheet on show and drops the hidden one.
    python(
        &plan,
        "import csv\nws = openpyxl.load_workbook('forms/dcs.xlsx')['Return']\n\
         with open('forms/dcs.csv', 'w', newline='', encoding='utf-8') as f:\n    \
         csv.writer(f, delimiter=';').writerows(ws.iter_rows(values_only=True))\n",
    );
    let before = commits(&plan);
    let output = plan.run(&["apply", "forms/dcs.csv"]);
    assert_eq!(code(&output), 1);
    let said = stderr(&output);
    assert!(
        said.contains("is lost when a form is saved as CSV")
            && said.contains("Apply the form's workbook (.xlsx) as it came back"),
        "{said}"
    );
    assert_eq!(commits(&plan), before);
}

#[test]
fn a_form_applied_again_after_the_plan_moved_on_records_nothing_even_when_forced() {
    if !python_module("openpyxl") {
        return;
    }
    let plan = committed();
    issue(&plan, &[]);
    fill(
        &plan,
        "dcs.xlsx",
        &[
            ("2.2", "New status", "'green'"),
            ("2.2", "Progress note", "'Statement drafted'"),
            ("2.2", "Date of return", "'21/09/2009'"),
            ("3.7", "New status", "'R'"),
            ("3.7", "Date of return", "'21/09/2009'"),
        ],
    );
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    for (reference, status, note) in [("2.2", "at_risk", "Slipped"), ("3.7", "on_track", "Agreed")]
    {
        let output = plan.run(&[
            "update",
            reference,
            "--status",
            status,
            "--note",
            note,
            "--date",
            "2009-09-25",
        ]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
    }
    let before = commits(&plan);
    for args in [
        &["apply", "forms/dcs.xlsx"][..],
        &["apply", "forms/dcs.xlsx", "--force"][..],
    ] {
        let output = plan.run(args);
        let said = stdout(&output);
        assert_eq!(code(&output), 0, "{args:?}: {said}{}", stderr(&output));
        assert!(said.contains("2.2: already recorded"), "{args:?}: {said}");
        assert!(said.contains("3.7: already recorded"), "{args:?}: {said}");
        assert_eq!(commits(&plan), before, "{args:?}: nothing recorded twice");
    }
    let file = plan.read("2/2.2.toml");
    assert!(
        file.contains("status = \"at_risk\""),
        "not overwritten: {file}"
    );
    assert_eq!(file.matches("Statement drafted").count(), 1, "{file}");
    let file = plan.read("3/3.7.toml");
    assert!(
        file.contains("status = \"on_track\""),
        "not overwritten: {file}"
    );
}

#[test]
fn rows_held_back_are_counted_in_the_forms_last_line() {
    if !python_module("openpyxl") {
        return;
    }
    let plan = committed();
    issue(&plan, &[]);
    let output = plan.run(&[
        "update",
        "2.2",
        "--status",
        "at_risk",
        "--note",
        "Chased",
        "--date",
        "2009-08-01",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    fill(&plan, "dcs.xlsx", &[("2.2", "New status", "'green'")]);
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 1);
    let said = stdout(&output);
    assert!(
        !said.contains("every row is blank or already recorded"),
        "{said}"
    );
    assert!(
        said.contains("→ nothing recorded; 1 row held back because its action changed"),
        "{said}"
    );
    fill(&plan, "dcs.xlsx", &[("1.3", "New status", "'amber'")]);
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains(": 1 action; 1 row held back"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn last_quarters_wording_on_this_quarters_form_is_this_quarters_return() {
    if !python_module("openpyxl") {
        return;
    }
    let plan = committed();
    issue(&plan, &[]);
    fill(
        &plan,
        "dcs.xlsx",
        &[
            ("2.2", "New status", "'amber'"),
            ("2.2", "Progress note", "'No change'"),
            ("2.2", "Date of return", "'21/09/2009'"),
        ],
    );
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    let output = plan.run(&[
        "returns",
        "--out",
        "forms",
        "--as-of",
        "2009-10-01",
        "--by",
        "2009-12-15",
        "--force",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    fill(
        &plan,
        "dcs.xlsx",
        &[
            ("2.2", "New status", "'amber'"),
            ("2.2", "Progress note", "'No change'"),
            ("2.2", "Date of return", "'14/12/2009'"),
        ],
    );
    let before = commits(&plan);
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(commits(&plan), before + 1, "{}", stdout(&output));
    let file = plan.read("2/2.2.toml");
    assert!(
        file.contains("date = 2009-09-21") && file.contains("date = 2009-12-14"),
        "both quarters' returns: {file}"
    );
}
