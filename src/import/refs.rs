//! A table's refs as plan refs: tidied ("1." → "1", "2.07" → "2.7",
//! "21/BCFU/07" → "21-BCFU-07"), numbered in order where a table has none,
//! and kept unique. Every change is reported.

use std::collections::HashSet;

use super::{NoteKind, Report};
use crate::reference::Ref;

/// A ref cell as written, tidied: spaces collapsed, a trailing dot or
/// colon dropped.
pub fn tidy(cell: &str) -> String {
    let collapsed = cell.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_end_matches(['.', ':']).trim().to_string()
}

/// Whether a ref cell holds a ref rather than a heading's words.
pub fn looks_like_ref(text: &str) -> bool {
    text.chars().count() <= 20 && text.chars().any(|c| c.is_ascii_digit()) && {
        let words = text.split_whitespace().count();
        words <= 3
    }
}

/// "1. Improve …" or "2.3 Agree …": the number a text starts with.
pub fn leading_number(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let number = first.trim_end_matches(['.', ':', ')']);
    let plain = !number.is_empty()
        && number.len() <= 9
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && number.bytes().next().is_some_and(|b| b.is_ascii_digit());
    (plain && text.split_whitespace().count() > 1).then(|| number.to_string())
}

/// The words after the number `leading_number` found.
pub fn after_leading_number(text: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or("");
    let start = text.find(first).unwrap_or(0) + first.len();
    text[start..].trim_start().to_string()
}

/// A ref written so `Ref::parse` takes it, or `None`.
fn mend(written: &str) -> Option<String> {
    if Ref::parse(written).is_ok() {
        return Some(written.to_string());
    }
    let dotted = written.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let mut mended = if dotted {
        written
            .split('.')
            .filter(|p| !p.is_empty())
            .map(|p| p.trim_start_matches('0'))
            .map(|p| if p.is_empty() { "0" } else { p })
            .collect::<Vec<_>>()
            .join(".")
    } else {
        let replaced: String = written
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || " .-()".contains(c) {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let trimmed = replaced.trim_matches(['-', ' ', '.']).to_string();
        trimmed
            .chars()
            .take(40)
            .collect::<String>()
            .trim_end()
            .to_string()
    };
    // "1a" would read as action a of ref 1.
    if mended
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_lowercase())
    {
        let last = mended.pop().map(|c| c.to_ascii_uppercase());
        mended.extend(last);
    }
    Ref::parse(&mended).is_ok().then_some(mended)
}

/// The ref a new recommendation gets: the written one mended, else the
/// next number; unique without case (a second "R3" becomes "R3 (2)").
pub fn choose(
    written: Option<String>,
    line: usize,
    used: &mut HashSet<String>,
    report: &mut Report,
) -> String {
    let mended = written.as_deref().and_then(mend);
    let mut reference = match (&written, mended) {
        (Some(w), Some(m)) => {
            if *w != m {
                report.add(
                    Some(line),
                    NoteKind::Guess,
                    format!("ref “{w}” written “{m}”: a ref may hold only letters, digits, spaces, dots, dashes and brackets"),
                );
            }
            m
        }
        (None, Some(m)) => m,
        (written, None) => {
            let number = (1..)
                .map(|n: usize| n.to_string())
                .find(|n| !used.contains(n))
                .unwrap_or_default();
            let why = match written {
                Some(w) => format!("ref “{w}” cannot be a ref"),
                None => "no ref".to_string(),
            };
            report.add(
                Some(line),
                NoteKind::Guess,
                format!("{why}: numbered {number} in order"),
            );
            number
        }
    };
    if used.contains(&reference.to_lowercase()) {
        let base = reference.clone();
        let mut n = 2;
        while used.contains(&format!("{base} ({n})").to_lowercase()) {
            n += 1;
        }
        reference = format!("{base} ({n})");
        report.add(
            Some(line),
            NoteKind::Guess,
            format!("ref “{base}” used twice: this one is “{reference}”"),
        );
    }
    used.insert(reference.to_lowercase());
    reference
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn council_refs_are_mended_not_lost() {
        assert_eq!(mend("2.07").as_deref(), Some("2.7"));
        assert_eq!(mend("21/BCFU/07").as_deref(), Some("21-BCFU-07"));
        assert_eq!(mend("1a").as_deref(), Some("1A"));
        assert_eq!(mend("2 (i)").as_deref(), Some("2 (i)"));
        assert_eq!(tidy(" 1. "), "1");
        assert_eq!(leading_number("3. Improve the audit").as_deref(), Some("3"));
    }

    #[test]
    fn refs_stay_unique_and_missing_ones_are_numbered() {
        let mut used = HashSet::new();
        let mut report = Report::default();
        assert_eq!(choose(None, 2, &mut used, &mut report), "1");
        assert_eq!(choose(Some("R3".into()), 3, &mut used, &mut report), "R3");
        assert_eq!(
            choose(Some("r3".into()), 4, &mut used, &mut report),
            "r3 (2)"
        );
        assert_eq!(report.notes.len(), 2);
    }
}
