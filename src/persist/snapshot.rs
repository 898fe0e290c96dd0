//! The stored session, schema version 1.
//!
//! Records are JSON strings under string keys, so a session survives a
//! reload, a crash or a new build:
//!
//! | key | value |
//! |---|---|
//! | `meta` | [`SessionMeta`]: schema version, document order, current document, span id counter |
//! | `text:<id>` | the document's text, written once |
//! | `doc:<id>` | [`StoredDocument`]: spans and undo history |
//!
//! A stored schema newer than this build is refused, never overwritten.
//! Older schemas are migrated forward by [`migrate_meta`], one step per
//! version (there is no older schema yet).

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

use super::read;
pub use super::records::{SessionMeta, StoredDocument, StoredEdit, StoredMetadata, StoredSpan};

use crate::model::edit::Edit;
use crate::model::history::{History, Revision};
use std::rc::Rc;

use crate::model::{Annotations, AppState, Document, DocumentState, Label, Metadata, Span, SpanId, Status};

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Why a stored session cannot be read back.
#[derive(Clone, Debug, PartialEq)]
pub enum SnapshotError {
    /// Written by a newer Sorot; this build must not touch it.
    FutureVersion { found: u32 },
    /// A record is not what this schema says it is.
    Corrupt { key: String, problem: String },
    /// A record the index names is missing.
    Missing { key: String },
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::FutureVersion { found } => write!(
                f,
                "the saved work was written by a newer Sorot (storage schema {found}, this one reads up to {SCHEMA_VERSION}); open it with that version, or export from there"
            ),
            SnapshotError::Corrupt { key, problem } => write!(f, "the saved record \u{201c}{key}\u{201d} is damaged: {problem}"),
            SnapshotError::Missing { key } => write!(f, "the saved record \u{201c}{key}\u{201d} is missing"),
        }
    }
}

/// The key of a document's text record.
pub fn text_key(id: &str) -> String {
    format!("text:{id}")
}

/// The key of a document's spans-and-history record.
pub fn doc_key(id: &str) -> String {
    format!("doc:{id}")
}

/// The index record for `state`.
pub fn meta_of(state: &AppState, scroll_y: f64) -> SessionMeta {
    SessionMeta {
        schema_version: SCHEMA_VERSION,
        documents: state.documents().iter().map(|d| d.document.id().to_owned()).collect(),
        current: state.current_index(),
        next_span_id: state.next_span_id(),
        unsaved_changes: state.unsaved_changes(),
        scroll_y,
        schema: Some(crate::formats::schema_json::to_value(state.schema())),
    }
}

/// The spans-and-history record of one document.
pub fn stored_document(doc: &DocumentState) -> StoredDocument {
    let (undo, redo) = doc.history.stacks();
    let revisions = |stack: &[Revision]| stack.iter().map(|r| r.0.iter().map(stored_edit).collect()).collect();
    let meta = &doc.meta;
    StoredDocument {
        id: doc.document.id().to_owned(),
        status: doc.status.as_str().to_owned(),
        meta: StoredMetadata {
            source: meta.source.clone(),
            date: meta.date.clone(),
            annotator: meta.annotator.clone(),
            extra_json: meta.extra_json.clone(),
        },
        spans: doc.annotations.spans().iter().map(stored_span).collect(),
        rejected: doc.rejected.iter().map(|(start, end, label)| (*start, *end, label.name().to_owned())).collect(),
        stamps: doc.stamps.iter().map(|(id, (created, updated))| (id.0, *created, *updated)).collect(),
        undo: revisions(undo),
        redo: revisions(redo),
        revision: doc.revision,
    }
}

/// Brings an index record of any known schema up to [`SCHEMA_VERSION`].
pub fn migrate_meta(raw: &str) -> Result<SessionMeta, SnapshotError> {
    let corrupt = |problem: String| SnapshotError::Corrupt { key: "meta".to_owned(), problem };
    let value: Value = serde_json::from_str(raw).map_err(|e| corrupt(e.to_string()))?;
    let version = value.get("schema_version").and_then(Value::as_u64).ok_or_else(|| corrupt("no schema_version".to_owned()))?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > SCHEMA_VERSION {
        return Err(SnapshotError::FutureVersion { found: version });
    }
    read::meta(&value).map_err(corrupt)
}

