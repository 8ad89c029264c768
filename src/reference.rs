//! Recommendation refs ("2.10") that sort as numbers, and action addresses
//! ("1.2b") that pick one action by its letter.

use std::cmp::Ordering;
use std::fmt;

/// A recommendation's ref. Either numbers joined by dots ("2.7", the
/// first naming the section), or the words an organisation numbers its
/// recommendations with ("2 (i)", "21 BCFU 07", "R3", "SEND-1.2"). Refs
/// sort as text with the numbers in them compared as numbers, so 2.9 comes
/// before 2.10 and "2 (ii)" before "2 (x)".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ref(String);

/// The longest ref: a ref is a short name, and a file name.
const MAX_LEN: usize = 40;

/// One part of a ref's sort key: a number, or text compared without case.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Number(u64),
    Text(String),
}

impl Ref {
    /// Accepts "2.7" or "1.2.3" (whole numbers without leading zeros: 2.07
    /// and 2.7 would be two spellings of one ref), or a named ref: up to 40
    /// letters, digits, single spaces, dots, dashes and brackets, starting
    /// with a letter or digit and not ending in a lower-case letter (that
    /// would read as an action's letter).
    pub fn parse(text: &str) -> Result<Ref, String> {
        if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') && text.contains('.') {
            return Ref::dotted(text);
        }
        Ref::named(text)
    }

    fn dotted(text: &str) -> Result<Ref, String> {
        let parts: Vec<&str> = text.split('.').collect();
        for part in &parts {
            if part.is_empty() || part.len() > 9 {
                return Err(format!(
                    "“{text}” is not a ref: refs are numbers joined by dots, like \"2.7\", or a name like \"R3\""
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

    fn named(text: &str) -> Result<Ref, String> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || " .-()".contains(c);
        let first = text.chars().next();
        let last = text.chars().next_back();
        let problem = if text.is_empty() {
            Some("is empty")
        } else if text.chars().count() > MAX_LEN {
            Some("is longer than 40 characters")
        } else if !text.chars().all(allowed) {
            Some("may hold only letters, digits, spaces, dots, dashes and brackets")
        } else if !first.is_some_and(|c| c.is_ascii_alphanumeric()) {
            Some("must start with a letter or a digit")
        } else if last.is_some_and(|c| c.is_ascii_lowercase()) {
            Some("ends in a lower-case letter, which would read as an action's letter")
        } else if last.is_some_and(|c| " .-".contains(c)) || text.contains("  ") {
            Some("ends in a space, dot or dash, or has two spaces together")
        } else if text.bytes().all(|b| b.is_ascii_digit())
            && text.len() > 1
            && text.starts_with('0')
        {
            Some("has a leading zero")
        } else {
            None
        };
        match problem {
            Some(problem) => Err(format!(
                "“{text}” is not a ref: a ref {problem} (like \"2.7\", \"R3\" or \"2 (i)\")"
            )),
            None => Ok(Ref(text.to_string())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Numbers joined by dots: the first number is the section, and the
    /// file must be in that section's folder.
    pub fn is_dotted(&self) -> bool {
        self.0.contains('.') && self.0.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    }

    /// The section a dotted ref names (the part before the first dot);
    /// a named ref names none: its folder says its section.
    pub fn section(&self) -> Option<&str> {
        self.is_dotted()
            .then(|| self.0.split('.').next().unwrap_or_default())
    }

    /// The file name's stem: the ref, with each space written `_` (a ref
    /// holds no `_`, so the stem reads back as the ref).
    pub fn file_stem(&self) -> String {
        self.0.replace(' ', "_")
    }

    /// The ref a file stem names: `_` read as a space.
    pub fn from_file_stem(stem: &str) -> String {
        stem.replace('_', " ")
    }

    /// Where the file of a ref in `section` goes, relative to the plan
    /// folder: `2/2.7.toml`, `1/R3.toml`, or `R3.toml` in a plan with no
    /// sections.
    pub fn path_in(&self, section: &str) -> std::path::PathBuf {
        let file = format!("{}.toml", self.file_stem());
        if section.is_empty() {
            file.into()
        } else {
            std::path::Path::new(section).join(file)
        }
    }

    /// The sort key: runs of digits as numbers, the rest as text without
    /// case; a Roman numeral in brackets ("(iv)") as its number.
    pub fn sort_key(&self) -> Vec<Part> {
        let mut parts = Vec::new();
        let text = &self.0;
        let mut rest = text.as_str();
        while let Some(c) = rest.chars().next() {
            let digit = c.is_ascii_digit();
            let end = rest
                .find(|n: char| n.is_ascii_digit() != digit || (!digit && !n.is_ascii_alphabetic()))
                .unwrap_or(rest.len())
                .max(c.len_utf8());
            let run = &rest[..end];
            let before = text.len() - rest.len();
            let bracketed = text[..before].ends_with('(') && rest[end..].starts_with(')');
            parts.push(if digit {
                Part::Number(run.parse().unwrap_or(u64::MAX))
            } else if let Some(n) = roman(run).filter(|_| bracketed) {
                Part::Number(n)
            } else {
                Part::Text(run.to_ascii_lowercase())
            });
            rest = &rest[end..];
        }
        parts
    }

    /// True when `prefix` is this ref or the start of it up to a break:
    /// "2" and "2.1" are prefixes of "2.1.3", but "2.1" is not a prefix of
    /// "2.10"; "21 BCFU" is a prefix of "21 BCFU 07"; "R" of "R3".
    pub fn starts_with(&self, prefix: &str) -> bool {
        let (text, prefix) = (self.0.to_ascii_lowercase(), prefix.to_ascii_lowercase());
        let Some(rest) = text.strip_prefix(&prefix) else {
            return false;
        };
        let (before, after) = (prefix.chars().next_back(), rest.chars().next());
        match (before, after) {
            (_, None) => true,
            (Some(b), Some(a)) => {
                !a.is_ascii_alphanumeric()
                    || !b.is_ascii_alphanumeric()
                    || b.is_ascii_digit() != a.is_ascii_digit()
            }
            (None, Some(_)) => true,
        }
    }
}

/// "iv" → 4: lower- or upper-case Roman numerals up to 39, as
/// sub-recommendations are numbered.
fn roman(text: &str) -> Option<u64> {
    let lower = text.to_ascii_lowercase();
    let value = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        _ => None,
    };
    let digits: Vec<u64> = lower.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= *d as i64;
        } else {
            total += *d as i64;
        }
    }
    u64::try_from(total).ok().filter(|t| *t > 0)
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
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.0.cmp(&other.0))
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
        for bad in [
            "", "2.", ".7", "2,7", "2.7a", " 2.7", "2..7", "2/7", "../x", "a_b", "R3 ", "02",
        ] {
            assert!(Ref::parse(bad).is_err(), "{bad:?} should be refused");
        }
        let err = Ref::parse("2.07").unwrap_err();
        assert!(err.contains("\"2.7\""), "{err}");
    }

    #[test]
    fn section_is_the_first_number_of_a_dotted_ref_only() {
        assert_eq!(r("12.3").section(), Some("12"));
        assert_eq!(r("R3").section(), None);
        assert_eq!(r("2").section(), None);
    }

    #[test]
    fn refs_councils_write_are_refs_and_sort_by_their_numbers() {
        let mut refs = [
            r("2 (x)"),
            r("2 (ii)"),
            r("2 (iv)"),
            r("21 BCFU 07"),
            r("21 BCFU 10"),
            r("R10"),
            r("R3"),
            r("SEND-1.2"),
            r("10"),
            r("2"),
        ];
        refs.sort();
        let sorted: Vec<&str> = refs.iter().map(Ref::as_str).collect();
        assert_eq!(
            sorted,
            [
                "2",
                "2 (ii)",
                "2 (iv)",
                "2 (x)",
                "10",
                "21 BCFU 07",
                "21 BCFU 10",
                "R3",
                "R10",
                "SEND-1.2"
            ]
        );
    }

    #[test]
    fn a_named_ref_is_a_readable_reversible_file_name() {
        let named = r("21 BCFU 07");
        assert_eq!(named.file_stem(), "21_BCFU_07");
        assert_eq!(Ref::from_file_stem(&named.file_stem()), "21 BCFU 07");
        assert_eq!(
            r("2 (i)").path_in("2"),
            std::path::Path::new("2/2_(i).toml")
        );
        assert_eq!(r("R3").path_in(""), std::path::Path::new("R3.toml"));
        assert!(r("21 BCFU 07").starts_with("21 bcfu"));
        assert!(r("R3").starts_with("R"));
        assert!(!r("R30").starts_with("R3"));
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
        assert_eq!(
            Address::parse("1.2B").unwrap().action,
            None,
            "a named ref 1.2B"
        );
        let named = Address::parse("R3b").unwrap();
        assert_eq!((named.reference.as_str(), named.action), ("R3", Some(1)));
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
                let sorted: Vec<Vec<u32>> = refs
                    .iter()
                    .map(|r| r.as_str().split('.').map(|n| n.parse().unwrap()).collect())
                    .collect();
                let mut expected = parts.clone();
                expected.sort();
                prop_assert_eq!(sorted, expected);
            }
        }
    }
}
