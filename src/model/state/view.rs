//! The view: what this window shows — which document, the selected span or
//! suggestion, the caret, open panels and overlays, display toggles, the
//! theme. It never reaches a file.

use super::{AppState, Outcome, ViewAction};
use crate::model::caret::step;
use crate::model::{CaretUnit, ModelError, Span};

use crate::model::offsets::OffsetUnit;
use crate::model::{Caret, Precision, SpanId, Status};

/// What one window shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// The index of the shown document.
    pub(super) current: usize,
    pub(super) selected: Option<SpanId>,
    pub(super) selected_suggestion: Option<usize>,
    pub(super) caret: Option<Caret>,
    pub(super) precision: Precision,
    pub(super) show_invisibles: bool,
    pub(super) help_open: bool,
    pub(super) schema_editor_open: bool,
    pub(super) compare_open: bool,
    pub(super) status_filter: Option<Status>,
    pub(super) theme: Theme,
    /// The unit doccano files count offsets in, opening and exporting.
    pub(super) doccano_unit: OffsetUnit,
}

impl Default for View {
    fn default() -> Self {
        View {
            current: 0,
            selected: None,
            selected_suggestion: None,
            caret: None,
            precision: Precision::default(),
            show_invisibles: false,
            help_open: false,
            schema_editor_open: false,
            compare_open: false,
            status_filter: None,
            theme: Theme::System,
            doccano_unit: OffsetUnit::DOCCANO_DEFAULT,
        }
    }
}

/// The colour theme: the system's choice, or one the user picked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl AppState {
    /// Applies a change to what the window shows.
    pub(super) fn apply_view(&mut self, action: ViewAction) -> Result<Outcome, ModelError> {
        match action {
            ViewAction::Select(selected) => {
                if let Some(id) = selected {
                    self.current().annotations.get(id).ok_or(ModelError::UnknownSpan(id.0))?;
                }
                let changed = self.view.selected != selected;
                self.view.selected = selected;
                Ok(if changed { Outcome::changed(None) } else { Outcome::unchanged() })
            }
            ViewAction::SwitchDocument(index) => {
                if index >= self.work.documents.len() {
                    return Err(ModelError::UnknownDocument(index));
                }
                if index == self.view.current {
                    return Ok(Outcome::unchanged());
                }
                self.view.current = index;
                self.view.selected = None;
                self.view.caret = None;
                self.view.selected_suggestion = None;
                Ok(Outcome::changed(Some(format!("Showing {}", self.current().document.title()))))
            }
            ViewAction::StepDocument { forward } => {
                let count = self.work.documents.len();
                let passes = |i: usize| self.view.status_filter.is_none_or(|s| self.work.documents[i].status == s);
                let next = (1..count)
                    .map(|step| if forward { (self.view.current + step) % count } else { (self.view.current + count - step) % count })
                    .find(|&i| passes(i) && (if forward { i > self.view.current } else { i < self.view.current }));
                match next {
                    Some(index) => self.apply_view(ViewAction::SwitchDocument(index)),
                    None => Ok(Outcome::unchanged()),
                }
            }
            ViewAction::FilterStatus(filter) => Ok(self.replace(|state| &mut state.view.status_filter, filter)),
            ViewAction::SetPrecision(precision) => {
                let changed = self.view.precision != precision;
                self.view.precision = precision;
                Ok(if changed { Outcome::changed(None) } else { Outcome::unchanged() })
            }
            ViewAction::MoveCaret { unit, forward, extend } => Ok(self.move_caret(unit, forward, extend)),
            ViewAction::SetCaret(caret) => {
                let len = self.current().document.char_len();
                let caret = Caret { anchor: caret.anchor.min(len), head: caret.head.min(len), exact: caret.exact };
                Ok(self.replace(|state| &mut state.view.caret, Some(caret)))
            }
            ViewAction::SelectAdjacent { forward } => Ok(self.select_adjacent(forward)),
            ViewAction::ToggleInvisibles => {
                self.view.show_invisibles = !self.view.show_invisibles;
                let state = if self.view.show_invisibles { "shown" } else { "hidden" };
                Ok(Outcome::changed(Some(format!("Invisible characters {state}"))))
            }
            ViewAction::ShowHelp(open) => Ok(self.replace(|state| &mut state.view.help_open, open)),
            ViewAction::ShowSchemaEditor(open) => Ok(self.replace(|state| &mut state.view.schema_editor_open, open)),
            ViewAction::ShowCompare(open) => Ok(self.replace(|state| &mut state.view.compare_open, open)),
            ViewAction::SetTheme(theme) => Ok(self.replace(|state| &mut state.view.theme, theme)),
            ViewAction::SetDoccanoUnit(unit) => Ok(self.replace(|state| &mut state.view.doccano_unit, unit)),
            ViewAction::SelectSuggestion(index) => {
                if index.is_some_and(|i| i >= self.current().suggestions.len()) {
                    return Err(ModelError::UnknownSuggestion);
                }
                Ok(self.replace(|state| &mut state.view.selected_suggestion, index))
            }
        }
    }

    fn move_caret(&mut self, unit: CaretUnit, forward: bool, extend: bool) -> Outcome {
        let doc = &self.current().document;
        let start_of_text = doc.blocks().first().map_or(0, |b| b.start);
        let from = self.view.caret.unwrap_or_else(|| {
            let selected_end = self.view.selected.and_then(|id| self.current().annotations.get(id)).map(Span::end);
            Caret::at(selected_end.unwrap_or(start_of_text))
        });
        let head = step(doc.text(), from.head, unit, forward);
        let caret = if extend { Caret { head, ..from } } else { Caret::at(head) };
        self.replace(|state| &mut state.view.caret, Some(caret))
    }

    fn select_adjacent(&mut self, forward: bool) -> Outcome {
        let spans = self.current().annotations.spans();
        let position = self.view.selected.and_then(|id| spans.iter().position(|s| s.id() == id));
        let next = match (position, forward) {
            (Some(i), true) => spans.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| spans.get(i)),
            (None, true) => {
                let from = self.view.caret.map_or(0, |c| c.head);
                spans.iter().find(|s| s.start() >= from).or(spans.first())
            }
            (None, false) => {
                let from = self.view.caret.map_or(usize::MAX, |c| c.head);
                spans.iter().rev().find(|s| s.start() < from).or(spans.last())
            }
        };
        let Some(span) = next.cloned() else { return Outcome::unchanged() };
        let announcement = self.describe(&span, "selected");
        self.view.selected = Some(span.id());
        Outcome::changed(Some(announcement))
    }
}
