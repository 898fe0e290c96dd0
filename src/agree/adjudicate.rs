//! Adjudication: how two annotators' spans on one text differ, and one
//! document made from them by a person's decision on each difference.
//!
//! Spans are paired in this order, each span in at most one pair:
//! 1. **agreement**: same start, end and label;
//! 2. [`DisagreementKind::LabelMismatch`]: same start and end, other label;
//! 3. [`DisagreementKind::BoundaryMismatch`]: same label, overlapping
//!    ranges, largest overlap first (the overlap rule of [`super::spans`]);
//! 4. what is left is [`DisagreementKind::Missing`] (only A has it) or
//!    [`DisagreementKind::Extra`] (only B has it).
//!
//! The adjudicated document records where each span came from in its
//! metadata, so the provenance survives any Sorot JSON or JSONL export:
//!
//! ```text
//! meta.adjudication       [{"start": 0, "end": 13, "label": "ACTOR", "source": "both"}, ...]  one per span, in span order
//! meta.adjudicated_from   {"A": "alice", "B": "bob"}                                           the two annotators
//! ```

use std::fmt;

use serde::Serialize;
use serde_json::{json, Value};

use super::spans::{match_spans, Matching};
use crate::formats::{CorpusDocument, CorpusSpan, Status};
use crate::sort::{sort_by, sort_by_key};

/// How one of A's spans and one of B's (or one alone) differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DisagreementKind {
    /// A has the span and B has nothing like it.
    Missing,
    /// B has the span and A has nothing like it.
    Extra,
    /// Same label, overlapping ranges, different starts or ends.
    BoundaryMismatch,
    /// Same range, different labels.
    LabelMismatch,
}

/// One difference: the spans involved, as indices into A's and B's span
/// lists.
///
/// ```text
/// A: [Kao Kim]ACTOR Hourn   B: [Kao Kim Hourn]ACTOR  ->  BoundaryMismatch a=Some(0) b=Some(0)
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub kind: DisagreementKind,
    /// `None` for [`DisagreementKind::Extra`].
    pub a: Option<usize>,
    /// `None` for [`DisagreementKind::Missing`].
    pub b: Option<usize>,
}

/// What the adjudicator decided for one disagreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Decision {
    /// Keep A's span (nothing, for an [`DisagreementKind::Extra`]).
    AcceptA,
    /// Keep B's span (nothing, for a [`DisagreementKind::Missing`]).
    AcceptB,
    /// Keep every span involved.
    Both,
    /// Keep none of them.
    Neither,
}

/// Where a span of the adjudicated document came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Source {
    #[serde(rename = "A")]
    A,
    #[serde(rename = "B")]
    B,
    /// Both annotators had it: an agreement.
    #[serde(rename = "both")]
    Both,
}

impl Source {
    /// The name written in `meta.adjudication`: `"A"`, `"B"` or `"both"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::A => "A",
            Source::B => "B",
            Source::Both => "both",
        }
    }
}

/// An adjudicated document and where each of its spans came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Adjudication {
    /// A's document with the kept spans, `annotator: "adjudicated"`, status
    /// done, and the provenance in `meta.adjudication`.
    pub document: CorpusDocument,
    /// `sources[i]` is where `document.spans[i]` came from.
    pub sources: Vec<Source>,
}

/// Why two documents could not be adjudicated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdjudicationError {
    /// The documents' texts differ, so their offsets mean different things.
    DifferentTexts { a: String, b: String },
    /// Each disagreement needs one decision, in the order of [`disagreements`].
    DecisionCount { disagreements: usize, decisions: usize },
}

impl fmt::Display for AdjudicationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdjudicationError::DifferentTexts { a, b } => {
                write!(f, "documents {a:?} and {b:?} have different texts; only two annotations of the same text can be adjudicated")
            }
            AdjudicationError::DecisionCount { disagreements, decisions } => {
                write!(f, "{disagreements} disagreements but {decisions} decisions; decide each disagreement once, in order")
            }
        }
    }
}

impl std::error::Error for AdjudicationError {}

/// The spans both annotators have, as `(index in a, index in b)`.
pub fn agreements(a: &[CorpusSpan], b: &[CorpusSpan]) -> Vec<(usize, usize)> {
    match_spans(a, b, Matching::Exact)
}

/// Marks the spans of `pairs` as paired.
fn take(pairs: &[(usize, usize)], a_left: &mut [bool], b_left: &mut [bool]) {
    for &(i, j) in pairs {
        a_left[i] = false;
        b_left[j] = false;
    }
}

