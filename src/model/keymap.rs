//! Every key binding in one table, and the pure function from a key press
//! and the state to what the app should do. The key handler, the `?`
//! overlay and the label bar's hint all read this table, so what the help
//! says is what the keys do.
//!
//! Label keys come from the schema: a digit, or a lowercase letter no
//! command uses ([`super::label::COMMAND_KEYS`]), so no label can shadow a command.

use super::caret::CaretUnit;
use super::label::Schema;
use super::state::{Action, AppState};
use crate::model::{SessionAction, ViewAction, WorkAction};

/// A key press as the browser reports it (`key` is `KeyboardEvent.key`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPress<'a> {
    pub key: &'a str,
    /// Ctrl, or Cmd on a Mac.
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    /// The key went to a button, link or dialog, where Tab and Enter keep
    /// their usual meaning.
    pub on_control: bool,
}

/// What a key asks for, before the state is consulted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Undo,
    Redo,
    /// Close the overlay or notice, else deselect.
    Escape,
    Help,
    /// Move the caret by a word (by a character with Alt) towards the
    /// arrow; Shift extends.
    MoveCaret,
    /// Select the next span (Shift: the previous one).
    AdjacentSpan,
    /// The next document (PageDown) or the previous one (PageUp).
    StepDocument,
    /// Accept the selected suggestion, else open the selected span's details.
    Enter,
    RejectSuggestion,
    Suggest,
    TagAll {
        all_documents: bool,
    },
    Remove,
    /// Apply the label bound to this key.
    Label(char),
}

/// One binding: the keys that trigger it, as `KeyboardEvent.key` names,
/// whether Ctrl must be held, and what the help says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    pub keys: &'static [&'static str],
    pub ctrl: bool,
    /// Shift must be held (`Some(true)`), must not be (`Some(false)`), or either.
    pub shift: Option<bool>,
    pub command: Command,
    /// The keys as the help shows them.
    pub shown: &'static str,
    pub does: &'static str,
}

const fn bind(
    keys: &'static [&'static str],
    ctrl: bool,
    shift: Option<bool>,
    command: Command,
    shown: &'static str,
    does: &'static str,
) -> Binding {
    Binding { keys, ctrl, shift, command, shown, does }
}

/// Every binding except the schema's label keys, in the order the help lists them.
pub const BINDINGS: [Binding; 14] = [
    bind(
        &["ArrowLeft", "ArrowRight"],
        false,
        None,
        Command::MoveCaret,
        "\u{2190} \u{2192}, Alt / Shift + arrows",
        "Move the caret by a word; with Alt by one character (a whole emoji or accented letter); with Shift extend the selection",
    ),
    bind(&["Tab"], false, None, Command::AdjacentSpan, "Tab, Shift + Tab", "Select the next or previous span"),
    bind(&["Enter"], false, None, Command::Enter, "Enter", "Accept the selected suggestion, or open the selected span's details"),
    bind(&["x", "X"], false, None, Command::RejectSuggestion, "X", "Reject the selected suggestion"),
    bind(&["Delete", "Backspace"], false, None, Command::Remove, "Delete, Backspace", "Remove the selected span"),
    bind(&["Escape"], false, None, Command::Escape, "Escape", "Close this overlay or a message, or deselect"),
    bind(&["s", "S"], false, None, Command::Suggest, "S", "Suggest spans (offline rules)"),
    bind(&["a"], false, Some(false), Command::TagAll { all_documents: false }, "A", "Tag every other occurrence of the selected span"),
    bind(&["A"], false, Some(true), Command::TagAll { all_documents: true }, "Shift + A", "\u{2026} in all documents"),
    bind(
        &["PageDown", "PageUp"],
        false,
        None,
        Command::StepDocument,
        "PageDown, PageUp",
        "Next or previous document (within the status filter)",
    ),
    bind(&["z", "Z"], true, Some(false), Command::Undo, "Ctrl + Z", "Undo"),
    bind(&["z", "Z"], true, Some(true), Command::Redo, "Ctrl + Shift + Z", "Redo"),
    bind(&["y", "Y"], true, None, Command::Redo, "Ctrl + Y", "Redo"),
    bind(&["?"], false, None, Command::Help, "?", "Show these shortcuts"),
];

/// What the mouse does, for the help next to the keys.
pub const MOUSE: [(&str, &str); 2] =
    [("Alt + mouse drag", "Select exact characters, without snapping to words"), ("Double-click", "Select one word, ready to tag")];

