//! The document switcher: every open document with its span count.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::DocumentState;

#[derive(Properties, PartialEq)]
pub struct DocumentListProps {
    pub documents: Vec<Rc<DocumentState>>,
    pub current: usize,
    pub onswitch: Callback<usize>,
}

#[function_component(DocumentList)]
pub fn document_list(props: &DocumentListProps) -> Html {
    let items: Html = props
        .documents
        .iter()
        .enumerate()
        .map(|(index, doc)| {
            let current = index == props.current;
            let onclick = props.onswitch.reform(move |_: MouseEvent| index);
            html! {
                <li key={doc.document.id().to_owned()}>
                    <button
                        class={classes!("doc-item", current.then_some("is-current"))}
                        aria-current={current.then_some("page")}
                        data-doc-id={doc.document.id().to_owned()}
                        {onclick}
                    >
                        <span class="doc-title">{doc.document.title().to_owned()}</span>
                        <span class="doc-count">{format!("{} spans", doc.annotations.len())}</span>
                    </button>
                </li>
            }
        })
        .collect();
    html! {
        <nav class="panel-section" aria-labelledby="docs-heading">
            <h2 id="docs-heading">{format!("Documents ({})", props.documents.len())}</h2>
            <ol class="doc-list">{items}</ol>
        </nav>
    }
}
