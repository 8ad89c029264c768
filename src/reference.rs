//! Recommendation refs ("2.10") that sort as numbers, and action addresses
//! ("1.2b") that pick one action by its letter.

use std::cmp::Ordering;
use std::fmt;

/// A recommendation's ref: numbers joined by dots, the first naming the
/// section. Ordered number by number, so 2.9 comes before 2.10.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ref(String);

impl Ref {
    /// Accepts "2.7" or "1.2.3": at least two whole numbers without leading
    /// zeros (2.07 and 2.7 would otherwise be two spellings of one ref).
    pub fn parse(text: &str) -> Result<Ref, String> {
        let parts: Vec<&str> = text.split('.').collect();
        if parts.len() < 2 {
            return Err(format!(
                "“{text}” is not a ref: write the section and number, like \"2.7\""
            ));
        }
        for part in &parts {
            let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            if !digits || part.len() > 9 {
                return Err(format!(
                    "“{text}” is not a ref: refs are numbers joined by dots, like \"2.7\""
                ));
            }
            if part.len() > 1 && part.starts_with('0') {
                return Err(format!(
                    "“{text}” has a leading zero: write {}",
                    without_zeros(&parts)
                ));
            }
        }
        Ok(Ref(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The section number: the part before the first dot.
    pub fn section(&self) -> &str {
        self.0.split('.').next().unwrap_or_default()
    }

    /// The numbers of the ref, in order: its sort key.
    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.split('.').map(|p| p.parse().unwrap_or(u32::MAX))
    }

    /// True when `prefix` is this ref or one of its ancestors: "2" and "2.1"
    /// are prefixes of "2.1.3", but "2.1" is not a prefix of "2.10".
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.0 == prefix
            || self
                .0
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('.'))
    }
}

fn without_zeros(parts: &[&str]) -> String {
    let trimmed: Vec<String> = parts
        .iter()
        .map(|p| p.parse::<u64>().map_or(p.to_string(), |n| n.to_string()))
        .collect();
    format!("\"{}\"", trimmed.join("."))
}

impl Ord for Ref {
    fn cmp(&self, other: &Ref) -> Ordering {
        self.numbers().cmp(other.numbers())
    }
}

impl PartialOrd for Ref {
    fn partial_cmp(&self, other: &Ref) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The letter that addresses the action at `index`: a, b, c, … z.
pub fn action_letter(index: usize) -> Option<char> {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map(|i| char::from(b'a' + i))
}

/// The most actions one recommendation can have and still be addressed by letter.
pub const MAX_ACTIONS: usize = 26;

/// "2.7a": a recommendation and, optionally, one of its actions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    pub reference: Ref,
    /// Index of the action ("a" is 0), when a letter was given.
    pub action: Option<usize>,
}

impl Address {
    pub fn parse(text: &str) -> Result<Address, String> {
        let text = text.trim();
        let letter = text.chars().last().filter(char::is_ascii_lowercase);
        let (reference, action) = match letter {
            Some(l) => (&text[..text.len() - 1], Some(usize::from(l as u8 - b'a'))),
            None => (text, None),
        };
        let reference = Ref::parse(reference).map_err(|_| {
            format!("“{text}” is not a ref or an action: write 2.7, or 2.7a for its first action")
        })?;
        Ok(Address { reference, action })
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.action.and_then(action_letter) {
            Some(letter) => write!(f, "{}{letter}", self.reference),
            None => write!(f, "{}", self.reference),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> Ref {
        Ref::parse(text).unwrap()
    }

    #[test]
    fn refs_sort_as_numbers_not_text() {
        let mut refs = [
            r("2.10"),
            r("2.9"),
            r("10.1"),
            r("2.1"),
            r("1.15"),
            r("1.2"),
        ];
        refs.sort();
        let sorted: Vec<&str> = refs.iter().map(Ref::as_str).collect();
        assert_eq!(sorted, ["1.2", "1.15", "2.1", "2.9", "2.10", "10.1"]);
    }

    #[test]
    fn a_parent_ref_sorts_before_its_children() {
        assert!(r("2.1") < r("2.1.1"));
        assert!(r("2.1.9") < r("2.2"));
    }

    #[test]
    fn malformed_refs_are_refused_with_a_reason() {
        for bad in ["", "2", "2.", ".7", "2.x", "2,7", "2.7a", " 2.7", "2..7"] {
            assert!(Ref::parse(bad).is_err(), "{bad:?} should be refused");
        }
        let err = Ref::parse("2.07").unwrap_err();
        assert!(err.contains("\"2.7\""), "{err}");
    }

    #[test]
    fn section_is_the_first_number() {
        assert_eq!(r("12.3").section(), "12");
    }

    #[test]
    fn prefixes_match_whole_numbers_only() {
        assert!(r("2.10").starts_with("2"));
        assert!(r("2.10").starts_with("2.10"));
        assert!(!r("2.10").starts_with("2.1"));
        assert!(!r("20.1").starts_with("2"));
    }

    #[test]
    fn addresses_pick_an_action_by_letter() {
        let a = Address::parse("1.2b").unwrap();
        assert_eq!((a.reference.as_str(), a.action), ("1.2", Some(1)));
        let whole = Address::parse("3.3").unwrap();
        assert_eq!(whole.action, None);
        assert_eq!(a.to_string(), "1.2b");
        assert!(Address::parse("1.2B").is_err());
    }

    #[test]
    fn letters_run_from_a_to_z() {
        assert_eq!(action_letter(0), Some('a'));
        assert_eq!(action_letter(25), Some('z'));
        assert_eq!(action_letter(26), None);
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::Ref;

        proptest! {
            #[test]
            fn refs_sort_as_their_numbers(parts in prop::collection::vec(prop::collection::vec(0u32..200, 2..4), 1..30)) {
                let mut refs: Vec<Ref> = parts
                    .iter()
                    .map(|numbers| {
                        let text: Vec<String> = numbers.iter().map(u32::to_string).collect();
                        Ref::parse(&text.join(".")).unwrap()
                    })
                    .collect();
                refs.sort();
                let sorted: Vec<Vec<u32>> = refs.iter().map(|r| r.numbers().collect()).collect();
                let mut expected = parts.clone();
                expected.sort();
                prop_assert_eq!(sorted, expected);
            }
        }
    }
}
