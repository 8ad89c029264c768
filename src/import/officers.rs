//! Grouping the spellings of one officer: names that differ only by
//! "&"/"and", case, spacing, punctuation, or a trailing word another
//! spelling has, are one officer. Every grouping is reported so a person
//! can undo it.

use super::{NoteKind, Report};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    pub id: String,
    /// The longest spelling.
    pub title: String,
    /// The other spellings, in the order first met.
    pub aliases: Vec<String>,
}

/// `names` in the order the plan uses them (repeats allowed).
pub fn group(names: &[String], report: &mut Report) -> Vec<Officer> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for name in names {
        let wanted = key(name);
        let found = groups.iter_mut().find(|(title, aliases)| {
            std::iter::once(title)
                .chain(aliases.iter())
                .any(|n| same_officer(&key(n), &wanted))
        });
        match found {
            Some((title, aliases)) if title != name && !aliases.contains(name) => {
                if name.len() > title.len() {
                    aliases.push(std::mem::replace(title, name.clone()));
                } else {
                    aliases.push(name.clone());
                }
            }
            Some(_) => {}
            None => groups.push((name.clone(), Vec::new())),
        }
    }
    let mut officers: Vec<Officer> = Vec::new();
    for (title, aliases) in groups {
        if !aliases.is_empty() {
            let spellings = aliases
                .iter()
                .map(|a| format!("“{a}”"))
                .collect::<Vec<_>>()
                .join(", ");
            report.add(None, NoteKind::Grouping, format!("“{title}” and {spellings} are taken as one officer: split them in officers.toml if they are not"));
        }
        let mut id = slug(&title);
        if officers.iter().any(|o| o.id == id) {
            id = format!("{id}-{}", officers.len() + 1);
        }
        officers.push(Officer { id, title, aliases });
    }
    officers
}

/// A name with case, "&"/"and", punctuation and spacing evened out.
fn key(name: &str) -> String {
    let words: String = name
        .replace('&', " and ")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c.is_whitespace() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Equal, or one is the other with words added at the end.
fn same_officer(a: &str, b: &str) -> bool {
    a == b || a.starts_with(&format!("{b} ")) || b.starts_with(&format!("{a} "))
}

/// "Head of Planning, Performance & Development" → "head-of-planning-performance-and-development".
fn slug(title: &str) -> String {
    let key = key(&title.replace(['\'', '’'], ""));
    key.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn spellings_of_one_officer_are_grouped_under_the_longest() {
        let mut report = Report::default();
        let officers = group(
            &names(&[
                "Head of Safeguarding & Vulnerable",
                "DCS",
                "Head of Safeguarding and Vulnerable",
                "Head of Safeguarding and Vulnerable Children",
                "dcs",
            ]),
            &mut report,
        );
        assert_eq!(officers.len(), 2);
        assert_eq!(
            officers[0].title,
            "Head of Safeguarding and Vulnerable Children"
        );
        assert_eq!(
            officers[0].aliases,
            [
                "Head of Safeguarding & Vulnerable",
                "Head of Safeguarding and Vulnerable"
            ]
        );
        assert_eq!(
            officers[0].id,
            "head-of-safeguarding-and-vulnerable-children"
        );
        assert_eq!(officers[1].aliases, ["dcs"]);
        assert_eq!(report.notes.len(), 2, "each grouping is reported");
    }

    #[test]
    fn different_officers_stay_apart() {
        let mut report = Report::default();
        let officers = group(
            &names(&[
                "HSCB Chair",
                "HSCB Business Manager",
                "Children's Trust Manager",
                "Children's Trust Business Manager",
            ]),
            &mut report,
        );
        assert_eq!(officers.len(), 4);
        assert!(report.notes.is_empty());
        assert_eq!(officers[2].id, "childrens-trust-manager");
    }
}
