//! The event reader must give exactly what the schema gives, or nothing.

use std::path::{Path, PathBuf};

use super::read_plain;
use crate::load::read_recommendation;

fn path() -> &'static Path {
    Path::new("2/2.7.toml")
}

/// What the event reader gives, checked against the schema's reading.
fn plain(text: &str) -> Option<crate::model::Recommendation> {
    let fast = read_plain(text);
    if fast.is_some() {
        assert_eq!(fast, read_recommendation(path(), text), "{text}");
    }
    fast
}

const EVERY_KEY: &str = r#"# A comment before anything
ref = "2.7"
recommendation = 'Literal – with “quotes” and \no escapes'

[[actions]]
text = "Escapes: \"quoted\", tab\t, \u00e9 and \\ backslash"
steps = ["one", 'two', """three
lines"""]
timescale = "By April 2009"
due = 2009-04-30
start = 2009-01-05
recurs = "quarterly"
ongoing = false
success = "a single text is a list of one"
lead = [
  "DCS",  # a comment in a list
  "Head of Safeguarding",
]
resources = []
status = "on_track"
notes = ['''a literal
over lines''']

[[actions.updates]]
date = 2009-03-02
status = "at_risk"
due = 2009-06-30
note = "Waiting for the manager"
by = "DCS"

[[ actions . updates ]]
date = 2009-04-01

[[actions]]
status = "complete"
ongoing = true
"#;

#[test]
fn a_file_with_every_key_reads_as_the_schema_reads_it() {
    let rec = plain(EVERY_KEY).expect("a plain file is read");
    assert_eq!(rec.actions.len(), 2);
    assert_eq!(rec.actions[0].updates.len(), 2);
    assert_eq!(rec.actions[0].steps[2], "three\nlines");
}

#[test]
fn crlf_line_ends_read_alike() {
    let text = EVERY_KEY.replace('\n', "\r\n");
    assert!(plain(&text).is_some());
}

#[test]
fn every_file_of_the_bundled_plan_reads_as_the_schema_reads_it() {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let files = recommendation_files(&plan);
    assert!(files.len() >= 40, "{} files", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(plain(&text).is_some(), "{}", file.display());
    }
}

/// Every file in the plan's section folders.
fn recommendation_files(plan: &Path) -> Vec<PathBuf> {
    let entries = |dir: &Path| -> Vec<PathBuf> {
        let listing = std::fs::read_dir(dir).unwrap();
        listing.map(|e| e.unwrap().path()).collect()
    };
    let sections = entries(plan).into_iter().filter(|p| p.is_dir());
    sections.flat_map(|section| entries(&section)).collect()
}

#[test]
fn anything_the_schema_would_speak_of_is_left_to_it() {
    let base = "ref = \"2.7\"\nrecommendation = \"r\"\n[[actions]]\nstatus = \"on_track\"\n";
    let given_up = [
        "due = 2009-02-30",
        "due = 2009-04-30T10:00:00",
        "due = \"2009-04-30\"",
        "ongoing = \"yes\"",
        "steps = [1, 2]",
        "steps = [[\"a\"]]",
        "text = 3",
        "text = [\"a\"]",
        "lead = { name = \"DCS\" }",
        "status = \"green\"",
        "recurs = \"weekly\"",
        "colour = \"red\"",
        "\"text\" = \"quoted key\"",
        "a.b = \"dotted\"",
        "text = \"a\"\ntext = \"twice\"",
        "[extra]",
        "[[actions.steps]]",
        "[[other]]",
        "text = \"unterminated",
        "# a bell \u{7} in a comment",
        "[[actions.updates]]\nstatus = \"at_risk\"",
        "[[actions.updates]]\ndate = 2009-01-01\nstatus = \"delayed\"",
        "[[actions.updates]]\ndate = 2009-13-01",
    ];
    for extra in given_up {
        let text = format!("{base}{extra}\n");
        assert!(read_plain(&text).is_none(), "{extra}");
    }
    assert!(plain(base).is_some());
}

#[test]
fn a_header_left_open_is_left_to_the_schema() {
    let base = "ref = \"2.7\"\nrecommendation = \"r\"\n";
    for tail in [
        "[[",
        "[[ ",
        "[[actions.",
        "[[\n[[actions]]\nstatus = \"complete\"",
    ] {
        let text = format!("{base}{tail}\n");
        assert!(read_plain(&text).is_none(), "{tail:?}");
        assert!(read_recommendation(path(), &text).is_none(), "{tail:?}");
    }
}

#[test]
fn a_conflict_marker_inside_a_text_refuses_the_file_as_the_loader_does() {
    let text = "ref = \"2.7\"\nrecommendation = \"\"\"\n<<<<<<< ours\n\"\"\"\n";
    assert!(read_plain(text).is_some(), "valid TOML, and plain");
    assert!(crate::load::parse_recommendation(path(), text.as_bytes()).is_none());
}

#[test]
fn brackets_nested_past_any_stack_are_given_up_on_not_followed() {
    let base = "ref = \"2.7\"\nrecommendation = \"r\"\n[[actions]]\nstatus = \"complete\"\n";
    for open in ["[", "{a="] {
        let text = format!("{base}steps = {}\n", open.repeat(100_000));
        assert!(read_plain(&text).is_none(), "{open}");
    }
}

