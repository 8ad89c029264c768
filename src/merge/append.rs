//! The common case, merged as text: both sides only appended updates to
//! the file's last action (what `update --note` does to a recommendation
//! with one action, or to its last). The result is the base, then both
//! sides' new updates once each, in date order: what the field-level
//! merge would give, without parsing a megabyte of TOML three times.
//! Anything else (a key changed, an update carrying a status or due, an
//! update dated before the base's last) goes to the field-level merge.

const UPDATE: &str = "[[actions.updates]]";

/// The merged text, when both sides only appended plain updates.
pub fn appended_updates(base: &str, mine: &str, theirs: &str) -> Option<String> {
    let (mine_new, theirs_new) = (mine.strip_prefix(base)?, theirs.strip_prefix(base)?);
    if !base.is_empty() && !base.ends_with('\n') {
        return None;
    }
    if !last_table_is_an_action(base) {
        return None;
    }
    let floor = last_date(base);
    let (mine_blocks, theirs_blocks) = (blocks(mine_new, &floor)?, blocks(theirs_new, &floor)?);
    let mine_texts: std::collections::HashSet<&str> =
        mine_blocks.iter().map(|b| b.text.trim()).collect();
    let mut kept: Vec<Block> = mine_blocks;
    for block in theirs_blocks {
        if mine_texts.contains(block.text.trim()) {
            continue;
        }
        let at = kept
            .iter()
            .rposition(|k| k.date <= block.date)
            .map_or(0, |i| i + 1);
        kept.insert(at, block);
    }
    let mut text = String::with_capacity(mine.len() + theirs_new.len());
    text.push_str(base);
    for block in kept {
        text.push_str(block.text);
    }
    Some(text)
}

struct Block<'t> {
    date: &'t str,
    text: &'t str,
}

/// Whether the base's last table is an action or one of its updates, so
/// that updates appended after it are that action's.
fn last_table_is_an_action(base: &str) -> bool {
    let last = base.lines().rev().find(|l| l.trim_start().starts_with('['));
    matches!(last.map(str::trim), Some("[[actions]]") | Some(UPDATE))
}

/// The latest `date = ` of the base's last action's updates ("" for none).
fn last_date(base: &str) -> String {
    let action = base.rfind("[[actions]]").map_or(base, |at| &base[at..]);
    action
        .lines()
        .filter_map(date_of)
        .max()
        .unwrap_or_default()
        .to_string()
}

fn date_of(line: &str) -> Option<&str> {
    let value = line
        .trim()
        .strip_prefix("date")?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    (value.len() == 10 && value.as_bytes()[4] == b'-').then_some(value)
}

/// A side's appended text as update blocks, each from its blank line to
/// the next; `None` when it is anything else, or an update carries more
/// than a date, a note and who reported it, or is dated before `floor`.
fn blocks<'t>(text: &'t str, floor: &str) -> Option<Vec<Block<'t>>> {
    let mut found = Vec::new();
    let mut rest = text;
    while !rest.trim().is_empty() {
        let header = rest.find(UPDATE)?;
        if !rest[..header].trim().is_empty() {
            return None;
        }
        let after = header + UPDATE.len();
        let end = rest[after..].find(UPDATE).map_or(rest.len(), |at| {
            // The next block starts with the blank line before its header.
            let next = after + at;
            rest[..next].trim_end_matches(['\n', ' ', '\r']).len() + 1
        });
        let block = &rest[..end];
        found.push(plain_update(block, floor)?);
        rest = &rest[end..];
    }
    Some(found)
}

/// A block holding one update of a date, a note and `by` only.
fn plain_update<'t>(block: &'t str, floor: &str) -> Option<Block<'t>> {
    let mut date = None;
    for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line == UPDATE || line.starts_with('#') {
            continue;
        }
        let key = line.split('=').next()?.trim();
        match key {
            "date" => date = Some(date_of(line)?),
            "note" | "by" if line.ends_with('"') && !line.contains("\"\"\"") => {}
            _ => return None,
        }
    }
    let date = date?;
    (date >= floor).then_some(Block { date, text: block })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "ref = \"1.1\"\n\n[[actions]]\ntext = \"A\"\n\n[[actions.updates]]\ndate = 2009-07-01\nnote = \"Base\"\n";

    fn update(date: &str, note: &str) -> String {
        format!("\n[[actions.updates]]\ndate = {date}\nnote = \"{note}\"\n")
    }

    #[test]
    fn both_sides_appends_are_kept_once_in_date_order() {
        let mine = format!(
            "{BASE}{}{}",
            update("2009-07-05", "M"),
            update("2009-07-09", "Both")
        );
        let theirs = format!(
            "{BASE}{}{}",
            update("2009-07-03", "T"),
            update("2009-07-09", "Both")
        );
        let merged = appended_updates(BASE, &mine, &theirs).unwrap();
        assert_eq!(
            merged,
            format!(
                "{BASE}{}{}{}",
                update("2009-07-03", "T"),
                update("2009-07-05", "M"),
                update("2009-07-09", "Both")
            )
        );
        let parsed: toml_edit::DocumentMut = merged.parse().unwrap();
        assert_eq!(
            parsed["actions"][0]["updates"]
                .as_array_of_tables()
                .unwrap()
                .len(),
            4
        );
    }

    #[test]
    fn anything_but_plain_appended_updates_goes_to_the_field_merge() {
        let status =
            format!("{BASE}\n[[actions.updates]]\ndate = 2009-07-05\nstatus = \"complete\"\n");
        assert!(appended_updates(BASE, &status, BASE).is_none());
        let earlier = format!("{BASE}{}", update("2009-06-01", "Old"));
        assert!(appended_updates(BASE, &earlier, BASE).is_none());
        let edited = BASE.replace("text = \"A\"", "text = \"B\"");
        assert!(appended_updates(BASE, &edited, BASE).is_none());
        let new_action = format!("{BASE}\n[[actions]]\ntext = \"C\"\n");
        assert!(appended_updates(BASE, &new_action, BASE).is_none());
    }
}
