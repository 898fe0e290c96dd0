//! Exporting in any format: the files to write and, for the flat token
//! formats, the notes on every span they could not hold — shown before the
//! download and written beside the data, so nothing is dropped silently.

use super::{brat, conll, doccano, hf, jsonl, label_studio, sorot_json, zip, Corpus, OutputFile};
use crate::model::Schema;

/// Every format Sorot exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Sorot,
    Jsonl,
    Doccano,
    LabelStudio,
    Brat,
    Conll,
    HuggingFace,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Sorot,
        ExportFormat::Jsonl,
        ExportFormat::Doccano,
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
            ExportFormat::Doccano => "doccano JSONL",
            ExportFormat::LabelStudio => "Label Studio JSON",
            ExportFormat::Brat => "brat .txt + .ann",
            ExportFormat::Conll => "CoNLL IOB2",
            ExportFormat::HuggingFace => "Hugging Face tokens JSONL",
        }
    }

    /// A short stable name, for menus and tests.
    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::Sorot => "sorot",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Doccano => "doccano",
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

/// One file to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Exports `corpus` as `format`; file names start with `stem`. A Sorot file
/// carries `schema`.
pub fn export(corpus: &Corpus, schema: &Schema, format: ExportFormat, stem: &str) -> Export {
    let file = |suffix: &str, contents: String| OutputFile { name: format!("{stem}{suffix}"), contents };
    let (files, notes): (Vec<OutputFile>, Vec<String>) = match format {
        ExportFormat::Sorot => (vec![file(".sorot.json", sorot_json::export_with_schema(corpus, Some(schema)))], vec![]),
        ExportFormat::Jsonl => (vec![file(".jsonl", jsonl::export(corpus))], vec![]),
        ExportFormat::Doccano => (vec![file(".doccano.jsonl", doccano::export(corpus))], vec![]),
        ExportFormat::LabelStudio => (vec![file(".label-studio.json", label_studio::export(corpus))], vec![]),
        ExportFormat::Brat => (vec![], vec![]),
        ExportFormat::Conll => {
            let flat = conll::export(corpus);
            (vec![file(".conll", flat.contents)], flat.notes.iter().map(ToString::to_string).collect())
        }
        ExportFormat::HuggingFace => {
            let flat = hf::export(corpus);
            let labels = OutputFile { name: "labels.json".to_owned(), contents: flat.labels };
            (vec![file(".hf.jsonl", flat.rows), labels], flat.notes.iter().map(ToString::to_string).collect())
        }
    };
    let mut files: Vec<ExportFile> = files.into_iter().map(|f| ExportFile { name: f.name, bytes: f.contents.into_bytes() }).collect();
    if format == ExportFormat::Brat {
        // brat is a folder of files: one archive, one download.
        files.push(ExportFile { name: format!("{stem}.brat.zip"), bytes: zip::store(&brat::export(corpus)) });
    }
    if !notes.is_empty() {
        let report = format!(
            "{} cannot hold nested or overlapping spans. Kept the outermost (longest, then earliest) span and dropped these:\n{}\n",
            format.title(),
            notes.join("\n")
        );
        let data_name = files[0].name.clone();
        files.push(ExportFile { name: format!("{data_name}.notes.txt"), bytes: report.into_bytes() });
    }
    Export { files, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn span_formats_lose_nothing() {
        for format in ExportFormat::ALL.into_iter().filter(|f| !matches!(f, ExportFormat::Conll | ExportFormat::HuggingFace)) {
            let export = export(&nested_corpus(), &Schema::default(), format, "sorot");
            assert!(export.notes.is_empty(), "{format:?}");
            assert!(export.files.iter().all(|f| !f.name.ends_with(".notes.txt")));
        }
        let hf = export(&nested_corpus(), &Schema::default(), ExportFormat::HuggingFace, "sorot");
        assert_eq!(hf.files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["sorot.hf.jsonl", "labels.json", "sorot.hf.jsonl.notes.txt"]);
        let brat = export(&nested_corpus(), &Schema::default(), ExportFormat::Brat, "sorot");
        assert_eq!(brat.files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["sorot.brat.zip"]);
    }
}
