//! The whole annotator state and its one entry point for change:
//! [`AppState::apply`] takes an [`Action`] and either changes the state or
//! returns a [`ModelError`] leaving it exactly as it was. No I/O happens here.

mod schema;
mod suggestions;

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

pub use schema::{SchemaEdit, SchemaRevision};
use suggestions::stamp_edit;
pub use suggestions::{victim_value, Suggested};

use super::annotations::Annotations;
use super::caret::{step, Caret, CaretUnit};
use super::document::{Document, Metadata, Status};
use super::edit::Edit;
use super::error::ModelError;
use super::history::{History, Revision};
use super::label::{Label, Schema};
use super::offsets::OffsetUnit;
use super::refine::{refine, Precision};
use super::span::{Span, SpanId};
use crate::ids::IdAllocator;
use crate::sort::sort;

/// Everything a user can do to the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Tag the selection `start..end` (raw chars; refined first) with `label`.
    Tag {
        start: usize,
        end: usize,
        label: Label,
    },
    /// A label key or button: tag the selection if there is one (the mouse's,
    /// else the keyboard's), otherwise relabel the selected span.
    ApplyLabel {
        label: Label,
        selection: Option<(usize, usize)>,
    },
    /// A hotkey: like `ApplyLabel` with the label bound to `key`; other keys
    /// change nothing.
    LabelKey {
        key: char,
        selection: Option<(usize, usize)>,
    },
    /// Give an existing span another label.
    Relabel {
        id: SpanId,
        label: Label,
    },
    /// Remove a span.
    Untag(SpanId),
    /// Remove the selected span, if any.
    UntagSelected,
    /// Select a span (or none).
    Select(Option<SpanId>),
    Undo,
    Redo,
    /// Open a text as a new document and show it. `name` is the file name.
    OpenText {
        name: String,
        text: String,
    },
    /// Show the open document at this index.
    SwitchDocument(usize),
    /// Open documents read from a file (`source` names it), with their
    /// spans; `problems` lists what the file had wrong, to show.
    /// A schema that came with the file is offered for adoption; `note`
    /// is said after the summary (which unit the offsets were read in);
    /// `tally` counts `problems` by kind, said instead of them when they
    /// are many.
    ImportDocuments {
        source: String,
        documents: Vec<ImportedDocument>,
        problems: Vec<String>,
        schema: Option<Schema>,
        note: Option<String>,
        tally: Option<String>,
    },
    /// Add these labels to the schema (e.g. labels an imported file used).
    AddLabels(Vec<String>),
    /// Set the shown document's workflow status.
    SetStatus(Status),
    /// Show the next (or previous) document that passes the status filter.
    StepDocument {
        forward: bool,
    },
    /// List only documents with this status (or all).
    FilterStatus(Option<Status>),
    /// Choose whole-word or character precision for new selections.
    SetPrecision(Precision),
    /// An arrow key: move the caret by a word or a grapheme cluster;
    /// `extend` (Shift) moves only the head, growing the selection.
    MoveCaret {
        unit: CaretUnit,
        forward: bool,
        extend: bool,
    },
    /// The mouse placed the caret or made a selection.
    SetCaret(Caret),
    /// Tab / Shift+Tab: select the next or previous span in text order.
    SelectAdjacent {
        forward: bool,
    },
    /// Show or hide invisible characters (no-break spaces, zero-width ones).
    ToggleInvisibles,
    /// Show or hide the keyboard shortcut overlay.
    ShowHelp(bool),
    /// Show or hide the label schema editor.
    ShowSchemaEditor(bool),
    /// Show or hide the annotator comparison.
    ShowCompare(bool),
    /// Use this colour theme.
    SetTheme(Theme),
    /// Count doccano files' offsets in this unit, opening and exporting.
    SetDoccanoUnit(OffsetUnit),
    /// Who is annotating: stamped on every exported document.
    SetAnnotator(String),
    /// Change the label schema.
    EditSchema(SchemaEdit),
    /// Undo the last schema change (with the span changes it made).
    UndoSchema,
    /// Take a schema from a file.
    AdoptSchema(Schema),
    /// Use an annotators' patterns file (Prodigy's JSONL) when suggesting.
    LoadPatterns {
        name: String,
        jsonl: String,
    },
    /// Run the offline suggestion engine on the shown document.
    Suggest,
    /// Accept the shown document's suggestion at this index as a span.
    AcceptSuggestion(usize),
    /// Accept every open suggestion with this label, as one step.
    AcceptAllSuggestions(Label),
    /// Reject the suggestion at this index for good.
    RejectSuggestion(usize),
    /// Select a suggestion (for Enter / x), or none.
    SelectSuggestion(Option<usize>),
    /// Set (or clear) a span's normalised value, as JSON text.
    SetValue {
        id: SpanId,
        value: Option<String>,
    },
    /// Offer to tag every other occurrence of the selected span's text.
    TagAll {
        all_documents: bool,
        case_sensitive: bool,
    },
    /// Tag every untagged whole-word occurrence of `text` with `label`.
    TagOccurrences {
        text: String,
        label: Label,
        all_documents: bool,
        case_sensitive: bool,
    },
    /// Replace everything with a session restored from storage.
    Restore(Box<AppState>),
    /// The work was exported or saved: nothing is unsaved any more.
    MarkSaved,
    /// Refuse every change from now on, saying why (another tab edits).
    EnterReadOnly(String),
    /// Show a problem found outside the model, e.g. a file that could not
    /// be read. Nothing else changes.
    ReportProblem(String),
    /// Hide the message shown to the user.
    DismissNotice,
    /// Show a problem with a way out: `accept` names the button that
    /// applies `action`.
    Offer {
        message: String,
        accept: String,
        action: Box<Action>,
    },
    /// Take the way out the shown offer proposes.
    AcceptOffer,
    /// Show how far a long task (reading a big file, exporting) has got,
    /// or that it is over (`None`).
    ShowProgress(Option<Progress>),
}

