//! POLICY_CALL suggestions: what a speaker calls on someone to do.
//!
//! Two kinds of cue open a call (`CUES`):
//! - a call verb ("mendorong", "meminta", "mengajak", "menyerukan",
//!   "mendesak", "mengimbau", "menggesa", "urged", "called on", "penting
//!   bahwa"): the verb is the speaker's act, not the call, so the span
//!   starts after it, and after a complementiser, colon or opening quote
//!   right behind it ("agar", "supaya", "bahwa", "that", ": “"). "Kao Kim Hourn mengajak negara-negara
//!   anggota ASEAN untuk bekerja bersama" -> "negara-negara anggota ASEAN
//!   untuk bekerja bersama".
//! - a modal ("harus", "perlu", "must", "should"): the one who must act is
//!   part of the call, so the span takes the whole clause, back to its
//!   start (a sentence end, quote, comma, complementiser or reporting verb
//!   such as "menilai" or "said"). "Menurut dia, pemerintah harus
//!   memperketat pengawasan." -> "pemerintah harus memperketat pengawasan".
//!   A negated modal ("tidak perlu") is no call.
//!
//! The call ends at the end of its clause: a sentence end, a quote mark, a
//! line break, a contrasting conjunction ("ketimbang", "tetapi", "but") or a
//! comma before a speech verb (", kata dia"). So "penting bahwa ASEAN
//! menangkal isu ini (TPPO) secara kolektif ketimbang individu" gives "ASEAN
//! menangkal isu ini (TPPO) secara kolektif". Calls never overlap.

use std::sync::OnceLock;

use super::actors::SPEECH_VERBS;
use super::phrases::{Case, PhraseIndex};
use super::tokens::{Gap, Token};
use super::{Suggestion, POLICY_CALL};

/// Where a cue's call starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opens {
    /// After the cue: a call verb.
    After,
    /// At the start of the cue's clause: a modal.
    Clause,
}

/// Cues, matched in any case.
const CUES: &[(&str, Opens)] = &[
    ("mendorong", Opens::After),
    ("dorong", Opens::After),
    ("meminta", Opens::After),
    ("minta", Opens::After),
    ("mengajak", Opens::After),
    ("ajak", Opens::After),
    ("menyerukan", Opens::After),
    ("serukan", Opens::After),
    ("mendesak", Opens::After),
    ("desak", Opens::After),
    ("mengimbau", Opens::After),
    ("menghimbau", Opens::After),
    ("imbau", Opens::After),
    ("menggesa", Opens::After),
    ("menyeru", Opens::After),
    ("penting bahwa", Opens::After),
    ("penting agar", Opens::After),
    ("penting supaya", Opens::After),
    ("urge", Opens::After),
    ("urges", Opens::After),
    ("urged", Opens::After),
    ("urging", Opens::After),
    ("call on", Opens::After),
    ("calls on", Opens::After),
    ("called on", Opens::After),
    ("calling on", Opens::After),
    ("call for", Opens::After),
    ("calls for", Opens::After),
    ("called for", Opens::After),
    ("calling for", Opens::After),
    ("harus", Opens::Clause),
    ("perlu", Opens::Clause),
    ("wajib", Opens::Clause),
    ("mesti", Opens::Clause),
    ("seharusnya", Opens::Clause),
    ("hendaknya", Opens::Clause),
    ("hendaklah", Opens::Clause),
    ("must", Opens::Clause),
    ("should", Opens::Clause),
    ("need to", Opens::Clause),
    ("needs to", Opens::Clause),
];

/// Words right after a call verb that are not part of the call.
const COMPLEMENTISERS: &[&str] = &["agar", "supaya", "bahwa", "kepada", "untuk", "that", "to"];

/// Words before a modal where its clause starts.
const CLAUSE_OPENERS: &[&str] = &[
    "bahwa",
    "agar",
    "supaya",
    "menilai",
    "mengatakan",
    "menyebut",
    "menegaskan",
    "mengingatkan",
    "berkata",
    "that",
    "said",
    "says",
    "believes",
];

