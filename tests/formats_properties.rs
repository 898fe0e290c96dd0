//! Property tests over the formats: every format gives back what it keeps
//! of any corpus (`import(export(x)) == x`, flat formats after flattening),
//! no importer panics or keeps a bad span, whatever bytes or JSON it is
//! given, and a line tokenised alone gives the tokens of the whole text.

mod formats_common;

use sorot::model::offsets::{OffsetUnit, UnitMap};
use std::collections::{BTreeMap, HashSet};

use formats_common::{as_flat, without_document_fields};
use proptest::prelude::*;
use serde_json::{json, Value};
use sorot::formats::corpus::default_title;
use sorot::formats::tokens::{cut_at, lines, preview, tokens, LineTokens};
use sorot::formats::{
    brat, conll, doccano, hf, jsonl, label_studio, sorot_json, Corpus, CorpusDocument, CorpusSpan, DocumentMeta, FormatError, ImportReport,
    ProblemKind, Status,
};

const LABELS: [&str; 5] = ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL", "ORG NAME"];

/// Text full of the hazards real news holds.
fn hazardous_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kao",
        "Kim",
        " ",
        "\u{a0}",
        "\t",
        "\r\n",
        "\n",
        ",",
        "(WNI)",
        "👨‍👩‍👧",
        "🇮🇩",
        "e\u{301}",
        "東京",
        "\u{200f}مرحبا",
        "สวัสดี",
        "💩",
        "\u{200b}",
        ".",
        "“",
        "”",
        "\"",
        "\\",
        "T1\t",
        "-DOCSTART-",
        "B-X",
        "\u{2028}",
        "\u{feff}",
    ]);
    prop::collection::vec(prop_oneof![3 => pieces.prop_map(str::to_owned), 1 => any::<char>().prop_map(String::from)], 1..30)
        .prop_map(|parts| parts.concat())
}

fn value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(json!(20))),
        1 => Just(Some(json!({"min": 10, "max": 99}))),
        1 => any::<i64>().prop_map(|n| Some(json!(n))),
        1 => hazardous_text().prop_map(|s| Some(json!(s))),
    ]
}

fn spans(len: usize) -> impl Strategy<Value = Vec<CorpusSpan>> {
    prop::collection::vec((0..=len, 0..=len, 0..LABELS.len(), value()), 0..8).prop_map(|raw| {
        let mut spans: Vec<CorpusSpan> = raw
            .into_iter()
            .filter(|(a, b, _, _)| a != b)
            .map(|(a, b, label, value)| CorpusSpan { start: a.min(b), end: a.max(b), label: LABELS[label].into(), value, stamps: None })
            .collect();
        spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
        spans.dedup_by(|a, b| (a.start, a.end, &a.label) == (b.start, b.end, &b.label));
        spans
    })
}

