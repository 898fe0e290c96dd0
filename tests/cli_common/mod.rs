//! What the `sorot` command-line tests share: a fresh folder per test, and
//! running the binary in it as a person would.

#![allow(dead_code)] // Each test file uses its own part of this module.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh, empty folder for one test's files.
pub fn folder(suite: &str, test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(suite).join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `sorot ARGS` in `dir`.
pub fn sorot(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sorot")).args(args).current_dir(dir).output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes `files` (`(name, contents)`) into `dir`.
pub fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, contents) in files {
        fs::write(dir.join(name), contents).unwrap();
    }
}

/// Asserts success, showing stderr otherwise.
pub fn ok(output: &Output) -> String {
    assert!(output.status.success(), "exit {:?}: {}", output.status.code(), stderr(output));
    stdout(output)
}

/// A JSONL line of one annotator's document: `spans` as `(start, end, label)`.
pub fn line(id: &str, annotator: &str, text: &str, spans: &[(usize, usize, &str)]) -> String {
    let spans: Vec<serde_json::Value> =
        spans.iter().map(|(start, end, label)| serde_json::json!({"start": start, "end": end, "label": label})).collect();
    serde_json::json!({"id": id, "annotator": annotator, "text": text, "spans": spans}).to_string() + "\n"
}
