//! `sorot agree`, run as a person would, on two small annotators' files
//! whose figures are worked out by hand below.

mod cli_common;

use cli_common::{folder, line, ok, sorot, stderr, write};
use serde_json::Value as Json;

const BALI: &str = "💩 Kao Kim Hourn ke Bali, 20 WNI";
const MYAWADDY: &str = "Sebanyak 16 orang WNI tiba di Myawaddy.";

/// alice and bob on two shared texts, and one text only alice has.
///
/// Bali text, tokens 💩 Kao Kim Hourn ke Bali , 20 WNI:
/// - alice: ACTOR "Kao Kim", LOCATION "Bali", VICTIM_COUNT "20 WNI"
/// - bob:   ACTOR "Kao Kim Hourn", ACTOR "Bali", VICTIM_COUNT "20 WNI"
///
/// Myawaddy text: both tag VICTIM_COUNT "16 orang WNI" and LOCATION "Myawaddy".
fn team(test: &str) -> std::path::PathBuf {
    let dir = folder("cli_agree", test);
    let alice = [
        line("a1", "alice", BALI, &[(2, 9, "ACTOR"), (19, 23, "LOCATION"), (25, 31, "VICTIM_COUNT")]),
        line("a2", "alice", MYAWADDY, &[(9, 21, "VICTIM_COUNT"), (30, 38, "LOCATION")]),
        line("a3", "alice", "Hanya Alice.", &[]),
    ];
    let bob = [
        // Other ids and order: documents meet by text.
        line("b2", "bob", MYAWADDY, &[(9, 21, "VICTIM_COUNT"), (30, 38, "LOCATION")]),
        line("b1", "bob", BALI, &[(2, 15, "ACTOR"), (19, 23, "ACTOR"), (25, 31, "VICTIM_COUNT")]),
    ];
    write(&dir, &[("alice.jsonl", &alice.concat()), ("bob.jsonl", &bob.concat())]);
    dir
}

fn close(found: &Json, expected: f64) {
    let found = found.as_f64().unwrap_or_else(|| panic!("{found} is not a number"));
    assert!((found - expected).abs() < 1e-9, "{found} is not {expected}");
}

#[test]
fn two_annotators_hand_computed() {
    let dir = team("json");
    let report: Json = serde_json::from_str(&ok(&sorot(&dir, &["agree", "alice.jsonl", "bob.jsonl", "--json"]))).unwrap();
    let pair = &report["pairs"][0];
    assert_eq!(pair["documents"], 2);
    // Exact: VICTIM_COUNT ×2 and LOCATION "Myawaddy" match; 3 of 5 each.
    close(&pair["exact"]["overall"]["f1"], 0.6);
    assert_eq!(pair["exact"]["per_label"]["ACTOR"]["matched"], 0);
    close(&pair["exact"]["per_label"]["LOCATION"]["recall"], 0.5);
    // Overlap adds "Kao Kim" ~ "Kao Kim Hourn": 4 of 5.
    close(&pair["overlap"]["overall"]["f1"], 0.8);
    close(&pair["overlap"]["per_label"]["ACTOR"]["f1"], 2.0 / 3.0);
    // 9 + 8 tokens. Bali text tags, alice: O B-A I-A O O B-L O B-V I-V,
    // bob: O B-A I-A I-A O B-A O B-V I-V: p_o = 7/9,
    // p_e = (4·3 + 1·2 + 1·2 + 1·1 + 1·1)/81 = 18/81, κ = (63 − 18)/(81 − 18) = 5/7.
    assert_eq!(pair["kappa"]["tokens"], 17);
    // Both texts: 15 of 17 tokens agree; marginals alice O 8, B-A 1, I-A 1,
    // B-L 2, B-V 2, I-V 3 and bob O 7, B-A 2, I-A 2, B-L 1, B-V 2, I-V 3:
    // p_e = (56 + 2 + 2 + 2 + 4 + 9)/289 = 75/289, κ = (255 − 75)/(289 − 75).
    close(&pair["kappa"]["overall"], 180.0 / 214.0);
    let bali = report["documents"].as_array().unwrap().iter().find(|d| d["id"] == "a1").unwrap();
    close(&bali["kappa"], 5.0 / 7.0);
    close(&bali["exact_f1"], 1.0 / 3.0);
    assert_eq!(bali["spans"], serde_json::json!([3, 3]));
    let only_alice = &report["documents"][2];
    assert_eq!(
        (only_alice["id"].as_str(), &only_alice["spans"], &only_alice["kappa"]),
        (Some("a3"), &serde_json::json!([0, null]), &Json::Null)
    );
    assert_eq!(report["shared_by_all"], 2);
    close(&report["alpha_u"]["per_label"][2]["alpha"], 1.0);
    assert_eq!(report["alpha_u"]["per_label"][2]["label"], "VICTIM_COUNT");
    assert!(report["fleiss"].is_null());
}

