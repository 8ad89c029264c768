//! The Word digest whatever the plan holds and wherever it is sent: every
//! part is XML that opens, statuses keep their colours, the extension of
//! `-o FILE` chooses the format, and no terminal is sent a zip.

use std::fs;
use std::path::Path;

use crate::support::{TestPlan, code, on_terminal, python_module, stderr};
use crate::word::{
    AS_OF, committed_plan, layout_tools, libreoffice_pages, part, python_docx, word_digest,
};

/// Text Word's readers must take as text, with the status its action is
/// given: formula triggers, a word of 5,005 letters, right-to-left text
/// with an override, emoji, control characters, XML's own characters and
/// noncharacters.
fn hostile() -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("1/1.1.toml", "on_track", "Section".repeat(715)),
        (
            "1/1.3.toml",
            "at_risk",
            "مراجعة الخطة — סקירת התוכנית \u{202e}override\u{202c} done".into(),
        ),
        ("1/1.4.toml", "off_track", "Agreed 🚸👍🏽👨‍👩‍👧 ✅".into()),
        (
            "2/2.1.toml",
            "complete",
            "<w:p>&amp; \"quoted\" 'single' </w:t>]]> &lt;".into(),
        ),
        (
            "2/2.2.toml",
            "on_track",
            "Agreed \u{1} \u{7} \u{1b}[2J \u{7f} \u{85} end".into(),
        ),
        (
            "2/2.3.toml",
            "at_risk",
            "Agreed \u{fdd0} \u{fffe} \u{ffff} \u{1fffe} \u{10ffff} end".into(),
        ),
        (
            "3/3.1.toml",
            "off_track",
            "=2*21;+SUM(A1)@x-1 =HYPERLINK(\"x\")".into(),
        ),
    ]
}

/// The bundled plan with each hostile text opening a recommendation and
/// as the note of an update in this period, setting the action's status.
fn hostile_plan() -> TestPlan {
    let plan = TestPlan::bundled();
    for (file, status, text) in hostile() {
        let quoted = basic_string(&text);
        let old = plan.read(file);
        let at = old.find("status = \"").unwrap();
        let end = at + old[at + 10..].find('"').unwrap() + 11;
        let update = format!(
            "status = \"{status}\"\n\n[[actions.updates]]\ndate = 2009-06-15\n\
             status = \"{status}\"\nnote = {quoted}\nby = \"Jo Bloggs\""
        );
        plan.write(file, format!("{}{update}{}", &old[..at], &old[end..]));
        let field = "recommendation = \"";
        let opening = format!("recommendation = {} ", &quoted[..quoted.len() - 1]);
        plan.edit(file, field, &opening);
    }
    plan
}

