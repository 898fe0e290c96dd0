//! Files in and out of the page: opening what the user chose or dropped,
//! *Export JSON*, *Save*, *Export as…*, and the smaller downloads (the
//! import problems, a document's share page, the schema). Which reader a
//! file goes to and what an export holds are decided in
//! [`crate::formats`]; here is the browser's side: reading bytes, long
//! reads and writes a slice at a time behind a progress bar, and
//! downloads. Results and problems come back to the store as actions.

use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, FileList, HtmlInputElement};
use yew::prelude::*;

use super::effects;
use super::store::{on, Store, StoreHandle};
use crate::formats::export::{Export, ExportFormat, ExportJob};
use crate::formats::jsonl::JsonlImport;
use crate::formats::open::{CorpusInSteps, InSteps, Opened, SorotInParts};
use crate::formats::sorot_json::{SorotImport, SorotOutlining};
use crate::formats::{html, open, schema_json, sorot_json, Corpus, FormatError, ImportReport, Stepwise};
use crate::limits::STEP_MS;
use crate::model::offsets::OffsetUnit;
use crate::model::{Progress, SessionAction};

/// Name of the file *Export JSON* and *Save* write.
const EXPORT_FILE_NAME: &str = "sorot-annotations.json";

/// Opens the files chosen with the file button.
pub fn on_open(store: &StoreHandle) -> Callback<Event> {
    with_store(store, |store, event: Event| {
        let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        let files = input.files().map(file_list).unwrap_or_default();
        // Reset so that choosing the same file again fires `change` again.
        input.set_value("");
        open_files(store, files);
    })
}

/// Opens the files dropped on the page.
pub fn on_drop(store: &StoreHandle) -> Callback<DragEvent> {
    with_store(store, |store, event: DragEvent| {
        event.prevent_default();
        let files = event.data_transfer().and_then(|d| d.files()).map(file_list).unwrap_or_default();
        open_files(store, files);
    })
}

/// *Export JSON*: every document as one Sorot file, written a slice at a
/// time, then downloaded.
pub fn on_export_json(store: &StoreHandle) -> Callback<()> {
    with_store(store, |store, ()| {
        let (dispatcher, state) = (store.dispatcher(), store.0.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let job = ExportJob::new(Corpus::from_state(&state), (**state.schema()).clone(), ExportFormat::Sorot, "sorot");
            let Some(file) = write_export(&dispatcher, job).await.and_then(|export| export.files.into_iter().next()) else { return };
            // Bytes, not a string: a 30 MB string would be decoded again for JS.
            match effects::download_bytes(EXPORT_FILE_NAME, &file.bytes) {
                Ok(()) => dispatcher.dispatch(SessionAction::MarkSaved.into()),
                Err(problem) => dispatcher.dispatch(SessionAction::ReportProblem(problem).into()),
            }
        });
    })
}

/// *Save*: a Sorot file, written back to the file chosen the first time
/// where the browser allows, which the hook keeps across renders.
#[hook]
pub fn use_save(store: &StoreHandle) -> Callback<()> {
    let save_handle = use_mut_ref(|| None);
    with_store(store, move |store, ()| {
        let (store, save_handle) = (store.clone(), save_handle.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let contents = sorot_json::export(&store.0);
            match effects::save(&save_handle, EXPORT_FILE_NAME, &contents).await {
                Ok(true) => store.dispatch(SessionAction::MarkSaved.into()),
                Ok(false) => {}
                Err(problem) => store.dispatch(SessionAction::ReportProblem(problem).into()),
            }
        });
    })
}

/// *Export as…*: `format`, of every document or (`true`) the shown one;
/// asks first when the format cannot hold every span as it is.
pub fn on_export_as(store: &StoreHandle) -> Callback<(ExportFormat, bool)> {
    with_store(store, |store, (format, current_only): (ExportFormat, bool)| {
        let (dispatcher, state) = (store.dispatcher(), store.0.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let job = ExportJob::of_state(&state, format, current_only);
            let Some(export) = write_export(&dispatcher, job).await else { return };
            if let Some(question) = export.question(format) {
                if !gloo::dialogs::confirm(&question) {
                    return;
                }
            }
            for file in &export.files {
                if let Err(problem) = effects::download_bytes(&file.name, &file.bytes) {
                    dispatcher.dispatch(SessionAction::ReportProblem(problem).into());
                    return;
                }
            }
            dispatcher.dispatch(SessionAction::MarkSaved.into());
        });
    })
}

