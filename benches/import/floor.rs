//! The floor: the I/O any importer must do — read the table with the `csv`
//! crate, write one file per row that has a Ref (rows without one added to
//! it) into a folder per section, as the plan has, then read every file
//! back (as import's closing check reads the plan it wrote).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Rows read; `out` must not exist.
pub fn run(table: &Path, out: &Path) -> usize {
    fs::create_dir(out).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(table)
        .unwrap();
    let mut folders = HashSet::new();
    let mut written = Vec::new();
    let (mut rows, mut file, mut text) = (0, None::<PathBuf>, String::new());
    for record in reader.records() {
        let record = record.unwrap();
        rows += 1;
        let reference = record.get(0).unwrap_or("");
        if !reference.is_empty() {
            if let Some(path) = file.take() {
                fs::write(&path, &text).unwrap();
                written.push(path);
            }
            let section = reference.split('.').next().unwrap();
            let folder = out.join(section);
            if folders.insert(section.to_string()) {
                fs::create_dir(&folder).unwrap();
            }
            file = Some(folder.join(format!("{reference}.txt")));
            text.clear();
        }
        text.extend(record.iter().flat_map(|cell| [cell, "\n"]));
    }
    if let Some(path) = file {
        fs::write(&path, &text).unwrap();
        written.push(path);
    }
    let bytes: usize = written.iter().map(|p| fs::read(p).unwrap().len()).sum();
    assert!(bytes > 0, "the rows were written");
    rows
}
