//! Reading one table cell: HTML tags and entities out, whitespace
//! collapsed, `<li>` items as steps, several officers in one cell split.

/// The cell's text: tags removed, entities decoded, whitespace collapsed.
pub fn clean(cell: &str) -> String {
    let mut text = String::with_capacity(cell.len());
    let mut rest = cell;
    // Only the last "<" before a ">" can open a tag (a tag holds no "<"), so
    // each stretch up to a ">" is looked at once, however many "<" it has.
    while let Some(close) = rest.find('>') {
        let Some(open) = rest[..close].rfind('<') else {
            text.push_str(&rest[..=close]);
            rest = &rest[close + 1..];
            continue;
        };
        text.push_str(&rest[..open]);
        let inside = &rest[open + 1..close];
        if !is_tag(inside) {
            text.push_str(&rest[open..=close]);
        } else if is_block(inside) {
            // Inline tags (`<b>`) sit inside words; block tags separate.
            text.push(' ');
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    collapse(&decode_entities(&text))
}

/// The HTML tags tables exported from Word, Excel or a web page carry:
/// only these are markup. Anything else in angle brackets is the plan's
/// words ("<subject to Cabinet approval>", "<tbc>") and is kept.
const TAGS: &[&str] = &[
    "a",
    "b",
    "big",
    "blockquote",
    "br",
    "center",
    "code",
    "del",
    "div",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "li",
    "o:p",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// `b`, `/li`, `br /`, `span style="…"`: a tag, not a "<" in the text
/// ("< 5 days") nor words in angle brackets.
fn is_tag(inside: &str) -> bool {
    let body = inside
        .trim_start_matches('/')
        .trim_end_matches('/')
        .trim_end();
    let name = body
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    TAGS.contains(&name.as_str())
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " =\"'/-:;#%.,".contains(c))
}

fn is_block(inside: &str) -> bool {
    let name: String = inside
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    ["br", "p", "li", "ul", "ol", "div", "tr", "td", "th"].contains(&name.as_str())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // Entities are short: look no further than 10 bytes for the ";".
        let entity = after
            .bytes()
            .take(11)
            .position(|b| b == b';')
            .map(|end| (&after[..end], end));
        match entity.and_then(|(name, end)| entity_char(name).map(|c| (c, end))) {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity_char(name: &str) -> Option<char> {
    let named = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "pound" => '£',
        "hellip" => '…',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            return char::from_u32(code);
        }
    };
    Some(named)
}

/// Whether the cell holds an HTML list.
pub fn is_list(cell: &str) -> bool {
    cell.contains("<li>")
}

/// The text of each `<li>` item.
pub fn list_items(cell: &str) -> Vec<String> {
    cell.split("<li>")
        .skip(1)
        .map(|item| item.split("</li>").next().unwrap_or(item))
        .map(clean)
        .filter(|item| !item.is_empty())
        .collect()
}

/// The parts of a cell cut by page breaks (joined with tabs by the reader),
/// each cleaned, joined with a space.
pub fn text(cell: &str) -> String {
    let parts: Vec<String> = cell
        .split('\t')
        .map(clean)
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(" ")
}

/// An actions cell: its plain text and its list items. A plain part after
/// a list continues the last item; double spaces in it start a new one.
pub fn steps(cell: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut steps: Vec<String> = Vec::new();
    for part in cell.split('\t') {
        if is_list(part) {
            steps.extend(list_items(part));
        } else if let Some(last) = steps.last_mut() {
            let mut pieces = part.split("  ").map(clean).filter(|p| !p.is_empty());
            if let Some(first) = pieces.next() {
                last.push(' ');
                last.push_str(&first);
                steps.extend(pieces);
            }
        } else {
            let cleaned = clean(part);
            if !cleaned.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&cleaned);
            }
        }
    }
    (text, steps)
}

/// A lead cell: one name per officer. "A / B", "A with B" and names
/// separated by two or more spaces are several officers.
pub fn leads(cell: &str) -> Vec<String> {
    let joined: Vec<&str> = cell.split('\t').filter(|p| !p.is_empty()).collect();
    let joined = joined.join(" ");
    let mut names = vec![joined.as_str()];
    for separator in ["/", " with ", "  "] {
        names = names.iter().flat_map(|n| n.split(separator)).collect();
    }
    names
        .into_iter()
        .map(clean)
        .filter(|n| !n.is_empty())
        .collect()
}

/// A section row's title, from cells that may cut a word in two
/// ("Herefordshire Safeguardin" | "g Children Board").
pub fn section_title(cells: &[String]) -> String {
    let mut title = String::new();
    for cell in cells.iter().filter(|c| !c.is_empty()) {
        let cut_word = title.chars().next_back().is_some_and(char::is_alphabetic)
            && cell.chars().next().is_some_and(char::is_alphabetic);
        if !cut_word && !title.is_empty() {
            title.push(' ');
        }
        title.push_str(cell);
    }
    clean(&title)
}

#[cfg(test)]
mod tag_tests {
    use super::clean;

    #[test]
    fn words_in_angle_brackets_are_kept_and_tags_are_not() {
        assert_eq!(
            clean("Agree budget <subject to Cabinet approval> with <b>partners</b>"),
            "Agree budget <subject to Cabinet approval> with partners"
        );
        assert_eq!(
            clean("Cost <tbc> pending<br/>next"),
            "Cost <tbc> pending next"
        );
        assert_eq!(clean("<span style=\"color:red\">Red</span>"), "Red");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_entities_go_whitespace_collapses() {
        assert_eq!(
            clean("The <b>functions</b> of the &amp; Board&#39;s\n  x"),
            "The functions of the & Board's x"
        );
        assert_eq!(clean("fewer than < 5 days"), "fewer than < 5 days");
        assert_eq!(clean("AT&T &unknown; &#8211;"), "AT&T &unknown; –");
    }

    #[test]
    fn list_items_become_steps_and_a_continuation_joins_the_last() {
        let (text, steps) = steps("<ul> <li>One</li> <li>Two</li> </ul>\tcontinued  Three");
        assert_eq!(text, "");
        assert_eq!(steps, ["One", "Two continued", "Three"]);
        assert_eq!(
            steps_text_only("Named person to be identified"),
            "Named person to be identified"
        );
    }

    fn steps_text_only(cell: &str) -> String {
        steps(cell).0
    }

    #[test]
    fn a_lead_cell_naming_several_officers_is_split() {
        assert_eq!(
            leads("Head of Community Operations / Head of Safeguarding"),
            ["Head of Community Operations", "Head of Safeguarding"]
        );
        assert_eq!(leads("HSCB Chair with DCS"), ["HSCB Chair", "DCS"]);
        assert_eq!(
            leads("Head of Safeguarding and Vulnerable\tChildren"),
            ["Head of Safeguarding and Vulnerable Children"]
        );
        assert_eq!(leads("DCS  HR Manager"), ["DCS", "HR Manager"]);
    }

    #[test]
    fn a_word_cut_across_section_cells_is_joined() {
        let cells = [
            "Herefordshire Safeguardin".to_string(),
            "g Children Board".to_string(),
            String::new(),
        ];
        assert_eq!(
            section_title(&cells),
            "Herefordshire Safeguarding Children Board"
        );
    }
}
