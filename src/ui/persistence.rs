//! Never losing work: the saved session read before the page first renders
//! ([`open_saved_session`]), a hook that writes every change back to the
//! browser's database, and the guards around it (the editor lock, the
//! unsaved-work warning on leaving).
//!
//! Writes are incremental: a document's record is written only when its
//! revision is one not written yet, its text only once, so a change costs
//! one document's spans.
//! They happen after the next paint: a key press shows its span first, and
//! the toolbar says "saving" from the moment of the change.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::limits::{SCROLL_REST_MS, STORE_SLICE_BYTES};
use crate::model::{Action, AppState, DocumentState, Schema, SessionAction};
use crate::persist::snapshot::{doc_key, meta_of, migrate_meta, restore, stored_document, text_key};

use super::hooks::use_latest;
use super::storage::{take_editor_lock, Database};
use super::store::Store;

/// Where the work stands with the browser's database, for the toolbar.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageStatus {
    /// A change is not stored yet: its write waits or is under way.
    Saving,
    /// Everything shown is stored.
    Saved,
    /// Nothing is being stored, and why.
    Off(String),
}

/// What has been written, so each change writes only what it touched.
#[derive(Default)]
struct Written {
    database: Option<Database>,
    /// The revision of each document last written, by id.
    documents: HashMap<String, u64>,
    texts: HashSet<String>,
    meta: String,
    /// The state last seen by the render effect, to tell a change cheaply.
    seen: Option<Seen>,
    /// A write is waiting for the next paint.
    scheduled: bool,
    /// A write is under way; the next waits for it, so an older version of
    /// a record is never stored over a newer one.
    writing: bool,
    /// A write was asked for while one was under way.
    rerun: bool,
}

impl Written {
    /// Whether `state` is not all stored yet: it changed since the last
    /// render noted, or a write waits or is under way.
    fn pending(&self, state: &AppState) -> bool {
        self.database.is_some() && (self.scheduled || self.writing || !self.seen.as_ref().is_some_and(|seen| seen.same_as(state)))
    }
}

/// What the stored records depend on, compared by identity: a changed
/// document or schema is a new `Rc`.
struct Seen {
    documents: Vec<Rc<DocumentState>>,
    schema: Rc<Schema>,
    scalars: (usize, u64, u32),
}

impl Seen {
    fn of(state: &AppState) -> Self {
        Seen {
            documents: state.documents().to_vec(),
            schema: state.schema().clone(),
            scalars: (state.current_index(), state.next_span_id(), state.unsaved_changes()),
        }
    }

    fn same_as(&self, state: &AppState) -> bool {
        self.scalars == (state.current_index(), state.next_span_id(), state.unsaved_changes())
            && Rc::ptr_eq(&self.schema, state.schema())
            && self.documents.len() == state.documents().len()
            && self.documents.iter().zip(state.documents()).all(|(seen, now)| Rc::ptr_eq(seen, now))
    }
}

/// The saved session as the page opens: read before the first render, so
/// the page draws the restored work (or the seed article) at once rather
/// than a "loading" page and then the article.
pub struct SavedSession {
    /// What turns the seed state into the restored one: the restore, the
    /// read-only mode, a storage problem.
    pub actions: Vec<Action>,
    status: StorageStatus,
    database: Option<Database>,
    /// The documents whose text is stored already.
    texts: HashSet<String>,
    scroll_y: Option<f64>,
}

impl SavedSession {
    fn off(mut actions: Vec<Action>, message: String) -> Self {
        actions.push(SessionAction::ReportProblem(message.clone()).into());
        SavedSession { actions, status: StorageStatus::Off(message), database: None, texts: HashSet::new(), scroll_y: None }
    }
}

