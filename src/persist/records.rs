//! The records the browser's database holds, as plain serializable types:
//! a leaf that the writer ([`super::snapshot`]) and the reader
//! ([`super::read`]) both use, and that uses neither.

use serde::Serialize;

/// The session's index record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SessionMeta {
    pub schema_version: u32,
    /// Document ids in the order they were opened.
    pub documents: Vec<String>,
    pub current: usize,
    pub next_span_id: u64,
    pub unsaved_changes: u32,
    /// The page's vertical scroll position when last stored.
    pub scroll_y: f64,
    /// The label schema, as `formats::schema_json` writes it.
    pub schema: Option<serde_json::Value>,
}

/// One document's spans and history (its text is stored apart).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredDocument {
    pub id: String,
    /// `"todo"`, `"in progress"`, `"done"` or `"skipped"`.
    pub status: String,
    pub meta: StoredMetadata,
    pub spans: Vec<StoredSpan>,
    /// When each span was created and last changed: `(id, created, updated)`
    /// in ms since 1970.
    pub stamps: Vec<(u64, u64, u64)>,
    /// Rejected suggestions as `(start, end, label)`: never offered again.
    pub rejected: Vec<(usize, usize, String)>,
    pub undo: Vec<Vec<StoredEdit>>,
    pub redo: Vec<Vec<StoredEdit>>,
    /// The document's revision when written (0 in records written before
    /// revisions were stored), so numbering goes on after a reload.
    pub revision: u64,
}

/// A document's metadata as stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StoredMetadata {
    pub source: Option<String>,
    pub date: Option<String>,
    pub annotator: Option<String>,
    pub extra_json: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredSpan {
    pub id: u64,
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// The span's normalised value as JSON text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One stored undo step: `{"edit": "insert", "span": {…}}` and so on
/// (read back by [`super::read::edit`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum StoredEdit {
    Insert { span: StoredSpan },
    Remove { span: StoredSpan },
    Relabel { id: u64, to: String },
    SetValue { id: u64, value: Option<String> },
}
