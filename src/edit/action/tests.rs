use super::*;

fn edit(status: Option<Status>, due: Option<&str>, note: Option<&str>) -> ActionEdit {
    ActionEdit {
        status,
        due: due.map(|d| d.parse().unwrap()),
        date: "2009-07-02".parse().unwrap(),
        note: note.map(str::to_string),
        by: None,
    }
}

const FILE: &str = r#"# Hand-written comment at the top.
ref = "2.7"
recommendation = 'Literal quotes stay literal.'

[[actions]]
text = "First"
due   =   2009-02-28   # spacing and comment kept
lead = ["DCS"]
status = "not_started" # the seed said nothing

# A comment between actions.
[[actions]]
text = "Second"
lead = ["DCS"]
status = "on_track"

[[actions.updates]]
date = 2009-05-01
note = "Started"
"#;

#[test]
fn a_status_change_touches_only_its_line_and_appends_an_update() {
    let out = apply(
        FILE.as_bytes(),
        0,
        &edit(Some(Status::Complete), None, None),
    )
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    let expected = FILE.replace(
        "status = \"not_started\" # the seed said nothing\n",
        "status = \"complete\" # the seed said nothing\n\n[[actions.updates]]\ndate = 2009-07-02\nstatus = \"complete\"\n",
    );
    assert_eq!(out, expected);
}

#[test]
fn an_update_to_the_second_action_follows_its_existing_updates() {
    let out = apply(
        FILE.as_bytes(),
        1,
        &edit(None, Some("2009-09-30"), Some("Moved")),
    )
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    let expected = FILE.replace(
        "status = \"on_track\"\n",
        "status = \"on_track\"\ndue = 2009-09-30\n",
    ) + "\n[[actions.updates]]\ndate = 2009-07-02\ndue = 2009-09-30\nnote = \"Moved\"\n";
    assert_eq!(out, expected);
}

#[test]
fn a_bom_and_crlf_line_ends_are_kept() {
    let crlf = format!("\u{feff}{}", FILE.replace('\n', "\r\n"));
    let out = apply(crlf.as_bytes(), 0, &edit(Some(Status::OnTrack), None, None)).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with('\u{feff}'));
    assert_eq!(out.matches('\n').count(), out.matches("\r\n").count());
    assert!(out.contains("status = \"on_track\" # the seed said nothing\r\n"));
}

#[test]
fn mixed_line_ends_are_kept_line_by_line() {
    let mixed = "ref = \"1.1\"\r\nrecommendation = \"R\"\n\r\n[[actions]]\r\ntext = \"T\"\nlead = [\"DCS\"]\r\nstatus = \"on_track\"\r\n";
    let out = apply(
        mixed.as_bytes(),
        0,
        &edit(Some(Status::Complete), None, None),
    )
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    let expected = mixed.replace("\"on_track\"", "\"complete\"")
        + "\r\n[[actions.updates]]\r\ndate = 2009-07-02\r\nstatus = \"complete\"\r\n";
    assert_eq!(out, expected);
}

#[test]
fn a_note_over_several_lines_is_written_on_one() {
    let crlf = FILE.replace('\n', "\r\n");
    let note = "Met twice:\nonce in May\r\nonce in June \u{7f} \"quoted\" \\ done";
    let out = apply(crlf.as_bytes(), 0, &edit(None, None, Some(note))).unwrap();
    let out = String::from_utf8(out).unwrap();
    let table: toml::Table = out.parse().unwrap();
    let updates = table["actions"][0]["updates"].as_array().unwrap();
    assert_eq!(updates[0]["note"].as_str(), Some(note));
    assert!(
        out.contains("note = \"Met twice:\\nonce in May\\r\\nonce"),
        "{out}"
    );
}

