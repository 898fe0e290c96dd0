//! Comparing annotators: agreement over every open document (matched by
//! text, not title), and the adjudication of the shown document against
//! another annotator's copy of the same text, one decision per disagreement.

use std::rc::Rc;

use yew::prelude::*;

use crate::agree::{self, adjudicate, disagreements, Decision, DisagreementKind};
use crate::decimal::fixed;
use crate::formats::{Corpus, CorpusDocument};
use crate::model::{AppState, ImportedDocument};

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub state: Rc<AppState>,
    /// The adjudicated document, to open.
    pub onadjudicated: Callback<Vec<ImportedDocument>>,
    pub onclose: Callback<()>,
}

fn annotator_of(doc: &CorpusDocument) -> String {
    doc.annotator.clone().unwrap_or_else(|| "(unnamed)".to_owned())
}

#[function_component(CompareView)]
pub fn compare_view(props: &CompareProps) -> Html {
    let corpus = Corpus::from_state(&props.state);
    let current = props.state.current_index();
    let doc_a = corpus.documents[current].clone();
    let twins: Vec<usize> = (0..corpus.documents.len()).filter(|&i| i != current && corpus.documents[i].text == doc_a.text).collect();
    let other = use_state(|| None::<usize>);
    let decisions = use_state(Vec::<Option<Decision>>::new);
    let b_index = other.filter(|i| twins.contains(i)).or_else(|| twins.first().copied());

    let report = agree::agreement(&agree::group_by_annotator(&corpus.documents));
    // The pair of annotators with the most texts in common.
    let pair = report.pairs.iter().max_by_key(|pair| pair.documents).filter(|pair| pair.documents > 0);
    let bars: Html = pair
        .map(|pair| {
            pair.exact
                .per_label
                .iter()
                .enumerate()
                .map(|(row, (label, scores))| {
                    let f1 = scores.f1().unwrap_or(0.0);
                    let y = row as f64 * 22.0;
                    html! {
                        <g>
                            <text x="0" y={fixed(y + 15.0, 1)} class="bar-label">{label.clone()}</text>
                            <rect x="130" y={fixed(y + 4.0, 1)} width={fixed((f1 * 220.0).max(0.0), 1)} height="14" class="bar" />
                            <text x={fixed(136.0 + f1 * 220.0, 1)} y={fixed(y + 15.0, 1)} class="bar-value">{fixed(f1, 2)}</text>
                        </g>
                    }
                })
                .collect::<Html>()
        })
        .unwrap_or_default();
    let rows = pair.map_or(0, |pair| pair.exact.per_label.len());
    let summary = match pair {
        Some(pair) => format!(
            "{} vs {}: {} shared documents, exact F1 {}, overlap F1 {}, Cohen's \u{3ba} {}",
            report.annotators[pair.a].name,
            report.annotators[pair.b].name,
            pair.documents,
            fmt(pair.exact.overall.f1()),
            fmt(pair.overlap.overall.f1()),
            fmt(pair.kappa.overall)
        ),
        None => "Open two annotators' files over the same texts to compare them.".to_owned(),
    };

    // Per document: each annotator's span count, exact F1 and kappa.
    let shared: Vec<_> = report.documents.iter().filter(|d| d.spans.iter().filter(|n| n.is_some()).count() > 1).collect();
    let document_rows: Html = shared
        .iter()
        .map(|d| {
            let counts: Html = d.spans.iter().map(|n| html! { <td>{n.map_or_else(|| "\u{2014}".to_owned(), |n| n.to_string())}</td> }).collect();
            html! { <tr><th scope="row">{d.title.chars().take(40).collect::<String>()}</th>{counts}<td>{fmt(d.exact_f1)}</td><td>{fmt(d.kappa)}</td></tr> }
        })
        .collect();
    let annotator_headers: Html = report.annotators.iter().map(|a| html! { <th scope="col">{format!("{} spans", a.name)}</th> }).collect();
    let adjudication = b_index.map(|b| {
        let doc_b = corpus.documents[b].clone();
        let found = disagreements(&doc_a.spans, &doc_b.spans);
        let decided: Vec<Option<Decision>> = (0..found.len()).map(|i| decisions.get(i).copied().flatten()).collect();
        let span_text = |doc: &CorpusDocument, index: Option<usize>| {
            index.and_then(|i| doc.spans.get(i)).map(|s| {
                let text: String = doc.text.chars().skip(s.start).take(s.end - s.start).collect();
                format!("{} \u{201c}{text}\u{201d}", s.label)
            })
        };
        let items: Html = found
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let kind = match d.kind {
                    DisagreementKind::Missing => "only A",
                    DisagreementKind::Extra => "only B",
                    DisagreementKind::BoundaryMismatch => "boundary",
                    DisagreementKind::LabelMismatch => "label",
                };
                let choose = |decision: Decision, name: &'static str, key: &'static str| {
                    let decisions = decisions.clone();
                    let count = found.len();
                    let pressed = decided[i] == Some(decision);
                    let onclick = Callback::from(move |_: MouseEvent| {
                        let mut next: Vec<Option<Decision>> = (*decisions).clone();
                        next.resize(count, None);
                        next[i] = Some(decision);
                        decisions.set(next);
                    });
                    html! { <button aria-pressed={pressed.to_string()} aria-keyshortcuts={key} {onclick}>{name}</button> }
                };
                html! {
                    <li class={classes!("disagreement", decided[i].is_some().then_some("decided"))} data-kind={kind}>
                        <span class="kind">{kind}</span>
                        <span class="side">{format!("A: {}", span_text(&doc_a, d.a).unwrap_or_else(|| "\u{2014}".into()))}</span>
                        <span class="side">{format!("B: {}", span_text(&doc_b, d.b).unwrap_or_else(|| "\u{2014}".into()))}</span>
                        <span class="choices">
                            {choose(Decision::AcceptA, "A", "a")}
                            {choose(Decision::AcceptB, "B", "b")}
                            {choose(Decision::Both, "Both", "t")}
                            {choose(Decision::Neither, "Neither", "n")}
                        </span>
                    </li>
                }
            })
            .collect();
        let complete: Option<Vec<Decision>> = decided.iter().copied().collect();
        let finish = {
            let (onadjudicated, doc_a, doc_b) = (props.onadjudicated.clone(), doc_a.clone(), doc_b.clone());
            let complete = complete.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(result) = complete.as_ref().and_then(|d| adjudicate(&doc_a, &doc_b, d).ok()) {
                    let mut document = result.document;
                    document.id = format!("{}-adjudicated", doc_a.id);
                    onadjudicated.emit(Corpus { labels: Vec::new(), documents: vec![document] }.into_imported(false));
                }
            })
        };
        let choose_other: Html = twins
            .iter()
            .map(|&i| {
                let other = other.clone();
                let decisions = decisions.clone();
                let pressed = Some(i) == b_index;
                html! {
                    <button aria-pressed={pressed.to_string()} onclick={Callback::from(move |_: MouseEvent| { other.set(Some(i)); decisions.set(Vec::new()); })}>
                        {format!("B = {}", annotator_of(&corpus.documents[i]))}
                    </button>
                }
            })
            .collect();
        html! {
            <section class="adjudication">
                <h3>{format!("Adjudicate \u{201c}{}\u{201d}: A = {}", doc_a.title, annotator_of(&doc_a))}</h3>
                <div class="choose-b">{choose_other}</div>
                <p class="hint">{format!("{} disagreements, {} agreed spans kept.", found.len(), agree::agreements(&doc_a.spans, &doc_b.spans).len())}</p>
                <ol class="disagreements">{items}</ol>
                <button class="primary" disabled={complete.is_none()} onclick={finish}>{"Create adjudicated document"}</button>
            </section>
        }
    });

    html! {
        <div class="overlay" onclick={props.onclose.reform(|_: MouseEvent| ())}>
            <div class="dialog compare-dialog" role="dialog" aria-modal="true" aria-labelledby="compare-heading" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2 id="compare-heading">{"Compare annotators"}</h2>
                <p class="agreement-summary">{summary}</p>
                if !shared.is_empty() {
                    <table class="agreement-table">
                        <thead><tr><th scope="col">{"Document"}</th>{annotator_headers}<th scope="col">{"Exact F1"}</th><th scope="col">{"\u{3ba}"}</th></tr></thead>
                        <tbody>{document_rows}</tbody>
                    </table>
                }
                if rows > 0 {
                    <svg class="agreement-chart" role="img" aria-label="Exact-match F1 per label" width="400" height={(rows * 22 + 4).to_string()}>{bars}</svg>
                }
                {adjudication.unwrap_or_else(|| html! { <p class="hint">{"No other annotator's copy of this document is open."}</p> })}
                <button onclick={props.onclose.reform(|_: MouseEvent| ())}>{"Close"}</button>
            </div>
        </div>
    }
}

fn fmt(value: Option<f64>) -> String {
    value.map_or_else(|| "\u{2014}".to_owned(), |v| fixed(v, 3))
}
