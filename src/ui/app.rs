//! The root component: owns the store, wires DOM events to actions and
//! lays out toolbar, label bar, article and side panel.

use crate::model::{SessionAction, ViewAction, WorkAction};
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::formats::export::{Export, ExportFormat, ExportJob};
use crate::formats::jsonl::JsonlImport;
use crate::formats::open;
use crate::formats::{html, schema_json, sorot_json, Corpus, FormatError, ImportReport};
use crate::limits::STEP_MS;
use crate::model::offsets::OffsetUnit;
use crate::model::{seed_document, Action, AppState, DocumentState, Label, Notice, Progress, SpanId};
use crate::rehearsal::rehearse_edits;
use crate::suggest;
use std::rc::Rc;
use web_sys::{Element, HtmlElement};

use super::components::article::Article;
use super::components::compare::CompareView;
use super::components::document_list::DocumentList;
use super::components::guidelines::Guidelines;
use super::components::help::HelpOverlay;
use super::components::label_bar::LabelBar;
use super::components::notice::NoticeArea;
use super::components::paint::label_palette;
use super::components::schema_editor::SchemaEditor;
use super::components::span_details::{SpanDetails, DETAILS_ID};
use super::components::span_list::SpanList;
use super::components::statistics::Statistics;
use super::components::suggestion_list::SuggestionList;
use super::components::toolbar::{Toolbar, ViewControls};
use super::keys::KeyIntent;
use super::persistence::{use_session_storage, StorageStatus};
use super::store::Store;
use super::{effects, keys, selection};

/// Name of the file "Export JSON" downloads.
const EXPORT_FILE_NAME: &str = "sorot-annotations.json";

