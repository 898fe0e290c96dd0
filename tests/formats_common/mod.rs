//! Shared by the format tests: the golden corpus, and what each format
//! keeps of a corpus, so a round trip can be compared with what it should
//! give back.

#![allow(dead_code)] // Each test crate uses a different part of this module.

use std::collections::HashMap;

use serde_json::json;
use sorot::formats::corpus::default_title;
use sorot::formats::flatten::flatten;
use sorot::formats::tokens::{detokenize, lines};
use sorot::formats::{Corpus, CorpusDocument, CorpusSpan, DocumentMeta, Status};

/// The schema's labels.
pub fn labels() -> Vec<String> {
    ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL"].map(String::from).to_vec()
}

/// The char range of the `nth` (0-based) occurrence of `needle`.
pub fn find(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (byte_idx, _) = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"));
    let start = text[..byte_idx].chars().count();
    (start, start + needle.chars().count())
}

fn span(text: &str, needle: &str, nth: usize, label: &str) -> CorpusSpan {
    let (start, end) = find(text, needle, nth);
    CorpusSpan::new(start, end, label)
}

/// Sorts spans as importers do.
pub fn sorted(mut spans: Vec<CorpusSpan>) -> Vec<CorpusSpan> {
    spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    spans
}

/// Three documents full of hazards: nested spans, CRLF, emoji and ZWJ
/// sequences, flags, combining marks, a glued word, CJK and RTL text.
pub fn golden_corpus() -> Corpus {
    let news = "Sekjen ASEAN Minta Negara Anggota Tangkal TPPO\r\n\r\n\
                Nusa Dua, IDN Times - Sekretaris Jenderal ASEAN, Kao Kim Hourn, mengajak negara anggota ASEAN \
                menangkal isu ini (TPPO) secara kolektif.\r\n\
                Sebanyak 20 warga negara Indonesia (WNI) korban TPPO dipulangkan dari Myanmar.\r\n";
    let mut victims = span(news, "20 warga negara Indonesia (WNI)", 0, "VICTIM_COUNT");
    victims.value = Some(json!(20));
    let news_doc = CorpusDocument {
        id: "tppo-bali".into(),
        title: "Sekjen ASEAN Minta Negara Anggota Tangkal TPPO".into(),
        text: news.into(),
        meta: DocumentMeta {
            source: Some("IDN Times".into()),
            date: Some("2023-05-10".into()),
            extra: [("url".to_owned(), json!("https://www.idntimes.com/news/world/sekjen-asean-tppo"))].into(),
        },
        status: Status::Done,
        annotator: Some("ratna".into()),
        spans: sorted(vec![
            span(news, "Nusa Dua", 0, "LOCATION"),
            span(news, "Sekretaris Jenderal ASEAN", 0, "ACTOR"),
            span(news, "ASEAN", 1, "ACTOR"),
            span(news, "Kao Kim Hourn", 0, "ACTOR"),
            span(news, "mengajak negara anggota ASEAN menangkal isu ini (TPPO) secara kolektif", 0, "POLICY_CALL"),
            span(news, "ASEAN", 2, "ACTOR"),
            victims,
            span(news, "Myanmar", 0, "LOCATION"),
        ]),
    };
    let emoji = "👨🏻\u{200d}🚒 Petugas pemadam menyelamatkan puluhan korban 🇮🇩 di Cafe\u{301} Batam.\n\
                 Kata kunci: TPPOSekretaris";
    let mut some = span(emoji, "puluhan korban", 0, "VICTIM_COUNT");
    some.value = Some(json!({"min": 10, "max": 99}));
    let emoji_doc = CorpusDocument {
        id: "emoji-zwj".into(),
        title: default_title(emoji),
        text: emoji.into(),
        status: Status::InProgress,
        spans: sorted(vec![
            span(emoji, "👨🏻\u{200d}🚒 Petugas pemadam", 0, "ACTOR"),
            some,
            span(emoji, "Cafe\u{301} Batam", 0, "LOCATION"),
            span(emoji, "Batam", 0, "LOCATION"),
            span(emoji, "TPPO", 0, "ACTOR"),
        ]),
        ..CorpusDocument::default()
    };
    let cjk = "東京で20人の被害者が保護された。\nمرحبا Bangkok 🇹🇭";
    let mut twenty = span(cjk, "20人", 0, "VICTIM_COUNT");
    twenty.value = Some(json!(20));
    let cjk_doc = CorpusDocument {
        id: "cjk-rtl".into(),
        title: default_title(cjk),
        text: cjk.into(),
        status: Status::Todo,
        spans: sorted(vec![span(cjk, "東京", 0, "LOCATION"), twenty, span(cjk, "Bangkok", 0, "LOCATION")]),
        ..CorpusDocument::default()
    };
    Corpus { labels: labels(), documents: vec![news_doc, emoji_doc, cjk_doc] }
}

/// Resets what a format without titles, metadata, status or annotators
/// loses; values go too unless `values` is set.
pub fn without_document_fields(corpus: &Corpus, values: bool) -> Corpus {
    let mut corpus = corpus.clone();
    for doc in &mut corpus.documents {
        doc.title = default_title(&doc.text);
        doc.meta = DocumentMeta::default();
        doc.status = Status::unstated(!doc.spans.is_empty());
        doc.annotator = None;
        if !values {
            doc.spans.iter_mut().for_each(|s| s.value = None);
        }
    }
    corpus
}

/// What a flat format (CoNLL, Hugging Face) gives back: the flattened
/// corpus with each text rebuilt from its tokens and spans moved with them.
/// CoNLL names documents after the file (`ids_from`), Hugging Face keeps ids.
pub fn as_flat(corpus: &Corpus, ids_from: Option<&str>) -> Corpus {
    let (mut flat, _) = flatten(corpus);
    flat.documents.retain(|doc| !lines(&doc.text).is_empty());
    for (n, doc) in flat.documents.iter_mut().enumerate() {
        let lines = lines(&doc.text);
        let mut starts = HashMap::new();
        let mut ends = HashMap::new();
        let mut char_pos = 0;
        for (i, line) in lines.iter().enumerate() {
            char_pos += usize::from(i > 0);
            for (j, token) in line.iter().enumerate() {
                char_pos += usize::from(j > 0);
                starts.insert(token.start, char_pos);
                char_pos += token.text.chars().count();
                ends.insert(token.end, char_pos);
            }
        }
        let texts: Vec<Vec<&str>> = lines.iter().map(|l| l.iter().map(|t| t.text).collect()).collect();
        doc.text = detokenize(&texts);
        for span in &mut doc.spans {
            span.start = starts[&span.start];
            span.end = ends[&span.end];
        }
        if let Some(stem) = ids_from {
            doc.id = format!("{stem}-{}", n + 1);
        }
    }
    without_document_fields(&flat, false)
}
