//! "Share as HTML": one document as a self-contained, read-only web page,
//! painted as the app paints it — a label chip before each span and one
//! underline per nesting lane — with a legend, the document's metadata and
//! a print stylesheet.
//!
//! The page holds no script and loads nothing: its Content-Security-Policy
//! allows inline styles only. Every piece of user text (title, document
//! text, label names, descriptions, metadata) is HTML-escaped, and only
//! colours that parse as `#rrggbb` reach CSS, so nothing a file holds can
//! break out of the markup. Label names are drawn by CSS `::before` from a
//! `data-label` attribute, so the visible, copyable text of each block is
//! exactly the block's text, character for character.

use crate::model::label::parse_hex;
use crate::model::segments::{layout_block, Segment};
use crate::model::stats::document_stats;
use crate::model::{Block, BlockKind, DocumentState, Schema, Span, Stroke};

/// The colour of a label the schema lacks or whose colour is not `#rrggbb`.
const FALLBACK_COLOR: &str = "#57606a";

/// Vertical pitch between stacked underlines, in px (as in the app).
const LANE_PITCH_PX: usize = 4;

/// The page's stylesheet: fixed text, no user data. Block and span rules
/// follow the app's `styles/20-article.css`.
const STYLE: &str = r#"
:root{color-scheme:light;--ink:#1f2328;--ink-soft:#424a53;--muted:#59636e;--line:#d1d9e0;--page:#f6f8fa;--surface:#fff;
--font-ui:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;--font-text:Georgia,Cambria,"Times New Roman",serif}
*{box-sizing:border-box}
body{margin:0;background:var(--page);color:var(--ink);font-family:var(--font-ui)}
.page{max-width:46rem;margin:0 auto;padding:2rem 1.25rem 3rem}
.meta{margin:0 0 1.25rem;font-size:.85rem}
.meta dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
.meta dt{color:var(--muted)}
.meta dd{margin:0;overflow-wrap:anywhere}
.article{background:var(--surface);border:1px solid var(--line);border-radius:10px;padding:2rem 2.75rem 3rem;
font-family:var(--font-text);font-size:1.0625rem;box-shadow:0 1px 3px rgba(31,35,40,.08)}
.block{margin:0 0 1.1em;white-space:pre-wrap;overflow-wrap:anywhere;line-height:calc(1.85em + var(--lanes,0)*4px);font-weight:400}
.block.title{font-family:var(--font-ui);font-size:1.6rem;font-weight:700;line-height:calc(1.3em + var(--lanes,0)*4px);margin-bottom:.4em}
.block.subtitle{font-family:var(--font-ui);font-size:1.05rem;color:var(--ink-soft);font-weight:500}
.block.heading{font-family:var(--font-ui);font-size:1.15rem;font-weight:700;margin-top:1.6em}
.block.boilerplate{font-family:var(--font-ui);font-size:.82rem;color:var(--muted);font-style:italic;
line-height:calc(1.6em + var(--lanes,0)*4px);border-left:3px solid var(--line);padding-left:.75rem}
.seg{padding-bottom:calc(var(--lanes,1)*4px + 1px);background-repeat:no-repeat;
-webkit-box-decoration-break:clone;box-decoration-break:clone;border-radius:2px}
.tag{user-select:none;-webkit-user-select:none}
.tag::before{content:attr(data-label);display:inline-block;margin:0 2px 0 1px;padding:1px 4px 0;border-radius:3px;
font:700 .58rem/1.35 var(--font-ui);letter-spacing:.04em;color:#fff;background:var(--c);vertical-align:.55em;font-style:normal}
.legend{margin-top:1.5rem;background:var(--surface);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem}
.legend h2{font-size:1rem;margin:0 0 .5rem}
.legend ul{list-style:none;margin:0;padding:0}
.legend li{padding:.45rem 0;border-top:1px solid var(--line)}
.legend li:first-child{border-top:0}
.chip{display:inline-block;padding:1px 6px;border-radius:3px;color:#fff;background:var(--c);font:700 .72rem/1.4 var(--font-ui);letter-spacing:.04em}
.swatch{display:inline-block;width:2.5rem;height:3px;margin:0 .5rem;vertical-align:middle;background-repeat:no-repeat}
.count{color:var(--muted);font-size:.85rem}
.legend p{margin:.25rem 0 0;font-size:.85rem;color:var(--ink-soft)}
footer{margin-top:1.5rem;font-size:.8rem;color:var(--muted);text-align:center}
.seg,.tag::before,.chip,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media print{
@page{margin:2cm}
body{background:#fff;color:#000}
.page{max-width:none;padding:0}
.article,.legend{border:0;border-radius:0;box-shadow:none;padding:0;background:#fff}
.block,.block.subtitle,.block.boilerplate,.meta dt,.count,.legend p,footer{color:#000}
.block{orphans:3;widows:3}
.block.title,.block.heading{break-after:avoid}
.seg{background-color:transparent!important}
.legend{break-inside:avoid}
}
"#;

/// The page for `doc`, painted with `schema`'s colours and strokes.
///
/// Labels the schema lacks are drawn grey with a solid underline. The page
/// is UTF-8, `lang="id"`, and each block has `dir="auto"` so right-to-left
/// text reads as it should.
pub fn share_page(doc: &DocumentState, schema: &Schema) -> String {
    let document = &doc.document;
    let title = if document.title().is_empty() { document.id() } else { document.title() };
    let mut page = String::with_capacity(document.text().len() * 2 + STYLE.len() + 4096);
    page.push_str("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<meta name=\"generator\" content=\"Sorot\">\n");
    page.push_str(&format!("<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main class=\"page\">\n", escape(title)));
    push_metadata(&mut page, doc);
    page.push_str("<article class=\"article\">\n");
    for block in document.blocks().iter() {
        let spans: Vec<Span> = doc.annotations.overlapping(block.start, block.end).cloned().collect();
        push_block(&mut page, block, document.block_text(block), &spans, schema);
    }
    page.push_str("</article>\n");
    push_legend(&mut page, doc, schema);
    page.push_str("<footer>Exported from Sorot</footer>\n</main>\n</body>\n</html>\n");
    page
}

/// The document's id, source, date, annotator and status.
fn push_metadata(page: &mut String, doc: &DocumentState) {
    let meta = &doc.meta;
    let rows = [
        ("Document", Some(doc.document.id())),
        ("Source", meta.source.as_deref()),
        ("Date", meta.date.as_deref()),
        ("Annotator", meta.annotator.as_deref()),
        ("Status", Some(doc.status.as_str())),
    ];
    page.push_str("<header class=\"meta\"><dl>\n");
    for (name, value) in rows {
        if let Some(value) = value {
            page.push_str(&format!("<dt>{name}</dt><dd dir=\"auto\">{}</dd>\n", escape(value)));
        }
    }
    page.push_str("</dl></header>\n");
}

/// One block: its element, then each segment's label chips and text. No
/// whitespace is added inside the element, which keeps `white-space:
/// pre-wrap` and the copied text true to the document.
fn push_block(page: &mut String, block: &Block, block_text: &str, spans: &[Span], schema: &Schema) {
    let (element, class) = match block.kind {
        BlockKind::Title => ("h1", "block title"),
        BlockKind::Subtitle => ("p", "block subtitle"),
        BlockKind::Heading => ("h2", "block heading"),
        BlockKind::Paragraph => ("p", "block"),
        BlockKind::Boilerplate => ("p", "block boilerplate"),
    };
    let layout = layout_block(block, spans, &[]);
    page.push_str(&format!("<{element} class=\"{class}\" dir=\"auto\" data-block=\"{}\" style=\"--lanes:{}\">", block.start, layout.lanes));
    // Char offset within the block -> byte index, one entry per char plus the end.
    let byte_idx_of: Vec<usize> = block_text.char_indices().map(|(i, _)| i).chain([block_text.len()]).collect();
    let byte_idx = |char_pos: usize| char_pos.checked_sub(block.start).and_then(|i| byte_idx_of.get(i)).copied();
    for segment in &layout.segments {
        let text = match (byte_idx(segment.start), byte_idx(segment.end)) {
            (Some(from), Some(to)) => block_text.get(from..to).unwrap_or_default(),
            _ => "",
        };
        push_segment(page, segment, text, schema);
    }
    page.push_str(&format!("</{element}>\n"));
}

/// A segment: a chip for each span starting here (outermost first), then
/// its text, underlined once per covering span.
fn push_segment(page: &mut String, segment: &Segment, text: &str, schema: &Schema) {
    let paints: Vec<Paint> = segment.layers.iter().map(|layer| Paint::of(schema, layer.label.name())).collect();
    for (layer, paint) in segment.layers.iter().zip(&paints) {
        if layer.starts_here {
            page.push_str(&format!(
                "<span class=\"tag\" data-label=\"{}\" style=\"--c:{}\"></span>",
                escape(layer.label.name()),
                paint.color
            ));
        }
    }
    let Some(innermost) = paints.last() else {
        page.push_str(&escape(text));
        return;
    };
    let underlines: Vec<(String, String)> =
        segment.layers.iter().zip(&paints).map(|(layer, paint)| underline(&paint.color, paint.stroke, layer.lane)).collect();
    let images: Vec<&str> = underlines.iter().map(|(image, _)| image.as_str()).collect();
    let positions: Vec<&str> = underlines.iter().map(|(_, position)| position.as_str()).collect();
    let sizes = vec!["100% 3px"; underlines.len()];
    let names: Vec<&str> = segment.layers.iter().map(|layer| layer.label.name()).collect();
    // The style is built from validated colours and numbers only.
    page.push_str(&format!(
        "<span class=\"seg\" title=\"{}\" style=\"background-color:{};background-image:{};background-size:{};background-position:{}\">{}</span>",
        escape(&names.join(" \u{203a} ")),
        tint(&innermost.color),
        images.join(","),
        sizes.join(","),
        positions.join(","),
        escape(text)
    ));
}

/// The labels of the schema, then any others the document uses: chip,
/// underline sample, span count and guideline.
fn push_legend(page: &mut String, doc: &DocumentState, schema: &Schema) {
    page.push_str("<section class=\"legend\">\n<h2>Labels</h2>\n<ul>\n");
    for (name, count) in document_stats(doc, schema).spans_per_label {
        let paint = Paint::of(schema, &name);
        let (image, _) = underline(&paint.color, paint.stroke, 0);
        let description = schema.get(&name).map_or("Not in the schema.", |def| def.description.as_str());
        let spans = if count == 1 { "span" } else { "spans" };
        page.push_str(&format!(
            "<li><span class=\"chip\" style=\"--c:{}\">{}</span><span class=\"swatch\" style=\"background-image:{image};background-size:100% 3px\"></span><span class=\"count\">{count} {spans}</span>",
            paint.color,
            escape(&name)
        ));
        if !description.is_empty() {
            page.push_str(&format!("<p dir=\"auto\">{}</p>", escape(description)));
        }
        page.push_str("</li>\n");
    }
    page.push_str("</ul>\n</section>\n");
}

/// How a label is drawn: its colour (always `#rrggbb`) and stroke.
struct Paint {
    color: String,
    stroke: Stroke,
}

impl Paint {
    /// The schema's paint for the label called `name`; grey and solid for
    /// a label the schema lacks, grey for a colour that is not `#rrggbb`.
    fn of(schema: &Schema, name: &str) -> Paint {
        match schema.get(name) {
            Some(def) => {
                let color = if parse_hex(&def.color).is_some() { def.color.clone() } else { FALLBACK_COLOR.to_owned() };
                Paint { color, stroke: def.stroke }
            }
            None => Paint { color: FALLBACK_COLOR.to_owned(), stroke: Stroke::Solid },
        }
    }
}

/// One underline for a span on `lane` in `color` (`#rrggbb`), as the
/// `(background-image, background-position)` entries; the same patterns as
/// the app's `ui/components/paint.rs`.
fn underline(color: &str, stroke: Stroke, lane: usize) -> (String, String) {
    (stroke.css_image(color), format!("0 calc(100% - {}px)", lane.saturating_mul(LANE_PITCH_PX)))
}

/// A faint fill of `color` (`#rrggbb`) behind a span's text.
fn tint(color: &str) -> String {
    let [r, g, b] = parse_hex(color).unwrap_or([0x57, 0x60, 0x6a]);
    format!("rgba({r},{g},{b},.12)")
}

/// `text` made safe for HTML text and attribute values. A carriage return
/// is written as a character reference, because the HTML parser would turn
/// a raw one into a line feed and the copied text would differ.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            '\r' => escaped.push_str("&#13;"),
            _ => escaped.push(ch),
        }
    }
    escaped
}
