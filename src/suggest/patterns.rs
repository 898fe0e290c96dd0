//! Annotators' own patterns, in Prodigy's JSONL shape, one per line:
//!
//! ```text
//! {"label": "LOCATION", "pattern": "Myawaddy"}
//! {"label": "VICTIM_COUNT", "pattern": [{"IS_DIGIT": true}, {"LOWER": "wni"}]}
//! ```
//!
//! A string pattern matches that exact phrase, token by token as written
//! (spaCy's `PhraseMatcher` on `ORTH`). A list pattern matches one token per
//! element; each element tests any of these keys, all of which must hold:
//!
//! | key                 | value  | holds when the token ...                                |
//! |---------------------|--------|---------------------------------------------------------|
//! | `ORTH`, `TEXT`      | string | is exactly the string                                   |
//! | `LOWER`             | string | in lower case is the string                             |
//! | `IS_DIGIT`          | bool   | is all digits (`char::is_numeric`), or is not           |
//! | `IS_ALPHA`          | bool   | is all letters, or is not                               |
//! | `IS_PUNCT`          | bool   | has no letter or digit, or has one                      |
//! | `IS_TITLE`          | bool   | starts upper case with lower case after, or does not    |
//! | `LENGTH`            | number | has this many code points                               |
//! | `OP`                | string | `"?"` zero or one, `"+"` one or more, `"*"` zero or more |
//!
//! Anything else (other keys, `{"IN": [...]}` values, other operators) is a
//! [`PatternError`] naming the line. Blank lines are skipped; an `"id"`
//! field is allowed and ignored. A pattern finds the leftmost longest
//! matches, never overlapping one another. Tokens are the engine's own:
//! Unicode word boundaries, whitespace dropped.

use std::fmt;

use serde_json::Value as Json;

use super::numerals::parse_at;
use super::tokens::{tokenize, Token};
use super::{Suggestion, Value, VICTIM_COUNT};

/// A set of annotators' patterns, ready to match.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
}

/// Why a patterns file was refused: the line (from 1) and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// The line of the patterns file, counting from 1.
    pub line: usize,
    /// What is wrong there.
    pub kind: PatternErrorKind,
}

/// What is wrong with a pattern line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternErrorKind {
    /// The line is not a JSON object; the parser's message.
    NotJson(String),
    /// The object has no string `"label"`.
    NoLabel,
    /// The object has no `"pattern"`, or it is neither a string nor a list.
    NoPattern,
    /// The pattern has no tokens: an empty string or list.
    Empty,
    /// The line has a field other than `label`, `pattern` and `id`.
    UnknownField(String),
    /// A token element uses a key this engine does not support.
    UnsupportedKey(String),
    /// A supported key has a value of the wrong kind; what it needs.
    BadValue { key: String, expected: &'static str },
    /// An `OP` other than `?`, `+` and `*`.
    UnsupportedOp(String),
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "patterns line {}: ", self.line)?;
        match &self.kind {
            PatternErrorKind::NotJson(message) => write!(f, "not a JSON object ({message})"),
            PatternErrorKind::NoLabel => write!(f, "no \"label\" string"),
            PatternErrorKind::NoPattern => write!(f, "no \"pattern\": give a phrase string or a list of token objects"),
            PatternErrorKind::Empty => write!(f, "the pattern is empty"),
            PatternErrorKind::UnknownField(field) => {
                write!(f, "unknown field \"{field}\"; a line has \"label\", \"pattern\" and optionally \"id\"")
            }
            PatternErrorKind::UnsupportedKey(key) => write!(
                f,
                "unsupported token key \"{key}\"; supported: ORTH, TEXT, LOWER, IS_DIGIT, IS_ALPHA, IS_PUNCT, IS_TITLE, LENGTH, OP"
            ),
            PatternErrorKind::BadValue { key, expected } => write!(f, "\"{key}\" needs {expected}"),
            PatternErrorKind::UnsupportedOp(op) => write!(f, "unsupported OP \"{op}\"; use \"?\", \"+\" or \"*\""),
        }
    }
}

impl std::error::Error for PatternError {}

/// One pattern: its label and token elements.
#[derive(Clone, Debug, PartialEq)]
struct Pattern {
    label: String,
    elements: Vec<Element>,
}

/// One token element: its tests and how often it may repeat.
#[derive(Clone, Debug, PartialEq)]
struct Element {
    tests: Vec<Test>,
    optional: bool,
    repeats: bool,
}

/// One test on a token.
#[derive(Clone, Debug, PartialEq)]
enum Test {
    Orth(String),
    Lower(String),
    IsDigit(bool),
    IsAlpha(bool),
    IsPunct(bool),
    IsTitle(bool),
    Length(usize),
}

impl Test {
    fn holds(&self, token: &Token) -> bool {
        let text = token.text;
        match self {
            Test::Orth(orth) => text == orth,
            Test::Lower(lower) => token.lower == *lower,
            Test::IsDigit(wanted) => text.chars().all(char::is_numeric) == *wanted,
            Test::IsAlpha(wanted) => text.chars().all(char::is_alphabetic) == *wanted,
            Test::IsPunct(wanted) => token.is_word() != *wanted,
            Test::IsTitle(wanted) => token.is_title() == *wanted,
            Test::Length(length) => text.chars().count() == *length,
        }
    }
}

