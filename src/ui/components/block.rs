//! One block of the article (title, heading or paragraph) with its spans.
//!
//! A memoized component: it re-renders only when its own spans or the
//! selection inside it change, never for an edit elsewhere in the article.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::segments::{layout_block, Segment};
use crate::model::{Block, BlockKind, Schema, Span, SpanId};

use super::paint::{tint, underline};

#[derive(Properties, PartialEq)]
pub struct BlockProps {
    /// The whole document text (shared; compared by pointer first).
    pub text: Rc<str>,
    pub block: Block,
    /// The spans overlapping this block, in text order.
    pub spans: Rc<[Span]>,
    /// The selected span, if it overlaps this block.
    pub selected: Option<SpanId>,
    pub schema: Rc<Schema>,
}

#[function_component(BlockView)]
pub fn block_view(props: &BlockProps) -> Html {
    let block = &props.block;
    let block_text = props.text.get(block.start_byte_idx..block.end_byte_idx).unwrap_or_default();
    let layout = layout_block(block, &props.spans);
    // Char offset -> byte index within the block, one entry per char plus the end.
    let byte_idx_of: Vec<usize> = block_text.char_indices().map(|(i, _)| i).chain([block_text.len()]).collect();
    let children: Html = layout
        .segments
        .iter()
        .map(|segment| {
            let text = &block_text[byte_idx_of[segment.start - block.start]..byte_idx_of[segment.end - block.start]];
            render_segment(segment, text, props)
        })
        .collect();
    let style = format!("--lanes:{}", layout.lanes);
    let start = block.start.to_string();
    match block.kind {
        BlockKind::Title => html! { <h1 class="block title" data-block={start} {style}>{children}</h1> },
        BlockKind::Subtitle => html! { <p class="block subtitle" data-block={start} {style}>{children}</p> },
        BlockKind::Heading => html! { <h2 class="block heading" data-block={start} {style}>{children}</h2> },
        BlockKind::Paragraph => html! { <p class="block" data-block={start} {style}>{children}</p> },
        BlockKind::Boilerplate => html! { <p class="block boilerplate" data-block={start} {style}>{children}</p> },
    }
}

/// A segment: a label tag for each span starting here, then the text run.
fn render_segment(segment: &Segment, text: &str, props: &BlockProps) -> Html {
    let defs: Vec<_> = segment.layers.iter().filter_map(|layer| props.schema.get(layer.label.name()).map(|def| (layer, def))).collect();
    let tags: Html = defs
        .iter()
        .filter(|(layer, _)| layer.starts_here)
        .map(|(layer, def)| {
            let selected = props.selected == Some(layer.span_id);
            html! {
                <span
                    class={classes!("tag", selected.then_some("is-selected"))}
                    id={format!("span-{}", layer.span_id.0)}
                    data-span={layer.span_id.0.to_string()}
                    data-label={def.label.name().to_owned()}
                    style={format!("--c:{}", def.color)}
                    aria-hidden="true"
                ></span>
            }
        })
        .collect();
    let innermost = defs.last();
    let selected_here = defs.iter().find(|(layer, _)| props.selected == Some(layer.span_id));
    let style = innermost.map(|(_, inner)| {
        let (mut images, mut sizes, mut positions) = (vec![], vec![], vec![]);
        for (layer, def) in &defs {
            let (image, size, position) = underline(def, layer.lane);
            images.push(image);
            sizes.push(size);
            positions.push(position);
        }
        let fill = match selected_here {
            Some((_, def)) => tint(def.color, 0.30),
            None => tint(inner.color, 0.12),
        };
        format!(
            "background-color:{fill};background-image:{};background-size:{};background-position:{}",
            images.join(","),
            sizes.join(","),
            positions.join(",")
        )
    });
    let title = innermost.map(|_| defs.iter().map(|(_, def)| def.label.name()).collect::<Vec<_>>().join(" \u{203a} "));
    html! {
        <>
            {tags}
            <span
                class={classes!("seg", innermost.map(|_| "has-span"), selected_here.map(|_| "is-selected"))}
                data-start={segment.start.to_string()}
                data-end={segment.end.to_string()}
                data-span={innermost.map(|(layer, _)| layer.span_id.0.to_string())}
                {title}
                {style}
            >{text.to_owned()}</span>
        </>
    }
}
