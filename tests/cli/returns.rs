//! The quarterly returns loop on the real binary: forms issued by
//! `returns`, filled in by another library (Python's openpyxl, as an
//! officer's Excel would), taken back by `apply` as commits.

use std::path::Path;

use crate::support::{TestPlan, code, python_module, stderr, stdout};

const AS_OF: &str = "2009-07-01";

pub(crate) fn committed() -> TestPlan {
    let plan = TestPlan::bundled();
    plan.commit_all("Import the 2009 plan");
    plan
}

/// Issues xlsx forms (and chasers) into `<root>/forms`.
pub(crate) fn issue(plan: &TestPlan, extra: &[&str]) {
    let mut args = vec![
        "returns",
        "--out",
        "forms",
        "--as-of",
        AS_OF,
        "--by",
        "2009-09-30",
    ];
    args.extend_from_slice(extra);
    let output = plan.run(&args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

/// Runs a Python script with openpyxl in the plan's root.
pub(crate) fn python(plan: &TestPlan, script: &str) {
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(format!("import openpyxl, datetime\n{script}"))
        .current_dir(plan.root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Fills `form`'s row for each ref: (ref, column, Python value).
pub(crate) fn fill(plan: &TestPlan, form: &str, cells: &[(&str, &str, &str)]) {
    let mut script = format!(
        "wb = openpyxl.load_workbook('forms/{form}')\nws = wb['Return']\n\
         col = {{c.value: c.column for c in ws[4]}}\n\
         row = {{ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1)}}\n"
    );
    for (reference, column, value) in cells {
        script.push_str(&format!(
            "ws.cell(row['{reference}'], col['{column}']).value = {value}\n"
        ));
    }
    script.push_str(&format!("wb.save('forms/{form}')\n"));
    python(plan, &script);
}

pub(crate) fn commits(plan: &TestPlan) -> usize {
    plan.git(&["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn an_officers_filled_form_becomes_one_commit_and_a_second_apply_records_nothing() {
    if !python_module("openpyxl") {
        return;
    }
    let plan = committed();
    issue(&plan, &[]);
    fill(
        &plan,
        "dcs.xlsx",
        &[
            ("1.1", "New status", "'On Track'"),
            (
                "1.1",
                "Progress note",
                "'Trust board met.\\nNext step agreed.'",
            ),
            ("1.1", "Date of return", "'20/09/2009'"),
            ("2.2", "New status", "'g'"),
            ("2.2", "Revised due date", "datetime.date(2009, 12, 31)"),
            ("2.2", "Reason for the move", "'Waiting for the Board'"),
            ("2.2", "Date of return", "datetime.datetime(2009, 9, 21)"),
            ("3.7", "New status", "'COMPLETED'"),
            ("3.7", "Date of return", "'21.09.09'"),
        ],
    );
    let before = commits(&plan);
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    let said = stdout(&output);
    assert!(
        said.contains("1.1: status not_started → on_track"),
        "{said}"
    );
    assert!(
        said.contains("2.2: status not_started → on_track, due 2009-03-31 → 2009-12-31"),
        "{said}"
    );
    assert!(
        said.contains("3.7: status not_started → complete"),
        "{said}"
    );
    assert!(said.contains("1.3: no change"), "{said}");
    assert_eq!(commits(&plan), before + 1, "one commit for the form");
    let message = plan.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("Return from Director of Children's Services: 1.1, 2.2, 3.7"),
        "{message}"
    );
    for trailer in [
        "Ref: 1.1",
        "Ref: 2.2",
        "Ref: 3.7",
        "Field: due",
        "Actor: Director of Children's Services",
    ] {
        assert!(message.contains(trailer), "{trailer} in {message}");
    }
    let file = plan.read("2/2.2.toml");
    assert!(file.contains("date = 2009-09-21"), "{file}");
    assert!(file.contains("due = 2009-12-31"), "{file}");
    let one_one = plan.read("1/1.1.toml");
    assert!(one_one.contains("date = 2009-09-20"), "{one_one}");
    assert!(
        one_one.contains("Trust board met.\nNext step agreed.")
            || one_one.contains("Trust board met.\\nNext step agreed."),
        "the line break is kept: {one_one}"
    );
    let history = stdout(&plan.run(&["history", "2.2", "--format", "csv"]));
    assert!(
        history.contains("Director of Children's Services"),
        "{history}"
    );
    assert!(history.contains("due,2009-03-31,2009-12-31"), "{history}");

    let again = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert!(
        stdout(&again).contains("2.2: already recorded"),
        "{}",
        stdout(&again)
    );
    assert!(
        stdout(&again).contains("nothing to record"),
        "{}",
        stdout(&again)
    );
    assert_eq!(commits(&plan), before + 1, "nothing recorded twice");
}

#[test]
fn forms_sent_back_blank_record_nothing() {
    let plan = committed();
    issue(&plan, &[]);
    let forms: Vec<String> = std::fs::read_dir(plan.root().join("forms"))
        .unwrap()
        .map(|e| format!("forms/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    assert!(forms.len() >= 10, "{forms:?}");
    let before = commits(&plan);
    let mut args = vec!["apply"];
    args.extend(forms.iter().map(String::as_str));
    let output = plan.run(&args);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(commits(&plan), before);
    assert_eq!(plan.git(&["status", "--porcelain", "--", "plan"]), "");
}

#[test]
fn a_bad_row_is_named_by_file_sheet_row_and_column_and_stops_the_form() {
    if !python_module("openpyxl") {
        return;
    }
    let plan = committed();
    issue(&plan, &[]);
    fill(
        &plan,
        "dcs.xlsx",
        &[
            ("1.1", "New status", "'greenish'"),
            ("1.3", "Revised due date", "'31/02/2010'"),
            ("2.2", "Revised due date", "'31/12/2009'"),
            ("2.12", "Current status", "'complete'"),
            ("3.7", "New status", "'amber'"),
            ("3.7", "Date of return", "'21/09/2009'"),
        ],
    );
    let before = commits(&plan);
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 1);
    let said = stdout(&output);
    for expected in [
        "cannot read forms/dcs.xlsx, sheet Return, row 5, column I (New status): “greenish” is not a status",
        "row 6, column K (Revised due date): “31/02/2010” does not exist",
        "row 7: the due date moves to 2009-12-31 with no reason",
        "row 8, column G (Current status): the grey cell was changed",
        "not applied: 4 rows cannot be read",
    ] {
        assert!(said.contains(expected), "{expected}\n in {said}");
    }
    assert_eq!(commits(&plan), before, "nothing from a form with a bad row");

    let output = plan.run(&["apply", "forms/dcs.xlsx", "--skip-bad-rows"]);
    assert_eq!(code(&output), 1, "bad rows are still not applied");
    assert_eq!(commits(&plan), before + 1);
    assert!(plan.read("3/3.7.toml").contains("status = \"at_risk\""));
}

#[test]
fn a_row_whose_action_changed_after_issue_is_held_back_until_forced() {
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
    fill(
        &plan,
        "dcs.xlsx",
        &[
            ("2.2", "New status", "'green'"),
            ("2.2", "Date of return", "'21/09/2009'"),
        ],
    );
    let before = commits(&plan);
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 1);
    let said = stdout(&output);
    assert!(
        said.contains("2.2: not applied, changed after the form was issued"),
        "{said}"
    );
    assert!(
        said.contains("current status “not_started” → “at_risk”"),
        "{said}"
    );
    assert_eq!(commits(&plan), before);
    let output = plan.run(&["apply", "forms/dcs.xlsx", "--force"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(commits(&plan), before + 1);
    assert!(plan.read("2/2.2.toml").contains("status = \"on_track\""));
}

#[test]
fn a_form_of_another_plan_is_refused_whole() {
    let plan = committed();
    issue(&plan, &[]);
    plan.edit(
        "plan.toml",
        "Safeguarding Children Action Plan",
        "Another Plan",
    );
    plan.commit_all("Renamed");
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains(
            "it was issued for the plan “Safeguarding Children Action Plan”, not “Another Plan”"
        ),
        "{}",
        stderr(&output)
    );
}

/// The rows of the DCS's CSV form as issued, with `cells` (column, text)
/// filled in on the row of `reference`.
pub(crate) fn csv_form_filled(
    plan: &TestPlan,
    reference: &str,
    cells: &[(&str, &str)],
) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(plan.root().join("forms/dcs.csv")).unwrap();
    let mut rows = crate::support::read_csv(text.as_bytes());
    let header = rows[0].clone();
    let row = rows.iter().position(|r| r[0] == reference).unwrap();
    for (name, value) in cells {
        let column = header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == *name)
            .unwrap();
        rows[row][column] = value.to_string();
    }
    rows
}

#[test]
fn a_csv_return_is_applied_like_a_workbook() {
    let plan = committed();
    issue(&plan, &["--format", "csv"]);
    let path = plan.root().join("forms/dcs.csv");
    let rows = csv_form_filled(
        &plan,
        "1.3",
        &[
            ("New status", "Amber"),
            ("Progress note", "Partner meeting, 14 Sept"),
            ("Date of return", "22 Sep 2009"),
        ],
    );
    let mut out = csv::Writer::from_path(&path).unwrap();
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
        file.contains("status = \"at_risk\"") && file.contains("date = 2009-09-22"),
        "{file}"
    );
}

#[test]
fn a_ref_a_spreadsheet_turned_into_a_number_is_refused_not_filed_under_another_action() {
    let plan = committed();
    issue(&plan, &["--format", "csv"]);
    let path = plan.root().join("forms/hscb-chair.csv");
    let mut rows = crate::support::read_csv(&std::fs::read(&path).unwrap());
    let header: Vec<String> = rows[0]
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows.iter().position(|r| r[0] == "2.10").unwrap();
    rows[row][column("New status")] = "on_track".into();
    rows[row][column("Progress note")] = "Terms of reference drafted".into();
    rows[row][column("Date of return")] = "2009-09-22".into();
    let write = |rows: &[Vec<String>]| {
        let mut out = csv::Writer::from_path(&path).unwrap();
        for r in rows {
            out.write_record(r).unwrap();
        }
        out.flush().unwrap();
    };
    // What LibreOffice and Excel save: 2.10 read as the number 2.1.
    rows[row][0] = "2.1".into();
    write(&rows);
    let (before, other) = (commits(&plan), plan.read("2/2.1.toml"));
    for args in [
        &["apply", "forms/hscb-chair.csv"][..],
        &["apply", "--force", "forms/hscb-chair.csv"],
    ] {
        let output = plan.run(args);
        let said = format!("{}{}", stdout(&output), stderr(&output));
        assert_ne!(code(&output), 0, "{args:?}: {said}");
        assert!(
            said.contains("the ref reads “2.1” but the row is 2.10's") && said.contains("A (Ref)"),
            "{args:?}: {said}"
        );
        assert_eq!(commits(&plan), before, "{args:?}");
        assert_eq!(plan.read("2/2.1.toml"), other, "{args:?}");
    }
    rows[row][0] = "2.10".into();
    write(&rows);
    let output = plan.run(&["apply", "forms/hscb-chair.csv"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert!(
        plan.read("2/2.10.toml")
            .contains("Terms of reference drafted")
    );
    assert_eq!(plan.read("2/2.1.toml"), other);
}

/// `text` as Excel on Windows saves “CSV”: Windows-1252.
fn windows_1252(text: &str) -> Vec<u8> {
    const HIGH: [(char, u8); 9] = [
        ('€', 0x80),
        ('…', 0x85),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
    ];
    text.chars()
        .map(|c| match u32::from(c) {
            n if n < 0x80 || (0xA0..=0xFF).contains(&n) => n as u8,
            _ => {
                HIGH.iter()
                    .find(|(h, _)| *h == c)
                    .expect("in Windows-1252")
                    .1
            }
        })
        .collect()
}

#[test]
fn a_csv_return_saved_as_windows_1252_is_read_with_a_note() {
    let plan = committed();
    issue(&plan, &["--format", "csv"]);
    let path = plan.root().join("forms/dcs.csv");
    let note = "Partners’ meeting – £5,000 agreed";
    let rows = csv_form_filled(
        &plan,
        "1.3",
        &[("Progress note", note), ("Date of return", "22/09/2009")],
    );
    let mut out = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        out.write_record(r).unwrap();
    }
    let utf8 = String::from_utf8(out.into_inner().unwrap()).unwrap();
    std::fs::write(&path, windows_1252(utf8.trim_start_matches('\u{feff}'))).unwrap();
    let before = commits(&plan);
    let output = plan.run(&["apply", "forms/dcs.csv"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert!(
        stdout(&output).contains("note: the file is not UTF-8")
            && stdout(&output).contains("Windows-1252"),
        "{}",
        stdout(&output)
    );
    assert_eq!(commits(&plan), before + 1);
    assert!(
        plan.read("1/1.3.toml").contains(note),
        "{}",
        plan.read("1/1.3.toml")
    );
    // Bytes no text has are still refused, and nothing is recorded.
    std::fs::write(&path, b"Ref,Action\0\n1.3,\x92\n").unwrap();
    let output = plan.run(&["apply", "forms/dcs.csv"]);
    assert_eq!(code(&output), 1, "{}{}", stdout(&output), stderr(&output));
    assert!(
        stderr(&output).contains("it is not text"),
        "{}",
        stderr(&output)
    );
    assert_eq!(commits(&plan), before + 1);
}

#[test]
fn an_edited_export_becomes_updates() {
    if !python_module("openpyxl") {
        return;
    }
    let plan = committed();
    let output = plan.run(&["export", "-o", "export.xlsx", "--as-of", AS_OF]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    python(
        &plan,
        "wb = openpyxl.load_workbook('export.xlsx')\nws = wb.worksheets[0]\n\
         col = {c.value: c.column for c in ws[1]}\n\
         for r in range(2, ws.max_row + 1):\n\
         \x20   if ws.cell(r, 1).value == '4.10':\n\
         \x20       ws.cell(r, col['Status']).value = 'Complete'\n\
         \x20       ws.cell(r, col['Latest update']).value = 'Signed off'\n\
         \x20       ws.cell(r, col['Updated on']).value = datetime.date(2009, 9, 1)\n\
         wb.save('export.xlsx')\n",
    );
    let before = commits(&plan);
    let output = plan.run(&["apply", "export.xlsx", "--by", "Jo Bloggs"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(commits(&plan), before + 1, "{}", stdout(&output));
    let message = plan.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.contains("Ref: 4.10") && message.contains("Actor: Jo Bloggs"),
        "{message}"
    );
    assert!(plan.read("4/4.10.toml").contains("status = \"complete\""));
}

#[test]
fn an_export_whose_ref_a_spreadsheet_made_a_number_is_refused() {
    let plan = committed();
    let output = plan.run(&["export", "-o", "export.csv", "--as-of", AS_OF]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let rows = crate::support::read_csv(&std::fs::read(plan.root().join("export.csv")).unwrap());
    let header: Vec<String> = rows[0]
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut row = rows.iter().find(|r| r[0] == "4.10").unwrap().clone();
    // Excel kept the row as the officer edited it, and 4.10 as 4.1.
    row[0] = "4.1".into();
    row[column("Status")] = "Complete".into();
    row[column("Latest update")] = "Signed off".into();
    row[column("Updated on")] = "2009-09-01".into();
    let mut out = csv::Writer::from_path(plan.root().join("export.csv")).unwrap();
    out.write_record(&header).unwrap();
    out.write_record(&row).unwrap();
    out.flush().unwrap();
    let (before, other) = (commits(&plan), plan.read("4/4.1.toml"));
    let output = plan.run(&["apply", "export.csv"]);
    let said = format!("{}{}", stdout(&output), stderr(&output));
    assert_ne!(code(&output), 0, "{said}");
    assert!(said.contains("the row is 4.10's"), "{said}");
    assert_eq!(commits(&plan), before);
    assert_eq!(plan.read("4/4.1.toml"), other);
}

#[test]
fn hostile_files_get_clear_errors() {
    let plan = committed();
    plan.write("../renamed.xlsx", "Ref,New status\n1.1,green\n");
    let output = plan.run(&["apply", "renamed.xlsx"]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("is named .xlsx but is not an Excel workbook"),
        "{}",
        stderr(&output)
    );

    // A zip whose one part unzips to 200 MB: refused before it is unzipped.
    let bomb = plan.root().join("bomb.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..200 {
        std::io::Write::write_all(&mut zip, &zeros).unwrap();
    }
    zip.finish().unwrap();
    let output = plan.run(&["apply", "bomb.xlsx"]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("would unzip to 200 MB"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_formula_in_a_returned_cell_is_read_as_its_text() {
    if !python_module("openpyxl") {
        return;
    }
    let plan = committed();
    issue(&plan, &[]);
    fill(
        &plan,
        "dcs.xlsx",
        &[
            ("1.1", "Progress note", "'=HYPERLINK(\"http://x\",\"y\")'"),
            ("1.1", "Date of return", "'20/09/2009'"),
        ],
    );
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    let file = plan.read("1/1.1.toml");
    assert!(file.contains("=HYPERLINK"), "{file}");
}

#[test]
fn chasers_are_drafts_with_the_form_attached() {
    let plan = committed();
    plan.edit(
        "officers.toml",
        "aliases = [\"DCS\"]",
        "aliases = [\"DCS\"]\nemail = \"dcs@example.org\"",
    );
    plan.commit_all("DCS email");
    issue(&plan, &["--chasers"]);
    let eml = std::fs::read_to_string(plan.root().join("forms/dcs.eml")).unwrap();
    assert!(eml.contains("X-Unsent: 1\r\n"), "{eml}");
    assert!(
        eml.contains("To: \"Director of Children's Services\" <dcs@example.org>"),
        "{eml}"
    );
    assert!(eml.contains("filename=\"dcs.xlsx\""), "{eml}");
    let text = std::fs::read_to_string(plan.root().join("forms/dcs.txt")).unwrap();
    assert!(
        text.contains("Overdue:\n  - 1.1 (due 30 April 2009)"),
        "{text}"
    );
    assert!(text.contains("send it back by 30 September 2009"), "{text}");
    let other = std::fs::read_to_string(plan.root().join("forms/crb-coordinator.eml")).unwrap();
    assert!(!other.contains("\r\nTo:"), "no recipient without an email");
    if python_module("email") {
        let output = std::process::Command::new("python3")
            .arg("-c")
            .arg(
                "import email, sys\nm = email.message_from_bytes(open(sys.argv[1], 'rb').read())\n\
                 parts = [p.get_filename() for p in m.walk() if p.get_filename()]\n\
                 assert m['X-Unsent'] == '1' and parts == ['dcs.xlsx'], (m['X-Unsent'], parts)\n\
                 data = [p for p in m.walk() if p.get_filename()][0].get_payload(decode=True)\n\
                 assert data[:2] == b'PK'\n",
            )
            .arg(plan.root().join("forms/dcs.eml"))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let output = plan.run(&[
        "returns",
        "--out",
        "forms",
        "--as-of",
        AS_OF,
        "--by",
        "2009-09-30",
    ]);
    assert_eq!(
        code(&output),
        2,
        "existing forms are not replaced without --force"
    );
    assert!(Path::new(&plan.root().join("forms/dcs.xlsx")).exists());
}

#[test]
fn an_update_that_would_break_the_plan_is_still_refused_by_the_quicker_recheck() {
    let plan = committed();
    let before = plan.read("1/1.3.toml");
    let output = plan.run(&[
        "update",
        "1.3",
        "--note",
        "From the future",
        "--date",
        "2099-01-01",
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let said = stderr(&output);
    assert!(
        said.contains("plan/1/1.3.toml:"),
        "the finding names the file and line: {said}"
    );
    assert!(said.contains("nothing was written"), "{said}");
    assert_eq!(plan.read("1/1.3.toml"), before);
}

#[test]
fn a_sheet_a_million_rows_long_or_a_missing_form_sheet_is_refused_clearly() {
    let plan = committed();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Ref").unwrap();
    sheet.write_string(1_048_575, 0, "1.1").unwrap();
    workbook.save(plan.root().join("long.xlsx")).unwrap();
    let output = plan.run(&["apply", "long.xlsx"]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output)
            .contains("has a cell at row 1048576, column 1: a return form has at most 100000 rows"),
        "{}",
        stderr(&output)
    );

    issue(&plan, &[]);
    python_or_rename(&plan);
    let output = plan.run(&["apply", "forms/dcs.xlsx"]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("it has no sheet “Return” (its sheets: “My return”)"),
        "{}",
        stderr(&output)
    );
}

/// Renames the form's sheet, as a user might.
fn python_or_rename(plan: &TestPlan) {
    let path = plan.root().join("forms/dcs.xlsx");
    let bytes = std::fs::read(&path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
        if name == "xl/workbook.xml" {
            data = String::from_utf8(data)
                .unwrap()
                .replace("name=\"Return\"", "name=\"My return\"")
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, &data).unwrap();
    }
    out.finish().unwrap();
}
