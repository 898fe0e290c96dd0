//! The whole annotator state and its one entry point for change:
//! [`AppState::apply`] takes an [`Action`] and either commits all of it or
//! returns a [`ModelError`] leaving the state exactly as it was. No I/O
//! happens here.
//!
//! The state has three parts, each with its own file, action enum and
//! reducer: the [`Work`] (`work.rs`: documents, spans, schema, what is
//! saved and synced), the [`View`] (`view.rs`: what this window shows) and
//! the [`Session`] (`session.rs`: messages, progress, storage, who is
//! annotating). `schema.rs` and `suggestions.rs` hold the schema editor's
//! and the suggestions' parts of the work reducer.

mod schema;
mod session;
mod suggestions;
mod view;
mod work;

use std::rc::Rc;

pub use schema::{SchemaEdit, SchemaRevision};
pub use session::{Notice, Progress, Readers, Session};
pub use suggestions::Suggested;
pub use view::{Theme, View};
pub use work::{DocumentState, ImportPart, ImportedDocument, ImportedSpan, Work};

use super::caret::{Caret, CaretUnit};
use super::document::{Document, Status};
use super::error::ModelError;
use super::label::{Label, Schema};
use super::offsets::OffsetUnit;
use super::refine::Precision;
use super::span::{Span, SpanId};
use crate::sort::sort;

/// Everything a user can do, by the part of the state it changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Work(WorkAction),
    View(ViewAction),
    Session(SessionAction),
}

/// A change to the work: spans, documents, the schema. Refused in a
/// read-only tab; span changes are undoable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkAction {
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
    Undo,
    Redo,
    /// Open a text as a new document and show it. `name` is the file name.
    OpenText {
        name: String,
        text: String,
    },
    /// Open documents read from a file (`source` names it), with their
    /// spans; `problems` lists what the file had wrong, to show.
    /// A schema that came with the file is offered for adoption; `note`
    /// is said after the summary (which unit the offsets were read in);
    /// `tally` counts `problems` by kind, said instead of them when they
    /// are many. `part` says whether these are all of the file's documents
    /// or a slice of them.
    ImportDocuments {
        source: String,
        documents: Vec<ImportedDocument>,
        problems: Vec<String>,
        schema: Option<Schema>,
        note: Option<String>,
        tally: Option<String>,
        part: ImportPart,
    },
    /// Add these labels to the schema (e.g. labels an imported file used).
    AddLabels(Vec<String>),
    /// Set the shown document's workflow status.
    SetStatus(Status),
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
    /// Show these suggestions on the shown document: the shell's rules
    /// found them (`suggest::for_state`); the model keeps those neither
    /// tagged already with their label nor rejected before.
    OfferSuggestions(Vec<Suggested>),
    /// Accept the shown document's suggestion at this index as a span.
    AcceptSuggestion(usize),
    /// Accept every open suggestion with this label, as one step.
    AcceptAllSuggestions(Label),
    /// Reject the suggestion at this index for good.
    RejectSuggestion(usize),
    /// Set (or clear) a span's normalised value, as JSON text.
    SetValue {
        id: SpanId,
        value: Option<String>,
    },
    /// Tag every untagged whole-word occurrence of `text` with `label`.
    TagOccurrences {
        text: String,
        label: Label,
        all_documents: bool,
        case_sensitive: bool,
    },
}

/// A change to what this window shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewAction {
    /// Select a span (or none).
    Select(Option<SpanId>),
    /// Show the open document at this index.
    SwitchDocument(usize),
    /// Show the next (or previous) document that passes the status filter.
    StepDocument { forward: bool },
    /// List only documents with this status (or all).
    FilterStatus(Option<Status>),
    /// Choose whole-word or character precision for new selections.
    SetPrecision(Precision),
    /// An arrow key: move the caret by a word or a grapheme cluster;
    /// `extend` (Shift) moves only the head, growing the selection.
    MoveCaret { unit: CaretUnit, forward: bool, extend: bool },
    /// The mouse placed the caret or made a selection.
    SetCaret(Caret),
    /// Tab / Shift+Tab: select the next or previous span in text order.
    SelectAdjacent { forward: bool },
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
    /// Select a suggestion (for Enter / x), or none.
    SelectSuggestion(Option<usize>),
}

