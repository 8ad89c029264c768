//! Findings: what `check` reports about a plan, each from a named check,
//! pointing at a file, a line and a column.

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! checks {
    ($($variant:ident => $name:literal, $severity:ident;)*) => {
        /// Every rule `check` enforces. Names are stable: editors, CI scripts
        /// and docs/FORMAT.md refer to them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Check { $($variant,)* }

        impl Check {
            pub const ALL: &[Check] = &[$(Check::$variant,)*];

            /// The kebab-case name printed in brackets: `error[duplicate-ref]`.
            pub fn name(self) -> &'static str {
                match self { $(Check::$variant => $name,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Check::$variant => Severity::$severity,)* }
            }
        }
    };
}

checks! {
    MissingFile => "missing-file", Error;
    UnreadableFile => "unreadable-file", Error;
    SymbolicLink => "symbolic-link", Error;
    FileTooLarge => "file-too-large", Error;
    EmptyFile => "empty-file", Error;
    NotUtf8 => "not-utf8", Error;
    ConflictMarkers => "conflict-markers", Error;
    TomlSyntax => "toml-syntax", Error;
    InvalidDate => "invalid-date", Error;
    MisplacedFile => "misplaced-file", Error;
    StrayFile => "stray-file", Warning;
    UnknownKey => "unknown-key", Error;
    MissingKey => "missing-key", Error;
    WrongType => "wrong-type", Error;
    EmptyValue => "empty-value", Error;
    InvalidValue => "invalid-value", Error;
    InvalidRef => "invalid-ref", Error;
    RefMismatch => "ref-mismatch", Error;
    SectionMismatch => "section-mismatch", Error;
    UnknownSection => "unknown-section", Error;
    DuplicateRef => "duplicate-ref", Error;
    DuplicateSection => "duplicate-section", Error;
    EmptySection => "empty-section", Warning;
    NoActions => "no-actions", Error;
    TooManyActions => "too-many-actions", Error;
    EmptyAction => "empty-action", Error;
    InvalidStatus => "invalid-status", Error;
    MissingDue => "missing-due", Error;
    MissingLead => "missing-lead", Error;
    UnknownOfficer => "unknown-officer", Error;
    DuplicateOfficer => "duplicate-officer", Error;
    InvisibleCharacter => "invisible-character", Error;
    FutureUpdate => "future-update", Error;
    UpdateBeforeAdoption => "update-before-adoption", Error;
    StatusMismatch => "status-mismatch", Error;
    DueMismatch => "due-mismatch", Warning;
    TimescaleMismatch => "timescale-mismatch", Warning;
    UnreadableTimescale => "unreadable-timescale", Warning;
    DuplicateMeeting => "duplicate-meeting", Error;
    PapersAfterMeeting => "papers-after-meeting", Error;
    DuplicateRequest => "duplicate-request", Error;
    UnknownMeeting => "unknown-meeting", Error;
    UnknownRef => "unknown-ref", Error;
    UnansweredRequest => "unanswered-request", Error;
}

/// Where in a file a finding points, resolved from its byte span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// The whole source line, without its line ending.
    #[serde(skip)]
    pub source_line: String,
    /// How many characters the caret underlines; 0 for the whole file.
    #[serde(skip)]
    pub width: usize,
}

