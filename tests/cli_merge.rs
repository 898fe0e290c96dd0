//! `sorot merge`: annotators' files as one Sorot JSON file, by the rule in
//! `src/cli/merge.rs`: grouped by text, annotators kept apart, unstamped
//! documents named after their file, identical copies dropped, one
//! annotator's conflicting copies both kept with a warning, ids unique.

mod cli_common;

use cli_common::{folder, line, ok, sorot, stderr, write};
use sorot::formats::sorot_json;

const BALI: &str = "Kao Kim Hourn ke Bali";
const LAOS: &str = "Di Laos";

#[test]
fn documents_are_grouped_by_text_and_keep_their_annotators() {
    let dir = folder("cli_merge", "rule");
    let alice = [line("a1", "alice", BALI, &[(0, 13, "ACTOR")]), line("a2", "alice", LAOS, &[(3, 7, "LOCATION")])].concat();
    let bob = line("a1", "bob", BALI, &[(17, 21, "LOCATION")]);
    // carol's file has no annotator stamps, and a copy of alice's work.
    let carol = [
        "{\"id\":\"c1\",\"text\":\"Di Laos\",\"spans\":[[3,7,\"LOCATION\"]]}\n".to_owned(),
        line("a1", "alice", BALI, &[(0, 13, "ACTOR")]),
        line("a9", "alice", BALI, &[(0, 3, "ACTOR")]),
    ]
    .concat();
    write(&dir, &[("alice.jsonl", &alice), ("bob.jsonl", &bob), ("carol.jsonl", &carol)]);
    let output = sorot(&dir, &["merge", "alice.jsonl", "bob.jsonl", "carol.jsonl", "-o", "tim.json"]);
    assert_eq!(ok(&output), "tim.json: 2 texts, 5 documents from 3 files (1 identical copy dropped)\n");
    assert_eq!(
        stderr(&output),
        "warning: alice annotated one text twice, differently (documents \"a1\" and \"a9\" in the output); both are kept\n"
    );
    let bytes = std::fs::read(dir.join("tim.json")).unwrap();
    let (merged, report) = sorot_json::import("tim.json", &bytes, &[]).unwrap();
    let docs: Vec<(&str, Option<&str>, &str, usize)> =
        merged.documents.iter().map(|d| (d.id.as_str(), d.annotator.as_deref(), d.text.as_str(), d.spans.len())).collect();
    assert_eq!(
        docs,
        [
            ("a1", Some("alice"), BALI, 1),
            ("a1@bob", Some("bob"), BALI, 1),
            ("a9", Some("alice"), BALI, 1),
            ("a2", Some("alice"), LAOS, 1),
            ("c1", Some("carol"), LAOS, 1),
        ]
    );
    assert_eq!(merged.labels, ["ACTOR", "LOCATION"]);
    assert!(report.problems.iter().all(|p| p.to_string().contains("not in the schema")), "{report:?}");
}

#[test]
fn the_output_must_be_a_new_file() {
    let dir = folder("cli_merge", "refused");
    write(&dir, &[("a.jsonl", &line("a", "alice", BALI, &[]))]);
    let output = sorot(&dir, &["merge", "a.jsonl", "-o", "a.jsonl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("sorot: a.jsonl: the output would overwrite the input"), "{}", stderr(&output));
    let output = sorot(&dir, &["merge", "a.jsonl"]);
    assert_eq!(output.status.code(), Some(2), "-o is required");
    assert!(stderr(&output).contains("--output <OUT>"), "{}", stderr(&output));
}
