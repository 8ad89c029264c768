//! The Word digest as its readers see it: python-docx reads its page,
//! tables and footer; LibreOffice lays it out on pages (PDF, then PNG).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{TestPlan, available, code, python_module, stderr, stdout};

pub const AS_OF: &str = "2009-07-01";

pub fn committed_plan() -> TestPlan {
    let plan = TestPlan::bundled();
    plan.commit_all("Import the Herefordshire plan");
    plan
}

/// `digest --as-of 2009-07-01 -o digest.docx` and the file it wrote.
pub fn word_digest(plan: &TestPlan) -> PathBuf {
    let output = plan.run(&["digest", "--as-of", AS_OF, "-o", "digest.docx"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    plan.root().join("digest.docx")
}

/// One part of the package, as text.
pub fn part(docx: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(docx).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// What python-docx reads: the page, each table's column widths, whether
/// its first row repeats, its cells; the headings; the footer's text and
/// field codes.
const READ_WITH_PYTHON_DOCX: &str = r#"
import json, sys
import docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
s = d.sections[0]
tables = []
for t in d.tables:
    pr = t.rows[0]._tr.trPr
    tables.append({
        "widths": [c.width for c in t.columns],
        "header_repeats": pr is not None and pr.find(qn("w:tblHeader")) is not None,
        "cells": [c.text for r in t.rows for c in r.cells],
    })
print(json.dumps({
    "page_mm": sorted([round(s.page_width.mm), round(s.page_height.mm)]),
    "headings": [[p.style.name, p.text] for p in d.paragraphs if p.style.name.startswith("Heading")],
    "tables": tables,
    "footer": "".join(p.text for p in s.footer.paragraphs),
    "fields": [e.text.strip() for e in s.footer._element.iter(qn("w:instrText"))],
}))
"#;

pub fn python_docx(docx: &Path) -> Value {
    let output = Command::new("python3")
        .args(["-c", READ_WITH_PYTHON_DOCX])
        .arg(docx)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
pub fn python_docx_reads_a4_pages_tables_and_every_overdue_action() {
    if !python_module("docx") {
        return;
    }
    let plan = committed_plan();
    let read = python_docx(&word_digest(&plan));
    assert_eq!(read["page_mm"], serde_json::json!([210, 297]), "A4");
    let tables = read["tables"].as_array().unwrap();
    assert!(tables.len() >= 10, "{} tables", tables.len());
    for table in tables {
        let widths: Vec<u64> = table["widths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_u64().unwrap())
            .collect();
        assert!(
            widths.iter().any(|w| *w != widths[0]),
            "equal columns: {table}"
        );
        assert_eq!(table["header_repeats"], true, "{table}");
    }
    let cells: Vec<&str> = tables
        .iter()
        .flat_map(|t| t["cells"].as_array().unwrap())
        .map(|c| c.as_str().unwrap())
        .collect();
    let overdue = stdout(&plan.run(&["overdue", "--as-of", AS_OF, "--format", "json"]));
    let overdue: Value = serde_json::from_str(&overdue).unwrap();
    for action in overdue.as_array().unwrap() {
        let address = action["address"].as_str().unwrap();
        assert!(cells.contains(&address), "{address} is a row of the paper");
    }
    assert_headings_and_footer(&plan, &read);
}

/// Word's own heading styles, and the footer's provenance and page fields.
fn assert_headings_and_footer(plan: &TestPlan, read: &Value) {
    let headings = read["headings"].as_array().unwrap();
    let named = |style: &str| headings.iter().filter(|h| h[0] == style).count();
    assert_eq!(named("Heading 1"), 1, "{headings:?}");
    assert_eq!(named("Heading 2"), 12, "{headings:?}");
    assert!(named("Heading 3") >= 5, "{headings:?}");
    let hash = plan.git(&["rev-parse", "--short=7", "HEAD"]);
    let made_from = format!(
        "Made from the plan as recorded on 2 July 2009, revision {}",
        hash.trim()
    );
    let footer = read["footer"].as_str().unwrap();
    assert!(footer.starts_with(&made_from), "{footer}");
    assert_eq!(read["fields"], serde_json::json!(["PAGE", "NUMPAGES"]));
}

/// The paper laid out by LibreOffice as PDF, its pages drawn as PNG by
/// pdftoppm: the number of pages and each page's text.
pub fn libreoffice_pages(root: &Path, docx: &Path) -> (usize, Vec<String>) {
    let out = root.join("pages");
    let output = Command::new("soffice")
        // A profile of its own, so parallel runs do not clash.
        .arg(format!(
            "-env:UserInstallation=file://{}/lo-profile",
            root.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(docx)
        .env("HOME", root)
        .output()
        .expect("soffice runs");
    assert!(output.status.success(), "{output:?}");
    let pdf = out.join(docx.with_extension("pdf").file_name().unwrap());
    let drawn = Command::new("pdftoppm")
        .args(["-r", "20", "-png"])
        .arg(&pdf)
        .arg(out.join("page"))
        .status()
        .unwrap();
    assert!(drawn.success());
    let pages = fs::read_dir(&out)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("png".as_ref()))
        .count();
    let text = |page: usize| {
        let output = Command::new("pdftotext")
            .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    (pages, (1..=pages).map(text).collect())
}

pub fn layout_tools() -> bool {
    ["soffice", "pdftoppm", "pdftotext"]
        .iter()
        .all(|tool| available(tool))
}

#[test]
fn libreoffice_lays_the_paper_out_on_numbered_pages() {
    if !layout_tools() {
        return;
    }
    let plan = committed_plan();
    let (pages, texts) = libreoffice_pages(plan.root(), &word_digest(&plan));
    // Twelve pages in Liberation Sans (Arial's metrics) on A4 landscape.
    assert!((8..=13).contains(&pages), "{pages} pages");
    for (i, text) in texts.iter().enumerate() {
        assert!(
            text.contains(&format!("Page {} of {pages}", i + 1)),
            "page {}: {text}",
            i + 1
        );
        assert!(text.contains("Made from the plan as recorded on 2 July 2009"));
    }
    let all = texts.concat();
    // Dates and statuses each on one line; header words never broken.
    assert!(all.matches("Not started").count() >= 40, "{all}");
    assert!(all.matches("30 Apr 2009").count() >= 10, "{all}");
    for word in ["Ref", "Action", "Due", "overdue", "Status", "Latest update"] {
        assert!(all.contains(word), "{word}");
    }
}
