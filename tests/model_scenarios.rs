//! Scenario tests: a user's actions against the pure model, checked through
//! the exported JSON, the way the app's output is consumed.

use sorot::formats::sorot_json;
use sorot::model::{seed_document, Action, AppState, Document, ImportPart, Label, ModelError, SpanId};
use sorot::model::{SessionAction, ViewAction, WorkAction};

fn label(name: &str) -> Label {
    Label::new(name)
}

/// Char range of the first occurrence of `needle` in `text`.
fn find(text: &str, needle: &str) -> (usize, usize) {
    let byte_idx = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text[..byte_idx].chars().count();
    (start, start + needle.chars().count())
}

fn tag(state: &mut AppState, needle: &str, name: &str) -> Result<(), ModelError> {
    let (start, end) = find(state.current().document.text(), needle);
    state.apply(WorkAction::Tag { start, end, label: label(name) }).map(|_| ())
}

/// `(text, label)` of every exported span of the first document, checked
/// against a Python-style code point slice of the exported text.
fn exported(state: &AppState) -> Vec<(String, String)> {
    let file: serde_json::Value = serde_json::from_str(&sorot_json::export(state)).unwrap();
    let doc = &file["documents"][state.current_index()];
    let chars: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    doc["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|span| {
            let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
            let sliced: String = chars[start..end].iter().collect();
            assert_eq!(sliced, span["text"].as_str().unwrap());
            (sliced, span["label"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(t, l)| (t.to_string(), l.to_string())).collect()
}

#[test]
fn seed_article_nested_spans_export_with_code_point_offsets() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    tag(&mut state, "ASEAN menangkal isu ini (TPPO) secara kolektif", "POLICY_CALL").unwrap();
    tag(&mut state, "Kao Kim Hourn", "ACTOR").unwrap();
    let (start, _) = find(state.current().document.text(), "ASEAN menangkal");
    state.apply(WorkAction::Tag { start, end: start + 5, label: label("ACTOR") }).unwrap();
    tag(&mut state, "Nusa Dua Bali", "LOCATION").unwrap();
    tag(&mut state, "20 warga negara Indonesia (WNI)", "VICTIM_COUNT").unwrap();
    assert_eq!(
        exported(&state),
        pairs(&[
            ("Kao Kim Hourn", "ACTOR"),
            ("ASEAN", "ACTOR"),
            ("ASEAN menangkal isu ini (TPPO) secara kolektif", "POLICY_CALL"),
            ("Nusa Dua Bali", "LOCATION"),
            ("20 warga negara Indonesia (WNI)", "VICTIM_COUNT"),
        ])
    );
    let file: serde_json::Value = serde_json::from_str(&sorot_json::export(&state)).unwrap();
    assert_eq!(file["documents"][0]["spans"][0]["start"], 152);
    assert_eq!(file["documents"][0]["spans"][0]["end"], 165);
    assert_eq!(file["offset_unit"], "codepoint");
    assert_eq!(file["documents"][0]["id"], "seed-article");
}

#[test]
fn exact_repeat_is_refused_with_a_message_and_state_unchanged() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    tag(&mut state, "Kao Kim Hourn", "ACTOR").unwrap();
    let before = state.clone();
    let err = tag(&mut state, " Kao Kim Hourn,", "ACTOR").unwrap_err();
    assert_eq!(err.to_string(), "\u{201c}Kao Kim Hourn\u{201d} is already tagged ACTOR.");
    assert_eq!(state, before);
    tag(&mut state, "Kao Kim Hourn", "LOCATION").unwrap();
}