/// Downloads the problems an import report lists.
pub fn on_download_report(store: &StoreHandle) -> Callback<()> {
    let shown = store.clone();
    on(store, move |()| download("sorot-import-problems.txt", "text/plain", &shown.0.notice()?.report_file()?))
}

/// Downloads the shown document as a page of its own, named by its id.
pub fn on_share(store: &StoreHandle) -> Callback<()> {
    let shown = store.clone();
    on(store, move |()| {
        let doc = shown.0.current();
        download(&format!("{}.html", doc.document.id()), "text/html", &html::share_page(doc, shown.0.schema()))
    })
}

/// Downloads the label schema.
pub fn on_export_schema(store: &StoreHandle) -> Callback<()> {
    let shown = store.clone();
    on(store, move |()| download("sorot-schema.json", "application/json", &schema_json::export(shown.0.schema())))
}

/// Starts a download; the problem, if the browser refused it.
fn download(file_name: &str, mime: &str, contents: &str) -> Option<SessionAction> {
    effects::download(file_name, mime, contents).err().map(SessionAction::ReportProblem)
}

/// A callback that runs `act` with the store as this render sees it.
fn with_store<In: 'static>(store: &StoreHandle, act: impl Fn(&StoreHandle, In) + 'static) -> Callback<In> {
    let store = store.clone();
    Callback::from(move |event| act(&store, event))
}

