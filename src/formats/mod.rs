//! Annotation file formats. Every importer produces a format-neutral
//! [`Corpus`] with an [`ImportReport`] of what it skipped; every exporter
//! reads a `Corpus`. Each format has its own module, with serialized types
//! kept apart from the model's types.
//!
//! All offsets are Unicode code point offsets, half-open (Python's
//! `text[start:end]`), in every format here but doccano's, whose files count
//! in the unit its page counted in (see [`doccano`]): they are converted at
//! the border, through [`crate::model::offsets::UnitMap`].
//!
//! - [`sorot_json`]: Sorot's native file, everything kept.
//! - [`jsonl`]: spaCy/Prodigy-style JSON Lines; reads doccano shapes too.
//! - [`doccano`]: doccano's sequence-labelling JSON Lines.
//! - [`label_studio`]: Label Studio's JSON export.
//! - [`brat`]: brat standoff `.txt` + `.ann` pairs.
//! - [`conll`], [`hf`]: flat token formats (IOB2 and Hugging Face token
//!   classification); [`flatten`] fits nested spans into them, with notes.
//! - [`tokens`]: the one tokenisation rule of the flat formats.
//! - [`text`]: decoding opened `.txt` files.
//! - `json_outline`: where a JSON object file's head and list items lie, so
//!   a big Sorot file is parsed a document at a time.
//! - `json_fields`: strict reading of a JSON object's fields, for records that
//!   must be whole (the schema here, the stored session in `persist`).

pub mod brat;
pub mod conll;
pub mod corpus;
pub mod doccano;
pub mod export;
pub mod flatten;
pub mod hf;
pub mod html;
mod iob;
pub(crate) mod json_fields;
mod json_outline;
pub mod jsonl;
pub mod label_studio;
pub mod open;
mod read;
pub mod report;
pub mod schema_json;
pub mod sorot_json;
pub mod text;
pub mod tokens;
pub mod zip;

pub use corpus::{Corpus, CorpusDocument, CorpusSpan, DocumentMeta, Stamps, Status};
pub use report::{FormatError, ImportReport, Problem, ProblemKind};

/// One file of a multi-file export, e.g. a brat `.ann`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub contents: String,
}

/// Work on a big file done a few items at a time, so the page can paint
/// and take input in between: reading ([`jsonl::JsonlImport`],
/// [`sorot_json::SorotImport`]), making documents ready for the model
/// ([`open::CorpusInSteps`]) and writing ([`export::ExportJob`]).
pub trait Stepwise {
    /// Does up to `count` more items (lines, documents).
    fn step(&mut self, count: usize);
    /// How far the whole has got: done and in all, in the task's own unit.
    fn progress(&self) -> (usize, usize);
    fn is_done(&self) -> bool;
    /// What the slices so far made ready to open already, for work that
    /// opens its results as it goes ([`open::SorotInParts`]).
    fn take_part(&mut self) -> Option<crate::model::Action> {
        None
    }
}
