//! `sorot validate`: every problem of every file, by file, line and
//! document, and exit code 1 when there is any. JSON Lines is streamed, and
//! must report exactly what reading the whole file reports.

mod cli_common;

use cli_common::{folder, ok, sorot, stderr, stdout, write};
use sorot::formats::{jsonl, ProblemKind};
use sorot::model::offsets::OffsetUnit;

/// JSON Lines with one of each problem a line can have, a BOM, CRLF line
/// ends, blank lines, and ids missing, repeated and colliding with
/// generated ones.
const TRICKY: &str = concat!(
    "\u{feff}{\"text\":\"💩 Kao Kim Hourn\",\"spans\":[{\"start\":2,\"end\":5,\"label\":\"ACTOR\",\"text\":\"Kao\"}]}\r\n",
    "\r\n",
    "{\"id\":\"tricky-1\",\"text\":\"Bali\",\"spans\":[{\"start\":3,\"end\":1,\"label\":\"LOCATION\"}]}\n",
    "{\"id\":\"a\",\"text\":\"Di Bali\",\"spans\":[{\"start\":3,\"end\":9,\"label\":\"LOCATION\"},{\"start\":3,\"end\":7,\"label\":\"LOCATION\",\"text\":\"Bal\"}]}\n",
    "{\"id\":\"a\",\"text\":\"Di Bali\",\"spans\":[[3,7,\"LOCATION\"],[3,7,\"LOCATION\"],[0,2,\"PLACE\"]]}\n",
    "{\"id\":\"a\",\"text\":\"Di Bali\"\n",
    "[1, 2]\n",
    "{\"text\":\"\"}\n",
    "{\"text\":\"Tanpa id\",\"status\":\"finished\"}\n",
    "{\"id\":\"a-2\",\"text\":\"Id yang sudah dipakai\"}\n",
);