/// Every difference between A's and B's spans on one text, ordered by
/// where they start (then end); agreements are left out.
pub fn disagreements(a: &[CorpusSpan], b: &[CorpusSpan]) -> Vec<Disagreement> {
    let mut a_left: Vec<bool> = vec![true; a.len()];
    let mut b_left: Vec<bool> = vec![true; b.len()];
    take(&agreements(a, b), &mut a_left, &mut b_left);
    let mut found = Vec::new();

    // Same range, other label: pair them in span order.
    let left = |spans: &[CorpusSpan], keep: &[bool]| -> Vec<usize> { (0..spans.len()).filter(|&i| keep[i]).collect() };
    let mut relabels = Vec::new();
    let mut b_free = left(b, &b_left);
    for i in left(a, &a_left) {
        if let Some(at) = b_free.iter().position(|&j| (b[j].start, b[j].end) == (a[i].start, a[i].end)) {
            relabels.push((i, b_free.remove(at)));
        }
    }
    take(&relabels, &mut a_left, &mut b_left);
    found.extend(relabels.iter().map(|&(i, j)| Disagreement { kind: DisagreementKind::LabelMismatch, a: Some(i), b: Some(j) }));

    // Same label, overlapping: the overlap rule on what is left.
    let (a_rest, b_rest) = (left(a, &a_left), left(b, &b_left));
    let a_spans: Vec<CorpusSpan> = a_rest.iter().map(|&i| a[i].clone()).collect();
    let b_spans: Vec<CorpusSpan> = b_rest.iter().map(|&j| b[j].clone()).collect();
    let shifts: Vec<(usize, usize)> =
        match_spans(&a_spans, &b_spans, Matching::Overlap).into_iter().map(|(i, j)| (a_rest[i], b_rest[j])).collect();
    take(&shifts, &mut a_left, &mut b_left);
    found.extend(shifts.iter().map(|&(i, j)| Disagreement { kind: DisagreementKind::BoundaryMismatch, a: Some(i), b: Some(j) }));

    found.extend(left(a, &a_left).into_iter().map(|i| Disagreement { kind: DisagreementKind::Missing, a: Some(i), b: None }));
    found.extend(left(b, &b_left).into_iter().map(|j| Disagreement { kind: DisagreementKind::Extra, a: None, b: Some(j) }));
    let position = |d: &Disagreement| {
        let spans = d.a.map(|i| &a[i]).into_iter().chain(d.b.map(|j| &b[j]));
        spans.map(|s| (s.start, s.end)).min().unwrap_or_default()
    };
    sort_by_key(&mut found, |d| (position(d), d.a, d.b));
    found
}

/// The document A and B agree on plus, for each of [`disagreements`]`(a, b)`
/// in order, the spans `decisions` keeps. Spans come out sorted by
/// `(start, end, label)`; a span kept from both sides is kept once, as
/// [`Source::Both`], with A's value.
pub fn adjudicate(doc_a: &CorpusDocument, doc_b: &CorpusDocument, decisions: &[Decision]) -> Result<Adjudication, AdjudicationError> {
    if doc_a.text != doc_b.text {
        return Err(AdjudicationError::DifferentTexts { a: doc_a.id.clone(), b: doc_b.id.clone() });
    }
    let (a, b) = (&doc_a.spans, &doc_b.spans);
    let found = disagreements(a, b);
    if found.len() != decisions.len() {
        return Err(AdjudicationError::DecisionCount { disagreements: found.len(), decisions: decisions.len() });
    }
    let mut kept: Vec<(CorpusSpan, Source)> = agreements(a, b).into_iter().map(|(i, _)| (a[i].clone(), Source::Both)).collect();
    for (disagreement, decision) in found.iter().zip(decisions) {
        let (take_a, take_b) = match decision {
            Decision::AcceptA => (true, false),
            Decision::AcceptB => (false, true),
            Decision::Both => (true, true),
            Decision::Neither => (false, false),
        };
        if let Some(i) = disagreement.a.filter(|_| take_a) {
            kept.push((a[i].clone(), Source::A));
        }
        if let Some(j) = disagreement.b.filter(|_| take_b) {
            kept.push((b[j].clone(), Source::B));
        }
    }
    sort_by(&mut kept, |(x, _), (y, _)| (x.start, x.end, &x.label).cmp(&(y.start, y.end, &y.label)));
    kept.dedup_by(|later, earlier| {
        let same = (later.0.start, later.0.end, &later.0.label) == (earlier.0.start, earlier.0.end, &earlier.0.label);
        if same && later.1 != earlier.1 {
            earlier.1 = Source::Both;
        }
        same
    });
    let provenance: Vec<Value> =
        kept.iter().map(|(s, source)| json!({"start": s.start, "end": s.end, "label": s.label, "source": source.as_str()})).collect();
    let mut document = doc_a.clone();
    document.meta.extra.insert("adjudication".to_owned(), Value::Array(provenance));
    document.meta.extra.insert("adjudicated_from".to_owned(), json!({"A": doc_a.annotator, "B": doc_b.annotator}));
    document.annotator = Some("adjudicated".to_owned());
    document.status = Status::Done;
    let (spans, sources) = kept.into_iter().unzip();
    document.spans = spans;
    Ok(Adjudication { document, sources })
}

