//! actionplan: an organisation's improvement action plan kept as TOML files
//! in git — checked, queried and reported on from the terminal.

pub mod apply;
pub mod check;
pub mod cli;
pub mod commands;
pub mod committee;
pub mod date;
pub mod digest;
pub mod edit;
pub mod error;
pub mod finding;
pub mod git;
pub mod history;
pub mod import;
pub mod load;
pub mod merge;
pub mod model;
pub mod parallel;
pub mod provenance;
pub mod query;
pub mod reference;
pub mod render;
pub mod returns;
pub mod roster;
pub mod shell;
pub mod status;
pub mod timescale;
pub mod trajectory;
