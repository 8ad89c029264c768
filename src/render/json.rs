//! JSON for scripts: pretty-printed, one trailing newline.

use std::io::{self, Write};

use serde::Serialize;

pub fn write(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
