//! Markdown: plan text escaped so that it reads back as itself, never as
//! markup, and GitHub-flavoured tables of it that no text can break.

use std::borrow::Borrow;
use std::io::{self, Write};

use super::view::Column;

pub fn write_table<T, R: Borrow<T>>(
    out: &mut impl Write,
    columns: &[Column<T>],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()> {
    let header: Vec<String> = columns.iter().map(|c| escape(c.header)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|{}|", vec!["---"; columns.len()].join("|"))?;
    for row in rows {
        let row = row.borrow();
        let cells: Vec<String> = columns.iter().map(|c| escape(&(c.value)(row))).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Plan text as one line of markdown that reads back as exactly that
/// text — in a table cell, a paragraph, a list item or a heading — to
/// pandoc's own markdown (what `pandoc digest.md -o digest.docx` reads),
/// GFM and CommonMark (docs/OUTPUT.md). Each line is trimmed (leading
/// spaces would make a code block) and lines are joined by ` <br>`: a
/// break where HTML is rendered, a space where it is not (Word), as a
/// table row must be one line.
pub fn escape(text: &str) -> String {
    // CommonMark ends a line at LF, CRLF or a lone CR: each would end the row.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text.lines().map(|line| escape_line(line.trim())).collect();
    lines.join(" <br>")
}

fn escape_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let first_word = chars
        .iter()
        .position(|c| c.is_whitespace())
        .unwrap_or(chars.len());
    let mut escaped = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        // "1." "a)" "iv." "(1)" at the start would begin a list.
        let marker = i + 1 == first_word && matches!(c, '.' | ')');
        if marker || needs_backslash(&chars, i) {
            escaped.push('\\');
        }
        // What XML cannot hold cannot reach Word through pandoc either.
        escaped.push(if super::html::forbidden(c) {
            '\u{FFFD}'
        } else {
            c
        });
    }
    escaped
}

/// Whether the character at `i` could start markup. Every ASCII
/// punctuation character may be backslash-escaped in all these readers;
/// only those that can mean something are, to keep the source readable.
fn needs_backslash(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    let next = chars.get(i + 1).copied();
    let in_run = next == Some(c) || (i > 0 && chars[i - 1] == c);
    match c {
        // Emphasis, code, links and notes, raw HTML and entities, strikeout,
        // sub- and superscript, headings, table cells, TeX math, citations,
        // smart quotes, attributes.
        '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '^' | '#' | '|' | '$'
        | '@' | '\'' | '"' | '{' => true,
        // At the start: a list, a rule, a setext underline, a title block.
        // In a run: smart dashes and ellipses, `<!--`, `==highlight==`.
        '-' | '=' => i == 0 || in_run,
        '+' | '%' => i == 0,
        '.' => in_run || ends_www(chars, i),
        // A definition at the start; `:smile:` emoji and `http://` links.
        ':' => i == 0 || next.is_some_and(|n| !n.is_whitespace()),
        _ => false,
    }
}

/// GFM links a bare `www.`: whether the `.` at `i` ends a word `www`.
fn ends_www(chars: &[char], i: usize) -> bool {
    i >= 3
        && chars[i - 3..i].iter().all(|c| c.eq_ignore_ascii_case(&'w'))
        && (i == 3 || !chars[i - 4].is_alphanumeric())
}

#[cfg(test)]
mod control_tests {
    use super::escape;

    #[test]
    fn control_characters_and_noncharacters_are_replaced() {
        assert_eq!(escape("Jo\u{1b}[2J \u{ffff}"), "Jo\u{fffd}\\[2J \u{fffd}");
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn pipes_and_markup_are_escaped() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(
            escape("*bold* _it_ [link](x) <b>"),
            "\\*bold\\* \\_it\\_ \\[link\\](x) \\<b\\>"
        );
    }

    #[test]
    fn line_breaks_stay_inside_the_cell() {
        assert_eq!(
            escape("one\ntwo\r\nthree\rfour"),
            "one <br>two <br>three <br>four"
        );
    }

    #[test]
    fn block_markers_at_the_start_are_escaped() {
        for (text, escaped) in [
            ("1. Agreed", "1\\. Agreed"),
            ("iv) Agreed", "iv\\) Agreed"),
            ("(a) Agreed", "(a\\) Agreed"),
            ("- Agreed", "\\- Agreed"),
            ("- - -", "\\- - -"),
            ("+ Agreed", "\\+ Agreed"),
            ("> Agreed", "\\> Agreed"),
            ("# Agreed", "\\# Agreed"),
            ("===", "\\=\\=\\="),
            (": Agreed", "\\: Agreed"),
            ("    code", "code"),
        ] {
            assert_eq!(escape(text), escaped, "{text:?}");
        }
    }

    #[test]
    fn inline_markup_of_pandoc_and_gfm_is_escaped() {
        for (text, escaped) in [
            ("see www.example.org", "see www\\.example.org"),
            ("see http://example.org", "see http\\://example.org"),
            ("ask @name", "ask \\@name"),
            ("$x$ x^2^ H~2~O", "\\$x\\$ x\\^2\\^ H\\~2\\~O"),
            ("<!-- c -->", "\\<!\\-\\- c \\-\\-\\>"),
            ("&amp;", "\\&amp;"),
            ("it's \"so\"...", "it\\'s \\\"so\\\"\\.\\.\\."),
            (":smile: {.class}", "\\:smile: \\{.class}"),
        ] {
            assert_eq!(escape(text), escaped, "{text:?}");
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in ["2009-04-30", "On track (green)", "Review due: April. Done"] {
            assert_eq!(escape(text), text);
        }
    }
}
