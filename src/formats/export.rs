//! Exporting in any format: the files to write and, for the flat token
//! formats, the notes on every span they could not hold as it is (dropped,
//! widened to whole tokens, split at a line end, value lost) — shown before
//! the download and written beside the data, so nothing changes silently.

use super::{brat, conll, doccano, hf, jsonl, label_studio, sorot_json, zip, Corpus, OutputFile, Stepwise};
use crate::model::offsets::OffsetUnit;
use crate::model::{AppState, Schema};

/// Every format Sorot exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Sorot,
    Jsonl,
    /// doccano's JSON Lines, offsets counted in this unit.
    Doccano(OffsetUnit),
    LabelStudio,
    Brat,
    Conll,
    HuggingFace,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Sorot,
        ExportFormat::Jsonl,
        ExportFormat::Doccano(OffsetUnit::DOCCANO_DEFAULT),
        ExportFormat::LabelStudio,
        ExportFormat::Brat,
        ExportFormat::Conll,
        ExportFormat::HuggingFace,
    ];

    /// The name shown in the export menu.
    pub fn title(self) -> &'static str {
        match self {
            ExportFormat::Sorot => "Sorot JSON",
            ExportFormat::Jsonl => "JSONL spans (spaCy, Prodigy)",
            ExportFormat::Doccano(_) => "doccano JSONL",
            ExportFormat::LabelStudio => "Label Studio JSON",
            ExportFormat::Brat => "brat .txt + .ann",
            ExportFormat::Conll => "CoNLL IOB2",
            ExportFormat::HuggingFace => "Hugging Face tokens JSONL",
        }
    }

    /// How the name of the (first) file written ends.
    pub fn suffix(self) -> &'static str {
        match self {
            ExportFormat::Sorot => ".sorot.json",
            ExportFormat::Jsonl => ".jsonl",
            ExportFormat::Doccano(_) => ".doccano.jsonl",
            ExportFormat::LabelStudio => ".label-studio.json",
            ExportFormat::Brat => ".brat.zip",
            ExportFormat::Conll => ".conll",
            ExportFormat::HuggingFace => ".hf.jsonl",
        }
    }

    /// A short stable name, for menus and tests.
    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::Sorot => "sorot",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Doccano(_) => "doccano",
            ExportFormat::LabelStudio => "label-studio",
            ExportFormat::Brat => "brat",
            ExportFormat::Conll => "conll",
            ExportFormat::HuggingFace => "hf",
        }
    }
}

/// An export: its files, and what the format could not hold (one line per
/// dropped or changed span; empty when nothing was lost).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub files: Vec<ExportFile>,
    pub notes: Vec<String>,
}

/// How many notes the question before a download shows.
const NOTES_ASKED_ABOUT: usize = 12;

impl Export {
    /// The question to ask before downloading, when the export has notes:
    /// what the format cannot hold, then the first notes.
    pub fn question(&self, format: ExportFormat) -> Option<String> {
        if self.notes.is_empty() {
            return None;
        }
        let count = self.notes.len();
        let mut shown = self.notes.iter().take(NOTES_ASKED_ABOUT).cloned().collect::<Vec<_>>().join("\n");
        if count > NOTES_ASKED_ABOUT {
            shown.push_str(&format!("\n\u{2026} and {} more", count - NOTES_ASKED_ABOUT));
        }
        let plural = if count == 1 { "" } else { "s" };
        Some(format!("{}\n{count} note{plural}, saved beside the data:\n\n{shown}\n\nExport anyway?", notes_heading(format)))
    }
}

/// The notes file written beside an export: the heading, then a note a line.
pub fn notes_file(format: ExportFormat, notes: &[String]) -> String {
    format!("{}\n{}\n", notes_heading(format), notes.join("\n"))
}

