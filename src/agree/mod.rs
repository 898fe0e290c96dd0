//! Agreement between annotators, and adjudication of their differences.
//! Pure Rust: no I/O and no browser types, so the `sorot agree` command and
//! the app's compare view call the same code, natively or in wasm.
//!
//! Offsets are Unicode code point offsets, half-open (Python's
//! `text[start:end]`), as everywhere in [`crate::formats`]. Documents of
//! different annotators are the same document when their texts are the same
//! (`text_sha256`), whatever their ids or titles.
//!
//! - [`report`]: [`agreement`] of a team: per pair, per label, per text.
//! - [`spans`]: exact and overlap span matching, precision/recall/F1.
//! - [`kappa`]: Cohen's κ and Fleiss' κ tallies.
//! - [`unitizing`]: Krippendorff's unitizing α.
//! - [`adjudicate`](mod@adjudicate): [`disagreements`] of two annotators on one text, and
//!   [`adjudicate()`] to make one document of them by decisions.
//! - `tags`: IOB2 token tags for κ, by the flat exports' rule.

pub mod adjudicate;
pub mod kappa;
pub mod report;
pub mod spans;
mod tags;
pub mod unitizing;

pub use adjudicate::{
    adjudicate, agreements, disagreements, Adjudication, AdjudicationError, Decision, Disagreement, DisagreementKind, Source,
};
pub use report::{
    agreement, group_by_annotator, AgreementReport, Annotator, AnnotatorSummary, DocumentAgreement, KappaScores, PairAgreement, UNNAMED,
};
pub use spans::{LabelScores, Matching, SpanScores};
pub use unitizing::{LabelAlpha, UnitizingAlpha};
