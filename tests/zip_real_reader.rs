//! Sorot's ZIP writer read back by a real ZIP reader: Python's `zipfile`
//! tests every entry's CRC, then gives back each name and its bytes. The
//! archive holds what a brat export holds: UTF-8 names, emoji and CRLF in
//! the texts, an empty file.

use std::process::Command;

use sorot::formats::{zip, OutputFile};

#[test]
fn python_zipfile_reads_back_every_file() {
    let files = vec![
        OutputFile { name: "annotation.conf".into(), contents: "[entities]\nACTOR\nLOCATION\n".into() },
        OutputFile { name: "berita-👨‍👩‍👧.txt".into(), contents: "Kao Kim Hourn 🇮🇩 di Bali\r\nCafe\u{301}".into() },
        OutputFile { name: "berita-👨‍👩‍👧.ann".into(), contents: "T1\tACTOR 0 13\tKao Kim Hourn\n".into() },
        OutputFile { name: "kosong.ann".into(), contents: String::new() },
    ];
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("zip_real_reader");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("export.brat.zip");
    std::fs::write(&path, zip::store(&files)).unwrap();
    let script = "import json, sys, zipfile\n\
                  z = zipfile.ZipFile(sys.argv[1])\n\
                  assert z.testzip() is None, 'a CRC does not match'\n\
                  print(json.dumps([[i.filename, z.read(i).decode('utf-8')] for i in z.infolist()]))";
    let output = Command::new("python3").args(["-c", script]).arg(&path).output().expect("python3 runs");
    assert!(output.status.success(), "zipfile refused the archive: {}", String::from_utf8_lossy(&output.stderr));
    let read: Vec<(String, String)> = serde_json::from_slice(&output.stdout).unwrap();
    let written: Vec<(String, String)> = files.into_iter().map(|f| (f.name, f.contents)).collect();
    assert_eq!(read, written);
}
