//! `sorot convert`: every export format from any input, the files flat
//! formats write beside their data, and JSON Lines streamed line by line
//! with exactly the result of reading the whole file.

mod cli_common;

use sorot::model::offsets::OffsetUnit;
use std::fs;
use std::path::Path;

use cli_common::{folder, ok, sorot, stderr, write};
use serde_json::json;
use sorot::formats::{brat, doccano, jsonl, label_studio, sorot_json, Corpus, CorpusDocument, CorpusSpan, DocumentMeta, Status};

fn labels() -> Vec<String> {
    ["ACTOR", "LOCATION", "POLICY_CALL"].map(String::from).to_vec()
}

/// Two documents; the first has a span nested in another, which flat
/// formats cannot hold, and a value.
fn corpus() -> Corpus {
    let text = "💩 ASEAN menangkal TPPO di Myawaddy\r\nKao Kim Hourn".to_owned();
    let mut actor = CorpusSpan::new(2, 7, "ACTOR");
    actor.value = Some(json!({"name": "ASEAN"}));
    let first = CorpusDocument {
        id: "a7".into(),
        title: "Judul".into(),
        spans: vec![actor, CorpusSpan::new(2, 34, "POLICY_CALL"), CorpusSpan::new(26, 34, "LOCATION"), CorpusSpan::new(36, 49, "ACTOR")],
        text,
        meta: DocumentMeta { source: Some("IDN Times".into()), ..DocumentMeta::default() },
        status: Status::Done,
        annotator: Some("alice".into()),
    };
    let second = CorpusDocument {
        id: "b/2".into(),
        title: "Bali".into(),
        text: "Di Bali".into(),
        status: Status::Todo,
        ..CorpusDocument::default()
    };
    Corpus { labels: labels(), documents: vec![first, second] }
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn span_formats_carry_everything_they_can_hold() {
    let dir = folder("cli_convert", "span_formats");
    write(&dir, &[("in.json", &sorot_json::export_corpus(&corpus()))]);
    let summary = ok(&sorot(&dir, &["convert", "--to", "jsonl", "in.json", "out.jsonl"]));
    assert_eq!(summary, "in.json -> out.jsonl: 2 documents as JSONL spans (spaCy, Prodigy)\n");
    let (back, report) = jsonl::import("out.jsonl", &read(&dir.join("out.jsonl")), &labels(), OffsetUnit::Utf16).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(back.documents, corpus().documents);

    ok(&sorot(&dir, &["convert", "--to", "sorot", "out.jsonl", "back.json"]));
    let (back, _) = sorot_json::import("back.json", &read(&dir.join("back.json")), &labels()).unwrap();
    assert_eq!(back.documents, corpus().documents);
    let written: serde_json::Value = serde_json::from_slice(&read(&dir.join("back.json"))).unwrap();
    assert_eq!(written["labels"], json!(["ACTOR", "POLICY_CALL", "LOCATION"]), "the labels the documents use, in order of first use");
    assert!(written.get("schema").is_none(), "no schema is invented for a converted file");

    ok(&sorot(&dir, &["convert", "--to", "doccano", "in.json", "out.doccano.jsonl"]));
    assert_eq!(String::from_utf8(read(&dir.join("out.doccano.jsonl"))).unwrap(), doccano::export(&corpus(), OffsetUnit::Utf16).0);
    ok(&sorot(&dir, &["convert", "--to", "label-studio", "in.json", "out.ls.json"]));
    assert_eq!(String::from_utf8(read(&dir.join("out.ls.json"))).unwrap(), label_studio::export(&corpus()));
}

#[test]
fn brat_writes_a_folder_or_an_archive() {
    let dir = folder("cli_convert", "brat");
    write(&dir, &[("in.json", &sorot_json::export_corpus(&corpus()))]);
    ok(&sorot(&dir, &["convert", "--to", "brat", "in.json", "brat"]));
    for file in brat::export(&corpus()) {
        assert_eq!(read(&dir.join("brat").join(&file.name)), file.contents.as_bytes(), "{}", file.name);
    }
    // The folder reads back as one corpus.
    let report = ok(&sorot(&dir, &["validate", "brat"]));
    assert_eq!(report, "brat: 2 documents, 4 spans, no problems\n");
    ok(&sorot(&dir, &["convert", "--to", "brat", "in.json", "brat.zip"]));
    assert!(read(&dir.join("brat.zip")).starts_with(b"PK\x03\x04"));
}

#[test]
fn flat_formats_print_their_notes_and_write_them_beside_the_data() {
    let dir = folder("cli_convert", "flat");
    write(&dir, &[("in.json", &sorot_json::export_corpus(&corpus()))]);
    let output = sorot(&dir, &["convert", "--to", "conll", "in.json", "out.conll"]);
    ok(&output);
    let notes = String::from_utf8(read(&dir.join("out.conll.notes.txt"))).unwrap();
    assert!(notes.starts_with("CoNLL IOB2 tags whole tokens, one label each, with no values, so these spans change"), "{notes}");
    let printed = stderr(&output);
    assert!(printed.starts_with("CoNLL IOB2 cannot hold every span as it was (3 changes):\n"), "{printed}");
    assert!(printed.contains("doc \"a7\": ACTOR 2..7 \"ASEAN\": dropped: overlaps POLICY_CALL 2..34"), "{printed}");
    assert!(printed.ends_with("all of them are in out.conll.notes.txt\n"), "{printed}");

    let sub = dir.join("hf");
    fs::create_dir(&sub).unwrap();
    ok(&sorot(&dir, &["convert", "--to", "hf", "in.json", "hf/rows.jsonl"]));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&read(&sub.join("labels.json"))).unwrap(),
        json!(["O", "B-ACTOR", "I-ACTOR", "B-LOCATION", "I-LOCATION", "B-POLICY_CALL", "I-POLICY_CALL"])
    );
    assert!(sub.join("rows.jsonl.notes.txt").is_file());
    // The rows read back with their labels.json, as Hugging Face rows.
    assert_eq!(ok(&sorot(&dir, &["validate", "hf/rows.jsonl"])), "hf/rows.jsonl: 2 documents, 2 spans, no problems\n");
}

