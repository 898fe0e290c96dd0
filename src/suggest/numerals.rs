//! Numbers of people as written in Indonesian, Malay and English news, parsed
//! to a [`VictimValue`].
//!
//! What is understood, each from a small table below:
//! - digits: "20", Indonesian thousands "1.200", English "1,200", and a
//!   decimal with a scale word, "1,5 juta" or "2.5 million" (= 1 500 000 and
//!   2 500 000). A `.` or `,` followed by exactly three digits is a thousands
//!   separator; any other is a decimal mark, which needs a scale word to make
//!   a whole number. So "1,250 juta" is 1 250 000 000, as in English.
//! - words: Indonesian and Malay ("dua puluh enam", "sebelas", "seratus",
//!   "sembilan ratus sembilan puluh sembilan ribu", "dua juta"; the "se-"
//!   prefix means one: "seribu", "sejuta") and English ("twenty-six",
//!   "two hundred and fifty", "three thousand").
//! - ranges: "10-15", "10 hingga 15", "10 to 15" -> `{min: 10, max: 15}`.
//! - vague amounts (`VAGUE`): "puluhan" -> 10..=99, "ratusan" ->
//!   100..=999, "ribuan" -> 1000..=9999, "puluhan ribu" -> 10 000..=99 999.
//!   The Indonesian "-an" forms span one order of magnitude; the English
//!   plurals mean at least two: "hundreds" -> 200..=999.
//! - bounds (`BOUNDS`) before a number: "lebih dari 200" / "more than
//!   200" -> `{min: 201, max: null}` (more than 200 is at least 201);
//!   "sedikitnya 260" / "at least 260" -> `{min: 260, max: null}`;
//!   "paling banyak 50" / "up to 50" -> `{min: 0, max: 50}`; "kurang dari
//!   50" / "fewer than 50" -> `{min: 0, max: 49}`.
//!
//! Approximations ("sekitar", "about") are not part of a number: the value
//! is the number as stated.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::phrases::{Case, PhraseIndex};
use super::tokens::{tokenize, Token};

/// A count of people: exact, or a range whose upper end may be open.
///
/// Serialises as `20`, `{"min": 10, "max": 99}` or `{"min": 201, "max": null}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum VictimValue {
    /// Exactly this many.
    Exact(u64),
    /// At least `min`, and at most `max` when it is known.
    Range { min: u64, max: Option<u64> },
}

impl VictimValue {
    fn min(self) -> u64 {
        match self {
            VictimValue::Exact(n) | VictimValue::Range { min: n, .. } => n,
        }
    }

    fn max(self) -> Option<u64> {
        match self {
            VictimValue::Exact(n) => Some(n),
            VictimValue::Range { max, .. } => max,
        }
    }
}

/// Parses a whole phrase as a number; `None` if any part of it is not one.
///
/// ```text
/// "1,5 juta" -> Exact(1500000)    "puluhan" -> Range{10, 99}    "dua WNI" -> None
/// ```
pub fn parse(phrase: &str) -> Option<VictimValue> {
    let tokens = tokenize(phrase);
    match parse_at(&tokens) {
        Some((used, value)) if used == tokens.len() => Some(value),
        _ => None,
    }
}

/// Parses the longest number at the start of `tokens`: how many tokens it
/// takes, and its value.
pub(crate) fn parse_at(tokens: &[Token]) -> Option<(usize, VictimValue)> {
    static INDEX: OnceLock<PhraseIndex<Bound>> = OnceLock::new();
    let bounds = INDEX.get_or_init(|| PhraseIndex::new(BOUNDS.iter().copied(), Case::Any));
    let (bound, skip) = match bounds.longest_at(tokens, 0) {
        Some((skip, bound)) => (Some(bound), skip),
        None => (None, 0),
    };
    let (used, value) = quantity(&tokens[skip..])?;
    let value = match bound {
        Some(bound) => bound.apply(value)?,
        None => value,
    };
    Some((skip + used, value))
}

/// A bound placed before a number.
#[derive(Clone, Copy, Debug)]
enum Bound {
    MoreThan,
    AtLeast,
    AtMost,
    LessThan,
}

impl Bound {
    fn apply(self, value: VictimValue) -> Option<VictimValue> {
        Some(match self {
            Bound::MoreThan => VictimValue::Range { min: value.min().checked_add(1)?, max: None },
            Bound::AtLeast => VictimValue::Range { min: value.min(), max: None },
            Bound::AtMost => VictimValue::Range { min: 0, max: Some(value.max()?) },
            Bound::LessThan => VictimValue::Range { min: 0, max: Some(value.min().checked_sub(1)?) },
        })
    }
}

