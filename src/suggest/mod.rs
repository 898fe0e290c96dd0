//! Offline pre-annotation: rules that suggest spans for an annotator to
//! accept or reject. Pure Rust: no browser, no I/O, no network.
//!
//! Code map, one rule family per module, each built on a small table:
//! - [`numerals`]: numbers in digits and words to a [`VictimValue`].
//! - [`victims`]: VICTIM_COUNT, a number and a victim noun ("20 WNI").
//! - [`gazetteer`]: LOCATION, known places and cue words ("Kabupaten X").
//! - [`actors`]: ACTOR, institutions, organisations and titled people.
//! - [`policy`]: POLICY_CALL, the clause after a call verb or around a modal.
//! - [`patterns`]: the annotators' own patterns, Prodigy's JSONL shape.
//! - [`occurrences`]: whole-word occurrences of a phrase ("tag all").
//! - `readers`: what the rules lend the model, and the suggestions for the
//!   shown document, handed to it in an action.
//!
//! Every offset is a char (code point) offset, half-open, as in the model.
//! The text is tokenised once (`tokens`), and each token carries its char
//! offsets, counted in that one pass: the rules never convert a byte index,
//! and the engine stays linear in the length of the text.
//!
//! Between rules: suggestions of one label never nest (the outer one stays),
//! and a LOCATION inside an ACTOR or VICTIM_COUNT is dropped: a place inside
//! "KBRI Yangon" or "26 rakyat Malaysia" names an office or the victims'
//! origin, not a place where something happens. Patterns' suggestions are
//! kept as they are.

pub mod actors;
pub mod gazetteer;
pub mod numerals;
mod occurrences;
pub mod patterns;
mod phrases;
pub mod policy;
mod readers;
mod tokens;
pub mod victims;

use std::cmp::Reverse;
use std::collections::HashMap;

use serde::Serialize;

pub use gazetteer::Place;
pub use numerals::VictimValue;
pub use occurrences::occurrences;
pub use patterns::{PatternError, PatternErrorKind, PatternSet};
pub use readers::{count_value, for_state, readers};

use tokens::{tokenize, Token};

use crate::sort::{sort_by, sort_by_key};

/// The label of people and institutions.
pub const ACTOR: &str = "ACTOR";
/// The label of counts of victims.
pub const VICTIM_COUNT: &str = "VICTIM_COUNT";
/// The label of places.
pub const LOCATION: &str = "LOCATION";
/// The label of calls for action.
pub const POLICY_CALL: &str = "POLICY_CALL";

/// A suggested span: a labelled char range, with a normalised value when the
/// rule knows one.
///
/// ```text
/// "sebanyak 16 orang"  start=9 end=17 label=VICTIM_COUNT value=16 -> "16 orang"
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// Char offset of the first code point.
    pub start: usize,
    /// Char offset just past the last code point.
    pub end: usize,
    /// The label, e.g. `"ACTOR"`; a pattern's may be any.
    pub label: String,
    /// The normalised value, when the rule knows one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The rule that made the suggestion, e.g. `"victim_count"`, `"pattern"`.
    pub rule: &'static str,
}

/// A suggestion's normalised value.
///
/// Serialises as the bare value: `20`, `{"min": 10, "max": 99}`,
/// `{"name": "Myanmar", "country": "MM"}` or `{"name": "Kementerian Luar Negeri"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A VICTIM_COUNT's number.
    Count(VictimValue),
    /// A LOCATION's canonical place.
    Place(Place),
    /// An ACTOR institution's canonical name.
    Organisation { name: &'static str },
}

impl Suggestion {
    /// A suggestion over tokens `a..b` (token indices, half-open).
    fn over(tokens: &[Token], a: usize, b: usize, label: &str, value: Option<Value>, rule: &'static str) -> Self {
        Suggestion { start: tokens[a].start, end: tokens[b - 1].end, label: label.to_owned(), value, rule }
    }
}

/// Every suggestion for `text`, sorted by `(start, end, label)`, without
/// repeats: the rules' and the patterns'. Of a rule and a pattern that
/// suggest the same range and label, the rule's suggestion stays.
pub fn suggest(text: &str, patterns: &PatternSet) -> Vec<Suggestion> {
    let tokens = tokenize(text);
    let mut found = Vec::new();
    victims::suggest(&tokens, &mut found);
    gazetteer::suggest(&tokens, &mut found);
    actors::suggest(&tokens, &mut found);
    policy::suggest(&tokens, &mut found);
    let mut found = drop_nested(found);
    patterns.suggest(&tokens, &mut found);
    // A stable sort keeps the first rule's suggestion among exact repeats.
    sort_by(&mut found, |a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    found.dedup_by(|b, a| (a.start, a.end, &a.label) == (b.start, b.end, &b.label));
    found
}

/// Drops suggestions inside another of the same label (of two equal ones,
/// the first rule's stays), and LOCATIONs inside an ACTOR or VICTIM_COUNT.
fn drop_nested(mut found: Vec<Suggestion>) -> Vec<Suggestion> {
    // Outer spans first: by start, then the longest; a container before a
    // LOCATION of the same range.
    sort_by_key(&mut found, |s| (s.start, Reverse(s.end), s.label == LOCATION));
    // Every kept suggestion starts at or before the current one, so the
    // current one is inside a kept one exactly when it ends no later than
    // the furthest end kept so far.
    let mut reach: HashMap<String, usize> = HashMap::new();
    let mut container_reach = 0;
    found.retain(|s| {
        let same = reach.entry(s.label.clone()).or_insert(0);
        if s.end <= *same || (s.label == LOCATION && s.end <= container_reach) {
            return false;
        }
        *same = s.end;
        if s.label == ACTOR || s.label == VICTIM_COUNT {
            container_reach = container_reach.max(s.end);
        }
        true
    });
    found
}
