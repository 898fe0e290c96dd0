//! `sorot convert --to FORMAT IN OUT`: reads IN in any format the app
//! opens and writes OUT in any format it exports
//! ([`sorot::formats::export`]).
//!
//! Streaming: JSON Lines input (spaCy, Prodigy, doccano, Sorot's own
//! `.jsonl`) to `jsonl` or `doccano` output is read and written one document
//! at a time, in constant memory, whatever the size. Every other pair reads
//! the whole input first (at most 256 MiB a file).
//!
//! Beside OUT: `hf` writes `labels.json`; the flat formats (`conll`, `hf`)
//! write `OUT.notes.txt` listing every span they could not hold, and print
//! the first of those notes. `brat` writes a folder of `.txt` + `.ann`
//! files, or one archive if OUT ends with `.zip`.
//!
//! Problems in the input (spans or documents the reader skipped) are
//! printed; OUT is still written, and the command exits with 1.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sorot::formats::export::{export, notes_file, ExportFormat};
use sorot::formats::{brat, doccano, jsonl, sorot_json, Corpus, Problem};
use sorot::model::Schema;

use super::error::{plural, CliError};
use super::files::{for_each_document, read_corpus, report_problems, write_file, OffsetUnitArg};

/// Arguments of `sorot convert`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The format to write: sorot, jsonl, doccano, label-studio, brat,
    /// conll or hf (Hugging Face token rows).
    #[arg(long, value_name = "FORMAT", value_parser = export_format)]
    to: ExportFormat,
    /// The annotation file (or brat folder) to read, in any format Sorot opens.
    #[arg(value_name = "IN")]
    input: PathBuf,
    /// The file to write. For brat, a folder, or a .zip archive.
    #[arg(value_name = "OUT")]
    output: PathBuf,
    // Both doccano input and doccano output count in this unit.
    #[command(flatten)]
    offsets: OffsetUnitArg,
}

/// How many flattening notes are printed; all are in the notes file.
const NOTES_SHOWN: usize = 20;

/// Reads a format key, e.g. `label-studio`.
fn export_format(key: &str) -> Result<ExportFormat, String> {
    ExportFormat::ALL.into_iter().find(|f| f.key() == key).ok_or_else(|| {
        let keys: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.key()).collect();
        format!("no format {key:?}; use one of {}", keys.join(", "))
    })
}

/// Runs `sorot convert`; a summary line goes to `out`, problems and notes
/// to stderr.
pub fn run(args: &Args, out: &mut impl Write) -> Result<(), CliError> {
    if same_file(&args.input, &args.output) {
        return Err(CliError::SameFile { path: args.output.clone() });
    }
    let (documents, problems) = match args.to {
        ExportFormat::Jsonl | ExportFormat::Doccano(_) => stream(args)?,
        _ => {
            let (corpus, problems) = read_corpus(&args.input, None, args.offsets.unit)?;
            write_export(&corpus, args)?;
            (corpus.documents.len(), problems)
        }
    };
    writeln!(out, "{} -> {}: {documents} documents as {}", args.input.display(), args.output.display(), args.to.title())
        .map_err(CliError::Output)?;
    report_problems(&problems)
}

/// Whether both paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// JSON Lines or doccano, one document at a time.
fn stream(args: &Args) -> Result<(usize, Vec<Problem>), CliError> {
    let write_error = |source| CliError::Write { path: args.output.clone(), source };
    let file = File::create(&args.output).map_err(write_error)?;
    let mut writer = BufWriter::with_capacity(1 << 20, file);
    let mut documents = 0;
    let mut notes = Vec::new();
    let problems = for_each_document(&args.input, None, args.offsets.unit, |doc| {
        let line = match args.to {
            ExportFormat::Doccano(unit) => doccano::export_line(&doc, unit, &mut notes),
            _ => jsonl::export_line(&doc),
        };
        documents += 1;
        writer.write_all(line.as_bytes()).map_err(write_error)
    })?;
    writer.flush().map_err(write_error)?;
    if !notes.is_empty() {
        write_notes(&notes, args)?;
    }
    Ok((documents, problems))
}

/// Any format, from a whole corpus, with the files that go beside it.
fn write_export(corpus: &Corpus, args: &Args) -> Result<(), CliError> {
    let zip = args.output.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if args.to == ExportFormat::Brat && !zip {
        fs::create_dir_all(&args.output).map_err(|source| CliError::Write { path: args.output.clone(), source })?;
        return brat::export(corpus).iter().try_for_each(|file| write_file(&args.output.join(&file.name), file.contents.as_bytes()));
    }
    if args.to == ExportFormat::Sorot {
        // The app's own schema is not the input's: write the corpus's labels
        // and no schema rather than invent one.
        return write_file(&args.output, sorot_json::export_corpus(corpus).as_bytes());
    }
    // Only a Sorot file carries a schema, so the one given here is never written.
    let export = export(corpus, &Schema::default(), args.to, "sorot");
    for (k, file) in export.files.iter().enumerate() {
        let path = match file.name.as_str() {
            _ if k == 0 => args.output.clone(),
            "labels.json" => args.output.with_file_name("labels.json"),
            _ => notes_path(&args.output),
        };
        write_file(&path, &file.bytes)?;
    }
    if !export.notes.is_empty() {
        print_notes(&export.notes, args);
    }
    Ok(())
}

/// Writes the notes file of a streamed export (the whole-corpus export
/// writes its own), then prints the notes.
fn write_notes(notes: &[String], args: &Args) -> Result<(), CliError> {
    write_file(&notes_path(&args.output), notes_file(args.to, notes).as_bytes())?;
    print_notes(notes, args);
    Ok(())
}

/// Prints the first notes, and where all of them are.
fn print_notes(notes: &[String], args: &Args) {
    let count = notes.len();
    eprintln!("{} cannot hold every span as it was ({count} change{}):", args.to.title(), plural(count));
    for note in notes.iter().take(NOTES_SHOWN) {
        eprintln!("  {note}");
    }
    if count > NOTES_SHOWN {
        eprintln!("  … and {} more", count - NOTES_SHOWN);
    }
    eprintln!("all of them are in {}", notes_path(&args.output).display());
}

/// `OUT.notes.txt`.
fn notes_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".notes.txt");
    PathBuf::from(name)
}
