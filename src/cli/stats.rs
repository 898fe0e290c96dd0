//! `sorot stats FILE`: what an annotation file holds: documents, status
//! counts, and per label the number of spans and their lengths in code
//! points (min, median, 90th percentile, max; percentiles by nearest rank:
//! the smallest length with at least p% of spans at or below it). JSON
//! Lines is streamed, so memory grows only with the number of distinct
//! span lengths.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;
use sorot::formats::Status;

use super::error::{plural, CliError};
use super::files::{for_each_document, report_problems, OffsetUnitArg};
use super::table::Table;

/// Arguments of `sorot stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// An annotation file or folder, in any format Sorot opens.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    offsets: OffsetUnitArg,
}

/// The figures printed.
#[derive(Serialize)]
struct Stats {
    documents: usize,
    spans: u64,
    /// Every status, in workflow order.
    statuses: Vec<(&'static str, usize)>,
    /// Per label by name, then `"all"`.
    labels: Vec<LabelStats>,
}

/// One label's spans and their lengths in code points.
#[derive(Serialize)]
struct LabelStats {
    label: String,
    spans: u64,
    min: usize,
    median: usize,
    p90: usize,
    max: usize,
}

/// How many spans have each length.
type Lengths = BTreeMap<usize, u64>;

/// Runs `sorot stats`, writing the figures to `out`.
pub fn run(args: &Args, out: &mut impl Write) -> Result<(), CliError> {
    let mut documents = 0;
    let mut statuses = [0; Status::ALL.len()];
    let mut lengths: BTreeMap<String, Lengths> = BTreeMap::new();
    let problems = for_each_document(&args.file, None, args.offsets.unit, |doc| {
        documents += 1;
        statuses[Status::ALL.iter().position(|s| *s == doc.status).unwrap_or_default()] += 1;
        for span in &doc.spans {
            let length = span.end - span.start;
            *lengths.entry(span.label.clone()).or_default().entry(length).or_default() += 1;
        }
        Ok(())
    })?;
    let mut all = Lengths::new();
    for (length, count) in lengths.values().flatten() {
        *all.entry(*length).or_default() += count;
    }
    let labels: Vec<LabelStats> = lengths.iter().chain([(&"all".to_owned(), &all)]).filter_map(|(label, l)| summarize(label, l)).collect();
    let stats =
        Stats { documents, spans: all.values().sum(), statuses: Status::ALL.iter().map(|s| s.as_str()).zip(statuses).collect(), labels };
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &stats).map_err(|e| CliError::Output(e.into()))?;
        writeln!(out).map_err(CliError::Output)?;
    } else {
        print(args, &stats, out).map_err(CliError::Output)?;
    }
    report_problems(&problems)
}

/// A label's figures; `None` without spans.
fn summarize(label: &str, lengths: &Lengths) -> Option<LabelStats> {
    let spans: u64 = lengths.values().sum();
    let percentile = |p: u64| {
        let rank = (p * spans).div_ceil(100).max(1);
        let mut seen = 0;
        lengths.iter().find(|(_, &count)| {
            seen += count;
            seen >= rank
        })
    };
    Some(LabelStats {
        label: label.to_owned(),
        spans,
        min: *lengths.keys().next()?,
        median: *percentile(50)?.0,
        p90: *percentile(90)?.0,
        max: *lengths.keys().next_back()?,
    })
}

fn print(args: &Args, stats: &Stats, out: &mut impl Write) -> std::io::Result<()> {
    let (documents, spans) = (stats.documents, stats.spans as usize);
    writeln!(out, "{}: {documents} document{}, {spans} span{}", args.file.display(), plural(documents), plural(spans))?;
    let statuses: Vec<String> = stats.statuses.iter().map(|(name, count)| format!("{name} {count}")).collect();
    writeln!(out, "status: {}", statuses.join(", "))?;
    if stats.labels.is_empty() {
        return Ok(());
    }
    let mut table = Table::new(&["label", "spans", "min", "median", "p90", "max"]);
    for l in &stats.labels {
        table.row(vec![
            l.label.clone(),
            l.spans.to_string(),
            l.min.to_string(),
            l.median.to_string(),
            l.p90.to_string(),
            l.max.to_string(),
        ]);
    }
    writeln!(out, "\n{table}(span lengths in code points)")
}
