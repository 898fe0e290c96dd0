//! Opening what a user dropped or chose: a set of files routed to the right
//! reader by name and content. `.txt` is a plain document unless an `.ann`
//! with the same stem comes along (brat); `.json` is Sorot's own file or a
//! Label Studio export; `.jsonl` is spaCy/Prodigy/doccano JSON Lines, or
//! Hugging Face rows when a `labels.json` comes along; `.conll`/`.iob` is
//! IOB2. A `.json` holding only `{"labels": [{"name", ...}]}` is a label
//! schema.

use super::report::{FormatError, ImportReport, ProblemKind};
use super::text::{self, TextError};
use super::{brat, conll, hf, jsonl, label_studio, sorot_json, Corpus, CorpusDocument, Stepwise};
use crate::decimal::fixed;
use crate::limits::{MAX_JSONL_LINES, MAX_PAGE_FILE_BYTES};
use crate::model::offsets::OffsetUnit;
use crate::model::{Action, ImportPart, ImportedDocument, Schema};
use crate::model::{SessionAction, WorkAction};

/// What became of one opened file (or pair of files).
#[derive(Debug)]
pub enum Opened {
    /// A plain text: one new document.
    Text { name: String, text: String },
    /// A plain text that is not valid UTF-8: the bytes, to offer opening
    /// them with replacement characters.
    BadText { name: String, problem: TextError, bytes: Vec<u8> },
    /// Documents with spans, what the file had wrong, and the label schema
    /// it carries (or why that schema could not be read).
    Corpus { source: String, corpus: Corpus, report: ImportReport, schema: Option<Result<Schema, String>> },
    /// A doccano file whose offsets fit another unit than the one asked
    /// for: the reading asked for (whose report says why it is doubtful)
    /// and the reading in the `likely` unit, to offer instead.
    DoubtfulUnit { source: String, asked: Box<(Corpus, ImportReport)>, likely: OffsetUnit, in_likely: Box<(Corpus, ImportReport)> },
    /// A label schema on its own.
    Schema { name: String, schema: Schema },
    /// An annotators' patterns file (Prodigy's `{"label", "pattern"}` JSONL).
    Patterns { name: String, jsonl: String },
    /// Nothing could be read, and why.
    Failed { name: String, problem: String },
}

/// Routes `files` (`(name, bytes)`) to their readers; `known_labels` is the
/// schema's labels, `doccano_unit` the unit doccano files count in.
pub fn open_files(files: &[(String, Vec<u8>)], known_labels: &[String], doccano_unit: OffsetUnit) -> Vec<Opened> {
    let extension = |name: &str| name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    let stem = |name: &str| name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_owned();
    let ann_stems: Vec<String> = files.iter().filter(|(n, _)| extension(n) == "ann").map(|(n, _)| stem(n)).collect();
    let labels_json = files.iter().find(|(n, _)| n == "labels.json");
    let mut brat_files: Vec<(&str, &[u8])> = Vec::new();
    let mut opened = Vec::new();
    for (name, bytes) in files {
        match extension(name).as_str() {
            "ann" | "conf" => brat_files.push((name, bytes)),
            "txt" if ann_stems.contains(&stem(name)) => brat_files.push((name, bytes)),
            "txt" | "" => opened.push(match text::decode(bytes) {
                Ok(text) => Opened::Text { name: name.clone(), text: text.into_owned() },
                Err(problem @ TextError::InvalidUtf8 { .. }) => Opened::BadText { name: name.clone(), problem, bytes: bytes.clone() },
                Err(problem) => Opened::Failed { name: name.clone(), problem: format!("{name}: {problem}") },
            }),
            "json" if name == "labels.json" => {}
            "json" => opened.push(open_json(name, bytes, known_labels)),
            "jsonl" => match (json_lines_kind(bytes, labels_json.is_some()), labels_json) {
                (JsonLinesKind::Patterns, _) => opened.push(Opened::Patterns { name: name.clone(), jsonl: String::from_utf8_lossy(bytes).into_owned() }),
                (JsonLinesKind::TooLong(lines), _) => opened.push(Opened::Failed {
                    name: name.clone(),
                    problem: format!(
                        "{name} has {lines} lines; the app opens up to {MAX_JSONL_LINES} documents at once. Split it (or use `sorot convert`/`sorot validate`, which stream any size)."
                    ),
                }),
                (JsonLinesKind::HuggingFace, Some((labels_name, labels))) => {
                    opened.push(opened_corpus(name, hf::import(name, bytes, labels_name, labels, known_labels)));
                }
                _ => {
                    let read = |unit| jsonl::import(name, bytes, known_labels, unit);
                    opened.push(in_likely_unit(name, read(doccano_unit), read));
                }
            },
            "conll" | "iob" | "iob2" | "bio" => opened.push(opened_corpus(name, conll::import(name, bytes, known_labels))),
            other => opened.push(Opened::Failed {
                name: name.clone(),
                problem: format!(
                    "{name}: Sorot does not open .{other} files; it opens .txt, .json (Sorot, Label Studio), .jsonl, .conll and brat .txt + .ann"
                ),
            }),
        }
    }
    if !brat_files.is_empty() {
        let source = brat_files.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
        opened.push(opened_corpus(&source, brat::import(&brat_files, known_labels)));
    }
    opened
}

