//! Hostile and broken files, one case each: the importer keeps the good
//! part and names each problem with its file, line and document, or refuses
//! the file with one problem when nothing in it can be used.

use sorot::formats::{
    conll, jsonl, label_studio, sorot_json, Corpus, CorpusDocument, CorpusSpan, FormatError, ImportReport, Problem, ProblemKind, Stepwise,
};
use sorot::limits::MAX_FILE_BYTES;
use sorot::model::offsets::OffsetUnit;
use sorot::model::WorkAction;
use sorot::model::{seed_document, AppState, Label};

fn labels() -> Vec<String> {
    ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL"].map(String::from).to_vec()
}

fn jsonl_ok(file: &str) -> (Corpus, ImportReport) {
    jsonl::import("berita.jsonl", file.as_bytes(), &labels(), OffsetUnit::Utf16).unwrap_or_else(|e| panic!("{e}"))
}

fn messages(report: &ImportReport) -> Vec<String> {
    report.problems.iter().map(Problem::to_string).collect()
}

fn refusal(result: Result<(Corpus, ImportReport), FormatError>) -> Problem {
    match result {
        Ok((corpus, report)) => panic!("accepted: {corpus:?} {report:?}"),
        Err(FormatError(problem)) => problem,
    }
}

const GOOD: &str = r#"{"id":"a1","text":"Kao Kim Hourn ke Bali","spans":[{"start":0,"end":13,"label":"ACTOR"}]}"#;

#[test]
fn reversed_and_out_of_range_spans_are_skipped_and_named() {
    let file = format!(
        "{GOOD}\n\n{}\n",
        concat!(
            r#"{"id":"a7","text":"Kao Kim Hourn ke Bali","spans":[{"start":40,"end":38,"label":"ACTOR"},"#,
            r#"{"start":3,"end":3,"label":"ACTOR"},{"start":17,"end":99,"label":"LOCATION"},"#,
            r#"{"start":17,"end":21,"label":"LOCATION"}]}"#
        )
    );
    let (corpus, report) = jsonl_ok(&file);
    assert_eq!(
        messages(&report),
        [
            "berita.jsonl line 3 (doc \"a7\"): span 40..38 is reversed",
            "berita.jsonl line 3 (doc \"a7\"): span 3..3 is empty",
            "berita.jsonl line 3 (doc \"a7\"): span ends at 99, past the end of the text (21 code points)",
        ]
    );
    assert_eq!(corpus.documents[1].spans.len(), 1);
}

#[test]
fn utf16_offsets_after_an_emoji_show_as_a_text_mismatch() {
    // Label Studio once stored JavaScript (UTF-16) offsets: "annotation" at 13..23, not 12..22.
    let file = r#"[{"id": 1, "data": {"text": "💩This is an annotation."}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 13, "end": 23, "text": "annotation", "labels": ["ACTOR"]}},
        {"type": "labels", "value": {"start": 1, "end": 5, "text": "This", "labels": ["ACTOR"]}},
        {"type": "choices", "value": {"choices": ["relevant"]}}]}]}]"#;
    let (corpus, report) = label_studio::import("project-1.json", file.as_bytes(), &labels()).unwrap();
    assert_eq!(corpus.documents[0].spans.len(), 1);
    assert_eq!(report.problems[0].kind, ProblemKind::Unsupported { what: "a \"choices\" result".into() });
    assert_eq!(report.problems[1].kind, ProblemKind::TextMismatch { expected: "nnotation.".into(), found: "annotation".into() });
    assert!(report.problems[1].to_string().contains("UTF-16"));
}

#[test]
fn duplicate_ids_are_renamed_and_reported() {
    let (corpus, report) = jsonl_ok(&format!("{GOOD}\n{GOOD}\n{GOOD}\n"));
    let ids: Vec<_> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a1-2", "a1-3"]);
    assert_eq!(
        messages(&report)[0],
        "berita.jsonl line 2 (doc \"a1-2\"): document id \"a1\" is used twice; this document was renamed \"a1-2\""
    );
}

