//! The toolbar: open files, undo/redo, precision, export.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::formats::export::ExportFormat;
use crate::model::offsets::OffsetUnit;
use crate::model::{Precision, Theme};
use crate::ui::persistence::StorageStatus;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub title: AttrValue,
    pub can_undo: bool,
    pub can_redo: bool,

    pub onundo: Callback<()>,
    pub onredo: Callback<()>,
    pub onhelp: Callback<()>,
    pub oncompare: Callback<()>,
    /// The annotator's name; asked for while missing.
    pub annotator: Option<AttrValue>,
    pub onannotator: Callback<String>,
    pub onexport: Callback<()>,
    /// Export in another format: the format, and whether only the shown
    /// document (else all).
    pub onexport_as: Callback<(ExportFormat, bool)>,
    /// The unit doccano files count offsets in, opening and exporting.
    pub doccano_unit: OffsetUnit,
    pub ondoccano_unit: Callback<OffsetUnit>,
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
    html! {
        <div class="toolbar" role="group" aria-label="File and history">
            <span class="brand" aria-label="Sorot">{"Sorot"}</span>
            <span class="doc-heading" title={props.title.clone()}>{props.title.clone()}</span>
            {status(props)}
            {identity(props)}
            <div class="tools">
                <button onclick={props.onundo.reform(|_| ())} disabled={!props.can_undo} title="Undo (Ctrl+Z)">{"Undo"}</button>
                <button onclick={props.onredo.reform(|_| ())} disabled={!props.can_redo} title="Redo (Ctrl+Shift+Z)">{"Redo"}</button>
                <label class="button file-button">
                    {"Open .txt"}
                    <input type="file" accept=".txt,text/plain" multiple=true onchange={props.onopen.clone()} />
                </label>
                <button onclick={props.onsave.reform(|_| ())} title="Save the work as a Sorot file (back to the same file after the first save, where the browser allows)">{"Save"}</button>
                <button class="primary" onclick={props.onexport.reform(|_| ())}>{"Export JSON"}</button>
                <ExportMenu onexport={props.onexport_as.clone()} doccano_unit={props.doccano_unit} ondoccano_unit={props.ondoccano_unit.clone()} />
                <button onclick={props.oncompare.reform(|_| ())} title="Agreement between annotators, and adjudication">{"Compare"}</button>
                <button class="help-button" onclick={props.onhelp.reform(|_| ())} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">{"?"}</button>
            </div>
        </div>
    }
}

