//! The annotation model: documents, char offsets, spans, the undo history and
//! the one reducer, [`AppState::apply`]. Pure Rust: nothing here touches the
//! browser, does I/O, or panics on user input.
//!
//! Every offset here is a Unicode code point offset, half-open
//! (`text[start:end]` in Python); UTF-16 appears only in [`offsets`].

pub mod annotations;
pub mod caret;
pub mod document;
pub mod edit;
pub mod error;
pub mod history;
pub mod keymap;
pub mod label;
pub mod offsets;
pub mod refine;
pub mod segments;
pub mod span;
pub mod state;
pub mod stats;

pub use annotations::Annotations;
pub use caret::{Caret, CaretUnit};
pub use document::{Block, BlockKind, Document, Metadata, Status};
pub use error::ModelError;
pub use label::{Example, Label, LabelDef, Schema, Stroke};
pub use refine::Precision;
pub use span::{Span, SpanId};
pub use state::{
    Action, AppState, DocumentState, ImportPart, ImportedDocument, ImportedSpan, Notice, Outcome, Progress, Readers, SchemaEdit, Session,
    SessionAction, Suggested, Theme, View, ViewAction, Work, WorkAction,
};

/// The article Sorot opens with: an IDN Times report on trafficking (TPPO).
pub const SEED_ARTICLE: &str = include_str!("../seed_article.txt");

/// The seed article as a document, id `seed-article`.
pub fn seed_document() -> Document {
    Document::new("seed-article", SEED_ARTICLE)
}
