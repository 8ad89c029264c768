//! An action's status: the canonical words files use, and the RAG colours
//! people say.

use std::fmt;
use std::str::FromStr;

/// Where an action stands. Files use the canonical word; the command line
/// also accepts the RAG colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    #[default]
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Complete,
    Deferred,
}

impl Status {
    /// Every status, in the order reports list them.
    pub const ALL: [Status; 6] = [
        Status::NotStarted,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Complete,
        Status::Deferred,
    ];

    /// The word written in plan files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Complete => "complete",
            Status::Deferred => "deferred",
        }
    }

    /// The RAG colour committees use, where the status has one.
    pub fn colour(self) -> Option<&'static str> {
        match self {
            Status::OnTrack => Some("green"),
            Status::AtRisk => Some("amber"),
            Status::OffTrack => Some("red"),
            Status::Complete => Some("blue"),
            Status::NotStarted | Status::Deferred => None,
        }
    }

    /// Complete and deferred actions are closed: never overdue, never "no data".
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Complete | Status::Deferred)
    }

    /// A status as a person types it, on the command line or in a
    /// returned form: the word (`on_track`, `on track`, `On-Track`), the
    /// RAG colour or its initial (`green`, `G`), and the everyday words
    /// for done (`completed`, `done`), in any case.
    pub fn from_word_or_colour(text: &str) -> Option<Status> {
        let words: Vec<String> = text
            .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let typed = words.join("_");
        let initial = |s: Status| s.colour().and_then(|c| c.get(..1));
        Status::ALL.into_iter().find(|&s| {
            s.as_str() == typed
                || s.colour() == Some(typed.as_str())
                || initial(s) == Some(typed.as_str())
                || (s == Status::Complete && matches!(typed.as_str(), "completed" | "done"))
        })
    }
}

impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A status word that is not one of the six.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;

    /// Only the canonical words: files are the record and say it one way.
    fn from_str(text: &str) -> Result<Status, UnknownStatus> {
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| UnknownStatus(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_through_its_word() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
    }

    #[test]
    fn files_accept_only_canonical_words() {
        assert!("green".parse::<Status>().is_err());
        assert!("Complete".parse::<Status>().is_err());
        assert!("not started".parse::<Status>().is_err());
    }

    #[test]
    fn the_words_people_type_are_read() {
        for (typed, status) in [
            ("complete", Status::Complete),
            ("Completed", Status::Complete),
            ("DONE", Status::Complete),
            ("on track", Status::OnTrack),
            ("On-Track", Status::OnTrack),
            ("  not   started ", Status::NotStarted),
            ("G", Status::OnTrack),
            ("a", Status::AtRisk),
            ("R", Status::OffTrack),
            ("b", Status::Complete),
            ("Deferred", Status::Deferred),
        ] {
            assert_eq!(Status::from_word_or_colour(typed), Some(status), "{typed}");
        }
        for typed in ["", "x", "gr", "green-ish", "complete done", "ontrack"] {
            assert_eq!(Status::from_word_or_colour(typed), None, "{typed}");
        }
    }

    #[test]
    fn command_line_accepts_colours_in_any_case() {
        assert_eq!(Status::from_word_or_colour("Green"), Some(Status::OnTrack));
        assert_eq!(Status::from_word_or_colour("AMBER"), Some(Status::AtRisk));
        assert_eq!(Status::from_word_or_colour("red"), Some(Status::OffTrack));
        assert_eq!(Status::from_word_or_colour("blue"), Some(Status::Complete));
        assert_eq!(
            Status::from_word_or_colour("deferred"),
            Some(Status::Deferred)
        );
        assert_eq!(Status::from_word_or_colour("purple"), None);
    }

    #[test]
    fn only_complete_and_deferred_are_closed() {
        let closed: Vec<_> = Status::ALL.into_iter().filter(|s| !s.is_open()).collect();
        assert_eq!(closed, [Status::Complete, Status::Deferred]);
    }
}