#[test]
fn label_key_relabels_the_selected_span_and_delete_removes_it() {
    let mut state =
        AppState::with_document(Document::new("d", "👨🏻‍🚒 Petugas di Myawaddy\r\nlalu 💩 Yangon")).with_readers(sorot::suggest::readers());
    tag(&mut state, "Myawaddy", "ACTOR").unwrap();
    let id = state.selected().unwrap();
    state.apply(WorkAction::ApplyLabel { label: label("LOCATION"), selection: None }).unwrap();
    assert_eq!(exported(&state), pairs(&[("Myawaddy", "LOCATION")]));
    tag(&mut state, "Yangon", "LOCATION").unwrap();
    state.apply(ViewAction::Select(Some(id))).unwrap();
    let outcome = state.apply(WorkAction::UntagSelected).unwrap();
    assert_eq!(outcome.announcement.as_deref(), Some("LOCATION: Myawaddy removed"));
    assert_eq!(exported(&state), pairs(&[("Yangon", "LOCATION")]));
    let (start, end) = find(state.current().document.text(), "Yangon");
    assert_eq!((start, end), (33, 39));
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    let start = state.clone();
    tag(&mut state, "Kao Kim Hourn", "ACTOR").unwrap();
    tag(&mut state, "Nusa Dua Bali", "LOCATION").unwrap();
    state.apply(WorkAction::Relabel { id: SpanId(1), label: label("POLICY_CALL") }).unwrap();
    let end = exported(&state);
    for _ in 0..3 {
        state.apply(WorkAction::Undo).unwrap();
    }
    assert_eq!(exported(&state), exported(&start));
    assert!(!state.apply(WorkAction::Undo).unwrap().changed);
    for _ in 0..3 {
        state.apply(WorkAction::Redo).unwrap();
    }
    assert_eq!(exported(&state), end);
}

#[test]
fn bad_actions_are_refused_unchanged() {
    let mut state = AppState::with_document(Document::new("d", "ASEAN, Myanmar")).with_readers(sorot::suggest::readers());
    let before = state.clone();
    let refusals: [Action; 6] = [
        WorkAction::Tag { start: 5, end: 7, label: label("ACTOR") }.into(),
        WorkAction::Tag { start: 0, end: 99, label: label("ACTOR") }.into(),
        WorkAction::Tag { start: 0, end: 5, label: label("NOPE") }.into(),
        WorkAction::Untag(SpanId(7)).into(),
        WorkAction::ApplyLabel { label: label("ACTOR"), selection: None }.into(),
        ViewAction::SwitchDocument(3).into(),
    ];
    for action in refusals {
        assert!(state.apply(action.clone()).is_err(), "{action:?} was accepted");
        assert_eq!(state, before);
    }
}

#[test]
fn opened_texts_become_documents_with_unique_ids() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    state.apply(WorkAction::OpenText { name: "berita.txt".into(), text: "Judul\r\nIsi 💩 Bangkok".into() }).unwrap();
    state.apply(WorkAction::OpenText { name: "berita.txt".into(), text: "Lagi".into() }).unwrap();
    let ids: Vec<_> = state.documents().iter().map(|d| d.document.id().to_owned()).collect();
    assert_eq!(ids, ["seed-article", "berita", "berita-2"]);
    state.apply(ViewAction::SwitchDocument(1)).unwrap();
    tag(&mut state, "Bangkok", "LOCATION").unwrap();
    let file: serde_json::Value = serde_json::from_str(&sorot_json::export(&state)).unwrap();
    assert_eq!(file["documents"][1]["spans"][0]["start"], 13);
    assert_eq!(file["documents"][1]["title"], "Judul");
}

#[test]
fn dispatch_turns_refusals_into_a_notice_and_keeps_the_work() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    let (start, end) = find(state.current().document.text(), "Kao Kim Hourn");
    assert!(state.dispatch(WorkAction::LabelKey { key: '1', selection: Some((start, end)) }));
    assert_eq!(state.announcement(), Some("ACTOR: Kao Kim Hourn added"));
    let spans = state.current().annotations.clone();
    assert!(state.dispatch(WorkAction::LabelKey { key: '1', selection: Some((start, end)) }));
    assert_eq!(state.notice(), Some(&sorot::model::Notice::Problem("\u{201c}Kao Kim Hourn\u{201d} is already tagged ACTOR.".into())));
    assert_eq!(state.current().annotations, spans);
    assert!(!state.dispatch(WorkAction::LabelKey { key: '9', selection: Some((start, end)) }));
    assert!(state.dispatch(SessionAction::DismissNotice));
    assert_eq!(state.notice(), None);
    // With no text selected, a label key relabels the selected span.
    assert!(state.dispatch(WorkAction::LabelKey { key: '3', selection: None }));
    assert_eq!(exported(&state), pairs(&[("Kao Kim Hourn", "LOCATION")]));
}