#[test]
fn unknown_labels_are_kept_listed_and_reported_once() {
    let file = r#"{"text":"Kao ke Bali","label":[[0,3,"PERSON"],[7,11,"PERSON"],[7,11,"GPE"],[7,11,"GPE"]]}"#;
    let (corpus, report) = jsonl_ok(file);
    assert_eq!(corpus.documents[0].spans.len(), 3);
    assert_eq!(corpus.labels[4..], ["PERSON".to_owned(), "GPE".to_owned()]);
    let kinds: Vec<_> = report.problems.iter().map(|p| p.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            ProblemKind::UnknownLabel { label: "PERSON".into() },
            ProblemKind::UnknownLabel { label: "GPE".into() },
            ProblemKind::DuplicateSpan { start: 7, end: 11, label: "GPE".into() },
        ]
    );
}

#[test]
fn a_newer_sorot_file_is_refused_whole() {
    let file = r#"{"format": "sorot", "version": 2, "offset_unit": "codepoint", "labels": [], "documents": []}"#;
    let problem = refusal(sorot_json::import("berita.sorot.json", file.as_bytes(), &labels()));
    assert_eq!(problem.kind, ProblemKind::FutureVersion { found: 2 });
    assert!(problem.to_string().starts_with("berita.sorot.json: written by a newer Sorot"));
    let utf16 = r#"{"format": "sorot", "version": 1, "offset_unit": "utf16", "documents": []}"#;
    assert!(matches!(refusal(sorot_json::import("x.json", utf16.as_bytes(), &[])).kind, ProblemKind::WrongShape { .. }));
}

#[test]
fn malformed_json_is_located_by_line_and_character_column() {
    let file = "{\"format\": \"sorot\",\n \"version\": 1,\n \"labels\": [\"💩\" \"ACTOR\"]}";
    let problem = refusal(sorot_json::import("berita.sorot.json", file.as_bytes(), &labels()));
    assert_eq!(problem.line, Some(3));
    assert!(matches!(&problem.kind, ProblemKind::MalformedJson { line: 3, column: 17, .. }), "{problem:?}");
    assert_eq!(problem.to_string(), "berita.sorot.json line 3: not valid JSON at column 17: expected `,` or `]`");
    let (corpus, report) = jsonl_ok(&format!("{GOOD}\n{{\"text\": \"💩\",}}\n"));
    assert_eq!(corpus.documents.len(), 1);
    assert!(matches!(report.problems[0].kind, ProblemKind::MalformedJson { line: 2, column: 14, .. }), "{report:?}");
}

#[test]
fn a_byte_order_mark_before_json_is_not_an_error() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(sorot_json::export(&AppState::with_document(seed_document())).as_bytes());
    let (corpus, report) = sorot_json::import("export.json", &bytes, &labels()).unwrap();
    assert!(report.is_clean());
    assert_eq!(corpus.documents[0].id, "seed-article");
    let (corpus, _) = jsonl::import("b.jsonl", format!("\u{feff}{GOOD}\n").as_bytes(), &labels(), OffsetUnit::Utf16).unwrap();
    assert_eq!(corpus.documents[0].spans.len(), 1);
}

#[test]
fn a_jsonl_line_that_is_a_number_is_reported_and_skipped() {
    let (corpus, report) = jsonl_ok(&format!("42\n{GOOD}\n[1]\n"));
    assert_eq!(corpus.documents.len(), 1);
    let lines: Vec<_> = report.problems.iter().map(|p| (p.line, p.kind.clone())).collect();
    let shape = ProblemKind::WrongShape { expected: "a JSON object with a \"text\" string".into() };
    assert_eq!(lines, [(Some(1), shape.clone()), (Some(3), shape)]);
    let only_bad = refusal(jsonl::import("n.jsonl", b"42\n", &labels(), OffsetUnit::Utf16));
    assert_eq!(only_bad.line, Some(1));
}

