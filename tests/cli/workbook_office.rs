//! The workbook as an office suite sees it: LibreOffice converts it to CSV
//! (refs stay text, no plan text runs as a formula) and prints it to PDF
//! (A4 landscape, one page wide, few pages, the header on every page, the
//! footer), and poppler turns the first page into a picture.
//!
//! `ACTIONPLAN_PRINT_DIR=DIR` keeps the PDF and the picture there, to look at.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{TestPlan, available, code, read_csv, stderr};
use crate::workbook::hostile_plan;

/// The most pages the bundled plan's appendix may print on (LibreOffice
/// gives 8: seven of actions and the summary).
const MOST_PAGES: usize = 10;

fn workbook(plan: &TestPlan, args: &[&str]) -> PathBuf {
    let path = plan.root().join("appendix.xlsx");
    let all = [
        args,
        &["--as-of", "2009-07-01", "-o", path.to_str().unwrap()],
    ]
    .concat();
    let output = plan.run(&all);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    path
}

/// `file` converted by LibreOffice with `filter`, into `out`; its own
/// profile, so parallel tests and the user's LibreOffice do not clash.
fn convert(root: &Path, file: &Path, filter: &str, out: &Path) -> PathBuf {
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/lo-profile",
            root.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(out)
        .arg(file)
        .env("HOME", root)
        .output()
        .expect("soffice runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let extension = filter.split(':').next().unwrap();
    let converted = out.join(file.with_extension(extension).file_name().unwrap());
    assert!(
        converted.exists(),
        "LibreOffice wrote {}",
        converted.display()
    );
    converted
}

/// The first sheet's cells as LibreOffice shows them (values, not formulas).
fn libreoffice_cells(plan: &TestPlan, book: &Path) -> Vec<Vec<String>> {
    let out = plan.root().join("read");
    let csv = convert(
        plan.root(),
        book,
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        &out,
    );
    read_csv(&fs::read(csv).unwrap())
}

#[test]
fn libreoffice_reads_refs_as_text_and_runs_no_plan_text() {
    if !available("soffice") {
        return;
    }
    let plan = hostile_plan();
    let cells = libreoffice_cells(&plan, &workbook(&plan, &["export"]));
    assert_eq!(cells[0][0], "Ref");
    let refs: Vec<&str> = cells[1..].iter().map(|r| r[0].as_str()).collect();
    for reference in ["2.10", "4.10", "2.1", "4.1"] {
        assert_eq!(
            refs.iter().filter(|r| **r == reference).count(),
            1,
            "{reference}"
        );
    }
    let recommendation = |reference: &str| {
        let row = cells.iter().find(|r| r[0] == reference).unwrap();
        row[4].clone()
    };
    assert!(
        recommendation("1.1").starts_with("=2*21 "),
        "{}",
        recommendation("1.1")
    );
    assert!(recommendation("1.2").starts_with("@SUM(A1:A9) "));
    assert!(recommendation("2.3").starts_with("+44 1432 260000 "));
    assert!(recommendation("1.3").starts_with(&"x".repeat(5_000)));
    assert!(recommendation("2.1").starts_with("Board 👩🏽‍💼 approved ✅"));
    for cell in cells.iter().flatten() {
        assert!(
            cell != "42" && !cell.starts_with("Err:") && !cell.starts_with('#'),
            "{cell:?}"
        );
    }
}

/// Text of `pdf`'s page `page`, laid out as printed.
fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    let output = Command::new("pdftotext")
        .args(["-layout", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn pdf_info(pdf: &Path) -> String {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_appendix_prints_one_page_wide_on_a_few_a4_landscape_pages() {
    if !available("soffice") || !available("pdftoppm") {
        return;
    }
    let plan = TestPlan::bundled();
    let book = workbook(&plan, &["export"]);
    let pdf = convert(plan.root(), &book, "pdf", &plan.root().join("print"));
    let png = first_page_picture(&pdf);
    keep(&[&pdf, &png]);
    let info = pdf_info(&pdf);
    assert!(info.contains("841.89 x 595.3"), "A4 landscape: {info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!((2..=MOST_PAGES).contains(&pages), "{pages} pages");
    let first = page_text(&pdf, 1);
    for words in ["Ref", "Action text", "No data", "1.1", "Children's Trust"] {
        assert!(
            first.contains(words),
            "page 1 shows {words:?}: one page wide"
        );
    }
    for words in ["Safeguarding Children Action Plan", "As of 1 July 2009"] {
        assert!(first.contains(words), "the footer says {words:?}");
    }
    assert!(first.contains(&format!("Page 1 of {pages}")), "{first}");
    let second = page_text(&pdf, 2);
    assert!(
        second.contains("Action text") && second.contains("No data"),
        "the header repeats"
    );
    let last = page_text(&pdf, pages);
    assert!(
        last.contains("Off track") && last.contains("Not started"),
        "the summary"
    );
    assert!(fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

/// The first page as a PNG, beside the PDF.
fn first_page_picture(pdf: &Path) -> PathBuf {
    let stem = pdf.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    stem.with_extension("png")
}

/// Copies `files` to `$ACTIONPLAN_PRINT_DIR`, when it is set.
fn keep(files: &[&Path]) {
    let Some(dir) = std::env::var_os("ACTIONPLAN_PRINT_DIR") else {
        return;
    };
    fs::create_dir_all(&dir).unwrap();
    for file in files {
        fs::copy(file, Path::new(&dir).join(file.file_name().unwrap())).unwrap();
    }
}