/// What a format cannot hold, heading its notes.
fn notes_heading(format: ExportFormat) -> String {
    if let ExportFormat::Doccano(unit) = format {
        return format!(
            "doccano JSONL counting {} cannot end a span inside one, so these spans were widened to whole clusters:",
            unit.name()
        );
    }
    format!(
        "{} tags whole tokens, one label each, with no values, so these spans change or are left out \
         (of overlapping spans the longest, then the earliest, is kept):",
        format.title()
    )
}

/// One file to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Exports `corpus` as `format`; file names start with `stem`. A Sorot file
/// carries `schema`.
pub fn export(corpus: &Corpus, schema: &Schema, format: ExportFormat, stem: &str) -> Export {
    let file = |contents: String| OutputFile { name: format!("{stem}{}", format.suffix()), contents };
    let (files, notes): (Vec<OutputFile>, Vec<String>) = match format {
        ExportFormat::Sorot => (vec![file(sorot_json::export_with_schema(corpus, Some(schema)))], vec![]),
        ExportFormat::Jsonl => (vec![file(jsonl::export(corpus))], vec![]),
        ExportFormat::Doccano(unit) => {
            let (contents, notes) = doccano::export(corpus, unit);
            (vec![file(contents)], notes)
        }
        ExportFormat::LabelStudio => (vec![file(label_studio::export(corpus))], vec![]),
        ExportFormat::Brat => (vec![], vec![]),
        ExportFormat::Conll => {
            let flat = conll::export(corpus);
            (vec![file(flat.contents)], flat.notes.iter().map(ToString::to_string).collect())
        }
        ExportFormat::HuggingFace => {
            let flat = hf::export(corpus);
            let labels = OutputFile { name: "labels.json".to_owned(), contents: flat.labels };
            (vec![file(flat.rows), labels], flat.notes.iter().map(ToString::to_string).collect())
        }
    };
    let mut files: Vec<ExportFile> = files.into_iter().map(|f| ExportFile { name: f.name, bytes: f.contents.into_bytes() }).collect();
    if format == ExportFormat::Brat {
        // brat is a folder of files: one archive, one download.
        files.push(ExportFile { name: format!("{stem}{}", format.suffix()), bytes: zip::store(&brat::export(corpus)) });
    }
    if !notes.is_empty() {
        let report = notes_file(format, &notes);
        let data_name = files[0].name.clone();
        files.push(ExportFile { name: format!("{data_name}.notes.txt"), bytes: report.into_bytes() });
    }
    Export { files, notes }
}

/// An export written a few documents at a time, so the app can show how
/// far it has got and stay responsive; [`export`] writes it all at once.
/// Sorot JSON and JSON Lines are written document by document; the other
/// formats in one step.
pub struct ExportJob {
    corpus: Corpus,
    schema: Schema,
    format: ExportFormat,
    stem: String,
    /// The pieces written so far, one per document.
    pieces: Vec<String>,
    /// The whole export, once written.
    finished: Option<Export>,
}

impl ExportJob {
    pub fn new(corpus: Corpus, schema: Schema, format: ExportFormat, stem: &str) -> Self {
        ExportJob { corpus, schema, format, stem: stem.to_owned(), pieces: Vec::new(), finished: None }
    }

    /// *Export as…* in the page: every open document, as `sorot-corpus.*`,
    /// or only the shown one, named by its id.
    pub fn of_state(state: &AppState, format: ExportFormat, shown_only: bool) -> Self {
        let schema = (**state.schema()).clone();
        if shown_only {
            ExportJob::new(Corpus::of_shown(state), schema, format, state.current().document.id())
        } else {
            ExportJob::new(Corpus::from_state(state), schema, format, "sorot-corpus")
        }
    }

