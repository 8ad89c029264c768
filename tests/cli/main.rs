//! Integration tests: the real `actionplan` binary on real plan folders.

mod check;
mod fixtures;
mod queries;
mod seed;
mod support;
