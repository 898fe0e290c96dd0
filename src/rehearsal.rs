//! A rehearsal of the edit path on a scratch copy of the state.
//!
//! The browser compiles WebAssembly one function at a time, on its first
//! call. Without a rehearsal, the first span an annotator makes after the
//! page loads compiles the reducer's tagging path (some forty functions:
//! refinement, grapheme and word bounds, the span list, the undo history),
//! and that work lands in the very frame the new span should appear in.
//! The shell runs [`rehearse_edits`] while the page is idle instead. It is
//! a browser concern, kept out of the model, but pure, so it is tested
//! natively.

use crate::model::WorkAction;
use crate::model::{AppState, Outcome};

/// Tags a few words at the start of the shown document, relabels the span,
/// undoes, redoes and removes it, on a copy of `state` that is then
/// dropped. Returns how many of those five steps changed the copy.
pub fn rehearse_edits(state: &AppState) -> usize {
    let labels = state.schema().labels();
    let (Some(first), Some(other)) = (labels.first(), labels.last()) else { return 0 };
    let Some(block) = state.current().document.blocks().iter().find(|block| block.end > block.start) else { return 0 };
    let mut scratch = state.clone();
    let changed = |outcome: Result<Outcome, _>| outcome.is_ok_and(|outcome| outcome.changed);
    let selection = Some((block.start, block.end.min(block.start + 16)));
    if !changed(scratch.apply(WorkAction::ApplyLabel { label: first.label.clone(), selection })) {
        return 0;
    }
    let Some(id) = scratch.selected() else { return 1 };
    let steps = [WorkAction::Relabel { id, label: other.label.clone() }, WorkAction::Undo, WorkAction::Redo, WorkAction::Untag(id)];
    1 + steps.into_iter().take_while(|step| changed(scratch.apply(step.clone()))).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::seed_document;

    #[test]
    fn the_rehearsal_runs_every_step_on_the_seed_article() {
        assert_eq!(rehearse_edits(&AppState::with_document(seed_document())), 5);
    }

    #[test]
    fn a_document_without_text_is_not_rehearsed() {
        let state = AppState::with_document(crate::model::Document::new("empty", ""));
        assert_eq!(rehearse_edits(&state), 0);
    }
}
