//! Every action is a transaction: random sequences of actions, valid and
//! invalid, over two documents full of hazards. An action that returns an
//! error leaves the whole state equal to what it was; one that commits bumps
//! the revision of exactly the documents it changed; and undoing every span
//! change gives back the spans each document started with.

use proptest::prelude::*;
use sorot::model::{Action, AppState, CaretUnit, Document, ImportPart, ImportedDocument, ImportedSpan, Label, SchemaEdit, SpanId, Status};
use sorot::model::{SessionAction, ViewAction, WorkAction};

const TEXTS: [&str; 2] = [
    "Kao Kim Hourn di Bali 👨\u{200d}👩\u{200d}👧 dan 20 WNI 🇮🇩 di Bali.\r\nKao ke Myawaddy, Bali.",
    "Bali e\u{301} Kao 東京 Bali dua puluh orang",
];

fn label() -> impl Strategy<Value = Label> {
    prop::sample::select(vec!["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL", "NOPE"]).prop_map(Label::new)
}

fn range() -> impl Strategy<Value = (usize, usize)> {
    (0usize..70, 0usize..70)
}

fn span_id() -> impl Strategy<Value = SpanId> {
    (0u64..14).prop_map(SpanId)
}

/// Actions that change spans, valid or not; their effects are undoable.
fn span_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (range(), label()).prop_map(|((start, end), label)| Action::from(WorkAction::Tag { start, end, label })),
        2 => (label(), prop::option::of(range())).prop_map(|(label, selection)| Action::from(WorkAction::ApplyLabel { label, selection })),
        1 => (prop::sample::select(vec!['1', '2', '3', '5', 'a', 'x']), prop::option::of(range()))
            .prop_map(|(key, selection)| Action::from(WorkAction::LabelKey { key, selection })),
        2 => (span_id(), label()).prop_map(|(id, label)| Action::from(WorkAction::Relabel { id, label })),
        2 => span_id().prop_map(|x| Action::from(WorkAction::Untag(x))),
        1 => Just(Action::from(WorkAction::UntagSelected)),
        2 => span_id().prop_map(|id| Action::from(ViewAction::Select(Some(id)))),
        3 => Just(Action::from(WorkAction::Undo)),
        2 => Just(Action::from(WorkAction::Redo)),
        1 => (span_id(), prop::sample::select(vec![Some("20"), Some("{bad"), Some("dua puluh"), Some("banyak sekali"), None]))
            .prop_map(|(id, value)| Action::from(WorkAction::SetValue { id, value: value.map(str::to_owned) })),
        1 => Just(Action::from(WorkAction::OfferSuggestions(Vec::new()))),
        2 => (0usize..6).prop_map(|x| Action::from(WorkAction::AcceptSuggestion(x))),
        1 => (0usize..6).prop_map(|x| Action::from(WorkAction::RejectSuggestion(x))),
        1 => label().prop_map(|x| Action::from(WorkAction::AcceptAllSuggestions(x))),
        1 => (0usize..6).prop_map(|i| Action::from(ViewAction::SelectSuggestion(Some(i)))),
        2 => (prop::sample::select(vec!["Kao", "Bali", "", "tidak ada"]), label(), any::<bool>(), any::<bool>()).prop_map(
            |(text, label, all_documents, case_sensitive)| Action::from(WorkAction::TagOccurrences { text: text.to_owned(), label, all_documents, case_sensitive })
        ),
        1 => (any::<bool>(), any::<bool>()).prop_map(|(all_documents, case_sensitive)| Action::from(SessionAction::TagAll { all_documents, case_sensitive })),
        1 => Just(Action::from(SessionAction::AcceptOffer)),
        1 => span_id().prop_map(|id| Action::from(SessionAction::Offer { message: "?".into(), accept: "Remove".into(), action: Box::new(WorkAction::Untag(id).into()) })),
        2 => (0usize..3).prop_map(|x| Action::from(ViewAction::SwitchDocument(x))),
        1 => (any::<bool>(), any::<bool>()).prop_map(|(forward, extend)| Action::from(ViewAction::MoveCaret { unit: CaretUnit::Word, forward, extend })),
        1 => Just(Action::from(WorkAction::SetStatus(Status::Done))),
    ]
}

/// Every action: span changes, and changes to the schema and the corpus.
fn any_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => span_action(),
        1 => label().prop_map(|label| Action::from(WorkAction::EditSchema(SchemaEdit::Remove { label, relabel_to: None }))),
        1 => (label(), prop::sample::select(vec!["PLACE", "ACTOR", ""])).prop_map(|(label, to)| Action::from(WorkAction::EditSchema(SchemaEdit::Rename { label, to: to.to_owned() }))),
        1 => (label(), prop::sample::select(vec!['1', '9', 'q'])).prop_map(|(label, key)| Action::from(WorkAction::EditSchema(SchemaEdit::SetKey { label, key }))),
        1 => Just(Action::from(WorkAction::UndoSchema)),
        2 => (range(), label(), import_part()).prop_map(|((start, end), label, part)| Action::from(WorkAction::ImportDocuments {
            source: "x.jsonl".into(),
            documents: vec![ImportedDocument {
                document: Document::new("seed-article", TEXTS[1]),
                match_by_text: false,
                meta: Default::default(),
                status: Status::Todo,
                spans: vec![ImportedSpan { start, end, label, value: None }],
            }],
            problems: vec![],
            schema: None,
            note: None,
            tally: None,
            part,
        })),
        1 => import_part().prop_map(|part| Action::from(WorkAction::ImportDocuments {
            source: "empty.jsonl".into(),
            documents: vec![],
            problems: vec![],
            schema: None,
            note: None,
            tally: None,
            part,
        })),
    ]
}

