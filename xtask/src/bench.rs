//! `cargo xtask bench`: the browser benchmark, outside the test gate.
//!
//! Builds the release app, copies `dist/` and the framework-free reference
//! page (`tests/bench/reference.html`, as `bench-reference.html`) into
//! `target/bench/site/`, serves that on a free port and runs
//! `tests/bench/bench.mjs` (or, with `--soak`, `tests/bench/soak.mjs`) in
//! Node against headless Chromium. Serving a copy keeps a run steady while
//! someone else rebuilds `dist/`. Results land in `target/bench/`.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::tools::{self, CHROMIUM};
use crate::{build, cmd, files, heading, serve, Result};

/// Where the reference page is served, next to Sorot's `index.html`.
const REFERENCE_PAGE: &str = "bench-reference.html";

/// `cargo xtask bench` options.
#[derive(Debug, PartialEq, Clone, Copy, clap::Args)]
pub struct Options {
    /// Runs per figure (default 5, or 2 with --quick).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..), conflicts_with = "soak")]
    pub runs: Option<u32>,
    /// A smoke run: two runs of the smallest sizes only.
    #[arg(long)]
    pub quick: bool,
    /// The storage and memory soak (5,000 span operations) instead of the benchmark.
    #[arg(long)]
    pub soak: bool,
    /// Measure the dist/ already there instead of building it first.
    #[arg(long)]
    pub no_build: bool,
}

pub fn run(root: &Path, options: Options) -> Result {
    let dist = root.join("dist");
    if !options.no_build {
        let wasm_tools = tools::ensure_wasm_tools(root)?;
        build::build(root, &wasm_tools)?;
    } else if !dist.join("index.html").is_file() {
        return Err(format!("{} has no index.html; run `cargo xtask build` first, or drop --no-build", dist.display()));
    }
    heading("browser tools");
    tools::ensure_chromium()?;
    let bench_dir = root.join("tests/bench");
    tools::ensure_node_deps(&bench_dir)?;

    heading("pages to measure");
    let out = root.join("target/bench");
    let site = out.join("site");
    copy_files(&dist, &site)?;
    if !site.join("index.html").is_file() || !site.join("sorot.html").is_file() {
        return Err("dist/ changed while it was being copied (is a build running?); run the bench again".to_string());
    }
    let reference = files::read(&bench_dir.join("reference.html"))?;
    files::write(&site.join(REFERENCE_PAGE), reference)?;
    println!("dist/ and tests/bench/reference.html -> target/bench/site/");

    heading("static server");
    let (address, _server) = serve::start(&site, 0)?;
    let url = format!("http://{address}/");
    println!("serving target/bench/site/ at {url}");

    heading(if options.soak { "soak" } else { "benchmark" });
    cmd::run(
        Command::new("node")
            .arg(if options.soak { "soak.mjs" } else { "bench.mjs" })
            .args(script_args(options))
            .current_dir(&bench_dir)
            .env("SOROT_URL", &url)
            .env("REFERENCE_URL", format!("{url}{REFERENCE_PAGE}"))
            .env("SOROT_DIST", &site)
            .env("BENCH_OUT", &out)
            .env("CHROMIUM", CHROMIUM),
    )
}

/// Replaces `to` with a copy of the files directly in `from`.
fn copy_files(from: &Path, to: &Path) -> Result {
    files::recreate_dir(to)?;
    let entries = fs::read_dir(from).map_err(|error| format!("cannot list {}: {error}", from.display()))?;
    for entry in entries {
        let path = entry.map_err(|error| format!("cannot list {}: {error}", from.display()))?.path();
        if let (true, Some(name)) = (path.is_file(), path.file_name()) {
            files::write(&to.join(name), files::read(&path)?)?;
        }
    }
    Ok(())
}

/// The options the Node script takes, as its command-line arguments.
fn script_args(options: Options) -> Vec<String> {
    let mut args = Vec::new();
    if options.quick {
        args.push("--quick".to_string());
    }
    if let Some(runs) = options.runs {
        args.extend(["--runs".to_string(), runs.to_string()]);
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_the_files_of_a_folder() {
        let base = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
        let (from, to) = (base.join("from"), base.join("to"));
        fs::create_dir_all(from.join("sub")).unwrap();
        fs::create_dir_all(to.join("stale")).unwrap();
        fs::write(from.join("index.html"), "<p>hi</p>").unwrap();
        copy_files(&from, &to).unwrap();
        assert_eq!(fs::read_to_string(to.join("index.html")).unwrap(), "<p>hi</p>");
        assert!(!to.join("sub").exists() && !to.join("stale").exists());
        fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn the_script_gets_quick_and_runs() {
        let options = Options { runs: Some(9), quick: true, soak: false, no_build: false };
        assert_eq!(script_args(options), ["--quick", "--runs", "9"]);
        assert!(script_args(Options { runs: None, quick: false, soak: true, no_build: true }).is_empty());
    }
}