#[test]
fn files_that_are_not_text_or_hold_nothing_are_refused() {
    let not_utf8 = refusal(jsonl::import("x.jsonl", b"{\"text\": \"\xC3\x28\"}", &labels(), OffsetUnit::Utf16));
    assert_eq!(not_utf8.kind, ProblemKind::InvalidUtf8 { byte_idx: 10 });
    assert_eq!(refusal(sorot_json::import("x.json", b" \n ", &labels())).kind, ProblemKind::Empty);
    assert_eq!(refusal(jsonl::import("x.jsonl", b"\n\n", &labels(), OffsetUnit::Utf16)).kind, ProblemKind::Empty);
    let huge = vec![0u8; MAX_FILE_BYTES + 1];
    let too_large = refusal(jsonl::import("x.jsonl", &huge, &labels(), OffsetUnit::Utf16));
    assert!(matches!(too_large.kind, ProblemKind::TooLarge { .. }));
    assert!(too_large.to_string().contains("257 MiB, more than the 256 MiB"));
}

#[test]
fn deep_nesting_and_huge_numbers_are_problems_not_crashes() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(refusal(sorot_json::import("x.json", deep.as_bytes(), &[])).kind, ProblemKind::MalformedJson { .. }));
    assert!(matches!(refusal(label_studio::import("x.json", deep.as_bytes(), &[])).kind, ProblemKind::MalformedJson { .. }));
    let file = format!(
        "{}\n{deep}\n",
        concat!(
            r#"{"text":"Kao","spans":[{"start":0,"end":18446744073709551615,"label":"ACTOR"},"#,
            r#"{"start":-1,"end":2,"label":"ACTOR"},{"start":0,"end":1e300,"label":"ACTOR"},{"start":0,"end":3,"label":"ACTOR"}]}"#
        )
    );
    let (corpus, report) = jsonl_ok(&file);
    assert_eq!(corpus.documents[0].spans.len(), 1);
    let kinds: Vec<_> = report.problems.iter().map(|p| std::mem::discriminant(&p.kind)).collect();
    let out_of_range = std::mem::discriminant(&ProblemKind::OutOfRange { end: 0, len: 0, unit: OffsetUnit::CodePoint });
    let shape = std::mem::discriminant(&ProblemKind::WrongShape { expected: String::new() });
    let malformed = std::mem::discriminant(&ProblemKind::MalformedJson { line: 0, column: 0, message: String::new() });
    assert_eq!(kinds, [shape, shape, out_of_range, malformed]);
}

#[test]
fn a_changed_text_and_an_empty_document_are_reported() {
    let file = r#"{"format":"sorot","version":1,"documents":[
        {"id":"a","text":"Kao ke Bali","text_sha256":"00","spans":[{"start":7,"end":11,"label":"LOCATION","text":"Bali"}]},
        {"id":"b","text":""}]}"#;
    let (corpus, report) = sorot_json::import("x.json", file.as_bytes(), &labels()).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    assert!(matches!(report.problems[0].kind, ProblemKind::ChecksumMismatch { .. }));
    assert_eq!(report.problems[1].to_string(), "x.json (doc \"b\"): there is nothing here to read");
}

#[test]
fn the_native_export_of_the_annotator_reads_back() {
    let mut state = AppState::with_document(seed_document());
    let text = state.current().document.text().clone();
    let start = text[..text.find("Kao Kim Hourn").unwrap()].chars().count();
    state.apply(WorkAction::Tag { start, end: start + 13, label: Label::new("ACTOR") }).unwrap();
    let (corpus, report) = sorot_json::import("x.json", sorot_json::export(&state).as_bytes(), &labels()).unwrap();
    assert!(report.is_clean());
    assert_eq!(corpus, Corpus::from_state(&state));
    let file: serde_json::Value = serde_json::from_str(&sorot_json::export(&state)).unwrap();
    assert_eq!(file["documents"][0]["status"], "in progress");
    assert_eq!(file["documents"][0]["spans"][0]["text"], "Kao Kim Hourn");
}

