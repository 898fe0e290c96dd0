//! The work: what is saved, exported and synced — the documents with their
//! spans and undo histories, the label schema and its history, the span id
//! counter, the project's patterns. Formats, persistence and the command
//! line read it; only the reducer changes it.

use std::collections::{BTreeMap, HashMap};

use super::{AppState, Notice, Outcome, WorkAction};
use crate::ids::IdAllocator;
use crate::model::edit::Edit;
use crate::model::history::{History, Revision};
use crate::model::refine::{refine, Precision};
use crate::model::{Annotations, Caret, Metadata, ModelError, Span, SpanId, Status};

use std::rc::Rc;

use super::suggestions::{stamp_edit, Suggested};
use super::SchemaRevision;
use crate::model::{Document, Label, Schema};

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
    /// The text, made a document under the file's id before the import's
    /// transaction (splitting a corpus into blocks takes longer than the
    /// transaction itself); the id changes if it is taken.
    pub document: Document,
    /// The id is another tool's number (doccano's): a document with the
    /// same text that is open already names it.
    pub match_by_text: bool,
    pub meta: Metadata,
    pub status: Status,
    /// Checked again on import.
    pub spans: Vec<ImportedSpan>,
}

/// Which of a file's documents an import holds. A large file is opened a
/// slice at a time, one transaction per slice, so its first document is
/// shown (and can be annotated) while the rest are still being read; each
/// file opened in parts has a number of its own from the shell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportPart {
    /// All of them: the first is shown, and a notice says what was opened.
    Whole,
    /// The first slice of file `n`: its first document is shown.
    First(u32),
    /// A later slice of file `n`, added behind the documents open.
    More(u32),
    /// The last slice of file `n`: the notice says what the whole file
    /// came to.
    Last(u32),
}

impl ImportPart {
    /// The file number of a part; `None` for a whole file.
    fn file(self) -> Option<u32> {
        match self {
            ImportPart::Whole => None,
            ImportPart::First(file) | ImportPart::More(file) | ImportPart::Last(file) => Some(file),
        }
    }
}

/// What `ImportDocuments` says of the file besides its documents.
struct FileNotes {
    problems: Vec<String>,
    schema: Option<Schema>,
    note: Option<String>,
    tally: Option<String>,
}

/// What the earlier parts of a file opened in parts came to, kept in the
/// session until its last part says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedSoFar {
    file: u32,
    /// Where the file's documents start in the work.
    first_index: usize,
    /// Its documents opened so far.
    opened: usize,
    /// What the model refused in them.
    problems: Vec<String>,
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

/// The work itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Work {
    pub(super) documents: Vec<Rc<DocumentState>>,
    pub(super) schema: Rc<Schema>,
    /// The id the next new span gets: ids are never reused.
    pub(super) next_span_id: u64,
    pub(super) schema_history: Vec<SchemaRevision>,
    /// An annotators' patterns file (Prodigy's JSONL), used when suggesting.
    pub(super) patterns: Rc<str>,
    /// Phrases accepted from suggestions, suggested again wherever they occur.
    pub(super) always_tag: Rc<Vec<(String, Label)>>,
}

impl Work {
    /// Work of one document, with the default schema.
    pub fn with_document(document: Document) -> Self {
        Work {
            documents: vec![Rc::new(DocumentState::new(document))],
            schema: Rc::new(Schema::default()),
            next_span_id: 1,
            schema_history: Vec::new(),
            patterns: Rc::from(""),
            always_tag: Rc::new(Vec::new()),
        }
    }

    /// The open documents, in the order they were opened.
    pub fn documents(&self) -> &[Rc<DocumentState>] {
        &self.documents
    }

    pub fn schema(&self) -> &Rc<Schema> {
        &self.schema
    }

    /// The id the next new span gets.
    pub fn next_span_id(&self) -> u64 {
        self.next_span_id
    }
}

/// How many problems an import's notice says in full; more are counted
/// by kind, with the list on demand.
const PROBLEMS_SAID_IN_FULL: usize = 3;

