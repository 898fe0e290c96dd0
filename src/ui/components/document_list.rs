//! The document list: every open document with its title, span count and
//! status, progress through the batch, a status filter, and the shown
//! document's metadata and status buttons.

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

#[function_component(DocumentList)]
pub fn document_list(props: &DocumentListProps) -> Html {
    let total = props.documents.len();
    let done = props.documents.iter().filter(|d| d.status == Status::Done).count();
    let items: Html = props
        .documents
        .iter()
        .enumerate()
        .filter(|(index, doc)| *index == props.current || props.filter.is_none_or(|f| doc.status == f))
        .map(|(index, doc)| {
            let current = index == props.current;
            let onclick = props.onswitch.reform(move |_: MouseEvent| index);
            html! {
                <li key={doc.document.id().to_owned()}>
                    <button
                        class={classes!("doc-item", current.then_some("is-current"))}
                        aria-current={current.then_some("page")}
                        data-doc-id={doc.document.id().to_owned()}
                        data-status={doc.status.as_str()}
                        {onclick}
                    >
                        <span class={classes!("status-dot", status_class(doc.status))} title={doc.status.as_str()}></span>
                        <span class="doc-title">{doc.document.title().to_owned()}</span>
                        <span class="doc-count">{format!("{} spans", doc.annotations.len())}</span>
                    </button>
                </li>
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
    let field = |name: &str, value: Option<&str>| {
        value.map(|value| html! { <><dt>{name.to_owned()}</dt><dd>{value.to_owned()}</dd></> })
    };
    html! {
        <nav class="panel-section" aria-labelledby="docs-heading">
            <h2 id="docs-heading">{format!("Documents ({total})")}</h2>
            <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax={total.to_string()} aria-valuenow={done.to_string()} aria-label="Documents done">
                <div class="progress-bar" style={format!("width:{}%", if total == 0 { 0 } else { done * 100 / total })}></div>
                <span class="progress-text">{format!("{done} / {total} done")}</span>
            </div>
            <div class="filters" role="group" aria-label="Show documents">{filters}</div>
            <ol class="doc-list">{items}</ol>
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

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Todo => "todo",
        Status::InProgress => "in-progress",
        Status::Done => "done",
        Status::Skipped => "skipped",
    }
}
