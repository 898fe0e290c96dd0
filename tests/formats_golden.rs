//! Golden files: every export format of a small corpus full of hazards
//! (nested spans, CRLF, emoji and ZWJ sequences, combining marks, CJK, RTL),
//! compared byte for byte with the files under `tests/golden/`, and read
//! back by each importer.
//!
//! After an intended change to an exporter, rewrite the files with
//! `UPDATE_GOLDEN=1 cargo test --test formats_golden` and review the diff.
//! With `SOROT_EXPORT_DIR=DIR` set, the exports are also written to DIR, for
//! `tests/consumers/run.sh` to check with spaCy and Hugging Face datasets.

mod formats_common;

use sorot::model::offsets::OffsetUnit;
use std::path::{Path, PathBuf};

use formats_common::{as_flat, golden_corpus, labels, without_document_fields};
use sorot::formats::{brat, conll, doccano, hf, jsonl, label_studio, sorot_json, Corpus};

/// Every exported file of the golden corpus, by its path under `tests/golden/`.
fn exports(corpus: &Corpus) -> Vec<(String, String)> {
    let conll = conll::export(corpus);
    let hf = hf::export(corpus);
    assert_eq!(conll.notes, hf.notes, "both flat formats flatten the same way");
    let notes: String = conll.notes.iter().map(|note| format!("{note}\n")).collect();
    let mut files = vec![
        ("corpus.sorot.json".to_owned(), sorot_json::export_corpus(corpus)),
        ("corpus.jsonl".to_owned(), jsonl::export(corpus)),
        ("corpus.doccano.jsonl".to_owned(), doccano_export(corpus, OffsetUnit::Utf16)),
        ("corpus.doccano-grapheme.jsonl".to_owned(), doccano_export(corpus, OffsetUnit::Grapheme)),
        ("corpus.doccano-codepoint.jsonl".to_owned(), doccano_export(corpus, OffsetUnit::CodePoint)),
        ("corpus.label_studio.json".to_owned(), label_studio::export(corpus)),
        ("corpus.conll".to_owned(), conll.contents),
        ("corpus.hf.jsonl".to_owned(), hf.rows),
        ("labels.json".to_owned(), hf.labels),
        ("flatten-notes.txt".to_owned(), notes),
    ];
    files.extend(brat::export(corpus).into_iter().map(|file| (format!("brat/{}", file.name), file.contents)));
    files
}

/// doccano's file counting in `unit`; every golden span fits every unit.
fn doccano_export(corpus: &Corpus, unit: OffsetUnit) -> String {
    let (file, notes) = doccano::export(corpus, unit);
    assert!(notes.is_empty(), "{unit:?}: {notes:?}");
    file
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn write_all(dir: &Path, files: &[(String, String)]) {
    for (name, contents) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
    }
}

#[test]
fn exports_match_the_golden_files() {
    let files = exports(&golden_corpus());
    if let Some(dir) = std::env::var_os("SOROT_EXPORT_DIR") {
        write_all(Path::new(&dir), &files);
    }
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        write_all(&golden_dir(), &files);
    }
    for (name, expected) in &files {
        let path = golden_dir().join(name);
        let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
        assert!(golden == *expected, "{name} differs from its export; run with UPDATE_GOLDEN=1 and review the diff");
    }
}

fn golden(name: &str) -> Vec<u8> {
    std::fs::read(golden_dir().join(name)).unwrap()
}

#[test]
fn golden_files_read_back_into_the_corpus_each_format_keeps() {
    let corpus = golden_corpus();
    let known = labels();
    let check = |name: &str, read: (Corpus, sorot::formats::ImportReport), expected: &Corpus| {
        assert!(read.1.is_clean(), "{name}: {:?}", read.1);
        assert_eq!(read.0, *expected, "{name}");
    };
    check("sorot", sorot_json::import("corpus.sorot.json", &golden("corpus.sorot.json"), &known).unwrap(), &corpus);
    check("jsonl", jsonl::import("corpus.jsonl", &golden("corpus.jsonl"), &known, OffsetUnit::Utf16).unwrap(), &corpus);
    check("label studio", label_studio::import("ls.json", &golden("corpus.label_studio.json"), &known).unwrap(), &corpus);
    let doccano = without_document_fields(&corpus, false);
    for (unit, name) in [
        (OffsetUnit::Utf16, "corpus.doccano.jsonl"),
        (OffsetUnit::Grapheme, "corpus.doccano-grapheme.jsonl"),
        (OffsetUnit::CodePoint, "corpus.doccano-codepoint.jsonl"),
    ] {
        check(name, doccano::import(name, &golden(name), &known, unit).unwrap(), &doccano);
    }
    let brat_files: Vec<(String, Vec<u8>)> = std::fs::read_dir(golden_dir().join("brat"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.display().to_string(), std::fs::read(&path).unwrap())
        })
        .collect();
    let by_order = |name: &str| corpus.documents.iter().position(|d| name.contains(&format!("/{}.", d.id))).unwrap_or(0);
    let mut brat_files: Vec<(&str, &[u8])> = brat_files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    brat_files.sort_by_key(|(name, _)| by_order(name));
    check("brat", brat::import(&brat_files, &known).unwrap(), &without_document_fields(&corpus, true));
    check("conll", conll::import("corpus.conll", &golden("corpus.conll"), &known).unwrap(), &as_flat(&corpus, Some("corpus")));
    let hf = hf::import("corpus.hf.jsonl", &golden("corpus.hf.jsonl"), "labels.json", &golden("labels.json"), &known).unwrap();
    check("hf", hf, &as_flat(&corpus, None));
}

#[test]
fn every_span_of_the_golden_corpus_is_its_python_slice() {
    let corpus = golden_corpus();
    let doc = &corpus.documents[1];
    assert_eq!(doc.span_texts(), ["👨🏻\u{200d}🚒 Petugas pemadam", "puluhan korban", "Cafe\u{301} Batam", "Batam", "TPPO"]);
    let file: serde_json::Value = serde_json::from_slice(&golden("corpus.sorot.json")).unwrap();
    assert_eq!(file["documents"][1]["spans"][0]["start"], 0);
    assert_eq!(file["documents"][1]["spans"][4]["end"], 85);
}