#[cfg(test)]
mod tests {
    use super::*;
    use DisagreementKind::*;

    fn spans(list: &[(usize, usize, &str)]) -> Vec<CorpusSpan> {
        list.iter().map(|&(s, e, l)| CorpusSpan::new(s, e, l)).collect()
    }

    fn doc(annotator: &str, list: &[(usize, usize, &str)]) -> CorpusDocument {
        CorpusDocument {
            id: "a7".into(),
            text: "💩 Kao Kim Hourn ke Bali, 20 WNI".into(),
            annotator: Some(annotator.into()),
            spans: spans(list),
            ..CorpusDocument::default()
        }
    }

    fn kinds(found: &[Disagreement]) -> Vec<(DisagreementKind, Option<usize>, Option<usize>)> {
        found.iter().map(|d| (d.kind, d.a, d.b)).collect()
    }

    #[test]
    fn each_kind_is_found_in_text_order() {
        let a = spans(&[(2, 9, "ACTOR"), (19, 23, "LOCATION"), (25, 31, "VICTIM_COUNT"), (30, 31, "ACTOR")]);
        let b = spans(&[(2, 15, "ACTOR"), (19, 23, "ACTOR"), (25, 31, "VICTIM_COUNT"), (16, 18, "ACTOR")]);
        assert_eq!(agreements(&a, &b), [(2, 2)]);
        assert_eq!(
            kinds(&disagreements(&a, &b)),
            [(BoundaryMismatch, Some(0), Some(0)), (Extra, None, Some(3)), (LabelMismatch, Some(1), Some(1)), (Missing, Some(3), None)]
        );
        assert!(disagreements(&a, &a).is_empty());
    }

    #[test]
    fn decisions_pick_spans_and_record_where_they_came_from() {
        let a = doc("alice", &[(2, 9, "ACTOR"), (19, 23, "LOCATION"), (25, 31, "VICTIM_COUNT")]);
        let b = doc("bob", &[(2, 15, "ACTOR"), (19, 23, "ACTOR"), (25, 31, "VICTIM_COUNT"), (16, 18, "ACTOR")]);
        // Boundary: take B's; extra "ke": neither; label swap: A's.
        let result = adjudicate(&a, &b, &[Decision::AcceptB, Decision::Neither, Decision::AcceptA]).unwrap();
        let kept: Vec<_> = result.document.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
        assert_eq!(kept, [(2, 15, "ACTOR"), (19, 23, "LOCATION"), (25, 31, "VICTIM_COUNT")]);
        assert_eq!(result.sources, [Source::B, Source::A, Source::Both]);
        assert_eq!(result.document.annotator.as_deref(), Some("adjudicated"));
        assert_eq!(result.document.meta.extra["adjudication"][0], json!({"start": 2, "end": 15, "label": "ACTOR", "source": "B"}));
        assert_eq!(result.document.meta.extra["adjudicated_from"], json!({"A": "alice", "B": "bob"}));

        let both = adjudicate(&a, &b, &[Decision::Both; 3]).unwrap();
        assert_eq!(both.document.spans.len(), 6);
        assert_eq!(both.sources.iter().filter(|s| **s == Source::Both).count(), 1);
    }

    #[test]
    fn refuses_other_texts_and_missing_decisions() {
        let a = doc("alice", &[(2, 9, "ACTOR")]);
        let mut other = doc("bob", &[]);
        other.text.push('!');
        assert!(matches!(adjudicate(&a, &other, &[]), Err(AdjudicationError::DifferentTexts { .. })));
        let error = adjudicate(&a, &doc("bob", &[]), &[]).unwrap_err();
        assert_eq!(error, AdjudicationError::DecisionCount { disagreements: 1, decisions: 0 });
        assert!(error.to_string().contains("decide each disagreement once"));
        // Nothing to decide: the agreed document comes back as is.
        let same = adjudicate(&a, &a, &[]).unwrap();
        assert_eq!((same.document.spans, same.sources), (a.spans.clone(), vec![Source::Both]));
    }
}
