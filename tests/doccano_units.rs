//! doccano's offset units, against files doccano 1.8.4 itself exported
//! (`tests/fixtures/doccano-1.8.4/`, copied from `shared/samples`): six spans
//! drawn with the mouse in its page, once in a default project (UTF-16 code
//! units) and once in grapheme mode (grapheme clusters). Each file opens with
//! every span on the drawn text; read in the wrong unit, it is doubted and the
//! right unit named; written back, it is the file doccano wrote.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::{folder, ok, sorot, stderr, stdout};
use sorot::formats::open::{open_files, Opened};
use sorot::formats::{doccano, Corpus, ImportReport, ProblemKind};
use sorot::model::offsets::OffsetUnit;

/// The spans drawn in doccano, in order ("José" is written with a combining accent).
const DRAWN: [(&str, &str); 6] = [
    ("LOCATION", "Jakarta"),
    ("ACTOR", "Keluarga 👨\u{200d}👩\u{200d}👧\u{200d}👦"),
    ("VICTIM_COUNT", "28 WNI"),
    ("ACTOR", "Menteri Jose\u{301} Rami\u{301}rez"),
    ("VICTIM_COUNT", "16 orang"),
    ("POLICY_CALL", "penutupan pusat penipuan daring"),
];

const DEFAULT_PROJECT: &str = "default-project.jsonl";
const GRAPHEME_PROJECT: &str = "grapheme-mode-project.jsonl";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doccano-1.8.4").join(name)
}

fn labels() -> Vec<String> {
    ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL"].map(String::from).to_vec()
}

fn read(name: &str, unit: OffsetUnit) -> (Corpus, ImportReport) {
    let bytes = std::fs::read(fixture(name)).unwrap();
    doccano::import(name, &bytes, &labels(), unit).unwrap()
}

/// Each span as `(label, text[start:end])`.
fn drawn(corpus: &Corpus) -> Vec<(String, String)> {
    let doc = &corpus.documents[0];
    let chars: Vec<char> = doc.text.chars().collect();
    doc.spans.iter().map(|s| (s.label.clone(), chars[s.start..s.end].iter().collect())).collect()
}

fn expected() -> Vec<(String, String)> {
    DRAWN.iter().map(|(label, text)| (label.to_string(), text.to_string())).collect()
}

#[test]
fn both_real_exports_open_with_every_span_on_the_drawn_text() {
    for (name, unit) in [(DEFAULT_PROJECT, OffsetUnit::Utf16), (GRAPHEME_PROJECT, OffsetUnit::Grapheme)] {
        let (corpus, report) = read(name, unit);
        assert!(report.is_clean(), "{name}: {:?}", report.problems);
        assert_eq!(drawn(&corpus), expected(), "{name}");
        let reading = report.offsets.unwrap();
        assert_eq!((reading.unit, reading.documents), (unit, 1), "{name}");
        let said = format!("offsets read as {} (1 document holds characters that count differently in code points)", unit.name());
        assert_eq!(reading.to_string(), said);
    }
}

#[test]
fn read_in_the_wrong_unit_the_file_is_doubted_and_the_right_unit_named() {
    for (name, right) in [(DEFAULT_PROJECT, OffsetUnit::Utf16), (GRAPHEME_PROJECT, OffsetUnit::Grapheme)] {
        for wrong in OffsetUnit::ALL.into_iter().filter(|&u| u != right) {
            let (_, report) = read(name, wrong);
            assert_eq!(report.likely_unit(), Some(right), "{name} read as {wrong:?}: {:?}", report.problems);
            let doubt = report.problems.iter().find(|p| matches!(p.kind, ProblemKind::LikelyOffsetUnit { .. })).unwrap();
            let message = doubt.to_string();
            assert!(message.contains(&format!("look like {} rather than {}", right.name(), wrong.name())), "{message}");
        }
    }
}

