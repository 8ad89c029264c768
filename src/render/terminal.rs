//! Text bound for a terminal. A plan file, a file name, an officer's name
//! or a note can hold control characters: an escape sequence retitles the
//! window or rewrites what is on screen, a carriage return hides the start
//! of a line, a bidi override reverses it. Every such character is shown
//! as U+FFFD, here and nowhere else.

use std::borrow::Cow;
use std::io::{self, Write};

/// Shown in place of a character a terminal would act on.
const REPLACEMENT: char = '\u{FFFD}';

/// Whether a terminal would act on `c` rather than draw it, or draw
/// nothing for it: C0 controls but line feed and tab, DEL, C1 controls,
/// and the invisible characters of [`is_invisible`] but the joiners and
/// variation selectors emoji are made of.
pub fn is_unsafe(c: char) -> bool {
    let shapes_emoji = matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}');
    (c.is_control() && c != '\n' && c != '\t') || (is_invisible(c) && !shapes_emoji)
}

/// Characters that draw nothing, or nothing but a blank, or reorder what
/// is drawn: bidi controls, zero-width characters, fillers, the soft
/// hyphen, variation selectors, tag characters (which can hide whole
/// words), and the like. In a name, each makes a second name that looks
/// the same as the first.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            // Format characters (category Cf) outside the ranges above.
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Spaces that look like a plain space and are not one (no-break, en,
/// thin, ideographic…): harmless on a screen, but in a name they make a
/// second name that looks the same as the first.
pub fn is_lookalike_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// `text` with every unsafe character shown as U+FFFD.
pub fn printable(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        text.chars()
            .map(|c| if is_unsafe(c) { REPLACEMENT } else { c })
            .collect()
    } else {
        Cow::Borrowed(text)
    }
}

/// A writer that makes everything written through it printable, however
/// the bytes are split between writes. With `colours`, the tool's own
/// colour codes (SGR: `ESC [ digits ; … m`) pass; nothing else does.
pub struct Guard<W: Write> {
    inner: W,
    active: bool,
    colours: bool,
    /// Bytes of a character or escape sequence not yet complete.
    pending: Vec<u8>,
}

/// The longest colour code let through; anything longer is not ours.
const MAX_SGR: usize = 24;

impl<W: Write> Guard<W> {
    /// `active: false` passes everything unchanged (data bound for a file).
    pub fn new(inner: W, active: bool, colours: bool) -> Guard<W> {
        Guard {
            inner,
            active,
            colours,
            pending: Vec::new(),
        }
    }

    /// Cleans `pending` as far as it is complete; keeps an unfinished tail.
    fn drain(&mut self, at_end: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.pending.len());
        let mut rest: &[u8] = &self.pending;
        while !rest.is_empty() {
            if rest[0] == 0x1b && self.colours {
                match sgr_length(rest) {
                    Some(Some(n)) => {
                        out.extend_from_slice(&rest[..n]);
                        rest = &rest[n..];
                        continue;
                    }
                    Some(None) if !at_end => break,
                    _ => {}
                }
            }
            // CRLF line ends (CSV) are a terminal's own: only a lone CR,
            // which would let a line be drawn over, is replaced.
            if rest.starts_with(b"\r\n") {
                out.extend_from_slice(b"\r\n");
                rest = &rest[2..];
                continue;
            }
            if rest == b"\r" && !at_end {
                break;
            }
            match next_char(rest) {
                Some((c, n)) => {
                    let shown = if is_unsafe(c) { REPLACEMENT } else { c };
                    out.extend_from_slice(shown.encode_utf8(&mut [0; 4]).as_bytes());
                    rest = &rest[n..];
                }
                None if !at_end => break,
                None => {
                    out.extend_from_slice(REPLACEMENT.encode_utf8(&mut [0; 4]).as_bytes());
                    rest = &rest[1..];
                }
            }
        }
        let kept = rest.len();
        self.pending.drain(..self.pending.len() - kept);
        out
    }
}

/// The length of the colour code `bytes` starts with: `Some(Some(n))`,
/// `Some(None)` while it could still become one, `None` when it is not one.
fn sgr_length(bytes: &[u8]) -> Option<Option<usize>> {
    for (i, b) in bytes.iter().enumerate().take(MAX_SGR).skip(1) {
        match (i, b) {
            (1, b'[') => {}
            (1, _) => return None,
            (_, b'0'..=b'9' | b';') => {}
            (_, b'm') => return Some(Some(i + 1)),
            _ => return None,
        }
    }
    (bytes.len() < MAX_SGR).then_some(None)
}

