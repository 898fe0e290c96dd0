//! Editing the label schema: add, rename, recolour, reorder, rebind a key,
//! describe, remove — with guards, and undo. A rename relabels the spans of
//! every open document; removing a label deletes or relabels its spans. Each
//! schema change is undone as one step with [`WorkAction::UndoSchema`].

use std::rc::Rc;

use crate::model::edit::Edit;
use crate::model::history::{replay, Revision};
use crate::model::label::{parse_hex, ValueKind};
use crate::model::{Label, ModelError, Schema};

use super::{AppState, Outcome};

/// One change to the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaEdit {
    Add {
        name: String,
    },
    Rename {
        label: Label,
        to: String,
    },
    Recolor {
        label: Label,
        color: String,
    },
    SetKey {
        label: Label,
        key: char,
    },
    Describe {
        label: Label,
        description: String,
    },
    /// Say what the label's spans hold besides their text (a count).
    SetValueKind {
        label: Label,
        kind: ValueKind,
    },
    /// Move one place up (towards key 1) or down.
    Move {
        label: Label,
        up: bool,
    },
    /// Remove a label; its spans are deleted, or relabelled to `relabel_to`.
    Remove {
        label: Label,
        relabel_to: Option<Label>,
    },
}

/// What undoes a schema change: the schema before it, and per document
/// the revision that puts its spans back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaRevision {
    schema: Rc<Schema>,
    documents: Vec<(usize, Revision)>,
}

impl AppState {
    pub(super) fn edit_schema(&mut self, edit: SchemaEdit) -> Result<Outcome, ModelError> {
        let mut schema = (*self.work.schema).clone();
        let refuse = |why: String| Err(ModelError::Schema(why));
        let known =
            |schema: &Schema, label: &Label| schema.index_of(label.name()).ok_or_else(|| ModelError::UnknownLabel(label.name().to_owned()));
        // Which spans change with the schema: those of `label`, relabelled
        // (`Some`) or removed (`None`).
        let mut spans_of: Option<(Label, Option<Label>)> = None;
        let announcement = match &edit {
            SchemaEdit::Add { name } => {
                schema.add(name).map_err(ModelError::Schema)?;
                format!("Label {} added", name.trim())
            }
            SchemaEdit::Rename { label, to } => {
                let index = known(&schema, label)?;
                let to = to.trim();
                if to.is_empty() || to.chars().any(char::is_whitespace) {
                    return refuse("A label name needs at least one character and no spaces.".to_owned());
                }
                if schema.get(to).is_some() {
                    return refuse(format!("The schema already has a label {to}."));
                }
                let new = Label::new(to);
                schema.labels_mut()[index].label = new.clone();
                spans_of = Some((label.clone(), Some(new)));
                format!("{label} renamed {to}")
            }
            SchemaEdit::Recolor { label, color } => {
                let index = known(&schema, label)?;
                if parse_hex(color).is_none() {
                    return refuse(format!("\u{201c}{color}\u{201d} is not a colour like #1d4ed8."));
                }
                schema.labels_mut()[index].color = color.to_lowercase();
                format!("{label} recoloured")
            }
            SchemaEdit::SetKey { label, key } => {
                let index = known(&schema, label)?;
                if !Schema::is_label_key(*key) {
                    return refuse(format!("\u{201c}{key}\u{201d} cannot be a label key: use a digit or a letter other than A, S and X."));
                }
                if let Some(other) = schema.labels().iter().find(|def| def.key == *key && def.label != *label) {
                    return refuse(format!("Key {key} already applies {}.", other.label));
                }
                schema.labels_mut()[index].key = *key;
                format!("{label} now on key {key}")
            }
            SchemaEdit::SetValueKind { label, kind } => {
                let index = known(&schema, label)?;
                schema.labels_mut()[index].value = *kind;
                match kind {
                    ValueKind::Count => format!("{label} spans now read a count"),
                    ValueKind::None => format!("{label} spans hold no value"),
                }
            }
            SchemaEdit::Describe { label, description } => {
                let index = known(&schema, label)?;
                schema.labels_mut()[index].description = description.trim().to_owned();
                format!("{label} described")
            }
            SchemaEdit::Move { label, up } => {
                let index = known(&schema, label)?;
                let other = if *up { index.checked_sub(1) } else { Some(index + 1).filter(|i| *i < schema.labels().len()) };
                let Some(other) = other else { return Ok(Outcome::unchanged()) };
                schema.labels_mut().swap(index, other);
                format!("{label} moved {}", if *up { "up" } else { "down" })
            }
            SchemaEdit::Remove { label, relabel_to } => {
                let index = known(&schema, label)?;
                if let Some(target) = relabel_to {
                    known(&schema, target)?;
                    if target == label {
                        return refuse("Relabel the spans to another label.".to_owned());
                    }
                }
                schema.labels_mut().remove(index);
                spans_of = Some((label.clone(), relabel_to.clone()));
                match relabel_to {
                    Some(target) => format!("{label} removed; its spans are now {target}"),
                    None => format!("{label} removed with its spans"),
                }
            }
        };
        let documents = match spans_of {
            Some((label, relabel_to)) => self.change_spans_of(&label, relabel_to.as_ref())?,
            None => Vec::new(),
        };
        self.work.schema_history.push(SchemaRevision { schema: self.work.schema.clone(), documents });
        self.work.schema = Rc::new(schema);
        self.session.unsaved_changes += 1;
        Ok(Outcome::changed(Some(announcement)))
    }

