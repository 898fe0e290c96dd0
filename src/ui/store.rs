//! The Yew store: wraps the model's [`AppState`] so `use_reducer` can drive
//! it. All logic is in [`AppState::dispatch`]; this only delegates.
//!
//! Events reach it through one helper, [`on`] (yew's todomvc
//! `make_callback`): a callback that hands the store what a function makes
//! of each event. [`use_on`] is the same callback made once, for
//! components that must not re-render because the app did.

use std::rc::Rc;

use yew::prelude::*;

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

/// The store as one render sees it: its state, and a way to dispatch.
pub type StoreHandle = UseReducerHandle<Store>;

/// What one event hands the store: an action, none (`None`) or several.
pub trait Dispatch {
    /// Hands `self` to the store, if it holds an action.
    fn dispatch_to(self, dispatcher: &UseReducerDispatcher<Store>);
}

impl<A: Into<Action>> Dispatch for A {
    fn dispatch_to(self, dispatcher: &UseReducerDispatcher<Store>) {
        dispatcher.dispatch(self.into());
    }
}

/// `None` dispatches nothing: for events that act only sometimes (no
/// span selected, no caret in the text, a download that went well).
impl<A: Into<Action>> Dispatch for Option<A> {
    fn dispatch_to(self, dispatcher: &UseReducerDispatcher<Store>) {
        if let Some(action) = self {
            dispatcher.dispatch(action.into());
        }
    }
}

/// Several actions from one event, dispatched in order.
impl<A: Into<Action>, const N: usize> Dispatch for [A; N] {
    fn dispatch_to(self, dispatcher: &UseReducerDispatcher<Store>) {
        for action in self {
            dispatcher.dispatch(action.into());
        }
    }
}

/// A callback that dispatches what `to_action` makes of each event, e.g.
/// `on(&store, WorkAction::SetStatus)` or `on(&store, |_| WorkAction::Undo)`.
/// A new callback each render, like a closure written in place.
pub fn on<In: 'static, A: Dispatch>(store: &StoreHandle, to_action: impl Fn(In) -> A + 'static) -> Callback<In> {
    let dispatcher = store.dispatcher();
    Callback::from(move |event| to_action(event).dispatch_to(&dispatcher))
}

/// [`on`], made once: the same callback on every render, so a component
/// given it (the label bar, a list row) is not re-rendered for it. Only the
/// first render's `to_action` is kept, so it must not capture render state.
#[hook]
pub fn use_on<In, A, F>(store: &StoreHandle, to_action: F) -> Callback<In>
where
    In: 'static,
    A: Dispatch,
    F: Fn(In) -> A + 'static,
{
    use_callback(store.dispatcher(), move |event, dispatcher| to_action(event).dispatch_to(dispatcher))
}
