//! Plan text as WordprocessingML: runs whose text XML can always hold,
//! with Word's own line breaks and tabs.

/// How a run is set.
#[derive(Clone, Copy, Default)]
pub struct Style<'s> {
    pub bold: bool,
    /// Text colour as six hex digits, for text on a coloured fill.
    pub colour: Option<&'s str>,
}

/// Appends `<w:r>` holding `text` to `xml`.
pub fn push_run(xml: &mut String, text: &str, style: Style) {
    xml.push_str("<w:r>");
    if style.bold || style.colour.is_some() {
        xml.push_str("<w:rPr>");
        if style.bold {
            xml.push_str("<w:b/><w:bCs/>");
        }
        if let Some(colour) = style.colour {
            xml.push_str("<w:color w:val=\"");
            xml.push_str(colour);
            xml.push_str("\"/>");
        }
        xml.push_str("</w:rPr>");
    }
    push_text(xml, text);
    xml.push_str("</w:r>");
}

const OPEN: &str = "<w:t xml:space=\"preserve\">";

/// The run's content: text in `<w:t>`, every line end a `<w:br/>` and
/// every tab a `<w:tab/>` (Word ignores both inside `<w:t>`). What XML
/// 1.0 forbids or HTML calls an error — control codes, noncharacters —
/// becomes U+FFFD (�), as in the HTML paper, so the file always opens.
fn push_text(xml: &mut String, text: &str) {
    xml.push_str(OPEN);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '\r' | '\n' => {
                // CRLF is one line end, as is a lone CR.
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                xml.push_str("</w:t><w:br/>");
                xml.push_str(OPEN);
            }
            '\t' => {
                xml.push_str("</w:t><w:tab/>");
                xml.push_str(OPEN);
            }
            c if super::super::html::forbidden(c) => xml.push('\u{FFFD}'),
            c => xml.push(c),
        }
    }
    xml.push_str("</w:t>");
}

/// Text for an attribute value or a part's metadata: one line, escaped.
pub fn attribute(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(' '),
            c if super::super::html::forbidden(c) => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

/// `text` with its spaces made no-break spaces, so Word keeps it on one
/// line ("30 Apr 2009", "On track (green)").
pub fn unbroken(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        let mut xml = String::new();
        push_run(&mut xml, text, Style::default());
        xml
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            run("<b>R&A</b> \"it's\""),
            "<w:r><w:t xml:space=\"preserve\">&lt;b&gt;R&amp;A&lt;/b&gt; \"it's\"</w:t></w:r>"
        );
    }

    #[test]
    fn line_ends_and_tabs_are_words_own() {
        assert_eq!(
            run("a\r\nb\rc\td"),
            "<w:r><w:t xml:space=\"preserve\">a</w:t><w:br/><w:t xml:space=\"preserve\">b</w:t>\
             <w:br/><w:t xml:space=\"preserve\">c</w:t><w:tab/><w:t xml:space=\"preserve\">d</w:t></w:r>"
        );
    }

    #[test]
    fn what_xml_cannot_hold_is_replaced() {
        let xml = run("a\u{0}b\u{1b}c\u{FFFE}d\u{FDD0}e\u{10FFFF}");
        assert!(
            xml.contains("a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}"),
            "{xml}"
        );
        assert_eq!(attribute("a\"b'\u{7}<"), "a&quot;b&apos;\u{FFFD}&lt;");
    }

    #[test]
    fn bold_and_coloured_runs_carry_their_properties() {
        let mut xml = String::new();
        let style = Style {
            bold: true,
            colour: Some("FFFFFF"),
        };
        push_run(&mut xml, "x", style);
        assert!(xml.starts_with("<w:r><w:rPr><w:b/><w:bCs/><w:color w:val=\"FFFFFF\"/></w:rPr>"));
    }
}