/// How many problems an import's notice says in full; more are counted
/// by kind, with the list on demand.
const PROBLEMS_SAID_IN_FULL: usize = 3;

/// How far a long task has got: `done` of `total` units of `task`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// What is under way, as the user reads it: "Reading corpus.jsonl".
    pub task: String,
    pub done: usize,
    pub total: usize,
}

/// The colour theme: the system's choice, or one the user picked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// A message shown to the user until dismissed or replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Something was refused or failed; the work is unchanged.
    Problem(String),
    /// Something worth knowing about what was just done, e.g. the unit a
    /// file's offsets were read in.
    Info(String),
    /// Problems too many to read in a line: the message counts them, the
    /// details list each, shown on demand.
    Report { message: String, details: Rc<[String]> },
    /// A problem with a way out the user may choose, e.g. opening a file
    /// that is not valid UTF-8 with replacement characters.
    Offer { message: String, accept: String, action: Box<Action> },
}

impl Notice {
    /// The message shown.
    pub fn message(&self) -> &str {
        match self {
            Notice::Problem(message) | Notice::Info(message) | Notice::Report { message, .. } | Notice::Offer { message, .. } => message,
        }
    }
}

impl Action {
    /// Whether the action changes the work itself (spans, documents), as
    /// opposed to what is shown; a read-only tab refuses these.
    pub fn changes_work(&self) -> bool {
        matches!(
            self,
            Action::Tag { .. }
                | Action::ApplyLabel { .. }
                | Action::LabelKey { .. }
                | Action::Relabel { .. }
                | Action::Untag(_)
                | Action::UntagSelected
                | Action::Undo
                | Action::Redo
                | Action::OpenText { .. }
                | Action::ImportDocuments { .. }
                | Action::AddLabels(_)
                | Action::SetStatus(_)
                | Action::AcceptSuggestion(_)
                | Action::AcceptAllSuggestions(_)
                | Action::RejectSuggestion(_)
                | Action::SetValue { .. }
                | Action::TagOccurrences { .. }
                | Action::EditSchema(_)
                | Action::UndoSchema
                | Action::AdoptSchema(_)
        )
    }
}

/// What an applied action did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the state changed (a view need not re-render otherwise).
    pub changed: bool,
    /// A sentence for a screen reader, e.g. "ACTOR: Kao Kim Hourn added".
    pub announcement: Option<String>,
}

impl Outcome {
    fn unchanged() -> Self {
        Outcome { changed: false, announcement: None }
    }

    fn changed(announcement: Option<String>) -> Self {
        Outcome { changed: true, announcement }
    }
}

/// One open document with its spans, undo history and workflow status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentState {
    pub document: Document,
    pub annotations: Annotations,
    pub history: History,
    pub status: Status,
    pub meta: Rc<Metadata>,
    /// Open suggestions, shown as outlines until accepted or rejected.
    pub suggestions: Rc<Vec<Suggested>>,
    /// Suggestions the annotator rejected: never offered again here.
    pub rejected: Rc<Vec<(usize, usize, Label)>>,
    /// When each span was created and last changed (ms since 1970), for
    /// the spans made in Sorot.
    pub stamps: Rc<BTreeMap<SpanId, (u64, u64)>>,
    /// Counts the committed actions that changed this document (0 when
    /// opened or restored): storage writes a document whose revision it
    /// has not written yet.
    pub revision: u64,
}

impl DocumentState {
    /// A document with no spans yet, to do.
    pub fn new(document: Document) -> Self {
        DocumentState {
            document,
            annotations: Annotations::default(),
            history: History::default(),
            status: Status::Todo,
            meta: Rc::new(Metadata::default()),
            suggestions: Rc::new(Vec::new()),
            rejected: Rc::new(Vec::new()),
            stamps: Rc::new(BTreeMap::new()),
            revision: 0,
        }
    }
}

/// A document read from a file, with its spans exactly as the file had them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedDocument {
    pub id: String,
    /// The id is another tool's number (doccano's): a document with the
    /// same text that is open already names it.
    pub match_by_text: bool,
    pub text: String,
    pub meta: Metadata,
    pub status: Status,
    /// Checked again on import.
    pub spans: Vec<ImportedSpan>,
}

/// A span read from a file: chars `start..end`, its label, and its
/// normalised value as JSON text, if the file had one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedSpan {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub value: Option<Rc<str>>,
}

