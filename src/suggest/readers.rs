//! What the rules lend the model: the model holds no language of its own,
//! so the shell gives it these [`Readers`] (reading a count in a span's
//! text, finding a phrase's other occurrences, checking a patterns file) and
//! runs the engine for it ([`for_state`]), handing the suggestions over in
//! an action.

use std::rc::Rc;

use super::{numerals, occurrences, suggest, PatternSet, VICTIM_COUNT};
use crate::model::{AppState, Label, Readers, Suggested};

/// The readers this rule set lends the model.
pub fn readers() -> Readers {
    Readers { count: count_value, number: number_value, occurrences, check_patterns }
}

/// The count a phrase states, as JSON text: `"20 WNI"` -> `20`,
/// `"sebanyak puluhan orang"` -> `{"min":10,"max":99}`, `"dua puluh satu"`
/// -> `21`. The longest count the victim rules find inside the phrase wins;
/// a phrase that is only a number is read by the numeral parser.
pub fn count_value(phrase: &str) -> Option<Rc<str>> {
    let from_rule = suggest(phrase, &PatternSet::default())
        .into_iter()
        .filter(|s| s.label == VICTIM_COUNT)
        .max_by_key(|s| s.end - s.start)
        .and_then(|s| s.value);
    let value = match from_rule {
        Some(value) => serde_json::to_value(value).ok(),
        None => numerals::parse(phrase).and_then(|v| serde_json::to_value(v).ok()),
    }?;
    Some(Rc::from(value.to_string()))
}

/// A number typed in words or digits, as JSON text: `"dua puluh satu"` ->
/// `21`, `"ratusan"` -> `{"min":100,"max":999}`; a phrase with more than a
/// number in it is none.
fn number_value(text: &str) -> Option<Rc<str>> {
    numerals::parse(text).and_then(|value| serde_json::to_string(&value).ok()).map(Rc::from)
}

/// How many patterns a patterns file holds, or what is wrong with it.
fn check_patterns(jsonl: &str) -> Result<usize, String> {
    PatternSet::from_jsonl(jsonl).map(|set| set.len()).map_err(|error| error.to_string())
}

/// The suggestions for the shown document: the rules, the project's
/// patterns and its always-tag list.
pub fn for_state(state: &AppState) -> Vec<Suggested> {
    let always = state.always_tag().iter().map(|(text, label)| serde_json::json!({ "label": label.name(), "pattern": text }).to_string());
    let jsonl: Vec<String> = state.patterns().lines().map(str::to_owned).chain(always).collect();
    // The loaded file was checked when it was loaded; the list is built here.
    let patterns = PatternSet::from_jsonl(&jsonl.join("\n")).unwrap_or_default();
    suggest(state.current().document.text(), &patterns)
        .into_iter()
        .map(|s| Suggested {
            label: Label::new(&s.label),
            value: s.value.and_then(|v| serde_json::to_value(v).ok()).map(|v| Rc::from(v.to_string())),
            start: s.start,
            end: s.end,
            rule: s.rule,
        })
        .collect()
}
