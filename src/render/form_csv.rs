//! A return form as CSV, for officers without Excel: the same columns as
//! the workbook, then the three that `apply` needs (the officer, the plan
//! revision and the action's fingerprint), which the officer leaves alone.

use std::io;

use super::csv::neutral_record;
use crate::returns::{FILLED_COLUMNS, Form, ISSUED_COLUMNS};

/// The columns after the ones to fill in.
pub const FACT_COLUMNS: [&str; 3] = ["Officer", "Revision", "Fingerprint"];

/// The form as CSV bytes: UTF-8 with a byte-order mark (so Excel shows
/// ’ and –), CRLF line ends, formula triggers neutralised.
pub fn write(form: &Form) -> io::Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let headers = ["Ref", "Attention"]
            .into_iter()
            .chain(ISSUED_COLUMNS)
            .chain(FILLED_COLUMNS)
            .chain(FACT_COLUMNS);
        writer.write_record(headers)?;
        for row in &form.rows {
            let attention = row.attention().unwrap_or_default().to_string();
            let cells = [row.address.clone(), attention]
                .into_iter()
                .chain(row.issued_cells())
                .chain(FILLED_COLUMNS.map(|_| String::new()))
                .chain([
                    form.officer_id.clone(),
                    form.revision.clone(),
                    row.fingerprint.clone(),
                ]);
            writer.write_record(neutral_record(cells))?;
        }
        writer.flush()?;
    }
    Ok(out)
}
