//! `actionplan import` of a large table: refusals come in seconds, not after
//! a comparison of every row with every other.

use std::fmt::Write as _;
use std::fs;
use std::process::Stdio;

use crate::support::process;

#[test]
fn a_duplicate_ref_in_a_large_table_is_renamed_quickly_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("Ref,Recommendation,Action,Timescale,Lead\n");
    for i in 0..40_000 {
        let _ = writeln!(csv, "{}.{},R,A,April 2009,DCS", i / 100 + 1, i % 100 + 1);
    }
    // Row 1 is the header: 3.7 is on row 208, and again on the last.
    csv.push_str("3.7,Again,A,April 2009,DCS\n");
    fs::write(dir.path().join("big.csv"), csv).unwrap();
    // How long this takes is the benchmark's to measure (it was minutes
    // when every row was compared with every other).
    let child = process(dir.path())
        .args(["import", "big.csv", "--out", "plan", "--title", "T"])
        .args(["--organisation", "O"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("row 40002: ref “3.7” used twice: this one is “3.7 (2)”"),
        "{stderr}"
    );
    assert!(dir.path().join("plan/3/3.7.toml").exists());
}
