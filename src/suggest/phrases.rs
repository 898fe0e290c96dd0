//! Longest-match lookup of fixed phrases (place names, institutions, role
//! words) in a token stream. Phrases are tokenised like the text, so a match
//! always covers whole tokens: whole words, never part of one.

use std::collections::HashMap;

use super::tokens::{tokenize, Gap, Token};
use crate::sort::sort_by_key;

/// How a phrase's letters must match the text's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// As written, or the whole token in capitals ("MAE SOT" for "Mae Sot").
    AsWritten,
    /// Any case: "Menteri", "menteri" and "MENTERI" all match "menteri".
    Any,
}

/// One phrase: its tokens as written and in lower case, and where its
/// payload sits in [`PhraseIndex`]'s list of payloads.
struct Phrase {
    written: Vec<String>,
    lower: Vec<String>,
    payload: usize,
}

/// Phrases indexed by their first token in lower case, each with a payload.
pub(crate) struct PhraseIndex<T> {
    phrases: Phrases,
    payloads: Vec<T>,
}

/// The lookup part of a [`PhraseIndex`]. It does not know the payload type,
/// so the wasm holds one copy of it rather than one per kind of phrase.
struct Phrases {
    by_first: HashMap<String, Vec<Phrase>>,
    case: Case,
}

impl<T: Copy> PhraseIndex<T> {
    /// Indexes `(phrase, payload)` pairs; longer phrases are tried first.
    pub fn new(entries: impl IntoIterator<Item = (&'static str, T)>, case: Case) -> Self {
        let (texts, payloads): (Vec<&str>, Vec<T>) = entries.into_iter().unzip();
        PhraseIndex { phrases: Phrases::new(&texts, case), payloads }
    }

    /// The longest phrase starting at token `i`: the index just past its last
    /// token, and its payload. A phrase never spans a line break.
    pub fn longest_at(&self, tokens: &[Token], i: usize) -> Option<(usize, T)> {
        let (end, payload) = self.phrases.longest_at(tokens, i)?;
        Some((end, self.payloads[payload]))
    }
}

impl Phrases {
    /// Indexes `texts`; a phrase's payload is its position in `texts`.
    fn new(texts: &[&str], case: Case) -> Self {
        let mut by_first: HashMap<String, Vec<Phrase>> = HashMap::new();
        for (payload, text) in texts.iter().enumerate() {
            let tokens = tokenize(text);
            let written: Vec<String> = tokens.iter().map(|t| t.text.to_owned()).collect();
            let lower: Vec<String> = tokens.iter().map(|t| t.lower.to_string()).collect();
            if let Some(first) = lower.first() {
                by_first.entry(first.clone()).or_default().push(Phrase { written, lower, payload });
            }
        }
        for phrases in by_first.values_mut() {
            sort_by_key(phrases, |p| std::cmp::Reverse(p.lower.len()));
        }
        Phrases { by_first, case }
    }

    /// Like [`PhraseIndex::longest_at`], with the payload's position.
    fn longest_at(&self, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
        let candidates = self.by_first.get(tokens.get(i)?.lower.as_ref())?;
        candidates.iter().find_map(|phrase| {
            let window = tokens.get(i..i + phrase.lower.len())?;
            let matches = window
                .iter()
                .enumerate()
                .all(|(k, token)| (k == 0 || token.gap != Gap::Newline) && self.token_matches(token, &phrase.written[k], &phrase.lower[k]));
            matches.then_some((i + phrase.lower.len(), phrase.payload))
        })
    }

    fn token_matches(&self, token: &Token, written: &str, lower: &str) -> bool {
        match self.case {
            Case::Any => token.lower == lower,
            Case::AsWritten => token.text == written || (token.is_upper() && token.lower == lower),
        }
    }
}