    /// Writes up to `count` more documents.
    pub fn write_documents(&mut self, count: usize) {
        if self.finished.is_some() {
            return;
        }
        let next = self.pieces.len();
        let until = next.saturating_add(count).min(self.corpus.documents.len());
        let documents = &self.corpus.documents[next..until];
        match self.format {
            ExportFormat::Sorot => self.pieces.extend(documents.iter().map(sorot_json::document_piece)),
            ExportFormat::Jsonl => self.pieces.extend(documents.iter().map(jsonl::export_line)),
            _ => {
                self.finished = Some(export(&self.corpus, &self.schema, self.format, &self.stem));
                return;
            }
        }
        if self.pieces.len() == self.corpus.documents.len() {
            let contents = match self.format {
                ExportFormat::Sorot => sorot_json::join_pieces(&sorot_json::head(&self.corpus, Some(&self.schema)), &self.pieces),
                _ => self.pieces.concat(),
            };
            let file = ExportFile { name: format!("{}{}", self.stem, self.format.suffix()), bytes: contents.into_bytes() };
            self.finished = Some(Export { files: vec![file], notes: Vec::new() });
        }
    }

    /// The export, once every document is written.
    pub fn finish(self) -> Option<Export> {
        self.finished
    }
}

impl Stepwise for ExportJob {
    fn step(&mut self, count: usize) {
        self.write_documents(count);
    }

    /// Documents written, and documents in all.
    fn progress(&self) -> (usize, usize) {
        let total = self.corpus.documents.len();
        (if self.finished.is_some() { total } else { self.pieces.len() }, total)
    }

    fn is_done(&self) -> bool {
        self.finished.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_written_in_steps_is_the_export_written_at_once() {
        let mut corpus = nested_corpus();
        let mut second = corpus.documents[0].clone();
        second.id = "kedua".into();
        second.text = "Великий 👨🏻\u{200d}🚒 di Myawaddy".into();
        second.spans.clear();
        corpus.documents.push(second.clone());
        corpus.documents.push(CorpusDocument { id: "ketiga".into(), ..second });
        let schema = Schema::default();
        for format in ExportFormat::ALL {
            for step in [1, 2, 10] {
                let mut job = ExportJob::new(corpus.clone(), schema.clone(), format, "sorot");
                let mut steps = 0;
                while !job.is_done() {
                    job.write_documents(step);
                    steps += 1;
                    assert!(steps <= 4, "{format:?} never finishes");
                }
                assert_eq!(job.progress(), (3, 3));
                assert_eq!(job.finish(), Some(export(&corpus, &schema, format, "sorot")), "{format:?} by {step}");
            }
        }
        let mut empty = ExportJob::new(Corpus::default(), schema.clone(), ExportFormat::Sorot, "x");
        empty.write_documents(5);
        assert_eq!(empty.finish(), Some(export(&Corpus::default(), &schema, ExportFormat::Sorot, "x")));
    }
    use crate::formats::{CorpusDocument, CorpusSpan};

    fn nested_corpus() -> Corpus {
        let text = "ASEAN menangkal isu ini di Myawaddy".to_owned();
        Corpus {
            labels: vec!["ACTOR".into(), "LOCATION".into(), "POLICY_CALL".into()],
            documents: vec![CorpusDocument {
                id: "d".into(),
                title: text.clone(),
                spans: vec![CorpusSpan::new(0, 5, "ACTOR"), CorpusSpan::new(0, 35, "POLICY_CALL"), CorpusSpan::new(27, 35, "LOCATION")],
                text,
                ..CorpusDocument::default()
            }],
        }
    }

    #[test]
    fn flat_formats_report_what_they_dropped_and_write_it_beside_the_data() {
        let export = export(&nested_corpus(), &Schema::default(), ExportFormat::Conll, "sorot");
        assert_eq!(export.notes.len(), 2, "{:?}", export.notes);
        let names: Vec<_> = export.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["sorot.conll", "sorot.conll.notes.txt"]);
        assert!(String::from_utf8_lossy(&export.files[1].bytes).contains("ASEAN"));
    }