/// "Saved in this browser" over "3 changes not exported", or what is wrong.
fn status(props: &ToolbarProps) -> Html {
    // `data-storage` names the state for the browser tests.
    let (stored, storage) = match &props.storage {
        StorageStatus::Saving => ("Saving\u{2026}", "saving"),
        StorageStatus::Saved if props.read_only => ("Read-only tab", "saved"),
        StorageStatus::Saved => ("Saved in this browser", "saved"),
        StorageStatus::Off(_) => ("Not saved in this browser", "off"),
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
        <span class={classes!("save-status", warn.then_some("warn"))} data-storage={storage} data-unsaved={props.unsaved.to_string()} {title}>
            <span>{stored}</span>
            <span>{exported}</span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewControlsProps {
    pub precision: Precision,
    pub show_invisibles: bool,
    pub theme: Theme,
    pub onprecision: Callback<Precision>,
    pub oninvisibles: Callback<()>,
    pub ontheme: Callback<Theme>,
}

/// How the text is shown and selected: character precision, invisible
/// characters, and the colour theme (system → light → dark).
#[function_component(ViewControls)]
pub fn view_controls(props: &ViewControlsProps) -> Html {
    let character = props.precision == Precision::Character;
    let ontoggle = props.onprecision.reform(move |_: Event| if character { Precision::Word } else { Precision::Character });
    let (theme_label, next) = match props.theme {
        Theme::System => ("Theme: system", Theme::Light),
        Theme::Light => ("Theme: light", Theme::Dark),
        Theme::Dark => ("Theme: dark", Theme::System),
    };
    html! {
        <span class="view-controls">
            <label class="toggle" title="Off: selections snap to whole words. On: exact characters (or hold Alt while selecting).">
                <input type="checkbox" checked={character} onchange={ontoggle} />
                {"Exact characters"}
            </label>
            <button
                aria-pressed={props.show_invisibles.to_string()}
                onclick={props.oninvisibles.reform(|_| ())}
                title="Show no-break spaces, zero-width characters and tabs"
            >{"\u{b6} Invisibles"}</button>
            <button class="theme-button" onclick={props.ontheme.reform(move |_| next)} title="Switch between the system's theme, light and dark">{theme_label}</button>
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct ExportMenuProps {
    onexport: Callback<(ExportFormat, bool)>,
    doccano_unit: OffsetUnit,
    ondoccano_unit: Callback<OffsetUnit>,
}

/// "Export as…": every format, for all documents or the shown one; and
/// the unit doccano files count offsets in, which opening uses too.
#[function_component(ExportMenu)]
fn export_menu(props: &ExportMenuProps) -> Html {
    let current_only = use_state(|| false);
    let unit = props.doccano_unit;
    let onchange = {
        let (onexport, current_only) = (props.onexport.clone(), current_only.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
            if let Some(format) = ExportFormat::ALL.into_iter().find(|f| f.key() == select.value()) {
                let format = if let ExportFormat::Doccano(_) = format { ExportFormat::Doccano(unit) } else { format };
                onexport.emit((format, *current_only));
            }
            select.set_value("");
        })
    };
    let options: Html = ExportFormat::ALL
        .iter()
        .map(|f| {
            let title = match f {
                ExportFormat::Doccano(_) => format!("{} ({})", f.title(), unit.name()),
                _ => f.title().to_owned(),
            };
            html! { <option value={f.key()}>{title}</option> }
        })
        .collect();
    let onunit = props.ondoccano_unit.reform(|event: Event| {
        let select = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
        select.and_then(|s| OffsetUnit::parse(&s.value())).unwrap_or(OffsetUnit::DOCCANO_DEFAULT)
    });
    let units: Html = [
        (OffsetUnit::Utf16, "doccano: UTF-16"),
        (OffsetUnit::Grapheme, "doccano: graphemes"),
        (OffsetUnit::CodePoint, "doccano: code points"),
    ]
    .into_iter()
    .map(|(u, name)| html! { <option value={u.key()} selected={u == unit}>{name}</option> })
    .collect();
    let toggle = {
        let current_only = current_only.clone();
        Callback::from(move |_: Event| current_only.set(!*current_only))
    };
    html! {
        <span class="export-menu">
            <select aria-label="Export as" {onchange}>
                <option value="" selected=true>{"Export as\u{2026}"}</option>
                {options}
            </select>
            <label class="toggle" title="Export only the document shown">
                <input type="checkbox" checked={*current_only} onchange={toggle} />{"only this"}
            </label>
            <select
                class="doccano-unit"
                aria-label="doccano offset unit"
                title="How doccano files count offsets, when opened and exported: UTF-16 code units in a default doccano project, grapheme clusters in a project with grapheme mode, code points from doccano's API and Python scripts"
                onchange={onunit}
            >{units}</select>
        </span>
    }
}

/// The annotator's name, or a field asking for it (once; kept locally).
fn identity(props: &ToolbarProps) -> Html {
    match &props.annotator {
        Some(name) => html! { <span class="annotator" title="Stamped on every exported document">{format!("\u{270e} {name}")}</span> },
        None => {
            let onannotator = props.onannotator.clone();
            let onchange = Callback::from(move |event: Event| {
                if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    onannotator.emit(input.value());
                }
            });
            html! { <input class="annotator-field" type="text" placeholder="Your name" aria-label="Annotator name" {onchange} /> }
        }
    }
}
