//! `sorot agree FILE...`: how well annotators agree ([`sorot::agree`]):
//! per pair of annotators span precision, recall and F1 (exact and
//! overlap) and Cohen's κ over tokens, per label and overall; Fleiss' κ
//! for three or more; Krippendorff's αu; and a row per text. Documents are
//! matched by their text, not their id or title.
//!
//! Each FILE is one annotator, named by the `annotator` its documents
//! carry (when they all carry the same one) or else by the file's name
//! without extension. A single FILE holding several annotators' documents,
//! e.g. from `sorot merge`, is split by its documents' `annotator`.

use std::io::Write;
use std::path::{Path, PathBuf};

use sorot::agree::{agreement, group_by_annotator, AgreementReport, Annotator, KappaScores};
use sorot::formats::Corpus;

use super::error::{plural, CliError};
use super::files::{read_corpus, report_problems, OffsetUnitArg};
use super::table::{clip, score, Table};

/// Arguments of `sorot agree`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One annotation file or folder per annotator, in any format Sorot
    /// opens; or one file of several annotators' documents, each with its
    /// "annotator" (as `sorot merge` writes).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the report as JSON instead of tables.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    offsets: OffsetUnitArg,
}

/// Runs `sorot agree`, writing the report to `out`.
pub fn run(args: &Args, out: &mut impl Write) -> Result<(), CliError> {
    let mut corpora: Vec<(&Path, Corpus)> = Vec::new();
    let mut problems = Vec::new();
    for path in &args.files {
        let (corpus, found) = read_corpus(path, None, args.offsets.unit)?;
        problems.extend(found);
        corpora.push((path, corpus));
    }
    let annotators = match corpora.as_slice() {
        [(_, corpus)] => group_by_annotator(&corpus.documents),
        _ => corpora.iter().map(|(path, corpus)| one_annotator(path, corpus)).collect(),
    };
    let annotators = distinct_names(annotators, &corpora);
    if annotators.len() < 2 {
        return Err(CliError::TooFewAnnotators { found: annotators.len() });
    }
    let report = agreement(&annotators);
    if report.pairs.iter().all(|p| p.documents == 0) {
        return Err(CliError::NothingShared);
    }
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(|e| CliError::Output(e.into()))?;
        writeln!(out).map_err(CliError::Output)?;
    } else {
        print(&report, out).map_err(CliError::Output)?;
    }
    report_problems(&problems)
}

/// A file's documents as one annotator, named by the documents' common
/// `annotator` or by the file.
fn one_annotator<'a>(path: &Path, corpus: &'a Corpus) -> Annotator<'a> {
    let stamps: Vec<Option<&str>> = corpus.documents.iter().map(|d| d.annotator.as_deref()).collect();
    let name = match stamps.first() {
        Some(Some(first)) if stamps.iter().all(|s| s == &Some(*first)) => (*first).to_owned(),
        _ => path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    Annotator { name, documents: corpus.documents.iter().collect() }
}

/// Two files of one annotator's name get their file names added, so the
/// report can tell them apart.
fn distinct_names<'a>(mut annotators: Vec<Annotator<'a>>, corpora: &[(&Path, Corpus)]) -> Vec<Annotator<'a>> {
    if corpora.len() < 2 {
        return annotators;
    }
    let names: Vec<String> = annotators.iter().map(|a| a.name.clone()).collect();
    for (annotator, (path, _)) in annotators.iter_mut().zip(corpora) {
        if names.iter().filter(|n| **n == annotator.name).count() > 1 {
            annotator.name = format!("{} ({})", annotator.name, path.display());
        }
    }
    annotators
}

fn print(report: &AgreementReport, out: &mut impl Write) -> std::io::Result<()> {
    let names: Vec<&str> = report.annotators.iter().map(|a| a.name.as_str()).collect();
    writeln!(
        out,
        "Agreement of {} annotators: {} text{}, {} annotated by every annotator\n",
        names.len(),
        report.documents.len(),
        plural(report.documents.len()),
        report.shared_by_all
    )?;
    let mut table = Table::new(&["annotator", "documents", "spans"]);
    for a in &report.annotators {
        table.row(vec![a.name.clone(), a.documents.to_string(), a.spans.to_string()]);
    }
    write!(out, "{table}")?;
    for a in report.annotators.iter().filter(|a| a.repeated_texts > 0) {
        writeln!(out, "({}: {} documents repeat a text already seen; only the first copy counts)", a.name, a.repeated_texts)?;
    }
    for pair in &report.pairs {
        let (a, b) = (names[pair.a], names[pair.b]);
        writeln!(
            out,
            "\n{a} vs {b}: {} shared text{}, {} tokens (precision and recall take {a} as the reference)",
            pair.documents,
            plural(pair.documents),
            pair.kappa.tokens
        )?;
        let mut table = Table::new(&["label", a, b, "exact P", "exact R", "exact F1", "overlap F1", "token κ"]);
        let rows = pair
            .exact
            .per_label
            .iter()
            .map(|(label, exact)| (label.as_str(), exact, &pair.overlap.per_label[label], pair.kappa.per_label.get(label)));
        let all = std::iter::once(("all", &pair.exact.overall, &pair.overlap.overall, Some(&pair.kappa.overall)));
        for (label, exact, overlap, kappa) in rows.chain(all) {
            table.row(vec![
                label.to_owned(),
                exact.a_spans.to_string(),
                exact.b_spans.to_string(),
                score(exact.precision()),
                score(exact.recall()),
                score(exact.f1()),
                score(overlap.f1()),
                score(kappa.copied().flatten()),
            ]);
        }
        write!(out, "{table}")?;
    }
    if let Some(fleiss) = &report.fleiss {
        print_kappa(out, "Fleiss' κ (texts every annotator has)", fleiss)?;
    }
    if let Some(alpha) = &report.alpha_u {
        writeln!(out, "\nKrippendorff's αu (texts every annotator has, end to end): {}", score(alpha.overall))?;
        let mut table = Table::new(&["label", "αu", "D_o", "D_e"]);
        for l in &alpha.per_label {
            table.row(vec![l.label.clone(), score(l.alpha), format!("{:.4}", l.observed), format!("{:.4}", l.expected)]);
        }
        write!(out, "{table}")?;
    }
    writeln!(out, "\nTexts (exact F1: mean over pairs; κ: Cohen's for two annotators, Fleiss' for more)")?;
    let mut header = vec!["id", "title"];
    header.extend(&names);
    header.extend(["exact F1", "κ"]);
    let mut table = Table::new(&header).text_columns(2);
    for doc in &report.documents {
        let mut row = vec![clip(&doc.id, 24), clip(&doc.title, 40)];
        row.extend(doc.spans.iter().map(|s| s.map_or_else(|| "–".to_owned(), |n| n.to_string())));
        row.extend([score(doc.exact_f1), score(doc.kappa)]);
        table.row(row);
    }
    write!(out, "{table}")
}

fn print_kappa(out: &mut impl Write, title: &str, kappa: &KappaScores) -> std::io::Result<()> {
    writeln!(out, "\n{title}, {} tokens: {}", kappa.tokens, score(kappa.overall))?;
    let mut table = Table::new(&["label", "κ"]);
    for (label, value) in &kappa.per_label {
        table.row(vec![label.clone(), score(*value)]);
    }
    write!(out, "{table}")
}
