//! The app's components, one per file. Each takes plain data and `on<verb>`
//! callbacks; none reads the store directly.

pub mod article;
pub mod block;
pub mod compare;
pub mod document_list;
pub mod field;
pub mod guidelines;
pub mod help;
pub mod label_bar;
pub mod notice;
pub mod paint;
pub mod schema_editor;
pub mod span_details;
pub mod span_list;
pub mod statistics;
pub mod suggestion_list;
pub mod toolbar;