/// A file the page refuses before reading it, because its `size` in bytes
/// is past [`MAX_PAGE_FILE_BYTES`]; `None` when the page can open it.
pub fn refused_by_size(name: &str, size: f64) -> Option<Opened> {
    let limit = MAX_PAGE_FILE_BYTES as f64;
    (size > limit).then(|| Opened::Failed {
        name: name.to_owned(),
        problem: format!(
            "{name} is {} MB; Sorot opens files up to {} MB. Split it into smaller files and open those.",
            fixed(size / 1e6, 0),
            fixed(limit / 1e6, 0)
        ),
    })
}

/// Text pasted outside a field, opened as a new document called
/// `pasted.txt`; `None` when it holds nothing but white space.
pub fn pasted(text: String) -> Option<Opened> {
    (!text.trim().is_empty()).then(|| Opened::Text { name: "pasted.txt".to_owned(), text })
}

/// What a `.jsonl` file holds, as far as opening it goes.
enum JsonLinesKind {
    /// An annotators' patterns file.
    Patterns,
    /// More documents than the app opens: this many.
    TooLong(usize),
    /// Hugging Face token rows (their `labels.json` came along).
    HuggingFace,
    /// Documents, read by [`jsonl::import`].
    Documents,
}

fn json_lines_kind(bytes: &[u8], with_labels_json: bool) -> JsonLinesKind {
    if looks_like_patterns(bytes) {
        return JsonLinesKind::Patterns;
    }
    match line_count(bytes) {
        lines if lines > MAX_JSONL_LINES => JsonLinesKind::TooLong(lines),
        _ if with_labels_json && looks_like_hf(bytes) => JsonLinesKind::HuggingFace,
        _ => JsonLinesKind::Documents,
    }
}

/// A file the page reads a slice at a time instead of through
/// [`open_files`], so a corpus of thousands of documents never freezes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InSteps {
    /// JSON Lines documents, read by [`jsonl::JsonlImport`].
    JsonLines,
    /// A Sorot file, read by [`sorot_json::SorotImport`].
    Sorot,
}

/// Whether and how the page reads the file `name` (opened together with
/// `names`) a slice at a time.
pub fn reads_in_steps(name: &str, bytes: &[u8], names: &[&str]) -> Option<InSteps> {
    let extension = name.rsplit_once('.').map(|(_, extension)| extension.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "jsonl" => matches!(json_lines_kind(bytes, names.contains(&"labels.json")), JsonLinesKind::Documents).then_some(InSteps::JsonLines),
        "json" if name != "labels.json" && first_json_byte(bytes) == Some(b'{') => Some(InSteps::Sorot),
        _ => None,
    }
}

