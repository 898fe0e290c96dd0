//! `sorot merge FILE... -o OUT`: several annotators' files as one Sorot
//! JSON file, each document kept with its annotator.
//!
//! The rule:
//! - Documents are grouped by text (`text_sha256`), texts in order of first
//!   appearance, and within a text in the order of the files.
//! - A document without an `annotator` gets its file's name without the
//!   extension, so every document in OUT says whose it is and
//!   `sorot agree OUT` can tell the annotators apart.
//! - Documents of different annotators are always kept apart, even when
//!   their spans are the same: agreement needs both.
//! - A document identical to one already kept (same text, annotator and
//!   spans, values included) is dropped; the first copy's title, metadata
//!   and status stay.
//! - One annotator with different spans on one text: both are kept, with a
//!   warning, for a person to settle.
//! - Ids stay unique: a taken id becomes `<id>@<annotator>`, then
//!   `<id>@<annotator>-2`, and so on.
//! - Labels are every file's labels in order, each once.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use sorot::formats::corpus::text_sha256;
use sorot::formats::{sorot_json, Corpus, CorpusDocument};
use sorot::ids::IdAllocator;

use super::error::{plural, CliError};
use super::files::{read_corpus, report_problems, write_file, OffsetUnitArg};

/// Arguments of `sorot merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Annotation files or folders, in any format Sorot opens.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The Sorot JSON file to write.
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
    #[command(flatten)]
    offsets: OffsetUnitArg,
}

/// Runs `sorot merge`; a summary goes to `out`, warnings to stderr.
pub fn run(args: &Args, out: &mut impl Write) -> Result<(), CliError> {
    let mut merged = Merged::default();
    let mut problems = Vec::new();
    let output = args.output.canonicalize().ok();
    for path in &args.files {
        if output.is_some() && path.canonicalize().ok() == output {
            return Err(CliError::SameFile { path: args.output.clone() });
        }
        let (corpus, found) = read_corpus(path, None, args.offsets.unit)?;
        problems.extend(found);
        merged.add(path, corpus);
    }
    let (texts, dropped) = (merged.texts.len(), merged.dropped);
    let corpus = merged.into_corpus();
    write_file(&args.output, sorot_json::export_corpus(&corpus).as_bytes())?;
    let (documents, files) = (corpus.documents.len(), args.files.len());
    writeln!(
        out,
        "{}: {texts} text{}, {documents} document{} from {files} file{} ({dropped} identical cop{} dropped)",
        args.output.display(),
        plural(texts),
        plural(documents),
        plural(files),
        if dropped == 1 { "y" } else { "ies" }
    )
    .map_err(CliError::Output)?;
    report_problems(&problems)
}

/// The documents merged so far.
#[derive(Default)]
struct Merged {
    labels: Vec<String>,
    /// Each text's documents, texts in order of first appearance.
    texts: Vec<Vec<CorpusDocument>>,
    /// Where each text (by `text_sha256`) is in `texts`.
    by_sha: HashMap<String, usize>,
    ids: IdAllocator<String>,
    dropped: usize,
}

/// The document's id, or `<id>@<annotator>`, or `<id>@<annotator>-<n>`:
/// the first not taken.
fn unique_id(ids: &mut IdAllocator<String>, doc: &CorpusDocument) -> String {
    let wanted =
        if ids.is_taken(&doc.id) { format!("{}@{}", doc.id, doc.annotator.as_deref().unwrap_or_default()) } else { doc.id.clone() };
    ids.take_id(&wanted).0
}

impl Merged {
    /// Adds one file's documents by the rule above.
    fn add(&mut self, path: &Path, corpus: Corpus) {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for label in corpus.labels {
            if !self.labels.contains(&label) {
                self.labels.push(label);
            }
        }
        for mut doc in corpus.documents {
            doc.annotator.get_or_insert_with(|| stem.clone());
            let at = *self.by_sha.entry(text_sha256(&doc.text)).or_insert_with(|| {
                self.texts.push(Vec::new());
                self.texts.len() - 1
            });
            let same_annotator: Vec<&CorpusDocument> = self.texts[at].iter().filter(|d| d.annotator == doc.annotator).collect();
            if same_annotator.iter().any(|d| d.spans == doc.spans) {
                self.dropped += 1;
                continue;
            }
            let id = unique_id(&mut self.ids, &doc);
            if let Some(earlier) = same_annotator.first() {
                let annotator = doc.annotator.as_deref().unwrap_or_default();
                eprintln!(
                    "warning: {annotator} annotated one text twice, differently (documents {:?} and {:?} in the output); both are kept",
                    earlier.id, id
                );
            }
            doc.id = id;
            self.texts[at].push(doc);
        }
    }

    fn into_corpus(self) -> Corpus {
        Corpus { labels: self.labels, documents: self.texts.into_iter().flatten().collect() }
    }
}