/// Takes the editor lock, opens the database and reads what it holds. The
/// lock is asked for while the database opens: each is a round trip to the
/// browser, and the page waits for both before it first renders.
pub async fn open_saved_session() -> SavedSession {
    let mut actions = Vec::new();
    let lock = take_editor_lock();
    let database = Database::open().await;
    if let Ok(false) = lock.await {
        actions.push(
            SessionAction::EnterReadOnly(
                "Sorot is already open in another tab or window. Edit there, or close it and reload this page.".to_owned(),
            )
            .into(),
        );
    }
    let database = match database {
        Ok(database) => database,
        Err(problem) => {
            let message = format!("Your work is not being saved in this browser ({}). Use Export JSON often.", problem.0);
            return SavedSession::off(actions, message);
        }
    };
    let records = match database.read_all().await {
        Ok(records) => records,
        Err(problem) => {
            let message = format!("Your saved work could not be read ({}). Export JSON to keep what you do now.", problem.0);
            return SavedSession::off(actions, message);
        }
    };
    let (mut texts, mut scroll_y) = (HashSet::new(), None);
    if let Some(raw_meta) = records.get("meta") {
        match migrate_meta(raw_meta).and_then(|meta| restore(&meta, &records).map(|state| (meta, state))) {
            Ok((meta, state)) => {
                texts = meta.documents.iter().cloned().collect();
                scroll_y = Some(meta.scroll_y);
                actions.push(SessionAction::Restore(Box::new(state)).into());
            }
            Err(problem) => {
                // The stored records stay untouched: nothing is written over them.
                return SavedSession::off(actions, format!("Saved work was not restored: {problem}. Nothing will be saved over it."));
            }
        }
    }
    SavedSession { actions, status: StorageStatus::Saved, database: Some(database), texts, scroll_y }
}

/// Stores every change to the state `saved` was restored into.
#[hook]
pub fn use_session_storage(store: &UseReducerHandle<Store>, saved: &SavedSession) -> StorageStatus {
    let status = use_state(|| saved.status.clone());
    let written = use_mut_ref(|| Written { database: saved.database.clone(), texts: saved.texts.clone(), ..Written::default() });
    let scroll_y = saved.scroll_y;
    use_effect_with((), move |_| {
        if let Some(y) = scroll_y {
            restore_scroll(y);
        }
    });

    let latest = use_latest(store.clone());
    {
        let status = status.clone();
        let written = written.clone();
        let store = store.clone();
        use_effect(move || {
            let writable = *status == StorageStatus::Saved && store.0.read_only().is_none();
            if !writable {
                return;
            }
            if let Noted::Changed { schedule: true } = note_change(&store.0, &written) {
                super::effects::after_next_paint(move || write_changes(latest, written, status));
            }
        });
    }

    use_leave_guards(store, &written);
    // "Saving" is worked out here, in the render that shows the change:
    // set from the effect, it would render the whole page a second time on
    // every key press. A finished write sets the status, which renders.
    match &*status {
        StorageStatus::Saved if store.0.read_only().is_none() && written.borrow().pending(&store.0) => StorageStatus::Saving,
        other => other.clone(),
    }
}

/// What the render effect found.
enum Noted {
    /// Nothing to store since the last render.
    Unchanged,
    /// A change, and whether a write must be scheduled for it (none is waiting).
    Changed { schedule: bool },
}

/// Notes a change since the last render, if any.
fn note_change(state: &AppState, written: &Rc<RefCell<Written>>) -> Noted {
    let mut written = written.borrow_mut();
    if written.database.is_none() || written.seen.as_ref().is_some_and(|seen| seen.same_as(state)) {
        return Noted::Unchanged;
    }
    written.seen = Some(Seen::of(state));
    let schedule = !written.scheduled;
    written.scheduled = true;
    Noted::Changed { schedule }
}