#[test]
fn many_repeats_of_one_id_and_many_spans_stay_linear() {
    let (corpus, report) = jsonl_ok(&format!("{GOOD}\n").repeat(20_000));
    assert_eq!(corpus.documents[19_999].id, "a1-20000");
    assert_eq!(report.problems.len(), 19_999);
    let words = 20_000;
    let doc = CorpusDocument {
        id: "d".into(),
        text: "kata ".repeat(words),
        spans: (0..words)
            .flat_map(|i| [CorpusSpan::new(i * 5, i * 5 + 4, "ACTOR"), CorpusSpan::new(i * 5, i * 5 + 4, "LOCATION")])
            .collect(),
        ..CorpusDocument::default()
    };
    let export = conll::export(&Corpus { labels: labels(), documents: vec![doc] });
    assert_eq!(export.notes.len(), words);
    assert_eq!(export.contents.matches("B-ACTOR").count(), words);
}

#[test]
fn a_sorot_document_of_an_odd_shape_keeps_what_it_can_and_says_what_is_amiss() {
    // A span that is no object and a key given twice cost nothing else; a
    // document that is not valid JSON is named by its line and column, and
    // loses only itself.
    let spans =
        r#"{"start":0,"end":13,"label":"ACTOR","text":"Kao Kim Hourn"},{"start":17,"end":21,"label":"LOCATION","value":{"geonames":1}}"#;
    let file = format!(
        r#"{{"format":"sorot","version":1,"documents":[
        {{"id":"usual","text":"Kao Kim Hourn ke Bali","spans":[{spans}]}},
        {{"id":"odd","title":"x","title":"Kao ke Bali","text":"Kao Kim Hourn ke Bali","spans":[42,{spans}]}},
        {{"id":"no-list","text":"Di Bali","spans":{{"start":3}}}},
        {{"id":"bad","text":"💩" "x"}},
        "not a document"]}}"#
    );
    let (corpus, report) = sorot_json::import("x.json", file.as_bytes(), &labels()).unwrap();
    let [usual, odd, no_list] = &corpus.documents[..] else { panic!("{corpus:?}") };
    assert_eq!(usual.spans, odd.spans);
    assert_eq!(usual.spans.len(), 2);
    assert_eq!(odd.title, "Kao ke Bali");
    assert!(no_list.spans.is_empty());
    assert_eq!(
        messages(&report),
        [
            "x.json (doc \"odd\"): expected each span as a JSON object",
            "x.json (doc \"no-list\"): expected \"spans\" as a list",
            "x.json line 5: not valid JSON at column 32: expected `,` or `}`",
            "x.json: expected each document as a JSON object",
        ]
    );
}

#[test]
fn a_sorot_file_is_read_a_few_documents_at_a_time() {
    let mut state = AppState::with_document(seed_document());
    state.apply(WorkAction::OpenText { name: "b.txt".into(), text: "Di Bali 🇮🇩".into() }).unwrap();
    let file = sorot_json::export(&state);
    let mut import = sorot_json::SorotImport::new("x.json", file.as_bytes(), &[]).unwrap();
    assert!(!import.only_schema() && !import.is_done());
    assert_eq!(import.progress().1, file.len());
    import.read_documents(1);
    let (done, total) = import.progress();
    assert!(done > 0 && done < total && file[done..].trim_start().starts_with("{\n      \"id\": \"b\""), "{done}");
    import.read_documents(1);
    assert!(import.is_done());
    assert_eq!(import.progress(), (total, total));
    assert!(matches!(import.take_schema(), Some(Ok(_))));
    let (corpus, report) = import.finish().unwrap();
    assert!(report.is_clean());
    assert_eq!(corpus, Corpus::from_state(&state));
    let schema_only = br#"{"labels": [{"name": "ORG", "key": "o"}]}"#;
    let mut import = sorot_json::SorotImport::new("team.json", schema_only, &[]).unwrap();
    assert!(import.only_schema());
    assert_eq!(import.take_schema().unwrap().unwrap().names(), ["ORG"]);
    let no_documents = refusal(sorot_json::import("x.json", br#"{"format": "sorot", "version": 1, "documents": 7}"#, &[]));
    assert_eq!(no_documents.to_string(), "x.json: expected a \"documents\" list");
}