    /// A span ending inside "TPPOSekretaris", beside the nested ones.
    fn cutting_corpus() -> Corpus {
        let mut corpus = nested_corpus();
        let text = "Kata kunci: TPPOSekretaris 🇮🇩".to_owned();
        corpus.documents.push(CorpusDocument {
            id: "glued".into(),
            title: text.clone(),
            spans: vec![CorpusSpan::new(12, 16, "ACTOR")],
            text,
            ..CorpusDocument::default()
        });
        corpus
    }

    #[test]
    fn flat_formats_say_when_an_edge_cuts_a_token_before_and_beside_the_download() {
        let note = "doc \"glued\": ACTOR 12..16 \"TPPO\": ends inside the token \"TPPOSekretaris\" (12..26): exported as the whole token";
        for format in [ExportFormat::Conll, ExportFormat::HuggingFace] {
            let export = export(&cutting_corpus(), &Schema::default(), format, "sorot");
            assert_eq!(export.notes.last().map(String::as_str), Some(note), "{format:?}");
            let question = export.question(format).unwrap_or_default();
            assert!(question.starts_with(&format!("{} tags whole tokens", format.title())), "{question}");
            assert!(question.contains("3 notes, saved beside the data:\n\n") && question.contains(note), "{question}");
            let file = export.files.last().map(|f| String::from_utf8_lossy(&f.bytes).into_owned()).unwrap_or_default();
            assert!(file.ends_with(&format!("{note}\n")), "{file}");
        }
        let sorot = export(&cutting_corpus(), &Schema::default(), ExportFormat::Sorot, "sorot");
        assert_eq!(sorot.question(ExportFormat::Sorot), None);
    }

    #[test]
    fn the_question_shows_the_first_notes_and_counts_the_rest() {
        let export = Export { files: vec![], notes: (1..=14).map(|n| format!("catatan {n}")).collect() };
        let question = export.question(ExportFormat::Conll).unwrap_or_default();
        assert!(question.contains("14 notes") && question.contains("catatan 12\n\u{2026} and 2 more\n\nExport anyway?"), "{question}");
        assert!(!question.contains("catatan 13"));
    }

    #[test]
    fn span_formats_lose_nothing() {
        for format in ExportFormat::ALL.into_iter().filter(|f| !matches!(f, ExportFormat::Conll | ExportFormat::HuggingFace)) {
            let export = export(&nested_corpus(), &Schema::default(), format, "sorot");
            assert!(export.notes.is_empty(), "{format:?}");
            assert!(export.files.iter().all(|f| !f.name.ends_with(".notes.txt")));
        }
        let hf = export(&nested_corpus(), &Schema::default(), ExportFormat::HuggingFace, "sorot");
        assert_eq!(
            hf.files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
            ["sorot.hf.jsonl", "labels.json", "sorot.hf.jsonl.notes.txt"]
        );
        let brat = export(&nested_corpus(), &Schema::default(), ExportFormat::Brat, "sorot");
        assert_eq!(brat.files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["sorot.brat.zip"]);
    }

    #[test]
    fn the_page_exports_every_document_or_only_the_shown_one_named_by_its_id() {
        let mut state = AppState::with_document(crate::model::Document::new("pertama", "Kao di Bali"));
        state.apply(crate::model::WorkAction::OpenText { name: "kedua.txt".into(), text: "Ke 🇮🇩 Bali".into() }).unwrap();
        let mut all = ExportJob::of_state(&state, ExportFormat::Jsonl, false);
        all.write_documents(10);
        let all = all.finish().unwrap();
        assert_eq!(all.files[0].name, "sorot-corpus.jsonl");
        assert_eq!(String::from_utf8_lossy(&all.files[0].bytes).lines().count(), 2);
        let mut shown = ExportJob::of_state(&state, ExportFormat::Jsonl, true);
        shown.write_documents(10);
        let shown = shown.finish().unwrap();
        assert_eq!(shown.files[0].name, "kedua.jsonl");
        let text = String::from_utf8_lossy(&shown.files[0].bytes).into_owned();
        assert!(text.lines().count() == 1 && text.contains("\"id\":\"kedua\""), "{text}");
    }
}