/// Writes the records that changed since the last write.
fn write_changes(latest: Rc<RefCell<UseReducerHandle<Store>>>, written: Rc<RefCell<Written>>, status: UseStateHandle<StorageStatus>) {
    let mut guard = written.borrow_mut();
    guard.scheduled = false;
    if guard.writing {
        guard.rerun = true;
        return;
    }
    let Some(database) = guard.database.clone() else { return };
    let store = latest.borrow().clone();
    let state = &store.0;
    let mut records: Vec<(String, String)> = Vec::new();
    let mut bytes = 0;
    for doc in state.documents() {
        if bytes >= STORE_SLICE_BYTES {
            // The rest in the next write; the documents list last of all,
            // so that it never names a document not stored yet.
            guard.rerun = true;
            break;
        }
        let id = doc.document.id().to_owned();
        if !guard.texts.contains(&id) {
            bytes += doc.document.text().len();
            records.push((text_key(&id), doc.document.text().to_string()));
            guard.texts.insert(id.clone());
        }
        if guard.documents.get(&id) != Some(&doc.revision) {
            let record = serde_json::to_string(&stored_document(doc)).unwrap_or_default();
            bytes += record.len();
            records.push((doc_key(&id), record));
            guard.documents.insert(id, doc.revision);
        }
    }
    // Worked out once the documents are all stored: it names them all, and
    // reading the scroll position makes the browser lay out the page.
    if !guard.rerun {
        let meta = serde_json::to_string(&meta_of(state, scroll_y())).unwrap_or_default();
        if meta != guard.meta {
            records.push(("meta".to_owned(), meta.clone()));
            guard.meta = meta;
        }
    }
    if records.is_empty() {
        status.set(StorageStatus::Saved);
        return;
    }
    guard.writing = true;
    drop(guard);
    wasm_bindgen_futures::spawn_local(async move {
        let result = database.write(records).await;
        let (rerun, scheduled) = {
            let mut written = written.borrow_mut();
            written.writing = false;
            (std::mem::take(&mut written.rerun), written.scheduled)
        };
        match result {
            // What changed meanwhile is written now, after this write.
            Ok(()) if rerun => write_changes(latest, written, status),
            // A change waiting for its own write is not saved yet.
            Ok(()) if scheduled => {}
            Ok(()) => status.set(StorageStatus::Saved),
            Err(problem) => {
                // Forget what was written so the next change retries everything.
                let mut written = written.borrow_mut();
                written.documents.clear();
                written.texts.clear();
                written.meta.clear();
                written.seen = None;
                status.set(StorageStatus::Off(format!("{}. Export JSON now so nothing is lost.", problem.0)));
            }
        }
    });
}

/// Stores the scroll position when the page is hidden or left, and warns
/// before leaving while work is not exported or saved to a file.
#[hook]
fn use_leave_guards(store: &UseReducerHandle<Store>, written: &Rc<RefCell<Written>>) {
    let latest = use_latest(store.0.clone());
    let written = written.clone();
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let store_scroll = {
            let (latest, written) = (latest.clone(), written.clone());
            move |_: &web_sys::Event| {
                let database = written.borrow().database.clone();
                if let Some(database) = database {
                    let meta = serde_json::to_string(&meta_of(&latest.borrow(), scroll_y())).unwrap_or_default();
                    written.borrow_mut().meta = meta.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = database.write(vec![("meta".to_owned(), meta)]).await;
                    });
                }
            }
        };
        let hidden = EventListener::new(&gloo::utils::document(), "visibilitychange", store_scroll.clone());
        let pagehide = EventListener::new(&window, "pagehide", store_scroll.clone());
        // A scroll is stored once it has rested for a moment: a fast scroll
        // ends many times a second.
        let resting = RefCell::new(None);
        let scrolled = EventListener::new(&window, "scrollend", move |event| {
            let (store_scroll, event) = (store_scroll.clone(), event.clone());
            *resting.borrow_mut() = Some(gloo::timers::callback::Timeout::new(SCROLL_REST_MS, move || store_scroll(&event)));
        });
        let options = EventListenerOptions::enable_prevent_default();
        let before_unload = EventListener::new_with_options(&window, "beforeunload", options, move |event| {
            if latest.borrow().unsaved_changes() > 0 {
                event.prevent_default();
                if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    event.set_return_value("Some changes are not exported yet.");
                }
            }
        });
        move || drop((hidden, pagehide, scrolled, before_unload))
    });
}

fn scroll_y() -> f64 {
    gloo::utils::window().scroll_y().unwrap_or(0.0)
}

/// Scrolls back to where the reader was, once the restored article is drawn.
fn restore_scroll(y: f64) {
    gloo::timers::callback::Timeout::new(0, move || gloo::utils::window().scroll_to_with_x_and_y(0.0, y)).forget();
}