/// Words that turn a modal into its negation.
const NEGATIONS: &[&str] = &["tidak", "tak", "belum", "bukan", "tiada"];

/// Conjunctions that end a call's clause.
const CLAUSE_ENDS: &[&str] = &["ketimbang", "daripada", "tetapi", "namun", "sedangkan", "but", "rather than", "instead of"];

/// A modal's clause reaches back at most this many tokens.
const CLAUSE_REACH: usize = 15;

/// Adds a POLICY_CALL for every cue with a clause of at least two words.
pub(crate) fn suggest(tokens: &[Token], out: &mut Vec<Suggestion>) {
    let mut done_until = 0;
    for i in 0..tokens.len() {
        if i < done_until {
            continue;
        }
        let Some((after, opens)) = cues().longest_at(tokens, i) else { continue };
        let start = match opens {
            Opens::After => {
                let skipped = tokens[after..]
                    .iter()
                    .take(2)
                    .take_while(|t| COMPLEMENTISERS.contains(&t.lower.as_ref()) || t.text == ":" || (is_quote(t) && t.text != "\u{201d}"));
                after + skipped.count()
            }
            Opens::Clause if i > 0 && NEGATIONS.contains(&tokens[i - 1].lower.as_ref()) => continue,
            Opens::Clause => clause_start(tokens, i),
        };
        let end = clause_end(tokens, start);
        if tokens[start..end].iter().filter(|t| t.is_word()).count() >= 2 {
            out.push(Suggestion::over(tokens, start, end, POLICY_CALL, None, "policy_call"));
            done_until = end;
        }
    }
}

fn cues() -> &'static PhraseIndex<Opens> {
    static INDEX: OnceLock<PhraseIndex<Opens>> = OnceLock::new();
    INDEX.get_or_init(|| PhraseIndex::new(CUES.iter().copied(), Case::Any))
}

fn clause_ends() -> &'static PhraseIndex<()> {
    static INDEX: OnceLock<PhraseIndex<()>> = OnceLock::new();
    INDEX.get_or_init(|| PhraseIndex::new(CLAUSE_ENDS.iter().map(|&end| (end, ())), Case::Any))
}

/// Where the clause holding the modal at `modal` starts.
fn clause_start(tokens: &[Token], modal: usize) -> usize {
    let mut start = modal;
    while start > 0 && modal - start < CLAUSE_REACH && tokens[start].gap != Gap::Newline {
        let before = &tokens[start - 1];
        if ends_sentence(before)
            || is_quote(before)
            || before.text == ","
            || before.text == ":"
            || CLAUSE_OPENERS.contains(&before.lower.as_ref())
        {
            break;
        }
        start -= 1;
    }
    start
}

/// Where the clause starting at `start` ends, trailing punctuation dropped.
fn clause_end(tokens: &[Token], start: usize) -> usize {
    let mut end = start;
    while let Some(token) = tokens.get(end) {
        let stops = (end > start && token.gap == Gap::Newline)
            || ends_sentence(token)
            || is_quote(token)
            || clause_ends().longest_at(tokens, end).is_some()
            || (token.text == "," && tokens.get(end + 1).is_some_and(|next| SPEECH_VERBS.contains(&next.lower.as_ref())));
        if stops {
            break;
        }
        end += 1;
    }
    while end > start && !tokens[end - 1].is_word() && !matches!(tokens[end - 1].text, ")" | "]") {
        end -= 1;
    }
    end
}

fn ends_sentence(token: &Token) -> bool {
    matches!(token.text, "." | "!" | "?" | ";" | "\u{2026}")
}

fn is_quote(token: &Token) -> bool {
    matches!(token.text, "\"" | "\u{201c}" | "\u{201d}" | "\u{201e}" | "\u{ab}" | "\u{bb}")
}