#[test]
fn streamed_problems_are_the_whole_file_readers_problems() {
    let dir = folder("cli_validate", "tricky");
    write(&dir, &[("tricky.jsonl", TRICKY)]);
    let output = sorot(&dir, &["validate", "tricky.jsonl"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    let (_, whole) = jsonl::import("tricky.jsonl", TRICKY.as_bytes(), &[], OffsetUnit::Utf16).unwrap();
    // The whole-file reader knows no schema here either: every label is
    // "unknown" to it, which validate does not report without --labels.
    let expected: Vec<String> =
        whole.problems.iter().filter(|p| !matches!(p.kind, ProblemKind::UnknownLabel { .. })).map(|p| format!("  {p}")).collect();
    let lines: Vec<&str> = report.lines().skip(1).collect();
    assert_eq!(lines, expected);
    assert_eq!(report.lines().next(), Some(format!("tricky.jsonl: 6 documents, 3 spans, {} problems", expected.len()).as_str()));
    for expected in [
        "  tricky.jsonl line 3 (doc \"tricky-1-2\"): document id \"tricky-1\" is used twice; this document was renamed \"tricky-1-2\"",
        "  tricky.jsonl line 7: expected a JSON object with a \"text\" string",
        "  tricky.jsonl line 8 (doc \"tricky-5\"): there is nothing here to read",
        "  tricky.jsonl line 9 (doc \"tricky-5-2\"): document id \"tricky-5\" is used twice; this document was renamed \"tricky-5-2\"",
    ] {
        assert!(lines.contains(&expected), "{expected:?} not in\n{report}");
    }
    assert!(stderr(&output).starts_with(&format!("sorot: {} problems in 1 of 1 file; fix them and validate again", expected.len())));
}

#[test]
fn clean_files_of_every_kind_pass() {
    let dir = folder("cli_validate", "clean");
    write(
        &dir,
        &[
            ("a.jsonl", "{\"id\":\"a\",\"text\":\"Kao ke Bali\",\"spans\":[{\"start\":0,\"end\":3,\"label\":\"ACTOR\"}]}\n"),
            (
                "b.json",
                r#"{"format":"sorot","version":1,"documents":[{"id":"x","text":"Di Bali","spans":[{"start":3,"end":7,"label":"LOCATION","text":"Bali"}]}]}"#,
            ),
            ("c.conll", "-DOCSTART-\tO\n\nKao\tB-ACTOR\nke\tO\nBali\tB-LOCATION\n\n"),
            ("d.txt", "Judul\nIsi berita."),
        ],
    );
    std::fs::create_dir(dir.join("brat")).unwrap();
    write(&dir.join("brat"), &[("e.txt", "Kao Kim Hourn"), ("e.ann", "T1\tACTOR 0 13\tKao Kim Hourn\n")]);
    let report = ok(&sorot(&dir, &["validate", "a.jsonl", "b.json", "c.conll", "d.txt", "brat"]));
    assert_eq!(
        report,
        "a.jsonl: 1 document, 1 span, no problems\n\
         b.json: 1 document, 1 span, no problems\n\
         c.conll: 1 document, 2 spans, no problems\n\
         d.txt: 1 document, 0 spans, no problems\n\
         brat: 1 document, 1 span, no problems\n"
    );
}

#[test]
fn labels_outside_the_schema_are_reported_once_each_when_asked() {
    let dir = folder("cli_validate", "labels");
    let file = "{\"id\":\"a\",\"text\":\"Kao ke Bali\",\"spans\":[[0,3,\"ACTOR\"],[7,11,\"PLACE\"]]}\n{\"id\":\"b\",\"text\":\"Bali\",\"spans\":[[0,4,\"PLACE\"]]}\n";
    write(&dir, &[("a.jsonl", file)]);
    ok(&sorot(&dir, &["validate", "a.jsonl"]));
    let output = sorot(&dir, &["validate", "--labels", "ACTOR,LOCATION", "a.jsonl"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "a.jsonl: 2 documents, 3 spans, 1 problem\n  \
         a.jsonl line 1 (doc \"a\"): label \"PLACE\" is not in the schema; its spans were kept: add the label or relabel them\n"
    );
}

#[test]
fn unreadable_files_are_reported_and_the_others_still_checked() {
    let dir = folder("cli_validate", "unreadable");
    write(&dir, &[("ok.jsonl", "{\"text\":\"Bali\"}\n"), ("artikel.pdf", "%PDF"), ("kosong.json", "")]);
    std::fs::write(dir.join("rusak.jsonl"), b"{\"text\":\"Bali\"}\n{\"text\":\"Caf\xe9\"}\n").unwrap();
    let output = sorot(&dir, &["validate", "hilang.json", "artikel.pdf", "kosong.json", "rusak.jsonl", "ok.jsonl"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    for expected in [
        "hilang.json: cannot be read\n  hilang.json: no such file; check the path\n",
        "artikel.pdf: cannot be read\n  artikel.pdf: Sorot does not open .pdf files",
        "kosong.json: cannot be read\n  kosong.json: there is nothing here to read\n",
        // One bad line loses only itself; its byte is counted in the file.
        "rusak.jsonl: 1 document, 0 spans, 1 problem\n  rusak.jsonl line 2: not UTF-8 text (first bad byte at position 28)",
        "ok.jsonl: 1 document, 0 spans, no problems\n",
    ] {
        assert!(report.contains(expected), "{expected:?} not in\n{report}");
    }
    assert!(stderr(&output).starts_with("sorot: 4 problems in 4 of 5 files"), "{}", stderr(&output));
}

#[test]
fn help_says_what_is_checked() {
    let dir = folder("cli_validate", "help");
    let help = ok(&sorot(&dir, &["validate", "--help"]));
    assert!(help.contains("Usage: sorot validate [OPTIONS] <FILE>..."), "{help}");
    assert!(help.contains("--labels <LABEL,...>"), "{help}");
    let output = sorot(&dir, &["validate"]);
    assert_eq!(output.status.code(), Some(2));
}
