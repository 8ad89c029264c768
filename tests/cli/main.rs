//! Integration tests: the real `actionplan` binary on real plan folders.

mod audit;
mod broken;
mod check;
mod comfort;
mod fixtures;
mod import;
mod markup;
mod papers;
mod queries;
mod seed;
mod spreadsheet;
mod support;
