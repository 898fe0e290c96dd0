//! The root component: owns the store, wires DOM events to actions and
//! lays out toolbar, label bar, article and side panel.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::formats::{sorot_json, text};
use crate::model::{seed_document, Action, AppState, Label, Notice, SpanId};

use super::components::article::Article;
use super::components::document_list::DocumentList;
use super::components::label_bar::LabelBar;
use super::components::notice::NoticeArea;
use super::components::span_list::SpanList;
use super::components::toolbar::Toolbar;
use super::store::Store;
use super::{effects, keys, selection};

/// Name of the file "Export JSON" downloads.
const EXPORT_FILE_NAME: &str = "sorot-annotations.json";

#[function_component(App)]
pub fn app() -> Html {
    let store = use_reducer(|| Store(AppState::with_document(seed_document())));
    let article_ref = use_node_ref();

    {
        let dispatcher = store.dispatcher();
        let article_ref = article_ref.clone();
        use_effect_with((), move |_| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
                let (Some(event), Some(article)) = (event.dyn_ref::<KeyboardEvent>(), article_ref.cast::<web_sys::Element>()) else {
                    return;
                };
                if let Some(action) = keys::action_for(event, &article) {
                    event.prevent_default();
                    dispatcher.dispatch(action);
                }
            });
            move || drop(listener)
        });
    }

    let dispatch = |make: fn() -> Action| {
        let store = store.clone();
        Callback::from(move |_: ()| store.dispatch(make()))
    };
    let onlabel = {
        let store = store.clone();
        let article_ref = article_ref.clone();
        Callback::from(move |label: Label| {
            let range = article_ref.cast::<web_sys::Element>().and_then(|article| selection::selected_range(&article));
            if range.is_some() {
                selection::clear();
            }
            store.dispatch(Action::ApplyLabel { label, selection: range });
        })
    };
    let onpick_in_text = {
        let store = store.clone();
        Callback::from(move |id: Option<SpanId>| store.dispatch(Action::Select(id)))
    };
    let onpick_in_list = {
        let store = store.clone();
        Callback::from(move |id: SpanId| {
            store.dispatch(Action::Select(Some(id)));
            effects::scroll_to_span(id.0);
        })
    };
    let onexport = {
        let store = store.clone();
        Callback::from(move |_| {
            if let Err(problem) = effects::download(EXPORT_FILE_NAME, "application/json", &sorot_json::export(&store.0)) {
                store.dispatch(Action::ReportProblem(problem));
            }
        })
    };
    let onopen = {
        let store = store.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let files: Vec<web_sys::File> = input.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
            // Reset so that choosing the same file again fires `change` again.
            input.set_value("");
            let dispatcher = store.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                for file in files {
                    dispatcher.dispatch(open_file_action(&file).await);
                }
            });
        })
    };

    let state = &store.0;
    let doc = state.current().clone();
    let problem = state.notice().map(|Notice::Problem(message)| AttrValue::from(message.clone()));
    html! {
        <div class="app">
            <div class="top-bars">
                <Toolbar
                    title={AttrValue::from(doc.document.title().to_owned())}
                    can_undo={doc.history.can_undo()}
                    can_redo={doc.history.can_redo()}
                    precision={state.precision()}
                    onundo={dispatch(|| Action::Undo)}
                    onredo={dispatch(|| Action::Redo)}
                    onprecision={{ let store = store.clone(); Callback::from(move |p| store.dispatch(Action::SetPrecision(p))) }}
                    {onexport}
                    {onopen}
                />
                <LabelBar schema={state.schema().clone()} {onlabel} />
            </div>
            <NoticeArea
                {problem}
                announcement={state.announcement().map(|a| AttrValue::from(a.to_owned()))}
                ondismiss={dispatch(|| Action::DismissNotice)}
            />
            <main class="workspace">
                <Article
                    doc={doc.clone()}
                    selected={state.selected()}
                    schema={state.schema().clone()}
                    node_ref={article_ref.clone()}
                    onpick={onpick_in_text}
                />
                <aside class="side-panel" aria-label="Spans and documents">
                    <SpanList doc={doc.clone()} selected={state.selected()} schema={state.schema().clone()} onpick={onpick_in_list} />
                    <DocumentList
                        documents={state.documents().to_vec()}
                        current={state.current_index()}
                        onswitch={{ let store = store.clone(); Callback::from(move |i| store.dispatch(Action::SwitchDocument(i))) }}
                    />
                </aside>
            </main>
        </div>
    }
}

/// Reads an opened file and turns it into the action that opens it, or
/// into a problem report naming the file.
async fn open_file_action(file: &web_sys::File) -> Action {
    let name = file.name();
    match effects::read_bytes(file).await {
        Err(problem) => Action::ReportProblem(problem),
        Ok(bytes) => match text::decode(&bytes) {
            Ok(text) => Action::OpenText { name, text },
            Err(problem) => Action::ReportProblem(format!("{name}: {problem}")),
        },
    }
}
