//! Times the `sorot` command line on a large JSON Lines corpus: writes one
//! of a given size, then runs the release binary's streamed commands on it
//! (`convert --to doccano`, `convert --to jsonl`, `validate`, `stats`) and
//! prints each one's throughput and peak memory.
//!
//! ```text
//! cargo build --release --bin sorot
//! cargo run --release --example cli_bench -- --mb 100      # default 500
//! ```
//! Options: `--mb N` (corpus size in MB, 10^6 bytes), `--dir PATH` (where to
//! write it; default the system temp folder), `--keep` (leave the files).
//! Peak memory is the child's `VmHWM` from `/proc/<pid>/status`, read every
//! 10 ms while it runs (Linux).

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::json;
use sorot::formats::{jsonl, Corpus, CorpusDocument, CorpusSpan, DocumentMeta, Status};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("cli_bench: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What the command line asked for.
struct Options {
    mb: u64,
    dir: PathBuf,
    keep: bool,
}

fn options() -> Result<Options, String> {
    let mut options = Options { mb: 500, dir: std::env::temp_dir().join("sorot-cli-bench"), keep: false };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--mb" => options.mb = args.next().and_then(|n| n.parse().ok()).ok_or("--mb takes a whole number of megabytes")?,
            "--dir" => options.dir = args.next().map(PathBuf::from).ok_or("--dir takes a folder")?,
            "--keep" => options.keep = true,
            other => return Err(format!("unknown argument {other:?}; use --mb N, --dir PATH, --keep")),
        }
    }
    Ok(options)
}

fn run() -> Result<(), String> {
    let options = options()?;
    // This example runs from target/release/examples/; the binary is in target/release/.
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let sorot = exe.parent().and_then(Path::parent).map(|dir| dir.join("sorot")).ok_or("cannot find the target folder")?;
    if !sorot.is_file() || cfg!(debug_assertions) {
        return Err(format!(
            "needs the release binary {}: run `cargo build --release --bin sorot`, then this with --release",
            sorot.display()
        ));
    }
    fs::create_dir_all(&options.dir).map_err(|e| format!("{}: {e}", options.dir.display()))?;
    let corpus = options.dir.join("corpus.jsonl");
    let started = Instant::now();
    let (bytes, documents) = generate(&corpus, options.mb * 1_000_000).map_err(|e| format!("{}: {e}", corpus.display()))?;
    println!(
        "corpus: {} ({:.1} MB, {documents} documents, written in {:.1} s)",
        corpus.display(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let out = |name: &str| options.dir.join(name).display().to_string();
    let input = corpus.display().to_string();
    let runs: [(&str, Vec<String>); 4] = [
        ("convert --to doccano", vec!["convert".into(), "--to".into(), "doccano".into(), input.clone(), out("out.doccano.jsonl")]),
        ("convert --to jsonl", vec!["convert".into(), "--to".into(), "jsonl".into(), input.clone(), out("out.jsonl")]),
        ("validate", vec!["validate".into(), input.clone()]),
        ("stats", vec!["stats".into(), input]),
    ];
    println!("{:<22} {:>9} {:>9} {:>12}", "command", "seconds", "MB/s", "peak MiB");
    for (name, args) in runs {
        let (seconds, peak_kib) = time(&sorot, &args)?;
        println!("{name:<22} {seconds:>9.2} {:>9.1} {:>12.1}", bytes as f64 / 1e6 / seconds, peak_kib as f64 / 1024.0);
    }
    if !options.keep {
        for name in ["corpus.jsonl", "out.doccano.jsonl", "out.jsonl"] {
            let _ = fs::remove_file(options.dir.join(name));
        }
    }
    Ok(())
}

/// Runs `sorot ARGS`; its wall time and peak resident memory in KiB.
fn time(sorot: &Path, args: &[String]) -> Result<(f64, u64), String> {
    let started = Instant::now();
    let mut child = Command::new(sorot).args(args).stdout(Stdio::null()).spawn().map_err(|e| e.to_string())?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        // VmHWM only grows; once the process has exited it is gone.
        if let Some(kib) = fs::read_to_string(&status_file).ok().as_deref().and_then(high_water_mark) {
            peak = peak.max(kib);
        }
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) => break status,
            None => sleep(Duration::from_millis(10)),
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("sorot {} failed (its message is above)", args.join(" ")));
    }
    Ok((seconds, peak))
}

/// The `VmHWM:  1234 kB` line's number.
fn high_water_mark(status: &str) -> Option<u64> {
    status.lines().find_map(|line| line.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()
}

/// Writes news-length documents as JSON Lines until `size` bytes; returns
/// the bytes and documents written.
fn generate(path: &Path, size: u64) -> std::io::Result<(u64, usize)> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let (mut bytes, mut n) = (0, 0);
    while bytes < size {
        let line = jsonl::export(&Corpus { labels: Vec::new(), documents: vec![document(n)] });
        out.write_all(line.as_bytes())?;
        bytes += line.len() as u64;
        n += 1;
    }
    out.flush()?;
    Ok((bytes, n))
}

/// A ~3 KB document with an emoji, CRLF, ten spans, one with a value, as in
/// `tests/formats_scale.rs`.
fn document(n: usize) -> CorpusDocument {
    let paragraph = "Kao Kim Hourn 👨🏻\u{200d}🚒 mengajak negara anggota ASEAN menangkal TPPO di Nusa Dua, Bali. \
                     Sebanyak 20 warga negara Indonesia (WNI) dipulangkan dari Myanmar.\r\n";
    let head = format!("Berita {n}\r\n");
    let text = format!("{head}{}", paragraph.repeat(18));
    let (head, para) = (head.chars().count(), paragraph.chars().count());
    let spans = (0..10)
        .map(|i| {
            let at = head + i * para;
            let mut span = CorpusSpan::new(at, at + 13, if i % 2 == 0 { "ACTOR" } else { "POLICY_CALL" });
            span.value = (i == 3).then(|| json!(20));
            span
        })
        .collect();
    CorpusDocument {
        id: format!("berita-{n}"),
        title: format!("Berita {n}"),
        text,
        meta: DocumentMeta { source: Some("IDN Times".into()), ..DocumentMeta::default() },
        status: Status::InProgress,
        annotator: Some(["alice", "bob"][n % 2].into()),
        spans,
    }
}
