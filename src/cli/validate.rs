//! `sorot validate FILE...`: reads annotation files in any format the app
//! opens and reports, per file, every problem the readers find: JSON that
//! is not the format's shape, reversed or out-of-range offsets, span texts
//! that are not the text at their offsets, repeated spans and ids, and
//! (given `--labels`) labels outside the schema. JSON Lines is streamed,
//! so files of any size are checked in constant memory.
//!
//! Exits with 1 if any file has a problem or cannot be read.

use std::io::Write;
use std::path::PathBuf;

use super::error::{plural, CliError};
use super::files::{for_each_document, OffsetUnitArg};

/// Arguments of `sorot validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Annotation files or folders: Sorot or Label Studio .json, .jsonl
    /// (spaCy, Prodigy, doccano; Hugging Face rows with a labels.json
    /// beside them), .conll, brat .txt + .ann (or a folder of them), .txt.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The schema's labels, comma-separated: spans with any other label are
    /// reported. Without it, label names are not checked.
    #[arg(long, value_name = "LABEL,...", value_delimiter = ',')]
    labels: Option<Vec<String>>,
    #[command(flatten)]
    offsets: OffsetUnitArg,
}

/// Runs `sorot validate`, writing the report to `out`.
pub fn run(args: &Args, out: &mut impl Write) -> Result<(), CliError> {
    let mut problems = 0;
    let mut bad_files = 0;
    for path in &args.files {
        let (mut documents, mut spans) = (0, 0);
        let found = for_each_document(path, args.labels.as_deref(), args.offsets.unit, |doc| {
            documents += 1;
            spans += doc.spans.len();
            Ok(())
        });
        let lines: Vec<String> = match found {
            Ok(found) => {
                let count =
                    if found.is_empty() { "no problems".to_owned() } else { format!("{} problem{}", found.len(), plural(found.len())) };
                writeln!(out, "{}: {documents} document{}, {spans} span{}, {count}", path.display(), plural(documents), plural(spans))
                    .map_err(CliError::Output)?;
                found.iter().map(ToString::to_string).collect()
            }
            Err(error) => {
                writeln!(out, "{}: cannot be read", path.display()).map_err(CliError::Output)?;
                vec![error.to_string()]
            }
        };
        for line in &lines {
            writeln!(out, "  {line}").map_err(CliError::Output)?;
        }
        problems += lines.len();
        bad_files += usize::from(!lines.is_empty());
    }
    match problems {
        0 => Ok(()),
        _ => Err(CliError::Invalid { problems, files: bad_files, of: args.files.len() }),
    }
}