/// One arrow key press.
fn press(state: &mut AppState, unit: sorot::model::CaretUnit, forward: bool, extend: bool) {
    state.apply(ViewAction::MoveCaret { unit, forward, extend }).unwrap();
}

#[test]
fn keyboard_only_annotation_moves_by_words_and_graphemes() {
    use sorot::model::CaretUnit::{Grapheme, Word};
    let mut state =
        AppState::with_document(Document::new("d", "Judul\n👨‍👩‍👧 Kao Kim Hourn di 🇮🇩 Bali")).with_readers(sorot::suggest::readers());
    // From the start of the text: past "Judul", then past "Kao".
    press(&mut state, Word, true, false);
    press(&mut state, Word, true, false);
    assert_eq!(state.caret().map(|c| c.head), Some(15));
    press(&mut state, Word, false, false);
    for _ in 0..3 {
        press(&mut state, Word, true, true);
    }
    state.apply(WorkAction::LabelKey { key: '1', selection: None }).unwrap();
    assert_eq!(exported(&state), pairs(&[("Kao Kim Hourn", "ACTOR")]));
    // The caret sits after the new span; grapheme steps cross the flag in one press.
    press(&mut state, Word, true, false);
    press(&mut state, Grapheme, true, false);
    press(&mut state, Grapheme, true, true);
    assert_eq!(state.caret().and_then(|c| c.range()).map(|(s, e)| e - s), Some(2), "the flag is two code points, one grapheme");
    press(&mut state, Grapheme, true, false);
    press(&mut state, Word, true, true);
    state.apply(WorkAction::LabelKey { key: '3', selection: None }).unwrap();
    assert_eq!(exported(&state), pairs(&[("Kao Kim Hourn", "ACTOR"), ("Bali", "LOCATION")]));
    // Shift+Tab from the last span walks back in text order.
    assert!(state.dispatch(ViewAction::SelectAdjacent { forward: false }));
    assert_eq!(state.announcement(), Some("ACTOR: Kao Kim Hourn selected"));
    assert_eq!(state.selected(), Some(state.current().annotations.spans()[0].id()));
}

#[test]
fn an_alt_selection_is_tagged_with_character_precision() {
    let mut state = AppState::with_document(Document::new("d", "Kasus TPPOSekretaris Jenderal")).with_readers(sorot::suggest::readers());
    let (start, end) = find(state.current().document.text(), "TPPO");
    state.apply(ViewAction::SetCaret(sorot::model::Caret { anchor: start, head: end, exact: true })).unwrap();
    state.apply(WorkAction::LabelKey { key: '1', selection: Some((start, end)) }).unwrap();
    let (start, end) = find(state.current().document.text(), "Sekretaris");
    state.apply(WorkAction::LabelKey { key: '1', selection: Some((start, end - 2)) }).unwrap();
    assert_eq!(exported(&state), pairs(&[("TPPO", "ACTOR"), ("TPPOSekretaris", "ACTOR")]));
}

#[test]
fn an_offer_waits_for_the_user_and_cancel_changes_nothing() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    let open: Action = WorkAction::OpenText { name: "x (with replacements).txt".into(), text: "Caf\u{fffd}".into() }.into();
    let offer = SessionAction::Offer { message: "x.txt: not UTF-8".into(), accept: "Open".into(), action: Box::new(open) };
    let before = state.documents().to_vec();
    assert!(state.dispatch(offer.clone()));
    assert_eq!(state.notice().map(|n| n.message()), Some("x.txt: not UTF-8"));
    assert!(state.dispatch(SessionAction::DismissNotice));
    assert!(!state.dispatch(SessionAction::AcceptOffer), "nothing is offered any more");
    assert_eq!(state.documents(), &before[..]);
    state.dispatch(offer);
    assert!(state.dispatch(SessionAction::AcceptOffer));
    assert_eq!(state.documents().len(), 2);
    assert_eq!(state.current().document.id(), "x (with replacements)");
    assert_eq!(state.notice(), None);
}