/// The annotator's state: open documents, the schema, the selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppState {
    documents: Vec<Rc<DocumentState>>,
    current: usize,
    schema: Rc<Schema>,
    selected: Option<SpanId>,
    precision: Precision,
    next_span_id: u64,
    notice: Option<Notice>,
    announcement: Option<String>,
    progress: Option<Progress>,
    caret: Option<Caret>,
    show_invisibles: bool,
    help_open: bool,
    unsaved_changes: u32,
    read_only: Option<String>,
    theme: Theme,
    doccano_unit: OffsetUnit,
    status_filter: Option<Status>,
    selected_suggestion: Option<usize>,
    schema_history: Vec<SchemaRevision>,
    schema_editor_open: bool,
    annotator: Option<String>,
    compare_open: bool,
    patterns: Rc<str>,
    always_tag: Rc<Vec<(String, Label)>>,
    clock: u64,
}

impl AppState {
    /// A state holding one document, shown.
    pub fn with_document(document: Document) -> Self {
        AppState {
            documents: vec![Rc::new(DocumentState::new(document))],
            current: 0,
            schema: Rc::new(Schema::default()),
            selected: None,
            precision: Precision::default(),
            next_span_id: 1,
            notice: None,
            announcement: None,
            progress: None,
            caret: None,
            show_invisibles: false,
            help_open: false,
            unsaved_changes: 0,
            read_only: None,
            theme: Theme::System,
            doccano_unit: OffsetUnit::DOCCANO_DEFAULT,
            status_filter: None,
            selected_suggestion: None,
            schema_history: Vec::new(),
            schema_editor_open: false,
            annotator: None,
            compare_open: false,
            patterns: Rc::from(""),
            always_tag: Rc::new(Vec::new()),
            clock: 0,
        }
    }

    /// Rebuilds a state from stored parts, checking that they hold together:
    /// at least one document, unique ids, `current` in range, and a span id
    /// counter past every span id in use.
    pub fn from_parts(documents: Vec<DocumentState>, current: usize, next_span_id: u64, unsaved_changes: u32) -> Result<Self, ModelError> {
        let inconsistent = |what: &str| Err(ModelError::InconsistentSession(what.to_owned()));
        let Some(first) = documents.first() else { return inconsistent("no documents") };
        let mut state = AppState::with_document(first.document.clone());
        if current >= documents.len() {
            return inconsistent("the current document is missing");
        }
        let mut ids: Vec<&str> = documents.iter().map(|d| d.document.id()).collect();
        sort(&mut ids);
        if ids.windows(2).any(|pair| pair[0] == pair[1]) {
            return inconsistent("two documents share an id");
        }
        let highest = documents.iter().flat_map(|d| d.annotations.spans()).map(|s| s.id().0).max().unwrap_or(0);
        state.documents = documents.into_iter().map(Rc::new).collect();
        state.current = current;
        state.next_span_id = next_span_id.max(highest + 1);
        state.unsaved_changes = unsaved_changes;
        Ok(state)
    }

    /// Sets the time (ms since 1970) that new and changed spans are stamped
    /// with. The shell sets it before each action; the model reads no clock.
    pub fn set_clock(&mut self, now: u64) {
        self.clock = now;
    }

    /// Replaces the schema wholesale (restoring a session; no undo).
    pub fn set_schema(&mut self, schema: Schema) {
        self.schema = Rc::new(schema);
    }

    /// The id the next new span gets.
    pub fn next_span_id(&self) -> u64 {
        self.next_span_id
    }

    /// Span changes since the last export or save.
    pub fn unsaved_changes(&self) -> u32 {
        self.unsaved_changes
    }

    /// The index of the selected suggestion in the shown document's list.
    pub fn selected_suggestion(&self) -> Option<usize> {
        self.selected_suggestion
    }

    /// Phrases accepted from suggestions, suggested again wherever they
    /// occur: the project's "always tag" list.
    pub fn always_tag(&self) -> &[(String, Label)] {
        &self.always_tag
    }

    /// Whether the annotator comparison is open.
    pub fn compare_open(&self) -> bool {
        self.compare_open
    }

    /// The annotator's name, once given.
    pub fn annotator(&self) -> Option<&str> {
        self.annotator.as_deref()
    }

    /// Whether the label schema editor is open.
    pub fn schema_editor_open(&self) -> bool {
        self.schema_editor_open
    }

    /// Whether a schema change can be undone.
    pub fn can_undo_schema(&self) -> bool {
        !self.schema_history.is_empty()
    }

    /// The status the document list is filtered by, if any.
    pub fn status_filter(&self) -> Option<Status> {
        self.status_filter
    }

    /// The colour theme in use.
    pub fn theme(&self) -> Theme {
        self.theme
    }

    /// The unit doccano files count offsets in, opening and exporting.
    pub fn doccano_unit(&self) -> OffsetUnit {
        self.doccano_unit
    }

