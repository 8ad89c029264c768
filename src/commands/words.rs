//! Text typed on the command line to go into the plan: a note, a name, a
//! recommendation. A control character or an invisible one would reach
//! every terminal that later shows it, or make a name that looks like
//! another, so it is refused before anything is written.

use anyhow::Result;

use crate::error::UsageError;
use crate::render::terminal::is_invisible;

/// How much a piece of text may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A name or a date's words: one line.
    Line,
    /// A note or a recommendation: lines and tabs allowed.
    Paragraphs,
}

/// A usage error naming `flag` when `text` holds a character no one can
/// see or a terminal would act on.
pub fn require_printable(flag: &str, text: &str, shape: Shape) -> Result<()> {
    let allowed = |c: char| shape == Shape::Paragraphs && (c == '\n' || c == '\t');
    let Some(bad) = text
        .chars()
        .find(|&c| (c.is_control() && !allowed(c)) || is_invisible(c))
    else {
        return Ok(());
    };
    let what = match shape {
        Shape::Line => "one line of visible text",
        Shape::Paragraphs => "visible text (line breaks are fine)",
    };
    Err(UsageError::with_hint(
        format!(
            "{flag} holds U+{:04X}, a control or invisible character",
            bad as u32
        ),
        format!("give {what}: an escape sequence or a hidden character is not kept"),
    )
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_invisible_characters_are_refused() {
        assert!(require_printable("--note", "ok\u{1b}]0;PWNED\u{7}", Shape::Paragraphs).is_err());
        assert!(require_printable("--lead", "D\u{200B}CS", Shape::Line).is_err());
        assert!(require_printable("--by", "Jo\nRef: 9.9", Shape::Line).is_err());
        assert!(
            require_printable("--note", "Two\nlines\tand a tab – fine’", Shape::Paragraphs).is_ok()
        );
    }
}