#[function_component(App)]
pub fn app() -> Html {
    let store = use_reducer(|| Store(AppState::with_document(seed_document()).with_readers(suggest::readers())));
    let article_ref = use_node_ref();
    let storage = use_session_storage(&store);

    // One keydown listener for the page. It reads the latest state through
    // a ref, so it is installed once, not on every render.
    let latest = use_mut_ref(|| store.clone());
    *latest.borrow_mut() = store.clone();
    {
        let article_ref = article_ref.clone();
        use_effect_with((), move |_| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
                let (Some(event), Some(article)) = (event.dyn_ref::<KeyboardEvent>(), article_ref.cast::<Element>()) else {
                    return;
                };
                let store = latest.borrow().clone();
                match keys::intent_for(event, &article, &store.0) {
                    Some(KeyIntent::Apply(action)) => {
                        event.prevent_default();
                        store.dispatch(action);
                    }
                    Some(KeyIntent::OpenDetails) => {
                        if let Some(details) = gloo::utils::document().get_element_by_id(DETAILS_ID) {
                            event.prevent_default();
                            let _ = details.unchecked_into::<HtmlElement>().focus();
                        }
                    }
                    None => {}
                }
            });
            move || drop(listener)
        });
    }

    // Pasting text anywhere outside a field opens it as a new document.
    {
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "paste", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::ClipboardEvent>() else { return };
                let in_field = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA"));
                let text = event.clipboard_data().and_then(|data| data.get_data("text/plain").ok()).unwrap_or_default();
                if in_field {
                    return;
                }
                if let Some(opened) = open::pasted(text) {
                    event.prevent_default();
                    dispatcher.dispatch(opened.into_action());
                }
            });
            move || drop(listener)
        });
    }
    // The caret as of the latest render, for work put off to the next frame:
    // keys pressed faster than frames must not see an older caret win.
    let current_caret = use_mut_ref(|| None);
    *current_caret.borrow_mut() = store.0.caret();
    // When the caret changes, mirror a keyboard selection into the browser's
    // selection, so what is highlighted is what is tagged. Only then: a render
    // for another reason (a save finishing) must not touch a selection the
    // user is making with the mouse.
    {
        let article_ref = article_ref.clone();
        let current_caret = current_caret.clone();
        use_effect_with(store.0.caret(), move |caret| {
            let Some(caret) = *caret else { return };
            // Showing a keyboard selection happens now; clearing the browser's
            // selection (after tagging) waits for the next frame's layout, and
            // is skipped if the caret has moved on by then.
            if caret.range().is_some() {
                if let Some(article) = article_ref.cast::<Element>() {
                    selection::mirror(&article, caret);
                }
                return;
            }
            effects::in_next_frame(move || {
                if let (Some(article), Some(latest)) = (article_ref.cast::<Element>(), *current_caret.borrow()) {
                    if latest == caret {
                        selection::mirror(&article, caret);
                    }
                }
            });
        });
    }
    // The caret bar follows the caret and the text (new spans shift it):
    // placed when either changes, not on every render, at the caret of the
    // latest render. Measured once the frame showing the change is painted,
    // when its layout is done: the text shows first, the bar a frame later.
    {
        let article_ref = article_ref.clone();
        let shown = Rc::as_ptr(store.0.current()) as usize;
        use_effect_with((store.0.caret(), shown, store.0.show_invisibles()), move |(caret, _, _)| {
            if caret.is_some() {
                effects::after_next_paint(move || {
                    if let (Some(article), Some(latest)) = (article_ref.cast::<Element>(), *current_caret.borrow()) {
                        place_caret(&article, latest.head);
                    }
                });
            }
        });
    }
    // Once the article is first shown, while the page is idle, rehearse what
    // a first key press runs: see crate::rehearsal.
    {
        let loaded = store.0.clone();
        let article_ref = article_ref.clone();
        use_effect_with(storage != StorageStatus::Loading, move |shown| {
            if *shown {
                effects::when_idle(move || {
                    rehearse_edits(&loaded);
                    if let Some(article) = article_ref.cast::<Element>() {
                        selection::rehearse(&article);
                    }
                });
            }
        });
    }
    // The theme: restored from this browser once, applied to <html>, remembered.
    {
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            if let Some(theme) = effects::stored_theme() {
                dispatcher.dispatch(ViewAction::SetTheme(theme).into());
            }
        });
    }
    use_effect_with(store.0.theme(), |theme| effects::apply_theme(*theme));
    // The unit doccano files count in: restored once, remembered when chosen.
    {
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            if let Some(unit) = effects::stored_doccano_unit() {
                dispatcher.dispatch(ViewAction::SetDoccanoUnit(unit).into());
            }
        });
    }
    let ondoccano_unit = use_callback(store.dispatcher(), |unit: OffsetUnit, dispatcher| {
        effects::store_doccano_unit(unit);
        dispatcher.dispatch(ViewAction::SetDoccanoUnit(unit).into());
    });
    // The annotator's name: asked once, kept in this browser.
    {
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            if let Some(name) = effects::stored_annotator() {
                dispatcher.dispatch(SessionAction::SetAnnotator(name).into());
            }
        });
    }
    use_effect_with(store.0.annotator().map(str::to_owned), |name| {
        if let Some(name) = name {
            effects::store_annotator(name);
        }
    });
    // Keep the selected span in view when Tab moves the selection. Looked at
    // once the frame showing it is painted, whose layout it then shares,
    // instead of forcing one more now (a new span is selected, and nearly
    // always in view).
    {
        let selected = store.0.selected();
        use_effect_with(selected, move |selected| {
            if let Some(id) = *selected {
                effects::after_next_paint(move || effects::scroll_to_span(id.0));
            }
        });
    }

    let dispatch = |make: fn() -> Action| {
        let store = store.clone();
        Callback::from(move |_: ()| store.dispatch(make()))
    };
    // The label bar's callbacks are made once, so a key press does not
    // re-render the bar.
    let onlabel = use_callback((store.dispatcher(), article_ref.clone()), |label: Label, (dispatcher, article_ref)| {
        let range = article_ref.cast::<web_sys::Element>().and_then(|article| selection::take_selected_range(&article));
        dispatcher.dispatch(WorkAction::ApplyLabel { label, selection: range }.into());
    });
    let onedit_labels =
        use_callback(store.dispatcher(), |_: (), dispatcher| dispatcher.dispatch(ViewAction::ShowSchemaEditor(true).into()));
    let onprecision =
        use_callback(store.dispatcher(), |precision, dispatcher| dispatcher.dispatch(ViewAction::SetPrecision(precision).into()));
    let oninvisibles = use_callback(store.dispatcher(), |_: (), dispatcher| dispatcher.dispatch(ViewAction::ToggleInvisibles.into()));
    let ontheme = use_callback(store.dispatcher(), |theme, dispatcher| dispatcher.dispatch(ViewAction::SetTheme(theme).into()));
    let onpick_in_text = {
        let store = store.clone();
        Callback::from(move |id: Option<SpanId>| store.dispatch(ViewAction::Select(id).into()))
    };
    // Callbacks handed to list rows are made once, so a render of the app
    // leaves the rows' props equal and the rows alone.
    let onpick_in_list = use_callback(store.dispatcher(), |id: SpanId, dispatcher| {
        dispatcher.dispatch(ViewAction::Select(Some(id)).into());
        // After the render: a span far down is drawn only once selected.
        gloo::timers::callback::Timeout::new(0, move || effects::scroll_to_span(id.0)).forget();
    });
    let onswitch =
        use_callback(store.dispatcher(), |index: usize, dispatcher| dispatcher.dispatch(ViewAction::SwitchDocument(index).into()));
    let oncaret = {
        let store = store.clone();
        let article_ref = article_ref.clone();
        Callback::from(move |exact: bool| {
            if let Some(caret) = article_ref.cast::<Element>().and_then(|article| selection::current_caret(&article, exact)) {
                store.dispatch(ViewAction::SetCaret(caret).into());
            }
        })
    };
    let onrelabel = {
        let store = store.clone();
        Callback::from(move |label: Label| {
            if let Some(id) = store.0.selected() {
                store.dispatch(WorkAction::Relabel { id, label }.into());
            }
        })
    };
    let onexport = {
        let store = store.clone();
        Callback::from(move |_| {
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
    };
    let save_handle = use_mut_ref(|| None);
    let onsave = {
        let store = store.clone();
        Callback::from(move |_| {
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
    };
    let onopen = {
        let store = store.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let files = input.files().map(file_list).unwrap_or_default();
            // Reset so that choosing the same file again fires `change` again.
            input.set_value("");
            open_files(store.dispatcher(), store.0.schema().names(), store.0.doccano_unit(), files);
        })
    };
    let ondrop = {
        let store = store.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let files = event.data_transfer().and_then(|d| d.files()).map(file_list).unwrap_or_default();
            open_files(store.dispatcher(), store.0.schema().names(), store.0.doccano_unit(), files);
        })
    };
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    let onexport_as = {
        let store = store.clone();
        Callback::from(move |(format, current_only): (ExportFormat, bool)| {
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
    };

    let state = &store.0;
    let doc = state.current().clone();
    // Statistics follow the documents and the schema, a frame behind: they
    // are worked out after a key press has been painted, never before.
    let stats_state = use_state(|| Rc::new(state.clone()));
    {
        let stats_state = stats_state.clone();
        let deps = (state.documents().to_vec(), state.current_index(), state.schema().clone());
        let state = state.clone();
        use_effect_with(deps, move |_| effects::after_next_paint(move || stats_state.set(Rc::new(state))));
    }
    // The side panel follows the shown document and the selection a frame
    // behind too: a key press paints its highlight first, and the details,
    // the span list and the guidelines are laid out after that paint.
    let panel = use_state_eq(|| PanelView { doc: doc.clone(), selected: state.selected() });
    {
        let panel = panel.clone();
        let latest = PanelView { doc: doc.clone(), selected: state.selected() };
        use_effect_with(latest.clone(), move |_| effects::after_next_paint(move || panel.set(latest)));
    }
    let problem = state.notice().map(|notice| AttrValue::from(notice.message().to_owned()));
    let info = matches!(state.notice(), Some(Notice::Info(_)));
    let details = match state.notice() {
        Some(Notice::Report { details, .. }) => Some(details.clone()),
        _ => None,
    };
    let ondownload = {
        let store = store.clone();
        Callback::from(move |_| {
            if let Some(text) = store.0.notice().and_then(Notice::report_file) {
                if let Err(problem) = effects::download("sorot-import-problems.txt", "text/plain", &text) {
                    store.dispatch(SessionAction::ReportProblem(problem).into());
                }
            }
        })
    };
    let accept = match state.notice() {
        Some(Notice::Offer { accept, .. }) => Some(AttrValue::from(accept.clone())),
        _ => None,
    };
    html! {
        <div class="app" {ondrop} {ondragover}>
            <style>{label_palette(state.schema())}</style>
            <header class="top-bars">
                <Toolbar
                    title={AttrValue::from(doc.document.title().to_owned())}
                    can_undo={doc.history.can_undo()}
                    can_redo={doc.history.can_redo()}
                    onhelp={{ let store = store.clone(); Callback::from(move |_| store.dispatch(ViewAction::ShowHelp(true).into())) }}
                    oncompare={{ let store = store.clone(); Callback::from(move |_| store.dispatch(ViewAction::ShowCompare(true).into())) }}
                    annotator={state.annotator().map(|a| AttrValue::from(a.to_owned()))}
                    onannotator={{ let store = store.clone(); Callback::from(move |name| store.dispatch(SessionAction::SetAnnotator(name).into())) }}
                    onundo={dispatch(|| WorkAction::Undo.into())}
                    onredo={dispatch(|| WorkAction::Redo.into())}
                    {onexport}
                    {onexport_as}
                    doccano_unit={state.doccano_unit()}
                    {ondoccano_unit}
                    {onsave}
                    {onopen}
                    unsaved={state.unsaved_changes()}
                    storage={storage.clone()}
                    read_only={state.read_only().is_some()}
                />
                <LabelBar schema={state.schema().clone()} {onlabel} onedit={onedit_labels}>
                    <ViewControls
                        precision={state.precision()}
                        show_invisibles={state.show_invisibles()}
                        theme={state.theme()}
                        {onprecision}
                        {oninvisibles}
                        {ontheme}
                    />
                </LabelBar>
            </header>
            <NoticeArea
                {problem}
                {info}
                {details}
                {ondownload}
                {accept}
                onaccept={dispatch(|| SessionAction::AcceptOffer.into())}
                announcement={state.announcement().map(|a| AttrValue::from(a.to_owned()))}
                progress={state.progress().map(|p| (AttrValue::from(p.task.clone()), p.done, p.total))}
                ondismiss={dispatch(|| SessionAction::DismissNotice.into())}
            />
            <main class="workspace">
                if storage == StorageStatus::Loading {
                    <article class="article loading" aria-busy="true">{"Loading your saved work\u{2026}"}</article>
                } else {
                <Article
                    doc={doc.clone()}
                    selected={state.selected()}
                    schema={state.schema().clone()}
                    show_invisibles={state.show_invisibles()}
                    selected_suggestion={state.selected_suggestion()}
                    onpick_suggestion={{ let store = store.clone(); Callback::from(move |i| store.dispatch(ViewAction::SelectSuggestion(Some(i)).into())) }}
                    caret_head={state.caret().map(|c| c.head)}
                    node_ref={article_ref.clone()}
                    onpick={onpick_in_text}
                    {oncaret}
                />
                }
                <aside class="side-panel" aria-label="Spans and documents">
                    <SpanDetails
                        doc={panel.doc.clone()}
                        selected={panel.selected}
                        schema={state.schema().clone()}
                        {onrelabel}
                        onremove={dispatch(|| WorkAction::UntagSelected.into())}
                        onvalue={{ let store = store.clone(); Callback::from(move |(id, value)| store.dispatch(WorkAction::SetValue { id, value }.into())) }}
                        ontag_all={{ let store = store.clone(); Callback::from(move |(all_documents, case_sensitive)| store.dispatch(SessionAction::TagAll { all_documents, case_sensitive }.into())) }}
                    />
                    <SpanList doc={panel.doc.clone()} selected={panel.selected} schema={state.schema().clone()} onpick={onpick_in_list} />
                    <SuggestionList
                        doc={panel.doc.clone()}
                        schema={state.schema().clone()}
                        selected={state.selected_suggestion()}
                        onsuggest={{ let store = store.clone(); Callback::from(move |_| store.dispatch(WorkAction::OfferSuggestions(suggest::for_state(&store.0)).into())) }}
                        onaccept={{ let store = store.clone(); Callback::from(move |i| store.dispatch(WorkAction::AcceptSuggestion(i).into())) }}
                        onreject={{ let store = store.clone(); Callback::from(move |i| store.dispatch(WorkAction::RejectSuggestion(i).into())) }}
                        onaccept_all={{ let store = store.clone(); Callback::from(move |l| store.dispatch(WorkAction::AcceptAllSuggestions(l).into())) }}
                        onpick={{ let store = store.clone(); Callback::from(move |i| store.dispatch(ViewAction::SelectSuggestion(Some(i)).into())) }}
                    />
                    <Guidelines
                        schema={state.schema().clone()}
                        focus={panel.selected.and_then(|id| panel.doc.annotations.get(id)).map(|span| span.label().clone())}
                    />
                    <Statistics state={(*stats_state).clone()} />
                    <DocumentList
                        documents={state.documents().to_vec()}
                        current={state.current_index()}
                        filter={state.status_filter()}
                        {onswitch}
                        onstatus={{ let store = store.clone(); Callback::from(move |s| store.dispatch(WorkAction::SetStatus(s).into())) }}
                        onfilter={{ let store = store.clone(); Callback::from(move |f| store.dispatch(ViewAction::FilterStatus(f).into())) }}
                        onshare={{
                            let store = store.clone();
                            Callback::from(move |_| {
                                let doc = store.0.current();
                                let page = html::share_page(doc, store.0.schema());
                                if let Err(problem) = effects::download(&format!("{}.html", doc.document.id()), "text/html", &page) {
                                    store.dispatch(SessionAction::ReportProblem(problem).into());
                                }
                            })
                        }}
                    />
                </aside>
            </main>
            if state.schema_editor_open() {
                <SchemaEditor
                    state={Rc::new(state.clone())}
                    onedit={{ let store = store.clone(); Callback::from(move |edit| store.dispatch(WorkAction::EditSchema(edit).into())) }}
                    onundo={dispatch(|| WorkAction::UndoSchema.into())}
                    onexport={{
                        let store = store.clone();
                        Callback::from(move |_| {
                            if let Err(problem) = effects::download("sorot-schema.json", "application/json", &schema_json::export(store.0.schema())) {
                                store.dispatch(SessionAction::ReportProblem(problem).into());
                            }
                        })
                    }}
                    onclose={{ let store = store.clone(); Callback::from(move |_| store.dispatch(ViewAction::ShowSchemaEditor(false).into())) }}
                />
            }
            if state.compare_open() {
                <CompareView
                    state={Rc::new(state.clone())}
                    onadjudicated={{
                        let store = store.clone();
                        Callback::from(move |documents| {
                            store.dispatch(ViewAction::ShowCompare(false).into());
                            store.dispatch(WorkAction::ImportDocuments { source: "adjudication".to_owned(), documents, problems: Vec::new(), schema: None, note: None, tally: None }.into());
                        })
                    }}
                    onclose={{ let store = store.clone(); Callback::from(move |_| store.dispatch(ViewAction::ShowCompare(false).into())) }}
                />
            }
            if state.help_open() {
                <HelpOverlay schema={state.schema().clone()} onclose={{ let store = store.clone(); Callback::from(move |_| store.dispatch(ViewAction::ShowHelp(false).into())) }} />
            }
        </div>
    }
}

/// What the side panel shows: the shown document and its selected span.
#[derive(Clone)]
struct PanelView {
    doc: Rc<DocumentState>,
    selected: Option<SpanId>,
}

/// The same document by identity, not by content: comparing a long article's
/// spans on every render would cost more than the render.
impl PartialEq for PanelView {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc) && self.selected == other.selected
    }
}

