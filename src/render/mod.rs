//! Output formats. Renderers write to any `impl Write` and know nothing of
//! files, the clock or the command line.

pub mod chart;
pub mod csv;
pub mod detail;
pub mod diagnostics;
pub mod digest;
pub mod document;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;
pub mod view;

/// Text safe to print on a terminal: control characters — an escape
/// sequence pasted into a note could retitle or recolour the terminal —
/// shown as U+FFFD; line breaks and tabs kept.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if text.chars().any(unsafe_char) {
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect()
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