#[test]
fn a_read_only_state_refuses_work_but_still_shows_and_restores() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    tag(&mut state, "Kao Kim Hourn", "ACTOR").unwrap();
    let saved = state.clone();
    state.apply(SessionAction::EnterReadOnly("another tab edits".into())).unwrap();
    assert!(matches!(tag(&mut state, "Nusa Dua Bali", "LOCATION"), Err(ModelError::ReadOnly(_))));
    assert!(state.apply(WorkAction::Undo).is_err());
    state.apply(SessionAction::Restore(Box::new(saved.clone()))).unwrap();
    assert_eq!(state.documents(), saved.documents());
    assert_eq!(state.read_only(), Some("another tab edits"));
    state.apply(ViewAction::SelectAdjacent { forward: true }).unwrap();
}

fn imported(id: &str, text: &str, spans: &[(usize, usize, &str)]) -> sorot::model::ImportedDocument {
    sorot::model::ImportedDocument {
        document: sorot::model::Document::new(id, text),
        match_by_text: false,
        meta: sorot::model::Metadata { source: Some("IDN Times".into()), ..Default::default() },
        status: sorot::model::Status::Todo,
        spans: spans.iter().map(|&(start, end, l)| sorot::model::ImportedSpan { start, end, label: label(l), value: None }).collect(),
    }
}

#[test]
fn imported_documents_keep_their_spans_and_bad_spans_are_listed() {
    use sorot::model::Status;
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    let documents = vec![
        imported("a", "Korban di Myawaddy 💩", &[(10, 18, "LOCATION"), (10, 18, "LOCATION"), (15, 99, "ACTOR")]),
        imported("seed-article", "Kedua", &[]),
        imported("c", "Ketiga di Bali", &[(10, 14, "PLACE")]),
    ];
    assert!(state.dispatch(WorkAction::ImportDocuments {
        source: "x.jsonl".into(),
        documents,
        problems: vec!["x.jsonl line 4: bad".into()],
        schema: None,
        note: None,
        tally: None,
        part: ImportPart::Whole,
    }));
    let ids: Vec<_> = state.documents().iter().map(|d| d.document.id().to_owned()).collect();
    assert_eq!(ids, ["seed-article", "a", "seed-article-2", "c"]);
    assert_eq!(state.current_index(), 1);
    assert_eq!(exported(&state), pairs(&[("Myawaddy", "LOCATION")]));
    let notice = state.notice().unwrap().message().to_owned();
    assert!(notice.starts_with("Opened 3 documents from x.jsonl; 3 problems skipped"), "{notice}");
    assert!(notice.contains("line 4") && notice.contains("already tagged") && notice.contains("past the end"), "{notice}");
    // An unknown label is kept, and adding it to the schema is offered.
    state.apply(ViewAction::SwitchDocument(3)).unwrap();
    assert_eq!(exported(&state), pairs(&[("Bali", "PLACE")]));
    // Status: tagging moves "todo" on; next/previous respect the filter.
    state.apply(ViewAction::SwitchDocument(2)).unwrap();
    state.apply(WorkAction::SetStatus(Status::Done)).unwrap();
    state.apply(ViewAction::FilterStatus(Some(Status::Done))).unwrap();
    state.apply(ViewAction::SwitchDocument(0)).unwrap();
    state.apply(ViewAction::StepDocument { forward: true }).unwrap();
    assert_eq!(state.current_index(), 2);
    assert!(!state.apply(ViewAction::StepDocument { forward: true }).unwrap().changed);
    state.apply(ViewAction::FilterStatus(None)).unwrap();
    state.apply(ViewAction::StepDocument { forward: false }).unwrap();
    assert_eq!(state.current_index(), 1);
    assert!(state.dispatch(WorkAction::ImportDocuments {
        source: "empty.jsonl".into(),
        documents: vec![],
        problems: vec!["line 1: not JSON".into()],
        schema: None,
        note: None,
        tally: None,
        part: ImportPart::Whole,
    }));
    assert_eq!(state.notice().unwrap().message(), "empty.jsonl holds no document Sorot can open: line 1: not JSON.");
}