#[test]
fn the_table_names_annotators_labels_and_texts() {
    let dir = team("table");
    let table = ok(&sorot(&dir, &["agree", "alice.jsonl", "bob.jsonl"]));
    assert!(table.starts_with("Agreement of 2 annotators: 3 texts, 2 annotated by every annotator\n"), "{table}");
    assert!(table.contains("alice vs bob: 2 shared texts, 17 tokens"), "{table}");
    let all = table.lines().find(|l| l.starts_with("all ")).unwrap();
    assert_eq!(all.split_whitespace().collect::<Vec<_>>(), ["all", "5", "5", "0.600", "0.600", "0.600", "0.800", "0.841"]);
    let bali = table.lines().find(|l| l.starts_with("a1 ")).unwrap();
    assert!(bali.ends_with("3    3     0.333  0.714"), "{bali}");
    assert!(table.lines().any(|l| l.starts_with("a3 ") && l.ends_with("0    –         –      –")), "{table}");
}

#[test]
fn a_merged_file_splits_by_annotator() {
    let dir = team("merged");
    ok(&sorot(&dir, &["merge", "alice.jsonl", "bob.jsonl", "-o", "tim.json"]));
    let merged: Json = serde_json::from_str(&ok(&sorot(&dir, &["agree", "tim.json", "--json"]))).unwrap();
    let separate: Json = serde_json::from_str(&ok(&sorot(&dir, &["agree", "alice.jsonl", "bob.jsonl", "--json"]))).unwrap();
    assert_eq!(merged["pairs"], separate["pairs"]);
    assert_eq!(merged["alpha_u"], separate["alpha_u"]);
}

#[test]
fn three_files_get_fleiss_kappa() {
    let dir = team("three");
    write(&dir, &[("carol.jsonl", &line("c1", "carol", BALI, &[(2, 15, "ACTOR")]))]);
    let report: Json = serde_json::from_str(&ok(&sorot(&dir, &["agree", "alice.jsonl", "bob.jsonl", "carol.jsonl", "--json"]))).unwrap();
    assert_eq!(report["pairs"].as_array().unwrap().len(), 3);
    assert_eq!(report["shared_by_all"], 1);
    assert_eq!(report["fleiss"]["tokens"], 9);
    assert!(report["documents"][0]["kappa"].is_number());
}

#[test]
fn unusable_teams_are_refused_with_what_to_do() {
    let dir = team("refused");
    write(&dir, &[("lain.jsonl", &line("x", "carol", "Teks yang lain sama sekali.", &[]))]);
    let cases: &[(&[&str], &str)] = &[
        (&["agree", "alice.jsonl"], "agreement needs two or more annotators, found 1"),
        (&["agree", "alice.jsonl", "lain.jsonl"], "no text was annotated by two annotators"),
        (&["agree", "alice.jsonl", "hilang.jsonl"], "hilang.jsonl: no such file; check the path"),
    ];
    for (args, message) in cases {
        let output = sorot(&dir, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stderr(&output).starts_with(&format!("sorot: {message}")), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn problems_in_the_input_are_listed_and_fail_after_the_report() {
    let dir = team("problems");
    let bad = line("b1", "bob", BALI, &[(2, 15, "ACTOR"), (40, 50, "ACTOR")]);
    write(&dir, &[("bob.jsonl", &bad)]);
    let output = sorot(&dir, &["agree", "alice.jsonl", "bob.jsonl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(cli_common::stdout(&output).contains("alice vs bob: 1 shared text,"));
    let errors = stderr(&output);
    assert!(errors.contains("bob.jsonl line 1 (doc \"b1\"): span ends at 50, past the end of the text (31 code points)"), "{errors}");
    assert!(errors.contains("sorot: 1 problem in the input (listed above)"), "{errors}");
}
