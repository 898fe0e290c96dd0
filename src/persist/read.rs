//! Reading stored records back from their parsed JSON, field by field.
//!
//! The records ([`super::records`]) are written by derived `Serialize` impls
//! but read here by hand: a derived
//! `Deserialize` for them compiles to a second, typed copy of the JSON
//! reader (about 6 KB of the shipped file, compressed), while the app
//! already carries the reader for plain JSON values. Reading by hand also
//! lets every message name the record part that is damaged.

use serde_json::Value;

use crate::formats::json_fields::Record;

use super::records::{SessionMeta, StoredDocument, StoredEdit, StoredMetadata, StoredSpan};

/// The index record. Its `schema_version` has been checked by the caller.
pub fn meta(value: &Value) -> Result<SessionMeta, String> {
    let record = Record::of(value, "the index record".to_owned())?;
    let documents = record
        .list("documents")?
        .iter()
        .map(|id| id.as_str().map(str::to_owned).ok_or_else(|| "a document id in the index record is not text".to_owned()))
        .collect::<Result<_, _>>()?;
    let scroll_y = match record.get("scroll_y") {
        None => 0.0,
        Some(y) => y.as_f64().ok_or_else(|| record.wrong("scroll_y", "a number"))?,
    };
    Ok(SessionMeta {
        schema_version: record.whole("schema_version")?,
        documents,
        current: record.whole("current")?,
        next_span_id: record.whole("next_span_id")?,
        unsaved_changes: record.whole("unsaved_changes")?,
        scroll_y,
        schema: record.get("schema").cloned(),
    })
}

/// A document's spans-and-history record.
pub fn document(value: &Value) -> Result<StoredDocument, String> {
    let record = Record::of(value, "the document record".to_owned())?;
    let meta = match record.get("meta") {
        None => StoredMetadata::default(),
        Some(meta) => {
            let meta = Record::of(meta, "its \"meta\"".to_owned())?;
            StoredMetadata {
                source: meta.optional_text("source")?,
                date: meta.optional_text("date")?,
                annotator: meta.optional_text("annotator")?,
                extra_json: meta.optional_text("extra_json")?,
            }
        }
    };
    let spans = record.list("spans")?.iter().enumerate().map(|(i, s)| span(s, format!("span {}", i + 1))).collect::<Result<_, _>>()?;
    let stamps = record
        .optional_list("stamps")?
        .iter()
        .map(|stamp| match triple(stamp) {
            Some([Value::Number(id), Value::Number(created), Value::Number(updated)]) => {
                id.as_u64().zip(created.as_u64()).zip(updated.as_u64())
            }
            _ => None,
        })
        .map(|stamp| {
            stamp
                .map(|((id, created), updated)| (id, created, updated))
                .ok_or_else(|| "a stamp is not [span id, created, updated]".to_owned())
        })
        .collect::<Result<_, _>>()?;
    let rejected = record
        .optional_list("rejected")?
        .iter()
        .map(|rejected| match triple(rejected) {
            Some([Value::Number(start), Value::Number(end), Value::String(label)]) => {
                Some((start.as_u64().and_then(to_usize)?, end.as_u64().and_then(to_usize)?, label.clone()))
            }
            _ => None,
        })
        .map(|rejected| rejected.ok_or_else(|| "a rejected suggestion is not [start, end, label]".to_owned()))
        .collect::<Result<_, _>>()?;
    Ok(StoredDocument {
        id: record.text("id")?,
        status: record.optional_text("status")?.unwrap_or_default(),
        meta,
        spans,
        stamps,
        rejected,
        undo: history(record.list("undo")?, "undo")?,
        redo: history(record.list("redo")?, "redo")?,
        revision: if record.get("revision").is_some() { record.whole("revision")? } else { 0 },
    })
}

/// One stored undo step: `{"edit": "insert", "span": {…}}` and so on.
pub fn edit(value: &Value, what: String) -> Result<StoredEdit, String> {
    let record = Record::of(value, what)?;
    let kind = record.text("edit")?;
    let span = || span(record.get("span").ok_or_else(|| record.missing("span"))?, format!("the span of {}", record.what));
    Ok(match kind.as_str() {
        "insert" => StoredEdit::Insert { span: span()? },
        "remove" => StoredEdit::Remove { span: span()? },
        "relabel" => StoredEdit::Relabel { id: record.whole("id")?, to: record.text("to")? },
        "set_value" => StoredEdit::SetValue { id: record.whole("id")?, value: record.optional_text("value")? },
        other => return Err(format!("{} is a \"{other}\" edit, which is not insert, remove, relabel or set_value", record.what)),
    })
}

fn span(value: &Value, what: String) -> Result<StoredSpan, String> {
    let record = Record::of(value, what)?;
    Ok(StoredSpan {
        id: record.whole("id")?,
        start: record.whole("start")?,
        end: record.whole("end")?,
        label: record.text("label")?,
        value: record.optional_text("value")?,
    })
}

/// An undo or redo stack: a list of steps, each a list of edits.
fn history(steps: &[Value], stack: &str) -> Result<Vec<Vec<StoredEdit>>, String> {
    steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let edits = step.as_array().ok_or_else(|| format!("{stack} step {} is not a list of edits", i + 1))?;
            edits.iter().enumerate().map(|(j, e)| edit(e, format!("edit {} of {stack} step {}", j + 1, i + 1))).collect()
        })
        .collect()
}

/// The three items of a three-item list.
fn triple(value: &Value) -> Option<&[Value; 3]> {
    value.as_array()?.as_slice().try_into().ok()
}

fn to_usize(n: u64) -> Option<usize> {
    usize::try_from(n).ok()
}