/// The first byte of a JSON file past white space and a byte order mark.
fn first_json_byte(bytes: &[u8]) -> Option<u8> {
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
}

fn line_count(bytes: &[u8]) -> usize {
    bytes.split(|&b| b == b'\n').filter(|line| line.iter().any(|b| !b.is_ascii_whitespace())).count()
}

/// A patterns file's lines carry `pattern` and no `text`.
fn looks_like_patterns(bytes: &[u8]) -> bool {
    let first = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).lines().find(|l| !l.trim().is_empty()).map(str::to_owned);
    first.is_some_and(|line| line.contains("\"pattern\"") && !line.contains("\"text\""))
}

/// Hugging Face rows carry `tokens` and `ner_tags`.
fn looks_like_hf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    head.contains("\"tokens\"") && head.contains("\"ner_tags\"")
}

/// A `.json` file: Label Studio's export (an array of tasks), Sorot's own
/// file (read by [`sorot_json::SorotImport`]), or a label schema.
fn open_json(name: &str, bytes: &[u8], known_labels: &[String]) -> Opened {
    if first_json_byte(bytes) == Some(b'[') {
        return opened_corpus(name, label_studio::import(name, bytes, known_labels));
    }
    match sorot_json::SorotImport::new(name, bytes, known_labels) {
        Ok(mut import) => {
            import.read_documents(usize::MAX);
            opened_sorot(name, import)
        }
        Err(error) => opened_corpus(name, Err(error)),
    }
}

/// What a Sorot file read to its end came to: its documents with the
/// schema it carries, or the schema alone.
pub fn opened_sorot(name: &str, mut import: sorot_json::SorotImport<'_>) -> Opened {
    match (import.only_schema(), import.take_schema()) {
        (true, Some(Ok(schema))) => Opened::Schema { name: name.to_owned(), schema },
        (true, Some(Err(problem))) => Opened::Failed { name: name.to_owned(), problem: format!("{name}: {problem}") },
        (_, schema) => match opened_corpus(name, import.finish()) {
            Opened::Corpus { source, corpus, report, .. } => Opened::Corpus { source, corpus, report, schema },
            other => other,
        },
    }
}

/// What reading JSON Lines in the unit asked for came to; when its
/// spans fit another unit better, the file as read in that unit (`read`
/// reads it in a unit), offered instead.
pub fn in_likely_unit(
    name: &str,
    asked: Result<(Corpus, ImportReport), FormatError>,
    read: impl FnOnce(OffsetUnit) -> Result<(Corpus, ImportReport), FormatError>,
) -> Opened {
    let likely = asked.as_ref().ok().and_then(|(_, report)| report.likely_unit());
    match (likely, asked) {
        (Some(likely), Ok(asked)) => match read(likely) {
            Ok(in_likely) => {
                Opened::DoubtfulUnit { source: name.to_owned(), asked: Box::new(asked), likely, in_likely: Box::new(in_likely) }
            }
            Err(_) => opened_corpus(name, Ok(asked)),
        },
        (_, asked) => opened_corpus(name, asked),
    }
}

/// What reading a corpus file came to.
pub fn opened_corpus(name: &str, result: Result<(Corpus, ImportReport), FormatError>) -> Opened {
    match result {
        Ok((corpus, report)) => Opened::Corpus { source: name.to_owned(), corpus, report, schema: None },
        Err(error) => Opened::Failed { name: name.to_owned(), problem: error.to_string() },
    }
}

