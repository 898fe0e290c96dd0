//! The document list: the open documents around the shown one with their
//! title, span count and status, progress through the batch, a status
//! filter, and the shown document's metadata and status buttons.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{DocumentState, Status};

#[derive(Properties, PartialEq)]
pub struct DocumentListProps {
    pub documents: Vec<Rc<DocumentState>>,
    pub current: usize,
    pub filter: Option<Status>,
    pub onswitch: Callback<usize>,
    pub onstatus: Callback<Status>,
    pub onfilter: Callback<Option<Status>>,
    /// Download the shown document as a read-only HTML page.
    pub onshare: Callback<()>,
}

/// How many documents the list shows at once.
const LISTED: usize = 200;

#[function_component(DocumentList)]
pub fn document_list(props: &DocumentListProps) -> Html {
    let total = props.documents.len();
    let done = props.documents.iter().filter(|d| d.status == Status::Done).count();
    // The list shows the documents around the shown one, at most LISTED,
    // so a corpus of ten thousand renders at key-press speed.
    let listed: Vec<usize> =
        (0..total).filter(|&index| index == props.current || props.filter.is_none_or(|f| props.documents[index].status == f)).collect();
    let at = listed.iter().position(|&index| index == props.current).unwrap_or(0);
    let first = at.saturating_sub(LISTED / 2).min(listed.len().saturating_sub(LISTED));
    let shown_range = first..(first + LISTED).min(listed.len());
    let (before, after) = (shown_range.start, listed.len() - shown_range.end);
    let items: Html = listed[shown_range]
        .iter()
        .map(|&index| {
            let doc = &props.documents[index];
            html! {
                <DocItem
                    key={doc.document.id().to_owned()}
                    {index}
                    id={AttrValue::from(doc.document.id().to_owned())}
                    title={AttrValue::from(doc.document.title().to_owned())}
                    status={doc.status}
                    spans={doc.annotations.len()}
                    current={index == props.current}
                    onswitch={props.onswitch.clone()}
                />
            }
        })
        .collect();
    let filters: Html = std::iter::once(None)
        .chain(Status::ALL.into_iter().map(Some))
        .map(|filter| {
            let pressed = props.filter == filter;
            let label = filter.map_or("all", Status::as_str);
            html! {
                <button class="filter" aria-pressed={pressed.to_string()} aria-label={format!("Show {label}")} onclick={props.onfilter.reform(move |_: MouseEvent| filter)}>{label}</button>
            }
        })
        .collect();
    let shown = &props.documents[props.current.min(total.saturating_sub(1))];
    let status_buttons: Html = Status::ALL
        .into_iter()
        .map(|status| {
            let pressed = shown.status == status;
            html! {
                <button class={classes!("status-button", status_class(status))} aria-pressed={pressed.to_string()} aria-label={format!("Mark {}", status.as_str())} onclick={props.onstatus.reform(move |_: MouseEvent| status)}>
                    {status.as_str()}
                </button>
            }
        })
        .collect();
    let meta = &shown.meta;
    let field = |name: &str, value: Option<&str>| value.map(|value| html! { <><dt>{name.to_owned()}</dt><dd>{value.to_owned()}</dd></> });
    html! {
        <nav class="panel-section" aria-labelledby="docs-heading">
            <h2 id="docs-heading">{format!("Documents ({total})")}</h2>
            <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax={total.to_string()} aria-valuenow={done.to_string()} aria-label="Documents done">
                <div class="progress-bar" style={format!("width:{}%", (done * 100).checked_div(total).unwrap_or(0))}></div>
                <span class="progress-text">{format!("{done} / {total} done")}</span>
            </div>
            <div class="filters" role="group" aria-label="Show documents">{filters}</div>
            if before > 0 {
                <p class="hint">{format!("{before} documents before these; PageUp walks back.")}</p>
            }
            <ol class="doc-list">{items}</ol>
            if after > 0 {
                <p class="hint">{format!("{after} more documents; PageDown walks on.")}</p>
            }
            <div class="doc-status" role="group" aria-label="Status of this document">{status_buttons}</div>
            <dl class="doc-meta">
                <dt>{"id"}</dt><dd>{shown.document.id().to_owned()}</dd>
                {field("source", meta.source.as_deref())}
                {field("date", meta.date.as_deref())}
                {field("annotator", meta.annotator.as_deref())}
            </dl>
            <button class="share" onclick={props.onshare.reform(|_: MouseEvent| ())} title="A read-only page with the spans and a legend, for reviewers without Sorot">{"Share as HTML"}</button>
            <p class="hint">{"PageDown / PageUp: next / previous document"}</p>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct DocItemProps {
    index: usize,
    id: AttrValue,
    title: AttrValue,
    status: Status,
    spans: usize,
    current: bool,
    onswitch: Callback<usize>,
}

/// One row of the list: memoized, so an edit re-renders only its document's row.
#[function_component(DocItem)]
fn doc_item(props: &DocItemProps) -> Html {
    let index = props.index;
    html! {
        <li>
            <button
                class={classes!("doc-item", props.current.then_some("is-current"))}
                aria-current={props.current.then_some("page")}
                data-doc-id={props.id.clone()}
                data-status={props.status.as_str()}
                onclick={props.onswitch.reform(move |_: MouseEvent| index)}
            >
                <span class={classes!("status-dot", status_class(props.status))} title={props.status.as_str()}></span>
                <span class="doc-title">{props.title.clone()}</span>
                <span class="doc-count">{format!("{} spans", props.spans)}</span>
            </button>
        </li>
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Todo => "todo",
        Status::InProgress => "in-progress",
        Status::Done => "done",
        Status::Skipped => "skipped",
    }
}
