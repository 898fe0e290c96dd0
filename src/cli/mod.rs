//! The `sorot` command line. Native only: it reads files and writes to
//! stdout, and is never part of the browser build.
//!
//! Each subcommand is one module with an `Args` struct (clap derive) and a
//! `run(&Args, &mut impl Write) -> Result<(), CliError>`; adding one is
//! a module and a [`Command`] variant. Shared: reading documents in
//! [`input`], reading annotation files of any format in [`files`], report
//! tables in [`table`]. Every failure is a [`CliError`], printed to stderr
//! with a non-zero exit code.

mod agree;
mod convert;
mod error;
mod files;
mod input;
mod merge;
mod stats;
mod suggest;
mod table;
mod validate;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use error::CliError;

/// Sorot: offline tools for span annotation of news text.
#[derive(Debug, Parser)]
#[command(name = "sorot", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Pre-annotate documents with the offline rules; one JSONL line per document.
    Suggest(suggest::Args),
    /// Check annotation files: shape, offsets, span texts, repeats; exit 1 on any problem.
    ///
    /// Lists every problem the readers find, by file, line and document.
    /// JSON Lines is read line by line, so files of any size are checked.
    Validate(validate::Args),
    /// Convert an annotation file to another format (JSON Lines streams).
    ///
    /// JSON Lines input (spaCy, Prodigy, doccano, Sorot .jsonl) to jsonl or
    /// doccano is converted one document at a time, in constant memory;
    /// other pairs read the whole input (at most 256 MiB). hf writes
    /// labels.json beside OUT; conll and hf write OUT.notes.txt listing
    /// every span they could not hold. Problems in the input are printed,
    /// OUT is still written, and the exit code is 1.
    Convert(convert::Args),
    /// Merge annotators' files into one Sorot JSON file, by document text.
    ///
    /// Documents are grouped by text (text_sha256). A document without an
    /// annotator gets its file's name. Different annotators' documents are
    /// all kept; a document identical to one kept (same text, annotator and
    /// spans) is dropped; one annotator's two different versions of a text
    /// are both kept, with a warning. A taken id gets "@" and the annotator added.
    Merge(merge::Args),
    /// Report agreement between annotators: F1, Cohen's/Fleiss' κ, Krippendorff's αu.
    ///
    /// Each FILE is one annotator (named by its documents' annotator, or the
    /// file name); one FILE of several annotators is split by annotator.
    /// Documents are matched by their exact text, not by id or title.
    Agree(agree::Args),
    /// Count documents, statuses, and spans per label with their lengths.
    ///
    /// Lengths are in code points; percentiles are nearest-rank.
    Stats(stats::Args),
}

/// Runs the command line; usage errors exit with 2, failures with 1.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = BufWriter::new(io::stdout().lock());
    let result = match &cli.command {
        Command::Suggest(args) => suggest::run(args, &mut out),
        Command::Validate(args) => validate::run(args, &mut out),
        Command::Convert(args) => convert::run(args, &mut out),
        Command::Merge(args) => merge::run(args, &mut out),
        Command::Agree(args) => agree::run(args, &mut out),
        Command::Stats(args) => stats::run(args, &mut out),
    };
    match result.and_then(|()| out.flush().map_err(CliError::Output)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sorot: {error}");
            ExitCode::FAILURE
        }
    }
}
