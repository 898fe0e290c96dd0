//! Reading annotation files for the commands: any format the app opens
//! ([`sorot::formats::open`]), a folder as all the files in it, and JSON
//! Lines one line at a time.
//!
//! A path is read as:
//! - a folder: every file in it (not its subfolders), opened together, so
//!   a brat folder of `.txt` + `.ann` files is one corpus;
//! - a `.jsonl` file: streamed, one line at a time, in constant memory
//!   (see [`JsonlReader`]), unless it is UTF-16 or has a `labels.json`
//!   beside it (Hugging Face rows);
//! - any other file: read whole (at most [`MAX_FILE_BYTES`]), with the
//!   files it needs from beside it: brat's `.ann`/`.txt` partner and
//!   `annotation.conf`, Hugging Face's `labels.json`.
//!
//! Label names are checked only when a schema is given: without one, no
//! label is "unknown".

use std::fs::{self, File};
use std::io::{BufRead, BufReader, ErrorKind, Read};
use std::path::{Path, PathBuf};

use sorot::formats::corpus::default_title;
use sorot::formats::jsonl::JsonlReader;
use sorot::formats::open::{open_files, Opened};
use sorot::formats::report::OffsetReading;
use sorot::formats::{Corpus, CorpusDocument, FormatError, Problem, ProblemKind, Status};
use sorot::limits::MAX_FILE_BYTES;
use sorot::model::offsets::OffsetUnit;

use super::error::CliError;

/// `--offset-unit`, for the commands that read or write doccano files.
#[derive(Debug, clap::Args)]
pub struct OffsetUnitArg {
    /// The unit doccano files count offsets in: utf16 (doccano's page in a
    /// default project), grapheme (a project in grapheme mode) or codepoint
    /// (doccano's API and Python scripts).
    #[arg(long = "offset-unit", value_name = "UNIT", default_value = "utf16", value_parser = offset_unit)]
    pub unit: OffsetUnit,
}

fn offset_unit(key: &str) -> Result<OffsetUnit, String> {
    OffsetUnit::parse(key).ok_or_else(|| {
        let keys: Vec<&str> = OffsetUnit::ALL.iter().map(|u| u.key()).collect();
        format!("no offset unit {key:?}; use one of {}", keys.join(", "))
    })
}

/// Calls `each` with every document of `path` in order, streaming JSON
/// Lines; returns the problems met. doccano's offsets are read in
/// `doccano_unit`.
pub fn for_each_document(
    path: &Path,
    labels: Option<&[String]>,
    doccano_unit: OffsetUnit,
    mut each: impl FnMut(CorpusDocument) -> Result<(), CliError>,
) -> Result<Vec<Problem>, CliError> {
    if !streams(path)? {
        let (corpus, problems) = read_whole(path, labels, doccano_unit)?;
        corpus.documents.into_iter().try_for_each(each)?;
        return Ok(problems);
    }
    let name = path.display().to_string();
    let no_schema = [];
    let mut lines = JsonlReader::new(&name, labels.unwrap_or(&no_schema), doccano_unit);
    let mut file = BufReader::with_capacity(1 << 20, open(path)?);
    let mut problems = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if file.read_until(b'\n', &mut line).map_err(|source| CliError::Read { path: path.to_owned(), source })? == 0 {
            break;
        }
        lines.read_line(&line);
        problems.extend(lines.take_problems());
        lines.take_documents().into_iter().try_for_each(&mut each)?;
    }
    if lines.documents_read() == 0 {
        let message = problems.first().map_or_else(|| format!("{}: {}", path.display(), ProblemKind::Empty), ToString::to_string);
        return Err(CliError::Unreadable { message });
    }
    let (_, rest) = lines.finish().map_err(|FormatError(problem)| CliError::Unreadable { message: problem.to_string() })?;
    if let Some(reading) = &rest.offsets {
        say_offset_unit(&name, reading);
    }
    problems.extend(rest.problems);
    if labels.is_none() {
        problems.retain(|p| !matches!(p.kind, ProblemKind::UnknownLabel { .. }));
    }
    Ok(problems)
}

/// Says which unit a file's offsets were read in, where that mattered, and
/// how to read it in the unit it more likely counts in.
fn say_offset_unit(name: &str, reading: &OffsetReading) {
    if reading.documents > 0 {
        eprintln!("{name}: {reading}");
    }
    if let Some(ProblemKind::LikelyOffsetUnit { likely, .. }) = reading.likely() {
        eprintln!("{name}: read it again with --offset-unit {}", likely.key());
    }
}

/// Every document of `path`, and the problems met. The corpus's labels are
/// the schema's, then those the documents use, in order of first use.
pub fn read_corpus(path: &Path, labels: Option<&[String]>, doccano_unit: OffsetUnit) -> Result<(Corpus, Vec<Problem>), CliError> {
    if !streams(path)? {
        return read_whole(path, labels, doccano_unit);
    }
    let mut corpus = Corpus { labels: labels.unwrap_or_default().to_vec(), documents: Vec::new() };
    let problems = for_each_document(path, labels, doccano_unit, |doc| {
        corpus.documents.push(doc);
        Ok(())
    })?;
    corpus.labels = corpus.all_labels();
    Ok((corpus, problems))
}

