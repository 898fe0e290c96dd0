//! The `sorot suggest` command, run as a person would: files in, JSONL out,
//! and errors that say what to fix, with a non-zero exit code.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{json, Value as Json};

/// A fresh folder for one test's files.
fn folder(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("suggest_cli").join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn sorot(args: &[&str], dir: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sorot")).args(args).current_dir(dir).output().unwrap()
}

fn stdout_lines(output: &Output) -> Vec<Json> {
    String::from_utf8(output.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `(text[start:end], label)` of a record's spans, sliced by code points.
fn spans(record: &Json) -> Vec<(String, String)> {
    let chars: Vec<char> = record["text"].as_str().unwrap().chars().collect();
    record["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
            (chars[start..end].iter().collect(), s["label"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn a_text_file_is_one_document_named_after_the_file() {
    let dir = folder("text");
    fs::write(dir.join("berita.txt"), "\u{feff}💩 Sebanyak 16 orang WNI tiba di Myawaddy.").unwrap();
    let output = sorot(&["suggest", "berita.txt"], &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = stdout_lines(&output);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "berita");
    assert_eq!(records[0]["text"], "💩 Sebanyak 16 orang WNI tiba di Myawaddy.");
    assert_eq!(
        records[0]["spans"],
        json!([
            {"start": 11, "end": 23, "label": "VICTIM_COUNT", "value": 16},
            {"start": 32, "end": 40, "label": "LOCATION", "value": {"name": "Myawaddy", "country": "MM"}},
        ])
    );
}

#[test]
fn a_jsonl_file_is_one_document_per_line_and_patterns_add_spans() {
    let dir = folder("jsonl");
    fs::write(
        dir.join("korpus.jsonl"),
        "{\"id\": \"a\", \"text\": \"Kemlu memulangkan 20 WNI.\", \"meta\": {}}\n\n{\"text\": \"Sihanoukville, Kamboja\"}\n{\"id\": 7, \"text\": \"kosong\"}\n",
    )
    .unwrap();
    fs::write(dir.join("pola.jsonl"), "{\"label\": \"ACTOR\", \"pattern\": [{\"LOWER\": \"kosong\"}]}\n").unwrap();
    let output = sorot(&["suggest", "korpus.jsonl", "--patterns", "pola.jsonl"], &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = stdout_lines(&output);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "korpus:3", "7"]);
    let pairs = |items: &[(&str, &str)]| items.iter().map(|(t, l)| (t.to_string(), l.to_string())).collect::<Vec<_>>();
    assert_eq!(spans(&records[0]), pairs(&[("Kemlu", "ACTOR"), ("20 WNI", "VICTIM_COUNT")]));
    assert_eq!(spans(&records[1]), pairs(&[("Sihanoukville", "LOCATION"), ("Kamboja", "LOCATION")]));
    assert_eq!(spans(&records[2]), pairs(&[("kosong", "ACTOR")]));
}

#[test]
fn several_files_print_in_order() {
    let dir = folder("several");
    fs::write(dir.join("b.txt"), "Bali").unwrap();
    fs::write(dir.join("a.txt"), "Laos").unwrap();
    let output = sorot(&["suggest", "b.txt", "a.txt"], &dir);
    let ids: Vec<Json> = stdout_lines(&output).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, [json!("b"), json!("a")]);
}

#[test]
fn errors_name_the_file_and_what_to_fix_and_fail() {
    let dir = folder("errors");
    fs::write(dir.join("rusak.txt"), b"Kao \xC3\x28 Kim").unwrap();
    fs::write(dir.join("baris.jsonl"), b"{\"text\": \"ok\"}\n\xF0\x9F\x92\xA9 \xFF\n").unwrap();
    fs::write(dir.join("bukan.jsonl"), "{\"text\": \"ok\"}\n{\"id\": \"x\"}\n").unwrap();
    fs::write(dir.join("id.jsonl"), "{\"text\": \"ok\", \"id\": [1]}\n").unwrap();
    fs::write(dir.join("kosong.txt"), "").unwrap();
    fs::write(dir.join("artikel.docx"), "PK").unwrap();
    fs::write(dir.join("ok.txt"), "20 WNI").unwrap();
    fs::write(dir.join("pola.jsonl"), "{\"label\": \"X\", \"pattern\": \"a\"}\n{\"label\": \"X\", \"pattern\": [{\"SHAPE\": \"dd\"}]}\n")
        .unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["suggest", "hilang.txt"], "hilang.txt: no such file; check the path"),
        (&["suggest", "rusak.txt"], "rusak.txt: not UTF-8 text: the first bad byte is at byte 4 (line 1); save the file as UTF-8"),
        (&["suggest", "baris.jsonl"], "baris.jsonl: not UTF-8 text: the first bad byte is at byte 20 (line 2)"),
        (&["suggest", "bukan.jsonl"], "bukan.jsonl: line 2: no \"text\" string"),
        (&["suggest", "id.jsonl"], "id.jsonl: line 1: \"id\" must be a string or a number"),
        (&["suggest", "kosong.txt"], "kosong.txt: the file is empty"),
        (&["suggest", "artikel.docx"], "artikel.docx: cannot tell what the file holds; give a .txt file"),
        (&["suggest", "ok.txt", "--patterns", "pola.jsonl"], "pola.jsonl: patterns line 2: unsupported token key \"SHAPE\""),
        (&["suggest", "ok.txt", "--patterns", "tidak-ada.jsonl"], "tidak-ada.jsonl: no such file"),
    ];
    for (args, message) in cases {
        let output = sorot(args, &dir);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stderr(&output).starts_with(&format!("sorot: {message}")), "{args:?}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn an_empty_patterns_file_is_no_patterns() {
    let dir = folder("empty_patterns");
    fs::write(dir.join("ok.txt"), "20 WNI").unwrap();
    fs::write(dir.join("pola.jsonl"), "").unwrap();
    let output = sorot(&["suggest", "ok.txt", "--patterns", "pola.jsonl"], &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(spans(&stdout_lines(&output)[0]), [("20 WNI".to_string(), "VICTIM_COUNT".to_string())]);
}

#[test]
fn usage_mistakes_exit_with_2_and_say_how_to_call() {
    let dir = folder("usage");
    for args in [&[][..], &["suggest"][..], &["sugest", "a.txt"][..]] {
        let output = sorot(args, &dir);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("Usage: sorot"), "{args:?}: {}", stderr(&output));
    }
    let help = sorot(&["suggest", "--help"], &dir);
    assert!(help.status.success() && String::from_utf8_lossy(&help.stdout).contains("--patterns <FILE>"));
}
