//! The stored session reads back exactly what was written — spans, undo and
//! redo, document order — and refuses damaged or newer records plainly.

use std::collections::HashMap;

use proptest::prelude::*;
use sorot::model::{seed_document, Action, AppState, Document, Label};
use sorot::persist::snapshot::{doc_key, meta_of, migrate_meta, restore, stored_document, text_key, SnapshotError, StoredEdit, StoredSpan, SCHEMA_VERSION};

/// Every record of `state`, as the browser database would hold them.
fn records_of(state: &AppState) -> (String, HashMap<String, String>) {
    let meta = serde_json::to_string(&meta_of(state, 120.0)).unwrap();
    let mut records = HashMap::new();
    for doc in state.documents() {
        records.insert(text_key(doc.document.id()), doc.document.text().to_string());
        records.insert(doc_key(doc.document.id()), serde_json::to_string(&stored_document(doc)).unwrap());
    }
    (meta, records)
}

fn round_trip(state: &AppState) -> AppState {
    let (meta, records) = records_of(state);
    restore(&migrate_meta(&meta).unwrap(), &records).unwrap()
}

fn tag(state: &mut AppState, needle: &str, label: &str) {
    let text = state.current().document.text().clone();
    let byte_idx = text.find(needle).unwrap();
    let start = text[..byte_idx].chars().count();
    state.apply(Action::Tag { start, end: start + needle.chars().count(), label: Label::new(label) }).unwrap();
}

#[test]
fn a_session_with_history_reads_back_and_undo_still_works() {
    let mut state = AppState::with_document(seed_document());
    tag(&mut state, "Kao Kim Hourn", "ACTOR");
    tag(&mut state, "Nusa Dua Bali", "LOCATION");
    state.apply(Action::Undo).unwrap();
    state.apply(Action::OpenText { name: "b.txt".into(), text: "Judul 💩\r\nKe Myawaddy".into() }).unwrap();
    tag(&mut state, "Myawaddy", "LOCATION");
    let mut restored = round_trip(&state);
    assert_eq!(restored.documents(), state.documents());
    assert_eq!(restored.current_index(), 1);
    assert_eq!(restored.next_span_id(), state.next_span_id());
    assert_eq!(restored.unsaved_changes(), state.unsaved_changes());
    restored.apply(Action::SwitchDocument(0)).unwrap();
    restored.apply(Action::Redo).unwrap();
    assert_eq!(restored.current().annotations.len(), 2, "redo survives a reload");
}

#[test]
fn an_edited_schema_survives_a_reload() {
    let mut state = AppState::with_document(seed_document());
    state.apply(Action::EditSchema(sorot::model::SchemaEdit::Add { name: "ORG".into() })).unwrap();
    state.apply(Action::EditSchema(sorot::model::SchemaEdit::Rename { label: Label::new("ACTOR"), to: "PERSON".into() })).unwrap();
    assert_eq!(round_trip(&state).schema(), state.schema());
}

#[test]
fn a_newer_schema_is_refused_not_overwritten() {
    let meta = format!(r#"{{"schema_version": {}, "documents": [], "current": 0, "next_span_id": 1, "unsaved_changes": 0}}"#, SCHEMA_VERSION + 1);
    let err = migrate_meta(&meta).unwrap_err();
    assert_eq!(err, SnapshotError::FutureVersion { found: SCHEMA_VERSION + 1 });
    assert!(err.to_string().contains("newer Sorot"));
}

#[test]
fn damaged_or_missing_records_name_the_record() {
    let state = AppState::with_document(Document::new("a", "Teks 💩 di Bali"));
    let (meta, mut records) = records_of(&state);
    let meta = migrate_meta(&meta).unwrap();
    records.insert(doc_key("a"), r#"{"id":"a","spans":[{"id":1,"start":5,"end":99,"label":"ACTOR"}],"undo":[],"redo":[]}"#.into());
    assert!(matches!(restore(&meta, &records), Err(SnapshotError::Corrupt { key, .. }) if key == "doc:a"));
    records.remove(&text_key("a"));
    assert_eq!(restore(&meta, &records).unwrap_err(), SnapshotError::Missing { key: "text:a".into() });
    assert!(matches!(migrate_meta("{not json"), Err(SnapshotError::Corrupt { .. })));
    assert!(matches!(migrate_meta(r#"{"documents": []}"#), Err(SnapshotError::Corrupt { .. })));
    let empty = r#"{"schema_version": 1, "documents": [], "current": 0, "next_span_id": 1, "unsaved_changes": 0}"#;
    assert!(matches!(restore(&migrate_meta(empty).unwrap(), &HashMap::new()), Err(SnapshotError::Corrupt { .. })));
}

proptest! {
    #[test]
    fn any_session_round_trips(ops in prop::collection::vec((0usize..40, 0usize..40, 0usize..4, 0u8..4), 0..30)) {
        let labels = ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL"];
        let mut state = AppState::with_document(Document::new("d", "Kao Kim Hourn 👨‍👩‍👧 di Myawaddy,\r\nMyanmar e\u{301} 20 WNI"));
        for (a, b, label, op) in ops {
            let _ = match op {
                0 | 1 => state.apply(Action::Tag { start: a.min(b), end: a.max(b), label: Label::new(labels[label]) }),
                2 => state.apply(Action::Undo),
                _ => state.apply(Action::Redo),
            };
        }
        let restored = round_trip(&state);
        prop_assert_eq!(restored.documents(), state.documents());
    }
}

#[test]
fn stored_edits_keep_their_version_1_form() {
    let written = r#"[{"edit":"insert","span":{"id":1,"start":0,"end":5,"label":"ACTOR"}},{"edit":"remove","span":{"id":2,"start":3,"end":9,"label":"VICTIM_COUNT","value":"20"}},{"edit":"relabel","id":1,"to":"LOCATION"},{"edit":"set_value","id":2,"value":null},{"edit":"set_value","id":2,"value":"16"}]"#;
    let span = |id, start, end, label: &str, value: Option<&str>| StoredSpan { id, start, end, label: label.to_owned(), value: value.map(str::to_owned) };
    let edits: Vec<StoredEdit> = serde_json::from_str(written).unwrap();
    assert_eq!(
        edits,
        [
            StoredEdit::Insert { span: span(1, 0, 5, "ACTOR", None) },
            StoredEdit::Remove { span: span(2, 3, 9, "VICTIM_COUNT", Some("20")) },
            StoredEdit::Relabel { id: 1, to: "LOCATION".to_owned() },
            StoredEdit::SetValue { id: 2, value: None },
            StoredEdit::SetValue { id: 2, value: Some("16".to_owned()) },
        ]
    );
    assert_eq!(serde_json::to_string(&edits).unwrap(), written);
    for (damaged, why) in [
        (r#"{"edit":"merge","id":1}"#, "\"merge\" is not a stored edit"),
        (r#"{"edit":"relabel","id":1}"#, "a stored \"relabel\" edit has no \"to\""),
        (r#"{"edit":"insert"}"#, "a stored \"insert\" edit has no \"span\""),
        (r#"{"id":1}"#, "missing field `edit`"),
    ] {
        let problem = serde_json::from_str::<StoredEdit>(damaged).unwrap_err().to_string();
        assert!(problem.contains(why), "{damaged}: {problem}");
    }
}
