//! Edits: the smallest changes to a document's spans. Applying an edit
//! returns its inverse, which is what the undo history stores.

use std::rc::Rc;

use super::annotations::Annotations;
use super::error::ModelError;
use super::label::Label;
use super::span::{Span, SpanId};

/// One change to a document's spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(Span),
    Remove(Span),
    Relabel {
        id: SpanId,
        to: Label,
    },
    /// Give a span a normalised value (JSON text), or take it away.
    SetValue {
        id: SpanId,
        value: Option<Rc<str>>,
    },
}

impl Edit {
    /// Applies the edit to `annotations` over `text` and returns the edit
    /// that undoes it. On error `annotations` is unchanged.
    pub fn apply(self, annotations: &mut Annotations, text: &str) -> Result<Edit, ModelError> {
        match self {
            Edit::Insert(span) => {
                annotations.insert(span.clone(), text)?;
                Ok(Edit::Remove(span))
            }
            Edit::Remove(span) => {
                let removed = annotations.remove(span.id())?;
                Ok(Edit::Insert(removed))
            }
            Edit::Relabel { id, to } => {
                let old = annotations.get(id).ok_or(ModelError::UnknownSpan(id.0))?.clone();
                let mut changed = annotations.clone();
                changed.remove(id)?;
                changed.insert(old.with_label(to), text)?;
                *annotations = changed;
                Ok(Edit::Relabel { id, to: old.label().clone() })
            }
            Edit::SetValue { id, value } => {
                let old = annotations.get(id).ok_or(ModelError::UnknownSpan(id.0))?.clone();
                annotations.replace(old.with_value(value))?;
                Ok(Edit::SetValue { id, value: old.value().cloned() })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_edit_followed_by_its_inverse_is_the_identity() {
        let text = "Kao Kim Hourn di Nusa Dua Bali";
        let mut annotations = Annotations::default();
        let base = Span::new(SpanId(1), 0, 13, Label::new("ACTOR")).unwrap();
        annotations.insert(base.clone(), text).unwrap();
        let before = annotations.clone();
        let edits = [
            Edit::Insert(Span::new(SpanId(2), 17, 30, Label::new("LOCATION")).unwrap()),
            Edit::Remove(base),
            Edit::Relabel { id: SpanId(1), to: Label::new("LOCATION") },
            Edit::SetValue { id: SpanId(1), value: Some(Rc::from("20")) },
        ];
        for edit in edits {
            let inverse = edit.apply(&mut annotations, text).unwrap();
            assert_ne!(annotations, before);
            inverse.apply(&mut annotations, text).unwrap();
            assert_eq!(annotations, before);
        }
    }

    #[test]
    fn relabel_onto_an_existing_span_is_refused_unchanged() {
        let text = "ASEAN";
        let mut annotations = Annotations::default();
        annotations.insert(Span::new(SpanId(1), 0, 5, Label::new("ACTOR")).unwrap(), text).unwrap();
        annotations.insert(Span::new(SpanId(2), 0, 5, Label::new("LOCATION")).unwrap(), text).unwrap();
        let before = annotations.clone();
        let err = Edit::Relabel { id: SpanId(1), to: Label::new("LOCATION") }.apply(&mut annotations, text);
        assert!(matches!(err, Err(ModelError::DuplicateSpan { .. })));
        assert_eq!(annotations, before);
    }
}
