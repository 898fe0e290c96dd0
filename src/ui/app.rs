//! The root component, as wiring: the store, the shell's hooks called in
//! a row (see [`super::hooks`]), each component's events turned into
//! actions with [`on`] in a line, and the layout of toolbar, label bar,
//! article and side panel.

use std::rc::Rc;

use web_sys::{DragEvent, Element};
use yew::prelude::*;

use crate::model::{seed_document, Action, AppState, DocumentState, ImportPart, Notice, SessionAction, SpanId, ViewAction, WorkAction};
use crate::suggest;

use super::components::article::Article;
use super::components::compare::CompareView;
use super::components::document_list::DocumentList;
use super::components::guidelines::Guidelines;
use super::components::help::HelpOverlay;
use super::components::label_bar::LabelBar;
use super::components::notice::NoticeArea;
use super::components::paint::label_palette;
use super::components::schema_editor::SchemaEditor;
use super::components::span_details::SpanDetails;
use super::components::span_list::SpanList;
use super::components::statistics::Statistics;
use super::components::suggestion_list::SuggestionList;
use super::components::toolbar::{Toolbar, ViewControls};
use super::hooks::{
    use_caret_bar, use_caret_mirror, use_frame_behind, use_key_listener, use_paste_to_open, use_rehearsal_when_idle,
    use_remembered_annotator, use_remembered_doccano_unit, use_remembered_theme, use_scroll_to_selected,
};
use super::persistence::{use_session_storage, SavedSession};
use super::store::{on, use_on, Store};
use super::{effects, files, selection};

/// The app's one input: the saved session, read before the first render.
#[derive(Properties)]
pub struct AppProps {
    pub saved: Rc<SavedSession>,
}