impl Opened {
    /// The action that opens what the file held: documents, or an offer
    /// (open a text with replacements, read doccano in its likely unit,
    /// adopt a schema), or the problem.
    pub fn into_action(self) -> Action {
        let action: Action = match self {
            Opened::Text { name, text } => WorkAction::OpenText { name, text }.into(),
            Opened::BadText { name, problem, bytes } => SessionAction::Offer {
                message: format!("{name}: {problem}. Open it anyway with each bad byte shown as \u{fffd}?"),
                accept: "Open with \u{fffd} replacements".to_owned(),
                action: Box::new(
                    WorkAction::OpenText { name: replaced_name(&name), text: String::from_utf8_lossy(&bytes).into_owned() }.into(),
                ),
            }
            .into(),
            Opened::DoubtfulUnit { source, asked, likely, in_likely } => {
                let doubt =
                    asked.1.problems.iter().find(|p| matches!(p.kind, ProblemKind::LikelyOffsetUnit { .. })).map(ToString::to_string);
                let (corpus, report) = *in_likely;
                SessionAction::Offer {
                    message: format!("{}. Nothing is opened yet.", doubt.unwrap_or_default()),
                    accept: format!("Open reading {}", likely.name()),
                    action: Box::new(Opened::Corpus { source, corpus, report, schema: None }.into_action()),
                }
                .into()
            }
            Opened::Corpus { source, corpus, report, schema } => {
                let mut corpus = CorpusInSteps::new(source, corpus, report, schema);
                corpus.step(usize::MAX);
                corpus.into_action()
            }
            Opened::Patterns { name, jsonl } => WorkAction::LoadPatterns { name, jsonl }.into(),
            Opened::Schema { name, schema } => SessionAction::Offer {
                message: format!("{name} is a label schema: {}.", schema.names().join(", ")),
                accept: "Adopt this schema".to_owned(),
                action: Box::new(WorkAction::AdoptSchema(schema).into()),
            }
            .into(),
            Opened::Failed { problem, .. } => SessionAction::ReportProblem(problem).into(),
        };
        action
    }
}

/// An opened corpus whose documents are made ready for the model (split
/// into blocks: [`CorpusDocument::into_imported`]) a few at a time, so the
/// page paints in between; then it is one action, one transaction.
pub struct CorpusInSteps {
    source: String,
    report: ImportReport,
    schema: Option<Result<Schema, String>>,
    match_by_text: bool,
    pending: std::vec::IntoIter<CorpusDocument>,
    ready: Vec<ImportedDocument>,
}

impl CorpusInSteps {
    pub fn new(source: String, corpus: Corpus, report: ImportReport, schema: Option<Result<Schema, String>>) -> Self {
        // A doccano file numbers documents itself: open ones with the same text name them.
        let match_by_text = report.offsets.is_some();
        let ready = Vec::with_capacity(corpus.documents.len());
        CorpusInSteps { source, report, schema, match_by_text, pending: corpus.documents.into_iter(), ready }
    }

    /// The action that opens the documents made ready, with what the file
    /// had wrong and the schema it carries.
    pub fn into_action(self) -> Action {
        let CorpusInSteps { source, report, schema, ready, .. } = self;
        import_action(source, ready, report, schema, ImportPart::Whole)
    }
}

/// The action that opens `documents` of the file `source` as `part`, with
/// what the file had wrong (`report`) and the schema it carries.
fn import_action(
    source: String,
    documents: Vec<ImportedDocument>,
    report: ImportReport,
    schema: Option<Result<Schema, String>>,
    part: ImportPart,
) -> Action {
    let mut problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    let schema = match schema {
        Some(Ok(schema)) => Some(schema),
        Some(Err(problem)) => {
            problems.push(format!("{source}: its schema was not read: {problem}"));
            None
        }
        None => None,
    };
    // A doccano file says where its unit mattered.
    let note = report.offsets.filter(|reading| reading.documents > 0).map(|reading| reading.to_string());
    let tally = (!report.problems.is_empty()).then(|| report.tally());
    WorkAction::ImportDocuments { source, documents, problems, schema, note, tally, part }.into()
}

