//! `sorot suggest FILE...`: pre-annotates documents with the offline rules
//! ([`sorot::suggest`]) and prints one JSONL line per document:
//!
//! ```text
//! {"id": "...", "text": "...", "spans": [{"start": 9, "end": 17, "label": "VICTIM_COUNT", "value": 16}]}
//! ```
//!
//! Offsets are Unicode code point offsets, end exclusive (Python's
//! `text[start:end]`). Files are read and printed in order; the command stops
//! at the first file it cannot read, after printing the files before it.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;
use sorot::formats::text::TextError;
use sorot::suggest::{suggest, PatternSet, Suggestion, Value};

use super::error::CliError;
use super::input::{read_documents, read_text};

/// Arguments of `sorot suggest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents: .txt (one document; its id is the file name without .txt)
    /// or .jsonl (one {"text", "id"?} object per line).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Annotators' patterns in Prodigy's JSONL shape, one
    /// {"label": ..., "pattern": ...} per line.
    #[arg(long, value_name = "FILE")]
    patterns: Option<PathBuf>,
}

/// One output line.
#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    text: &'a str,
    spans: Vec<SpanRecord>,
}

/// One suggested span.
#[derive(Serialize)]
struct SpanRecord {
    start: usize,
    end: usize,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Value>,
}

impl From<Suggestion> for SpanRecord {
    fn from(s: Suggestion) -> Self {
        SpanRecord { start: s.start, end: s.end, label: s.label, value: s.value }
    }
}

/// Runs `sorot suggest`, writing JSONL to `out`.
pub fn run(args: &Args, out: &mut impl Write) -> Result<(), CliError> {
    let patterns = match &args.patterns {
        Some(path) => {
            // An empty patterns file is an empty set, not a mistake.
            let jsonl = match read_text(path) {
                Err(CliError::Text { error: TextError::Empty, .. }) => String::new(),
                read => read?,
            };
            PatternSet::from_jsonl(&jsonl).map_err(|error| CliError::Patterns { path: path.clone(), error })?
        }
        None => PatternSet::default(),
    };
    for path in &args.files {
        for document in read_documents(path)? {
            let spans = suggest(&document.text, &patterns).into_iter().map(SpanRecord::from).collect();
            let record = Record { id: &document.id, text: &document.text, spans };
            serde_json::to_writer(&mut *out, &record).map_err(|e| CliError::Output(e.into()))?;
            writeln!(out).map_err(CliError::Output)?;
        }
    }
    Ok(())
}
