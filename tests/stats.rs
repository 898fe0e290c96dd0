//! Document and corpus statistics, and bar chart geometry, against numbers
//! worked out by hand. Span lengths are code points; percentiles are by
//! nearest rank (rank `ceil(p * n / 100)` of the sorted lengths).

use proptest::prelude::*;
use sorot::model::stats::{bar_chart, corpus_stats, document_stats, Bar, LengthSummary, Stats, BAR_GAP, LABEL_GUTTER};
use sorot::model::{AppState, Document, DocumentState, Label, Schema, Span, SpanId, Status};

/// A document with `(needle, label)` spans at each needle's first
/// occurrence; span ids start at `first_id`.
fn annotated(id: &str, text: &str, status: Status, first_id: u64, spans: &[(&str, &str)]) -> DocumentState {
    let mut doc = DocumentState::new(Document::new(id, text));
    doc.status = status;
    for (i, (needle, label)) in spans.iter().enumerate() {
        let byte_idx = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
        let start = text[..byte_idx].chars().count();
        let span = Span::new(SpanId(first_id + i as u64), start, start + needle.chars().count(), Label::new(label)).unwrap();
        doc.annotations.insert(span, text).unwrap();
    }
    doc
}

fn counts(items: &[(&str, usize)]) -> Vec<(String, usize)> {
    items.iter().map(|(name, n)| ((*name).to_owned(), *n)).collect()
}

fn statuses(todo: usize, in_progress: usize, done: usize, skipped: usize) -> Vec<(Status, usize)> {
    vec![(Status::Todo, todo), (Status::InProgress, in_progress), (Status::Done, done), (Status::Skipped, skipped)]
}

fn summary(min: usize, median: usize, p90: usize, max: usize) -> Option<LengthSummary> {
    Some(LengthSummary { min, median, p90, max })
}

/// Lengths 13 6 13 4 3 1 (the emoji is one code point): sorted 1 3 4 6 13 13.
fn first_document() -> DocumentState {
    annotated(
        "berita-1",
        "Berita 💩\nKao Kim Hourn bertemu 20 WNI di Nusa Dua Bali.",
        Status::Done,
        1,
        &[
            ("Kao Kim Hourn", "ACTOR"),
            ("20 WNI", "VICTIM_COUNT"),
            ("Nusa Dua Bali", "LOCATION"),
            ("Bali", "LOCATION"),
            ("WNI", "GROUP"),
            ("💩", "EMOJI"),
        ],
    )
}

#[test]
fn one_document_counts_labels_in_schema_order_then_unknown_by_name() {
    let stats = document_stats(&first_document(), &Schema::default());
    assert_eq!(
        stats,
        Stats {
            spans_per_label: counts(&[("ACTOR", 1), ("VICTIM_COUNT", 1), ("LOCATION", 2), ("POLICY_CALL", 0), ("EMOJI", 1), ("GROUP", 1)]),
            documents_by_status: statuses(0, 0, 1, 0),
            spans_per_document: counts(&[("Berita 💩", 6)]),
            // n = 6: median rank ceil(3) = 3 -> 4; p90 rank ceil(5.4) = 6 -> 13.
            span_length: summary(1, 4, 13, 13),
        }
    );
}

#[test]
fn corpus_adds_up_every_document_and_names_untitled_ones_by_id() {
    let second = annotated("berita-2", "Kedua\nASEAN bekerja", Status::InProgress, 7, &[("ASEAN", "ACTOR")]);
    let empty = DocumentState::new(Document::new("kosong", ""));
    let state = AppState::from_parts(vec![first_document(), second, empty], 0, 8, 0).unwrap();
    assert_eq!(
        corpus_stats(&state),
        Stats {
            spans_per_label: counts(&[("ACTOR", 2), ("VICTIM_COUNT", 1), ("LOCATION", 2), ("POLICY_CALL", 0), ("EMOJI", 1), ("GROUP", 1)]),
            documents_by_status: statuses(1, 1, 1, 0),
            spans_per_document: counts(&[("Berita 💩", 6), ("Kedua", 1), ("kosong", 0)]),
            // Sorted 1 3 4 5 6 13 13, n = 7: median rank ceil(3.5) = 4 -> 5;
            // p90 rank ceil(6.3) = 7 -> 13.
            span_length: summary(1, 5, 13, 13),
        }
    );
}

#[test]
fn a_corpus_without_spans_has_zero_counts_and_no_lengths() {
    let state = AppState::with_document(Document::new("kosong", ""));
    assert_eq!(
        corpus_stats(&state),
        Stats {
            spans_per_label: counts(&[("ACTOR", 0), ("VICTIM_COUNT", 0), ("LOCATION", 0), ("POLICY_CALL", 0)]),
            documents_by_status: statuses(1, 0, 0, 0),
            spans_per_document: counts(&[("kosong", 0)]),
            span_length: None,
        }
    );
    assert_eq!(document_stats(state.current(), &Schema::default()).span_length, None);
}

