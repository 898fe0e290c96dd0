//! The label schema as JSON, so it travels with the work and between team
//! members:
//!
//! ```json
//! {"labels": [{"name": "ACTOR", "key": "1", "color": "#1d4ed8",
//!              "description": "...", "examples": [{"text": "...", "positive": true}]}]}
//! ```
//! Sorot files carry it as their `schema` field (the top-level `labels` name
//! list stays as in version 1); a schema can also be a file of its own.

use serde::Serialize;
use serde_json::Value;

use super::json_fields::Record;
use crate::model::label::ValueKind;
use crate::model::label::PALETTE;
use crate::model::{Example, Label, LabelDef, Schema, Stroke};

#[derive(Serialize)]
struct SchemaRecord {
    labels: Vec<LabelRecord>,
}

#[derive(Serialize)]
struct LabelRecord {
    name: String,
    key: Option<String>,
    color: Option<String>,
    description: String,
    examples: Vec<ExampleRecord>,
    /// `"count"`; left out for labels whose spans hold no value.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
}

#[derive(Serialize)]
struct ExampleRecord {
    text: String,
    positive: bool,
}

/// The schema as a JSON value (the `schema` field of a Sorot file).
pub fn to_value(schema: &Schema) -> Value {
    let labels = schema
        .labels()
        .iter()
        .map(|def| LabelRecord {
            name: def.label.name().to_owned(),
            key: Some(def.key.to_string()),
            color: Some(def.color.clone()),
            description: def.description.clone(),
            examples: def.examples.iter().map(|e| ExampleRecord { text: e.text.clone(), positive: e.positive }).collect(),
            value: (def.value != ValueKind::None).then(|| def.value.key().to_owned()),
        })
        .collect();
    serde_json::to_value(SchemaRecord { labels }).unwrap_or(Value::Null)
}

/// The schema as a file of its own.
pub fn export(schema: &Schema) -> String {
    serde_json::to_string_pretty(&to_value(schema)).unwrap_or_default()
}

