//! The spans of one document, kept sorted by `(start, end, label, id)`.
//!
//! Overlapping and nested spans are real data (a POLICY_CALL contains an
//! ACTOR) and are never merged; only an exact repeat — same range, same
//! label — is refused.

use std::collections::HashSet;
use std::rc::Rc;

use super::error::ModelError;
use super::label::Label;
use super::span::{Span, SpanId};
use crate::sort::sort_by;

/// The spans of one document, sorted, without exact duplicates.
///
/// Cloning is cheap: the list is shared until one clone changes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    spans: Rc<Vec<Span>>,
}

/// Up to this many spans added to an empty document have their ids
/// compared pairwise rather than through a hash set.
const FEW_SPANS: usize = 16;

impl Annotations {
    /// All spans in text order.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The span with this id, if it exists.
    pub fn get(&self, id: SpanId) -> Option<&Span> {
        self.spans.iter().find(|span| span.id() == id)
    }

    /// Whether a span with this exact range and label exists.
    pub fn has_exact(&self, start: usize, end: usize, label: &Label) -> bool {
        let key = (start, end, label);
        let at = self.spans.partition_point(|s| (s.start(), s.end(), s.label()) < key);
        self.spans.get(at).is_some_and(|s| (s.start(), s.end(), s.label()) == key)
    }

    /// Adds a span in its sorted place; refuses an exact repeat or a reused id.
    pub fn insert(&mut self, span: Span, text: &str) -> Result<(), ModelError> {
        if self.has_exact(span.start(), span.end(), span.label()) {
            return Err(duplicate(&span, text));
        }
        if self.get(span.id()).is_some() {
            return Err(ModelError::DuplicateId(span.id().0));
        }
        let spans = Rc::make_mut(&mut self.spans);
        let at = spans.partition_point(|s| s.order_key() < span.order_key());
        spans.insert(at, span);
        Ok(())
    }

    /// Adds many spans at once, as an import does: each is checked as
    /// [`Self::insert`] checks one, with one sort instead of a scan per span.
    /// Returns why each refused span was refused, in text order.
    pub fn insert_all(&mut self, mut new: Vec<Span>, text: &str) -> Vec<ModelError> {
        sort_by(&mut new, |a, b| a.order_key().cmp(&b.order_key()));
        let was_empty = self.spans.is_empty();
        // A document just opened has a few spans: comparing their ids pairwise
        // costs less than hashing them, once per document of a big corpus.
        let few = was_empty && new.len() <= FEW_SPANS;
        let mut ids: HashSet<SpanId> = if few { HashSet::new() } else { self.spans.iter().map(Span::id).collect() };
        let mut accepted: Vec<Span> = Vec::with_capacity(new.len());
        let mut problems = Vec::new();
        for span in new {
            let range_and_label = |s: &Span| (s.start(), s.end(), s.label().clone());
            let repeat = accepted.last().is_some_and(|last| range_and_label(last) == range_and_label(&span))
                || self.has_exact(span.start(), span.end(), span.label());
            let id_taken = if few { accepted.iter().any(|s| s.id() == span.id()) } else { !ids.insert(span.id()) };
            if repeat {
                problems.push(duplicate(&span, text));
            } else if id_taken {
                problems.push(ModelError::DuplicateId(span.id().0));
            } else {
                accepted.push(span);
            }
        }
        if was_empty {
            // Already in order.
            self.spans = Rc::new(accepted);
            return problems;
        }
        let spans = Rc::make_mut(&mut self.spans);
        spans.extend(accepted);
        // Two sorted runs: the stable sort merges them in linear time.
        sort_by(spans, |a, b| a.order_key().cmp(&b.order_key()));
        problems
    }

    /// Removes and returns the span with this id.
    pub fn remove(&mut self, id: SpanId) -> Result<Span, ModelError> {
        let at = self.spans.iter().position(|s| s.id() == id).ok_or(ModelError::UnknownSpan(id.0))?;
        Ok(Rc::make_mut(&mut self.spans).remove(at))
    }

    /// Replaces the span with the same id and range (e.g. a new value).
    pub fn replace(&mut self, span: Span) -> Result<Span, ModelError> {
        let at = self.spans.iter().position(|s| s.id() == span.id()).ok_or(ModelError::UnknownSpan(span.id().0))?;
        if (self.spans[at].start(), self.spans[at].end(), self.spans[at].label()) != (span.start(), span.end(), span.label()) {
            return Err(ModelError::UnknownSpan(span.id().0));
        }
        Ok(std::mem::replace(&mut Rc::make_mut(&mut self.spans)[at], span))
    }

    /// The spans that overlap `start..end`, in text order.
    pub fn overlapping(&self, start: usize, end: usize) -> impl Iterator<Item = &Span> {
        let before_end = self.spans.partition_point(|s| s.start() < end);
        self.spans[..before_end].iter().filter(move |s| s.end() > start)
    }

