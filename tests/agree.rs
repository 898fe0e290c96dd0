//! The agreement report and adjudication, on hand-built annotators whose
//! figures are worked out by hand in the comments: perfect agreement, no
//! overlap at all, one boundary shift, one label swap, three annotators,
//! and an adjudicated document surviving the Sorot export.

use serde_json::json;
use sorot::agree::{adjudicate, agreement, disagreements, group_by_annotator, Annotator, Decision, DisagreementKind, Source};
use sorot::formats::{sorot_json, Corpus, CorpusDocument, CorpusSpan};

/// "💩 Kao Kim Hourn ke Bali" — tokens 💩 Kao Kim Hourn ke Bali.
const TEXT: &str = "💩 Kao Kim Hourn ke Bali";

fn doc(id: &str, annotator: &str, text: &str, spans: &[(usize, usize, &str)]) -> CorpusDocument {
    CorpusDocument {
        id: id.into(),
        title: text.into(),
        text: text.into(),
        annotator: Some(annotator.into()),
        spans: spans.iter().map(|&(s, e, l)| CorpusSpan::new(s, e, l)).collect(),
        ..CorpusDocument::default()
    }
}

fn team<'a>(sets: &'a [(&str, Vec<CorpusDocument>)]) -> Vec<Annotator<'a>> {
    sets.iter().map(|(name, docs)| Annotator { name: (*name).into(), documents: docs.iter().collect() }).collect()
}

fn close(found: Option<f64>, expected: f64) {
    let found = found.expect("defined");
    assert!((found - expected).abs() < 1e-9, "{found} is not {expected}");
}

#[test]
fn perfect_agreement_scores_one_everywhere() {
    let spans = [(2, 9, "ACTOR"), (19, 23, "LOCATION")];
    let sets = [("alice", vec![doc("a", "alice", TEXT, &spans)]), ("bob", vec![doc("b", "bob", TEXT, &spans)])];
    let report = agreement(&team(&sets));
    let pair = &report.pairs[0];
    assert_eq!((pair.a, pair.b, pair.documents, pair.kappa.tokens), (0, 1, 1, 6));
    close(pair.exact.overall.f1(), 1.0);
    close(pair.kappa.overall, 1.0);
    close(pair.kappa.per_label["ACTOR"], 1.0);
    close(report.alpha_u.as_ref().unwrap().overall, 1.0);
    close(report.documents[0].exact_f1, 1.0);
    assert_eq!(report.documents[0].spans, [Some(2), Some(2)]);
    assert!(report.fleiss.is_none(), "two annotators: Cohen's κ only");
}

#[test]
fn no_overlap_scores_zero_and_kappa_below_chance() {
    // A tags "Kao Kim" (tokens 1-2), B tags "ke Bali" (tokens 4-5).
    // Tags A: O B I O O O, B: O O O O B I. p_o = 2/6;
    // p_e = (4·4 + 1·1 + 1·1)/36 = 1/2; κ = (1/3 − 1/2)/(1/2) = −1/3.
    let sets = [("alice", vec![doc("a", "alice", TEXT, &[(2, 9, "ACTOR")])]), ("bob", vec![doc("b", "bob", TEXT, &[(16, 23, "ACTOR")])])];
    let report = agreement(&team(&sets));
    let pair = &report.pairs[0];
    close(pair.exact.overall.f1(), 0.0);
    close(pair.overlap.overall.f1(), 0.0);
    close(pair.kappa.overall, -1.0 / 3.0);
    assert!(report.alpha_u.unwrap().overall.unwrap() < 0.0);
}

