//! The evaluation set (`gold.jsonl`, beside this file) and how suggestions
//! are scored against it. Shared by `tests/suggest_eval.rs` and
//! `examples/suggest_eval.rs`.
//!
//! Exact match: same start, end and label. Overlap match: same label and
//! the ranges share at least one char. Precision is the share of
//! suggestions that match some gold span; recall, the share of gold spans
//! that some suggestion matches.

use serde::Deserialize;
use sorot::suggest::{suggest, PatternSet, Suggestion};

/// The labels scored, in report order.
pub const LABELS: [&str; 4] = ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL"];

/// One article with its gold spans.
#[derive(Debug, Deserialize)]
pub struct GoldDocument {
    pub id: String,
    pub text: String,
    pub spans: Vec<GoldSpan>,
}

/// One gold span; `text` is `text[start:end]`, kept for checking.
#[derive(Debug, Deserialize)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
}

/// Counts behind one precision/recall figure.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    pub suggested: usize,
    pub suggested_matched: usize,
    pub gold: usize,
    pub gold_matched: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.suggested_matched, self.suggested)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.gold_matched, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The evaluation set.
pub fn load() -> Vec<GoldDocument> {
    include_str!("gold.jsonl").lines().map(|line| serde_json::from_str(line).expect("gold.jsonl line")).collect()
}

/// Exact and overlap scores of the engine (no patterns) for `label`, or for
/// every label when `label` is `None`.
pub fn evaluate(documents: &[GoldDocument], label: Option<&str>) -> (Score, Score) {
    let (mut exact, mut overlap) = (Score::default(), Score::default());
    for document in documents {
        let wanted = |l: &str| label.is_none_or(|x| x == l);
        let suggested: Vec<Suggestion> = suggest(&document.text, &PatternSet::default()).into_iter().filter(|s| wanted(&s.label)).collect();
        let gold: Vec<&GoldSpan> = document.spans.iter().filter(|g| wanted(&g.label)).collect();
        let same = |s: &Suggestion, g: &GoldSpan| s.label == g.label && s.start == g.start && s.end == g.end;
        let overlapping = |s: &Suggestion, g: &GoldSpan| s.label == g.label && s.start < g.end && g.start < s.end;
        for (score, matches) in [(&mut exact, &same as &dyn Fn(&Suggestion, &GoldSpan) -> bool), (&mut overlap, &overlapping)] {
            score.suggested += suggested.len();
            score.gold += gold.len();
            score.suggested_matched += suggested.iter().filter(|s| gold.iter().any(|g| matches(s, g))).count();
            score.gold_matched += gold.iter().filter(|g| suggested.iter().any(|s| matches(s, g))).count();
        }
    }
    (exact, overlap)
}