fn file_list(list: FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads the chosen or dropped files, then opens what they hold, one
/// action per file (or brat pair), in the schema's labels and the doccano
/// unit chosen. Sorot files and JSON Lines documents are read a slice at a
/// time with a progress bar, so a 10,000-document file never freezes the page.
fn open_files(store: &StoreHandle, files: Vec<File>) {
    let (dispatcher, known_labels, doccano_unit) = (store.dispatcher(), store.0.schema().names(), store.0.doccano_unit());
    wasm_bindgen_futures::spawn_local(async move {
        let mut read = Vec::new();
        for file in files {
            let name = file.name();
            if let Some(refused) = open::refused_by_size(&name, file.size()) {
                dispatcher.dispatch(refused.into_action());
                continue;
            }
            match effects::read_bytes(&file).await {
                Ok(bytes) => read.push((name, bytes)),
                Err(problem) => dispatcher.dispatch(SessionAction::ReportProblem(problem).into()),
            }
        }
        // Copying a large file in took a slice of its own.
        effects::yield_to_page().await;
        let names: Vec<String> = read.iter().map(|(name, _)| name.clone()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let (mut stepwise, mut at_once) = (Vec::new(), Vec::new());
        for (name, bytes) in read {
            match open::reads_in_steps(&name, &bytes, &names) {
                Some(how) => stepwise.push((name, bytes, how)),
                None => at_once.push((name, bytes)),
            }
        }
        for (name, bytes, how) in stepwise {
            let opened = match how {
                InSteps::Sorot => {
                    open_sorot(&dispatcher, &name, &bytes, &known_labels).await;
                    continue;
                }
                InSteps::JsonLines => {
                    let asked = read_json_lines(&dispatcher, &name, &bytes, &known_labels, doccano_unit).await;
                    match asked.as_ref().ok().and_then(|(_, report)| report.likely_unit()) {
                        Some(likely) => {
                            let again = read_json_lines(&dispatcher, &name, &bytes, &known_labels, likely).await;
                            open::in_likely_unit(&name, asked, |_| again)
                        }
                        None => open::opened_corpus(&name, asked),
                    }
                }
            };
            let action = match opened {
                Opened::Corpus { source, corpus, report, schema } => {
                    let mut corpus = CorpusInSteps::new(source, corpus, report, schema);
                    in_steps(&dispatcher, &format!("Opening {name}"), &mut corpus, 100).await;
                    corpus.into_action()
                }
                other => other.into_action(),
            };
            dispatcher.dispatch(action);
        }
        for opened in open::open_files(&at_once, &known_labels, doccano_unit) {
            dispatcher.dispatch(opened.into_action());
        }
    });
}

/// Runs `work` a slice at a time, `count` items a step, and opens what
/// each slice made ready to open (see [`Stepwise::take_part`]). Between
/// slices, and after the last, the page paints and takes input, showing a
/// progress bar named `task` once the work outlasts one slice.
async fn in_steps(dispatcher: &UseReducerDispatcher<Store>, task: &str, work: &mut dyn Stepwise, count: usize) {
    let mut shown = false;
    loop {
        let started = js_sys::Date::now();
        loop {
            work.step(count);
            if work.is_done() || js_sys::Date::now() - started >= STEP_MS {
                break;
            }
        }
        // What the slice made ready opens in a task of its own: reading and
        // opening together would hold the page twice as long.
        if let Some(part) = work.take_part() {
            effects::yield_to_page().await;
            dispatcher.dispatch(part);
        }
        if work.is_done() {
            // A task done within one slice never showed a bar: no render to take it away.
            if shown {
                dispatcher.dispatch(SessionAction::ShowProgress(None).into());
            }
            // What comes next (another task, the import) starts a slice of its own.
            effects::yield_to_page().await;
            return;
        }
        shown = true;
        let (done, total) = work.progress();
        dispatcher.dispatch(SessionAction::ShowProgress(Some(Progress { task: task.to_owned(), done, total })).into());
        effects::yield_to_page().await;
    }
}

/// Reads a JSON Lines file a slice at a time, showing how far it has got;
/// doccano's offsets are read in `doccano_unit`.
async fn read_json_lines(
    dispatcher: &UseReducerDispatcher<Store>,
    name: &str,
    bytes: &[u8],
    known_labels: &[String],
    doccano_unit: OffsetUnit,
) -> Result<(Corpus, ImportReport), FormatError> {
    let mut import = JsonlImport::new(name, bytes, known_labels, doccano_unit)?;
    in_steps(dispatcher, &format!("Reading {name}"), &mut import, 50).await;
    import.finish()
}

/// Opens a Sorot file while it is read ([`SorotInParts`]): its first
/// documents as soon as they are read, then the rest a slice at a time
/// behind them, with a progress bar.
async fn open_sorot(dispatcher: &UseReducerDispatcher<Store>, name: &str, bytes: &[u8], known_labels: &[String]) {
    // Checking a large file's text and outlining it take a slice each.
    let refused = |refusal| dispatcher.dispatch(open::opened_corpus(name, Err(refusal)).into_action());
    let text = match SorotImport::decode(name, bytes) {
        Ok(text) => text,
        Err(refusal) => return refused(refusal),
    };
    effects::yield_to_page().await;
    let mut outlining = SorotOutlining::new(name, text, known_labels);
    while !outlining.step(OUTLINE_SLICE_BYTES) {
        effects::yield_to_page().await;
    }
    let import = match outlining.finish() {
        Ok(import) if !import.only_schema() => import,
        Ok(schema_only) => return dispatcher.dispatch(open::opened_sorot(name, schema_only).into_action()),
        Err(refusal) => return refused(refusal),
    };
    effects::yield_to_page().await;
    let mut parts = SorotInParts::new(next_file_number(), name, import);
    parts.step(FIRST_PART_DOCUMENTS);
    if !parts.is_done() {
        if let Some(first) = parts.take_part() {
            dispatcher.dispatch(first);
            effects::painted().await;
        }
        in_steps(dispatcher, &format!("Opening {name}"), &mut parts, 20).await;
    }
    dispatcher.dispatch(parts.last_part());
}

/// How much of a file one slice outlines: 8 MiB, some 12 ms here.
const OUTLINE_SLICE_BYTES: usize = 8 << 20;

/// How many documents of a file opened in parts the first part holds: few,
/// so the first document shows at once.
const FIRST_PART_DOCUMENTS: usize = 10;

/// A number no other file opened in parts in this page has had.
fn next_file_number() -> u32 {
    thread_local! {
        static OPENED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    OPENED.with(|opened| {
        opened.set(opened.get() + 1);
        opened.get()
    })
}

/// Writes an export a slice at a time, showing how far it has got.
async fn write_export(dispatcher: &UseReducerDispatcher<Store>, mut job: ExportJob) -> Option<Export> {
    in_steps(dispatcher, "Exporting", &mut job, 20).await;
    job.finish()
}
