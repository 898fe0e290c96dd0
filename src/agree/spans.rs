//! Span-level agreement of two annotators on one text: which spans match,
//! and precision, recall and F1 of annotator B against annotator A.
//!
//! Two rules, both one-to-one (a span matches at most one span of the
//! other annotator):
//!
//! - **exact**: same start, same end, same label;
//! - **overlap**: same label and ranges sharing at least one code point.
//!   Exact matches are made first; then, of the remaining pairs, the one
//!   sharing the most code points is matched first (ties: the earlier A
//!   span, then the earlier B span), greedily, until no pair is left.
//!
//! ```text
//! A: [Kao Kim]ACTOR Hourn      B: Kao [Kim Hourn]ACTOR   exact 0/1, overlap 1/1
//! ```

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use crate::formats::CorpusSpan;
use crate::sort::{sort, sort_by_key};

/// How two spans must agree to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matching {
    /// Same start, end and label.
    Exact,
    /// Same label, ranges overlapping.
    Overlap,
}

/// The matched spans as `(index in a, index in b)`, sorted by A's index.
pub fn match_spans(a: &[CorpusSpan], b: &[CorpusSpan], matching: Matching) -> Vec<(usize, usize)> {
    let key = |s: &CorpusSpan| (s.start, s.end, s.label.clone());
    let mut a_order: Vec<usize> = (0..a.len()).collect();
    let mut b_order: Vec<usize> = (0..b.len()).collect();
    sort_by_key(&mut a_order, |&i| key(&a[i]));
    sort_by_key(&mut b_order, |&j| key(&b[j]));
    let mut pairs = Vec::new();
    let (mut p, mut q) = (0, 0);
    while let (Some(&i), Some(&j)) = (a_order.get(p), b_order.get(q)) {
        match key(&a[i]).cmp(&key(&b[j])) {
            std::cmp::Ordering::Less => p += 1,
            std::cmp::Ordering::Greater => q += 1,
            std::cmp::Ordering::Equal => {
                pairs.push((i, j));
                p += 1;
                q += 1;
            }
        }
    }
    if matching == Matching::Overlap {
        pairs.extend(overlap_pairs(a, b, &pairs));
    }
    sort(&mut pairs);
    pairs
}

/// The greedy overlap matching of the spans `taken` leaves.
fn overlap_pairs(a: &[CorpusSpan], b: &[CorpusSpan], taken: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut a_used = vec![false; a.len()];
    let mut b_used = vec![false; b.len()];
    for &(i, j) in taken {
        a_used[i] = true;
        b_used[j] = true;
    }
    let mut candidates = Vec::new();
    for (i, x) in a.iter().enumerate().filter(|(i, _)| !a_used[*i]) {
        for (j, y) in b.iter().enumerate().filter(|(j, _)| !b_used[*j]) {
            let shared = x.end.min(y.end).saturating_sub(x.start.max(y.start));
            if shared > 0 && x.label == y.label {
                candidates.push((Reverse(shared), x.start, x.end, y.start, y.end, i, j));
            }
        }
    }
    sort(&mut candidates);
    let mut pairs = Vec::new();
    for (.., i, j) in candidates {
        if !a_used[i] && !b_used[j] {
            a_used[i] = true;
            b_used[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

/// Span counts of two annotators and how many matched; precision, recall
/// and F1 treat A as the reference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpanScores {
    pub a_spans: usize,
    pub b_spans: usize,
    pub matched: usize,
}

impl SpanScores {
    /// `matched / b_spans`; `None` when B has no spans.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.matched, self.b_spans)
    }

    /// `matched / a_spans`; `None` when A has no spans.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.matched, self.a_spans)
    }

    /// `2·matched / (a_spans + b_spans)`, the same whichever annotator is
    /// the reference; `None` when neither has spans.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.matched, self.a_spans + self.b_spans)
    }

    /// Adds another text's counts.
    pub fn add(&mut self, other: SpanScores) {
        self.a_spans += other.a_spans;
        self.b_spans += other.b_spans;
        self.matched += other.matched;
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

impl Serialize for SpanScores {
    /// The counts and the three scores (`null` when undefined).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SpanScores", 6)?;
        s.serialize_field("a_spans", &self.a_spans)?;
        s.serialize_field("b_spans", &self.b_spans)?;
        s.serialize_field("matched", &self.matched)?;
        s.serialize_field("precision", &self.precision())?;
        s.serialize_field("recall", &self.recall())?;
        s.serialize_field("f1", &self.f1())?;
        s.end()
    }
}

/// Scores overall and per label.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LabelScores {
    pub overall: SpanScores,
    /// Every label either annotator used, by name.
    pub per_label: BTreeMap<String, SpanScores>,
}

