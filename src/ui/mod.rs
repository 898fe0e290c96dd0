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

use std::rc::Rc;

use wasm_bindgen::prelude::wasm_bindgen;

/// Mounts the annotator into `#app` (or the body) when the module loads,
/// once the saved session is read: the first render is then the article.
#[wasm_bindgen(start)]
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let props = app::AppProps { saved: Rc::new(persistence::open_saved_session().await) };
        match gloo::utils::document().get_element_by_id("app") {
            Some(root) => yew::Renderer::<app::App>::with_root_and_props(root, props).render(),
            None => yew::Renderer::<app::App>::with_props(props).render(),
        };
    });
}
