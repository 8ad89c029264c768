//! Integration tests: the real `actionplan` binary on real plan folders.

mod audit;
mod broken;
mod check;
mod comfort;
mod fixtures;
mod import;
mod import_safety;
mod import_scale;
mod papers;
mod queries;
mod seed;
mod support;