/// The first character of `bytes` and its length; `None` when it is not
/// complete yet. A byte that can start no character reads as U+FFFD.
fn next_char(bytes: &[u8]) -> Option<(char, usize)> {
    let want = match bytes[0] {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return Some((REPLACEMENT, 1)),
    };
    let end = want.min(bytes.len());
    match std::str::from_utf8(&bytes[..end]) {
        Ok(text) if end == want => text.chars().next().map(|c| (c, want)),
        Ok(_) => None,
        Err(err) if err.error_len().is_none() => None,
        Err(err) => Some((REPLACEMENT, err.valid_up_to().max(1))),
    }
}

impl<W: Write> Write for Guard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.active {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        let clean = self.drain(false);
        self.inner.write_all(&clean)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guard<W> {
    /// A character cut off at the very end is shown as U+FFFD.
    fn drop(&mut self) {
        if self.active && !self.pending.is_empty() {
            let clean = self.drain(true);
            let _ = self.inner.write_all(&clean);
            let _ = self.inner.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]], colours: bool) -> String {
        let mut out = Vec::new();
        {
            let mut guard = Guard::new(&mut out, true, colours);
            for chunk in chunks {
                guard.write_all(chunk).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_bells_and_carriage_returns_are_replaced() {
        assert_eq!(
            printable("ok\x1b]0;PWNED\x07"),
            "ok\u{FFFD}]0;PWNED\u{FFFD}"
        );
        assert_eq!(printable("a\rb\nc\td"), "a\u{FFFD}b\nc\td");
        assert_eq!(
            printable("D\u{200B}CS \u{202E}gnp"),
            "D\u{FFFD}CS \u{FFFD}gnp"
        );
        assert_eq!(printable("Children’s – fine"), "Children’s – fine");
        assert_eq!(printable("flag\u{E0067}\u{E006E}"), "flag\u{FFFD}\u{FFFD}");
        assert_eq!(
            printable("👩\u{200D}💻 ❤\u{FE0F}"),
            "👩\u{200D}💻 ❤\u{FE0F}"
        );
    }

    #[test]
    fn lookalike_blanks_are_invisible() {
        for c in [
            '\u{00AD}',
            '\u{034F}',
            '\u{115F}',
            '\u{180E}',
            '\u{2800}',
            '\u{3164}',
            '\u{FFA0}',
            '\u{FE0F}',
            '\u{206A}',
            '\u{FFF9}',
            '\u{E0041}',
            '\u{1D173}',
            '\u{200D}',
        ] {
            assert!(is_invisible(c), "U+{:04X}", c as u32);
        }
        assert!(!is_invisible('a') && !is_invisible('’') && !is_invisible('\u{A0}'));
    }

    #[test]
    fn a_character_split_between_writes_is_kept_whole() {
        let text = "é\u{9B}x".as_bytes();
        assert_eq!(
            through(&[&text[..1], &text[1..3], &text[3..]], false),
            "é\u{FFFD}x"
        );
    }

    #[test]
    fn colour_codes_pass_only_when_allowed_and_only_colour_codes() {
        let red = b"\x1b[1;31merror\x1b[0m";
        assert_eq!(through(&[red], true), "\x1b[1;31merror\x1b[0m");
        assert_eq!(through(&[red], false), "\u{FFFD}[1;31merror\u{FFFD}[0m");
        assert_eq!(through(&[b"\x1b]0;x\x07"], true), "\u{FFFD}]0;x\u{FFFD}");
        assert_eq!(through(&[b"\x1b[1;3", b"1m!"], true), "\x1b[1;31m!");
        assert_eq!(through(&[b"\x1b[2J"], true), "\u{FFFD}[2J");
    }

    #[test]
    fn crlf_is_kept_and_a_lone_carriage_return_is_not() {
        assert_eq!(through(&[b"a,b\r\nc\rd"], false), "a,b\r\nc\u{FFFD}d");
        assert_eq!(through(&[b"a\r", b"\nb"], false), "a\r\nb");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_replaced() {
        assert_eq!(through(&[b"a\xFFb\xC3"], false), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn an_inactive_guard_passes_everything() {
        let mut out = Vec::new();
        Guard::new(&mut out, false, false)
            .write_all(b"\x1b]0;x\x07")
            .unwrap();
        assert_eq!(out, b"\x1b]0;x\x07");
    }
}
