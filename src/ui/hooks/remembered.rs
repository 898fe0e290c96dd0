//! What this browser remembers between visits (in `localStorage`, apart
//! from the work): the theme, the unit doccano files count in, and the
//! annotator's name. Each is restored once when the page opens.

use yew::prelude::*;

use crate::model::offsets::OffsetUnit;
use crate::model::{Action, SessionAction, ViewAction};
use crate::ui::effects;
use crate::ui::store::{use_on, Dispatch, StoreHandle};

/// The theme: restored from this browser once, applied to `<html>` and
/// remembered whenever it changes.
#[hook]
pub fn use_remembered_theme(store: &StoreHandle) {
    use_restored(store, effects::stored_theme, ViewAction::SetTheme);
    use_effect_with(store.0.theme(), |theme| effects::apply_theme(*theme));
}

/// The unit doccano files count in: restored once; the callback returned
/// remembers the unit chosen and sets it. It is made once, like the view
/// controls' callbacks.
#[hook]
pub fn use_remembered_doccano_unit(store: &StoreHandle) -> Callback<OffsetUnit> {
    use_restored(store, effects::stored_doccano_unit, ViewAction::SetDoccanoUnit);
    use_on(store, |unit| {
        effects::store_doccano_unit(unit);
        ViewAction::SetDoccanoUnit(unit)
    })
}

/// The annotator's name: asked once, kept in this browser.
#[hook]
pub fn use_remembered_annotator(store: &StoreHandle) {
    use_restored(store, effects::stored_annotator, SessionAction::SetAnnotator);
    use_effect_with(store.0.annotator().map(str::to_owned), |name| {
        if let Some(name) = name {
            effects::store_annotator(name);
        }
    });
}

/// Once, when the page opens: what `action` makes of the value `stored`
/// reads from this browser, if it has one.
#[hook]
fn use_restored<T: 'static, A: Into<Action> + 'static>(store: &StoreHandle, stored: fn() -> Option<T>, action: fn(T) -> A) {
    let dispatcher = store.dispatcher();
    use_effect_with((), move |_| stored().map(action).dispatch_to(&dispatcher));
}
