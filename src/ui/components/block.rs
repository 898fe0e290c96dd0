//! One block of the article (title, heading or paragraph) with its spans.
//!
//! A memoized component: it re-renders only when its own spans or the
//! selection inside it change, never for an edit elsewhere in the article.
//! Until it first comes near the viewport it draws its text as one plain
//! run (still selectable, searchable and copyable), and the browser skips
//! laying it out while off screen (`content-visibility: auto`): a long
//! article opens at the cost of its first screens.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::segments::{layout_block, split_invisibles, Ghost, Run, Segment};
use crate::model::{Block, BlockKind, Label, Schema, Span, SpanId};

use super::paint::{tint, underline};
use crate::ui::viewport::use_near_viewport;

/// Blocks starting before this character are drawn at once: the first
/// screens, so a short article never flashes plain text.
const DRAWN_AT_ONCE: usize = 6_000;

/// The document's text, compared by pointer: a document's text never
/// changes, and comparing a long article by content on every render of
/// every block would cost more than the render.
#[derive(Clone, Debug)]
pub struct SharedText(pub Rc<str>);

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct BlockProps {
    /// The whole document text.
    pub text: SharedText,
    pub block: Block,
    /// The spans overlapping this block, in text order.
    pub spans: Rc<[Span]>,
    /// The selected span, if it overlaps this block.
    pub selected: Option<SpanId>,
    pub schema: Rc<Schema>,
    /// Draw no-break spaces, zero-width characters and tabs visibly.
    pub show_invisibles: bool,
    /// Open suggestions overlapping this block, with their labels.
    pub ghosts: Rc<[(Ghost, Label)]>,
    /// The selected suggestion, if it overlaps this block.
    pub selected_suggestion: Option<usize>,
}

#[function_component(BlockView)]
pub fn block_view(props: &BlockProps) -> Html {
    let node = use_node_ref();
    let near = use_near_viewport(&node);
    let block = &props.block;
    let block_text = props.text.0.get(block.start_byte_idx..block.end_byte_idx).unwrap_or_default();
    // The selected span or suggestion is drawn wherever it is, so it can be
    // scrolled to.
    let drawn = near || block.start < DRAWN_AT_ONCE || props.selected.is_some() || props.selected_suggestion.is_some();
    if !drawn {
        let run = html! { <span class="seg" data-start={block.start.to_string()} data-end={block.end.to_string()}>{block_text}</span> };
        return block_element(block, node, format!("--lines:{}", estimated_lines(block)), run);
    }
    let ghosts: Vec<Ghost> = props.ghosts.iter().map(|(ghost, _)| *ghost).collect();
    let layout = layout_block(block, &props.spans, &ghosts);
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
    block_element(block, node, format!("--lanes:{};--lines:{}", layout.lanes, estimated_lines(block)), children)
}

/// Characters per line assumed for the height of text not laid out yet.
const CHARS_PER_LINE: usize = 70;

/// About how many lines `block` takes, before it is laid out.
pub fn estimated_lines(block: &Block) -> usize {
    (block.end - block.start).div_ceil(CHARS_PER_LINE)
}

/// The block's own element, by kind, around its `children`.
fn block_element(block: &Block, node: NodeRef, style: String, children: Html) -> Html {
    let start = block.start.to_string();
    match block.kind {
        BlockKind::Title => html! { <h1 ref={node} class="block title" dir="auto" data-block={start} {style}>{children}</h1> },
        BlockKind::Subtitle => html! { <p ref={node} class="block subtitle" dir="auto" data-block={start} {style}>{children}</p> },
        BlockKind::Heading => html! { <h2 ref={node} class="block heading" dir="auto" data-block={start} {style}>{children}</h2> },
        BlockKind::Paragraph => html! { <p ref={node} class="block" dir="auto" data-block={start} {style}>{children}</p> },
        BlockKind::Boilerplate => html! { <p ref={node} class="block boilerplate" dir="auto" data-block={start} {style}>{children}</p> },
    }
}