#[test]
fn a_boundary_shift_counts_only_as_an_overlap_match() {
    // A: ACTOR "Kao Kim" (2..9); B: ACTOR "Kao Kim Hourn" (2..15).
    // Tags A: O B I O O O, B: O B I I O O: p_o = 5/6,
    // p_e = (4·3 + 1·1 + 1·2)/36 = 15/36, κ = (30 − 15)/(36 − 15) = 5/7.
    let sets = [("alice", vec![doc("a", "alice", TEXT, &[(2, 9, "ACTOR")])]), ("bob", vec![doc("b", "bob", TEXT, &[(2, 15, "ACTOR")])])];
    let report = agreement(&team(&sets));
    let pair = &report.pairs[0];
    close(pair.exact.overall.f1(), 0.0);
    close(pair.overlap.overall.f1(), 1.0);
    close(pair.kappa.overall, 5.0 / 7.0);
    let found = disagreements(&sets[0].1[0].spans, &sets[1].1[0].spans);
    assert_eq!(found.iter().map(|d| d.kind).collect::<Vec<_>>(), [DisagreementKind::BoundaryMismatch]);
}

#[test]
fn a_label_swap_matches_no_span() {
    // Same range, ACTOR against LOCATION: no span matches; the tokens still
    // agree on where spans are. Tags A: O B-A I-A O O O, B: O B-L I-L O O O:
    // p_o = 4/6, p_e = 16/36, κ = (24 − 16)/(36 − 16) = 0.4.
    let sets = [("alice", vec![doc("a", "alice", TEXT, &[(2, 9, "ACTOR")])]), ("bob", vec![doc("b", "bob", TEXT, &[(2, 9, "LOCATION")])])];
    let report = agreement(&team(&sets));
    let pair = &report.pairs[0];
    close(pair.exact.overall.f1(), 0.0);
    close(pair.overlap.overall.f1(), 0.0);
    close(pair.kappa.overall, 0.4);
    // Per label, the other label reads as O: A has ACTOR, B none.
    close(pair.kappa.per_label["ACTOR"], 0.0);
    let found = disagreements(&sets[0].1[0].spans, &sets[1].1[0].spans);
    assert_eq!(found.iter().map(|d| d.kind).collect::<Vec<_>>(), [DisagreementKind::LabelMismatch]);
}

#[test]
fn documents_meet_by_text_not_by_id_or_title() {
    let mut renamed = doc("other-id", "bob", TEXT, &[(2, 9, "ACTOR")]);
    renamed.title = "Another title".into();
    let sets = [
        ("alice", vec![doc("a", "alice", TEXT, &[(2, 9, "ACTOR")]), doc("a", "alice", "Teks lain", &[])]),
        ("bob", vec![renamed, doc("a", "bob", "Teks ketiga", &[])]),
    ];
    let report = agreement(&team(&sets));
    assert_eq!(report.pairs[0].documents, 1);
    assert_eq!(report.shared_by_all, 1);
    let rows: Vec<_> = report.documents.iter().map(|d| (d.id.as_str(), d.spans.clone())).collect();
    assert_eq!(rows, [("a", vec![Some(1), Some(1)]), ("a", vec![Some(0), None]), ("a", vec![None, Some(0)])]);
    assert_eq!(report.documents[0].text_sha256, sorot::formats::corpus::text_sha256(TEXT));
}

#[test]
fn three_annotators_get_fleiss_kappa_and_every_pair() {
    // Tokens 💩 Kao Kim Hourn ke Bali; A and B tag "Kao Kim" ACTOR, C
    // tags nothing. Per token the categories are O O O O O O for tokens 0,
    // 3, 4, 5 (P_i = 1) and B B O / I I O for tokens 1, 2
    // (P_i = (4 + 1 − 3)/6 = 1/3). P̄ = (4 + 2/3)/6 = 7/9.
    // Totals: O 14, B 2, I 2 of 18: P̄_e = (196 + 4 + 4)/324 = 17/27.
    // κ = (7/9 − 17/27)/(1 − 17/27) = (4/27)/(10/27) = 0.4.
    let actor = [(2, 9, "ACTOR")];
    let sets = [("a", vec![doc("1", "a", TEXT, &actor)]), ("b", vec![doc("1", "b", TEXT, &actor)]), ("c", vec![doc("1", "c", TEXT, &[])])];
    let report = agreement(&team(&sets));
    let pairs: Vec<(usize, usize)> = report.pairs.iter().map(|p| (p.a, p.b)).collect();
    assert_eq!(pairs, [(0, 1), (0, 2), (1, 2)]);
    let fleiss = report.fleiss.as_ref().unwrap();
    assert_eq!(fleiss.tokens, 6);
    close(fleiss.overall, 0.4);
    close(report.documents[0].kappa, 0.4);
    // The text's F1 is the mean of the defined pair F1s: 1, 0, 0.
    close(report.documents[0].exact_f1, 1.0 / 3.0);
}