#[test]
fn a_file_opened_in_parts_shows_its_first_document_at_once_and_says_the_whole_at_the_end() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    let part = |documents, problems: &[&str], part| WorkAction::ImportDocuments {
        source: "corpus.json".into(),
        documents,
        problems: problems.iter().map(|p| p.to_string()).collect(),
        schema: None,
        note: None,
        tally: None,
        part,
    };
    let twice = &[(0, 4, "ACTOR"), (0, 4, "ACTOR")];
    assert!(state.dispatch(part(vec![imported("a", "Satu di Bali", twice)], &[], ImportPart::First(7))));
    assert_eq!((state.documents().len(), state.current_index()), (2, 1), "the first document is shown at once");
    assert!(state.notice().is_none(), "nothing is said before the last part");
    state.apply(ViewAction::SwitchDocument(0)).unwrap();
    tag(&mut state, "Kao Kim Hourn", "ACTOR").unwrap();
    // A later part goes behind: the document being annotated stays shown.
    assert!(state.dispatch(part(vec![imported("b", "Dua", &[]), imported("a", "Tiga", &[])], &[], ImportPart::More(7))));
    assert_eq!((state.documents().len(), state.current_index()), (4, 0));
    // A refused last part changes nothing, not even what the earlier parts came to.
    let before = state.clone();
    assert!(state.apply(part(vec![], &[], ImportPart::Last(8))).is_err(), "another file's last part with nothing");
    assert_eq!(state, before);
    assert!(state.dispatch(part(vec![imported("d", "Empat", &[])], &["corpus.json line 9: not valid JSON"], ImportPart::Last(7))));
    let ids: Vec<_> = state.documents().iter().map(|d| d.document.id().to_owned()).collect();
    assert_eq!(ids, ["seed-article", "a", "b", "a-2", "d"]);
    let notice = state.notice().unwrap().message().to_owned();
    assert!(notice.starts_with("Opened 4 documents from corpus.json; 2 problems skipped"), "{notice}");
    assert!(notice.contains("line 9") && notice.contains("already tagged"), "the earlier part's problem is said too: {notice}");
    assert_eq!(state.current_index(), 0);
    assert_eq!(exported(&state), pairs(&[("Kao Kim Hourn", "ACTOR")]));
}

#[test]
fn unknown_labels_are_offered_to_the_schema() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    state.dispatch(WorkAction::ImportDocuments {
        source: "c.json".into(),
        documents: vec![imported("c", "Di Bali", &[(3, 7, "PLACE")])],
        problems: vec![],
        schema: None,
        note: None,
        tally: None,
        part: ImportPart::Whole,
    });
    assert!(matches!(state.notice(), Some(sorot::model::Notice::Offer { .. })));
    assert!(state.schema().get("PLACE").is_none());
    state.dispatch(SessionAction::AcceptOffer);
    assert_eq!(state.schema().get("PLACE").map(|d| d.key), Some('5'));
    assert_eq!(state.current().status, sorot::model::Status::Todo);
    tag(&mut state, "Di", "PLACE").unwrap();
    assert_eq!(state.current().status, sorot::model::Status::InProgress);
}

