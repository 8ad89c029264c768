//! Grouping the spellings of one officer: names that differ only by
//! "&"/"and", case, spacing, punctuation, or a trailing word another
//! spelling has, are one officer. Every grouping is reported so a person
//! can undo it.

use std::collections::{HashMap, HashSet};

use super::{NoteKind, Report};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    pub id: String,
    /// The longest spelling.
    pub title: String,
    /// The other spellings, in the order first met.
    pub aliases: Vec<String>,
}

/// `names` in the order the plan uses them (repeats allowed). A new
/// spelling joins the first group made that holds a spelling it matches;
/// a spelling met before changes nothing.
pub fn group(names: &[String], report: &mut Report) -> Vec<Officer> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut spellings = Spellings::default();
    let mut met: HashSet<&str> = HashSet::new();
    for name in names {
        // A spelling met before is in its group already.
        if !met.insert(name) {
            continue;
        }
        let wanted = key(name);
        // A trailing word joins spellings ("… Vulnerable" / "… Vulnerable
        // Children"); a whole second title does not ("Head of Service
        // MASH" / "Head of Service MASH/ SA Head of Service SASF").
        let found = spellings
            .first_match(&wanted)
            .filter(|&g| close(&wanted, &groups[g]));
        let index = found.unwrap_or(groups.len());
        match found {
            Some(index) => {
                let (title, aliases) = &mut groups[index];
                if name.len() > title.len() {
                    aliases.push(std::mem::replace(title, name.clone()));
                } else {
                    aliases.push(name.clone());
                }
            }
            None => groups.push((name.clone(), Vec::new())),
        }
        spellings.insert(&wanted, index);
    }
    officers(groups, report)
}

/// The prepared officers (`--officers`), then the names none of them
/// has, grouped. Each name added to the prepared list is reported.
pub fn with_prepared(prepared: &[Officer], names: &[String], report: &mut Report) -> Vec<Officer> {
    if prepared.is_empty() {
        return group(names, report);
    }
    let mut officers = prepared.to_vec();
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, o) in officers.iter().enumerate() {
        for name in std::iter::once(&o.id).chain([&o.title]).chain(&o.aliases) {
            owner.entry(key(name)).or_insert(i);
        }
    }
    let mut rest: Vec<String> = Vec::new();
    for name in names {
        let Some(&i) = owner.get(&key(name)) else {
            rest.push(name.clone());
            continue;
        };
        // Written another way ("Head of SEND." for "Head of SEND"): an alias.
        let officer = &mut officers[i];
        let spelt = std::iter::once(&officer.id)
            .chain([&officer.title])
            .chain(&officer.aliases)
            .any(|n| n.eq_ignore_ascii_case(name));
        if !spelt {
            report.add(
                None,
                NoteKind::Grouping,
                format!(
                    "owner “{name}” taken as {} from --officers: added as an alias",
                    officer.title
                ),
            );
            officer.aliases.push(name.clone());
        }
    }
    let mut ids: HashSet<String> = officers.iter().map(|o| o.id.clone()).collect();
    for mut officer in group(&rest, report) {
        report.add(
            None,
            NoteKind::Grouping,
            format!(
                "owner “{}” is not in --officers: added to officers.toml",
                officer.title
            ),
        );
        while !ids.insert(officer.id.clone()) {
            officer.id.push_str("-2");
        }
        officers.push(officer);
    }
    officers
}

/// An officers.toml file: `[[officers]]` with `id`, `title`, `aliases`.
pub fn parse_officers(text: &str) -> Result<Vec<Officer>, String> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        officers: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        id: String,
        title: String,
        #[serde(default)]
        aliases: Vec<String>,
    }
    let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
    Ok(file
        .officers
        .into_iter()
        .map(|e| Officer {
            id: e.id,
            title: e.title,
            aliases: e.aliases,
        })
        .collect())
}

/// Whether `wanted` is a spelling of the group's officer: equal to one of
/// its spellings once evened out, or one word longer or shorter than one
/// of at least three words.
fn close(wanted: &str, group: &(String, Vec<String>)) -> bool {
    let words = wanted.split(' ').count();
    std::iter::once(&group.0).chain(&group.1).any(|spelling| {
        let other = key(spelling);
        let count = other.split(' ').count();
        other == wanted || (count.abs_diff(words) <= 1 && count.min(words) >= 3)
    })
}

/// The groups as officers with unique ids; every grouping reported.
fn officers(groups: Vec<(String, Vec<String>)>, report: &mut Report) -> Vec<Officer> {
    let mut officers: Vec<Officer> = Vec::with_capacity(groups.len());
    let mut ids: HashSet<String> = HashSet::new();
    for (title, aliases) in groups {
        if !aliases.is_empty() {
            let spellings = aliases
                .iter()
                .map(|a| format!("“{a}”"))
                .collect::<Vec<_>>()
                .join(", ");
            report.add(None, NoteKind::Grouping, format!("“{title}” and {spellings} are taken as one officer: split them in officers.toml if they are not"));
        }
        let slug = slug(&title);
        let mut id = slug.clone();
        let mut suffix = officers.len() + 1;
        while !ids.insert(id.clone()) {
            id = format!("{slug}-{suffix}");
            suffix += 1;
        }
        officers.push(Officer { id, title, aliases });
    }
    officers
}

/// Every spelling met so far, as a tree of its key's words, so that a new
/// name finds its group by walking its own words once instead of being
/// compared with every spelling. Two keys match when one is the other
/// with words added at the end: on the new key's path, a spelling that
/// ends at a node is shorter (or equal), one below the last node longer.
#[derive(Default)]
struct Spellings {
    /// Each word met, numbered.
    words: HashMap<String, usize>,
    /// (node, word number) → the child node; node 0 is the root.
    children: HashMap<(usize, usize), usize>,
    /// Per node: the first group with a spelling that ends there.
    ends: Vec<Option<usize>>,
    /// Per node: the first group with a spelling that ends there or below.
    below: Vec<Option<usize>>,
}

impl Spellings {
    fn first_match(&self, key: &str) -> Option<usize> {
        let mut node = 0;
        let mut first = None;
        for word in key.split(' ') {
            let child = self
                .words
                .get(word)
                .and_then(|w| self.children.get(&(node, *w)));
            match child {
                Some(&child) => node = child,
                None => return first,
            }
            first = earliest(first, self.ends[node]);
        }
        earliest(first, self.below[node])
    }

    fn insert(&mut self, key: &str, group: usize) {
        if self.ends.is_empty() {
            self.ends.push(None);
            self.below.push(None);
        }
        let mut node = 0;
        for word in key.split(' ') {
            let count = self.words.len();
            let word = *self.words.entry(word.to_string()).or_insert(count);
            let next = self.ends.len();
            node = *self.children.entry((node, word)).or_insert(next);
            if node == next {
                self.ends.push(None);
                self.below.push(None);
            }
            self.below[node] = earliest(self.below[node], Some(group));
        }
        self.ends[node] = earliest(self.ends[node], Some(group));
    }
}

fn earliest(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => a.or(b),
    }
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