#[test]
fn a_file_missing_what_the_schema_requires_is_left_to_it() {
    for text in [
        "",
        "recommendation = \"r\"",
        "ref = \"2.7\"",
        "ref = \" \"\nrecommendation = \"r\"",
        "ref = \"2.7\"\nrecommendation = \"  \"",
        "ref = \"not a ref!\"\nrecommendation = \"r\"",
        "ref = \"2.7\"\nrecommendation = \"r\"\n[[actions]]\ntext = \"no status\"",
        "ref = \"2.7\"\nrecommendation = \"r\"\n[[actions.updates]]\ndate = 2009-01-01",
    ] {
        assert!(read_plain(text).is_none(), "{text}");
    }
}

mod properties {
    use proptest::option::of as o;
    use proptest::prelude::*;

    use super::plain;
    use crate::load::schema::{ACTION_KEYS, RECOMMENDATION_KEYS, UPDATE_KEYS};

    fn basic(text: &str) -> String {
        let mut quoted = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                '\n' => quoted.push_str("\\n"),
                '\t' => quoted.push_str("\\t"),
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        quoted
    }

    /// A value in one of the shapes a file may hold, right or wrong.
    fn value() -> impl Strategy<Value = String> {
        let text = "[a-z0-9 ’–.\"\\\\\n\t#=,'\\[\\]]{0,10}";
        prop_oneof![
            text.prop_map(|t| basic(&t)),
            "[a-z ’–.\"]{0,10}".prop_map(|t| format!("'{t}'")),
            "[a-z ’\n]{0,10}".prop_map(|t| format!("\"\"\"{t}\"\"\"")),
            prop::sample::select(vec![
                "2009-04-30",
                "2009-02-29",
                "2008-02-29",
                "0000-01-01",
                "2009-04-30T09:00:00",
                "09:00:00",
                "true",
                "false",
                "3",
                "1.5",
                "\"on_track\"",
                "\"complete\"",
                "\"Complete\"",
                "\"quarterly\"",
                "\"2.7\"",
                "\"3.3a\"",
                "[]",
                "[\"a\", 'b',]",
                "[\n \"a\", # c\n \"b\"\n]",
                "[\"a\", 1]",
                "{ a = 1 }",
            ])
            .prop_map(String::from),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        "[a-z ’–\"\\\\\n]{0,8}".prop_map(|t| basic(&t))
    }

    fn texts() -> impl Strategy<Value = String> {
        let list =
            prop::collection::vec(text(), 0..3).prop_map(|items| format!("[{}]", items.join(", ")));
        prop_oneof![list, text()]
    }

    fn date() -> impl Strategy<Value = String> {
        (2000..2030i32, 1..13u32, 1..29u32).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
    }

    fn status() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["on_track", "at_risk", "complete", "not_started"])
            .prop_map(|w| format!("\"{w}\""))
    }

    /// `key = value` lines for the keys that are there.
    fn lines(pairs: Vec<(&str, Option<String>)>) -> String {
        let lines = pairs
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k} = {v}\n")));
        lines.collect()
    }

    fn update() -> impl Strategy<Value = String> {
        (date(), o(status()), o(date()), o(text()), o(text())).prop_map(|(d, s, due, note, by)| {
            let keys = vec![
                ("date", Some(d)),
                ("status", s),
                ("due", due),
                ("note", note),
                ("by", by),
            ];
            format!("[[actions.updates]]\n{}", lines(keys))
        })
    }

    /// An action as a plain file holds it, every key of its type.
    fn action() -> impl Strategy<Value = String> {
        let words = (
            o(text()),
            o(texts()),
            o(text()),
            o(texts()),
            o(texts()),
            o(texts()),
            o(texts()),
        );
        let schedule = (
            o(date()),
            o(date()),
            o(prop::sample::select(vec!["\"monthly\"", "\"annually\""])),
            o(prop::bool::ANY),
        );
        let updates = prop::collection::vec(update(), 0..3);
        (words, schedule, status(), updates).prop_map(|(w, sc, status, updates)| {
            let keys = vec![
                ("text", w.0),
                ("steps", w.1),
                ("timescale", w.2),
                ("success", w.3),
                ("lead", w.4),
                ("resources", w.5),
                ("notes", w.6),
                ("due", sc.0),
                ("start", sc.1),
                ("recurs", sc.2.map(String::from)),
                ("ongoing", sc.3.map(|b| b.to_string())),
                ("status", Some(status)),
            ];
            format!("[[actions]]\n{}{}", lines(keys), updates.concat())
        })
    }

    /// Any line: any key with any value, or a header.
    fn line() -> impl Strategy<Value = String> {
        // Every key the schema knows, in every table, and some it does not.
        let known = [RECOMMENDATION_KEYS, ACTION_KEYS, UPDATE_KEYS].concat();
        let key = prop::sample::select([known, vec!["colour", "\"text\"", "a.b"]].concat());
        let header = prop::sample::select(vec![
            "[[actions]]",
            "[[actions.updates]]",
            "[[ actions ]]",
            "[actions]",
            "[[action]]",
        ]);
        prop_oneof![
            1 => (key, value()).prop_map(|(k, v)| format!("{k} = {v}")),
            1 => header.prop_map(String::from),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn what_the_event_reader_gives_is_what_the_schema_gives(
            reference in prop::sample::select(vec!["\"2.7\"", "\"1.10\"", "'x'", "\"\""]),
            actions in prop::collection::vec(action(), 0..4),
            odd in prop::option::weighted(0.4, (any::<prop::sample::Index>(), line())),
        ) {
            let mut lines: Vec<String> = actions.concat().lines().map(String::from).collect();
            if let Some((at, line)) = odd {
                lines.insert(at.index(lines.len() + 1), line);
            }
            let text = format!("ref = {reference}\nrecommendation = \"r\"\n{}\n", lines.join("\n"));
            // `plain` asserts the two readings agree whenever it reads.
            let _ = plain(&text);
        }
    }
}
