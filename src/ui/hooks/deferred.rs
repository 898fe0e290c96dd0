//! Work put off until the frame showing a change is painted, or until the
//! page is idle: a key press paints its span first, and what only follows
//! from it (the side panel, the statistics, scrolling, the first key's
//! rehearsal) comes after.

use web_sys::Element;
use yew::prelude::*;

use crate::model::SpanId;
use crate::rehearsal::rehearse_edits;
use crate::ui::store::StoreHandle;
use crate::ui::{effects, selection};

/// `latest()` a frame behind: worked out and shown after the frame in
/// which `deps` changed is painted, never before; `None` until the page's
/// first frame is painted, so what follows a frame behind is not in the
/// way of the first one either. `T`'s equality says whether the late value
/// changed, so compare by identity what is costly to compare by content.
#[hook]
pub fn use_frame_behind<D, T, F>(deps: D, latest: F) -> Option<T>
where
    D: PartialEq + 'static,
    T: Clone + PartialEq + 'static,
    F: Fn() -> T + 'static,
{
    let shown = use_state_eq(|| None);
    let setter = shown.setter();
    use_effect_with(deps, move |_| effects::after_next_paint(move || setter.set(Some(latest()))));
    (*shown).clone()
}

/// Keeps the selected span in view when Tab moves the selection. Looked at
/// once the frame showing it is painted, whose layout it then shares,
/// instead of forcing one more now (a new span is selected, and nearly
/// always in view).
#[hook]
pub fn use_scroll_to_selected(selected: Option<SpanId>) {
    use_effect_with(selected, move |selected| {
        if let Some(id) = *selected {
            effects::after_next_paint(move || effects::scroll_to_span(id.0));
        }
    });
}

/// Once the article is first drawn, while the page is idle, rehearses what
/// a first key press runs: see [`crate::rehearsal`].
#[hook]
pub fn use_rehearsal_when_idle(store: &StoreHandle, article_ref: &NodeRef) {
    let loaded = store.clone();
    let article_ref = article_ref.clone();
    use_effect_with((), move |_| {
        effects::when_idle(move || {
            rehearse_edits(&loaded.0);
            if let Some(article) = article_ref.cast::<Element>() {
                selection::rehearse(&article);
            }
        });
    });
}
