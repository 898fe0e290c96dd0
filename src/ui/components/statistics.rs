//! The statistics view: spans per label for the shown document and the
//! corpus, documents by status, spans per document, and span lengths —
//! bar charts drawn as SVG from the pure figures in `model::stats`.

use std::rc::Rc;

use yew::prelude::*;

use crate::decimal::fixed;
use crate::model::stats::{bar_chart, corpus_stats, document_stats};
use crate::model::{AppState, Status};
use crate::sort::sort_by;

#[derive(Properties, PartialEq)]
pub struct StatisticsProps {
    pub state: Rc<AppState>,
}

const WIDTH: u32 = 300;
const BAR_HEIGHT: u32 = 14;

/// One chart: `(name, value, #rrggbb)` rows as labelled bars.
fn chart(title: &str, rows: &[(String, usize, String)]) -> Html {
    let bars = bar_chart(rows, WIDTH, BAR_HEIGHT);
    let height = bars.last().map_or(0.0, |bar| bar.y + bar.height) + 2.0;
    let drawn: Html = bars
        .iter()
        .map(|bar| {
            html! {
                <g>
                    <text x="0" y={fixed(bar.y + bar.height - 3.0, 1)} class="bar-label">{bar.label.clone()}</text>
                    <rect x={fixed(bar.x, 1)} y={fixed(bar.y, 1)} width={fixed(bar.width, 1)} height={fixed(bar.height, 1)} fill={bar.color.clone()} />
                    <text x={fixed(bar.x + bar.width + 4.0, 1)} y={fixed(bar.y + bar.height - 3.0, 1)} class="bar-value">{bar.value}</text>
                </g>
            }
        })
        .collect();
    html! {
        <figure class="stats-chart">
            <figcaption>{title.to_owned()}</figcaption>
            <svg role="img" aria-label={title.to_owned()} width={(WIDTH + 40).to_string()} height={fixed(height, 1)}>{drawn}</svg>
        </figure>
    }
}

#[function_component(Statistics)]
pub fn statistics(props: &StatisticsProps) -> Html {
    let state = &props.state;
    let schema = state.schema();
    let color_of = |name: &str| schema.get(name).map_or_else(|| "#57606a".to_owned(), |def| def.color.clone());
    let per_label = |rows: &[(String, usize)]| rows.iter().map(|(name, n)| (name.clone(), *n, color_of(name))).collect::<Vec<_>>();
    let shown = document_stats(state.current(), schema);
    let corpus = corpus_stats(state);
    let status_color = |status: Status| match status {
        Status::Todo => "#8c959f",
        Status::InProgress => "#9a6700",
        Status::Done => "#1a7f37",
        Status::Skipped => "#6e7781",
    };
    let statuses: Vec<_> =
        corpus.documents_by_status.iter().map(|(s, n)| (s.as_str().to_owned(), *n, status_color(*s).to_owned())).collect();
    let mut busiest = corpus.spans_per_document.clone();
    sort_by(&mut busiest, |a, b| b.1.cmp(&a.1));
    let busiest: Vec<_> =
        busiest.into_iter().take(8).map(|(title, n)| (title.chars().take(18).collect(), n, "#0b5cad".to_owned())).collect();
    let lengths = corpus
        .span_length
        .map(|l| format!("Span length (code points): min {}, median {}, 90th percentile {}, max {}", l.min, l.median, l.p90, l.max));
    html! {
        <section class="panel-section statistics" aria-labelledby="stats-heading">
            <h2 id="stats-heading">{"Statistics"}</h2>
            {chart("This document: spans per label", &per_label(&shown.spans_per_label))}
            {chart("All documents: spans per label", &per_label(&corpus.spans_per_label))}
            {chart("Documents by status", &statuses)}
            {chart("Spans per document", &busiest)}
            {lengths.map(|text| html! { <p class="hint">{text}</p> })}
        </section>
    }
}
