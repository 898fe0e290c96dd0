//! "Share as HTML": the page escapes every piece of user text, holds no
//! script, stacks nested spans on lanes, and shows each block's text exactly
//! as the document has it — checked by stripping tags and unescaping, as a
//! browser's copy would.

use std::rc::Rc;

use proptest::prelude::*;
use sorot::formats::html::share_page;
use sorot::model::{seed_document, Document, DocumentState, Label, Metadata, Schema, Span, SpanId, Status};

/// A document with `(needle, label)` spans at each needle's first
/// occurrence (in code points).
fn annotated(id: &str, text: &str, spans: &[(&str, &str)]) -> DocumentState {
    let mut doc = DocumentState::new(Document::new(id, text));
    for (i, (needle, label)) in spans.iter().enumerate() {
        let byte_idx = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
        let start = text[..byte_idx].chars().count();
        let span = Span::new(SpanId(i as u64 + 1), start, start + needle.chars().count(), Label::new(label)).unwrap();
        doc.annotations.insert(span, text).unwrap();
    }
    doc
}

/// The markup of the block starting at char `start`, from its opening tag
/// to its closing one. Inside a block there are only `<span>`s, so the
/// first closing tag of the block's element ends it.
fn block_markup(page: &str, start: usize) -> &str {
    let marker = format!("data-block=\"{start}\"");
    let at = page.find(&marker).unwrap_or_else(|| panic!("no block at {start}"));
    let open = page[..at].rfind('<').unwrap();
    let element: String = page[open + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let close = format!("</{element}>");
    let end = at + page[at..].find(&close).unwrap() + close.len();
    &page[open..end]
}

/// The text a browser shows for `markup`: tags removed, entities decoded.
/// Attribute values never hold a raw `<` or `>`, so skipping from `<` to
/// `>` removes exactly the tags.
fn visible_text(markup: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for ch in markup.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    unescape(&text)
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').map(|i| at + i).expect("an entity ends with ';'");
        let decoded = match &rest[at + 1..end] {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "#39" => '\'',
            "#13" => '\r',
            other => panic!("unexpected entity &{other};"),
        };
        out.push(decoded);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Checks that every block's visible text is the block's text.
fn assert_blocks_round_trip(doc: &DocumentState, page: &str) {
    assert!(!doc.document.blocks().is_empty());
    for block in doc.document.blocks().iter() {
        assert_eq!(visible_text(block_markup(page, block.start)), doc.document.block_text(block), "block at {}", block.start);
    }
}

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

#[test]
fn hostile_text_labels_and_metadata_come_out_escaped() {
    let text = format!("Judul {HOSTILE} \"kutip\" 'tunggal'\n</style><script>alert(2)</script> & lain-lain");
    let mut doc = annotated("doc\"><img src=x>", &text, &[(HOSTILE, "ACTOR"), ("</style>", "<b>\"LABEL'"), ("&", "LOCATION")]);
    doc.meta = Rc::new(Metadata {
        source: Some(format!("https://example.org/?q={HOSTILE}")),
        date: Some("2024-05-01' onload='x".to_owned()),
        annotator: Some("</dd><script>".to_owned()),
        extra_json: None,
    });
    let mut schema = Schema::default();
    schema.add("<b>\"LABEL'").unwrap();
    let page = share_page(&doc, &schema);
    assert!(!page.contains("<img"), "raw <img in the page");
    assert!(!page.to_ascii_lowercase().contains("<script"), "a script element in the page");
    assert_eq!(page.matches("</style>").count(), 1, "user text closed the stylesheet");
    assert!(!page.contains("<b>"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("data-label=\"&lt;b&gt;&quot;LABEL&#39;\""));
    assert!(page.contains("2024-05-01&#39; onload=&#39;x"));
    assert!(page.contains("&quot;kutip&quot; &#39;tunggal&#39;"));
    assert_blocks_round_trip(&doc, &page);
}

#[test]
fn nested_spans_get_two_lanes_and_one_chip_each() {
    let text = "Judul\nKao Kim Hourn mengajak ASEAN menangkal isu ini secara kolektif.";
    let doc =
        annotated("d", text, &[("ASEAN menangkal isu ini secara kolektif", "POLICY_CALL"), ("ASEAN", "ACTOR"), ("Kao Kim Hourn", "ACTOR")]);
    let page = share_page(&doc, &Schema::default());
    let block = doc.document.blocks()[1];
    let markup = block_markup(&page, block.start);
    assert!(markup.contains("style=\"--lanes:2\""), "{markup}");
    // "ASEAN" is covered by both spans: the outer underline on lane 0, the
    // inner one 4px above it, each in its label's colour and stroke.
    let asean = markup.split("<span class=\"seg\"").find(|s| s.contains(">ASEAN</span>")).unwrap();
    assert!(asean.contains("background-position:0 calc(100% - 0px),0 calc(100% - 4px)"), "{asean}");
    assert!(asean.contains("repeating-linear-gradient(90deg,#7e22ce 0 3px"), "POLICY_CALL is dotted: {asean}");
    assert!(asean.contains("linear-gradient(#1d4ed8,#1d4ed8)"), "ACTOR is solid: {asean}");
    assert_eq!(markup.matches("class=\"tag\"").count(), 3);
    assert!(markup
        .contains("<span class=\"tag\" data-label=\"POLICY_CALL\" style=\"--c:#7e22ce\"></span><span class=\"tag\" data-label=\"ACTOR\""));
    assert_eq!(visible_text(markup), doc.document.block_text(&block));
    let title = block_markup(&page, 0);
    assert!(title.starts_with("<h1 class=\"block title\" dir=\"auto\""), "{title}");
    assert!(title.contains("--lanes:0"));
}

#[test]
fn emoji_crlf_and_lone_carriage_returns_round_trip() {
    let text = "Judul 👨🏻\u{200d}🚒 🇮🇩\r\n\r\nمرحبا Великий Новгород e\u{301} 💩 ok\r\nbaris\rtanpa LF\u{a0}dan\ttab\r\n";
    let doc =
        annotated("d", text, &[("👨🏻\u{200d}🚒", "ACTOR"), ("Великий Новгород", "LOCATION"), ("💩 ok", "ACTOR"), ("baris\rtanpa", "ACTOR")]);
    let page = share_page(&doc, &Schema::default());
    assert_eq!(doc.document.blocks().len(), 3);
    assert_blocks_round_trip(&doc, &page);
    assert!(page.contains("baris&#13;tanpa"), "a raw CR would be read as a line feed");
    assert!(page.contains("<title>Judul 👨🏻\u{200d}🚒 🇮🇩</title>"));
}

#[test]
fn seed_article_page_is_complete_and_scriptless() {
    let mut doc = annotated(
        "seed-article",
        &seed_document().text().clone(),
        &[
            ("Kao Kim Hourn", "ACTOR"),
            ("Nusa Dua Bali", "LOCATION"),
            ("20 warga negara Indonesia (WNI)", "VICTIM_COUNT"),
            ("ASEAN", "UNLISTED"),
        ],
    );
    doc.status = Status::Done;
    doc.meta = Rc::new(Metadata { source: Some("IDN Times".to_owned()), date: Some("2023-05-10".to_owned()), ..Metadata::default() });
    let page = share_page(&doc, &Schema::default());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">"));
    assert!(!page.to_ascii_lowercase().contains("<script"));
    assert!(page.contains("default-src 'none'"));
    assert!(page.contains("@media print"));
    assert!(page.contains("print-color-adjust:exact"));
    assert!(page.contains("<footer>Exported from Sorot</footer>"));
    for row in [
        "<dd dir=\"auto\">seed-article</dd>",
        "<dd dir=\"auto\">IDN Times</dd>",
        "<dd dir=\"auto\">2023-05-10</dd>",
        "<dd dir=\"auto\">done</dd>",
    ] {
        assert!(page.contains(row), "{row}");
    }
    // The legend: schema labels in order with counts, then the unknown one.
    let legend = &page[page.find("<section class=\"legend\">").unwrap()..];
    let chips: Vec<&str> =
        legend.split("<span class=\"chip\"").skip(1).map(|s| &s[s.find('>').unwrap() + 1..s.find("</span>").unwrap()]).collect();
    assert_eq!(chips, ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL", "UNLISTED"]);
    assert!(legend.contains("ACTOR</span><span class=\"swatch\""));
    assert!(legend.contains("<span class=\"count\">1 span</span>"));
    assert!(legend.contains("<span class=\"count\">0 spans</span>"));
    assert!(legend.contains("Not in the schema."));
    assert!(legend.contains("A person, organisation or government"));
    assert!(legend.contains("--c:#57606a\">UNLISTED"));
    assert_eq!(page.matches("class=\"block").count(), doc.document.blocks().len());
    assert_blocks_round_trip(&doc, &page);
}

#[test]
fn empty_document_still_makes_a_page() {
    let doc = DocumentState::new(Document::new("kosong", ""));
    let page = share_page(&doc, &Schema::default());
    assert!(page.contains("<title>kosong</title>"));
    assert!(page.contains("<article class=\"article\">\n</article>"));
    assert!(page.ends_with("</html>\n"));
}

/// Text full of markup and Unicode hazards: tags, entities, quotes, lone
/// carriage returns, CRLF, emoji, combining marks and RTL.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kao",
        " ",
        "<",
        ">",
        "&",
        "&amp;",
        "\"",
        "'",
        "</style>",
        "<script>",
        "<img src=x>",
        "\r",
        "\r\n",
        "\n",
        "\t",
        "\u{a0}",
        "👨\u{200d}👩\u{200d}👧",
        "🇮🇩",
        "e\u{301}",
        "\u{200f}مرحبا",
        "東京",
    ]);
    prop::collection::vec(pieces, 0..30).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn any_text_and_spans_give_a_faithful_scriptless_page(
        text in hostile_text(),
        ranges in prop::collection::vec((0usize..120, 1usize..40, 0usize..6), 0..8),
    ) {
        let mut doc = DocumentState::new(Document::new("p", text.as_str()));
        let labels = ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL", "OTHER", "<i>"];
        let char_len = doc.document.char_len();
        for (i, (start, length, label)) in ranges.into_iter().enumerate() {
            let (start, end) = (start.min(char_len), (start + length).min(char_len));
            if let Ok(span) = Span::new(SpanId(i as u64 + 1), start, end, Label::new(labels[label])) {
                // An exact repeat is refused; the others are kept.
                let _ = doc.annotations.insert(span, &text);
            }
        }
        let page = share_page(&doc, &Schema::default());
        prop_assert!(!page.to_ascii_lowercase().contains("<script"));
        prop_assert!(!page.contains("<img") && !page.contains("<i>"));
        prop_assert_eq!(page.matches("</style>").count(), 1);
        for block in doc.document.blocks().iter() {
            prop_assert_eq!(visible_text(block_markup(&page, block.start)), doc.document.block_text(block));
        }
    }
}
