//! Plan text in the papers reads back as itself: pandoc, with each reader
//! a committee might use, finds no markup in the markdown digest or in
//! `show`, and the HTML digest is well-formed XML whatever the text holds.

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;

use serde_json::Value;

use crate::support::{TestPlan, available, code, stderr, stdout};

/// Text that markdown would turn into a list, rule, code, heading, table,
/// link, citation, math, emoji, entity, smart quote and more.
const HOSTILE: &[&str] = &[
    "1. Agreed by the board",
    "1) Agreed",
    "(a) Agreed",
    "iv. Agreed",
    "A.  Agreed",
    "#. Agreed",
    "(@) Agreed",
    "- Agreed",
    "- - -",
    "* Agreed",
    "+ Agreed",
    "> Agreed",
    "    Four spaces",
    "\tA tab",
    "# Agreed",
    "### Agreed ###",
    "---",
    "===",
    "***",
    "___",
    "| a | b |",
    "Agreed | not a cell",
    ": Agreed",
    "::: Agreed",
    "~~~",
    "```",
    "% Agreed",
    "Table: Agreed",
    "[ ] Agreed",
    "<div>Agreed</div>",
    "<b>Agreed</b>",
    "<!-- Agreed -->",
    "&amp; &#65; &copy; &nbsp;",
    "See www.example.org or WWW.EXAMPLE.ORG",
    "See http://example.org/a_b?c=d&e=f",
    "See <https://example.org>",
    "Mail agreed@example.org",
    "As @name says [@name, p. 1]",
    "Costs $5 and $6",
    "$x^2$ and $$y$$",
    "x^2^ and H~2~O",
    "~~Agreed~~ and ~Agreed~",
    "*Agreed* _agreed_ **agreed** __agreed__ 2 * 3 * 4",
    "`code` and ``code``",
    "[Agreed](http://example.org) and ![image](x.png)",
    "[^1] and ^[a note]",
    "\\textbf{Agreed} and C:\\path\\*x* and \\",
    "Agreed {.class} and {#id} and {-}",
    "Agreed :smile: and :+1:",
    "It's \"agreed\" -- and --- and ... ok",
    "Mr. Smith agreed",
    "Agreed ==highlight== and =formula",
    "Agreed  \u{a0}with  odd   spaces ",
];

/// Lines that, after the first, would make a setext heading, a code
/// block, a quote, a list or a definition.
const HOSTILE_LINES: &[&str] = &[
    "Agreed\n===",
    "Agreed\n---",
    "Agreed\n    code",
    "Agreed\n> quote",
    "Agreed\n\n1. list",
    "Agreed\n: definition",
    "Agreed\r\n- item\r- item",
];

/// What the benign run holds where a hostile run holds the text.
const PLACEHOLDER: &str = "Placeholder words";

/// Whether `text` may be a name (a section's or an officer's title):
/// names hold no control or invisible character (`invisible-character`).
fn fits_a_name(text: &str) -> bool {
    use actionplan::render::terminal::{is_invisible, is_lookalike_space};
    !text
        .chars()
        .any(|c| c.is_control() || is_invisible(c) || is_lookalike_space(c))
}

/// A one-recommendation plan with `text` as its recommendation and the
/// note of its update, and as its section's title and its lead officer's
/// title when it may be a name.
fn plan_holding(text: &str) -> TestPlan {
    plan_holding_names(text, fits_a_name(text))
}

/// [`plan_holding`], with `text` in the names too when `named`.
fn plan_holding_names(text: &str, named: bool) -> TestPlan {
    let name = match named {
        true => text,
        false => "Not a hostile name",
    };
    let name = toml::Value::String(name.to_string()).to_string();
    let text = toml::Value::String(text.to_string()).to_string();
    let plan = TestPlan::fixture("valid/minimal");
    fs::remove_dir_all(plan.path("1")).unwrap();
    plan.write(
        "plan.toml",
        format!(
            "title = \"Fixture plan\"\norganisation = \"Example Council\"\n\
             reporting = \"quarterly\"\nyear_starts = \"04-01\"\n\n\
             [[sections]]\nnumber = \"1\"\ntitle = {name}\n"
        ),
    );
    plan.write(
        "officers.toml",
        format!("[[officers]]\nid = \"dcs\"\ntitle = {name}\naliases = [\"DCS\"]\n"),
    );
    plan.write(
        "1/1.1.toml",
        format!(
            "ref = \"1.1\"\nrecommendation = {text}\n\n[[actions]]\n\
             text = \"Draft terms of reference\"\ntimescale = \"April 2009\"\n\
             due = 2009-04-30\nlead = [\"DCS\"]\nstatus = \"on_track\"\n\n\
             [[actions.updates]]\ndate = 2009-05-20\nstatus = \"on_track\"\nnote = {text}\n"
        ),
    );
    plan
}

/// The markdown papers holding `text`: the digest and `show 1.1`.
fn plan_papers(text: &str) -> [String; 2] {
    papers_of(plan_holding(text))
}