/// Reads a schema value; missing keys and colours are filled in, anything
/// inconsistent (repeated names or keys, bad colours) is refused.
pub fn from_value(value: &Value) -> Result<Schema, String> {
    let record = schema_record(value)?;
    let mut taken: Vec<char> = record.labels.iter().filter_map(|l| single_char(l.key.as_deref())).collect();
    let labels = record
        .labels
        .into_iter()
        .enumerate()
        .map(|(index, label)| {
            let name = label.name.trim();
            if name.is_empty() {
                return Err(format!("label {} has no name", index + 1));
            }
            let key = match single_char(label.key.as_deref()) {
                Some(key) => key,
                None => {
                    let free = ('1'..='9').chain('a'..='z').find(|k| Schema::is_label_key(*k) && !taken.contains(k)).unwrap_or(' ');
                    taken.push(free);
                    free
                }
            };
            Ok(LabelDef {
                label: Label::new(name),
                key,
                color: label.color.unwrap_or_else(|| PALETTE[index % PALETTE.len()].to_owned()),
                stroke: Stroke::for_index(index),
                description: label.description,
                examples: label.examples.into_iter().map(|e| Example { text: e.text, positive: e.positive }).collect(),
                value: match label.value.as_deref() {
                    None => ValueKind::None,
                    Some(key) => ValueKind::parse(key)
                        .ok_or_else(|| format!("label {name} has the value kind {key:?}; use \"count\" or \"none\""))?,
                },
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Schema::from_labels(labels)
}

/// The records of a schema value, read by hand rather than by a derived
/// `Deserialize`: that would add a second copy of serde's reading code, for
/// values already parsed, to the shipped wasm.
fn schema_record(value: &Value) -> Result<SchemaRecord, String> {
    let Some(labels) = value.get("labels").and_then(Value::as_array) else {
        return Err("the schema is not {\"labels\": [{\"name\", \"key\", \"color\", \"description\"}]}".to_owned());
    };
    let labels = labels.iter().enumerate().map(|(index, label)| label_record(index + 1, label)).collect::<Result<_, _>>()?;
    Ok(SchemaRecord { labels })
}

/// Label `number` (counting from 1) of a schema; a missing or null field is
/// left to its default.
fn label_record(number: usize, label: &Value) -> Result<LabelRecord, String> {
    if !label.is_object() {
        return Err(format!("label {number} of the schema is not an object with a \"name\""));
    }
    let record = Record::of(label, format!("label {number} of the schema"))?;
    let examples = record
        .optional_list("examples")?
        .iter()
        .map(|example| match (example.get("text").and_then(Value::as_str), example.get("positive").and_then(Value::as_bool)) {
            (Some(text), Some(positive)) => Ok(ExampleRecord { text: text.to_owned(), positive }),
            _ => Err(format!("an example of label {number} of the schema is not {{\"text\", \"positive\": true or false}}")),
        })
        .collect::<Result<_, _>>()?;
    Ok(LabelRecord {
        name: record.optional_text("name")?.unwrap_or_default(),
        key: record.optional_text("key")?,
        color: record.optional_text("color")?,
        description: record.optional_text("description")?.unwrap_or_default(),
        examples,
        value: record.optional_text("value")?,
    })
}

/// The schema a JSON file holds: a schema file, or a Sorot file's `schema`.
pub fn from_file(value: &Value) -> Option<Result<Schema, String>> {
    match value.get("schema") {
        Some(schema) => Some(from_value(schema)),
        None if value.get("documents").is_none() && value.get("labels").is_some_and(Value::is_array) => Some(from_value(value)),
        None => None,
    }
}

fn single_char(key: Option<&str>) -> Option<char> {
    let mut chars = key?.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_round_trips_and_fills_in_what_is_missing() {
        let schema = Schema::default();
        assert_eq!(from_value(&to_value(&schema)).unwrap(), schema);
        let partial: Value = serde_json::from_str(r#"{"labels": [{"name": "ORG", "key": "1"}, {"name": "PLACE"}]}"#).unwrap();
        let read = from_value(&partial).unwrap();
        assert_eq!(read.label_for_key('2').map(Label::name), Some("PLACE"));
        // The counting label says so in the file; others say nothing.
        let written = to_value(&schema);
        assert_eq!(written["labels"][1]["value"], "count");
        assert!(written["labels"][0].get("value").is_none());
        let counted: Value = serde_json::from_str(r#"{"labels": [{"name": "KORBAN", "value": "count"}]}"#).unwrap();
        assert_eq!(from_value(&counted).unwrap().get("KORBAN").map(|d| d.value), Some(ValueKind::Count));
    }

    #[test]
    fn inconsistent_schemas_are_refused_with_the_reason() {
        for (json, why) in [
            (r#"{"labels": [{"name": "A", "key": "1"}, {"name": "B", "key": "1"}]}"#, "Key 1"),
            (r#"{"labels": [{"name": "A"}, {"name": "A"}]}"#, "appears twice"),
            (r#"{"labels": [{"name": "A", "color": "red"}]}"#, "colour"),
            (r#"{"labels": [{"name": " "}]}"#, "no name"),
            (r#"{"labels": 3}"#, "is not"),
            (r#"{"labels": ["A"]}"#, "label 1 of the schema is not an object"),
            (r#"{"labels": [{"name": "A"}, {"name": 7}]}"#, "the \"name\" of label 2"),
            (r#"{"labels": [{"name": "A", "examples": [{"text": "x"}]}]}"#, "an example of label 1"),
            (r#"{"labels": [{"name": "A", "value": "money"}]}"#, "value kind \"money\""),
        ] {
            let err = from_value(&serde_json::from_str(json).unwrap()).unwrap_err();
            assert!(err.contains(why), "{json}: {err}");
        }
    }

    #[test]
    fn files_say_whether_they_carry_a_schema() {
        let sorot: Value = serde_json::from_str(r#"{"format": "sorot", "documents": [], "schema": {"labels": [{"name": "X"}]}}"#).unwrap();
        assert!(from_file(&sorot).unwrap().is_ok());
        let plain: Value = serde_json::from_str(r#"{"format": "sorot", "documents": [], "labels": ["X"]}"#).unwrap();
        assert!(from_file(&plain).is_none());
        let alone: Value = serde_json::from_str(r#"{"labels": [{"name": "X"}]}"#).unwrap();
        assert!(from_file(&alone).unwrap().is_ok());
    }
}
