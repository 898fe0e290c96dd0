//! The browser shell: Yew components that render the model and turn DOM
//! events into model [`Action`](crate::model::Action)s. No annotation logic
//! lives here; UTF-16 offsets appear only in [`selection`].

mod app;
mod components;
mod effects;
mod files;
mod hooks;
mod keys;
mod persistence;
mod selection;
mod storage;
mod store;
mod viewport;

use wasm_bindgen::prelude::wasm_bindgen;

/// Mounts the annotator into `#app` (or the body) when the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    match gloo::utils::document().get_element_by_id("app") {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}
