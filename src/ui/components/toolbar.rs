//! The toolbar: open files, undo/redo, precision, export.

use yew::prelude::*;

use crate::model::Precision;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub title: AttrValue,
    pub can_undo: bool,
    pub can_redo: bool,
    pub precision: Precision,
    pub show_invisibles: bool,
    pub onundo: Callback<()>,
    pub onredo: Callback<()>,
    pub onprecision: Callback<Precision>,
    pub oninvisibles: Callback<()>,
    pub onhelp: Callback<()>,
    pub onexport: Callback<()>,
    /// The file input's change event; the app reads the files.
    pub onopen: Callback<Event>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let character = props.precision == Precision::Character;
    let ontoggle = props.onprecision.reform(move |_: Event| if character { Precision::Word } else { Precision::Character });
    html! {
        <header class="toolbar">
            <span class="brand" aria-label="Sorot">{"Sorot"}</span>
            <span class="doc-heading" title={props.title.clone()}>{props.title.clone()}</span>
            <div class="tools">
                <button onclick={props.onundo.reform(|_| ())} disabled={!props.can_undo} title="Undo (Ctrl+Z)">{"Undo"}</button>
                <button onclick={props.onredo.reform(|_| ())} disabled={!props.can_redo} title="Redo (Ctrl+Shift+Z)">{"Redo"}</button>
                <label class="toggle" title="Off: selections snap to whole words. On: exact characters.">
                    <input type="checkbox" checked={character} onchange={ontoggle} />
                    {"Character precision"}
                </label>
                <button
                    aria-pressed={props.show_invisibles.to_string()}
                    onclick={props.oninvisibles.reform(|_| ())}
                    title="Show no-break spaces, zero-width characters and tabs"
                >{"\u{b6} Invisibles"}</button>
                <label class="button file-button">
                    {"Open .txt"}
                    <input type="file" accept=".txt,text/plain" multiple=true onchange={props.onopen.clone()} />
                </label>
                <button class="primary" onclick={props.onexport.reform(|_| ())}>{"Export JSON"}</button>
                <button class="help-button" onclick={props.onhelp.reform(|_| ())} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">{"?"}</button>
            </div>
        </header>
    }
}