/// Moves the article's caret bar to char position `head`.
fn place_caret(article: &Element, head: usize) {
    // The bar is the article's last child: looked up there, not searched for
    // through every run of a long article.
    let bar = article.last_element_child().filter(|last| last.class_list().contains("caret"));
    let (Some(bar), Some(rect)) = (bar, selection::caret_rect(article, head)) else {
        return;
    };
    let origin = article.get_bounding_client_rect();
    let style = format!("top:{}px;left:{}px;height:{}px", rect.top() - origin.top(), rect.left() - origin.left(), rect.height());
    let _ = bar.set_attribute("style", &style);
}

fn file_list(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads the chosen or dropped files, then opens what they hold, one
/// action per file (or brat pair). JSON Lines documents are read a slice at
/// a time with a progress bar, so a 10,000-document file never freezes the page.
fn open_files(dispatcher: UseReducerDispatcher<Store>, known_labels: Vec<String>, doccano_unit: OffsetUnit, files: Vec<web_sys::File>) {
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
        let names: Vec<String> = read.iter().map(|(name, _)| name.clone()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let (in_steps, at_once): (Vec<_>, Vec<_>) = read.into_iter().partition(|(name, bytes)| open::reads_in_steps(name, bytes, &names));
        for (name, bytes) in in_steps {
            let asked = read_json_lines(&dispatcher, &name, &bytes, &known_labels, doccano_unit).await;
            let opened = match asked.as_ref().ok().and_then(|(_, report)| report.likely_unit()) {
                Some(likely) => {
                    let again = read_json_lines(&dispatcher, &name, &bytes, &known_labels, likely).await;
                    open::in_likely_unit(&name, asked, |_| again)
                }
                None => open::opened_corpus(&name, asked),
            };
            dispatcher.dispatch(opened.into_action());
        }
        for opened in open::open_files(&at_once, &known_labels, doccano_unit) {
            dispatcher.dispatch(opened.into_action());
        }
    });
}

/// Runs a long task a slice at a time: `step` does a little and returns
/// how far the whole has got (`done`, `total`) and whether it is over.
/// Between slices the page paints and takes input, showing a progress bar
/// named `task`.
async fn in_steps(dispatcher: &UseReducerDispatcher<Store>, task: &str, mut step: impl FnMut() -> (usize, usize, bool)) {
    loop {
        let started = js_sys::Date::now();
        let (done, total, over) = loop {
            let progress = step();
            if progress.2 || js_sys::Date::now() - started >= STEP_MS {
                break progress;
            }
        };
        if over {
            dispatcher.dispatch(SessionAction::ShowProgress(None).into());
            return;
        }
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
    in_steps(dispatcher, &format!("Reading {name}"), || {
        import.read_lines(50);
        let (done, total) = import.progress();
        (done, total, import.is_done())
    })
    .await;
    import.finish()
}

/// Writes an export a slice at a time, showing how far it has got.
async fn write_export(dispatcher: &UseReducerDispatcher<Store>, mut job: ExportJob) -> Option<Export> {
    in_steps(dispatcher, "Exporting", || {
        job.write_documents(20);
        let (done, total) = job.progress();
        (done, total, job.is_done())
    })
    .await;
    job.finish()
}