/// Rebuilds the state from its records; `records` maps keys to JSON or text.
pub fn restore(meta: &SessionMeta, records: &HashMap<String, String>) -> Result<AppState, SnapshotError> {
    let documents = meta
        .documents
        .iter()
        .map(|id| {
            let get = |key: String| records.get(&key).ok_or(SnapshotError::Missing { key });
            let text = get(text_key(id))?;
            let key = doc_key(id);
            let corrupt = |problem| SnapshotError::Corrupt { key: key.clone(), problem };
            let record: Value = serde_json::from_str(get(key.clone())?).map_err(|e| corrupt(e.to_string()))?;
            read::document(&record).and_then(|stored| restore_document(id, text, stored)).map_err(corrupt)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let corrupt = |problem: String| SnapshotError::Corrupt { key: "meta".to_owned(), problem };
    let mut state =
        AppState::from_parts(documents, meta.current, meta.next_span_id, meta.unsaved_changes).map_err(|e| corrupt(e.to_string()))?;
    if let Some(schema) = &meta.schema {
        state.set_schema(crate::formats::schema_json::from_value(schema).map_err(corrupt)?);
    }
    Ok(state)
}

fn restore_document(id: &str, text: &str, stored: StoredDocument) -> Result<DocumentState, String> {
    let document = Document::new(id, text);
    let mut annotations = Annotations::default();
    for span in &stored.spans {
        let span = model_span(span)?;
        if span.end() > document.char_len() {
            return Err(format!("span #{} ends past the text", span.id().0));
        }
        annotations.insert(span, text).map_err(|e| e.to_string())?;
    }
    let revisions = |stack: Vec<Vec<StoredEdit>>| -> Result<Vec<Revision>, String> {
        stack.into_iter().map(|edits| edits.iter().map(model_edit).collect::<Result<_, _>>().map(Revision)).collect()
    };
    let history = History::from_stacks(revisions(stored.undo)?, revisions(stored.redo)?);
    let status = Status::parse(&stored.status).unwrap_or_default();
    let meta = Rc::new(Metadata {
        source: stored.meta.source,
        date: stored.meta.date,
        annotator: stored.meta.annotator,
        extra_json: stored.meta.extra_json,
    });
    let rejected = Rc::new(stored.rejected.iter().map(|(start, end, label)| (*start, *end, Label::new(label))).collect());
    let stamps = Rc::new(stored.stamps.iter().map(|&(id, created, updated)| (SpanId(id), (created, updated))).collect());
    let revision = stored.revision;
    Ok(DocumentState { annotations, history, status, meta, rejected, stamps, revision, ..DocumentState::new(document) })
}

fn stored_span(span: &Span) -> StoredSpan {
    StoredSpan {
        id: span.id().0,
        start: span.start(),
        end: span.end(),
        label: span.label().name().to_owned(),
        value: span.value().map(|v| v.to_string()),
    }
}

fn model_span(span: &StoredSpan) -> Result<Span, String> {
    let model = Span::new(SpanId(span.id), span.start, span.end, Label::new(&span.label)).map_err(|e| e.to_string())?;
    Ok(model.with_value(span.value.as_deref().map(Rc::from)))
}

fn stored_edit(edit: &Edit) -> StoredEdit {
    match edit {
        Edit::Insert(span) => StoredEdit::Insert { span: stored_span(span) },
        Edit::Remove(span) => StoredEdit::Remove { span: stored_span(span) },
        Edit::Relabel { id, to } => StoredEdit::Relabel { id: id.0, to: to.name().to_owned() },
        Edit::SetValue { id, value } => StoredEdit::SetValue { id: id.0, value: value.as_deref().map(str::to_owned) },
    }
}

fn model_edit(edit: &StoredEdit) -> Result<Edit, String> {
    Ok(match edit {
        StoredEdit::Insert { span } => Edit::Insert(model_span(span)?),
        StoredEdit::Remove { span } => Edit::Remove(model_span(span)?),
        StoredEdit::Relabel { id, to } => Edit::Relabel { id: SpanId(*id), to: Label::new(to) },
        StoredEdit::SetValue { id, value } => Edit::SetValue { id: SpanId(*id), value: value.as_deref().map(Rc::from) },
    })
}
