//! Annotators' patterns in Prodigy's JSONL shape: what matches, and the
//! typed errors (with line numbers) for what is not supported.

use serde_json::json;
use sorot::suggest::{suggest, PatternError, PatternErrorKind, PatternSet};

fn patterns(jsonl: &str) -> PatternSet {
    PatternSet::from_jsonl(jsonl).unwrap()
}

/// `(text, label)` of the pattern suggestions for `text`.
fn matches(jsonl: &str, text: &str) -> Vec<(String, String)> {
    suggest(text, &patterns(jsonl))
        .into_iter()
        .filter(|s| s.rule == "pattern")
        .map(|s| (text.chars().skip(s.start).take(s.end - s.start).collect(), s.label))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(t, l)| (t.to_string(), l.to_string())).collect()
}

#[test]
fn phrase_patterns_match_whole_tokens_as_written() {
    let jsonl = r#"{"label": "PLACE", "pattern": "Myawaddy"}
{"label": "PERSON", "pattern": "Kao Kim Hourn", "id": "sekjen"}"#;
    assert_eq!(
        matches(jsonl, "👨‍👩‍👧 Kao Kim Hourn di Myawaddy, MYAWADDY, Myawaddy-nya, KaoKim"),
        pairs(&[("Kao Kim Hourn", "PERSON"), ("Myawaddy", "PLACE"), ("Myawaddy", "PLACE")])
    );
}

/// `(patterns, text, expected (text, label) matches)`.
type Case = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

#[test]
fn token_patterns_test_each_token_and_repeat_with_op() {
    let cases: &[Case] = &[
        (r#"{"label": "COUNT", "pattern": [{"IS_DIGIT": true}, {"LOWER": "wni"}]}"#, "20 WNI dan 1.200 WNI", &[("20 WNI", "COUNT")]),
        (
            r#"{"label": "X", "pattern": [{"LOWER": "warga"}, {"LOWER": "negara", "OP": "?"}, {"IS_TITLE": true}]}"#,
            "warga negara Indonesia dan warga Malaysia dan warga asing",
            &[("warga negara Indonesia", "X"), ("warga Malaysia", "X")],
        ),
        (r#"{"label": "X", "pattern": [{"ORTH": "KK"}, {"IS_TITLE": true, "OP": "+"}]}"#, "KK Park Zone di KK", &[("KK Park Zone", "X")]),
        (
            r#"{"label": "X", "pattern": [{"TEXT": "("}, {"IS_ALPHA": true, "OP": "*"}, {"IS_PUNCT": true}]}"#,
            "(WNI) ()",
            &[("(WNI)", "X"), ("()", "X")],
        ),
        (r#"{"label": "X", "pattern": [{"LENGTH": 3, "IS_ALPHA": true}]}"#, "WNI 20 TKI Bali", &[("WNI", "X"), ("TKI", "X")]),
        (r#"{"label": "X", "pattern": [{"IS_DIGIT": false, "IS_PUNCT": false}]}"#, "20 , ok", &[("ok", "X")]),
    ];
    for (jsonl, text, expected) in cases {
        assert_eq!(matches(jsonl, text), pairs(expected), "{jsonl} on {text:?}");
    }
}

#[test]
fn a_victim_count_pattern_carries_the_parsed_number() {
    let set = patterns(r#"{"label": "VICTIM_COUNT", "pattern": [{"LOWER": "dua"}, {"LOWER": "puluh"}, {"LOWER": "santri"}]}"#);
    assert_eq!(
        serde_json::to_value(suggest("dua puluh santri", &set)).unwrap(),
        json!([{"start": 0, "end": 16, "label": "VICTIM_COUNT", "value": 20, "rule": "pattern"}])
    );
}

#[test]
fn of_a_pattern_and_a_rule_suggesting_the_same_span_the_rule_stays() {
    let set = patterns(r#"{"label": "LOCATION", "pattern": "Myawaddy"}"#);
    assert_eq!(
        serde_json::to_value(suggest("di Myawaddy", &set)).unwrap(),
        json!([{"start": 3, "end": 11, "label": "LOCATION", "value": {"name": "Myawaddy", "country": "MM"}, "rule": "location.gazetteer"}])
    );
}

#[test]
fn blank_lines_are_skipped_and_counted() {
    let set = patterns("\n{\"label\": \"A\", \"pattern\": \"x\"}\n\n{\"label\": \"B\", \"pattern\": [{\"LOWER\": \"y\"}]}\n");
    assert_eq!(set.len(), 2);
    assert!(PatternSet::default().is_empty());
    let error = PatternSet::from_jsonl("\n\n{\"label\": \"A\"}").unwrap_err();
    assert_eq!(error, PatternError { line: 3, kind: PatternErrorKind::NoPattern });
}

#[test]
fn unsupported_patterns_are_typed_errors_naming_the_line() {
    let cases: &[(&str, PatternErrorKind)] = &[
        (r#"{"label": "X", "pattern": [{"SHAPE": "dd"}]}"#, PatternErrorKind::UnsupportedKey("SHAPE".into())),
        (
            r#"{"label": "X", "pattern": [{"LOWER": {"IN": ["wni", "tki"]}}]}"#,
            PatternErrorKind::BadValue { key: "LOWER".into(), expected: "a string" },
        ),
        (
            r#"{"label": "X", "pattern": [{"IS_DIGIT": "yes"}]}"#,
            PatternErrorKind::BadValue { key: "IS_DIGIT".into(), expected: "true or false" },
        ),
        (r#"{"label": "X", "pattern": [{"LENGTH": -1}]}"#, PatternErrorKind::BadValue { key: "LENGTH".into(), expected: "a whole number" }),
        (r#"{"label": "X", "pattern": [{"LOWER": "a", "OP": "!"}]}"#, PatternErrorKind::UnsupportedOp("!".into())),
        (r#"{"label": "X", "pattern": ["wni"]}"#, PatternErrorKind::NoPattern),
        (r#"{"label": "X", "pattern": 3}"#, PatternErrorKind::NoPattern),
        (r#"{"pattern": "x"}"#, PatternErrorKind::NoLabel),
        (r#"{"label": "X", "pattern": ""}"#, PatternErrorKind::Empty),
        (r#"{"label": "X", "pattern": []}"#, PatternErrorKind::Empty),
        (r#"{"label": "X", "pattern": "x", "spans": []}"#, PatternErrorKind::UnknownField("spans".into())),
    ];
    for (line, kind) in cases {
        let jsonl = format!("{{\"label\": \"OK\", \"pattern\": \"ok\"}}\n{line}");
        assert_eq!(PatternSet::from_jsonl(&jsonl), Err(PatternError { line: 2, kind: kind.clone() }), "{line}");
    }
    let error = PatternSet::from_jsonl("{\"label\": \"X\", \"pattern\": [{\"SHAPE\": \"dd\"}]}").unwrap_err();
    assert_eq!(
        error.to_string(),
        "patterns line 1: unsupported token key \"SHAPE\"; supported: ORTH, TEXT, LOWER, IS_DIGIT, IS_ALPHA, IS_PUNCT, IS_TITLE, LENGTH, OP"
    );
    let not_json = PatternSet::from_jsonl("{label: X}").unwrap_err();
    assert!(
        matches!(not_json.kind, PatternErrorKind::NotJson(_)) && not_json.to_string().starts_with("patterns line 1: not a JSON object")
    );
}