impl LabelScores {
    /// The scores of one text's spans.
    pub fn of(a: &[CorpusSpan], b: &[CorpusSpan], matching: Matching) -> LabelScores {
        let mut scores = LabelScores::default();
        for span in a {
            scores.label(&span.label).a_spans += 1;
        }
        for span in b {
            scores.label(&span.label).b_spans += 1;
        }
        for (i, _) in match_spans(a, b, matching) {
            scores.label(&a[i].label).matched += 1;
        }
        scores.overall = scores.per_label.values().fold(SpanScores::default(), |mut sum, s| {
            sum.add(*s);
            sum
        });
        scores
    }

    /// Adds another text's scores.
    pub fn add(&mut self, other: &LabelScores) {
        self.overall.add(other.overall);
        for (label, scores) in &other.per_label {
            self.label(label).add(*scores);
        }
    }

    fn label(&mut self, label: &str) -> &mut SpanScores {
        self.per_label.entry(label.to_owned()).or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(list: &[(usize, usize, &str)]) -> Vec<CorpusSpan> {
        list.iter().map(|&(s, e, l)| CorpusSpan::new(s, e, l)).collect()
    }

    #[test]
    fn perfect_agreement_and_none_at_all() {
        let a = spans(&[(0, 3, "ACTOR"), (7, 11, "LOCATION")]);
        let scores = LabelScores::of(&a, &a, Matching::Exact);
        assert_eq!(scores.overall, SpanScores { a_spans: 2, b_spans: 2, matched: 2 });
        assert_eq!((scores.overall.precision(), scores.overall.recall(), scores.overall.f1()), (Some(1.0), Some(1.0), Some(1.0)));
        let disjoint = LabelScores::of(&a, &spans(&[(4, 6, "ACTOR")]), Matching::Overlap);
        assert_eq!(disjoint.overall.f1(), Some(0.0));
        assert_eq!(LabelScores::of(&[], &[], Matching::Exact).overall.f1(), None);
    }

    #[test]
    fn a_boundary_shift_matches_only_by_overlap() {
        let a = spans(&[(0, 7, "ACTOR"), (10, 14, "LOCATION")]);
        let b = spans(&[(4, 13, "ACTOR"), (10, 14, "LOCATION")]);
        let exact = LabelScores::of(&a, &b, Matching::Exact);
        assert_eq!(exact.per_label["ACTOR"].matched, 0);
        assert_eq!(exact.overall.f1(), Some(0.5));
        let overlap = LabelScores::of(&a, &b, Matching::Overlap);
        assert_eq!(overlap.overall.matched, 2);
    }

    #[test]
    fn a_label_swap_never_matches() {
        let a = spans(&[(0, 7, "ACTOR")]);
        let b = spans(&[(0, 7, "LOCATION")]);
        for matching in [Matching::Exact, Matching::Overlap] {
            let scores = LabelScores::of(&a, &b, matching);
            assert_eq!(scores.overall, SpanScores { a_spans: 1, b_spans: 1, matched: 0 });
            assert_eq!(scores.per_label["ACTOR"].recall(), Some(0.0));
            assert_eq!(scores.per_label["LOCATION"].precision(), Some(0.0));
        }
    }

    #[test]
    fn overlap_matching_is_one_to_one_largest_overlap_first() {
        // B's long span overlaps both of A's; it goes to the one it shares
        // more with, and A's other span stays unmatched.
        let a = spans(&[(0, 3, "X"), (4, 12, "X")]);
        let b = spans(&[(2, 10, "X")]);
        assert_eq!(match_spans(&a, &b, Matching::Overlap), [(1, 0)]);
        // An exact pair is matched before any larger overlap.
        let a = spans(&[(0, 4, "X"), (0, 10, "X")]);
        let b = spans(&[(0, 10, "X"), (2, 5, "X")]);
        assert_eq!(match_spans(&a, &b, Matching::Overlap), [(0, 1), (1, 0)]);
    }
}