/// A whole file, or a part of one of two files opened in parts.
fn import_part() -> impl Strategy<Value = ImportPart> {
    prop_oneof![
        2 => Just(ImportPart::Whole),
        1 => (1..3u32).prop_map(ImportPart::First),
        1 => (1..3u32).prop_map(ImportPart::More),
        1 => (1..3u32).prop_map(ImportPart::Last),
    ]
}

fn start() -> AppState {
    let mut state = AppState::with_document(Document::new("berita", TEXTS[0])).with_readers(sorot::suggest::readers());
    state.apply(WorkAction::OpenText { name: "kedua.txt".into(), text: TEXTS[1].into() }).unwrap();
    state.apply(ViewAction::SwitchDocument(0)).unwrap();
    state.apply(WorkAction::Tag { start: 0, end: 13, label: Label::new("ACTOR") }).unwrap();
    state
}

/// Each document's spans as `(start, end, label)`.
fn spans(state: &AppState) -> Vec<Vec<(usize, usize, String)>> {
    state
        .documents()
        .iter()
        .map(|d| d.annotations.spans().iter().map(|s| (s.start(), s.end(), s.label().name().to_owned())).collect())
        .collect()
}

/// Applies `action`, checking the transaction's promises; returns whether it committed.
fn apply_checked(state: &mut AppState, action: Action) -> Result<bool, TestCaseError> {
    let before = state.clone();
    match state.apply(action.clone()) {
        Err(error) => {
            prop_assert!(*state == before, "{:?} failed ({}) and changed the state", action, error);
            Ok(false)
        }
        Ok(_) => {
            for (now, then) in state.documents().iter().zip(before.documents()) {
                let changed = **now != *then.as_ref() && now.revision != then.revision;
                let same = now.annotations == then.annotations && now.revision == then.revision;
                prop_assert!(changed || same || now.document.id() != then.document.id(), "{:?}: revision out of step", action);
            }
            Ok(true)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_refused_action_leaves_the_whole_state_as_it_was(actions in prop::collection::vec(any_action(), 1..40)) {
        let mut state = start();
        for action in actions {
            apply_checked(&mut state, action)?;
        }
    }

    #[test]
    fn undoing_every_span_change_gives_back_the_start(actions in prop::collection::vec(span_action(), 1..40)) {
        let mut state = start();
        let at_start = spans(&state);
        for action in actions {
            apply_checked(&mut state, action)?;
        }
        for index in 0..state.documents().len() {
            state.apply(ViewAction::SwitchDocument(index)).unwrap();
            while state.current().history.can_undo() {
                prop_assert!(state.apply(WorkAction::Undo).is_ok());
            }
        }
        // The span `start()` tagged is in the history too, so it goes as well.
        let mut expected = at_start;
        expected[0].clear();
        prop_assert_eq!(spans(&state), expected);
    }
}

#[test]
fn the_known_counterexamples_commit_whole_or_not_at_all() {
    // Accepting a suggestion that is not there keeps the selected one.
    let mut state = start();
    state.apply(WorkAction::OfferSuggestions(sorot::suggest::for_state(&state))).unwrap();
    state.apply(ViewAction::SelectSuggestion(Some(0))).unwrap();
    let before = state.clone();
    assert!(state.apply(WorkAction::AcceptSuggestion(99)).is_err());
    assert!(state == before);
    assert!(state.apply(WorkAction::RejectSuggestion(99)).is_err());
    assert!(state == before);
    // Accepting an offer whose action fails keeps the offer.
    state
        .apply(SessionAction::Offer { message: "?".into(), accept: "Go".into(), action: Box::new(WorkAction::Untag(SpanId(99)).into()) })
        .unwrap();
    let before = state.clone();
    assert!(state.apply(SessionAction::AcceptOffer).is_err());
    assert!(state == before);
    // A committed action bumps the revision of the document it changed, and only that.
    let revisions: Vec<u64> = state.documents().iter().map(|d| d.revision).collect();
    state.apply(WorkAction::Tag { start: 17, end: 21, label: Label::new("LOCATION") }).unwrap();
    let after: Vec<u64> = state.documents().iter().map(|d| d.revision).collect();
    assert_eq!(after, [revisions[0] + 1, revisions[1]]);
}
