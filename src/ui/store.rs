//! The Yew store: wraps the model's [`AppState`] so `use_reducer` can drive
//! it. All logic is in [`AppState::dispatch`]; this only delegates.

use std::rc::Rc;

use yew::Reducible;

use crate::model::{Action, AppState};

/// The app's one store.
#[derive(Clone, Debug, PartialEq)]
pub struct Store(pub AppState);

impl Reducible for Store {
    type Action = Action;

    /// Returns the same `Rc` when nothing changed, so Yew skips the render.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        // The model reads no clock: the time new and changed spans are
        // stamped with comes from here.
        next.0.set_clock(js_sys::Date::now() as u64);
        if next.0.dispatch(action) {
            Rc::new(next)
        } else {
            self
        }
    }
}
