//! The agreement report of a team: every pair of annotators, every label,
//! every text. Documents are matched across annotators by the SHA-256 of
//! their text ([`crate::formats::corpus::text_sha256`]), never by id or
//! title, so renamed or re-titled copies of one text still meet.
//!
//! What each figure covers:
//! - a pair's span scores and Cohen's κ: the texts both annotated;
//! - Fleiss' κ (three or more annotators) and Krippendorff's αu: the texts
//!   every annotator annotated, laid end to end as one continuum for αu;
//! - a text's row: the annotators who have it. Its F1 is the mean exact F1
//!   of their pairs (pairs where neither has a span are left out); its κ is
//!   Cohen's for two annotators, Fleiss' for more.
//!
//! κ is over tokens with IOB2 tags, tokenised and flattened as the CoNLL
//! export does: overall over the whole tag set, per label with every other
//! label read as `O`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::kappa::{CohenTally, FleissTally};
use super::spans::{LabelScores, Matching};
use super::tags::{token_tags, Tag};
use super::unitizing::{alpha_u, UnitizingAlpha};
use crate::formats::corpus::text_sha256;
use crate::formats::{CorpusDocument, CorpusSpan};
use crate::sort::sort;

/// One annotator's documents.
#[derive(Clone, Debug)]
pub struct Annotator<'a> {
    pub name: String,
    pub documents: Vec<&'a CorpusDocument>,
}

/// The name given to documents that carry no `annotator`.
pub const UNNAMED: &str = "(no annotator)";

/// The documents grouped by their `annotator` field, in order of first
/// appearance; documents without one form the group [`UNNAMED`]. For a
/// file that holds several annotators' work, e.g. from `sorot merge`.
pub fn group_by_annotator(documents: &[CorpusDocument]) -> Vec<Annotator<'_>> {
    let mut groups: Vec<Annotator<'_>> = Vec::new();
    for doc in documents {
        let name = doc.annotator.as_deref().unwrap_or(UNNAMED);
        match groups.iter_mut().find(|g| g.name == name) {
            Some(group) => group.documents.push(doc),
            None => groups.push(Annotator { name: name.to_owned(), documents: vec![doc] }),
        }
    }
    groups
}

/// Agreement of a team, ready to print or to show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementReport {
    pub annotators: Vec<AnnotatorSummary>,
    /// Every label any annotator used, by name.
    pub labels: Vec<String>,
    /// How many texts every annotator annotated.
    pub shared_by_all: usize,
    /// One entry per pair of annotators, `(0, 1)`, `(0, 2)`, … `(1, 2)`, ….
    pub pairs: Vec<PairAgreement>,
    /// Fleiss' κ over the texts every annotator has; three or more annotators only.
    pub fleiss: Option<KappaScores>,
    /// Krippendorff's αu over the texts every annotator has.
    pub alpha_u: Option<UnitizingAlpha>,
    /// One row per text, in order of first appearance.
    pub documents: Vec<DocumentAgreement>,
}

/// What one annotator brought.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnnotatorSummary {
    pub name: String,
    pub documents: usize,
    pub spans: usize,
    /// Documents whose text came earlier in the same annotator's set: left
    /// out, the first copy counts.
    pub repeated_texts: usize,
}

/// Agreement of annotators `a` and `b` (indices into the annotators).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairAgreement {
    pub a: usize,
    pub b: usize,
    /// How many texts both annotated.
    pub documents: usize,
    pub exact: LabelScores,
    pub overlap: LabelScores,
    pub kappa: KappaScores,
}

/// κ over tokens, overall and per label.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct KappaScores {
    pub tokens: u64,
    /// Over the IOB2 tags; `None` when undefined (e.g. every token `O`).
    pub overall: Option<f64>,
    pub per_label: BTreeMap<String, Option<f64>>,
}

/// One text's row in the document table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentAgreement {
    pub text_sha256: String,
    /// Id and title as the first annotator who has the text gives them.
    pub id: String,
    pub title: String,
    /// Each annotator's span count; `None` where the annotator lacks the text.
    pub spans: Vec<Option<usize>>,
    pub exact_f1: Option<f64>,
    pub kappa: Option<f64>,
}