/// The command a key press asks for in this schema, if any.
pub fn command_for(press: &KeyPress<'_>, schema: &Schema) -> Option<Command> {
    let found =
        BINDINGS.iter().find(|b| b.ctrl == press.ctrl && b.shift.is_none_or(|shift| shift == press.shift) && b.keys.contains(&press.key));
    if let Some(binding) = found {
        return Some(binding.command);
    }
    let mut chars = press.key.chars();
    match (chars.next(), chars.next()) {
        (Some(key), None) if !press.ctrl && !press.alt && Schema::is_label_key(key) && schema.label_for_key(key).is_some() => {
            Some(Command::Label(key))
        }
        _ => None,
    }
}

/// What the app should do for a key press.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    Apply(Action),
    /// Clear the browser's selection and select no span.
    Deselect,
    /// Move focus into the selected span's details.
    OpenDetails,
    /// Run the rules on the shown document and offer what they find.
    Suggest,
    /// Apply the label on `key` to the browser's selection, if any (else
    /// to the keyboard's, or relabel the selected span).
    Label(char),
}

/// The intent of a key press in `state`, or `None` to leave the key to the
/// browser.
pub fn intent(press: &KeyPress<'_>, state: &AppState) -> Option<Intent> {
    let command = command_for(press, state.schema())?;
    fn apply(action: impl Into<Action>) -> Option<Intent> {
        Some(Intent::Apply(action.into()))
    }
    if state.help_open() {
        return match command {
            Command::Escape => apply(ViewAction::ShowHelp(false)),
            _ => None,
        };
    }
    match command {
        Command::Undo => apply(WorkAction::Undo),
        Command::Redo => apply(WorkAction::Redo),
        Command::Escape if state.notice().is_some() => apply(SessionAction::DismissNotice),
        Command::Escape => Some(Intent::Deselect),
        Command::Help => apply(ViewAction::ShowHelp(true)),
        Command::AdjacentSpan | Command::Enter if press.on_control => None,
        Command::MoveCaret => {
            let unit = if press.alt { CaretUnit::Grapheme } else { CaretUnit::Word };
            apply(ViewAction::MoveCaret { unit, forward: press.key == "ArrowRight", extend: press.shift })
        }
        Command::AdjacentSpan => apply(ViewAction::SelectAdjacent { forward: !press.shift }),
        Command::StepDocument => apply(ViewAction::StepDocument { forward: press.key == "PageDown" }),
        Command::Enter => match state.selected_suggestion() {
            Some(index) => apply(WorkAction::AcceptSuggestion(index)),
            None => Some(Intent::OpenDetails),
        },
        Command::RejectSuggestion => state.selected_suggestion().map(|index| Intent::Apply(WorkAction::RejectSuggestion(index).into())),
        Command::Suggest => Some(Intent::Suggest),
        Command::TagAll { all_documents } => apply(SessionAction::TagAll { all_documents, case_sensitive: true }),
        Command::Remove => apply(WorkAction::UntagSelected),
        Command::Label(key) => Some(Intent::Label(key)),
    }
}

/// The help's rows: the schema's label keys first, then every binding.
pub fn help_rows(schema: &Schema) -> Vec<(String, String)> {
    let labels =
        schema.labels().iter().map(|def| (def.key.to_string(), format!("Tag the selection {}, or relabel the selected span", def.label)));
    let keys = BINDINGS.iter().map(|b| (b.shown.to_owned(), b.does.to_owned()));
    labels.chain(keys).chain(MOUSE.iter().map(|(k, d)| ((*k).to_owned(), (*d).to_owned()))).collect()
}

