//! Longest-match lookup of fixed phrases (place names, institutions, role
//! words) in a token stream. Phrases are tokenised like the text, so a match
//! always covers whole tokens: whole words, never part of one.

use std::collections::HashMap;

use super::tokens::{tokenize, Gap, Token};

/// How a phrase's letters must match the text's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// As written, or the whole token in capitals ("MAE SOT" for "Mae Sot").
    AsWritten,
    /// Any case: "Menteri", "menteri" and "MENTERI" all match "menteri".
    Any,
}

/// One phrase: its tokens as written and in lower case, and its payload.
struct Phrase<T> {
    written: Vec<String>,
    lower: Vec<String>,
    payload: T,
}

/// Phrases indexed by their first token in lower case.
pub(crate) struct PhraseIndex<T> {
    by_first: HashMap<String, Vec<Phrase<T>>>,
    case: Case,
}

impl<T: Copy> PhraseIndex<T> {
    /// Indexes `(phrase, payload)` pairs; longer phrases are tried first.
    pub fn new(entries: impl IntoIterator<Item = (&'static str, T)>, case: Case) -> Self {
        let mut by_first: HashMap<String, Vec<Phrase<T>>> = HashMap::new();
        for (phrase, payload) in entries {
            let tokens = tokenize(phrase);
            let written: Vec<String> = tokens.iter().map(|t| t.text.to_owned()).collect();
            let lower: Vec<String> = tokens.iter().map(|t| t.lower.to_string()).collect();
            if let Some(first) = lower.first() {
                by_first.entry(first.clone()).or_default().push(Phrase { written, lower, payload });
            }
        }
        for phrases in by_first.values_mut() {
            phrases.sort_by_key(|p| std::cmp::Reverse(p.lower.len()));
        }
        PhraseIndex { by_first, case }
    }

    /// The longest phrase starting at token `i`: the index just past its last
    /// token, and its payload. A phrase never spans a line break.
    pub fn longest_at(&self, tokens: &[Token], i: usize) -> Option<(usize, T)> {
        let candidates = self.by_first.get(tokens.get(i)?.lower.as_ref())?;
        candidates.iter().find_map(|phrase| {
            let window = tokens.get(i..i + phrase.lower.len())?;
            let matches = window.iter().enumerate().all(|(k, token)| {
                (k == 0 || token.gap != Gap::Newline) && self.token_matches(token, &phrase.written[k], &phrase.lower[k])
            });
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