impl PatternSet {
    /// Reads a patterns file in Prodigy's JSONL shape.
    pub fn from_jsonl(jsonl: &str) -> Result<Self, PatternError> {
        let mut patterns = Vec::new();
        for (index, line) in jsonl.lines().enumerate() {
            if !line.trim().is_empty() {
                patterns.push(parse_line(line).map_err(|kind| PatternError { line: index + 1, kind })?);
            }
        }
        Ok(PatternSet { patterns })
    }

    /// How many patterns the set holds.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the set holds no pattern.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Adds a suggestion for every match of every pattern. A VICTIM_COUNT
    /// match that starts with a number carries its value.
    pub(crate) fn suggest(&self, tokens: &[Token], out: &mut Vec<Suggestion>) {
        for pattern in &self.patterns {
            let mut i = 0;
            while i < tokens.len() {
                match longest_match(&pattern.elements, &tokens[i..]) {
                    Some(len) => {
                        let value = (pattern.label == VICTIM_COUNT).then(|| parse_at(&tokens[i..i + len])).flatten();
                        out.push(Suggestion {
                            start: tokens[i].start,
                            end: tokens[i + len - 1].end,
                            label: pattern.label.clone(),
                            value: value.map(|(_, count)| Value::Count(count)),
                            rule: "pattern",
                        });
                        i += len;
                    }
                    None => i += 1,
                }
            }
        }
    }
}

fn parse_line(line: &str) -> Result<Pattern, PatternErrorKind> {
    let value: Json = serde_json::from_str(line).map_err(|e| PatternErrorKind::NotJson(e.to_string()))?;
    let Json::Object(object) = value else { return Err(PatternErrorKind::NotJson("it holds JSON, but not an object".to_owned())) };
    if let Some(field) = object.keys().find(|k| !matches!(k.as_str(), "label" | "pattern" | "id")) {
        return Err(PatternErrorKind::UnknownField(field.clone()));
    }
    let label = object.get("label").and_then(Json::as_str).ok_or(PatternErrorKind::NoLabel)?.to_owned();
    let elements = match object.get("pattern") {
        Some(Json::String(phrase)) => tokenize(phrase)
            .iter()
            .map(|t| Element { tests: vec![Test::Orth(t.text.to_owned())], optional: false, repeats: false })
            .collect(),
        Some(Json::Array(items)) => items.iter().map(parse_element).collect::<Result<Vec<_>, _>>()?,
        _ => return Err(PatternErrorKind::NoPattern),
    };
    if elements.is_empty() {
        return Err(PatternErrorKind::Empty);
    }
    Ok(Pattern { label, elements })
}

fn parse_element(item: &Json) -> Result<Element, PatternErrorKind> {
    let object = item.as_object().ok_or(PatternErrorKind::NoPattern)?;
    let mut element = Element { tests: Vec::new(), optional: false, repeats: false };
    for (key, value) in object {
        let bad = |expected| PatternErrorKind::BadValue { key: key.clone(), expected };
        let string = || value.as_str().map(str::to_owned).ok_or_else(|| bad("a string"));
        let flag = || value.as_bool().ok_or_else(|| bad("true or false"));
        match key.as_str() {
            "ORTH" | "TEXT" => element.tests.push(Test::Orth(string()?)),
            "LOWER" => element.tests.push(Test::Lower(string()?)),
            "IS_DIGIT" => element.tests.push(Test::IsDigit(flag()?)),
            "IS_ALPHA" => element.tests.push(Test::IsAlpha(flag()?)),
            "IS_PUNCT" => element.tests.push(Test::IsPunct(flag()?)),
            "IS_TITLE" => element.tests.push(Test::IsTitle(flag()?)),
            "LENGTH" => {
                let length = value.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(|| bad("a whole number"))?;
                element.tests.push(Test::Length(length));
            }
            "OP" => match string()?.as_str() {
                "?" => element.optional = true,
                "+" => element.repeats = true,
                "*" => (element.optional, element.repeats) = (true, true),
                other => return Err(PatternErrorKind::UnsupportedOp(other.to_owned())),
            },
            other => return Err(PatternErrorKind::UnsupportedKey(other.to_owned())),
        }
    }
    Ok(element)
}

/// The length of the longest match of `elements` at the start of `tokens`,
/// if it takes at least one token.
///
/// A set of states is stepped over the tokens (no backtracking, so the cost
/// is at most elements x tokens): state `(k, taken)` is "at element `k`,
/// having taken at least one token for it when `taken`".
fn longest_match(elements: &[Element], tokens: &[Token]) -> Option<usize> {
    let states = elements.len() + 1;
    let mut current = vec![false; states * 2];
    current[0] = true;
    close(elements, &mut current);
    let mut longest = None;
    for (used, token) in tokens.iter().enumerate() {
        let mut next = vec![false; states * 2];
        for k in 0..elements.len() {
            let element = &elements[k];
            let here = current[k * 2] || (current[k * 2 + 1] && element.repeats);
            if here && element.tests.iter().all(|test| test.holds(token)) {
                next[k * 2 + 1] = true;
            }
        }
        close(elements, &mut next);
        if !next.iter().any(|&s| s) {
            break;
        }
        if next[elements.len() * 2] {
            longest = Some(used + 1);
        }
        current = next;
    }
    longest
}

/// Adds the states reachable without taking a token: past an element once
/// it has taken a token, or past an optional one.
fn close(elements: &[Element], states: &mut [bool]) {
    for (k, element) in elements.iter().enumerate() {
        if states[k * 2 + 1] || (states[k * 2] && element.optional) {
            states[(k + 1) * 2] = true;
        }
    }
}