    /// Relabels (or, with `None`, removes) every span of `label` in every
    /// document; returns the revisions that undo it, per document.
    fn change_spans_of(&mut self, label: &Label, relabel_to: Option<&Label>) -> Result<Vec<(usize, Revision)>, ModelError> {
        let mut changed = Vec::new();
        let mut documents = self.work.documents.clone();
        for (index, doc) in documents.iter_mut().enumerate() {
            let edits: Vec<Edit> = doc
                .annotations
                .spans()
                .iter()
                .filter(|span| span.label() == label)
                .map(|span| match relabel_to {
                    Some(to) => Edit::Relabel { id: span.id(), to: to.clone() },
                    None => Edit::Remove(span.clone()),
                })
                .collect();
            if edits.is_empty() {
                continue;
            }
            let doc = Rc::make_mut(doc);
            let text = doc.document.text().clone();
            // Replay applies last to first; the inverse comes back in order.
            let inverse = replay(Revision(edits.into_iter().rev().collect()), &mut doc.annotations, &text)?;
            changed.push((index, inverse));
        }
        self.work.documents = documents;
        Ok(changed)
    }

    pub(super) fn undo_schema(&mut self) -> Result<Outcome, ModelError> {
        let Some(revision) = self.work.schema_history.last().cloned() else { return Ok(Outcome::unchanged()) };
        let mut documents = self.work.documents.clone();
        for (index, inverse) in revision.documents {
            let doc = Rc::make_mut(documents.get_mut(index).ok_or(ModelError::UnknownDocument(index))?);
            let text = doc.document.text().clone();
            replay(inverse, &mut doc.annotations, &text)?;
        }
        self.work.documents = documents;
        self.work.schema = revision.schema;
        self.work.schema_history.pop();
        self.session.unsaved_changes += 1;
        Ok(Outcome::changed(Some("Schema change undone".to_owned())))
    }

    /// Takes a schema from a file: its labels, keys, colours and guidelines.
    pub(super) fn adopt_schema(&mut self, schema: Schema) -> Result<Outcome, ModelError> {
        if schema.labels().is_empty() {
            return Err(ModelError::Schema("A schema needs at least one label.".to_owned()));
        }
        self.work.schema_history.push(SchemaRevision { schema: self.work.schema.clone(), documents: Vec::new() });
        let names = schema.names().join(", ");
        self.work.schema = Rc::new(schema);
        self.session.unsaved_changes += 1;
        Ok(Outcome::changed(Some(format!("Schema adopted: {names}"))))
    }
}