#[test]
fn suggestions_are_accepted_as_undoable_spans_and_rejections_stick() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    state.dispatch(WorkAction::OfferSuggestions(sorot::suggest::for_state(&state)));
    let suggestions = state.current().suggestions.clone();
    let victim = suggestions.iter().position(|s| s.label.name() == "VICTIM_COUNT").expect("a victim count is suggested");
    let victim_text = state.current().document.slice(suggestions[victim].start, suggestions[victim].end).unwrap().to_owned();
    assert!(state.dispatch(WorkAction::AcceptSuggestion(victim)));
    let span = state.current().annotations.spans().iter().find(|s| s.label().name() == "VICTIM_COUNT").unwrap().clone();
    assert_eq!(state.current().document.slice(span.start(), span.end()).unwrap(), victim_text);
    assert!(span.value().is_some(), "the count carries its value");
    assert_eq!(state.current().suggestions.len(), suggestions.len() - 1);
    // Reject one: running the engine again does not bring it back.
    let rejected = state.current().suggestions[0].clone();
    assert!(state.dispatch(WorkAction::RejectSuggestion(0)));
    state.dispatch(WorkAction::OfferSuggestions(sorot::suggest::for_state(&state)));
    assert!(!state.current().suggestions.contains(&rejected));
    assert!(!state.current().suggestions.iter().any(|s| (s.start, s.end) == (span.start(), span.end())), "tagged spans are not suggested");
    // Accept all of one label, then undo it as one step.
    let before = state.current().annotations.len();
    let actors = state.current().suggestions.iter().filter(|s| s.label.name() == "ACTOR").count();
    assert!(actors > 1);
    state.dispatch(WorkAction::AcceptAllSuggestions(label("ACTOR")));
    assert_eq!(state.current().annotations.len(), before + actors);
    state.dispatch(WorkAction::Undo);
    assert_eq!(state.current().annotations.len(), before);
}

#[test]
fn tag_all_occurrences_counts_first_and_undoes_as_one_step() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    tag(&mut state, "Kao Kim Hourn", "ACTOR").unwrap();
    state.dispatch(SessionAction::TagAll { all_documents: false, case_sensitive: true });
    let message = state.notice().unwrap().message().to_owned();
    let count: usize = message.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(message.starts_with("Tag ") && message.contains("\u{201c}Kao Kim Hourn\u{201d} as ACTOR in this document"), "{message}");
    assert!(state.dispatch(SessionAction::AcceptOffer));
    assert_eq!(state.current().annotations.len(), count + 1);
    assert!(exported(&state).iter().all(|(text, label)| text == "Kao Kim Hourn" && label == "ACTOR"));
    state.dispatch(WorkAction::Undo);
    assert_eq!(state.current().annotations.len(), 1);
}

#[test]
fn a_count_is_a_property_of_the_label_not_its_name() {
    use sorot::model::label::ValueKind;
    use sorot::model::SchemaEdit;
    let mut state =
        AppState::with_document(Document::new("d", "Sebanyak 20 WNI dan 16 orang tiba di Bali")).with_readers(sorot::suggest::readers());
    let value_of = |state: &AppState| {
        state.selected().and_then(|id| state.current().annotations.get(id)).and_then(|s| s.value().map(|v| v.to_string()))
    };
    // Renamed, the counting label still reads counts.
    state.apply(WorkAction::EditSchema(SchemaEdit::Rename { label: label("VICTIM_COUNT"), to: "KORBAN".into() })).unwrap();
    tag(&mut state, "20 WNI", "KORBAN").unwrap();
    assert_eq!(value_of(&state), Some("20".into()));
    // A new label reads counts once its value kind says so, not before.
    state.apply(WorkAction::EditSchema(SchemaEdit::Add { name: "JUMLAH".into() })).unwrap();
    tag(&mut state, "16 orang", "JUMLAH").unwrap();
    assert_eq!(value_of(&state), None);
    state.apply(WorkAction::Undo).unwrap();
    state.apply(WorkAction::EditSchema(SchemaEdit::SetValueKind { label: label("JUMLAH"), kind: ValueKind::Count })).unwrap();
    tag(&mut state, "16 orang", "JUMLAH").unwrap();
    assert_eq!(value_of(&state), Some("16".into()));
    // Without the rules' readers the model reads no count at all: it holds no language itself.
    let mut bare = AppState::with_document(Document::new("d", "20 WNI"));
    tag(&mut bare, "20 WNI", "VICTIM_COUNT").unwrap();
    assert_eq!(value_of(&bare), None);
}