    /// How many spans carry `label`.
    pub fn count(&self, label: &Label) -> usize {
        self.spans.iter().filter(|s| s.label() == label).count()
    }
}

/// The problem with adding `span` again: its text is already tagged so.
fn duplicate(span: &Span, text: &str) -> ModelError {
    let text = super::offsets::slice_chars(text, span.start(), span.end()).unwrap_or_default();
    ModelError::DuplicateSpan { label: span.label().to_string(), text: text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: u64, start: usize, end: usize, label: &str) -> Span {
        Span::new(SpanId(id), start, end, Label::new(label)).unwrap()
    }

    #[test]
    fn keeps_spans_sorted_and_nested_spans_apart() {
        let text = "Kao Kim Hourn mengajak ASEAN bekerja";
        let mut annotations = Annotations::default();
        annotations.insert(span(1, 23, 28, "ACTOR"), text).unwrap();
        annotations.insert(span(2, 0, 36, "POLICY_CALL"), text).unwrap();
        annotations.insert(span(3, 0, 13, "ACTOR"), text).unwrap();
        annotations.insert(span(4, 0, 13, "LOCATION"), text).unwrap();
        let ids: Vec<_> = annotations.spans().iter().map(|s| s.id().0).collect();
        assert_eq!(ids, [3, 4, 2, 1]);
    }

    #[test]
    fn refuses_exact_duplicate_with_a_message_naming_the_text() {
        let text = "💩 ASEAN";
        let mut annotations = Annotations::default();
        annotations.insert(span(1, 2, 7, "ACTOR"), text).unwrap();
        let err = annotations.insert(span(2, 2, 7, "ACTOR"), text).unwrap_err();
        assert_eq!(err.to_string(), "\u{201c}ASEAN\u{201d} is already tagged ACTOR.");
        assert_eq!(annotations.len(), 1);
    }

    #[test]
    fn insert_all_keeps_order_and_refuses_repeats_and_reused_ids() {
        let text = "Kao Kim Hourn mengajak ASEAN 👨🏻\u{200d}🚒";
        let mut annotations = Annotations::default();
        annotations.insert(span(1, 23, 28, "ACTOR"), text).unwrap();
        let problems = annotations.insert_all(
            vec![
                span(2, 0, 36, "POLICY_CALL"),
                span(3, 23, 28, "ACTOR"),
                span(4, 0, 13, "ACTOR"),
                span(5, 0, 13, "ACTOR"),
                span(1, 29, 33, "ACTOR"),
            ],
            text,
        );
        let ids: Vec<_> = annotations.spans().iter().map(|s| s.id().0).collect();
        assert_eq!(ids, [4, 2, 1]);
        let problems: Vec<_> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "\u{201c}Kao Kim Hourn\u{201d} is already tagged ACTOR.",
                "\u{201c}ASEAN\u{201d} is already tagged ACTOR.",
                "Two spans share the id #1; ids must be unique."
            ]
        );
    }

    #[test]
    fn insert_all_into_an_empty_document_refuses_repeats_and_reused_ids_too() {
        let text = "Kao Kim Hourn mengajak ASEAN dan Bali dan Jawa";
        // A few spans (ids compared pairwise) and many (through a hash set).
        for extra in [0, FEW_SPANS] {
            let mut new = vec![span(3, 23, 28, "ACTOR"), span(4, 0, 13, "ACTOR"), span(5, 0, 13, "ACTOR"), span(3, 33, 37, "LOCATION")];
            new.extend((0..extra).map(|i| span(100 + i as u64, 42, 46, &format!("L{i:02}"))));
            let mut annotations = Annotations::default();
            let problems: Vec<_> = annotations.insert_all(new, text).iter().map(ToString::to_string).collect();
            let ids: Vec<_> = annotations.spans().iter().map(|s| s.id().0).take(2).collect();
            assert_eq!(ids, [4, 3], "{extra} extra spans");
            assert_eq!(annotations.spans().len(), 2 + extra);
            assert_eq!(
                problems,
                ["\u{201c}Kao Kim Hourn\u{201d} is already tagged ACTOR.", "Two spans share the id #3; ids must be unique."],
                "{extra} extra spans"
            );
        }
    }

    #[test]
    fn overlapping_finds_spans_crossing_the_window() {
        let text = "abcdefghij";
        let mut annotations = Annotations::default();
        annotations.insert(span(1, 0, 3, "ACTOR"), text).unwrap();
        annotations.insert(span(2, 2, 6, "ACTOR"), text).unwrap();
        annotations.insert(span(3, 6, 9, "ACTOR"), text).unwrap();
        let ids: Vec<_> = annotations.overlapping(3, 6).map(|s| s.id().0).collect();
        assert_eq!(ids, [2]);
        assert_eq!(annotations.remove(SpanId(2)).unwrap().start(), 2);
        assert!(annotations.remove(SpanId(2)).is_err());
    }
}