    /// Why this tab refuses changes, if it does.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    pub fn documents(&self) -> &[Rc<DocumentState>] {
        &self.documents
    }

    /// The index of the shown document.
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// The shown document.
    pub fn current(&self) -> &Rc<DocumentState> {
        &self.documents[self.current]
    }

    pub fn schema(&self) -> &Rc<Schema> {
        &self.schema
    }

    pub fn selected(&self) -> Option<SpanId> {
        self.selected
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The keyboard caret and selection, once the user has placed one.
    pub fn caret(&self) -> Option<Caret> {
        self.caret
    }

    /// Whether invisible characters are drawn.
    pub fn show_invisibles(&self) -> bool {
        self.show_invisibles
    }

    /// Whether the shortcut overlay is open.
    pub fn help_open(&self) -> bool {
        self.help_open
    }

    /// The message to show, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The long task under way, if any.
    pub fn progress(&self) -> Option<&Progress> {
        self.progress.as_ref()
    }

    /// The last change in words, for a screen reader's live region.
    pub fn announcement(&self) -> Option<&str> {
        self.announcement.as_deref()
    }

    /// Applies `action` as the UI does: a refusal becomes the notice shown
    /// to the user; a change replaces the announcement. Returns whether
    /// anything visible changed.
    pub fn dispatch(&mut self, action: Action) -> bool {
        match self.apply(action) {
            Ok(Outcome { changed: false, .. }) => false,
            Ok(Outcome { changed: true, announcement }) => {
                if announcement.is_some() {
                    self.announcement = announcement;
                }
                true
            }
            Err(error) => {
                let notice = Some(Notice::Problem(error.to_string()));
                let changed = self.notice != notice;
                self.notice = notice;
                changed
            }
        }
    }

    /// Applies `action` as one transaction: it commits whole, bumping the
    /// revision of every document it changed, or it returns the error and
    /// leaves the state exactly as it was, however far it had got.
    pub fn apply(&mut self, action: Action) -> Result<Outcome, ModelError> {
        // Cheap: documents, schema and lists are shared `Rc`s. The store
        // clones the state for every action anyway, so a document changed
        // here is copied once either way.
        let before = self.clone();
        match self.apply_uncommitted(action) {
            Ok(outcome) => {
                self.bump_revisions(&before);
                Ok(outcome)
            }
            Err(error) => {
                *self = before;
                Err(error)
            }
        }
    }

    /// Gives every document this action changed (a new `Rc` where `before`
    /// had another for the same id) its next revision. Both `Rc`s are alive
    /// here, so the comparison by address is sound.
    fn bump_revisions(&mut self, before: &AppState) {
        for (doc, old) in self.documents.iter_mut().zip(&before.documents) {
            if !Rc::ptr_eq(doc, old) && doc.document.id() == old.document.id() {
                let next = doc.revision.max(old.revision) + 1;
                Rc::make_mut(doc).revision = next;
            }
        }
    }

    /// Applies `action`, possibly leaving the state half changed on error;
    /// only [`AppState::apply`] calls it, and undoes that.
    fn apply_uncommitted(&mut self, action: Action) -> Result<Outcome, ModelError> {
        if let (Some(reason), true) = (&self.read_only, action.changes_work()) {
            return Err(ModelError::ReadOnly(reason.clone()));
        }
        match action {
            Action::Tag { start, end, label } => self.tag(start, end, label),
            Action::ApplyLabel { label, selection: Some((start, end)) } => self.tag(start, end, label),
            Action::ApplyLabel { label, selection: None } => match (self.caret.and_then(|c| c.range()), self.selected) {
                (Some((start, end)), _) => self.tag(start, end, label),
                (None, Some(id)) => self.relabel(id, label),
                (None, None) => Err(ModelError::NothingSelected),
            },
            Action::LabelKey { key, selection } => match self.schema.label_for_key(key) {
                Some(label) => self.apply_uncommitted(Action::ApplyLabel { label: label.clone(), selection }),
                None => Ok(Outcome::unchanged()),
            },
            Action::Relabel { id, label } => self.relabel(id, label),
            Action::Untag(id) => self.untag(id),
            Action::UntagSelected => match self.selected {
                Some(id) => self.untag(id),
                None => Ok(Outcome::unchanged()),
            },
            Action::Select(selected) => {
                if let Some(id) = selected {
                    self.current().annotations.get(id).ok_or(ModelError::UnknownSpan(id.0))?;
                }
                let changed = self.selected != selected;
                self.selected = selected;
                Ok(if changed { Outcome::changed(None) } else { Outcome::unchanged() })
            }
            Action::Undo => self.step_history(true),
            Action::Redo => self.step_history(false),
            Action::OpenText { name, text } => Ok(self.open_text(&name, text)),
            Action::SwitchDocument(index) => {
                if index >= self.documents.len() {
                    return Err(ModelError::UnknownDocument(index));
                }
                if index == self.current {
                    return Ok(Outcome::unchanged());
                }
                self.current = index;
                self.selected = None;
                self.caret = None;
                self.selected_suggestion = None;
                Ok(Outcome::changed(Some(format!("Showing {}", self.current().document.title()))))
            }
            Action::ImportDocuments { source, documents, problems, schema, note, tally } => {
                self.import(&source, documents, problems, schema, note, tally)
            }
            Action::AddLabels(names) => self.add_labels(&names),
            Action::SetStatus(status) => {
                if self.current().status == status {
                    return Ok(Outcome::unchanged());
                }
                Rc::make_mut(&mut self.documents[self.current]).status = status;
                self.unsaved_changes += 1;
                Ok(Outcome::changed(Some(format!("Marked {}", status.as_str()))))
            }
            Action::StepDocument { forward } => {
                let count = self.documents.len();
                let passes = |i: usize| self.status_filter.is_none_or(|s| self.documents[i].status == s);
                let next = (1..count)
                    .map(|step| if forward { (self.current + step) % count } else { (self.current + count - step) % count })
                    .find(|&i| passes(i) && (if forward { i > self.current } else { i < self.current }));
                match next {
                    Some(index) => self.apply_uncommitted(Action::SwitchDocument(index)),
                    None => Ok(Outcome::unchanged()),
                }
            }
            Action::FilterStatus(filter) => Ok(self.replace(|state| &mut state.status_filter, filter)),
            Action::SetPrecision(precision) => {
                let changed = self.precision != precision;
                self.precision = precision;
                Ok(if changed { Outcome::changed(None) } else { Outcome::unchanged() })
            }
            Action::MoveCaret { unit, forward, extend } => Ok(self.move_caret(unit, forward, extend)),
            Action::SetCaret(caret) => {
                let len = self.current().document.char_len();
                let caret = Caret { anchor: caret.anchor.min(len), head: caret.head.min(len), exact: caret.exact };
                Ok(self.replace(|state| &mut state.caret, Some(caret)))
            }
            Action::SelectAdjacent { forward } => Ok(self.select_adjacent(forward)),
            Action::ToggleInvisibles => {
                self.show_invisibles = !self.show_invisibles;
                let state = if self.show_invisibles { "shown" } else { "hidden" };
                Ok(Outcome::changed(Some(format!("Invisible characters {state}"))))
            }
            Action::ShowHelp(open) => Ok(self.replace(|state| &mut state.help_open, open)),
            Action::ShowSchemaEditor(open) => Ok(self.replace(|state| &mut state.schema_editor_open, open)),
            Action::ShowCompare(open) => Ok(self.replace(|state| &mut state.compare_open, open)),
            Action::SetTheme(theme) => Ok(self.replace(|state| &mut state.theme, theme)),
            Action::SetDoccanoUnit(unit) => Ok(self.replace(|state| &mut state.doccano_unit, unit)),
            Action::SetAnnotator(name) => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(ModelError::Schema("Type a name (or initials) so exports say who annotated them.".to_owned()));
                }
                Ok(self.replace(|state| &mut state.annotator, Some(name.to_owned())))
            }
            Action::EditSchema(edit) => self.edit_schema(edit),
            Action::UndoSchema => self.undo_schema(),
            Action::AdoptSchema(schema) => self.adopt_schema(schema),
            Action::LoadPatterns { name, jsonl } => {
                let set = crate::suggest::PatternSet::from_jsonl(&jsonl)
                    .map_err(|e| ModelError::Schema(format!("{name}: {e}; nothing was loaded.")))?;
                self.patterns = Rc::from(jsonl);
                Ok(Outcome::changed(Some(format!("{} patterns from {name} will be used by Suggest", set.len()))))
            }
            Action::Suggest => self.suggest(),
            Action::AcceptSuggestion(index) => {
                self.selected_suggestion = None;
                self.accept_suggestions(&[index])
            }
            Action::AcceptAllSuggestions(label) => {
                let indices: Vec<usize> =
                    self.current().suggestions.iter().enumerate().filter(|(_, s)| s.label == label).map(|(i, _)| i).collect();
                self.selected_suggestion = None;
                self.accept_suggestions(&indices)
            }
            Action::RejectSuggestion(index) => {
                self.selected_suggestion = None;
                self.reject_suggestion(index)
            }
            Action::SelectSuggestion(index) => {
                if index.is_some_and(|i| i >= self.current().suggestions.len()) {
                    return Err(ModelError::UnknownSuggestion);
                }
                Ok(self.replace(|state| &mut state.selected_suggestion, index))
            }
            Action::SetValue { id, value } => {
                let value = value.map(|text| parse_value(&text)).transpose()?;
                self.record(Edit::SetValue { id, value })?;
                Ok(Outcome::changed(Some("Value set".to_owned())))
            }
            Action::TagAll { all_documents, case_sensitive } => self.offer_tag_all(all_documents, case_sensitive),
            Action::TagOccurrences { text, label, all_documents, case_sensitive } => {
                self.tag_occurrences(&text, &label, all_documents, case_sensitive)
            }
            Action::Restore(restored) => {
                let count = restored.documents.len();
                // A read-only tab still shows the restored work, and stays read-only.
                let (read_only, notice, theme, annotator) = (self.read_only.take(), self.notice.take(), self.theme, self.annotator.take());
                let doccano_unit = self.doccano_unit;
                *self = *restored;
                self.read_only = read_only;
                self.notice = notice;
                self.theme = theme;
                self.doccano_unit = doccano_unit;
                self.annotator = annotator;
                Ok(Outcome::changed(Some(format!("Restored {count} document{}", if count == 1 { "" } else { "s" }))))
            }
            Action::MarkSaved => Ok(self.replace(|state| &mut state.unsaved_changes, 0)),
            Action::EnterReadOnly(reason) => {
                self.notice = Some(Notice::Problem(format!("This tab is read-only: {reason}")));
                self.read_only = Some(reason);
                Ok(Outcome::changed(None))
            }
            Action::ReportProblem(message) => {
                self.notice = Some(Notice::Problem(message));
                Ok(Outcome::changed(None))
            }
            Action::ShowProgress(progress) => {
                self.progress = progress;
                Ok(Outcome::changed(None))
            }
            Action::Offer { message, accept, action } => {
                self.notice = Some(Notice::Offer { message, accept, action });
                Ok(Outcome::changed(None))
            }
            Action::AcceptOffer => match self.notice.take() {
                Some(Notice::Offer { action, .. }) => self.apply_uncommitted(*action),
                other => {
                    self.notice = other;
                    Ok(Outcome::unchanged())
                }
            },
            Action::DismissNotice => {
                let changed = self.notice.take().is_some();
                Ok(if changed { Outcome::changed(None) } else { Outcome::unchanged() })
            }
        }
    }

    fn tag(&mut self, start: usize, end: usize, label: Label) -> Result<Outcome, ModelError> {
        self.check_label(&label)?;
        let doc = self.current();
        let len = doc.document.char_len();
        if end > len {
            return Err(ModelError::OutOfRange { end, len });
        }
        let exact = self.caret.is_some_and(|caret| caret.exact && caret.range() == Some((start, end)));
        let precision = if exact { Precision::Character } else { self.precision };
        let (start, end) = refine(doc.document.text(), start, end, precision).ok_or(ModelError::NothingToTag)?;
        let value = (label.name() == crate::suggest::VICTIM_COUNT)
            .then(|| victim_value(doc.document.slice(start, end).unwrap_or_default()))
            .flatten();
        let span = Span::new(SpanId(self.next_span_id), start, end, label)?.with_value(value);
        let announcement = self.describe(&span, "added");
        self.record(Edit::Insert(span.clone()))?;
        self.next_span_id += 1;
        self.selected = Some(span.id());
        self.notice = None;
        self.caret = Some(Caret::at(end));
        Ok(Outcome::changed(Some(announcement)))
    }

    fn relabel(&mut self, id: SpanId, label: Label) -> Result<Outcome, ModelError> {
        self.check_label(&label)?;
        let span = self.current().annotations.get(id).ok_or(ModelError::UnknownSpan(id.0))?.clone();
        if *span.label() == label {
            return Ok(Outcome::unchanged());
        }
        self.record(Edit::Relabel { id, to: label.clone() })?;
        let announcement = format!("{} relabelled {label}", self.describe(&span, "").trim_end());
        Ok(Outcome::changed(Some(announcement)))
    }

    fn untag(&mut self, id: SpanId) -> Result<Outcome, ModelError> {
        let span = self.current().annotations.get(id).ok_or(ModelError::UnknownSpan(id.0))?.clone();
        let announcement = self.describe(&span, "removed");
        self.record(Edit::Remove(span))?;
        if self.selected == Some(id) {
            self.selected = None;
        }
        Ok(Outcome::changed(Some(announcement)))
    }

    /// Applies one edit to the shown document and records its inverse.
    fn record(&mut self, edit: Edit) -> Result<(), ModelError> {
        let doc = Rc::make_mut(&mut self.documents[self.current]);
        let inverse = edit.apply(&mut doc.annotations, &doc.document.text().clone())?;
        stamp_edit(&mut doc.stamps, &inverse, self.clock);
        doc.history.record(Revision(vec![inverse]));
        if doc.status == Status::Todo {
            doc.status = Status::InProgress;
        }
        self.unsaved_changes += 1;
        Ok(())
    }

    fn step_history(&mut self, undo: bool) -> Result<Outcome, ModelError> {
        let doc = self.current();
        if !(if undo { doc.history.can_undo() } else { doc.history.can_redo() }) {
            return Ok(Outcome::unchanged());
        }
        let doc = Rc::make_mut(&mut self.documents[self.current]);
        let text = doc.document.text().clone();
        let stepped = if undo { doc.history.undo(&mut doc.annotations, &text)? } else { doc.history.redo(&mut doc.annotations, &text)? };
        if let Some(id) = self.selected {
            if self.current().annotations.get(id).is_none() {
                self.selected = None;
            }
        }
        if stepped {
            self.unsaved_changes += 1;
        }
        Ok(if stepped { Outcome::changed(Some((if undo { "Undone" } else { "Redone" }).to_owned())) } else { Outcome::unchanged() })
    }

    /// The ids of the open documents, for giving new ones.
    fn ids(&self) -> IdAllocator<String> {
        IdAllocator::with_taken(self.documents.iter().map(|d| d.document.id()))
    }

    fn import(
        &mut self,
        source: &str,
        documents: Vec<ImportedDocument>,
        problems: Vec<String>,
        schema: Option<Schema>,
        note: Option<String>,
        tally: Option<String>,
    ) -> Result<Outcome, ModelError> {
        if documents.is_empty() {
            let detail = problems.first().map_or(String::new(), |p| format!(": {p}"));
            return Err(ModelError::NothingImported(format!("{source} holds no document Sorot can open{detail}")));
        }
        let first_new = self.documents.len();
        let mut skipped = problems;
        let mut ids = self.ids();
        let mut matched = Vec::new();
        // The open documents by text, indexed once, only for a file that numbers documents itself.
        let open_by_text: HashMap<Rc<str>, Rc<DocumentState>> = if documents.iter().any(|d| d.match_by_text) {
            self.documents.iter().map(|d| (d.document.text().clone(), d.clone())).collect()
        } else {
            HashMap::new()
        };
        for mut imported in documents {
            if imported.match_by_text {
                if let Some(open) = open_by_text.get(imported.text.as_str()) {
                    matched.push(format!("{} is {}", imported.id, open.document.id()));
                    imported.id = open.document.id().to_owned();
                    if imported.meta == Metadata::default() {
                        imported.meta = (*open.meta).clone();
                    }
                }
            }
            let id = ids.take_id(or_document(&imported.id)).0;
            let document = Document::new(id, imported.text);
            let mut state = DocumentState::new(document);
            let mut spans = Vec::with_capacity(imported.spans.len());
            let mut problems = Vec::new();
            for ImportedSpan { start, end, label, value } in imported.spans {
                let span = Span::new(SpanId(self.next_span_id), start, end, label).map(|span| span.with_value(value));
                match span {
                    Ok(span) if span.end() > state.document.char_len() => {
                        problems.push(ModelError::OutOfRange { end: span.end(), len: state.document.char_len() });
                    }
                    Ok(span) => {
                        spans.push(span);
                        self.next_span_id += 1;
                    }
                    Err(problem) => problems.push(problem),
                }
            }
            problems.extend(state.annotations.insert_all(spans, &state.document.text().clone()));
            let doc_id = state.document.id();
            skipped.extend(problems.iter().map(|problem| format!("{source} (doc \u{201c}{doc_id}\u{201d}): {problem}")));
            state.status = imported.status;
            state.meta = Rc::new(imported.meta);
            self.documents.push(Rc::new(state));
        }
        let count = self.documents.len() - first_new;
        self.current = first_new;
        self.selected = None;
        self.caret = None;
        self.unsaved_changes += 1;
        let mut summary = format!("Opened {count} document{} from {source}", if count == 1 { "" } else { "s" });
        if !matched.is_empty() {
            let shown = matched.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
            let more = if matched.len() > 3 { format!(" and {} more", matched.len() - 3) } else { String::new() };
            summary.push_str(&format!(
                "; {} matched open documents by text, since doccano numbers documents itself ({shown}{more})",
                matched.len()
            ));
        }
        // Worth a notice even when all went well: the reader's choices.
        let worth_saying = !matched.is_empty() || note.is_some();
        if let Some(note) = note {
            summary.push_str(&format!("; {note}"));
        }
        // A few problems are said in full; more are counted by kind, with
        // the list on demand, so a report never grows past the window.
        let many = skipped.len() > PROBLEMS_SAID_IN_FULL;
        let problems = |verb: &str| match skipped.len() {
            0 => String::new(),
            n if many => {
                // The file's problems by kind; any the model added are counted apart.
                let counted = tally.clone().map(|t| format!(": {t}")).unwrap_or_default();
                format!("; {n} problems{verb}{counted}")
            }
            n => format!("; {n} problem{}{verb}: {}", if n == 1 { "" } else { "s" }, skipped.join("; ")),
        };
        self.notice = match schema.filter(|schema| *schema != *self.schema) {
            // A file's own schema comes first: adopting it usually answers
            // the unknown-label problems too.
            Some(schema) => Some(Notice::Offer {
                message: format!("{summary}{}. It carries its own label schema ({}).", problems(""), schema.names().join(", ")),
                accept: "Adopt its schema".to_owned(),
                action: Box::new(Action::AdoptSchema(schema)),
            }),
            None if skipped.is_empty() => {
                self.unknown_labels_offer(&summary).or_else(|| worth_saying.then(|| Notice::Info(summary.clone())))
            }
            None if many => Some(Notice::Report { message: format!("{summary}{}", problems(" skipped")), details: skipped.into() }),
            None => Some(Notice::Problem(format!("{summary}{}", problems(" skipped")))),
        };
        Ok(Outcome::changed(Some(summary)))
    }

    /// After an import: offer to add labels the documents use that the
    /// schema lacks (their spans are kept either way).
    fn unknown_labels_offer(&self, summary: &str) -> Option<Notice> {
        let mut unknown: Vec<String> = Vec::new();
        for doc in &self.documents {
            for span in doc.annotations.spans() {
                let name = span.label().name();
                if self.schema.get(name).is_none() && !unknown.iter().any(|u| u == name) {
                    unknown.push(name.to_owned());
                }
            }
        }
        (!unknown.is_empty()).then(|| Notice::Offer {
            message: format!("{summary}. It uses labels the schema lacks: {}.", unknown.join(", ")),
            accept: "Add them to the schema".to_owned(),
            action: Box::new(Action::AddLabels(unknown)),
        })
    }

    fn add_labels(&mut self, names: &[String]) -> Result<Outcome, ModelError> {
        let mut schema = (*self.schema).clone();
        for name in names {
            schema.add(name).map_err(ModelError::Schema)?;
        }
        self.schema = Rc::new(schema);
        Ok(Outcome::changed(Some(format!("Added {}", names.join(", ")))))
    }

    fn open_text(&mut self, name: &str, text: String) -> Outcome {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let id = self.ids().take_id(or_document(stem)).0;
        let document = Document::new(id, text);
        let announcement = format!("Opened {}", document.title());
        self.documents.push(Rc::new(DocumentState::new(document)));
        self.current = self.documents.len() - 1;
        self.selected = None;
        self.caret = None;
        self.unsaved_changes += 1;
        Outcome::changed(Some(announcement))
    }

    /// Sets a field, reporting whether it changed.
    fn replace<T: PartialEq>(&mut self, field: impl FnOnce(&mut Self) -> &mut T, value: T) -> Outcome {
        let slot = field(self);
        if *slot == value {
            return Outcome::unchanged();
        }
        *slot = value;
        Outcome::changed(None)
    }

    fn move_caret(&mut self, unit: CaretUnit, forward: bool, extend: bool) -> Outcome {
        let doc = &self.current().document;
        let start_of_text = doc.blocks().first().map_or(0, |b| b.start);
        let from = self.caret.unwrap_or_else(|| {
            let selected_end = self.selected.and_then(|id| self.current().annotations.get(id)).map(Span::end);
            Caret::at(selected_end.unwrap_or(start_of_text))
        });
        let head = step(doc.text(), from.head, unit, forward);
        let caret = if extend { Caret { head, ..from } } else { Caret::at(head) };
        self.replace(|state| &mut state.caret, Some(caret))
    }

    fn select_adjacent(&mut self, forward: bool) -> Outcome {
        let spans = self.current().annotations.spans();
        let position = self.selected.and_then(|id| spans.iter().position(|s| s.id() == id));
        let next = match (position, forward) {
            (Some(i), true) => spans.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| spans.get(i)),
            (None, true) => {
                let from = self.caret.map_or(0, |c| c.head);
                spans.iter().find(|s| s.start() >= from).or(spans.first())
            }
            (None, false) => {
                let from = self.caret.map_or(usize::MAX, |c| c.head);
                spans.iter().rev().find(|s| s.start() < from).or(spans.last())
            }
        };
        let Some(span) = next.cloned() else { return Outcome::unchanged() };
        let announcement = self.describe(&span, "selected");
        self.selected = Some(span.id());
        Outcome::changed(Some(announcement))
    }

    fn check_label(&self, label: &Label) -> Result<(), ModelError> {
        match self.schema.get(label.name()) {
            Some(_) => Ok(()),
            None => Err(ModelError::UnknownLabel(label.name().to_owned())),
        }
    }

    /// "ACTOR: Kao Kim Hourn added"
    fn describe(&self, span: &Span, verb: &str) -> String {
        let text = self.current().document.slice(span.start(), span.end()).unwrap_or_default();
        let shown: String = text.chars().take(60).collect();
        let ellipsis = if text.chars().count() > 60 { "\u{2026}" } else { "" };
        format!("{}: {shown}{ellipsis} {verb}", span.label())
    }
}

