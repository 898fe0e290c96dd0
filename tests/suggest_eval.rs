//! The evaluation set in `tests/eval/` is sound (every gold span's offsets
//! slice to its text), and the engine does not fall below the figures it
//! reached on it (see `cargo run --release --example suggest_eval`).

#[path = "eval/score.rs"]
mod score;

use std::collections::HashSet;

use score::{evaluate, load, LABELS};

#[test]
fn gold_spans_slice_to_their_text_in_code_points() {
    let documents = load();
    assert!((5..=8).contains(&documents.len()));
    let ids: HashSet<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), documents.len(), "ids are unique");
    for document in &documents {
        let chars: Vec<char> = document.text.chars().collect();
        for span in &document.spans {
            assert!(span.start < span.end && span.end <= chars.len(), "{}: {span:?}", document.id);
            assert_eq!(chars[span.start..span.end].iter().collect::<String>(), span.text, "{}: {span:?}", document.id);
            assert_eq!(span.text.trim(), span.text, "{}: {span:?}", document.id);
            assert!(LABELS.contains(&span.label.as_str()), "{}: {span:?}", document.id);
        }
        let sorted = document.spans.windows(2).all(|w| (w[0].start, w[0].end, &w[0].label) < (w[1].start, w[1].end, &w[1].label));
        assert!(sorted, "{}: spans sorted by (start, end, label), no repeats", document.id);
    }
}

#[test]
fn every_label_keeps_its_f1_on_the_evaluation_set() {
    let documents = load();
    for label in LABELS {
        let (exact, overlap) = evaluate(&documents, Some(label));
        assert!(exact.f1() >= 0.9, "{label}: exact F1 {:.3} fell below 0.9", exact.f1());
        assert!(overlap.f1() >= 0.95, "{label}: overlap F1 {:.3} fell below 0.95", overlap.f1());
    }
}