/// A change to the session: messages, progress, storage, who annotates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionAction {
    /// Who is annotating: stamped on every exported document.
    SetAnnotator(String),
    /// Offer to tag every other occurrence of the selected span's text.
    TagAll { all_documents: bool, case_sensitive: bool },
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
    Offer { message: String, accept: String, action: Box<Action> },
    /// Take the way out the shown offer proposes.
    AcceptOffer,
    /// Show how far a long task (reading a big file, exporting) has got,
    /// or that it is over (`None`).
    ShowProgress(Option<Progress>),
}

impl From<WorkAction> for Action {
    fn from(action: WorkAction) -> Self {
        Action::Work(action)
    }
}

impl From<ViewAction> for Action {
    fn from(action: ViewAction) -> Self {
        Action::View(action)
    }
}

impl From<SessionAction> for Action {
    fn from(action: SessionAction) -> Self {
        Action::Session(action)
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

/// The annotator's state in three parts: the [`Work`] (what is saved,
/// exported and synced), the [`View`] (what this window shows) and the
/// [`Session`] (messages, progress, storage and who is annotating).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppState {
    work: Work,
    view: View,
    session: Session,
}

impl AppState {
    /// A state holding one document, shown.
    pub fn with_document(document: Document) -> Self {
        AppState { work: Work::with_document(document), view: View::default(), session: Session::default() }
    }

    /// The same state, reading counts, occurrences and patterns with
    /// `readers` (the shell gives the rules' `suggest::readers()`).
    pub fn with_readers(mut self, readers: Readers) -> Self {
        self.session.readers = readers;
        self
    }

    /// The annotators' patterns file in use (Prodigy's JSONL), if any.
    pub fn patterns(&self) -> &str {
        &self.work.patterns
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
        state.work.documents = documents.into_iter().map(Rc::new).collect();
        state.view.current = current;
        state.work.next_span_id = next_span_id.max(highest + 1);
        state.session.unsaved_changes = unsaved_changes;
        Ok(state)
    }

    /// The work: what formats, persistence and the command line read.
    pub fn work(&self) -> &Work {
        &self.work
    }

    /// Sets the time (ms since 1970) that new and changed spans are stamped
    /// with. The shell sets it before each action; the model reads no clock.
    pub fn set_clock(&mut self, now: u64) {
        self.session.clock = now;
    }

    /// Replaces the schema wholesale (restoring a session; no undo).
    pub fn set_schema(&mut self, schema: Schema) {
        self.work.schema = Rc::new(schema);
    }

    /// The id the next new span gets.
    pub fn next_span_id(&self) -> u64 {
        self.work.next_span_id
    }

    /// Span changes since the last export or save.
    pub fn unsaved_changes(&self) -> u32 {
        self.session.unsaved_changes
    }

    /// The index of the selected suggestion in the shown document's list.
    pub fn selected_suggestion(&self) -> Option<usize> {
        self.view.selected_suggestion
    }

    /// Phrases accepted from suggestions, suggested again wherever they
    /// occur: the project's "always tag" list.
    pub fn always_tag(&self) -> &[(String, Label)] {
        &self.work.always_tag
    }

    /// Whether the annotator comparison is open.
    pub fn compare_open(&self) -> bool {
        self.view.compare_open
    }

    /// The annotator's name, once given.
    pub fn annotator(&self) -> Option<&str> {
        self.session.annotator.as_deref()
    }

    /// Whether the label schema editor is open.
    pub fn schema_editor_open(&self) -> bool {
        self.view.schema_editor_open
    }

    /// Whether a schema change can be undone.
    pub fn can_undo_schema(&self) -> bool {
        !self.work.schema_history.is_empty()
    }