/// JSON Lines in several shapes, with what whole-file reading fixes up:
/// missing, repeated and generated-colliding ids, a BOM, CRLF, blank lines,
/// a bad span and a line that is not JSON.
const MIXED: &str = concat!(
    "\u{feff}{\"text\":\"💩 Kao Kim Hourn\",\"spans\":[{\"start\":2,\"end\":5,\"label\":\"ACTOR\",\"text\":\"Kao\"}],\"meta\":{\"title\":\"K\",\"url\":\"u\"}}\r\n",
    "\n",
    "{\"id\":\"mixed-1\",\"text\":\"Di Bali\",\"label\":[[3,7,\"LOCATION\"]],\"status\":\"done\",\"annotator\":\"bob\"}\n",
    "{\"id\":7,\"text\":\"Kao ke Bali\",\"entities\":[{\"start_offset\":0,\"end_offset\":3,\"label\":\"ACTOR\"},[7,11,\"LOCATION\"],[9,4,\"X\"]]}\n",
    "{\"id\":7,\"text\":\"lagi\"}\n",
    "not json\n",
    "{\"text\":\"Tanpa id\"}",
);

#[test]
fn streamed_json_lines_give_what_whole_file_reading_gives() {
    let dir = folder("cli_convert", "stream");
    write(&dir, &[("mixed.jsonl", MIXED)]);
    let (whole, report) = jsonl::import("mixed.jsonl", MIXED.as_bytes(), &[], OffsetUnit::Utf16).unwrap();
    for (format, expected) in [("jsonl", jsonl::export(&whole)), ("doccano", doccano::export(&whole, OffsetUnit::Utf16).0)] {
        let output = sorot(&dir, &["convert", "--to", format, "mixed.jsonl", "out.jsonl"]);
        assert_eq!(output.status.code(), Some(1), "the bad span, line and ids are problems");
        assert_eq!(String::from_utf8(read(&dir.join("out.jsonl"))).unwrap(), expected, "{format}");
        let problems: Vec<String> =
            report.problems.iter().filter(|p| !p.to_string().contains("not in the schema")).map(|p| format!("  {p}")).collect();
        let printed = stderr(&output);
        let mut lines: Vec<&str> = printed.lines().collect();
        assert_eq!(
            lines.pop(),
            Some("sorot: 4 problems in the input (listed above): what they name was left out; `sorot validate` explains each")
        );
        assert_eq!(lines, problems);
    }
    let ids: Vec<String> = whole.documents.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, ["mixed-1", "mixed-1-2", "7", "7-2", "mixed-5"]);
}

#[test]
fn mistakes_are_refused_with_what_to_do() {
    let dir = folder("cli_convert", "mistakes");
    write(&dir, &[("in.jsonl", "{\"text\":\"Bali\"}\n")]);
    let output = sorot(&dir, &["convert", "--to", "xml", "in.jsonl", "out.xml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no format \"xml\"; use one of sorot, jsonl, doccano, label-studio, brat, conll, hf"),
        "{}",
        stderr(&output)
    );
    let output = sorot(&dir, &["convert", "--to", "jsonl", "in.jsonl", "./in.jsonl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("sorot: ./in.jsonl: the output would overwrite the input"), "{}", stderr(&output));
    assert_eq!(read(&dir.join("in.jsonl")), b"{\"text\":\"Bali\"}\n");
    let output = sorot(&dir, &["convert", "--to", "sorot", "hilang.conll", "out.json"]);
    assert!(stderr(&output).starts_with("sorot: hilang.conll: no such file; check the path"), "{}", stderr(&output));
    let help = ok(&sorot(&dir, &["convert", "--help"]));
    assert!(help.contains("in constant memory") && help.contains("--to <FORMAT>"), "{help}");
}