#[test]
fn victim_counts_get_a_value_that_can_be_edited() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    tag(&mut state, "20 warga negara Indonesia (WNI)", "VICTIM_COUNT").unwrap();
    let id = state.selected().unwrap();
    assert_eq!(state.current().annotations.get(id).unwrap().value().map(|v| v.to_string()), Some("20".into()));
    state.apply(WorkAction::SetValue { id, value: Some("dua puluh satu".into()) }).unwrap();
    assert_eq!(state.current().annotations.get(id).unwrap().value().map(|v| v.to_string()), Some("21".into()));
    assert!(matches!(state.apply(WorkAction::SetValue { id, value: Some("banyak sekali".into()) }), Err(ModelError::BadValue(_))));
    state.apply(WorkAction::Undo).unwrap();
    assert_eq!(state.current().annotations.get(id).unwrap().value().map(|v| v.to_string()), Some("20".into()));
    let file: serde_json::Value = serde_json::from_str(&sorot_json::export(&state)).unwrap();
    assert_eq!(file["documents"][0]["spans"][0]["value"], 20);
}

#[test]
fn schema_edits_are_guarded_relabel_every_document_and_undo() {
    use sorot::model::SchemaEdit;
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    tag(&mut state, "Kao Kim Hourn", "ACTOR").unwrap();
    state.apply(WorkAction::OpenText { name: "b.txt".into(), text: "Judul\nMenlu Retno di Bali".into() }).unwrap();
    tag(&mut state, "Retno", "ACTOR").unwrap();
    let edit = |state: &mut AppState, edit| state.apply(WorkAction::EditSchema(edit));
    // Guards: no duplicate names or keys, keys a letter or digit, colours #rrggbb.
    assert!(edit(&mut state, SchemaEdit::Add { name: "LOCATION".into() }).is_err());
    assert!(edit(&mut state, SchemaEdit::SetKey { label: label("ACTOR"), key: '2' }).is_err());
    assert!(edit(&mut state, SchemaEdit::SetKey { label: label("ACTOR"), key: 'x' }).is_err());
    assert!(edit(&mut state, SchemaEdit::Recolor { label: label("ACTOR"), color: "red;}".into() }).is_err());
    assert!(edit(&mut state, SchemaEdit::Rename { label: label("ACTOR"), to: "LOCATION".into() }).is_err());
    // Add a label and tag with its new key.
    edit(&mut state, SchemaEdit::Add { name: "ORG".into() }).unwrap();
    edit(&mut state, SchemaEdit::SetKey { label: label("ORG"), key: '9' }).unwrap();
    let (start, end) = find(state.current().document.text(), "Bali");
    state.apply(WorkAction::LabelKey { key: '9', selection: Some((start, end)) }).unwrap();
    // Renaming relabels spans in every document; undo puts them back.
    edit(&mut state, SchemaEdit::Rename { label: label("ACTOR"), to: "PERSON".into() }).unwrap();
    assert_eq!(exported(&state), pairs(&[("Retno", "PERSON"), ("Bali", "ORG")]));
    state.apply(ViewAction::SwitchDocument(0)).unwrap();
    assert_eq!(exported(&state), pairs(&[("Kao Kim Hourn", "PERSON")]));
    assert_eq!(state.schema().label_for_key('1').map(|l| l.name().to_owned()), Some("PERSON".into()));
    state.apply(WorkAction::UndoSchema).unwrap();
    assert_eq!(exported(&state), pairs(&[("Kao Kim Hourn", "ACTOR")]));
    // Removing a label with spans: relabel them, or delete them; both undo.
    edit(&mut state, SchemaEdit::Remove { label: label("ACTOR"), relabel_to: Some(label("POLICY_CALL")) }).unwrap();
    assert_eq!(exported(&state), pairs(&[("Kao Kim Hourn", "POLICY_CALL")]));
    state.apply(WorkAction::UndoSchema).unwrap();
    edit(&mut state, SchemaEdit::Remove { label: label("ACTOR"), relabel_to: None }).unwrap();
    assert_eq!(exported(&state), pairs(&[]));
    assert!(state.schema().get("ACTOR").is_none());
    state.apply(WorkAction::UndoSchema).unwrap();
    assert_eq!(exported(&state), pairs(&[("Kao Kim Hourn", "ACTOR")]));
    assert_eq!(state.schema().index_of("ACTOR"), Some(0));
    // Reorder moves hotkey order; descriptions and colours change in place.
    edit(&mut state, SchemaEdit::Move { label: label("LOCATION"), up: true }).unwrap();
    assert_eq!(state.schema().names()[1], "LOCATION");
    edit(&mut state, SchemaEdit::Recolor { label: label("LOCATION"), color: "#0E7490".into() }).unwrap();
    assert_eq!(state.schema().get("LOCATION").unwrap().color, "#0e7490");
}

