//! The stored session reads back exactly what was written — spans, undo and
//! redo, document order — and refuses damaged or newer records plainly.

use sorot::model::{ViewAction, WorkAction};
use std::collections::HashMap;

use proptest::prelude::*;
use sorot::model::{seed_document, AppState, Document, Label};
use sorot::persist::read;
use sorot::persist::snapshot::{
    doc_key, meta_of, migrate_meta, restore, stored_document, text_key, SnapshotError, StoredEdit, StoredSpan, SCHEMA_VERSION,
};

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
    state.apply(WorkAction::Tag { start, end: start + needle.chars().count(), label: Label::new(label) }).unwrap();
}

#[test]
fn a_session_with_history_reads_back_and_undo_still_works() {
    let mut state = AppState::with_document(seed_document());
    tag(&mut state, "Kao Kim Hourn", "ACTOR");
    tag(&mut state, "Nusa Dua Bali", "LOCATION");
    state.apply(WorkAction::Undo).unwrap();
    state.apply(WorkAction::OpenText { name: "b.txt".into(), text: "Judul 💩\r\nKe Myawaddy".into() }).unwrap();
    tag(&mut state, "Myawaddy", "LOCATION");
    let mut restored = round_trip(&state);
    assert_eq!(restored.documents(), state.documents());
    assert_eq!(restored.current_index(), 1);
    assert_eq!(restored.next_span_id(), state.next_span_id());
    assert_eq!(restored.unsaved_changes(), state.unsaved_changes());
    restored.apply(ViewAction::SwitchDocument(0)).unwrap();
    restored.apply(WorkAction::Redo).unwrap();
    assert_eq!(restored.current().annotations.len(), 2, "redo survives a reload");
}

#[test]
fn an_edited_schema_survives_a_reload() {
    let mut state = AppState::with_document(seed_document());
    state.apply(WorkAction::EditSchema(sorot::model::SchemaEdit::Add { name: "ORG".into() })).unwrap();
    state.apply(WorkAction::EditSchema(sorot::model::SchemaEdit::Rename { label: Label::new("ACTOR"), to: "PERSON".into() })).unwrap();
    assert_eq!(round_trip(&state).schema(), state.schema());
}

#[test]
fn a_newer_schema_is_refused_not_overwritten() {
    let meta =
        format!(r#"{{"schema_version": {}, "documents": [], "current": 0, "next_span_id": 1, "unsaved_changes": 0}}"#, SCHEMA_VERSION + 1);
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
                0 | 1 => state.apply(WorkAction::Tag { start: a.min(b), end: a.max(b), label: Label::new(labels[label]) }),
                2 => state.apply(WorkAction::Undo),
                _ => state.apply(WorkAction::Redo),
            };
        }
        let restored = round_trip(&state);
        prop_assert_eq!(restored.documents(), state.documents());
    }
}

#[test]
fn stored_edits_keep_their_version_1_form() {
    let written = r#"[{"edit":"insert","span":{"id":1,"start":0,"end":5,"label":"ACTOR"}},{"edit":"remove","span":{"id":2,"start":3,"end":9,"label":"VICTIM_COUNT","value":"20"}},{"edit":"relabel","id":1,"to":"LOCATION"},{"edit":"set_value","id":2,"value":null},{"edit":"set_value","id":2,"value":"16"}]"#;
    let span = |id, start, end, label: &str, value: Option<&str>| StoredSpan {
        id,
        start,
        end,
        label: label.to_owned(),
        value: value.map(str::to_owned),
    };
    let values: Vec<serde_json::Value> = serde_json::from_str(written).unwrap();
    let edits: Vec<StoredEdit> = values.iter().map(|value| read::edit(value, "an edit".to_owned()).unwrap()).collect();
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
}

#[test]
fn a_damaged_document_record_names_the_part_that_is_damaged() {
    let (meta, mut records) = records_of(&{
        let mut state = AppState::with_document(seed_document());
        tag(&mut state, "Kao Kim Hourn", "ACTOR");
        state
    });
    let key = doc_key(seed_document().id());
    let good: serde_json::Value = serde_json::from_str(&records[&key]).unwrap();
    for (damage, why) in [
        (r#"{"spans": [{"id": 1, "start": 0, "end": 5}]}"#, "span 1 has no \"label\""),
        (r#"{"spans": [{"id": 1, "start": -3, "end": 5, "label": "ACTOR"}]}"#, "the \"start\" of span 1 is not a whole number"),
        (r#"{"spans": "none"}"#, "the \"spans\" of the document record is not a list"),
        (r#"{"undo": [[{"edit": "merge"}]]}"#, "edit 1 of undo step 1 is a \"merge\" edit"),
        (r#"{"undo": [[{"edit": "relabel", "id": 1}]]}"#, "edit 1 of undo step 1 has no \"to\""),
        (r#"{"undo": [[{"edit": "insert"}]]}"#, "edit 1 of undo step 1 has no \"span\""),
        (r#"{"redo": [{"edit": "insert"}]}"#, "redo step 1 is not a list of edits"),
        (r#"{"stamps": [[1, 2]]}"#, "a stamp is not [span id, created, updated]"),
        (r#"{"rejected": [[1, 2, 3]]}"#, "a rejected suggestion is not [start, end, label]"),
        (r#"{"meta": {"source": 7}}"#, "the \"source\" of its \"meta\" is not text"),
        (r#"{"id": null}"#, "the document record has no \"id\""),
    ] {
        let mut record = good.clone();
        for (field, value) in serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(damage).unwrap() {
            record[field] = value;
        }
        records.insert(key.clone(), record.to_string());
        let err = restore(&migrate_meta(&meta).unwrap(), &records).unwrap_err();
        match err {
            SnapshotError::Corrupt { key: named, problem } => {
                assert_eq!(named, key);
                assert!(problem.contains(why), "{damage}: {problem}");
            }
            other => panic!("{damage}: {other:?}"),
        }
    }
}

#[test]
fn a_damaged_index_record_says_what_is_wrong() {
    for (meta, why) in [
        (
            r#"{"schema_version": 1, "documents": [3], "current": 0, "next_span_id": 1, "unsaved_changes": 0}"#,
            "a document id in the index record is not text",
        ),
        (r#"{"schema_version": 1, "documents": [], "next_span_id": 1, "unsaved_changes": 0}"#, "the index record has no \"current\""),
        (
            r#"{"schema_version": 1, "documents": [], "current": 0, "next_span_id": 1, "unsaved_changes": 0, "scroll_y": "top"}"#,
            "the \"scroll_y\" of the index record is not a number",
        ),
    ] {
        match migrate_meta(meta) {
            Err(SnapshotError::Corrupt { key, problem }) => assert!(key == "meta" && problem.contains(why), "{meta}: {problem}"),
            other => panic!("{meta}: {other:?}"),
        }
    }
    let written = r#"{"schema_version": 1, "documents": ["a"], "current": 0, "next_span_id": 4, "unsaved_changes": 2, "scroll_y": 640.5}"#;
    let meta = migrate_meta(written).unwrap();
    assert_eq!(
        (meta.documents, meta.current, meta.next_span_id, meta.unsaved_changes, meta.scroll_y, meta.schema),
        (vec!["a".to_owned()], 0, 4, 2, 640.5, None)
    );
}
