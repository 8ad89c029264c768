//! Any text as a timescale: read for certain, or refused; never a panic.
#![no_main]

use actionplan::model::Period;
use actionplan::timescale;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(reading) = timescale::read(text) {
        let _ = reading.to_string();
        let adopted = chrono::NaiveDate::from_ymd_opt(2009, 1, 5);
        let _ = reading.schedule(adopted, Period::Quarterly);
        let _ = reading.due(None);
    }
});