/// The report for `annotators`.
pub fn agreement(annotators: &[Annotator<'_>]) -> AgreementReport {
    let (texts, summaries) = match_texts(annotators);
    let mut labels: Vec<String> = annotators.iter().flat_map(|a| &a.documents).flat_map(|d| &d.spans).map(|s| s.label.clone()).collect();
    sort(&mut labels);
    labels.dedup();
    let label_ids: HashMap<&str, u32> = (0..).zip(&labels).map(|(k, l)| (l.as_str(), k)).collect();
    let m = annotators.len();
    let mut pairs: Vec<PairTally> =
        (0..m).flat_map(|a| (a + 1..m).map(move |b| (a, b))).map(|(a, b)| PairTally::new(a, b, labels.len())).collect();
    let mut fleiss = (m >= 3).then(|| KappaTally::<FleissTally>::new(labels.len()));
    let mut continuum = Continuum { length: 0, spans: vec![Vec::new(); m] };
    let mut documents = Vec::with_capacity(texts.len());
    for text in texts {
        let present = text.docs.iter().flatten().count();
        let tags: Vec<Option<Vec<Tag>>> = text.docs.iter().map(|d| d.filter(|_| present >= 2).map(|d| token_tags(d, &label_ids))).collect();
        let mut f1s = Vec::new();
        for pair in &mut pairs {
            if let (Some(x), Some(y), Some(x_tags), Some(y_tags)) = (text.docs[pair.a], text.docs[pair.b], &tags[pair.a], &tags[pair.b]) {
                f1s.extend(pair.add(x, y, x_tags, y_tags));
            }
        }
        let present_tags: Vec<&Vec<Tag>> = tags.iter().flatten().collect();
        let kappa = match present_tags.len() {
            2 => text_kappa::<CohenTally>(&present_tags),
            3.. => text_kappa::<FleissTally>(&present_tags),
            _ => None,
        };
        if present == m {
            if let Some(fleiss) = &mut fleiss {
                fleiss.add_all(&present_tags);
            }
            continuum.add(&text.docs);
        }
        documents.push(DocumentAgreement {
            text_sha256: text.sha,
            id: text.first.id.clone(),
            title: text.first.title.clone(),
            spans: text.docs.iter().map(|d| d.map(|d| d.spans.len())).collect(),
            exact_f1: (!f1s.is_empty()).then(|| f1s.iter().sum::<f64>() / f1s.len() as f64),
            kappa,
        });
    }
    AgreementReport {
        annotators: summaries,
        shared_by_all: documents.iter().filter(|d| d.spans.iter().all(Option::is_some)).count(),
        pairs: pairs.into_iter().map(|p| p.finish(&labels)).collect(),
        fleiss: fleiss.map(|f| f.finish(&labels)),
        alpha_u: alpha_u(continuum.length, &continuum.spans),
        labels,
        documents,
    }
}

/// One text and each annotator's document of it.
struct Text<'a> {
    sha: String,
    /// The first document of the text met.
    first: &'a CorpusDocument,
    /// One slot per annotator.
    docs: Vec<Option<&'a CorpusDocument>>,
}

/// Every text in order of first appearance, and what each annotator brought.
fn match_texts<'a>(annotators: &[Annotator<'a>]) -> (Vec<Text<'a>>, Vec<AnnotatorSummary>) {
    let mut texts: Vec<Text<'a>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut summaries = Vec::new();
    for (k, annotator) in annotators.iter().enumerate() {
        let mut summary = AnnotatorSummary { name: annotator.name.clone(), documents: 0, spans: 0, repeated_texts: 0 };
        for &doc in &annotator.documents {
            let sha = text_sha256(&doc.text);
            let at = *index.entry(sha.clone()).or_insert_with(|| {
                texts.push(Text { sha, first: doc, docs: vec![None; annotators.len()] });
                texts.len() - 1
            });
            if texts[at].docs[k].is_some() {
                summary.repeated_texts += 1;
                continue;
            }
            texts[at].docs[k] = Some(doc);
            summary.documents += 1;
            summary.spans += doc.spans.len();
        }
        summaries.push(summary);
    }
    (texts, summaries)
}

