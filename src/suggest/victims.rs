//! VICTIM_COUNT suggestions: a number, an optional classifier and a victim
//! noun, each part from a table below.
//!
//! ```text
//! "sebanyak 16 orang"                    -> "16 orang"                          16
//! "20 warga negara Indonesia (WNI)"      -> the whole phrase                    20
//! "ratusan pekerja migran"               -> the whole phrase                    {100, 999}
//! "at least 260 victims"                 -> the whole phrase                    {260, null}
//! "26 rakyat Malaysia"                   -> the whole phrase                    26
//! "lima orang tersangka"                 -> nothing: suspects are not victims
//! ```
//!
//! The span starts at the number, or at a bound that changes its value
//! ("lebih dari", "at least": see [`super::numerals`]). Words that only
//! announce a count ("sebanyak", "seramai", "a total of", "sekitar") stay
//! outside: they change neither the number nor who is counted. The span ends
//! with the noun, its place of origin when the noun takes one ("warga NTT",
//! "rakyat Malaysia") and a parenthesised abbreviation ("(WNI)"). A number
//! alone, "1,5 juta", is never a victim count.

use std::sync::OnceLock;

use super::gazetteer::place_at;
use super::numerals::{parse_at, VictimValue};
use super::phrases::{Case, PhraseIndex};
use super::tokens::{bracketed_abbreviation, Gap, Token};
use super::{Suggestion, Value, VICTIM_COUNT};

/// Victim nouns, matched in any case, and whether a place of origin may
/// follow ("warga negara Indonesia").
const NOUNS: &[(&str, bool)] = &[
    ("wni", false),
    ("tki", false),
    ("pmi", false),
    ("cpmi", false),
    ("abk", false),
    ("korban", false),
    ("mangsa", false),
    ("orang", false),
    ("jiwa", false),
    ("anak", false),
    ("anak-anak", false),
    ("anak buah kapal", false),
    ("perempuan", false),
    ("wanita", false),
    ("pria", false),
    ("laki-laki", false),
    ("remaja", false),
    ("pelajar", false),
    ("mahasiswa", false),
    ("warga", true),
    ("warga negara", true),
    ("warganegara", true),
    ("rakyat", true),
    ("pekerja", true),
    ("pekerja migran", true),
    ("buruh migran", true),
    ("tenaga kerja", true),
    ("nelayan", true),
    ("victims", false),
    ("victim", false),
    ("survivors", false),
    ("people", false),
    ("persons", false),
    ("workers", false),
    ("migrants", false),
    ("nationals", false),
    ("citizens", false),
    ("foreigners", false),
    ("indonesians", false),
    ("malaysians", false),
    ("filipinos", false),
    ("vietnamese", false),
    ("women", false),
    ("men", false),
    ("children", false),
    ("girls", false),
    ("boys", false),
];

/// Words that may stand before a noun: "calon pekerja migran", "123
/// Indonesian nationals", "migrant workers". At most two.
const QUALIFIERS: &[&str] =
    &["calon", "migrant", "foreign", "young", "indonesian", "malaysian", "filipino", "vietnamese", "thai", "chinese", "cambodian"];

/// Classifiers between a number and a noun: "16 orang korban".
const CLASSIFIERS: &[&str] = &["orang"];

/// Nouns after a classifier that are not victims: "lima orang tersangka".
const NOT_VICTIMS: &[&str] = &["tersangka", "pelaku", "perekrut", "agen", "polisi", "petugas", "personel", "anggota", "pejabat", "saksi"];

/// A count takes at most this many tokens after its first.
const LINE_REACH: usize = 16;

/// Adds a VICTIM_COUNT for every number followed by a victim noun, left to
/// right, never overlapping one another.
pub(crate) fn suggest(tokens: &[Token], out: &mut Vec<Suggestion>) {
    let mut i = 0;
    while i < tokens.len() {
        match victim_count_at(tokens, i) {
            Some((end, value)) => {
                out.push(Suggestion::over(tokens, i, end, VICTIM_COUNT, Some(Value::Count(value)), "victim_count"));
                i = end;
            }
            None => i += 1,
        }
    }
}

/// The victim count starting at token `i`: the token index past it, and its value.
fn victim_count_at(tokens: &[Token], i: usize) -> Option<(usize, VictimValue)> {
    // A count never crosses a line break: the rules only see this line.
    let line_end = i + 1 + tokens[i + 1..].iter().take(LINE_REACH).take_while(|t| t.gap != Gap::Newline).count();
    let tokens = &tokens[..line_end];
    // "seorang" is "se-" (one) and the classifier "orang": a noun must follow.
    let (end, value) = if tokens[i].lower == "seorang" {
        (noun_phrase(tokens, i + 1)?, VictimValue::Exact(1))
    } else {
        let (used, value) = parse_at(&tokens[i..])?;
        let mut j = i + used;
        if tokens.get(j).is_some_and(|t| t.lower == "of") {
            j += 1;
        }
        let end = match tokens.get(j) {
            Some(t) if CLASSIFIERS.contains(&t.lower.as_ref()) => noun_phrase(tokens, j + 1).or(Some(j + 1)),
            _ => noun_phrase(tokens, j),
        }?;
        (end, value)
    };
    // "lima orang tersangka": the classifier would be the noun, but the
    // people counted are named next, and they are not victims.
    let counts_others = tokens.get(end).is_some_and(|t| NOT_VICTIMS.contains(&t.lower.as_ref()));
    (!counts_others).then_some((end, value))
}

/// A victim noun with its qualifiers, origin and abbreviation, starting at
/// token `j`: the token index past it.
fn noun_phrase(tokens: &[Token], j: usize) -> Option<usize> {
    let qualifiers = tokens[j.min(tokens.len())..].iter().take(2).take_while(|t| QUALIFIERS.contains(&t.lower.as_ref())).count();
    let k = j + qualifiers;
    static INDEX: OnceLock<PhraseIndex<bool>> = OnceLock::new();
    let nouns = INDEX.get_or_init(|| PhraseIndex::new(NOUNS.iter().copied(), Case::Any));
    let (mut end, takes_origin) = nouns.longest_at(tokens, k)?;
    if takes_origin {
        if let Some((after_place, _)) = place_at(tokens, end) {
            end = after_place;
        }
    }
    Some(bracketed_abbreviation(tokens, end).unwrap_or(end))
}
