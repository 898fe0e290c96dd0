//! The toolbar: open files, undo/redo, precision, export.

use yew::prelude::*;

use crate::model::Precision;
use crate::ui::persistence::StorageStatus;

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
    /// Save to a file (back to the same file where the browser allows).
    pub onsave: Callback<()>,
    /// Changes since the last export or save.
    pub unsaved: u32,
    pub storage: StorageStatus,
    pub read_only: bool,
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
            {status(props)}
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
                <button onclick={props.onsave.reform(|_| ())} title="Save the work as a Sorot file (back to the same file after the first save, where the browser allows)">{"Save"}</button>
                <button class="primary" onclick={props.onexport.reform(|_| ())}>{"Export JSON"}</button>
                <button class="help-button" onclick={props.onhelp.reform(|_| ())} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">{"?"}</button>
            </div>
        </header>
    }
}

/// "Saved in this browser · 3 changes not exported", or what is wrong.
fn status(props: &ToolbarProps) -> Html {
    let stored = match &props.storage {
        StorageStatus::Loading => "Loading\u{2026}".to_owned(),
        StorageStatus::Saving => "Saving\u{2026}".to_owned(),
        StorageStatus::Saved if props.read_only => "Read-only tab".to_owned(),
        StorageStatus::Saved => "Saved in this browser".to_owned(),
        StorageStatus::Off(_) => "Not saved in this browser".to_owned(),
    };
    let exported = match props.unsaved {
        0 => "all exported".to_owned(),
        1 => "1 change not exported".to_owned(),
        n => format!("{n} changes not exported"),
    };
    let warn = matches!(props.storage, StorageStatus::Off(_)) || props.read_only;
    let title = match &props.storage {
        StorageStatus::Off(why) => why.clone(),
        _ => "Every change is kept in this browser; Export JSON or Save to keep a file.".to_owned(),
    };
    html! {
        <span class={classes!("save-status", warn.then_some("warn"))} data-storage={format!("{:?}", props.storage).split('(').next().unwrap_or_default().to_lowercase()} data-unsaved={props.unsaved.to_string()} {title}>
            {format!("{stored} \u{b7} {exported}")}
        </span>
    }
}