fn papers_of(plan: TestPlan) -> [String; 2] {
    let run = |args: &[&str]| {
        let output = plan.run(args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        stdout(&output)
    };
    [
        run(&["digest", "--as-of", "2009-07-01"]),
        run(&[
            "show",
            "1.1",
            "--as-of",
            "2009-07-01",
            "--format",
            "markdown",
        ]),
    ]
}

/// How pandoc reads a paper: its text, a line per paragraph, cell or
/// heading, with each run of whitespace (line breaks, `<br>`, no-break
/// spaces) as one space; and how many of each other element it holds.
#[derive(Debug, Default, PartialEq)]
struct Reading {
    text: String,
    elements: BTreeMap<String, usize>,
}

/// A paragraph between papers, so one pandoc run reads them all.
const BOUNDARY: &str = "PAPERBOUNDARY";

/// How `reader` reads each of `papers`.
fn pandoc(papers: &[&String], reader: &str) -> Vec<Reading> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("papers.md");
    let separator = format!("\n\n{BOUNDARY}\n\n");
    fs::write(
        &path,
        papers
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(&separator),
    )
    .unwrap();
    let output = Command::new("pandoc")
        .args(["-f", reader, "-t", "json"])
        .arg(&path)
        .output()
        .expect("pandoc runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let ast: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut readings = vec![Reading::default()];
    for block in ast["blocks"].as_array().unwrap() {
        if block["t"] == "Para" && block["c"] == serde_json::json!([{"t": "Str", "c": BOUNDARY}]) {
            readings.push(Reading::default());
        } else {
            walk(block, readings.last_mut().unwrap());
        }
    }
    for reading in &mut readings {
        reading.text = reading
            .text
            .lines()
            .map(normal)
            .collect::<Vec<_>>()
            .join("\n");
    }
    assert_eq!(
        readings.len(),
        papers.len(),
        "{reader}: a paper swallowed a boundary"
    );
    readings
}

fn walk(value: &Value, reading: &mut Reading) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| walk(item, reading)),
        // A citation's parts and the like: no tag, only content.
        Value::Object(node) if !node.contains_key("t") => {
            node.values().for_each(|item| walk(item, reading))
        }
        Value::Object(node) => {
            let tag = node["t"].as_str().unwrap();
            let content = node.get("c").unwrap_or(&Value::Null);
            match tag {
                "Str" => reading.text.push_str(content.as_str().unwrap()),
                "Space" | "SoftBreak" | "LineBreak" => reading.text.push(' '),
                "RawInline" if content[1] == "<br>" => reading.text.push(' '),
                // Pipe tables' widths follow the length of their lines.
                "ColWidth" | "ColWidthDefault" => {}
                _ => *reading.elements.entry(tag.to_string()).or_default() += 1,
            }
            walk(content, reading);
            if matches!(tag, "Para" | "Plain" | "Header") {
                reading.text.push('\n');
            }
        }
        _ => {}
    }
}

/// Text with each run of whitespace as one space, trimmed.
fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const READERS: [&str; 3] = ["markdown", "gfm", "commonmark_x"];

/// Each paper (`which`: 0 the digest, 1 `show`) of each text reads, to
/// every reader, as the placeholder's paper with the text in its place,
/// and has the same elements: no list, code, heading, link, math, citation
/// or other markup came from the text.
fn assert_read_back(texts: &[&str], which: usize) {
    // The placeholder everywhere, and only where a text that may not be a
    // name goes (names then hold "Not a hostile name").
    let benign = plan_papers(PLACEHOLDER);
    let unnamed = papers_of(plan_holding_names(PLACEHOLDER, false));
    let hostile: Vec<[String; 2]> = texts.iter().map(|text| plan_papers(text)).collect();
    for reader in READERS {
        let named = pandoc(&[&benign[which]], reader).remove(0);
        let not_named = pandoc(&[&unnamed[which]], reader).remove(0);
        let papers: Vec<&String> = hostile.iter().map(|p| &p[which]).collect();
        for ((text, read), paper) in texts.iter().zip(pandoc(&papers, reader)).zip(&papers) {
            let expected = if fits_a_name(text) {
                &named
            } else {
                &not_named
            };
            let text_in_place = expected.text.replace(PLACEHOLDER, &normal(text));
            assert_eq!(
                read.text, text_in_place,
                "{reader} read {text:?} from\n{paper}"
            );
            assert_eq!(
                read.elements, expected.elements,
                "{reader}: {text:?} in\n{paper}"
            );
        }
    }
}

#[test]
fn pandoc_reads_plan_text_as_text_in_the_digest() {
    if available("pandoc") {
        assert_read_back(&[HOSTILE, HOSTILE_LINES].concat(), 0);
    }
}

#[test]
fn pandoc_reads_plan_text_as_text_in_show() {
    // `show` joins a field's lines with "; ", so one-line texts only.
    if available("pandoc") {
        assert_read_back(HOSTILE, 1);
    }
}

#[test]
fn the_html_digest_is_xml_whatever_characters_the_plan_holds() {
    let text = "Agreed \u{1} \u{b} \u{7f} \u{85} \u{fdd0} \u{fdef} \u{fffe} \u{ffff} \u{1fffe} \u{10ffff} end";
    let plan = plan_holding(text);
    let output = plan.run(&["digest", "--as-of", "2009-07-01", "--format", "html"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let html = stdout(&output);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&html, options)
        .unwrap_or_else(|e| panic!("not well-formed: {e}"));
    let replaced = "Agreed \u{fffd} \u{fffd} \u{fffd} \u{fffd} \u{fffd} \u{fffd} \u{fffd} \u{fffd} \u{fffd} \u{fffd} end";
    let cells: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("td"))
        .filter_map(|n| n.text())
        .collect();
    assert!(cells.contains(&replaced), "{cells:?}");
}
