//! A corpus at working size: 10,000 news-length documents (35 MB of JSON
//! Lines) export and import losslessly. Timings are printed, never asserted;
//! see them with `cargo test --release --test formats_scale -- --nocapture`.
//! An unoptimised build is about fifteen times slower, so the default
//! (debug) test run uses a tenth of the documents.

use sorot::model::offsets::OffsetUnit;
use std::time::Instant;

use serde_json::json;
use sorot::formats::{jsonl, sorot_json, Corpus, CorpusDocument, CorpusSpan, DocumentMeta, Status};

/// One ~3 KB document: repeated paragraphs with an emoji and CRLF, ten spans.
fn document(n: usize) -> CorpusDocument {
    let paragraph = "Kao Kim Hourn 👨🏻\u{200d}🚒 mengajak negara anggota ASEAN menangkal TPPO di Nusa Dua, Bali. \
                     Sebanyak 20 warga negara Indonesia (WNI) dipulangkan dari Myanmar.\r\n";
    let text = format!("Berita {n}\r\n{}", paragraph.repeat(18));
    let para_len = paragraph.chars().count();
    let head = format!("Berita {n}\r\n").chars().count();
    let spans = (0..10)
        .map(|i| {
            let at = head + i * para_len;
            let mut span = CorpusSpan::new(at, at + 13, if i % 2 == 0 { "ACTOR" } else { "POLICY_CALL" });
            span.value = (i == 3).then(|| json!(20));
            span
        })
        .collect();
    CorpusDocument {
        id: format!("berita-{n}"),
        title: format!("Berita {n}"),
        text,
        meta: DocumentMeta { source: Some("IDN Times".into()), ..DocumentMeta::default() },
        status: Status::InProgress,
        annotator: None,
        spans,
    }
}

const DOCUMENTS: usize = if cfg!(debug_assertions) { 1_000 } else { 10_000 };

#[test]
fn a_working_size_corpus_round_trips() {
    let labels = vec!["ACTOR".to_owned(), "POLICY_CALL".to_owned()];
    let corpus = Corpus { labels: labels.clone(), documents: (0..DOCUMENTS).map(document).collect() };

    let started = Instant::now();
    let file = jsonl::export(&corpus);
    let exported = started.elapsed();
    let started = Instant::now();
    let (read, report) = jsonl::import("big.jsonl", file.as_bytes(), &labels, OffsetUnit::Utf16).unwrap();
    let imported = started.elapsed();
    assert!(report.is_clean());
    assert!(read == corpus);
    println!("{DOCUMENTS} documents as JSON Lines, {} MB: export {exported:?}, import {imported:?}", file.len() >> 20);

    let started = Instant::now();
    let file = sorot_json::export_corpus(&corpus);
    let exported = started.elapsed();
    let started = Instant::now();
    let (read, _) = sorot_json::import("big.json", file.as_bytes(), &labels).unwrap();
    println!("{DOCUMENTS} documents as Sorot JSON, {} MB: export {exported:?}, import {:?}", file.len() >> 20, started.elapsed());
    assert!(read == corpus);
}