/// Words before a number that bound it, in any case.
const BOUNDS: &[(&str, Bound)] = &[
    ("lebih dari", Bound::MoreThan),
    ("lebih daripada", Bound::MoreThan),
    ("more than", Bound::MoreThan),
    ("over", Bound::MoreThan),
    ("sedikitnya", Bound::AtLeast),
    ("setidaknya", Bound::AtLeast),
    ("sekurangnya", Bound::AtLeast),
    ("sekurang-kurangnya", Bound::AtLeast),
    ("paling sedikit", Bound::AtLeast),
    ("minimal", Bound::AtLeast),
    ("at least", Bound::AtLeast),
    ("paling banyak", Bound::AtMost),
    ("maksimal", Bound::AtMost),
    ("at most", Bound::AtMost),
    ("up to", Bound::AtMost),
    ("kurang dari", Bound::LessThan),
    ("kurang daripada", Bound::LessThan),
    ("fewer than", Bound::LessThan),
    ("less than", Bound::LessThan),
];

/// Vague amounts: `(word, min, max)`; a scale word after one multiplies it.
const VAGUE: &[(&str, u64, u64)] = &[
    ("belasan", 11, 19),
    ("puluhan", 10, 99),
    ("ratusan", 100, 999),
    ("ribuan", 1_000, 9_999),
    ("jutaan", 1_000_000, 9_999_999),
    ("dozens", 24, 99),
    ("hundreds", 200, 999),
    ("thousands", 2_000, 9_999),
    ("millions", 2_000_000, 9_999_999),
];

/// Words joining the two ends of a range: "10-15", "10 hingga 15".
const RANGE_JOINERS: &[&str] = &["-", "\u{2013}", "hingga", "sampai", "to"];

/// A number, a range of two numbers, or a vague amount.
fn quantity(tokens: &[Token]) -> Option<(usize, VictimValue)> {
    if let Some(vague) = vague(tokens) {
        return Some(vague);
    }
    let (used, low) = amount(tokens)?;
    let range = tokens
        .get(used)
        .filter(|joiner| RANGE_JOINERS.contains(&joiner.lower.as_ref()))
        .and_then(|_| amount(&tokens[used + 1..]))
        .filter(|&(_, high)| high > low);
    Some(match range {
        Some((more, high)) => (used + 1 + more, VictimValue::Range { min: low, max: Some(high) }),
        None => (used, VictimValue::Exact(low)),
    })
}

fn vague(tokens: &[Token]) -> Option<(usize, VictimValue)> {
    let &(_, min, max) = VAGUE.iter().find(|(word, _, _)| tokens.first().is_some_and(|t| t.lower == *word))?;
    match tokens.get(1).and_then(|t| scale(&t.lower)) {
        Some(scale) => Some((2, VictimValue::Range { min: min.checked_mul(scale)?, max: Some((max + 1).checked_mul(scale)? - 1) })),
        None => Some((1, VictimValue::Range { min, max: Some(max) })),
    }
}

/// An exact whole number in digits or words.
fn amount(tokens: &[Token]) -> Option<(usize, u64)> {
    let first = tokens.first()?;
    if first.text.starts_with(|c: char| c.is_ascii_digit()) {
        digits(first.text, tokens.get(1).and_then(|t| scale(&t.lower)))
    } else {
        words(tokens)
    }
}

/// Scale words: a number before one is multiplied by it.
const SCALES: &[(&str, u64)] = &[
    ("ribu", 1_000),
    ("juta", 1_000_000),
    ("miliar", 1_000_000_000),
    ("milyar", 1_000_000_000),
    ("bilion", 1_000_000_000),
    ("triliun", 1_000_000_000_000),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];

fn scale(word: &str) -> Option<u64> {
    SCALES.iter().find(|(name, _)| *name == word).map(|&(_, value)| value)
}

/// A digit token, with the scale word after it when there is one.
fn digits(token: &str, scale: Option<u64>) -> Option<(usize, u64)> {
    if !token.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') || !token.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (mantissa, decimals) = split_decimal(token)?;
    let used = 1 + usize::from(scale.is_some());
    let scaled = mantissa.checked_mul(scale.unwrap_or(1))?;
    let divisor = 10u64.checked_pow(decimals)?;
    (scaled % divisor == 0).then_some((used, scaled / divisor))
}

/// "1.200" -> (1200, 0), "1,5" -> (15, 1), "1.200,5" -> (12005, 1).
fn split_decimal(token: &str) -> Option<(u64, u32)> {
    let groups: Vec<&str> = token.split(['.', ',']).collect();
    let separators: Vec<char> = token.chars().filter(|c| !c.is_ascii_digit()).collect();
    let thousands = |groups: &[&str], separators: &[char]| {
        (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3) && separators.windows(2).all(|w| w[0] == w[1])
    };
    let number = |groups: &[&str]| groups.concat().parse::<u64>().ok();
    if separators.is_empty() || thousands(&groups, &separators) {
        return Some((number(&groups)?, 0));
    }
    let (last_separator, before) = separators.split_last()?;
    let integer = &groups[..groups.len() - 1];
    let fraction = groups[groups.len() - 1];
    let integer_ok = before.is_empty() || (thousands(integer, before) && before[0] != *last_separator);
    (integer_ok && !integer[0].is_empty()).then_some(())?;
    Some((number(&groups)?, u32::try_from(fraction.len()).ok()?))
}

