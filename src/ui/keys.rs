//! Keyboard shortcuts: which key press becomes which model action.
//!
//! | key | action |
//! |---|---|
//! | `1`–`9` | tag the selection with that label, or relabel the selected span |
//! | `Delete`, `Backspace` | remove the selected span |
//! | `Escape` | deselect |
//! | `Ctrl+Z` / `Ctrl+Shift+Z`, `Ctrl+Y` | undo / redo |

use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use crate::model::Action;

use super::selection;

/// The action for a key press, or `None` to leave the key to the browser
/// (typing in a field, browser shortcuts).
pub fn action_for(event: &KeyboardEvent, article: &Element) -> Option<Action> {
    if typing_in_a_field(event) {
        return None;
    }
    let key = event.key();
    let command = event.ctrl_key() || event.meta_key();
    if command {
        return match key.to_lowercase().as_str() {
            "z" if event.shift_key() => Some(Action::Redo),
            "z" => Some(Action::Undo),
            "y" => Some(Action::Redo),
            _ => None,
        };
    }
    if event.alt_key() {
        return None;
    }
    match key.as_str() {
        "Delete" | "Backspace" => Some(Action::UntagSelected),
        "Escape" => {
            selection::clear();
            Some(Action::Select(None))
        }
        _ => {
            let mut chars = key.chars();
            let (Some(digit), None) = (chars.next(), chars.next()) else { return None };
            if !digit.is_ascii_digit() {
                return None;
            }
            let range = selection::selected_range(article);
            if range.is_some() {
                selection::clear();
            }
            Some(Action::LabelKey { key: digit, selection: range })
        }
    }
}

fn typing_in_a_field(event: &KeyboardEvent) -> bool {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return false };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || target.closest("[contenteditable=true]").ok().flatten().is_some()
}
