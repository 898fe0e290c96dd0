//! doccano's JSON Lines for sequence labelling, one document per line:
//!
//! ```text
//! {"id":"a7","text":"Kao Kim Hourn ke Bali","label":[[0,13,"ACTOR"],[17,21,"LOCATION"]]}
//! ```
//! Offsets are code points, end exclusive. doccano keeps no title, metadata,
//! status or values: an imported document's title is its first non-blank
//! line. Import is [`super::jsonl::import`], which reads this shape and the
//! other JSON Lines shapes annotators write.

use serde::Serialize;

use super::corpus::Corpus;

pub use super::jsonl::import;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
}

/// The corpus as doccano JSON Lines.
pub fn export(corpus: &Corpus) -> String {
    let mut out = String::new();
    for doc in &corpus.documents {
        let label = doc.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
        out.push_str(&serde_json::to_string(&Line { id: &doc.id, text: &doc.text, label }).unwrap_or_default());
        out.push('\n');
    }
    out
}