/// One problem found in a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub check: Check,
    /// The file as the user would open it.
    pub path: PathBuf,
    /// Byte range in the file's text, when the problem is at a place in it.
    pub span: Option<Range<usize>>,
    /// Filled from `span` once the file's text is at hand.
    pub location: Option<Location>,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Finding {
    pub fn new(check: Check, path: impl Into<PathBuf>, message: impl Into<String>) -> Finding {
        Finding {
            check,
            path: path.into(),
            span: None,
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn at(mut self, span: Range<usize>) -> Finding {
        self.span = Some(span);
        self
    }

    /// About the file as a whole: reported at line 1, column 1, so editors
    /// and CI annotations can still open it.
    pub fn whole_file(mut self) -> Finding {
        self.location = Some(Location {
            line: 1,
            column: 1,
            source_line: String::new(),
            width: 0,
        });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Finding {
        self.hint = Some(hint.into());
        self
    }

    pub fn severity(&self) -> Severity {
        self.check.severity()
    }

    /// Resolves `span` to a line and column in `text`, the file's contents.
    pub fn locate_in(&mut self, text: &str) {
        if let (None, Some(span)) = (&self.location, &self.span) {
            self.location = Some(locate(text, span.clone()));
        }
    }

    /// Sort key: file (4.9 before 4.10), then position, then check name.
    fn order(&self) -> (Vec<Chunk>, usize, usize, &'static str) {
        let (line, column) = self
            .location
            .as_ref()
            .map_or((0, 0), |l| (l.line, l.column));
        (
            natural(&self.path.to_string_lossy()),
            line,
            column,
            self.check.name(),
        )
    }
}

/// Sorts findings by file and line, and drops exact repeats.
pub fn sort(findings: &mut Vec<Finding>) {
    findings.sort_by_cached_key(|f| (f.order(), f.message.clone()));
    findings.dedup();
}

/// A piece of a name for natural ordering: runs of digits compare as numbers.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Chunk {
    Number(u64),
    Text(String),
}

fn natural(text: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let digit = first.is_ascii_digit();
        let end = rest
            .find(|c: char| c.is_ascii_digit() != digit)
            .unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        chunks.push(match piece.parse() {
            Ok(n) if digit => Chunk::Number(n),
            _ => Chunk::Text(piece.to_string()),
        });
        rest = tail;
    }
    chunks
}

/// Line and column of a byte span in `text`; a span past the end points
/// at the end.
pub fn locate(text: &str, span: Range<usize>) -> Location {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let source_line = text[line_start..line_end]
        .trim_end_matches('\r')
        .to_string();
    let column = text[line_start..start].chars().count() + 1;
    let end = floor_char_boundary(text, span.end.clamp(start, line_end));
    Location {
        line: text[..start].matches('\n').count() + 1,
        column,
        width: text[start..end].chars().count().max(1),
        source_line,
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_names_are_unique_kebab_case() {
        let mut names: Vec<&str> = Check::ALL.iter().map(|c| c.name()).collect();
        for name in &names {
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{name}"
            );
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Check::ALL.len());
    }

    #[test]
    fn findings_sort_by_file_in_number_order_then_line() {
        let at = |path: &str, line| {
            let mut f = Finding::new(Check::TomlSyntax, path, "x");
            f.location = Some(Location {
                line,
                column: 1,
                source_line: String::new(),
                width: 1,
            });
            f
        };
        let mut findings = vec![
            at("plan/4/4.10.toml", 1),
            at("plan/4/4.9.toml", 7),
            at("plan/4/4.9.toml", 2),
        ];
        sort(&mut findings);
        let order: Vec<_> = findings
            .iter()
            .map(|f| {
                (
                    f.path.display().to_string(),
                    f.location.as_ref().unwrap().line,
                )
            })
            .collect();
        assert_eq!(
            order,
            [
                ("plan/4/4.9.toml".into(), 2),
                ("plan/4/4.9.toml".into(), 7),
                ("plan/4/4.10.toml".into(), 1)
            ]
        );
    }

    #[test]
    fn locate_counts_lines_and_characters_from_one() {
        let text = "a = 1\nlead = [\"Ré\", \"DSC\"]\n";
        let start = text.find("\"DSC\"").unwrap();
        let loc = locate(text, start..start + 5);
        assert_eq!((loc.line, loc.column, loc.width), (2, 15, 5));
        assert_eq!(loc.source_line, "lead = [\"Ré\", \"DSC\"]");
    }

    #[test]
    fn locate_strips_carriage_returns_and_clamps_to_the_text() {
        let text = "a = 1\r\nb = \r\n";
        let loc = locate(text, 11..11);
        assert_eq!((loc.line, loc.source_line.as_str()), (2, "b = "));
        let past = locate(text, 500..900);
        assert_eq!(past.line, 3);
        assert_eq!(past.width, 1);
    }

    #[test]
    fn locate_survives_a_span_inside_a_character() {
        let text = "x = \"é\"";
        let loc = locate(text, 6..7);
        assert_eq!(loc.column, 6);
    }
}