#[test]
fn inline_updates_get_an_inline_update() {
    let file = "ref = \"1.1\"\nrecommendation = \"R\"\n\n[[actions]]\ntext = \"T\"\nupdates = [{ date = 2009-05-01, note = \"a\" }]\n";
    let out = apply(file.as_bytes(), 0, &edit(None, None, Some("b"))).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(
            "updates = [{ date = 2009-05-01, note = \"a\" }, { date = 2009-07-02, note = \"b\" }]"
        ),
        "{out}"
    );
}

#[test]
fn a_missing_action_is_an_error_not_a_panic() {
    let err = apply(
        FILE.as_bytes(),
        5,
        &edit(Some(Status::Complete), None, None),
    )
    .unwrap_err();
    assert!(err.to_string().contains("2 actions"), "{err}");
}

mod properties {
    use proptest::prelude::*;
    use toml::Value as Toml;

    use super::super::*;

    /// `key = value` with the spacing and trailing comment varied.
    fn line(key: &'static str, value: BoxedStrategy<String>) -> BoxedStrategy<String> {
        (
            value,
            "[ ]{0,3}",
            "[ ]{0,3}",
            prop::option::of("[a-z ]{0,12}"),
        )
            .prop_map(move |(value, before, after, comment)| {
                let comment = comment.map(|c| format!("  # {c}")).unwrap_or_default();
                format!("{key}{before}={after}{value}{comment}\n")
            })
            .boxed()
    }

    fn string() -> BoxedStrategy<String> {
        prop_oneof![
            "[A-Za-z0-9 ,.&–’-]{0,20}".prop_map(|s| format!("\"{s}\"")),
            "[A-Za-z0-9 ,.&-]{0,20}".prop_map(|s| format!("'{s}'")),
        ]
        .boxed()
    }

    fn date() -> BoxedStrategy<String> {
        (2009..2012i32, 1..13u32, 1..29u32)
            .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
            .boxed()
    }

    fn status() -> BoxedStrategy<String> {
        prop::sample::select(vec!["\"not_started\"", "'on_track'", "\"complete\""])
            .prop_map(str::to_string)
            .boxed()
    }

    fn comment() -> BoxedStrategy<String> {
        prop::option::of("[a-z ]{0,20}")
            .prop_map(|c| c.map(|c| format!("# {c}\n")).unwrap_or_default())
            .boxed()
    }

    /// One `[[actions]]` table: keys in any order, some absent, any
    /// existing updates after them.
    fn action() -> BoxedStrategy<String> {
        let keys = vec![
            line("text", string()),
            line("timescale", string()),
            line("lead", string().prop_map(|s| format!("[{s}]")).boxed()),
        ];
        let optional = (
            prop::option::of(line("status", status())),
            prop::option::of(line("due", date())),
        );
        let lines = (keys, optional)
            .prop_map(|(keys, (status, due))| {
                keys.into_iter()
                    .chain(status)
                    .chain(due)
                    .collect::<Vec<_>>()
            })
            .prop_shuffle();
        let update = (
            comment(),
            line("date", date()),
            prop::option::of(line("note", string())),
        )
            .prop_map(|(c, d, n)| {
                format!("\n{c}[[actions.updates]]\n{d}{}", n.unwrap_or_default())
            });
        (comment(), lines, prop::collection::vec(update, 0..3))
            .prop_map(|(comment, lines, updates)| {
                format!(
                    "\n{comment}[[actions]]\n{}{}",
                    lines.concat(),
                    updates.concat()
                )
            })
            .boxed()
    }

    fn file() -> impl Strategy<Value = String> {
        (
            comment(),
            line("ref", Just("\"2.7\"".to_string()).boxed()),
            line("recommendation", string()),
            prop::collection::vec(action(), 1..4),
        )
            .prop_map(|(c, r, rec, actions)| format!("{c}{r}{rec}{}", actions.concat()))
    }

    fn edit() -> impl Strategy<Value = ActionEdit> {
        (
            prop::option::of(prop::sample::select(Status::ALL.to_vec())),
            prop::option::of((2009..2012i32, 1..13u32, 1..29u32)),
            prop::option::of("[^\u{0}]{0,30}"),
            prop::option::of("[A-Za-z ]{1,12}"),
        )
            .prop_map(|(status, due, note, by)| ActionEdit {
                status,
                due: due.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
                date: NaiveDate::from_ymd_opt(2009, 7, 2).unwrap(),
                note,
                by,
            })
    }

