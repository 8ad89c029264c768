//! JSON for scripts: pretty-printed, one trailing newline.

use std::io::{self, Write};

use serde::Serialize;

pub fn write(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// A JSON array written element by element, exactly as [`write`] would
/// write the whole array, so a lazy iterator keeps one element in memory.
pub fn write_array<T: Serialize>(
    out: &mut impl Write,
    items: impl IntoIterator<Item = T>,
) -> io::Result<()> {
    let mut first = true;
    for item in items {
        out.write_all(if first { b"[\n  " } else { b",\n  " })?;
        first = false;
        let text = serde_json::to_string_pretty(&item)?;
        out.write_all(text.replace('\n', "\n  ").as_bytes())?;
    }
    out.write_all(if first { b"[]\n" } else { b"\n]\n" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_array_written_piece_by_piece_is_the_array_written_whole() {
        let items = vec![
            serde_json::json!({"a": [1, 2], "b": "x\ny"}),
            serde_json::json!({"c": {}}),
        ];
        for items in [items.clone(), vec![]] {
            let (mut whole, mut pieces) = (Vec::new(), Vec::new());
            write(&mut whole, &items).unwrap();
            write_array(&mut pieces, items.iter()).unwrap();
            assert_eq!(
                String::from_utf8(pieces).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }
}
