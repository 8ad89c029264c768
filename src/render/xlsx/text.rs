//! Plan text as a workbook can hold it. XML 1.0 cannot carry most control
//! characters or the noncharacters, Excel cuts a cell at 32,767 UTF-16
//! units, and a page footer reads `&` as the start of a code (`&P` is the
//! page number) and holds 255 units in all. Every string the workbook
//! shows passes through here.

use std::borrow::Cow;

/// Shown in place of a character the file cannot carry.
const REPLACEMENT: char = '\u{FFFD}';

/// The most UTF-16 units Excel keeps in a cell.
const CELL_LIMIT: usize = 32_767;

/// The most UTF-16 units of the plan's title in a page footer: with the
/// date and page number it stays under Excel's 255 even when every
/// character is an `&` (written `&&`).
const FOOTER_TITLE_LIMIT: usize = 100;

/// Whether XML 1.0 forbids `c` or calls it a noncharacter: control codes
/// but tab and line feed (a carriage return was made a line feed before),
/// C1 controls, U+FDD0–U+FDEF, and U+nFFFE and U+nFFFF in every plane.
/// rust_xlsxwriter would write C0 controls as Excel's `_x0001_` escapes,
/// which some readers show literally; a noncharacter it would write raw,
/// and a strict XML reader would refuse the file.
fn forbidden(c: char) -> bool {
    let code = u32::from(c);
    let noncharacter = (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE;
    (c.is_control() && !matches!(c, '\t' | '\n')) || noncharacter
}

/// `text` as a cell holds it: line ends made line feeds (what a cell's
/// line break is), forbidden characters shown as U+FFFD, and cut with
/// "…" at Excel's limit.
pub fn cell(text: &str) -> Cow<'_, str> {
    let clean = !text.contains('\r') && !text.chars().any(forbidden);
    if clean && text.len() <= CELL_LIMIT {
        // At most one UTF-16 unit a byte: short enough whatever it holds.
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let made: String = text
        .chars()
        .map(|c| if forbidden(c) { REPLACEMENT } else { c })
        .collect();
    Cow::Owned(cut(&made, CELL_LIMIT))
}

/// The plan's title for a page footer: on one line, forbidden characters
/// left out, cut with "…", and every `&` doubled so none starts a code.
pub fn footer(title: &str) -> String {
    let line: String = title
        .chars()
        .filter(|c| !forbidden(*c))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    cut(line.trim(), FOOTER_TITLE_LIMIT).replace('&', "&&")
}

/// `text` whole when it has at most `limit` UTF-16 units, else its start
/// and "…" within the limit.
fn cut(text: &str, limit: usize) -> String {
    if text.encode_utf16().count() <= limit {
        return text.to_string();
    }
    let mut units = 0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units < limit
        })
        .collect();
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in ["=2*21", "2.10", "Tab\there\nand there", "مرحبا 👋🏽", ""] {
            assert!(matches!(cell(text), Cow::Borrowed(_)), "{text:?}");
        }
    }

    #[test]
    fn control_characters_and_noncharacters_become_replacement_characters() {
        for c in [
            '\u{0}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{FDD0}',
            '\u{FFFE}',
            '\u{10FFFF}',
        ] {
            assert_eq!(cell(&format!("a{c}b")), "a\u{FFFD}b", "{c:?}");
        }
    }

    #[test]
    fn carriage_returns_become_line_feeds() {
        assert_eq!(cell("one\r\ntwo\rthree"), "one\ntwo\nthree");
    }

    #[test]
    fn long_text_is_cut_within_excels_limit() {
        let emoji = "👋".repeat(20_000);
        let made = cell(&emoji);
        assert!(made.encode_utf16().count() <= CELL_LIMIT);
        assert!(made.ends_with("👋…"));
        let word = "x".repeat(5_000);
        assert_eq!(cell(&word), word);
    }

    #[test]
    fn a_footer_title_starts_no_code_and_fits() {
        assert_eq!(footer("R&D &P\nplan"), "R&&D &&P plan");
        let long = footer(&"&".repeat(500));
        assert!(long.encode_utf16().count() <= 2 * FOOTER_TITLE_LIMIT + 2);
        assert!(
            !long.replace("&&", "").contains('&'),
            "only doubled ampersands"
        );
    }
}