#[test]
fn median_and_p90_are_nearest_rank() {
    // (span lengths, min, median, p90, max), each worked out by hand.
    let table: [(&[usize], usize, usize, usize, usize); 6] = [
        (&[7], 7, 7, 7, 7),
        // n = 2: median rank 1, p90 rank ceil(1.8) = 2.
        (&[2, 1], 1, 1, 2, 2),
        // n = 3, sorted 1 3 5: median rank ceil(1.5) = 2, p90 rank ceil(2.7) = 3.
        (&[5, 1, 3], 1, 3, 5, 5),
        // n = 10: median rank 5, p90 rank 9.
        (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, 5, 9, 10),
        // n = 11: median rank ceil(5.5) = 6, p90 rank ceil(9.9) = 10.
        (&[11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 1, 6, 10, 11),
        // n = 4 with ties: sorted 2 2 2 40: median rank 2, p90 rank ceil(3.6) = 4.
        (&[2, 40, 2, 2], 2, 2, 40, 40),
    ];
    for (lengths, min, median, p90, max) in table {
        let text = "x".repeat(100);
        let mut doc = DocumentState::new(Document::new("d", text.as_str()));
        for (i, length) in lengths.iter().enumerate() {
            let span = Span::new(SpanId(i as u64 + 1), i, i + length, Label::new("ACTOR")).unwrap();
            doc.annotations.insert(span, &text).unwrap();
        }
        let stats = document_stats(&doc, &Schema::default());
        assert_eq!(stats.span_length, summary(min, median, p90, max), "{lengths:?}");
        assert_eq!(stats.spans_per_label[0], ("ACTOR".to_owned(), lengths.len()));
    }
}

fn bars(items: &[(&str, usize, &str)]) -> Vec<(String, usize, String)> {
    items.iter().map(|(label, value, color)| ((*label).to_owned(), *value, (*color).to_owned())).collect()
}

fn bar(label: &str, value: usize, y: f64, width: f64, color: &str) -> Bar {
    Bar { label: label.to_owned(), value, x: 120.0, y, width, height: 10.0, color: color.to_owned() }
}

#[test]
fn bar_chart_scales_the_longest_bar_to_the_width_after_the_gutter() {
    assert_eq!((LABEL_GUTTER, BAR_GAP), (120, 4));
    // 420 px wide: 300 px of bar room; rows 10 px high, 14 px apart.
    let chart =
        bar_chart(&bars(&[("ACTOR", 4, "#1d4ed8"), ("LOCATION", 2, "#047857"), ("POLICY_CALL", 0, "#7e22ce"), ("X", 3, "red")]), 420, 10);
    assert_eq!(
        chart,
        [
            bar("ACTOR", 4, 0.0, 300.0, "#1d4ed8"),
            bar("LOCATION", 2, 14.0, 150.0, "#047857"),
            bar("POLICY_CALL", 0, 28.0, 0.0, "#7e22ce"),
            // Not #rrggbb: grey.
            bar("X", 3, 42.0, 225.0, "#57606a"),
        ]
    );
}

#[test]
fn bar_chart_degenerate_inputs_give_empty_or_zero_width_bars() {
    assert_eq!(bar_chart(&[], 420, 10), []);
    let zeros = bar_chart(&bars(&[("A", 0, "#000000"), ("B", 0, "#ffffff")]), 420, 10);
    assert!(zeros.iter().all(|b| b.width == 0.0), "{zeros:?}");
    // Narrower than the gutter: the bars have no room.
    let narrow = bar_chart(&bars(&[("A", 5, "#000000")]), 80, 10);
    assert_eq!((narrow[0].x, narrow[0].width), (80.0, 0.0));
    // Huge values and sizes stay finite.
    let huge = bar_chart(&bars(&[("A", usize::MAX, "#000000"), ("B", usize::MAX / 2, "#000000")]), u32::MAX, u32::MAX);
    assert!(huge.iter().all(|b| b.x.is_finite() && b.y.is_finite() && b.width.is_finite() && b.height.is_finite()));
    assert_eq!(huge[0].width, f64::from(u32::MAX - LABEL_GUTTER));
}

proptest! {
    #[test]
    fn counts_add_up_and_lengths_are_ordered_for_any_corpus(
        documents in prop::collection::vec(
            (0usize..4, prop::collection::vec((0usize..50, 1usize..30, 0usize..6), 0..10)),
            1..5,
        ),
    ) {
        let labels = ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL", "OTHER", "ZZZ"];
        let text = "💩 Kao Kim Hourn di Nusa Dua Bali\r\nASEAN e\u{301} ".repeat(3);
        let mut next_id = 1;
        let docs: Vec<DocumentState> = documents
            .into_iter()
            .enumerate()
            .map(|(d, (status, spans))| {
                let mut doc = DocumentState::new(Document::new(format!("d{d}"), text.as_str()));
                doc.status = Status::ALL[status];
                for (start, length, label) in spans {
                    let span = Span::new(SpanId(next_id), start, start + length, Label::new(labels[label])).unwrap();
                    next_id += 1;
                    let _ = doc.annotations.insert(span, &text);
                }
                doc
            })
            .collect();
        let total: usize = docs.iter().map(|d| d.annotations.len()).sum();
        let state = AppState::from_parts(docs.clone(), 0, next_id, 0).unwrap();
        let stats = corpus_stats(&state);
        prop_assert_eq!(stats.spans_per_label.iter().map(|(_, n)| n).sum::<usize>(), total);
        prop_assert_eq!(stats.spans_per_document.iter().map(|(_, n)| n).sum::<usize>(), total);
        prop_assert_eq!(stats.documents_by_status.iter().map(|(_, n)| n).sum::<usize>(), docs.len());
        let names: Vec<&str> = stats.spans_per_label.iter().map(|(name, _)| name.as_str()).collect();
        prop_assert_eq!(&names[..4], ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL"]);
        prop_assert!(names[4..].windows(2).all(|pair| pair[0] < pair[1]));
        match stats.span_length {
            Some(l) => prop_assert!(total > 0 && l.min <= l.median && l.median <= l.p90 && l.p90 <= l.max),
            None => prop_assert_eq!(total, 0),
        }
        let bars: Vec<(String, usize, String)> = stats.spans_per_label.iter().map(|(name, n)| (name.clone(), *n, "#1d4ed8".to_owned())).collect();
        let chart = bar_chart(&bars, 360, 12);
        prop_assert!(chart.iter().all(|b| b.width >= 0.0 && b.x + b.width <= 360.0 + 1e-9));
    }
}
