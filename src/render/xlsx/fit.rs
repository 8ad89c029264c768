//! How tall a row must be to show its wrapped text. Excel sizes a row to
//! its text when it opens the file, but LibreOffice, Google Sheets and
//! most viewers keep the stored height — one line — and cut the rest. So
//! each row is given a height, from an estimate of how the text wraps:
//! word by word into lines of the column's width, counted generously so
//! that text is never cut, at worst followed by some space.

/// Points a line of 11-point Calibri takes, with its leading.
const LINE: f64 = 15.0;

/// Excel's tallest row, in points.
const TALLEST: f64 = 409.0;

/// How many characters of prose fit a column `width` characters wide. A
/// width counts the font's digits; a line of prose holds about 1.2 times
/// as many characters (measured in Calibri and in Carlito, its metric
/// twin), 1.1 is counted, and one kept back for the cell's margins.
fn capacity(width: f64) -> usize {
    (width * 1.1 - 1.0).max(1.0) as usize
}

/// The height, in points, that shows every cell: `cells` pairs each
/// cell's text with its column's width.
pub fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>) -> f64 {
    let lines = cells
        .into_iter()
        .map(|(text, width)| lines(text, capacity(width)))
        .max()
        .unwrap_or(1)
        .max(1);
    (lines as f64 * LINE).min(TALLEST)
}

/// The lines `text` takes when wrapped at `capacity` characters: each of
/// its own lines, word by word; a word longer than a line is broken.
pub fn lines(text: &str, capacity: usize) -> usize {
    text.split('\n').map(|line| wrapped(line, capacity)).sum()
}

fn wrapped(line: &str, capacity: usize) -> usize {
    let mut lines = 1;
    let mut used = 0;
    for word in line.split(' ').map(width) {
        let needed = if used == 0 { word } else { used + 1 + word };
        if needed <= capacity {
            used = needed;
            continue;
        }
        if used > 0 {
            lines += 1;
        }
        // A word wider than the column runs on over whole lines.
        lines += word.saturating_sub(1) / capacity;
        used = word - (word.saturating_sub(1) / capacity) * capacity;
    }
    lines
}

/// A word's width in average characters: wide scripts and emoji take two.
fn width(word: &str) -> usize {
    word.chars()
        .map(|c| if u32::from(c) >= 0x1100 { 2 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_takes_one_line() {
        assert_eq!(lines("", 10), 1);
        assert_eq!(lines("April 2009", 10), 1);
    }

    #[test]
    fn text_wraps_at_words() {
        assert_eq!(lines("one two three", 7), 2, "one two / three");
        assert_eq!(lines("one two three four", 10), 2, "one two / three four");
        assert_eq!(lines("a\nb\n\nc", 10), 4, "line breaks count");
    }

    #[test]
    fn a_long_word_is_broken_over_lines() {
        assert_eq!(lines(&"x".repeat(25), 10), 3);
        assert_eq!(lines(&format!("ab {}", "x".repeat(20)), 10), 3);
        assert_eq!(lines(&format!("{} ab", "x".repeat(20)), 10), 3);
    }

    #[test]
    fn rows_grow_with_their_longest_cell_up_to_excels_limit() {
        assert_eq!(
            row_height([("short", 10.0), ("one two three", 8.0)]),
            2.0 * LINE
        );
        assert_eq!(row_height([("x".repeat(5_000).as_str(), 10.0)]), TALLEST);
        assert_eq!(row_height([]), LINE);
    }
}
