//! Any bytes as a spreadsheet export: imported or refused, never a panic.
#![no_main]

use actionplan::import::{self, Kind, Options, Report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut report = Report::default();
    if let Ok(text) = import::decode(data, &mut report) {
        let draft = import::read(&text, Kind::Csv, &Options::default());
        let _ = import::files(&draft);
        let _ = draft.report.markdown("fuzz", [0; 4]);
    }
});
