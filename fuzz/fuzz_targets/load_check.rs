//! Arbitrary bytes as a recommendation file: the loader and every check
//! must report, never panic, hang or allocate without bound.
#![no_main]

use std::path::PathBuf;

use actionplan::{check, load, render::diagnostics};
use libfuzzer_sys::fuzz_target;

const PLAN: &[u8] = b"title = \"T\"\norganisation = \"O\"\n[[sections]]\nnumber = \"1\"\ntitle = \"S\"\n";
const OFFICERS: &[u8] = b"[[officers]]\nid = \"dcs\"\ntitle = \"DCS\"\n";

fuzz_target!(|data: &[u8]| {
    let source = load::Memory::new(
        "plan",
        [
            (PathBuf::from("plan.toml"), PLAN.to_vec()),
            (PathBuf::from("officers.toml"), OFFICERS.to_vec()),
            (PathBuf::from("1/1.1.toml"), data.to_vec()),
        ],
    );
    let loaded = load::load(&source).expect("a memory source always lists");
    let mut findings = loaded.findings;
    let today = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
    findings.extend(check::check(&loaded.plan, today));
    load::locate(&mut findings, &source);
    let mut out = Vec::new();
    diagnostics::write_text(&mut out, &findings, false).unwrap();
});