    /// The status the document list is filtered by, if any.
    pub fn status_filter(&self) -> Option<Status> {
        self.view.status_filter
    }

    /// The colour theme in use.
    pub fn theme(&self) -> Theme {
        self.view.theme
    }

    /// The unit doccano files count offsets in, opening and exporting.
    pub fn doccano_unit(&self) -> OffsetUnit {
        self.view.doccano_unit
    }

    /// Why this tab refuses changes, if it does.
    pub fn read_only(&self) -> Option<&str> {
        self.session.read_only.as_deref()
    }

    pub fn documents(&self) -> &[Rc<DocumentState>] {
        &self.work.documents
    }

    /// The index of the shown document.
    pub fn current_index(&self) -> usize {
        self.view.current
    }

    /// The shown document.
    pub fn current(&self) -> &Rc<DocumentState> {
        &self.work.documents[self.view.current]
    }

    pub fn schema(&self) -> &Rc<Schema> {
        &self.work.schema
    }

    pub fn selected(&self) -> Option<SpanId> {
        self.view.selected
    }

    pub fn precision(&self) -> Precision {
        self.view.precision
    }

    /// The keyboard caret and selection, once the user has placed one.
    pub fn caret(&self) -> Option<Caret> {
        self.view.caret
    }

    /// Whether invisible characters are drawn.
    pub fn show_invisibles(&self) -> bool {
        self.view.show_invisibles
    }

    /// Whether the shortcut overlay is open.
    pub fn help_open(&self) -> bool {
        self.view.help_open
    }

    /// The message to show, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.session.notice.as_ref()
    }

    /// The long task under way, if any.
    pub fn progress(&self) -> Option<&Progress> {
        self.session.progress.as_ref()
    }

    /// The last change in words, for a screen reader's live region.
    pub fn announcement(&self) -> Option<&str> {
        self.session.announcement.as_deref()
    }

    /// Applies `action` as the UI does: a refusal becomes the notice shown
    /// to the user; a change replaces the announcement. Returns whether
    /// anything visible changed.
    pub fn dispatch(&mut self, action: impl Into<Action>) -> bool {
        match self.apply(action) {
            Ok(Outcome { changed: false, .. }) => false,
            Ok(Outcome { changed: true, announcement }) => {
                if announcement.is_some() {
                    self.session.announcement = announcement;
                }
                true
            }
            Err(error) => {
                let notice = Some(Notice::Problem(error.to_string()));
                let changed = self.session.notice != notice;
                self.session.notice = notice;
                changed
            }
        }
    }

    /// Applies `action` as one transaction: it commits whole, bumping the
    /// revision of every document it changed, or it returns the error and
    /// leaves the state exactly as it was, however far it had got.
    pub fn apply(&mut self, action: impl Into<Action>) -> Result<Outcome, ModelError> {
        // Cheap: documents, schema and lists are shared `Rc`s. The store
        // clones the state for every action anyway, so a document changed
        // here is copied once either way.
        let before = self.clone();
        match self.apply_uncommitted(action.into()) {
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
        for (doc, old) in self.work.documents.iter_mut().zip(&before.work.documents) {
            if !Rc::ptr_eq(doc, old) && doc.document.id() == old.document.id() {
                let next = doc.revision.max(old.revision) + 1;
                Rc::make_mut(doc).revision = next;
            }
        }
    }

    /// Applies `action`, possibly leaving the state half changed on error;
    /// only [`AppState::apply`] calls it, and undoes that. Each part of the
    /// state has its own reducer.
    fn apply_uncommitted(&mut self, action: Action) -> Result<Outcome, ModelError> {
        match action {
            Action::Work(action) => self.apply_work(action),
            Action::View(action) => self.apply_view(action),
            Action::Session(action) => self.apply_session(action),
        }
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

    fn check_label(&self, label: &Label) -> Result<(), ModelError> {
        match self.work.schema.get(label.name()) {
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