    /// What the file should mean after the edit, computed on parsed TOML.
    fn expected(old: &str, index: usize, edit: &ActionEdit) -> toml::Table {
        let mut table: toml::Table = old.parse().unwrap();
        let date = |d: NaiveDate| Toml::Datetime(d.to_string().parse().unwrap());
        let action = table["actions"].as_array_mut().unwrap()[index]
            .as_table_mut()
            .unwrap();
        let mut update = toml::Table::new();
        update.insert("date".into(), date(edit.date));
        if let Some(status) = edit.status {
            action.insert("status".into(), Toml::String(status.as_str().into()));
            update.insert("status".into(), Toml::String(status.as_str().into()));
        }
        if let Some(due) = edit.due {
            action.insert("due".into(), date(due));
            update.insert("due".into(), date(due));
        }
        if let Some(note) = &edit.note {
            update.insert("note".into(), Toml::String(note.clone()));
        }
        if let Some(by) = &edit.by {
            update.insert("by".into(), Toml::String(by.clone()));
        }
        let updates = action.entry("updates").or_insert(Toml::Array(Vec::new()));
        updates.as_array_mut().unwrap().push(Toml::Table(update));
        table
    }

    /// The old file's lines as the edit should leave them: the edited
    /// keys' values replaced, their spacing and comments kept.
    fn expected_lines(old: &str, index: usize, edit: &ActionEdit) -> Vec<String> {
        let mut action = None;
        let mut in_update = false;
        let mut lines = Vec::new();
        for line in old.lines() {
            if line == "[[actions]]" {
                action = Some(action.map_or(0, |a| a + 1));
                in_update = false;
            } else if line == "[[actions.updates]]" {
                in_update = true;
            }
            let ours = action == Some(index) && !in_update;
            let new_value = match (edit.status, edit.due) {
                (Some(status), _) if ours && line.starts_with("status") => {
                    Some(format!("\"{status}\""))
                }
                (_, Some(due)) if ours && line.starts_with("due") => Some(due.to_string()),
                _ => None,
            };
            // A value already there is left as it is written.
            let unchanged = |value: &str| {
                let old = line.split_once('=').map_or("", |(_, v)| v.trim());
                let old = old.split('#').next().unwrap_or("").trim();
                old.trim_matches(['"', '\'']) == value.trim_matches('"')
            };
            lines.push(match new_value {
                Some(value) if !unchanged(&value) => replace_value(line, &value),
                _ => line.to_string(),
            });
        }
        lines
    }

    /// `key = old  # c` → `key = new  # c`, as the generator writes lines.
    fn replace_value(line: &str, value: &str) -> String {
        let (key, rest) = line.split_once('=').unwrap();
        let spaces = rest.len() - rest.trim_start().len();
        let comment = rest.find("  # ").map_or("", |at| &rest[at..]);
        format!("{key}={}{value}{comment}", &rest[..spaces])
    }

    fn is_subsequence(small: &[String], big: &[&str]) -> bool {
        let mut big = big.iter();
        small.iter().all(|line| big.any(|b| b == line))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn an_edit_changes_only_its_keys(old in file(), edit in edit(), pick in any::<prop::sample::Index>()) {
            let count = old.matches("[[actions]]").count();
            let index = pick.index(count);
            let new = apply(old.as_bytes(), index, &edit).unwrap();
            let new = String::from_utf8(new).unwrap();
            let parsed: toml::Table = new.parse().unwrap();
            prop_assert_eq!(parsed, expected(&old, index, &edit));
            let new_lines: Vec<&str> = new.lines().collect();
            prop_assert!(is_subsequence(&expected_lines(&old, index, &edit), &new_lines), "old:\n{}\nnew:\n{}", old, new);
        }
    }
}