/// The session is read once per page; the props never change.
impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.saved, &other.saved)
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = use_reducer(|| {
        let mut state = AppState::with_document(seed_document()).with_readers(suggest::readers());
        for action in props.saved.actions.iter().cloned() {
            state.dispatch(action);
        }
        Store(state)
    });
    let article_ref = use_node_ref();
    let storage = use_session_storage(&store, &props.saved);
    use_key_listener(&store, &article_ref);
    use_paste_to_open(&store);
    use_caret_mirror(&store, &article_ref);
    use_caret_bar(&store, &article_ref);
    use_rehearsal_when_idle(&store, &article_ref);
    use_remembered_theme(&store);
    let ondoccano_unit = use_remembered_doccano_unit(&store);
    use_remembered_annotator(&store);
    use_scroll_to_selected(store.0.selected());

    // The label bar's callbacks are made once, so a key press does not
    // re-render the bar.
    let article = article_ref.clone();
    let onlabel = use_on(&store, move |label| {
        let selection = article.cast::<Element>().and_then(|article| selection::take_selected_range(&article));
        WorkAction::ApplyLabel { label, selection }
    });
    let onedit_labels = use_on(&store, |()| ViewAction::ShowSchemaEditor(true));
    let onprecision = use_on(&store, ViewAction::SetPrecision);
    let oninvisibles = use_on(&store, |()| ViewAction::ToggleInvisibles);
    let ontheme = use_on(&store, ViewAction::SetTheme);
    // Callbacks handed to list rows are made once, so a render of the app
    // leaves the rows' props equal and the rows alone.
    let onpick_in_list = use_on(&store, |id: SpanId| {
        // After the render: a span far down is drawn only once selected.
        gloo::timers::callback::Timeout::new(0, move || effects::scroll_to_span(id.0)).forget();
        ViewAction::Select(Some(id))
    });
    let onswitch = use_on(&store, ViewAction::SwitchDocument);
    let onsave = files::use_save(&store);

    let state = &store.0;
    let doc = state.current().clone();
    // Statistics follow the documents and the schema, a frame behind: they
    // are worked out after a key press has been painted, never before.
    let shown = store.clone();
    let stats_deps = (state.documents().to_vec(), state.current_index(), state.schema().clone());
    let stats = use_frame_behind(stats_deps, move || StatsState(Rc::new(shown.0.clone())));
    // The side panel follows the shown document and the selection a frame
    // behind too: a key press paints its highlight first, and the details,
    // the span list and the guidelines are laid out after that paint.
    let latest_panel = PanelView { doc: doc.clone(), selected: state.selected() };
    let panel = use_frame_behind(latest_panel.clone(), move || latest_panel.clone());

    let article = article_ref.clone();
    let oncaret = on(&store, move |exact| {
        article.cast::<Element>().and_then(|article| selection::current_caret(&article, exact)).map(ViewAction::SetCaret)
    });
    let selected = state.selected();
    let onrelabel = on(&store, move |label| selected.map(|id| WorkAction::Relabel { id, label }));
    let shown = store.clone();
    let onsuggest = on(&store, move |()| WorkAction::OfferSuggestions(suggest::for_state(&shown.0)));
    let onadjudicated = on(&store, |documents| {
        let import = WorkAction::ImportDocuments {
            source: "adjudication".to_owned(),
            documents,
            problems: Vec::new(),
            schema: None,
            note: None,
            tally: None,
            part: ImportPart::Whole,
        };
        [Action::from(ViewAction::ShowCompare(false)), import.into()]
    });
    let problem = state.notice().map(|notice| AttrValue::from(notice.message().to_owned()));
    let info = matches!(state.notice(), Some(Notice::Info(_)));
    let details = match state.notice() {
        Some(Notice::Report { details, .. }) => Some(details.clone()),
        _ => None,
    };
    let accept = match state.notice() {
        Some(Notice::Offer { accept, .. }) => Some(AttrValue::from(accept.clone())),
        _ => None,
    };
    html! {
        <div class="app" ondrop={files::on_drop(&store)} ondragover={Callback::from(|event: DragEvent| event.prevent_default())}>
            <style>{label_palette(state.schema())}</style>
            <header class="top-bars">
                <Toolbar
                    title={AttrValue::from(doc.document.title().to_owned())}
                    can_undo={doc.history.can_undo()}
                    can_redo={doc.history.can_redo()}
                    onhelp={on(&store, |()| ViewAction::ShowHelp(true))}
                    oncompare={on(&store, |()| ViewAction::ShowCompare(true))}
                    annotator={state.annotator().map(|a| AttrValue::from(a.to_owned()))}
                    onannotator={on(&store, SessionAction::SetAnnotator)}
                    onundo={on(&store, |()| WorkAction::Undo)}
                    onredo={on(&store, |()| WorkAction::Redo)}
                    onexport={files::on_export_json(&store)}
                    onexport_as={files::on_export_as(&store)}
                    doccano_unit={state.doccano_unit()}
                    {ondoccano_unit}
                    {onsave}
                    onopen={files::on_open(&store)}
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
                ondownload={files::on_download_report(&store)}
                {accept}
                onaccept={on(&store, |()| SessionAction::AcceptOffer)}
                announcement={state.announcement().map(|a| AttrValue::from(a.to_owned()))}
                progress={state.progress().map(|p| (AttrValue::from(p.task.clone()), p.done, p.total))}
                ondismiss={on(&store, |()| SessionAction::DismissNotice)}
            />
            <main class="workspace">
                <Article
                    doc={doc.clone()}
                    selected={state.selected()}
                    schema={state.schema().clone()}
                    show_invisibles={state.show_invisibles()}
                    selected_suggestion={state.selected_suggestion()}
                    onpick_suggestion={on(&store, |i| ViewAction::SelectSuggestion(Some(i)))}
                    caret_head={state.caret().map(|c| c.head)}
                    node_ref={article_ref.clone()}
                    onpick={on(&store, ViewAction::Select)}
                    {oncaret}
                />
                <aside class="side-panel" aria-label="Spans and documents">
                    // Drawn a frame after the article, at the start too.
                    if let (Some(panel), Some(stats)) = (panel, stats) {
                        <SpanDetails
                            doc={panel.doc.clone()}
                            selected={panel.selected}
                            schema={state.schema().clone()}
                            {onrelabel}
                            onremove={on(&store, |()| WorkAction::UntagSelected)}
                            onvalue={on(&store, |(id, value)| WorkAction::SetValue { id, value })}
                            ontag_all={on(&store, |(all_documents, case_sensitive)| SessionAction::TagAll { all_documents, case_sensitive })}
                        />
                        <SpanList doc={panel.doc.clone()} selected={panel.selected} schema={state.schema().clone()} onpick={onpick_in_list} />
                        <SuggestionList
                            doc={panel.doc.clone()}
                            schema={state.schema().clone()}
                            selected={state.selected_suggestion()}
                            {onsuggest}
                            onaccept={on(&store, WorkAction::AcceptSuggestion)}
                            onreject={on(&store, WorkAction::RejectSuggestion)}
                            onaccept_all={on(&store, WorkAction::AcceptAllSuggestions)}
                            onpick={on(&store, |i| ViewAction::SelectSuggestion(Some(i)))}
                        />
                        <Guidelines
                            schema={state.schema().clone()}
                            focus={panel.selected.and_then(|id| panel.doc.annotations.get(id)).map(|span| span.label().clone())}
                        />
                        <Statistics state={stats.0.clone()} />
                        <DocumentList
                            documents={state.documents().to_vec()}
                            current={state.current_index()}
                            filter={state.status_filter()}
                            {onswitch}
                            onstatus={on(&store, WorkAction::SetStatus)}
                            onfilter={on(&store, ViewAction::FilterStatus)}
                            onshare={files::on_share(&store)}
                        />
                    }
                </aside>
            </main>
            if state.schema_editor_open() {
                <SchemaEditor
                    state={Rc::new(state.clone())}
                    onedit={on(&store, WorkAction::EditSchema)}
                    onundo={on(&store, |()| WorkAction::UndoSchema)}
                    onexport={files::on_export_schema(&store)}
                    onclose={on(&store, |()| ViewAction::ShowSchemaEditor(false))}
                />
            }
            if state.compare_open() {
                <CompareView state={Rc::new(state.clone())} {onadjudicated} onclose={on(&store, |()| ViewAction::ShowCompare(false))} />
            }
            if state.help_open() {
                <HelpOverlay schema={state.schema().clone()} onclose={on(&store, |()| ViewAction::ShowHelp(false))} />
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

/// The state the statistics are worked out from: a new one after each
/// change, compared by identity, since comparing a corpus by content would
/// cost more than drawing the charts again.
#[derive(Clone)]
struct StatsState(Rc<AppState>);

impl PartialEq for StatsState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
