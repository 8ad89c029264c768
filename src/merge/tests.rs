use super::*;

const BASE: &str = r#"ref = "2.7"
recommendation = "Agree the protocol."

# The first action.
[[actions]]
text = "Draft it"
status = "on_track"
due = 2009-06-30

[[actions.updates]]
date = 2009-05-01
note = "Started"

[[actions]]
text = "Sign it off"
status = "not_started"
due = 2009-09-30
"#;

fn merged(mine: &str, theirs: &str) -> Merged {
    merge(BASE, mine, theirs, "plan/2/2.7.toml").unwrap()
}

fn with_update(text: &str, after: &str, update: &str) -> String {
    text.replacen(
        after,
        &format!("{after}\n[[actions.updates]]\n{update}\n"),
        1,
    )
}

#[test]
fn updates_added_on_both_sides_are_all_kept_in_date_order_once_each() {
    let mine = with_update(
        BASE,
        "note = \"Started\"\n",
        "date = 2009-07-01\nnote = \"Mine\"",
    );
    let theirs = with_update(
        BASE,
        "note = \"Started\"\n",
        "date = 2009-06-01\nnote = \"Theirs\"",
    );
    let both = with_update(
        &theirs,
        "note = \"Theirs\"\n",
        "date = 2009-07-01\nnote = \"Mine\"",
    );
    let result = merged(&mine, &both);
    assert_eq!(result.conflicts, 0);
    let text = result.text;
    let (started, theirs_at, mine_at) = (
        text.find("Started").unwrap(),
        text.find("Theirs").unwrap(),
        text.find("Mine").unwrap(),
    );
    assert!(started < theirs_at && theirs_at < mine_at, "{text}");
    assert_eq!(text.matches("note = \"Mine\"").count(), 1, "{text}");
    assert!(
        text.contains("# The first action."),
        "comments kept: {text}"
    );
    let doc: DocumentMut = text.parse().unwrap();
    let updates = doc["actions"][0]["updates"].as_array_of_tables().unwrap();
    assert_eq!(updates.len(), 3);
}

#[test]
fn a_field_changed_on_one_side_takes_that_side() {
    let mine = BASE.replacen("status = \"on_track\"", "status = \"complete\"", 1);
    let theirs = BASE.replacen("due = 2009-09-30", "due = 2009-12-31", 1);
    let result = merged(&mine, &theirs);
    assert_eq!(result.conflicts, 0);
    assert!(
        result.text.contains("status = \"complete\""),
        "{}",
        result.text
    );
    assert!(result.text.contains("due = 2009-12-31"), "{}", result.text);
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let mine = BASE.replacen("status = \"on_track\"", "status = \"complete\"", 1);
    let theirs = BASE.replacen("status = \"on_track\"", "status = 'complete'", 1);
    assert_eq!(merged(&mine, &theirs).conflicts, 0);
}

#[test]
fn two_values_for_one_field_are_a_conflict_around_that_field_alone() {
    let mine = BASE.replacen("status = \"not_started\"", "status = \"on_track\"", 1);
    let theirs = BASE.replacen("status = \"not_started\"", "status = \"at_risk\"", 1);
    let result = merged(&mine, &theirs);
    assert_eq!(result.conflicts, 1);
    assert!(
        result.text.contains(
            "<<<<<<< mine (2.7b status)\nstatus = \"on_track\"\n=======\nstatus = \"at_risk\"\n>>>>>>> theirs (2.7b status)\n"
        ),
        "{}",
        result.text
    );
    assert!(result.text.contains("text = \"Sign it off\""));
}

#[test]
fn actions_added_on_both_sides_are_both_kept_ours_first() {
    let mine = format!("{BASE}\n[[actions]]\ntext = \"Mine\"\nstatus = \"not_started\"\n");
    let theirs = format!("{BASE}\n[[actions]]\ntext = \"Theirs\"\nstatus = \"not_started\"\n");
    let result = merged(&mine, &theirs);
    assert_eq!(result.conflicts, 0);
    let doc: DocumentMut = result.text.parse().unwrap();
    let actions = doc["actions"].as_array_of_tables().unwrap();
    let texts: Vec<&str> = actions
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Draft it", "Sign it off", "Mine", "Theirs"]);
}

#[test]
fn officers_added_on_both_sides_are_both_kept() {
    let base = "[[officers]]\nid = \"dcs\"\ntitle = \"DCS\"\n";
    let mine = format!("{base}\n[[officers]]\nid = \"a\"\ntitle = \"A\"\n");
    let theirs = format!("{base}\n[[officers]]\nid = \"b\"\ntitle = \"B\"\n");
    let result = merge(base, &mine, &theirs, "plan/officers.toml").unwrap();
    assert_eq!(result.conflicts, 0);
    assert!(
        result.text.contains("id = \"a\"") && result.text.contains("id = \"b\""),
        "{}",
        result.text
    );
}

#[test]
fn a_removed_action_cannot_be_merged_by_field() {
    let mine = BASE[..BASE.rfind("[[actions]]").unwrap()].to_string();
    let theirs = BASE.replacen("status = \"not_started\"", "status = \"at_risk\"", 1);
    assert!(merge(BASE, &mine, &theirs, "plan/2/2.7.toml").is_err());
}

#[test]
fn a_later_report_of_the_old_status_wins_over_an_earlier_change() {
    let base = "ref = \"1.1\"\nrecommendation = \"R\"\n\n[[actions]]\ntext = \"A\"\nstatus = \"on_track\"\n";
    let mine = format!(
        "{}\n[[actions.updates]]\ndate = 2009-07-01\nstatus = \"complete\"\n",
        base.replace("\"on_track\"", "\"complete\"")
    );
    let theirs = format!("{base}\n[[actions.updates]]\ndate = 2009-07-09\nstatus = \"on_track\"\n");
    let result = merge(base, &mine, &theirs, "plan/1/1.1.toml").unwrap();
    assert_eq!(result.conflicts, 0);
    let doc: DocumentMut = result.text.parse().unwrap();
    assert_eq!(
        doc["actions"][0]["status"].as_str(),
        Some("on_track"),
        "{}",
        result.text
    );
}

#[test]
fn a_key_added_on_one_side_stays_where_that_side_wrote_it() {
    let base = "[[officers]]\nid = \"dcs\"\ntitle = \"DCS\"\n";
    let mine = format!("{base}\n[[officers]]\nid = \"new\"\ntitle = \"New\"\n");
    let theirs = base.replace("id = \"dcs\"\n", "id = \"dcs\"\nemail = \"d@x\"\n");
    let merged = merge(base, &mine, &theirs, "plan/officers.toml").unwrap();
    assert_eq!(merged.conflicts, 0);
    assert!(
        merged
            .text
            .starts_with("[[officers]]\nid = \"dcs\"\nemail = \"d@x\"\ntitle = \"DCS\"\n"),
        "{}",
        merged.text
    );
}