/// Reads a value typed by the annotator: JSON (`20`, `{"min":10,"max":99}`)
/// as it is, otherwise a numeral phrase such as "dua puluh" or "ratusan".
fn parse_value(text: &str) -> Result<Rc<str>, ModelError> {
    let text = text.trim();
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
        return Ok(Rc::from(json.to_string()));
    }
    crate::suggest::numerals::parse(text)
        .and_then(|value| serde_json::to_string(&value).ok())
        .map(Rc::from)
        .ok_or_else(|| ModelError::BadValue(text.to_owned()))
}

/// The span an applied edit's inverse names: the span the edit touched.
fn inverse_target(inverse: &Edit) -> Option<SpanId> {
    match inverse {
        Edit::Insert(_) => None,
        Edit::Remove(span) => Some(span.id()),
        Edit::Relabel { id, .. } | Edit::SetValue { id, .. } => Some(*id),
    }
}

/// Records that span `id` was created or changed at `now` (its creation
/// time stays). Stamps of removed spans stay too, harmlessly: they are
/// looked up by the spans that exist, and come back with an undo.
fn stamp(stamps: &mut Rc<BTreeMap<SpanId, (u64, u64)>>, id: &Option<SpanId>, now: u64) {
    // No clock set (native tools, tests): nothing to stamp with.
    if now == 0 {
        return;
    }
    if let Some(id) = id {
        let created = stamps.get(id).map_or(now, |&(created, _)| created);
        Rc::make_mut(stamps).insert(*id, (created, now));
    }
}

/// The id a document asks for: `base`, or "document" when `base` is blank.
fn or_document(base: &str) -> &str {
    if base.trim().is_empty() {
        "document"
    } else {
        base
    }
}