fn meta() -> impl Strategy<Value = DocumentMeta> {
    let extra = prop::collection::btree_map(
        prop::sample::select(vec!["url", "section", "views", "tags"]).prop_map(str::to_owned),
        prop_oneof![hazardous_text().prop_map(Value::from), any::<i32>().prop_map(Value::from), Just(json!(["a", null, {"b": 1}]))],
        0..3,
    );
    (prop::option::of(hazardous_text()), prop::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"), extra)
        .prop_map(|(source, date, extra): (_, _, BTreeMap<String, Value>)| DocumentMeta { source, date, extra })
}

fn document(index: usize) -> impl Strategy<Value = CorpusDocument> {
    let status = prop::sample::select(vec![Status::Todo, Status::InProgress, Status::Done, Status::Skipped]);
    let id = prop::sample::select(vec!["a7", "berita", "tppo_2023", "doc.v2"]).prop_map(move |base| format!("{base}-{index}"));
    (id, hazardous_text(), prop::option::of(hazardous_text()), meta(), status, prop::option::of("[a-z]{1,8}")).prop_flat_map(
        |(id, text, title, meta, status, annotator)| {
            let len = text.chars().count();
            spans(len).prop_map(move |spans| CorpusDocument {
                id: id.clone(),
                title: title.clone().unwrap_or_else(|| default_title(&text)),
                text: text.clone(),
                meta: meta.clone(),
                status,
                annotator: annotator.clone(),
                spans,
            })
        },
    )
}

fn corpus() -> impl Strategy<Value = Corpus> {
    (1..4usize)
        .prop_flat_map(|n| (0..n).map(document).collect::<Vec<_>>())
        .prop_map(|documents| Corpus { labels: LABELS.map(String::from).to_vec(), documents })
}

/// The corpus with only the spans whose edges are grapheme cluster edges.
fn on_cluster_edges(x: &Corpus) -> Corpus {
    let mut x = x.clone();
    for doc in &mut x.documents {
        let clusters = UnitMap::new(&doc.text, OffsetUnit::Grapheme);
        doc.spans.retain(|s| clusters.from_char(s.start).is_ok() && clusters.from_char(s.end).is_ok());
    }
    x
}

/// Like [`clean`], but a doubt about the offset unit may be raised: spans
/// drawn at random do not fall on word edges, as people's spans do, so the
/// unit they were written in may look less likely than another.
fn clean_but_doubt(name: &str, result: Result<(Corpus, ImportReport), FormatError>) -> Corpus {
    match result {
        Ok((corpus, mut report)) => {
            report.problems.retain(|p| !matches!(p.kind, ProblemKind::LikelyOffsetUnit { .. }));
            clean(name, Ok((corpus, report)))
        }
        Err(error) => panic!("{name}: {error}"),
    }
}

fn clean(name: &str, result: Result<(Corpus, ImportReport), FormatError>) -> Corpus {
    match result {
        Ok((corpus, report)) => {
            assert!(report.is_clean(), "{name}: {:?}", report.problems);
            corpus
        }
        Err(error) => panic!("{name}: {error}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn rich_formats_give_back_every_field(x in corpus()) {
        let known = &x.labels;
        prop_assert_eq!(clean("sorot", sorot_json::import("x.json", sorot_json::export_corpus(&x).as_bytes(), known)), x.clone());
        prop_assert_eq!(clean("jsonl", jsonl::import("x.jsonl", jsonl::export(&x).as_bytes(), known, OffsetUnit::Utf16)), x.clone());
        prop_assert_eq!(clean("label studio", label_studio::import("x.json", label_studio::export(&x).as_bytes(), known)), x.clone());
    }

    #[test]
    fn doccano_in_each_unit_and_brat_give_back_what_they_keep(x in corpus()) {
        let known = &x.labels;
        for unit in OffsetUnit::ALL {
            // Grapheme clusters hold only spans whose edges are cluster edges.
            let x = if unit == OffsetUnit::Grapheme { on_cluster_edges(&x) } else { x.clone() };
            let (file, notes) = doccano::export(&x, unit);
            prop_assert!(notes.is_empty(), "{:?}", notes);
            let doccano = clean_but_doubt("doccano", doccano::import("x.jsonl", file.as_bytes(), known, unit));
            prop_assert_eq!(doccano, without_document_fields(&x, false), "{:?}", unit);
        }
        // A .txt file is decoded like an opened text: a leading BOM is not text and NUL is binary.
        prop_assume!(x.documents.iter().all(|d| !d.text.starts_with('\u{feff}') && !d.text.contains('\0')));
        let files = brat::export(&x);
        let files: Vec<(&str, &[u8])> = files.iter().map(|f| (f.name.as_str(), f.contents.as_bytes())).collect();
        prop_assert_eq!(clean("brat", brat::import(&files, known)), without_document_fields(&x, true));
    }

    #[test]
    fn flat_formats_give_back_the_flattened_corpus(x in corpus()) {
        prop_assume!(x.documents.iter().all(|d| !lines(&d.text).is_empty()));
        let known = &x.labels;
        let export = hf::export(&x);
        let hf = clean("hf", hf::import("x.jsonl", export.rows.as_bytes(), "labels.json", export.labels.as_bytes(), known));
        prop_assert_eq!(hf, as_flat(&x, None));
        // CoNLL is plain text: a NUL byte makes it binary.
        prop_assume!(x.documents.iter().all(|d| !d.text.contains('\0')));
        let conll = clean("conll", conll::import("x.conll", conll::export(&x).contents.as_bytes(), known));
        prop_assert_eq!(conll, as_flat(&x, Some("x")));
    }

    #[test]
    fn a_line_tokenised_alone_gives_the_whole_texts_tokens(text in hazardous_text()) {
        let document = sorot::model::Document::new("d", text.as_str());
        let all = tokens(&text);
        let mut line_tokens = LineTokens::new(&document);
        for offset in 0..=document.char_len() {
            prop_assert_eq!(line_tokens.cut_at(offset), cut_at(&all, offset), "offset {}", offset);
        }
        let whole = preview(&document, 0, document.char_len(), usize::MAX);
        let texts: Vec<&str> = whole.tokens.iter().map(|t| t.inside).collect();
        prop_assert_eq!(texts, all.iter().map(|t| t.text).collect::<Vec<_>>());
    }

    #[test]
    fn flattening_leaves_one_label_per_token_and_notes_every_lost_span(x in corpus()) {
        let (flat, notes) = sorot::formats::flatten::flatten(&x);
        for (before, after) in x.documents.iter().zip(&flat.documents) {
            for pair in after.spans.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start, "{:?} overlaps", pair);
            }
            prop_assert!(after.spans.iter().all(|s| s.value.is_none()));
            let noted = notes.iter().filter(|n| n.document == before.id).count();
            let lost = before.spans.iter().filter(|s| s.value.is_some() || !after.spans.contains(s)).count();
            prop_assert!(noted >= lost, "{} notes for {} changed spans", noted, lost);
        }
    }
}

