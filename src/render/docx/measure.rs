//! How wide text is set in Arial, estimated from the font's published
//! advance widths, so a table's narrow columns can be made wide enough for
//! their longest word and a row's height guessed before Word lays it out.

/// Advance widths of ASCII 32–126 in Arial (thousandths of an em); Arial
/// shares them with Helvetica, and LibreOffice's stand-in, Liberation
/// Sans, is made to match.
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // ' ' to '/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // '0' to '9'
    278, 278, 584, 584, 584, 556, 1015, // ':' to '@'
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // 'A' to 'M'
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // 'N' to 'Z'
    278, 278, 278, 469, 556, 333, // '[' to '`'
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // 'a' to 'm'
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // 'n' to 'z'
    334, 260, 334, 584, // '{' to '~'
];

/// The same for Arial Bold.
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278,
    278, // ' ' to '/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // '0' to '9'
    333, 333, 584, 584, 584, 611, 975, // ':' to '@'
    722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, // 'A' to 'M'
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // 'N' to 'Z'
    333, 278, 333, 584, 556, 333, // '[' to '`'
    556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, // 'a' to 'm'
    611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, // 'n' to 'z'
    389, 280, 389, 584, // '{' to '~'
];

/// One character's advance in thousandths of an em. Outside ASCII the
/// guess errs wide, so a column sized by it is never too narrow.
fn advance(c: char, bold: bool) -> u32 {
    let table = if bold { &BOLD } else { &REGULAR };
    match c {
        ' '..='~' => u32::from(table[c as usize - 32]),
        '\u{a0}' => 278,
        '‘' | '’' => 222,
        '–' => 556,
        '—' | '…' => 1000,
        // CJK, emoji and the like are full width.
        c if c >= '\u{2e80}' => 1000,
        _ => 667,
    }
}

/// The width of `text` on one line, in twips (twentieths of a point), at
/// `half_points` (Word's unit of font size: 18 is 9pt).
pub fn width(text: &str, half_points: u32, bold: bool) -> u32 {
    let thousandths: u32 = text.chars().map(|c| advance(c, bold)).sum();
    // em × points × 20 twips a point; half-points are points × 2.
    (u64::from(thousandths) * u64::from(half_points) * 10 / 1000) as u32
}

/// The width of the widest word of `text` (split at spaces and line ends).
pub fn widest_word(text: &str, half_points: u32, bold: bool) -> u32 {
    text.split([' ', '\n', '\t'])
        .map(|word| width(word, half_points, bold))
        .max()
        .unwrap_or(0)
}

/// About how many lines `text` takes in a column `room` twips wide.
pub fn lines(text: &str, half_points: u32, room: u32) -> u32 {
    text.split('\n')
        .map(|line| {
            // Breaking at words wastes the end of most lines: a tenth more.
            let wide = width(line, half_points, false) * 11 / 10;
            wide.div_ceil(room.max(1)).max(1)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_arial() {
        // "On track (green)" is 7.28 em: at 9pt, 65.5pt or 1310 twips.
        assert_eq!(width("On track (green)", 18, false), 1310);
        assert!(width("Complete", 18, true) > width("Complete", 18, false));
        assert_eq!(
            widest_word("Days overdue", 20, false),
            width("overdue", 20, false)
        );
    }

    #[test]
    fn long_text_takes_lines_by_the_room_it_has() {
        assert_eq!(lines("short", 18, 2000), 1);
        assert_eq!(lines("one\ntwo", 18, 2000), 2);
        assert!(lines(&"word ".repeat(200), 18, 2000) >= 10);
    }
}
