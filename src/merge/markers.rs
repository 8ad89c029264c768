//! Reading back the conflicts the merge driver writes: each block's place
//! in the file, the action and field its labels name, and both sides'
//! lines, for `check`'s message and for `resolve`.

use std::ops::Range;

/// One field conflict: `<<<<<<< mine (2.7b status)` … `>>>>>>> theirs
/// (2.7b status)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The whole block, marker lines included, in bytes.
    pub range: Range<usize>,
    /// "2.7b", or "2.7" for a recommendation's only action.
    pub address: String,
    pub field: String,
    /// Each side's lines as written (`status = "on_track"\n`), or empty.
    pub mine: String,
    pub theirs: String,
}

impl Block {
    /// A side's value alone: `"on_track"` from `status = "on_track"`.
    pub fn value(side: &str, field: &str) -> Option<String> {
        let mut values = Vec::new();
        for line in side.lines() {
            let rest = line.trim_start().strip_prefix(field)?.trim_start();
            values.push(rest.strip_prefix('=')?.trim().to_string());
        }
        Some(values.join("\n"))
    }
}

/// Every field conflict the driver wrote in `text`.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some(at) = text[offset..].find("<<<<<<< mine (") {
        let start = offset + at;
        let at_line_start = start == 0 || text.as_bytes()[start - 1] == b'\n';
        match at_line_start.then(|| block_at(text, start)).flatten() {
            Some(block) => {
                offset = block.range.end;
                found.push(block);
            }
            None => offset = start + 1,
        }
    }
    found
}

/// The block whose first marker line starts at byte `start`, if any.
pub fn block_at(text: &str, start: usize) -> Option<Block> {
    let rest = &text[start..];
    let first = rest.lines().next()?;
    let label = first.strip_prefix("<<<<<<< mine (")?.strip_suffix(')')?;
    let (address, field) = label.split_once(' ')?;
    let body = &rest[first.len() + 1..];
    let split = find_line(body, "=======")?;
    let mine = &body[..split];
    let after = &body[split + "=======\n".len()..];
    let end_marker = format!(">>>>>>> theirs ({label})");
    let end = find_line(after, &end_marker)?;
    let theirs = &after[..end];
    let mut length = first.len() + 1 + split + "=======\n".len() + end + end_marker.len();
    if rest[length..].starts_with('\n') {
        length += 1;
    }
    Some(Block {
        range: start..start + length,
        address: address.to_string(),
        field: field.to_string(),
        mine: mine.to_string(),
        theirs: theirs.to_string(),
    })
}

/// Where a line that is exactly `line` starts in `text`.
fn find_line(text: &str, line: &str) -> Option<usize> {
    let mut offset = 0;
    for each in text.split_inclusive('\n') {
        if each.trim_end_matches('\n') == line {
            return Some(offset);
        }
        offset += each.len();
    }
    None
}
