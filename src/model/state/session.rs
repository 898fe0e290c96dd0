//! The session: what this sitting of the annotator has going on besides the
//! work — the message shown, a long task's progress, a screen reader's
//! announcement, why the tab is read-only, changes not yet exported, who is
//! annotating, and the clock new spans are stamped with.

use super::work::OpenedSoFar;
use super::{AppState, Outcome, SessionAction};
use crate::model::ModelError;

use std::rc::Rc;

use super::Action;

/// How far a long task has got: `done` of `total` units of `task`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// What is under way, as the user reads it: "Reading corpus.jsonl".
    pub task: String,
    pub done: usize,
    pub total: usize,
}

/// A message shown to the user until dismissed or replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Something was refused or failed; the work is unchanged.
    Problem(String),
    /// Something worth knowing about what was just done, e.g. the unit a
    /// file's offsets were read in.
    Info(String),
    /// Problems too many to read in a line: the message counts them, the
    /// details list each, shown on demand.
    Report { message: String, details: Rc<[String]> },
    /// A problem with a way out the user may choose, e.g. opening a file
    /// that is not valid UTF-8 with replacement characters.
    Offer { message: String, accept: String, action: Box<Action> },
}

impl Notice {
    /// The message shown.
    pub fn message(&self) -> &str {
        match self {
            Notice::Problem(message) | Notice::Info(message) | Notice::Report { message, .. } | Notice::Offer { message, .. } => message,
        }
    }

    /// A report as the file its "download" link writes: the message, a
    /// blank line, then one problem a line; `None` for any other notice.
    pub fn report_file(&self) -> Option<String> {
        match self {
            Notice::Report { message, details } => Some(format!("{message}\n\n{}\n", details.join("\n"))),
            _ => None,
        }
    }
}

/// The language-specific reading the model leaves to the shell's rules
/// (`suggest::readers()`): the model calls these and holds no rules itself.
/// Without them it reads no count and finds no occurrence.
#[derive(Clone, Copy)]
pub struct Readers {
    /// The count a span's text states, as JSON text: "20 WNI" -> "20".
    pub count: fn(&str) -> Option<Rc<str>>,
    /// A number typed in words or digits, as JSON text: "dua puluh" -> "20".
    pub number: fn(&str) -> Option<Rc<str>>,
    /// The code point ranges where `needle` occurs as whole words in `text`.
    pub occurrences: fn(text: &str, needle: &str, case_sensitive: bool) -> Vec<(usize, usize)>,
    /// How many patterns a patterns file holds, or what is wrong with it.
    pub check_patterns: fn(&str) -> Result<usize, String>,
}

impl Default for Readers {
    fn default() -> Self {
        Readers {
            count: |_| None,
            number: |_| None,
            occurrences: |_, _, _| Vec::new(),
            check_patterns: |_| Err("no pattern reader is loaded".to_owned()),
        }
    }
}

/// Readers are a capability, not state: two states never differ by them.
impl PartialEq for Readers {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Readers {}

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Readers")
    }
}

/// This sitting's messages and status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    pub(super) notice: Option<Notice>,
    pub(super) announcement: Option<String>,
    pub(super) progress: Option<Progress>,
    /// Why this tab refuses changes to the work, if it does.
    pub(super) read_only: Option<String>,
    /// Changes to the work since the last export or save.
    pub(super) unsaved_changes: u32,
    pub(super) annotator: Option<String>,
    /// The time (ms since 1970) new and changed spans are stamped with.
    pub(super) clock: u64,
    /// What the earlier parts of a file being opened in parts came to.
    pub(super) opening: Option<OpenedSoFar>,
    /// What the shell's rules read for the model.
    pub(super) readers: Readers,
}

impl AppState {
    /// Applies a change to the session.
    pub(super) fn apply_session(&mut self, action: SessionAction) -> Result<Outcome, ModelError> {
        match action {
            SessionAction::SetAnnotator(name) => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(ModelError::Schema("Type a name (or initials) so exports say who annotated them.".to_owned()));
                }
                Ok(self.replace(|state| &mut state.session.annotator, Some(name.to_owned())))
            }
            SessionAction::TagAll { all_documents, case_sensitive } => self.offer_tag_all(all_documents, case_sensitive),
            SessionAction::Restore(restored) => {
                let count = restored.work.documents.len();
                // A read-only tab still shows the restored work, and stays read-only.
                let (read_only, notice, theme, annotator) =
                    (self.session.read_only.take(), self.session.notice.take(), self.view.theme, self.session.annotator.take());
                let (doccano_unit, readers) = (self.view.doccano_unit, self.session.readers);
                *self = *restored;
                self.session.readers = readers;
                self.session.read_only = read_only;
                self.session.notice = notice;
                self.view.theme = theme;
                self.view.doccano_unit = doccano_unit;
                self.session.annotator = annotator;
                Ok(Outcome::changed(Some(format!("Restored {count} document{}", if count == 1 { "" } else { "s" }))))
            }
            SessionAction::MarkSaved => Ok(self.replace(|state| &mut state.session.unsaved_changes, 0)),
            SessionAction::EnterReadOnly(reason) => {
                self.session.notice = Some(Notice::Problem(format!("This tab is read-only: {reason}")));
                self.session.read_only = Some(reason);
                Ok(Outcome::changed(None))
            }
            SessionAction::ReportProblem(message) => {
                self.session.notice = Some(Notice::Problem(message));
                Ok(Outcome::changed(None))
            }
            SessionAction::ShowProgress(progress) => {
                self.session.progress = progress;
                Ok(Outcome::changed(None))
            }
            SessionAction::Offer { message, accept, action } => {
                self.session.notice = Some(Notice::Offer { message, accept, action });
                Ok(Outcome::changed(None))
            }
            SessionAction::AcceptOffer => match self.session.notice.take() {
                Some(Notice::Offer { action, .. }) => self.apply_uncommitted(*action),
                other => {
                    self.session.notice = other;
                    Ok(Outcome::unchanged())
                }
            },
            SessionAction::DismissNotice => {
                let changed = self.session.notice.take().is_some();
                Ok(if changed { Outcome::changed(None) } else { Outcome::unchanged() })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_downloads_as_its_message_then_a_problem_a_line() {
        let details: Rc<[String]> =
            ["baris 2: label tak dikenal «ORG»".to_owned(), "baris 7: 👨🏻\u{200d}🚒 melewati akhir teks".to_owned()].into();
        let report = Notice::Report { message: "2 masalah di data.jsonl".to_owned(), details };
        assert_eq!(
            report.report_file().as_deref(),
            Some("2 masalah di data.jsonl\n\nbaris 2: label tak dikenal «ORG»\nbaris 7: 👨🏻\u{200d}🚒 melewati akhir teks\n")
        );
        assert_eq!(Notice::Problem("gagal".to_owned()).report_file(), None);
    }
}