impl AppState {
    /// Applies a change to the work; a read-only tab refuses it.
    pub(super) fn apply_work(&mut self, action: WorkAction) -> Result<Outcome, ModelError> {
        if let Some(reason) = &self.session.read_only {
            return Err(ModelError::ReadOnly(reason.clone()));
        }
        match action {
            WorkAction::Tag { start, end, label } => self.tag(start, end, label),
            WorkAction::ApplyLabel { label, selection: Some((start, end)) } => self.tag(start, end, label),
            WorkAction::ApplyLabel { label, selection: None } => match (self.view.caret.and_then(|c| c.range()), self.view.selected) {
                (Some((start, end)), _) => self.tag(start, end, label),
                (None, Some(id)) => self.relabel(id, label),
                (None, None) => Err(ModelError::NothingSelected),
            },
            WorkAction::LabelKey { key, selection } => match self.work.schema.label_for_key(key) {
                Some(label) => self.apply_work(WorkAction::ApplyLabel { label: label.clone(), selection }),
                None => Ok(Outcome::unchanged()),
            },
            WorkAction::Relabel { id, label } => self.relabel(id, label),
            WorkAction::Untag(id) => self.untag(id),
            WorkAction::UntagSelected => match self.view.selected {
                Some(id) => self.untag(id),
                None => Ok(Outcome::unchanged()),
            },
            WorkAction::Undo => self.step_history(true),
            WorkAction::Redo => self.step_history(false),
            WorkAction::OpenText { name, text } => Ok(self.open_text(&name, text)),
            WorkAction::ImportDocuments { source, documents, problems, schema, note, tally, part } => {
                self.import(&source, documents, FileNotes { problems, schema, note, tally }, part)
            }
            WorkAction::AddLabels(names) => self.add_labels(&names),
            WorkAction::SetStatus(status) => {
                if self.current().status == status {
                    return Ok(Outcome::unchanged());
                }
                Rc::make_mut(&mut self.work.documents[self.view.current]).status = status;
                self.session.unsaved_changes += 1;
                Ok(Outcome::changed(Some(format!("Marked {}", status.as_str()))))
            }
            WorkAction::EditSchema(edit) => self.edit_schema(edit),
            WorkAction::UndoSchema => self.undo_schema(),
            WorkAction::AdoptSchema(schema) => self.adopt_schema(schema),
            WorkAction::LoadPatterns { name, jsonl } => {
                let count = (self.session.readers.check_patterns)(&jsonl)
                    .map_err(|e| ModelError::Schema(format!("{name}: {e}; nothing was loaded.")))?;
                self.work.patterns = Rc::from(jsonl);
                Ok(Outcome::changed(Some(format!("{count} patterns from {name} will be used by Suggest"))))
            }
            WorkAction::OfferSuggestions(found) => self.offer_suggestions(found),
            WorkAction::AcceptSuggestion(index) => {
                self.view.selected_suggestion = None;
                self.accept_suggestions(&[index])
            }
            WorkAction::AcceptAllSuggestions(label) => {
                let indices: Vec<usize> =
                    self.current().suggestions.iter().enumerate().filter(|(_, s)| s.label == label).map(|(i, _)| i).collect();
                self.view.selected_suggestion = None;
                self.accept_suggestions(&indices)
            }
            WorkAction::RejectSuggestion(index) => {
                self.view.selected_suggestion = None;
                self.reject_suggestion(index)
            }
            WorkAction::SetValue { id, value } => {
                let value = value.map(|text| parse_value(&text, self.session.readers.number)).transpose()?;
                self.record(Edit::SetValue { id, value })?;
                Ok(Outcome::changed(Some("Value set".to_owned())))
            }
            WorkAction::TagOccurrences { text, label, all_documents, case_sensitive } => {
                self.tag_occurrences(&text, &label, all_documents, case_sensitive)
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
        let exact = self.view.caret.is_some_and(|caret| caret.exact && caret.range() == Some((start, end)));
        let precision = if exact { Precision::Character } else { self.view.precision };
        let (start, end) = refine(doc.document.text(), start, end, precision).ok_or(ModelError::NothingToTag)?;
        let value = self.read_value(&label, doc.document.slice(start, end).unwrap_or_default());
        let span = Span::new(SpanId(self.work.next_span_id), start, end, label)?.with_value(value);
        let announcement = self.describe(&span, "added");
        self.record(Edit::Insert(span.clone()))?;
        self.work.next_span_id += 1;
        self.view.selected = Some(span.id());
        self.session.notice = None;
        self.view.caret = Some(Caret::at(end));
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
        if self.view.selected == Some(id) {
            self.view.selected = None;
        }
        Ok(Outcome::changed(Some(announcement)))
    }

    /// Applies one edit to the shown document and records its inverse.
    fn record(&mut self, edit: Edit) -> Result<(), ModelError> {
        let doc = Rc::make_mut(&mut self.work.documents[self.view.current]);
        let inverse = edit.apply(&mut doc.annotations, &doc.document.text().clone())?;
        stamp_edit(&mut doc.stamps, &inverse, self.session.clock);
        doc.history.record(Revision(vec![inverse]));
        if doc.status == Status::Todo {
            doc.status = Status::InProgress;
        }
        self.session.unsaved_changes += 1;
        Ok(())
    }

    fn step_history(&mut self, undo: bool) -> Result<Outcome, ModelError> {
        let doc = self.current();
        if !(if undo { doc.history.can_undo() } else { doc.history.can_redo() }) {
            return Ok(Outcome::unchanged());
        }
        let doc = Rc::make_mut(&mut self.work.documents[self.view.current]);
        let text = doc.document.text().clone();
        let stepped = if undo { doc.history.undo(&mut doc.annotations, &text)? } else { doc.history.redo(&mut doc.annotations, &text)? };
        if let Some(id) = self.view.selected {
            if self.current().annotations.get(id).is_none() {
                self.view.selected = None;
            }
        }
        if stepped {
            self.session.unsaved_changes += 1;
        }
        Ok(if stepped { Outcome::changed(Some((if undo { "Undone" } else { "Redone" }).to_owned())) } else { Outcome::unchanged() })
    }

    /// The ids of the open documents, for giving new ones.
    fn ids(&self) -> IdAllocator<String> {
        IdAllocator::with_taken(self.work.documents.iter().map(|d| d.document.id()))
    }

    fn import(
        &mut self,
        source: &str,
        documents: Vec<ImportedDocument>,
        notes: FileNotes,
        part: ImportPart,
    ) -> Result<Outcome, ModelError> {
        let FileNotes { problems, schema, note, tally } = notes;
        // What the earlier parts of the same file came to, for a later part.
        let continues = match part {
            ImportPart::More(_) | ImportPart::Last(_) => {
                self.session.opening.as_ref().is_some_and(|so_far| Some(so_far.file) == part.file())
            }
            ImportPart::Whole | ImportPart::First(_) => false,
        };
        let opened_before = if continues { self.session.opening.as_ref().map_or(0, |so_far| so_far.opened) } else { 0 };
        let says_all = matches!(part, ImportPart::Whole | ImportPart::Last(_));
        if documents.is_empty() && opened_before == 0 && says_all {
            let detail = problems.first().map_or(String::new(), |p| format!(": {p}"));
            return Err(ModelError::NothingImported(format!("{source} holds no document Sorot can open{detail}")));
        }
        let so_far = if continues { self.session.opening.take() } else { None };
        let first_new = self.work.documents.len();
        let first_of_file = so_far.as_ref().map_or(first_new, |so_far| so_far.first_index);
        let mut skipped = problems;
        skipped.extend(so_far.into_iter().flat_map(|so_far| so_far.problems));
        let mut ids = self.ids();
        let mut matched = Vec::new();
        // The documents open before the file, by text, indexed once, only
        // for a file that numbers documents itself.
        let open_by_text: HashMap<Rc<str>, Rc<DocumentState>> = if documents.iter().any(|d| d.match_by_text) {
            self.work.documents[..first_of_file].iter().map(|d| (d.document.text().clone(), d.clone())).collect()
        } else {
            HashMap::new()
        };
        for mut imported in documents {
            let mut wanted = imported.document.id().to_owned();
            if imported.match_by_text {
                if let Some(open) = open_by_text.get(imported.document.text()) {
                    matched.push(format!("{wanted} is {}", open.document.id()));
                    wanted = open.document.id().to_owned();
                    if imported.meta == Metadata::default() {
                        imported.meta = (*open.meta).clone();
                    }
                }
            }
            let id = ids.take_id(or_document(&wanted)).0;
            let mut state = DocumentState::new(imported.document.with_id(id));
            let mut spans = Vec::with_capacity(imported.spans.len());
            let mut problems = Vec::new();
            for ImportedSpan { start, end, label, value } in imported.spans {
                let span = Span::new(SpanId(self.work.next_span_id), start, end, label).map(|span| span.with_value(value));
                match span {
                    Ok(span) if span.end() > state.document.char_len() => {
                        problems.push(ModelError::OutOfRange { end: span.end(), len: state.document.char_len() });
                    }
                    Ok(span) => {
                        spans.push(span);
                        self.work.next_span_id += 1;
                    }
                    Err(problem) => problems.push(problem),
                }
            }
            problems.extend(state.annotations.insert_all(spans, &state.document.text().clone()));
            let doc_id = state.document.id();
            skipped.extend(problems.iter().map(|problem| format!("{source} (doc \u{201c}{doc_id}\u{201d}): {problem}")));
            state.status = imported.status;
            state.meta = Rc::new(imported.meta);
            self.work.documents.push(Rc::new(state));
        }
        let added = self.work.documents.len() - first_new;
        // The file's first document is shown as soon as it is open.
        if opened_before == 0 && added > 0 {
            self.view.current = first_new;
            self.view.selected = None;
            self.view.caret = None;
        }
        // A file opened in parts is one change, counted with its first part.
        if !continues {
            self.session.unsaved_changes += 1;
        }
        if let ImportPart::First(file) | ImportPart::More(file) = part {
            self.session.opening = Some(OpenedSoFar { file, first_index: first_of_file, opened: opened_before + added, problems: skipped });
            return Ok(Outcome::changed(None));
        }
        let count = opened_before + added;
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
        self.session.notice = match schema.filter(|schema| *schema != *self.work.schema) {
            // A file's own schema comes first: adopting it usually answers
            // the unknown-label problems too.
            Some(schema) => Some(Notice::Offer {
                message: format!("{summary}{}. It carries its own label schema ({}).", problems(""), schema.names().join(", ")),
                accept: "Adopt its schema".to_owned(),
                action: Box::new(WorkAction::AdoptSchema(schema).into()),
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
        for doc in &self.work.documents {
            for span in doc.annotations.spans() {
                let name = span.label().name();
                if self.work.schema.get(name).is_none() && !unknown.iter().any(|u| u == name) {
                    unknown.push(name.to_owned());
                }
            }
        }
        (!unknown.is_empty()).then(|| Notice::Offer {
            message: format!("{summary}. It uses labels the schema lacks: {}.", unknown.join(", ")),
            accept: "Add them to the schema".to_owned(),
            action: Box::new(WorkAction::AddLabels(unknown).into()),
        })
    }

    fn add_labels(&mut self, names: &[String]) -> Result<Outcome, ModelError> {
        let mut schema = (*self.work.schema).clone();
        for name in names {
            schema.add(name).map_err(ModelError::Schema)?;
        }
        self.work.schema = Rc::new(schema);
        Ok(Outcome::changed(Some(format!("Added {}", names.join(", ")))))
    }

    fn open_text(&mut self, name: &str, text: String) -> Outcome {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let id = self.ids().take_id(or_document(stem)).0;
        let document = Document::new(id, text);
        let announcement = format!("Opened {}", document.title());
        self.work.documents.push(Rc::new(DocumentState::new(document)));
        self.view.current = self.work.documents.len() - 1;
        self.view.selected = None;
        self.view.caret = None;
        self.session.unsaved_changes += 1;
        Outcome::changed(Some(announcement))
    }
}

/// Reads a value typed by the annotator: JSON (`20`, `{"min":10,"max":99}`)
/// as it is, otherwise a number the rules read, such as "dua puluh" or "ratusan".
fn parse_value(text: &str, read_number: fn(&str) -> Option<Rc<str>>) -> Result<Rc<str>, ModelError> {
    let text = text.trim();
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
        return Ok(Rc::from(json.to_string()));
    }
    read_number(text).ok_or_else(|| ModelError::BadValue(text.to_owned()))
}

/// The span an applied edit's inverse names: the span the edit touched.
pub(super) fn inverse_target(inverse: &Edit) -> Option<SpanId> {
    match inverse {
        Edit::Insert(_) => None,
        Edit::Remove(span) => Some(span.id()),
        Edit::Relabel { id, .. } | Edit::SetValue { id, .. } => Some(*id),
    }
}

/// Records that span `id` was created or changed at `now` (its creation
/// time stays). Stamps of removed spans stay too, harmlessly: they are
/// looked up by the spans that exist, and come back with an undo.
pub(super) fn stamp(stamps: &mut Rc<BTreeMap<SpanId, (u64, u64)>>, id: &Option<SpanId>, now: u64) {
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
