//! Suggestions, tag-all-occurrences and span values, as parts of the one
//! reducer: the shell's rules propose spans and hand them over in an
//! action; the annotator accepts (they become ordinary, undoable spans) or
//! rejects (they do not come back for that document). Counts and
//! occurrences are read through the session's [`super::Readers`]; the
//! model holds no language rules itself.

use std::rc::Rc;

use crate::model::edit::Edit;
use crate::model::history::Revision;
use crate::model::label::ValueKind;
use crate::model::{Label, ModelError, Span, SpanId, Status};

use super::{AppState, Notice, Outcome, WorkAction};

/// A suggested span, shown as a dashed outline until accepted or rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggested {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// The normalised value as JSON text, when the rule knows one.
    pub value: Option<Rc<str>>,
    /// The rule that proposed it, e.g. `"victim_count"`.
    pub rule: &'static str,
}

impl AppState {
    /// Shows `found` on the shown document, keeping what neither overlaps
    /// a span of the same label nor was rejected before, nor has a label
    /// the schema lacks.
    pub(super) fn offer_suggestions(&mut self, found: Vec<Suggested>) -> Result<Outcome, ModelError> {
        let doc = self.current();
        let found: Vec<Suggested> = found
            .into_iter()
            .filter(|s| self.work.schema.get(s.label.name()).is_some())
            // A place already tagged "Nusa Dua Bali" needs no "Bali" suggested inside it.
            .filter(|s| !doc.annotations.overlapping(s.start, s.end).any(|span| *span.label() == s.label))
            .filter(|s| !doc.rejected.iter().any(|(start, end, label)| (*start, *end, label) == (s.start, s.end, &s.label)))
            .collect();
        let count = found.len();
        Rc::make_mut(&mut self.work.documents[self.view.current]).suggestions = Rc::new(found);
        Ok(Outcome::changed(Some(format!("{count} suggestion{}", if count == 1 { "" } else { "s" }))))
    }

    /// The value a span of `label` holds when tagged on `text`: a count for
    /// a label whose value kind is count, read by the shell's rules.
    pub(super) fn read_value(&self, label: &Label, text: &str) -> Option<Rc<str>> {
        let kind = self.work.schema.get(label.name()).map(|def| def.value);
        (kind == Some(ValueKind::Count)).then(|| (self.session.readers.count)(text)).flatten()
    }

    /// Accepts the suggestions at `indices` (of the shown document's list)
    /// as spans, in one undoable step.
    pub(super) fn accept_suggestions(&mut self, indices: &[usize]) -> Result<Outcome, ModelError> {
        let doc = self.current();
        let chosen: Vec<Suggested> = indices.iter().filter_map(|&i| doc.suggestions.get(i).cloned()).collect();
        if chosen.is_empty() {
            return Err(ModelError::UnknownSuggestion);
        }
        let mut edits = Vec::new();
        for suggestion in &chosen {
            let span =
                Span::new(SpanId(self.work.next_span_id + edits.len() as u64), suggestion.start, suggestion.end, suggestion.label.clone())?;
            edits.push(Edit::Insert(span.with_value(suggestion.value.clone())));
        }
        self.record_all(edits)?;
        let text = self.current().document.text().clone();
        let always = Rc::make_mut(&mut self.work.always_tag);
        for suggestion in &chosen {
            let phrase = crate::model::offsets::slice_chars(&text, suggestion.start, suggestion.end).unwrap_or_default().to_owned();
            if !always.iter().any(|(p, l)| *p == phrase && *l == suggestion.label) {
                always.push((phrase, suggestion.label.clone()));
            }
        }
        let doc = Rc::make_mut(&mut self.work.documents[self.view.current]);
        let remaining: Vec<Suggested> = doc.suggestions.iter().filter(|s| !chosen.contains(s)).cloned().collect();
        doc.suggestions = Rc::new(remaining);
        let announcement = match chosen.as_slice() {
            [one] => format!("{}: {} accepted", one.label, self.current().document.slice(one.start, one.end).unwrap_or_default()),
            many => format!("{} suggestions accepted", many.len()),
        };
        Ok(Outcome::changed(Some(announcement)))
    }

    /// Rejects a suggestion: it does not come back for this document.
    pub(super) fn reject_suggestion(&mut self, index: usize) -> Result<Outcome, ModelError> {
        let doc = Rc::make_mut(&mut self.work.documents[self.view.current]);
        let Some(rejected) = doc.suggestions.get(index).cloned() else { return Err(ModelError::UnknownSuggestion) };
        Rc::make_mut(&mut doc.suggestions).remove(index);
        Rc::make_mut(&mut doc.rejected).push((rejected.start, rejected.end, rejected.label.clone()));
        self.session.unsaved_changes += 1;
        Ok(Outcome::changed(Some(format!("{} suggestion rejected", rejected.label))))
    }

