//! The CSV as a spreadsheet opens it: LibreOffice reads the exported file
//! with `;` as the separator (Excel's in most of Europe), with tab and with
//! `,`, evaluating formulas, and no text of the plan runs as one.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{TestPlan, available, code, read_csv, stderr};

/// `=2*21` where a reader splitting on `;`, `,`, tab or a line break
/// would start a cell (TOML escapes): evaluated, each shows 42.
const HOSTILE: [(&str, &str); 6] = [
    ("1/1.1.toml", "Agreed at board;=2*21;"),
    ("1/1.2.toml", "Agreed at board; =2*21;"),
    ("1/1.3.toml", "Agreed at board;\\\"=2*21\\\";"),
    ("1/1.4.toml", "Agreed at board\\t=2*21\\t"),
    ("2/2.1.toml", "Agreed at board\\n=2*21;"),
    ("2/2.2.toml", "Agreed at board,=2*21,"),
];

/// The bundled plan with each hostile text opening a recommendation, and
/// the committee's note on 3.4 as the issue reported it.
fn hostile_plan() -> TestPlan {
    let plan = TestPlan::bundled();
    for (file, text) in HOSTILE {
        let field = "recommendation = \"";
        plan.edit(file, field, &format!("{field}{text} "));
    }
    plan.edit(
        "3/3.4.toml",
        "status = \"not_started\"",
        "status = \"on_track\"\n\n[[actions.updates]]\ndate = 2009-06-15\nstatus = \"on_track\"\nnote = \"Agreed at board;=2*21;\"",
    );
    plan
}

/// The cells LibreOffice shows for `csv` split on `separator` (an ASCII
/// code), formulas evaluated as Excel does, written back out as values.
fn libreoffice_cells(root: &Path, csv: &Path, separator: u8) -> Vec<Vec<String>> {
    let out = root.join(format!("read-{separator}"));
    // Tokens: separator, quote ("), UTF-8 (76), first line, column formats
    // (none), language (en-US), quoted as text, detect special numbers,
    // three export-only tokens, sheet, and evaluate formulas.
    let import =
        format!("--infilter=CSV:{separator},34,76,1,,1033,false,true,false,false,false,0,true");
    let output = Command::new("soffice")
        // A profile of its own, so parallel runs and the user's own
        // LibreOffice do not clash.
        .arg(format!(
            "-env:UserInstallation=file://{}/lo-profile",
            root.display()
        ))
        .args(["--headless", &import])
        .args(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1"])
        .arg("--outdir")
        .arg(&out)
        .arg(csv)
        .env("HOME", root)
        .output()
        .expect("soffice runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    read_csv(&fs::read(out.join("appendix.csv")).expect("LibreOffice wrote the sheet"))
}

/// A cell showing a formula's result or error rather than text.
fn evaluated(cell: &str) -> bool {
    cell == "42"
        || cell.starts_with("Err:")
        || (cell.starts_with('#') && cell.ends_with(['!', '?', 'A']))
}

#[test]
fn libreoffice_runs_no_formula_whichever_separator_it_splits_on() {
    if !available("soffice") {
        return;
    }
    let plan = hostile_plan();
    let output = plan.run(&["export", "--as-of", "2009-07-01"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let csv = plan.root().join("appendix.csv");
    fs::write(&csv, &output.stdout).unwrap();
    let ours = read_csv(&output.stdout);
    for separator in [b';', b'\t', b','] {
        let cells = libreoffice_cells(plan.root(), &csv, separator);
        for cell in cells.iter().flatten() {
            assert!(
                !evaluated(cell),
                "split on {:?}: a formula ran: {cell:?}",
                separator as char
            );
        }
        if separator != b',' {
            assert!(cells.iter().flatten().any(|c| c == "'=2*21"), "{cells:?}");
        } else {
            // Split on `,`, LibreOffice reads the text the csv crate reads
            // (its numbers and dates it converts, so they are left out).
            let text = |rows: &[Vec<String>]| -> Vec<[String; 2]> {
                rows.iter().map(|r| [r[4].clone(), r[13].clone()]).collect()
            };
            assert_eq!(text(&cells), text(&ours));
        }
    }
}
