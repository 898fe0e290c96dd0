//! Reading input files: text exactly as written (a UTF-8 byte order mark
//! dropped, as [`sorot::formats::text::decode`] does for the app), and
//! documents from `.txt` and `.jsonl` files.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use serde_json::Value as Json;
use sorot::formats::text::{decode, TextError};

use super::error::CliError;

/// A document to work on.
#[derive(Debug)]
pub struct InputDocument {
    pub id: String,
    pub text: String,
}

/// What `.txt`/`.jsonl` inputs look like, for error messages.
pub const DOCUMENT_FILES: &str = "a .txt file (one document) or a .jsonl file (one {\"text\", \"id\"?} object per line)";

/// Reads a whole text file.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = fs::read(path).map_err(|source| match source.kind() {
        ErrorKind::NotFound => CliError::NotFound { path: path.to_owned() },
        _ => CliError::Read { path: path.to_owned(), source },
    })?;
    match decode(&bytes) {
        Ok(text) => Ok(text.into_owned()),
        Err(TextError::InvalidUtf8 { byte_idx }) => {
            let line = 1 + bytes[..byte_idx].iter().filter(|&&b| b == b'\n').count();
            Err(CliError::NotUtf8 { path: path.to_owned(), byte_idx, line })
        }
        Err(error) => Err(CliError::Text { path: path.to_owned(), error }),
    }
}

/// The documents of a `.txt` file (one, its id the file name without the
/// extension) or a `.jsonl` file (one per non-blank line; a line without an
/// `"id"` gets `<file name>:<line>`; other fields are ignored).
pub fn read_documents(path: &Path) -> Result<Vec<InputDocument>, CliError> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("txt") => Ok(vec![InputDocument { id: stem, text: read_text(path)? }]),
        Some("jsonl") => {
            let text = read_text(path)?;
            let lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
            lines
                .map(|(index, line)| {
                    jsonl_document(line, &stem, index + 1).map_err(|message| CliError::JsonLine {
                        path: path.to_owned(),
                        line: index + 1,
                        message,
                    })
                })
                .collect()
        }
        _ => Err(CliError::UnsupportedFile { path: path.to_owned(), expected: DOCUMENT_FILES }),
    }
}

fn jsonl_document(line: &str, stem: &str, number: usize) -> Result<InputDocument, String> {
    let object: serde_json::Map<String, Json> = serde_json::from_str(line).map_err(|e| format!("not a JSON object ({e})"))?;
    let text = object.get("text").and_then(Json::as_str).ok_or("no \"text\" string")?.to_owned();
    let id = match object.get("id") {
        None | Some(Json::Null) => format!("{stem}:{number}"),
        Some(Json::String(id)) => id.clone(),
        Some(Json::Number(id)) => id.to_string(),
        Some(_) => return Err("\"id\" must be a string or a number".to_owned()),
    };
    Ok(InputDocument { id, text })
}