/// How a number word combines with the ones before it.
#[derive(Clone, Copy, Debug)]
enum Word {
    /// 1 to 9: "dua", "lapan", "seven".
    Unit(u64),
    /// A finished part of a group and the bound it leaves for the next part:
    /// "sebelas" (11, nothing may follow), "seratus" (100, below 100 may
    /// follow), "twenty" (20, a unit may follow).
    Part { value: u64, next_below: u64 },
    /// Multiplies the unit before it: "puluh" (x10), "ratus", "hundred" (x100).
    Times(u64),
    /// "belas": ten plus the unit before it.
    Teen,
    /// Closes a group of up to 999: "ribu", "juta", "million".
    Scale(u64),
    /// One of a scale: "seribu", "sejuta".
    OneScale(u64),
}

/// Units in every language we read.
const UNITS: &[(&str, u64)] = &[
    ("satu", 1),
    ("dua", 2),
    ("tiga", 3),
    ("empat", 4),
    ("lima", 5),
    ("enam", 6),
    ("tujuh", 7),
    ("delapan", 8),
    ("lapan", 8),
    ("sembilan", 9),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
];

/// English teens and tens, which name a part of a group in one word.
const ENGLISH_PARTS: &[(&str, u64)] = &[
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Every number word of the tables above, and how it combines.
fn words_table() -> &'static HashMap<&'static str, Word> {
    static TABLE: OnceLock<HashMap<&'static str, Word>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let units = UNITS.iter().map(|&(w, unit)| (w, Word::Unit(unit)));
        let parts = ENGLISH_PARTS.iter().map(|&(w, value)| (w, Word::Part { value, next_below: if value < 20 { 1 } else { 10 } }));
        let scales = SCALES.iter().map(|&(w, value)| (w, Word::Scale(value)));
        let times = [("puluh", Word::Times(10)), ("ratus", Word::Times(100)), ("hundred", Word::Times(100)), ("belas", Word::Teen)];
        units.chain(parts).chain(scales).chain(times).collect()
    })
}

fn word(lower: &str) -> Option<Word> {
    if let Some(&word) = words_table().get(lower) {
        return Some(word);
    }
    // The "se-" prefix is "one": sepuluh, sebelas, seratus, seribu, sejuta.
    match lower.strip_prefix("se")? {
        "puluh" => Some(Word::Part { value: 10, next_below: 1 }),
        "belas" => Some(Word::Part { value: 11, next_below: 1 }),
        "ratus" => Some(Word::Part { value: 100, next_below: 100 }),
        rest => scale(rest).map(Word::OneScale),
    }
}

/// The running state of a number in words.
#[derive(Clone, Copy)]
struct Words {
    total: u64,
    group: u64,
    unit: Option<u64>,
    below: u64,
    last_scale: u64,
}

impl Words {
    const START: Words = Words { total: 0, group: 0, unit: None, below: 1000, last_scale: u64::MAX };

    /// The state after `word`, or `None` when `word` cannot come next.
    fn then(self, word: Word) -> Option<Words> {
        let mut next = self;
        match word {
            Word::Unit(value) => {
                (self.unit.is_none() && value < self.below).then_some(())?;
                next.unit = Some(value);
            }
            Word::Part { value, next_below } => {
                (self.unit.is_none() && value < self.below).then_some(())?;
                next.group += value;
                next.below = next_below;
            }
            Word::Times(_) | Word::Teen => {
                let unit = self.unit?;
                let (value, next_below) = match word {
                    Word::Times(factor) => (unit * factor, factor),
                    _ => (10 + unit, 1),
                };
                (value < self.below).then_some(())?;
                next.group += value;
                next.unit = None;
                next.below = next_below;
            }
            Word::Scale(scale) => {
                let group = self.group + self.unit.unwrap_or(0);
                (group > 0 && scale < self.last_scale).then_some(())?;
                next = Words { total: self.total.checked_add(group.checked_mul(scale)?)?, last_scale: scale, ..Words::START };
            }
            Word::OneScale(scale) => {
                (self.group == 0 && self.unit.is_none() && scale < self.last_scale).then_some(())?;
                next = Words { total: self.total.checked_add(scale)?, last_scale: scale, ..Words::START };
            }
        }
        Some(next)
    }

    fn value(self) -> u64 {
        self.total + self.group + self.unit.unwrap_or(0)
    }
}

/// Joiners allowed inside a number in words when a number word follows:
/// "two hundred and fifty", "twenty-six".
const WORD_JOINERS: &[&str] = &["and", "-"];

/// The longest number in words at the start of `tokens`.
fn words(tokens: &[Token]) -> Option<(usize, u64)> {
    let mut state = Words::START;
    let mut used = 0;
    while let Some(token) = tokens.get(used) {
        if let Some(next) = word(&token.lower).and_then(|w| state.then(w)) {
            state = next;
            used += 1;
            continue;
        }
        let joined = WORD_JOINERS.contains(&token.lower.as_ref()).then(|| tokens.get(used + 1)).flatten();
        match joined.and_then(|t| word(&t.lower)).and_then(|w| state.then(w)) {
            Some(next) if used > 0 => {
                state = next;
                used += 2;
            }
            _ => break,
        }
    }
    (used > 0).then(|| (used, state.value()))
}