    /// Counts the other occurrences of the selected span's text and offers
    /// to tag them all.
    pub(super) fn offer_tag_all(&mut self, all_documents: bool, case_sensitive: bool) -> Result<Outcome, ModelError> {
        let id = self.view.selected.ok_or(ModelError::NothingSelected)?;
        let span = self.current().annotations.get(id).ok_or(ModelError::UnknownSpan(id.0))?.clone();
        let needle = self.current().document.slice(span.start(), span.end()).unwrap_or_default().to_owned();
        let count: usize =
            self.occurrences(&needle, span.label(), all_documents, case_sensitive).iter().map(|(_, found)| found.len()).sum();
        let scope = if all_documents { "all open documents" } else { "this document" };
        if count == 0 {
            self.session.notice = Some(Notice::Problem(format!("No other untagged occurrence of \u{201c}{needle}\u{201d} in {scope}.")));
            return Ok(Outcome::changed(None));
        }
        self.session.notice = Some(Notice::Offer {
            message: format!(
                "Tag {count} more occurrence{} of \u{201c}{needle}\u{201d} as {} in {scope}?",
                if count == 1 { "" } else { "s" },
                span.label()
            ),
            accept: format!("Tag {count}"),
            action: Box::new(
                WorkAction::TagOccurrences { text: needle, label: span.label().clone(), all_documents, case_sensitive }.into(),
            ),
        });
        Ok(Outcome::changed(None))
    }

    /// Tags every untagged whole-word occurrence of `text`, one undoable
    /// step per document.
    pub(super) fn tag_occurrences(
        &mut self,
        text: &str,
        label: &Label,
        all_documents: bool,
        case_sensitive: bool,
    ) -> Result<Outcome, ModelError> {
        let found = self.occurrences(text, label, all_documents, case_sensitive);
        let mut total = 0;
        let shown = self.view.current;
        for (index, ranges) in found {
            let edits: Vec<Edit> = ranges
                .iter()
                .enumerate()
                .map(|(n, &(start, end))| {
                    let span = Span::new(SpanId(self.work.next_span_id + n as u64), start, end, label.clone())?;
                    let value = self.read_value(label, text);
                    Ok(Edit::Insert(span.with_value(value)))
                })
                .collect::<Result<_, ModelError>>()?;
            total += edits.len();
            self.view.current = index;
            let recorded = self.record_all(edits);
            self.view.current = shown;
            recorded?;
        }
        Ok(Outcome::changed(Some(format!("{total} occurrence{} of {text} tagged {label}", if total == 1 { "" } else { "s" }))))
    }

    /// Untagged whole-word occurrences of `text` per document index.
    fn occurrences(&self, text: &str, label: &Label, all_documents: bool, case_sensitive: bool) -> Vec<(usize, Vec<(usize, usize)>)> {
        self.work
            .documents
            .iter()
            .enumerate()
            .filter(|(index, _)| all_documents || *index == self.view.current)
            .map(|(index, doc)| {
                let ranges = (self.session.readers.occurrences)(doc.document.text(), text, case_sensitive)
                    .into_iter()
                    .filter(|&(start, end)| !doc.annotations.has_exact(start, end, label))
                    .collect::<Vec<_>>();
                (index, ranges)
            })
            .filter(|(_, ranges)| !ranges.is_empty())
            .collect()
    }

    /// Applies several edits to the shown document as one undoable step.
    pub(super) fn record_all(&mut self, edits: Vec<Edit>) -> Result<(), ModelError> {
        let count = edits.len() as u64;
        let doc = Rc::make_mut(&mut self.work.documents[self.view.current]);
        let text = doc.document.text().clone();
        let mut working = doc.annotations.clone();
        let mut inverses = Vec::with_capacity(edits.len());
        let mut stamps = doc.stamps.clone();
        for edit in edits {
            let inverse = edit.apply(&mut working, &text)?;
            stamp_edit(&mut stamps, &inverse, self.session.clock);
            inverses.push(inverse);
        }
        doc.stamps = stamps;
        doc.annotations = working;
        doc.history.record(Revision(inverses));
        if doc.status == Status::Todo {
            doc.status = Status::InProgress;
        }
        self.work.next_span_id += count;
        self.session.unsaved_changes += 1;
        Ok(())
    }
}

/// Stamps the span an applied edit touched (named by its inverse).
pub(super) fn stamp_edit(stamps: &mut Rc<std::collections::BTreeMap<SpanId, (u64, u64)>>, inverse: &Edit, now: u64) {
    super::work::stamp(stamps, &super::work::inverse_target(inverse), now);
}
