//! Integration tests: the real `actionplan` binary on real plan folders.

mod audit;
mod broken;
mod check;
mod comfort;
mod fixtures;
mod hostile;
mod import;
mod import_safety;
mod import_scale;
mod markup;
mod meetings;
mod papercuts;
mod papers;
mod print;
mod queries;
mod requests;
mod seed;
mod spreadsheet;
mod support;
mod trail;
mod word;
mod word_safety;
mod workbook;
mod workbook_office;
mod zones;
