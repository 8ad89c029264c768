//! Output formats. Renderers write to any `impl Write` and know nothing of
//! files, the clock or the command line.

pub mod chart;
pub mod committee;
pub mod csv;
pub mod detail;
pub mod diagnostics;
pub mod digest;
pub mod document;
pub mod docx;
pub mod form_csv;
pub mod html;
pub mod json;
pub mod mail;
pub mod markdown;
pub mod rag;
pub mod table;
pub mod terminal;
pub mod trajectory;
pub mod view;
pub mod xlsx;

pub use terminal::printable;
