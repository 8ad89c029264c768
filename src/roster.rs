//! Who is who: resolving the many ways a plan writes an officer ("DCS",
//! "Head of Safeguarding & Vulnerable") to one entry of `officers.toml`.

use std::collections::HashMap;

use crate::model::Officer;

/// A name as compared: case, spacing, curly apostrophes and a spaced "&"
/// do not tell officers apart.
pub fn normalise(name: &str) -> String {
    let lower = name.to_lowercase().replace(['’', '‘'], "'");
    lower
        .split_whitespace()
        .map(|w| if w == "&" { "and" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The officers of a plan, indexed by every name they go by.
pub struct Roster<'p> {
    officers: &'p [Officer],
    by_name: HashMap<String, usize>,
    as_written: HashMap<&'p str, usize>,
}

/// The outcome of looking for an officer by what someone typed.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(usize),
    /// Several officers match; their indexes.
    Ambiguous(Vec<usize>),
    NotFound,
}

impl<'p> Roster<'p> {
    pub fn new(officers: &'p [Officer]) -> Roster<'p> {
        let mut by_name = HashMap::new();
        let mut as_written = HashMap::new();
        for (index, officer) in officers.iter().enumerate() {
            for name in officer.names() {
                let first = *by_name.entry(normalise(&name.value)).or_insert(index);
                as_written.entry(name.value.as_str()).or_insert(first);
            }
        }
        Roster {
            officers,
            by_name,
            as_written,
        }
    }

    pub fn officer(&self, index: usize) -> &'p Officer {
        &self.officers[index]
    }

    /// The officer a plan file's lead names: id, title or alias, exactly
    /// (after [`normalise`]).
    pub fn exact(&self, name: &str) -> Option<usize> {
        // Most leads are written exactly as a name is: no need to normalise.
        if let Some(index) = self.as_written.get(name) {
            return Some(*index);
        }
        self.by_name.get(&normalise(name)).copied()
    }

    /// What a person typed: an exact name, or else a piece of exactly one
    /// officer's names.
    pub fn search(&self, text: &str) -> Lookup {
        if let Some(index) = self.exact(text) {
            return Lookup::Found(index);
        }
        let needle = normalise(text);
        let mut matches: Vec<usize> = self
            .officers
            .iter()
            .enumerate()
            .filter(|(_, officer)| {
                officer
                    .names()
                    .any(|n| normalise(&n.value).contains(&needle))
            })
            .map(|(index, _)| index)
            .collect();
        match matches.len() {
            0 => Lookup::NotFound,
            1 => Lookup::Found(matches[0]),
            _ => {
                matches.dedup();
                Lookup::Ambiguous(matches)
            }
        }
    }

    /// The officer name closest to a misspelt one.
    pub fn suggest(&self, name: &str) -> Option<&'p str> {
        let needle = normalise(name);
        let limit = (needle.chars().count() / 4).clamp(1, 6);
        self.officers
            .iter()
            .flat_map(Officer::names)
            .map(|n| {
                let distance = strsim::damerau_levenshtein(&needle, &normalise(&n.value));
                // Of equally close names, the one spelt most like the input.
                let spelling = strsim::damerau_levenshtein(name, &n.value);
                ((distance, spelling), n.value.as_str())
            })
            .filter(|((distance, _), _)| *distance <= limit)
            .min_by_key(|(key, _)| *key)
            .map(|(_, name)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Located, Span};

    fn officer(id: &str, title: &str, aliases: &[&str]) -> Officer {
        let at = |s: &str| Located {
            value: s.to_string(),
            span: Span::default(),
        };
        Officer {
            id: at(id),
            title: at(title),
            aliases: aliases.iter().map(|a| at(a)).collect(),
            email: None,
        }
    }

    fn officers() -> Vec<Officer> {
        vec![
            officer("dcs", "Director of Children's Services", &["DCS"]),
            officer(
                "head-of-safeguarding",
                "Head of Safeguarding and Vulnerable Children",
                &[
                    "Head of Safeguarding & Vulnerable",
                    "Head of Safeguarding and Vulnerable",
                ],
            ),
            officer("hscb-chair", "HSCB Chair", &[]),
            officer("hscb-business-manager", "HSCB Business Manager", &[]),
        ]
    }

    #[test]
    fn every_spelling_of_an_officer_is_the_same_officer() {
        let officers = officers();
        let roster = Roster::new(&officers);
        for name in [
            "Head of Safeguarding & Vulnerable",
            "head of safeguarding and vulnerable",
            "Head of  Safeguarding and Vulnerable Children",
            "head-of-safeguarding",
        ] {
            assert_eq!(roster.exact(name), Some(1), "{name}");
        }
    }

    #[test]
    fn curly_apostrophes_match_straight_ones() {
        let officers = officers();
        let roster = Roster::new(&officers);
        assert_eq!(roster.exact("Director of Children’s Services"), Some(0));
    }

    #[test]
    fn a_unique_piece_of_a_name_finds_the_officer() {
        let officers = officers();
        let roster = Roster::new(&officers);
        assert_eq!(roster.search("safeguarding"), Lookup::Found(1));
        assert_eq!(roster.search("chair"), Lookup::Found(2));
    }

    #[test]
    fn a_piece_shared_by_several_officers_is_ambiguous() {
        let officers = officers();
        let roster = Roster::new(&officers);
        assert_eq!(roster.search("HSCB"), Lookup::Ambiguous(vec![2, 3]));
        assert_eq!(roster.search("nobody"), Lookup::NotFound);
    }

    #[test]
    fn misspellings_get_a_suggestion() {
        let officers = officers();
        let roster = Roster::new(&officers);
        assert_eq!(roster.suggest("DSC"), Some("DCS"));
        assert_eq!(roster.suggest("HSCB Chiar"), Some("HSCB Chair"));
        assert_eq!(roster.suggest("Chief Constable"), None);
    }
}