#[test]
fn patterns_and_accepted_phrases_feed_later_suggestions() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    let bad = state
        .apply(WorkAction::LoadPatterns { name: "p.jsonl".into(), jsonl: "{\"label\": \"ACTOR\", \"pattern\": [{\"NOPE\": 1}]}".into() });
    assert!(bad.unwrap_err().to_string().starts_with("p.jsonl: patterns line 1"));
    let patterns = "{\"label\": \"ACTOR\", \"pattern\": \"Deti Mega Purnamasari\"}\n";
    state.apply(WorkAction::LoadPatterns { name: "p.jsonl".into(), jsonl: patterns.into() }).unwrap();
    state.dispatch(WorkAction::OfferSuggestions(sorot::suggest::for_state(&state)));
    let found =
        state.current().suggestions.iter().position(|s| state.current().document.slice(s.start, s.end) == Some("Deti Mega Purnamasari"));
    assert!(found.is_some(), "the pattern is suggested");
    state.dispatch(WorkAction::AcceptSuggestion(found.unwrap()));
    assert!(state.always_tag().iter().any(|(text, l)| text == "Deti Mega Purnamasari" && l.name() == "ACTOR"));
    // The accepted phrase is suggested in the next document too, with no patterns file.
    state.apply(WorkAction::LoadPatterns { name: "empty.jsonl".into(), jsonl: String::new() }).unwrap();
    state.apply(WorkAction::OpenText { name: "b.txt".into(), text: "Judul\nPenulis: Deti Mega Purnamasari.".into() }).unwrap();
    state.dispatch(WorkAction::OfferSuggestions(sorot::suggest::for_state(&state)));
    assert!(state
        .current()
        .suggestions
        .iter()
        .any(|s| s.label.name() == "ACTOR" && state.current().document.slice(s.start, s.end) == Some("Deti Mega Purnamasari")));
}

#[test]
fn spans_carry_when_they_were_created_and_changed() {
    let mut state = AppState::with_document(seed_document()).with_readers(sorot::suggest::readers());
    state.set_clock(1_795_859_109_000);
    tag(&mut state, "Kao Kim Hourn", "ACTOR").unwrap();
    let id = state.selected().unwrap();
    state.set_clock(1_795_859_169_000);
    state.apply(WorkAction::Relabel { id, label: label("LOCATION") }).unwrap();
    let file: serde_json::Value = serde_json::from_str(&sorot_json::export(&state)).unwrap();
    let span = &file["documents"][0]["spans"][0];
    assert_eq!((span["created"].as_str(), span["updated"].as_str()), (Some("2026-11-28T09:45:09Z"), Some("2026-11-28T09:46:09Z")));
    // The times read back from the file.
    let (corpus, _) = sorot_json::import("x.json", sorot_json::export(&state).as_bytes(), &[]).unwrap();
    assert_eq!(corpus.documents[0].spans[0].stamps.as_ref().map(|s| s.updated.as_str()), Some("2026-11-28T09:46:09Z"));
}