#[test]
fn a_span_past_the_end_says_which_unit_it_counted_in() {
    let file = r#"{"id": 1, "text": "Ke 🇮🇩 Bali", "label": [[3, 7, "LOCATION"], [8, 20, "LOCATION"]]}"#;
    let known = ["LOCATION".to_owned()];
    let (corpus, report) = doccano::import("x.jsonl", file.as_bytes(), &known, OffsetUnit::Utf16).unwrap();
    assert_eq!(corpus.documents[0].spans.len(), 1);
    let messages: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages, ["x.jsonl line 1 (doc \"1\"): span ends at 20, past the end of the text (12 UTF-16 code units)"]);
    let inside = r#"{"id": 1, "text": "Ke 🇮🇩 Bali", "label": [[4, 7, "LOCATION"]]}"#;
    let (_, report) = doccano::import("x.jsonl", inside.as_bytes(), &known, OffsetUnit::Utf16).unwrap();
    assert_eq!(report.problems[0].kind, ProblemKind::InsideCharacter { offset: 4, unit: OffsetUnit::Utf16 });
}

#[test]
fn written_back_in_its_unit_each_file_is_what_doccano_wrote() {
    for (name, unit) in [(DEFAULT_PROJECT, OffsetUnit::Utf16), (GRAPHEME_PROJECT, OffsetUnit::Grapheme)] {
        let (corpus, _) = read(name, unit);
        let (written, notes) = doccano::export(&corpus, unit);
        assert!(notes.is_empty());
        let original: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture(name)).unwrap()).unwrap();
        let written: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(written["label"], original["label"], "{name}");
        assert_eq!(written["text"], original["text"], "{name}");
    }
}

#[test]
fn the_page_is_offered_the_reading_in_the_likely_unit() {
    let bytes = std::fs::read(fixture(GRAPHEME_PROJECT)).unwrap();
    let opened = open_files(&[(GRAPHEME_PROJECT.to_owned(), bytes)], &labels(), OffsetUnit::Utf16);
    match &opened[..] {
        [Opened::DoubtfulUnit { likely, in_likely, asked, .. }] => {
            assert_eq!(*likely, OffsetUnit::Grapheme);
            assert_eq!(drawn(&in_likely.0), expected());
            assert!(in_likely.1.is_clean(), "{:?}", in_likely.1);
            assert_ne!(drawn(&asked.0), expected());
        }
        other => panic!("expected a doubtful reading, got {other:?}"),
    }
}

#[test]
fn the_command_line_reads_and_writes_in_the_unit_it_is_given() {
    let dir = folder("doccano_units", "command_line");
    let grapheme = fixture(GRAPHEME_PROJECT);
    let grapheme = grapheme.to_str().unwrap();
    let clean = sorot(&dir, &["validate", "--offset-unit", "grapheme", grapheme]);
    assert!(ok(&clean).contains("1 document, 6 spans, no problems"), "{}", stdout(&clean));
    assert!(stderr(&clean).contains("offsets read as grapheme clusters"), "{}", stderr(&clean));
    let doubted = sorot(&dir, &["validate", grapheme]);
    assert!(!doubted.status.success());
    assert!(stdout(&doubted).contains("look like grapheme clusters rather than UTF-16 code units"), "{}", stdout(&doubted));
    assert!(stderr(&doubted).contains("read it again with --offset-unit grapheme"), "{}", stderr(&doubted));
    // Grapheme clusters in, UTF-16 out: the default project's file.
    let converted = sorot(&dir, &["convert", "--offset-unit", "grapheme", "--to", "jsonl", grapheme, "spans.jsonl"]);
    ok(&converted);
    let back = sorot(&dir, &["convert", "--to", "doccano", "spans.jsonl", "utf16.jsonl"]);
    ok(&back);
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("utf16.jsonl")).unwrap()).unwrap();
    let default: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture(DEFAULT_PROJECT)).unwrap()).unwrap();
    assert_eq!(written["label"], default["label"]);
    let bad = sorot(&dir, &["validate", "--offset-unit", "bytes", grapheme]);
    assert!(stderr(&bad).contains("no offset unit \"bytes\"; use one of utf16, grapheme, codepoint"), "{}", stderr(&bad));
}
