//! Errors the model reports: typed values whose messages tell a person what
//! happened and what to do.

use std::fmt;

/// Why an [`Action`](super::Action) was refused. The state is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// A span needs at least one character.
    EmptyRange { start: usize, end: usize },
    /// The range ends past the document's last character.
    OutOfRange { end: usize, len: usize },
    /// The same text already carries this label.
    DuplicateSpan { label: String, text: String },
    /// The label is not in the schema.
    UnknownLabel(String),
    /// No span has this id (it may have been deleted).
    UnknownSpan(u64),
    /// Another span already has this id.
    DuplicateId(u64),
    /// The selection holds only spaces and punctuation.
    NothingToTag,
    /// A label key was pressed with no text and no span selected.
    NothingSelected,
    /// This tab only shows the work; another tab is editing it.
    ReadOnly(String),
    /// A restored session does not hold together (e.g. no documents).
    InconsistentSession(String),
    /// A file held nothing that could be opened.
    NothingImported(String),
    /// A schema change was refused.
    Schema(String),
    /// The suggestion is no longer offered.
    UnknownSuggestion,
    /// A typed value is neither JSON nor a number in words.
    BadValue(String),
    /// No document is open at this position.
    UnknownDocument(usize),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::EmptyRange { start, end } => {
                write!(f, "A span needs at least one character (got {start}..{end}).")
            }
            ModelError::OutOfRange { end, len } => {
                write!(f, "The span ends at {end}, past the end of the document ({len} characters).")
            }
            ModelError::DuplicateSpan { label, text } => {
                write!(f, "\u{201c}{text}\u{201d} is already tagged {label}.")
            }
            ModelError::UnknownLabel(label) => write!(f, "The label {label} is not in the schema."),
            ModelError::UnknownSpan(id) => write!(f, "Span #{id} no longer exists."),
            ModelError::DuplicateId(id) => write!(f, "Two spans share the id #{id}; ids must be unique."),
            ModelError::NothingToTag => {
                write!(f, "The selection holds only spaces or punctuation: select a word to tag.")
            }
            ModelError::NothingSelected => {
                write!(f, "Select some text (or click a span) before choosing a label.")
            }
            ModelError::ReadOnly(reason) => write!(f, "This tab is read-only: {reason}"),
            ModelError::InconsistentSession(what) => write!(f, "The saved session is damaged ({what}); export what you see now."),
            ModelError::NothingImported(why) => write!(f, "{why}."),
            ModelError::Schema(why) => write!(f, "{why}"),
            ModelError::UnknownSuggestion => write!(f, "That suggestion is no longer offered; run Suggest again."),
            ModelError::BadValue(text) => write!(
                f,
                "\u{201c}{text}\u{201d} is not a value: type a number (20), a range ({{\"min\":10,\"max\":99}}) or words (dua puluh, ratusan)."
            ),
            ModelError::UnknownDocument(index) => write!(f, "There is no open document #{}.", index + 1),
        }
    }
}

impl std::error::Error for ModelError {}