/// Whether `path` is read line by line: a `.jsonl` file that is neither
/// Hugging Face rows nor UTF-16.
fn streams(path: &Path) -> Result<bool, CliError> {
    if extension(path) != "jsonl" || path.is_dir() || sibling(path, "labels.json").is_some() {
        return Ok(false);
    }
    let mut head = [0; 2];
    let read = open(path)?.read(&mut head).map_err(|source| CliError::Read { path: path.to_owned(), source })?;
    Ok(!matches!(&head[..read], [0xFF, 0xFE] | [0xFE, 0xFF]))
}

/// Writes a whole file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    fs::write(path, bytes).map_err(|source| CliError::Write { path: path.to_owned(), source })
}

/// Prints the inputs' problems to stderr; an error if there were any, for
/// after the command has done what it could.
pub fn report_problems(problems: &[Problem]) -> Result<(), CliError> {
    for problem in problems {
        eprintln!("  {problem}");
    }
    match problems.len() {
        0 => Ok(()),
        count => Err(CliError::InputProblems { count }),
    }
}

/// Opens a file, saying which one is missing.
fn open(path: &Path) -> Result<File, CliError> {
    File::open(path).map_err(|source| match source.kind() {
        ErrorKind::NotFound => CliError::NotFound { path: path.to_owned() },
        _ => CliError::Read { path: path.to_owned(), source },
    })
}

/// A file's extension, lowercase; empty when it has none.
fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// `name` in the same folder as `path`, if it is a file.
fn sibling(path: &Path, name: &str) -> Option<PathBuf> {
    Some(path.with_file_name(name)).filter(|p| p.is_file())
}

/// Reads `path` and what it needs from beside it, through the app's readers.
fn read_whole(path: &Path, labels: Option<&[String]>, doccano_unit: OffsetUnit) -> Result<(Corpus, Vec<Problem>), CliError> {
    let mut paths = Vec::new();
    if path.is_dir() {
        let entries = fs::read_dir(path).map_err(|source| CliError::Read { path: path.to_owned(), source })?;
        paths = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
        paths.sort();
    } else {
        paths.push(path.to_owned());
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let brat_partner = |other: &str| sibling(path, &format!("{stem}.{other}")).map(|p| [Some(p), sibling(path, "annotation.conf")]);
        let partners = match extension(path).as_str() {
            "jsonl" => [sibling(path, "labels.json"), None],
            "txt" => brat_partner("ann").unwrap_or_default(),
            "ann" => brat_partner("txt").unwrap_or_default(),
            _ => [None, None],
        };
        paths.extend(partners.into_iter().flatten());
    }
    let files = paths.iter().map(|p| Ok((file_name(p), read_bytes(p)?))).collect::<Result<Vec<_>, CliError>>()?;
    let mut corpus = Corpus { labels: labels.unwrap_or_default().to_vec(), documents: Vec::new() };
    let mut problems = Vec::new();
    for opened in open_files(&files, labels.unwrap_or_default(), doccano_unit) {
        let (source, read, report) = match opened {
            Opened::Corpus { source, corpus, report, .. } => (source, corpus, report),
            // The command line reads in the unit it was told, and reports the doubt.
            Opened::DoubtfulUnit { source, asked, .. } => (source, asked.0, asked.1),
            Opened::Text { name, text } => {
                let id = Path::new(&name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                corpus.documents.push(CorpusDocument {
                    id,
                    title: default_title(&text),
                    text,
                    status: Status::Todo,
                    ..CorpusDocument::default()
                });
                continue;
            }
            Opened::BadText { name, problem, .. } => return Err(CliError::Unreadable { message: format!("{name}: {problem}") }),
            Opened::Failed { problem, .. } => return Err(CliError::Unreadable { message: problem }),
            Opened::Patterns { name, .. } => {
                return Err(CliError::Unreadable { message: format!("{name} is a patterns file, not annotated documents") })
            }
            // A schema file holds no documents; the CLI reads documents.
            Opened::Schema { name, .. } => {
                return Err(CliError::Unreadable { message: format!("{name} is a label schema, not annotated documents") })
            }
        };
        if let Some(reading) = &report.offsets {
            say_offset_unit(&source, reading);
        }
        for label in read.labels {
            if !corpus.labels.contains(&label) {
                corpus.labels.push(label);
            }
        }
        corpus.documents.extend(read.documents);
        problems.extend(report.problems);
    }
    if labels.is_none() {
        problems.retain(|p| !matches!(p.kind, ProblemKind::UnknownLabel { .. }));
    }
    Ok((corpus, problems))
}

/// The name a file is opened under: its path as given, except that the
/// Hugging Face sidecar must be called `labels.json` to be found.
fn file_name(path: &Path) -> String {
    match path.file_name() {
        Some(name) if name == "labels.json" => "labels.json".to_owned(),
        _ => path.display().to_string(),
    }
}

/// A whole file, refusing one too large to read at once.
fn read_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    let bytes = open(path)?.metadata().map_err(|source| CliError::Read { path: path.to_owned(), source })?.len();
    if bytes > MAX_FILE_BYTES as u64 {
        return Err(CliError::TooLarge { path: path.to_owned(), bytes, limit: MAX_FILE_BYTES });
    }
    fs::read(path).map_err(|source| CliError::Read { path: path.to_owned(), source })
}