/// A Sorot file opened while it is read: each part ([`Stepwise::take_part`]) opens the
/// documents read since the last, the first part showing the file's first
/// document at once, and [`Self::last_part`] opens the rest and says what
/// the whole file came to. A corpus of thousands of documents so shows
/// its first in the time a small file takes, and can be annotated while
/// the rest arrive.
pub struct SorotInParts<'a> {
    source: String,
    /// The file's number among those opened in parts (see [`ImportPart`]).
    file: u32,
    import: sorot_json::SorotImport<'a>,
    /// Documents read and made documents, not yet in a part.
    ready: Vec<ImportedDocument>,
    parts: usize,
}

impl<'a> SorotInParts<'a> {
    /// `file` is a number no other file opened in parts has had.
    pub fn new(file: u32, name: &str, import: sorot_json::SorotImport<'a>) -> Self {
        SorotInParts { source: name.to_owned(), file, import, ready: Vec::new(), parts: 0 }
    }

    /// The action that opens the documents not yet in a part and says what
    /// the file came to (a whole import if no part was taken), or the
    /// problem when the file held no document Sorot can open.
    pub fn last_part(mut self) -> Action {
        let schema = self.import.take_schema();
        let part = if self.parts == 0 { ImportPart::Whole } else { ImportPart::Last(self.file) };
        match self.import.finish() {
            Ok((corpus, report)) => {
                let mut documents = self.ready;
                documents.extend(corpus.into_imported(false));
                import_action(self.source, documents, report, schema, part)
            }
            Err(refusal) => opened_corpus(&self.source, Err(refusal)).into_action(),
        }
    }
}

impl Stepwise for SorotInParts<'_> {
    /// Reads up to `count` more documents and makes them documents.
    fn step(&mut self, count: usize) {
        self.import.read_documents(count);
        self.ready.extend(self.import.take_read().into_iter().map(|document| document.into_imported(false)));
    }

    fn progress(&self) -> (usize, usize) {
        self.import.progress()
    }

    fn is_done(&self) -> bool {
        self.import.is_done()
    }

    /// The action that opens the documents read since the last part, if
    /// any were.
    fn take_part(&mut self) -> Option<Action> {
        if self.ready.is_empty() {
            return None;
        }
        let part = if self.parts == 0 { ImportPart::First(self.file) } else { ImportPart::More(self.file) };
        self.parts += 1;
        let documents = std::mem::take(&mut self.ready);
        Some(import_action(self.source.clone(), documents, ImportReport::default(), None, part))
    }
}

impl Stepwise for CorpusInSteps {
    /// Makes up to `count` more documents ready.
    fn step(&mut self, count: usize) {
        let match_by_text = self.match_by_text;
        self.ready.extend(self.pending.by_ref().take(count).map(|doc| doc.into_imported(match_by_text)));
    }

    /// Documents ready, and documents in all.
    fn progress(&self) -> (usize, usize) {
        (self.ready.len(), self.ready.len() + self.pending.len())
    }

    fn is_done(&self) -> bool {
        self.pending.len() == 0
    }
}

