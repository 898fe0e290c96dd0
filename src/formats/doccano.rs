//! doccano's JSON Lines for sequence labelling, one document per line:
//!
//! ```text
//! {"id":"a7","text":"Kao Kim Hourn ke Bali","label":[[0,13,"ACTOR"],[17,21,"LOCATION"]]}
//! ```
//! doccano's page takes offsets from the DOM, so a project made with its
//! defaults counts them in UTF-16 code units, and a project in *grapheme
//! mode* in grapheme clusters; its server stores and exports them as drawn.
//! Its API and Python scripts count code points. Every file here is written
//! and read in one [`OffsetUnit`] the caller chooses, converted through
//! [`crate::model::offsets::UnitMap`]. doccano keeps no title, metadata,
//! status or values, and replaces each document's id with its own number:
//! an imported document's title is its first non-blank line. Import is
//! [`super::jsonl::import`], which reads this shape and the other JSON
//! Lines shapes annotators write.

use serde::Serialize;

use super::corpus::{Corpus, CorpusDocument};
use crate::model::offsets::{slice_chars, OffsetUnit, UnitMap};

pub use super::jsonl::import;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
}

/// The corpus as doccano JSON Lines counting in `unit`, and a note for each
/// span the unit cannot hold as it is (an edge inside a grapheme cluster:
/// the span is widened to whole clusters).
pub fn export(corpus: &Corpus, unit: OffsetUnit) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let out = corpus.documents.iter().map(|doc| export_line(doc, unit, &mut notes)).collect();
    (out, notes)
}

/// One document's line, with its line break; notes go to `notes`.
pub fn export_line(doc: &CorpusDocument, unit: OffsetUnit, notes: &mut Vec<String>) -> String {
    let map = UnitMap::new(&doc.text, unit);
    let label = doc
        .spans
        .iter()
        .map(|span| {
            let (start, end) = (map.round_down(span.start), map.round_up(span.end));
            if map.from_char(span.start) != Ok(start) || map.from_char(span.end) != Ok(end) {
                let text = slice_chars(&doc.text, span.start, span.end).unwrap_or_default();
                notes.push(format!(
                    "doc {:?}: {} {}..{} {text:?}: an edge falls inside a grapheme cluster: exported as the whole cluster",
                    doc.id, span.label, span.start, span.end
                ));
            }
            (start, end, span.label.as_str())
        })
        .collect();
    let mut out = serde_json::to_string(&Line { id: &doc.id, text: &doc.text, label }).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::CorpusSpan;

    #[test]
    fn each_unit_counts_the_same_spans_its_own_way() {
        let text = "Laporan 😀 dari Jakarta\r\n🇮🇩 Bali".to_owned();
        let doc = CorpusDocument {
            id: "d".into(),
            spans: vec![CorpusSpan::new(15, 22, "LOCATION"), CorpusSpan::new(27, 31, "LOCATION")],
            text,
            ..CorpusDocument::default()
        };
        let line = |unit| {
            let mut notes = Vec::new();
            let line = export_line(&doc, unit, &mut notes);
            assert!(notes.is_empty(), "{notes:?}");
            line
        };
        assert!(line(OffsetUnit::Utf16).contains(r#""label":[[16,23,"LOCATION"],[30,34,"LOCATION"]]"#));
        assert!(line(OffsetUnit::Grapheme).contains(r#""label":[[15,22,"LOCATION"],[25,29,"LOCATION"]]"#));
        assert!(line(OffsetUnit::CodePoint).contains(r#""label":[[15,22,"LOCATION"],[27,31,"LOCATION"]]"#));
    }

    #[test]
    fn a_span_inside_a_cluster_is_widened_with_a_note() {
        // "e" + combining acute: one cluster of two code points; the span stops between them.
        let doc = CorpusDocument {
            id: "d".into(),
            spans: vec![CorpusSpan::new(0, 4, "ACTOR")],
            text: "Jose\u{301} Ramírez".into(),
            ..CorpusDocument::default()
        };
        let mut notes = Vec::new();
        let line = export_line(&doc, OffsetUnit::Grapheme, &mut notes);
        assert!(line.contains(r#""label":[[0,4,"ACTOR"]]"#), "{line}");
        assert_eq!(notes, [r#"doc "d": ACTOR 0..4 "Jose": an edge falls inside a grapheme cluster: exported as the whole cluster"#]);
    }
}