/// The schema's label keys in a few characters, runs joined: "1–4",
/// "1–9, b–d".
pub fn label_keys_summary(schema: &Schema) -> String {
    let keys: Vec<char> = schema.labels().iter().map(|def| def.key).collect();
    let mut runs: Vec<(char, char)> = Vec::new();
    for key in keys {
        match runs.last_mut() {
            Some((_, last)) if u32::from(key) == u32::from(*last) + 1 => *last = key,
            _ => runs.push((key, key)),
        }
    }
    let run = |&(first, last): &(char, char)| if first == last { first.to_string() } else { format!("{first}\u{2013}{last}") };
    runs.iter().map(run).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::label::COMMAND_KEYS;
    use crate::model::{Document, Label};

    fn press(key: &str) -> KeyPress<'_> {
        KeyPress { key, ctrl: false, shift: key.chars().all(|c| c.is_ascii_uppercase()), alt: false, on_control: false }
    }

    fn schema_of(count: usize) -> Schema {
        let mut schema = Schema::default();
        for n in schema.labels().len()..count {
            schema.add(&format!("LABEL_{n}")).unwrap();
        }
        schema
    }

    #[test]
    fn no_label_key_collides_with_a_command_in_any_schema() {
        for count in 1..=35 {
            let schema = schema_of(count);
            // Nine digits and 23 letters: a label past the 32nd has no key (' ').
            for def in schema.labels().iter().filter(|def| def.key != ' ') {
                let key = def.key.to_string();
                assert_eq!(command_for(&press(&key), &schema), Some(Command::Label(def.key)), "{count} labels: {key}");
                assert!(!BINDINGS.iter().any(|b| !b.ctrl && b.keys.contains(&key.as_str())), "{key} is a command's too");
            }
            assert_eq!(schema.labels().iter().filter(|def| def.key != ' ').count(), schema.labels().len().min(32));
        }
    }

    #[test]
    fn no_two_bindings_share_a_key_press() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let same_shift = a.shift.is_none() || b.shift.is_none() || a.shift == b.shift;
                let shared = a.keys.iter().any(|k| b.keys.contains(k));
                assert!(!(a.ctrl == b.ctrl && same_shift && shared), "{} and {} collide", a.shown, b.shown);
            }
        }
        assert!(COMMAND_KEYS.iter().all(|k| BINDINGS.iter().any(|b| b.keys.contains(&k.to_string().as_str()))));
    }

    #[test]
    fn twelve_labels_are_each_applied_by_their_key() {
        let mut state = AppState::with_document(Document::new("d", "Kao Kim Hourn tiba di Bali"));
        for n in 4..12 {
            state.apply(WorkAction::AddLabels(vec![format!("LABEL_{n}")])).unwrap();
        }
        let keys: Vec<char> = state.schema().labels().iter().map(|d| d.key).collect();
        assert_eq!(label_keys_summary(state.schema()), "1\u{2013}9, b\u{2013}d");
        for (n, key) in keys.into_iter().enumerate() {
            let key = key.to_string();
            assert_eq!(intent(&press(&key), &state), Some(Intent::Label(key.chars().next().unwrap())));
            let label = state.schema().labels()[n].label.clone();
            state.apply(WorkAction::LabelKey { key: key.chars().next().unwrap(), selection: Some((0, 3)) }).unwrap();
            assert_eq!(state.current().annotations.spans().iter().filter(|s| *s.label() == label).count(), 1, "{label}");
            state.apply(WorkAction::Undo).unwrap();
        }
        assert_eq!(
            intent(&press("a"), &state),
            Some(Intent::Apply(SessionAction::TagAll { all_documents: false, case_sensitive: true }.into()))
        );
        assert_eq!(intent(&press("e"), &state), None, "no label on e");
    }

    #[test]
    fn the_help_lists_the_schemas_keys_then_every_binding() {
        let schema = Schema::default();
        let rows = help_rows(&schema);
        assert_eq!(rows[0], ("1".to_owned(), format!("Tag the selection {}, or relabel the selected span", Label::new("ACTOR"))));
        assert_eq!(rows.len(), schema.labels().len() + BINDINGS.len() + MOUSE.len());
        assert_eq!(label_keys_summary(&schema), "1\u{2013}4");
    }

    #[test]
    fn help_open_takes_only_escape_and_controls_keep_tab() {
        let mut state = AppState::with_document(Document::new("d", "Kao"));
        state.apply(ViewAction::ShowHelp(true)).unwrap();
        assert_eq!(intent(&press("1"), &state), None);
        assert_eq!(intent(&press("Escape"), &state), Some(Intent::Apply(ViewAction::ShowHelp(false).into())));
        state.apply(ViewAction::ShowHelp(false)).unwrap();
        let on_button = KeyPress { on_control: true, ..press("Tab") };
        assert_eq!(intent(&on_button, &state), None);
        let redo = KeyPress { ctrl: true, shift: true, ..press("Z") };
        assert_eq!(intent(&redo, &state), Some(Intent::Apply(WorkAction::Redo.into())));
    }
}