/// "berita.txt" -> "berita (with replacements).txt": the document id then
/// says that its text is not the file's exact bytes.
fn replaced_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem} (with replacements).{extension}"),
        None => format!("{name} (with replacements)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(opened: &[Opened]) -> Vec<String> {
        opened
            .iter()
            .map(|o| match o {
                Opened::Text { name, .. } => format!("text {name}"),
                Opened::BadText { name, .. } => format!("bad {name}"),
                Opened::Corpus { source, corpus, .. } => format!("corpus {source} ({})", corpus.documents.len()),
                Opened::DoubtfulUnit { source, likely, .. } => format!("doubtful {source} ({})", likely.key()),
                Opened::Failed { name, .. } => format!("failed {name}"),
                Opened::Schema { name, .. } => format!("schema {name}"),
                Opened::Patterns { name, .. } => format!("patterns {name}"),
            })
            .collect()
    }

    #[test]
    fn a_file_past_the_page_limit_is_refused_before_it_is_read() {
        let limit = MAX_PAGE_FILE_BYTES as f64;
        assert!(refused_by_size("korpus.jsonl", limit).is_none());
        match refused_by_size("korpus.jsonl", limit + 1.0).map(Opened::into_action) {
            Some(Action::Session(SessionAction::ReportProblem(problem))) => {
                assert_eq!(problem, "korpus.jsonl is 67 MB; Sorot opens files up to 67 MB. Split it into smaller files and open those.")
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn pasted_text_opens_as_a_document_and_white_space_does_not() {
        assert!(pasted(" \n\t\u{a0}".to_owned()).is_none());
        match pasted("Великий Новгород 👨🏻\u{200d}🚒".to_owned()).map(Opened::into_action) {
            Some(Action::Work(WorkAction::OpenText { name, text })) => {
                assert_eq!((name.as_str(), text.as_str()), ("pasted.txt", "Великий Новгород 👨🏻\u{200d}🚒"))
            }
            other => panic!("expected a new document, got {other:?}"),
        }
    }

    #[test]
    fn a_jsonl_of_a_million_lines_is_refused_by_its_size() {
        let line = b"{\"text\": \"Di Bali\"}\n";
        let bytes: Vec<u8> = line.iter().copied().cycle().take(line.len() * 1_000_000).collect();
        let opened = open_files(&[("besar.jsonl".to_owned(), bytes)], &[], OffsetUnit::Utf16);
        match &opened[..] {
            [Opened::Failed { problem, .. }] => assert!(problem.starts_with("besar.jsonl has 1000000 lines"), "{problem}"),
            other => panic!("expected a refusal, got {}", names(other).join(", ")),
        }
    }

    #[test]
    fn files_are_routed_by_name_and_content() {
        let labels: Vec<String> = ["ACTOR", "LOCATION"].map(String::from).to_vec();
        let files: Vec<(String, Vec<u8>)> = [
            ("a.txt", "Judul\nDi Bali".as_bytes()),
            ("b.txt", b"Kao Kim Hourn"),
            ("b.ann", b"T1\tACTOR 0 13\tKao Kim Hourn\n"),
            ("c.jsonl", br#"{"text": "Di Bali", "spans": [{"start": 3, "end": 7, "label": "LOCATION"}]}"#),
            ("d.json", br#"[{"id": 1, "data": {"text": "Di Bali"}, "annotations": []}]"#),
            ("e.json", br#"{"format": "sorot", "version": 1, "documents": [{"id": "x", "text": "Di Bali", "spans": []}]}"#),
            ("f.txt", b"Caf\xe9"),
            ("g.pdf", b"%PDF"),
            ("team.schema.json", br#"{"labels": [{"name": "ORG"}]}"#),
            ("places.jsonl", br#"{"label": "LOCATION", "pattern": "Shwe Kokko"}"#),
        ]
        .into_iter()
        .map(|(n, b)| (n.to_owned(), b.to_vec()))
        .collect();
        let opened = open_files(&files, &labels, OffsetUnit::Utf16);
        assert_eq!(
            names(&opened),
            [
                "text a.txt",
                "corpus c.jsonl (1)",
                "corpus d.json (1)",
                "corpus e.json (1)",
                "bad f.txt",
                "failed g.pdf",
                "schema team.schema.json",
                "patterns places.jsonl",
                "corpus b.txt, b.ann (1)"
            ]
        );
    }

    #[test]
    fn what_a_file_held_becomes_one_action() {
        let labels: Vec<String> = ["ACTOR", "LOCATION"].map(String::from).to_vec();
        let files: Vec<(String, Vec<u8>)> = vec![
            ("berita.txt".into(), b"Caf\xe9 di Bali".to_vec()),
            ("d.jsonl".into(), "{\"id\": 7, \"text\": \"Ke 🇮🇩 Bali\", \"label\": [[7, 11, \"LOCATION\"]]}\n".as_bytes().to_vec()),
            ("g.jsonl".into(), "{\"id\": 8, \"text\": \"Ke 🇮🇩 Bali\", \"label\": [[4, 8, \"LOCATION\"]]}\n".as_bytes().to_vec()),
        ];
        let actions: Vec<Action> = open_files(&files, &labels, OffsetUnit::Utf16).into_iter().map(Opened::into_action).collect();
        match &actions[..] {
            [Action::Session(SessionAction::Offer { accept, action, .. }), Action::Work(WorkAction::ImportDocuments { documents, note, .. }), Action::Session(SessionAction::Offer { message, accept: reread, .. })] =>
            {
                assert_eq!(accept, "Open with \u{fffd} replacements");
                assert!(matches!(&**action, Action::Work(WorkAction::OpenText { name, .. }) if name == "berita (with replacements).txt"));
                // doccano's own numbers: matched by text; the unit is said.
                assert!(documents[0].match_by_text);
                assert_eq!(
                    note.as_deref(),
                    Some("offsets read as UTF-16 code units (1 document holds characters that count differently in code points)")
                );
                // Spans that fit grapheme clusters, not UTF-16: offered, not opened.
                assert_eq!(reread, "Open reading grapheme clusters");
                assert!(message.ends_with("Nothing is opened yet."), "{message}");
            }
            other => panic!("unexpected actions: {other:?}"),
        }
    }

    #[test]
    fn a_sorot_file_opened_in_parts_opens_what_it_opens_whole() {
        let labels: Vec<String> = ["ACTOR", "LOCATION"].map(String::from).to_vec();
        let documents: Vec<String> = (0..25)
            .map(|n| match n {
                12 => "{\"id\": \"d12\", \"text\": }".to_owned(),
                _ => format!("{{\"id\": \"d{n}\", \"text\": \"Korban {n} di Bali 🇮🇩\", \"spans\": [{{\"start\": 10, \"end\": 14, \"label\": \"LOCATION\"}}]}}"),
            })
            .collect();
        let file = format!("{{\"format\": \"sorot\", \"version\": 1,\n\"documents\": [\n{}\n]}}", documents.join(",\n"));
        let import = || sorot_json::SorotImport::new("c.json", file.as_bytes(), &labels).unwrap();

        let mut read_whole = import();
        read_whole.read_documents(usize::MAX);
        let Opened::Corpus { corpus, report, .. } = opened_sorot("c.json", read_whole) else { panic!("not a corpus") };
        let mut whole = CorpusInSteps::new("c.json".into(), corpus, report, None);
        whole.step(usize::MAX);
        let Action::Work(WorkAction::ImportDocuments { documents: all, problems: whole_problems, .. }) = whole.into_action() else {
            panic!()
        };

        let mut parts = SorotInParts::new(3, "c.json", import());
        let mut actions = Vec::new();
        while !parts.is_done() {
            parts.step(7);
            actions.extend(parts.take_part());
        }
        assert!(parts.take_part().is_none(), "nothing new, no part");
        actions.push(parts.last_part());
        let mut opened = Vec::new();
        for (i, action) in actions.into_iter().enumerate() {
            let Action::Work(WorkAction::ImportDocuments { documents, problems, part, .. }) = action else { panic!("not an import") };
            let expected = match i {
                0 => ImportPart::First(3),
                4 => ImportPart::Last(3),
                _ => ImportPart::More(3),
            };
            assert_eq!(part, expected, "part {i}");
            // What the file had wrong is said once, with the last part.
            assert_eq!(problems, if i == 4 { whole_problems.clone() } else { Vec::new() }, "part {i}");
            opened.extend(documents);
        }
        assert_eq!(opened.len(), 24);
        assert_eq!(opened, all);
        assert!(whole_problems.iter().any(|p| p.contains("line 15")), "{whole_problems:?}");

        // Read in one step, it is one whole import.
        let mut at_once = SorotInParts::new(4, "c.json", import());
        at_once.step(100);
        let Action::Work(WorkAction::ImportDocuments { documents, part, .. }) = at_once.last_part() else { panic!() };
        assert_eq!((documents.len(), part), (24, ImportPart::Whole));
    }
}