#[test]
fn one_file_of_several_annotators_splits_by_stamp() {
    let mut unstamped = doc("3", "x", "Teks", &[]);
    unstamped.annotator = None;
    let docs = vec![doc("1", "alice", TEXT, &[]), doc("2", "bob", TEXT, &[]), unstamped, doc("4", "alice", "Teks", &[])];
    let groups = group_by_annotator(&docs);
    let names: Vec<(&str, usize)> = groups.iter().map(|g| (g.name.as_str(), g.documents.len())).collect();
    assert_eq!(names, [("alice", 2), ("bob", 1), ("(no annotator)", 1)]);
}

#[test]
fn the_report_serializes_for_the_app_and_the_cli() {
    let sets = [("alice", vec![doc("a", "alice", TEXT, &[(2, 9, "ACTOR")])]), ("bob", vec![doc("b", "bob", TEXT, &[(2, 15, "ACTOR")])])];
    let value = serde_json::to_value(agreement(&team(&sets))).unwrap();
    assert_eq!(value["annotators"][0], json!({"name": "alice", "documents": 1, "spans": 1, "repeated_texts": 0}));
    assert_eq!(
        value["pairs"][0]["exact"]["overall"],
        json!({"a_spans": 1, "b_spans": 1, "matched": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0})
    );
    assert_eq!(value["pairs"][0]["overlap"]["per_label"]["ACTOR"]["f1"], json!(1.0));
    assert_eq!(value["documents"][0]["spans"], json!([1, 1]));
    assert!(value["alpha_u"]["per_label"][0]["alpha"].is_number());
}

#[test]
fn an_adjudicated_document_keeps_its_provenance_through_the_sorot_export() {
    let a = doc("a7", "alice", TEXT, &[(2, 9, "ACTOR"), (19, 23, "LOCATION")]);
    let b = doc("a7", "bob", TEXT, &[(2, 15, "ACTOR"), (19, 23, "LOCATION"), (16, 18, "ACTOR")]);
    // Boundary 2..9 / 2..15: take B's; extra "ke": drop it.
    let result = adjudicate(&a, &b, &[Decision::AcceptB, Decision::Neither]).unwrap();
    assert_eq!(result.sources, [Source::B, Source::Both]);
    let corpus = Corpus { labels: vec!["ACTOR".into(), "LOCATION".into()], documents: vec![result.document] };
    let file: serde_json::Value = serde_json::from_str(&sorot_json::export_corpus(&corpus)).unwrap();
    let written = &file["documents"][0];
    assert_eq!(written["annotator"], "adjudicated");
    assert_eq!(written["status"], "done");
    assert_eq!(
        written["meta"]["adjudication"],
        json!([
            {"start": 2, "end": 15, "label": "ACTOR", "source": "B"},
            {"start": 19, "end": 23, "label": "LOCATION", "source": "both"},
        ])
    );
    assert_eq!(written["meta"]["adjudicated_from"], json!({"A": "alice", "B": "bob"}));
    let (read, report) = sorot_json::import("adjudicated.json", sorot_json::export_corpus(&corpus).as_bytes(), &corpus.labels).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(read, corpus);
}