/// A segment: a label tag for each span starting here, then the text run.
fn render_segment(segment: &Segment, text: &str, props: &BlockProps) -> Html {
    let defs: Vec<_> = segment
        .layers
        .iter()
        .filter_map(|layer| props.schema.index_of(layer.label.name()).map(|index| (layer, index, &props.schema.labels()[index])))
        .collect();
    let tags: Html = defs
        .iter()
        .filter(|(layer, _, _)| layer.starts_here)
        .map(|(layer, index, def)| {
            let selected = props.selected == Some(layer.span_id);
            html! {
                <span
                    class={classes!("tag", selected.then_some("is-selected"))}
                    id={format!("span-{}", layer.span_id.0)}
                    data-span={layer.span_id.0.to_string()}
                    data-label={def.label.name().to_owned()}
                    style={format!("--c:var(--chip-{index})")}
                    aria-hidden="true"
                ></span>
            }
        })
        .collect();
    let ghost_tags: Html = props
        .ghosts
        .iter()
        .filter(|(ghost, _)| ghost.start == segment.start)
        .map(|(ghost, label)| {
            let index = props.schema.index_of(label.name()).unwrap_or_default();
            let selected = props.selected_suggestion == Some(ghost.index);
            html! {
                <span
                    class={classes!("ghost-tag", selected.then_some("is-selected"))}
                    data-suggestion={ghost.index.to_string()}
                    data-label={label.name().to_owned()}
                    style={format!("--c:var(--label-{index})")}
                    aria-hidden="true"
                ></span>
            }
        })
        .collect();
    let ghost = segment.suggestions.first().copied();
    let ghost_selected = segment.suggestions.iter().any(|i| props.selected_suggestion == Some(*i));
    let innermost = defs.last();
    let selected_here = defs.iter().find(|(layer, _, _)| props.selected == Some(layer.span_id));
    let style = innermost.map(|(_, inner, _)| {
        let (mut images, mut sizes, mut positions) = (vec![], vec![], vec![]);
        for (layer, index, def) in &defs {
            let (image, size, position) = underline(*index, def.stroke, layer.lane);
            images.push(image);
            sizes.push(size);
            positions.push(position);
        }
        let fill = match selected_here {
            Some((_, index, _)) => tint(*index, 30),
            None => tint(*inner, 12),
        };
        format!(
            "background-color:{fill};background-image:{};background-size:{};background-position:{}",
            images.join(","),
            sizes.join(","),
            positions.join(",")
        )
    });
    let title = innermost.map(|_| defs.iter().map(|(_, _, def)| def.label.name()).collect::<Vec<_>>().join(" \u{203a} "));
    // Every span covering this run, so a highlight can be checked against the export.
    let covering = innermost.map(|_| defs.iter().map(|(layer, _, _)| layer.span_id.0.to_string()).collect::<Vec<_>>().join(" "));
    let runs = if props.show_invisibles {
        split_invisibles(text, segment.start)
    } else {
        vec![Run { start: segment.start, end: segment.end, invisible: None }]
    };
    let mut byte_idx = 0;
    let run_views: Html = runs
        .iter()
        .map(|run| {
            let run_text: String = text[byte_idx..].chars().take(run.end - run.start).collect();
            byte_idx += run_text.len();
            html! {
                <span
                    class={classes!(
                        "seg",
                        innermost.map(|_| "has-span"),
                        selected_here.map(|_| "is-selected"),
                        run.invisible.map(|_| "invisible"),
                        ghost.map(|_| "has-ghost"),
                        ghost_selected.then_some("ghost-selected"),
                    )}
                    data-suggestion={ghost.map(|i| i.to_string())}
                    data-start={run.start.to_string()}
                    data-end={run.end.to_string()}
                    data-span={innermost.map(|(layer, _, _)| layer.span_id.0.to_string())}
                    data-spans={covering.clone()}
                    data-char={run.invisible}
                    title={title.clone()}
                    style={style.clone()}
                >{run_text}</span>
            }
        })
        .collect();
    // Keyed by where it starts: a new span splits one segment and leaves
    // the rest of the block's segments, and their elements, as they were.
    html! {
        <key={segment.start}>
            {tags}
            {ghost_tags}
            {run_views}
        </>
    }
}