/// A JSON value built from the keys and values annotation files use, so
/// random input often gets past parsing into the importers' own checks.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop::sample::select(vec![
        "id",
        "text",
        "title",
        "spans",
        "start",
        "end",
        "label",
        "labels",
        "value",
        "meta",
        "data",
        "annotations",
        "result",
        "type",
        "tokens",
        "ner_tags",
        "document",
        "format",
        "version",
        "documents",
        "entities",
        "start_offset",
        "end_offset",
        "status",
        "annotator",
        "text_sha256",
        "offset_unit",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (0u64..12).prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop::sample::select(vec!["sorot", "codepoint", "labels", "ACTOR", "B-ACTOR", "O", "done", ""]).prop_map(Value::from),
        hazardous_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// Whatever an importer returns keeps the corpus's promises.
fn assert_sound(name: &str, result: &Result<(Corpus, ImportReport), FormatError>) {
    match result {
        Err(error) => assert!(!error.to_string().is_empty(), "{name}"),
        Ok((corpus, report)) => {
            let mut ids = HashSet::new();
            for doc in &corpus.documents {
                assert!(ids.insert(&doc.id), "{name}: id {} twice", doc.id);
                let len = doc.text.chars().count();
                for span in &doc.spans {
                    assert!(span.start < span.end && span.end <= len, "{name}: bad span {span:?} kept");
                    assert!(corpus.labels.contains(&span.label), "{name}: label {} not listed", span.label);
                }
                for pair in doc.spans.windows(2) {
                    assert!(
                        (pair[0].start, pair[0].end, &pair[0].label) < (pair[1].start, pair[1].end, &pair[1].label),
                        "{name}: unsorted"
                    );
                }
            }
            assert!(report.problems.iter().all(|p| !p.to_string().is_empty()));
        }
    }
}

/// Feeds `bytes` to every importer.
fn import_everywhere(bytes: &[u8]) {
    let known = LABELS.map(String::from).to_vec();
    assert_sound("sorot", &sorot_json::import("x.json", bytes, &known));
    assert_sound("jsonl", &jsonl::import("x.jsonl", bytes, &known, OffsetUnit::Utf16));
    assert_sound("doccano", &doccano::import("x.jsonl", bytes, &known, OffsetUnit::Utf16));
    assert_sound("label studio", &label_studio::import("x.json", bytes, &known));
    assert_sound("conll", &conll::import("x.conll", bytes, &known));
    assert_sound("hf rows", &hf::import("x.jsonl", bytes, "labels.json", br#"["O","B-ACTOR","I-ACTOR"]"#, &known));
    assert_sound("hf labels", &hf::import("x.jsonl", br#"{"tokens":["a"],"ner_tags":[1]}"#, "labels.json", bytes, &known));
    assert_sound("brat", &brat::import(&[("d/a.txt", b"Kao Kim Hourn \xF0\x9F\x92\xA9 Bali"), ("d/a.ann", bytes)], &known));
    assert_sound("brat text", &brat::import(&[("d/a.txt", bytes), ("d/a.ann", b"T1\tACTOR 0 3\tKao\n")], &known));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        import_everywhere(&bytes);
    }

    #[test]
    fn arbitrary_text_lines_never_panic(text in prop::collection::vec(prop_oneof![
        hazardous_text(),
        Just("T1\tACTOR 0 3\tKao".to_owned()),
        Just("#1\tAnnotatorNotes T1\tvalue={".to_owned()),
        Just("Kao\tB-ACTOR".to_owned()),
        Just("-DOCSTART-\tO".to_owned()),
        Just(String::new()),
    ], 0..12)) {
        import_everywhere(text.join("\n").as_bytes());
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value(), text in hazardous_text()) {
        let line = value.to_string();
        let documents = json!([value, {"id": "d", "text": text, "spans": [value]}]);
        let sorot = json!({"format": "sorot", "version": 1, "offset_unit": "codepoint", "labels": ["ACTOR"], "documents": documents});
        let result = json!([value, {"type": "labels", "value": value}]);
        let studio = json!([value, {"data": {"text": text}, "meta": value, "annotations": [{"result": result}]}]);
        let row = json!({"document": value, "tokens": value, "ner_tags": value});
        let spans = json!({"text": text, "spans": [value], "label": value, "entities": value, "meta": value, "id": value});
        for bytes in [line.clone(), format!("{line}\n{line}"), sorot.to_string(), studio.to_string(), row.to_string(), spans.to_string()] {
            import_everywhere(bytes.as_bytes());
        }
    }
}
