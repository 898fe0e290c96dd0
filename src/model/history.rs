//! Undo and redo as stored inverses, one revision per user action.
//!
//! Limitations: the history lives per document and in memory; it is not
//! trimmed, so a very long session keeps every revision.

use super::annotations::Annotations;
use super::edit::Edit;
use super::error::ModelError;

/// The edits that undo (or redo) one user action, applied last to first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision(pub Vec<Edit>);

/// A document's undo and redo stacks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    undo: Vec<Revision>,
    redo: Vec<Revision>,
}

impl History {
    /// A history with these stacks, oldest revision first (as stored).
    pub fn from_stacks(undo: Vec<Revision>, redo: Vec<Revision>) -> Self {
        History { undo, redo }
    }

    /// The undo and redo stacks, oldest revision first.
    pub fn stacks(&self) -> (&[Revision], &[Revision]) {
        (&self.undo, &self.redo)
    }

    /// Records the inverse of a new action; a new action clears redo.
    pub fn record(&mut self, inverse: Revision) {
        self.undo.push(inverse);
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last action; `Ok(false)` when there is nothing to undo.
    /// On error nothing changes: the revision stays on its stack.
    pub fn undo(&mut self, annotations: &mut Annotations, text: &str) -> Result<bool, ModelError> {
        let Some(revision) = self.undo.last() else { return Ok(false) };
        let redo = replay(revision.clone(), annotations, text)?;
        self.undo.pop();
        self.redo.push(redo);
        Ok(true)
    }

    /// Redoes the last undone action; `Ok(false)` when there is none.
    /// On error nothing changes: the revision stays on its stack.
    pub fn redo(&mut self, annotations: &mut Annotations, text: &str) -> Result<bool, ModelError> {
        let Some(revision) = self.redo.last() else { return Ok(false) };
        let undo = replay(revision.clone(), annotations, text)?;
        self.redo.pop();
        self.undo.push(undo);
        Ok(true)
    }
}

/// Applies a revision's edits last to first, all or nothing, and returns the
/// revision that reverses it.
pub fn replay(revision: Revision, annotations: &mut Annotations, text: &str) -> Result<Revision, ModelError> {
    let mut working = annotations.clone();
    let mut inverse = Vec::with_capacity(revision.0.len());
    for edit in revision.0.into_iter().rev() {
        inverse.push(edit.apply(&mut working, text)?);
    }
    *annotations = working;
    Ok(Revision(inverse))
}
