//! A span: a labelled, half-open range of char offsets in one document.

use std::rc::Rc;

use super::error::ModelError;
use super::label::Label;

/// A stable span identifier: a counter, never a position in a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SpanId(pub u64);

/// A labelled range `start..end` of char offsets.
///
/// Invariant: `start < end`.
///
/// ```text
/// "The cat sat"  start=4 end=7 -> "cat"
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    id: SpanId,
    start: usize,
    end: usize,
    label: Label,
    value: Option<Rc<str>>,
}

impl Span {
    /// Makes a span, refusing an empty or reversed range.
    pub fn new(id: SpanId, start: usize, end: usize, label: Label) -> Result<Self, ModelError> {
        if start >= end {
            return Err(ModelError::EmptyRange { start, end });
        }
        Ok(Span { id, start, end, label, value: None })
    }

    /// The same span carrying a normalised value, as JSON text (`20`,
    /// `{"min":10,"max":99}`), or none.
    pub fn with_value(&self, value: Option<Rc<str>>) -> Self {
        Span { value, ..self.clone() }
    }

    /// The span's normalised value as JSON text, e.g. a victim count.
    pub fn value(&self) -> Option<&Rc<str>> {
        self.value.as_ref()
    }

    pub fn id(&self) -> SpanId {
        self.id
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn label(&self) -> &Label {
        &self.label
    }

    /// The same span under another label.
    pub fn with_label(&self, label: Label) -> Self {
        Span { label, ..self.clone() }
    }

    /// Whether `pos` lies inside the span.
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }

    /// The order spans are kept and exported in: `(start, end, label, id)`.
    pub(crate) fn order_key(&self) -> (usize, usize, &Label, SpanId) {
        (self.start, self.end, &self.label, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_refuses_empty_and_reversed_ranges() {
        let actor = Label::new("ACTOR");
        assert!(Span::new(SpanId(1), 3, 3, actor.clone()).is_err());
        assert!(Span::new(SpanId(1), 4, 3, actor.clone()).is_err());
        let span = Span::new(SpanId(1), 3, 4, actor).unwrap();
        assert!(span.contains(3) && !span.contains(4));
    }
}
