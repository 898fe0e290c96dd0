//! Sorot's native JSON file, version 1.
//!
//! ```json
//! {"format": "sorot", "version": 1, "offset_unit": "codepoint",
//!  "labels": ["ACTOR", ...],
//!  "documents": [{"id", "title", "text",
//!                 "spans": [{"id", "start", "end", "label", "text"}]}]}
//! ```
//! `start`/`end` are code point offsets, end exclusive; spans are sorted by
//! `(start, end, label)`; `text` is always `text[start:end]`.

use serde::{Deserialize, Serialize};

use crate::model::AppState;

/// The whole file.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct SorotFile {
    pub format: String,
    pub version: u32,
    pub offset_unit: String,
    pub labels: Vec<String>,
    pub documents: Vec<DocumentRecord>,
}

/// One document with its spans.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct DocumentRecord {
    pub id: String,
    pub title: String,
    pub text: String,
    pub spans: Vec<SpanRecord>,
}

/// One span, with its text for checking.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct SpanRecord {
    pub id: u64,
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
}

/// Builds the file for every open document.
pub fn to_file(state: &AppState) -> SorotFile {
    let documents = state
        .documents()
        .iter()
        .map(|doc| DocumentRecord {
            id: doc.document.id().to_owned(),
            title: doc.document.title().to_owned(),
            text: doc.document.text().to_string(),
            spans: doc
                .annotations
                .spans()
                .iter()
                .map(|span| SpanRecord {
                    id: span.id().0,
                    start: span.start(),
                    end: span.end(),
                    label: span.label().name().to_owned(),
                    text: doc.document.slice(span.start(), span.end()).unwrap_or_default().to_owned(),
                })
                .collect(),
        })
        .collect();
    SorotFile {
        format: "sorot".to_owned(),
        version: 1,
        offset_unit: "codepoint".to_owned(),
        labels: state.schema().names(),
        documents,
    }
}

/// The file as pretty-printed JSON text.
pub fn export(state: &AppState) -> String {
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&to_file(state)).unwrap_or_default()
}