/// `text` as a TOML basic string ("…"): quotes, backslashes and control
/// characters escaped, everything else as it is.
fn basic_string(text: &str) -> String {
    let mut quoted = String::from('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => quoted.extend(['\\', c]),
            c if c.is_ascii_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted + "\""
}

/// Each cell of the body: its text, and its fill and text colour if any.
fn cells(document: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let doc = roxmltree::Document::parse(document).unwrap_or_else(|e| panic!("not XML: {e}"));
    let attribute = |cell: roxmltree::Node, tag: &str, name: &str| {
        let node = cell.descendants().find(|n| n.tag_name().name() == tag)?;
        let value = node.attributes().find(|a| a.name() == name)?;
        Some(value.value().to_string())
    };
    doc.descendants()
        .filter(|n| n.tag_name().name() == "tc")
        .map(|cell| {
            let text: String = cell
                .descendants()
                .filter(|n| n.tag_name().name() == "t")
                .filter_map(|n| n.text())
                .collect();
            let fill = attribute(cell, "shd", "fill");
            (text, fill, attribute(cell, "color", "val"))
        })
        .collect()
}

#[test]
fn hostile_text_is_text_in_every_part_and_statuses_keep_their_colours() {
    let plan = hostile_plan();
    let docx = word_digest(&plan);
    let cells = cells(&part(&docx, "word/document.xml"));
    let texts: Vec<&str> = cells.iter().map(|c| c.0.as_str()).collect();
    let all = texts.concat();
    assert!(
        all.contains(&"Section".repeat(715)),
        "the long word kept whole"
    );
    assert!(all.contains("<w:p>&amp; \"quoted\" 'single' </w:t>]]> &lt;"));
    assert!(all.contains("=2*21;+SUM(A1)@x-1"));
    assert!(all.contains("Agreed \u{fffd} \u{fffd} \u{fffd}[2J \u{fffd} \u{fffd} end"));
    assert!(all.contains("Agreed \u{fffd} \u{fffd} \u{fffd} \u{fffd} \u{fffd} end"));
    assert!(all.contains("Agreed 🚸👍🏽👨‍👩‍👧 ✅"));
    for (status, fill, ink) in [
        ("On track (green)", "009E73", "000000"),
        ("At risk (amber)", "E69F00", "000000"),
        ("Off track (red)", "D55E00", "000000"),
        ("Complete (blue)", "0072B2", "FFFFFF"),
    ] {
        let kept = status.replace(' ', "\u{a0}");
        let cell = cells.iter().find(|c| c.0 == kept).expect(status);
        assert_eq!(
            (cell.1.as_deref(), cell.2.as_deref()),
            (Some(fill), Some(ink)),
            "{status}"
        );
    }
    let plain = cells.iter().find(|c| c.0 == "Not\u{a0}started").unwrap();
    assert_eq!(plain.1, None, "no RAG colour, no fill");
    for name in ["word/styles.xml", "word/footer1.xml", "docProps/core.xml"] {
        roxmltree::Document::parse(&part(&docx, name)).expect(name);
    }
    readers_open_the_hostile_paper(&plan, &docx);
}

/// python-docx and LibreOffice open the paper, where they are installed.
fn readers_open_the_hostile_paper(plan: &TestPlan, docx: &Path) {
    if python_module("docx") {
        let read = python_docx(docx);
        assert!(read["tables"].as_array().unwrap().len() >= 10);
    }
    if layout_tools() {
        let (pages, texts) = libreoffice_pages(plan.root(), docx);
        assert!(pages > 1, "{pages} pages");
        let all = texts.concat();
        for status in ["On track (green)", "At risk (amber)", "Off track (red)"] {
            assert!(all.contains(status), "{status} on one line");
        }
        assert!(texts[0].contains(&format!("Page 1 of {pages}")));
    }
}

#[test]
fn the_extension_of_the_file_chooses_the_format() {
    let plan = committed_plan();
    for (file, starts) in [
        ("paper.docx", &b"PK\x03\x04"[..]),
        ("paper.DOCX", b"PK\x03\x04"),
        ("paper.html", b"<!DOCTYPE html>"),
        ("paper.md", b"# Safeguarding"),
        ("paper.txt", b"# Safeguarding"),
    ] {
        let output = plan.run(&["digest", "--as-of", AS_OF, "-o", file]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let written = fs::read(plan.root().join(file)).unwrap();
        assert!(written.starts_with(starts), "{file}");
    }
    let output = plan.run(&["digest", "--format", "html", "-o", "clash.docx"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("--format html does not match the file `clash.docx`"),
        "{}",
        stderr(&output)
    );
    assert!(!plan.root().join("clash.docx").exists());
}

#[test]
fn a_word_document_goes_to_a_pipe_or_a_file_but_never_a_terminal() {
    let plan = committed_plan();
    let piped = plan.run(&["digest", "--as-of", AS_OF, "--format", "docx"]);
    assert_eq!(code(&piped), 0, "{}", stderr(&piped));
    let filed = fs::read(word_digest(&plan)).unwrap();
    assert_eq!(
        piped.stdout, filed,
        "the same bytes, and the same each time"
    );
    for args in [
        &["digest", "--format", "docx"][..],
        &["digest", "--format", "docx", "-o", "-"],
        &["digest", "-o", "/dev/fd/1", "--format", "docx"],
    ] {
        let run = on_terminal(&plan, args);
        let (screen, message) = (run.screen, run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {message}");
        assert!(screen.is_empty(), "{args:?}");
        assert!(
            message.contains("a Word document is a binary file, and is not written to a terminal")
                && message.contains("-o digest.docx"),
            "{message}"
        );
    }
}
