//! The HTML digest as a member prints it: headless Chromium to PDF, read
//! back with poppler. A4, a page number on every page, nothing cut.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{TestPlan, available, code};

/// The bundled plan's HTML digest, printed to PDF by Chromium.
fn printed(dir: &Path) -> std::path::PathBuf {
    let plan = TestPlan::bundled();
    plan.commit_all("plan");
    let html = dir.join("digest.html");
    let output = plan.run(&[
        "digest",
        "--as-of",
        "2009-07-01",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(
        code(&output),
        0,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = dir.join("digest.pdf");
    let profile = dir.join("chromium-profile");
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&status.stderr));
    pdf
}

/// What `program ARGS FILE` prints (pdftotext writes to `-`, stdout).
fn tool(program: &str, args: &[&str], file: &Path) -> String {
    let mut command = Command::new(program);
    command.args(args).arg(file);
    if program == "pdftotext" {
        command.arg("-");
    }
    let output = command.output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_html_digest_prints_on_a4_with_page_numbers_and_nothing_cut() {
    if !(available("chromium") && available("pdfinfo")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = printed(dir.path());
    let info = tool("pdfinfo", &[], &pdf);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    // The README says how many pages the bundled plan's paper prints to.
    assert!((6..=9).contains(&pages), "{pages} pages");
    assert!(info.contains("(A4)"), "A4: {info}");
    for page in 1..=pages {
        let n = page.to_string();
        let text = tool("pdftotext", &["-layout", "-f", &n, "-l", &n], &pdf);
        assert!(
            text.contains(&format!("Page {page} of {pages}")),
            "page {page}:\n{text}"
        );
        assert!(text.contains("revision "), "the provenance on page {page}");
    }
    let all = tool("pdftotext", &["-layout"], &pdf);
    // Dates on one line; the longest section title whole in the chart.
    assert!(all.contains("30 Apr 2009"), "{all}");
    assert!(!all.contains('…'), "nothing cut: {all}");
    assert!(all.contains("Herefordshire Safeguarding"));
    fs::remove_dir_all(dir.path().join("chromium-profile")).ok();
}
