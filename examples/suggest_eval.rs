//! `cargo run --release --example suggest_eval [-- --misses]`: precision,
//! recall and F1 of the suggestion engine on the evaluation set in
//! `tests/eval/`, per label, for exact and overlap matches; then the time to suggest a
//! generated 100,000-character document (median of several runs).
//! `--misses` also lists every suggestion and gold span without an exact match.

#[path = "../tests/eval/score.rs"]
mod score;

use std::time::{Duration, Instant};

use score::{evaluate, load, GoldDocument, Score, LABELS};
use sorot::suggest::{suggest, PatternSet};

/// Characters in the generated timing document.
const TIMING_CHARS: usize = 100_000;
/// Timed runs; the median is reported.
const RUNS: usize = 15;

fn main() {
    let documents = load();
    if std::env::args().any(|arg| arg == "--misses") {
        print_misses(&documents);
    }
    print_table(&documents);
    println!("P R F1: exact match (start, end, label); P~ R~ F1~: overlap match (same label, ranges share a char)\n");

    let text = timing_document(&documents.iter().map(|d| d.text.as_str()).collect::<Vec<_>>());
    let patterns = PatternSet::default();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let found = suggest(&text, &patterns);
            let elapsed = started.elapsed();
            assert!(!found.is_empty());
            elapsed
        })
        .collect();
    times.sort();
    println!(
        "timing: {} chars, {} suggestions, median of {RUNS} runs {:.2} ms (min {:.2} ms, max {:.2} ms)",
        text.chars().count(),
        suggest(&text, &patterns).len(),
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS - 1])
    );
}

fn print_table(documents: &[GoldDocument]) {
    let spans: usize = documents.iter().map(|d| d.spans.len()).sum();
    println!("evaluation set: {} documents, {spans} gold spans", documents.len());
    println!("{:<13} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}", "label", "gold", "sugg", "P", "R", "F1", "P~", "R~", "F1~");
    for label in LABELS.iter().map(|l| Some(*l)).chain([None]) {
        let (exact, overlap) = evaluate(documents, label);
        let name = label.unwrap_or("all");
        println!("{name:<13} {:>5} {:>5} | {} | {}", exact.gold, exact.suggested, figures(&exact), figures(&overlap));
    }
    println!();
}

/// Lists, per document, suggestions and gold spans without an exact match.
fn print_misses(documents: &[GoldDocument]) {
    for document in documents {
        let chars: Vec<char> = document.text.chars().collect();
        let found = suggest(&document.text, &PatternSet::default());
        println!("== {}", document.id);
        for s in &found {
            if !document.spans.iter().any(|g| (g.start, g.end, g.label.as_str()) == (s.start, s.end, s.label.as_str())) {
                let text: String = chars[s.start..s.end].iter().collect();
                println!("  extra   {:<13} {text:?} ({})", s.label, s.rule);
            }
        }
        for g in &document.spans {
            if !found.iter().any(|s| (g.start, g.end, g.label.as_str()) == (s.start, s.end, s.label.as_str())) {
                println!("  missed  {:<13} {:?}", g.label, g.text);
            }
        }
    }
    println!();
}

fn figures(score: &Score) -> String {
    format!("{:>6.3} {:>6.3} {:>6.3}", score.precision(), score.recall(), score.f1())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The articles and the seed article repeated, with emoji and CJK between
/// them, up to [`TIMING_CHARS`] chars.
fn timing_document(articles: &[&str]) -> String {
    let mut text = String::new();
    for piece in articles.iter().copied().chain([sorot::model::SEED_ARTICLE]).cycle() {
        text.push_str(piece);
        text.push_str("\n👨‍👩‍👧 東京 🇮🇩\n\n");
        if text.chars().count() >= TIMING_CHARS {
            break;
        }
    }
    text.chars().take(TIMING_CHARS).collect()
}