/// The texts every annotator has, end to end, with each annotator's spans
/// moved to where their text lies.
struct Continuum {
    length: usize,
    spans: Vec<Vec<CorpusSpan>>,
}

impl Continuum {
    /// Appends a text every annotator has.
    fn add(&mut self, docs: &[Option<&CorpusDocument>]) {
        let at = self.length;
        for (spans, doc) in self.spans.iter_mut().zip(docs.iter().flatten()) {
            spans.extend(doc.spans.iter().map(|s| CorpusSpan::new(at + s.start, at + s.end, s.label.clone())));
            self.length = at + doc.text.chars().count();
        }
    }
}

/// One text's κ over the whole tag set.
fn text_kappa<T: Tally>(tags: &[&Vec<Tag>]) -> Option<f64> {
    let mut tally = KappaTally::<T>::new(0);
    tally.add_all(tags);
    tally.overall.value().1
}

/// One pair's running counts.
struct PairTally {
    a: usize,
    b: usize,
    documents: usize,
    exact: LabelScores,
    overlap: LabelScores,
    kappa: KappaTally<CohenTally>,
}

impl PairTally {
    fn new(a: usize, b: usize, labels: usize) -> Self {
        PairTally { a, b, documents: 0, exact: LabelScores::default(), overlap: LabelScores::default(), kappa: KappaTally::new(labels) }
    }

    /// Counts one shared text; returns its exact F1 when defined.
    fn add(&mut self, x: &CorpusDocument, y: &CorpusDocument, x_tags: &[Tag], y_tags: &[Tag]) -> Option<f64> {
        self.documents += 1;
        let exact = LabelScores::of(&x.spans, &y.spans, Matching::Exact);
        self.exact.add(&exact);
        self.overlap.add(&LabelScores::of(&x.spans, &y.spans, Matching::Overlap));
        self.kappa.add_all(&[x_tags, y_tags]);
        exact.overall.f1()
    }

    fn finish(self, labels: &[String]) -> PairAgreement {
        let PairTally { a, b, documents, exact, overlap, kappa } = self;
        PairAgreement { a, b, documents, exact, overlap, kappa: kappa.finish(labels) }
    }
}

/// A κ tally over the whole tag set and one per label.
struct KappaTally<T> {
    overall: T,
    per_label: Vec<T>,
}

/// The two κ tallies, seen alike.
trait Tally: Default {
    fn add_tokens(&mut self, categories: &[u32]);
    fn value(&self) -> (u64, Option<f64>);
}

impl Tally for CohenTally {
    fn add_tokens(&mut self, categories: &[u32]) {
        self.add(categories[0], categories[1]);
    }
    fn value(&self) -> (u64, Option<f64>) {
        (self.items(), self.kappa())
    }
}

impl Tally for FleissTally {
    fn add_tokens(&mut self, categories: &[u32]) {
        self.add(categories);
    }
    fn value(&self) -> (u64, Option<f64>) {
        (self.items(), self.kappa())
    }
}

impl<T: Tally> KappaTally<T> {
    fn new(labels: usize) -> Self {
        KappaTally { overall: T::default(), per_label: (0..labels).map(|_| T::default()).collect() }
    }

    /// Counts every token of one text, given each annotator's tags of it.
    fn add_all<S: AsRef<[Tag]>>(&mut self, tags: &[S]) {
        let tokens = tags[0].as_ref().len();
        let mut categories = vec![0; tags.len()];
        for t in 0..tokens {
            for (category, annotator) in categories.iter_mut().zip(tags) {
                *category = annotator.as_ref()[t].category();
            }
            self.overall.add_tokens(&categories);
            for (k, tally) in (0..).zip(&mut self.per_label) {
                for (category, annotator) in categories.iter_mut().zip(tags) {
                    *category = annotator.as_ref()[t].only(k).category();
                }
                tally.add_tokens(&categories);
            }
        }
    }

    fn finish(self, labels: &[String]) -> KappaScores {
        let (tokens, overall) = self.overall.value();
        let per_label = labels.iter().cloned().zip(self.per_label.iter().map(|t| t.value().1)).collect();
        KappaScores { tokens, overall, per_label }
    }
}
