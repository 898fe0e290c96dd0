//! `cargo xtask`: the project's build, serve, test and bench tasks.
//!
//! This file parses the command line and hands each subcommand to its module:
//! `build` (build.rs, pack.rs), `serve` (serve.rs), `test` (test.rs) and
//! `bench` (bench.rs).

mod bench;
mod build;
mod cmd;
mod files;
mod imports;
mod pack;
mod serve;
mod test;
mod tools;
mod wasm_split;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Every fallible step reports a message a person can act on.
pub type Result<T = ()> = std::result::Result<T, String>;

/// Sorot's build, serve, test and bench tasks.
#[derive(Debug, clap::Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about = "Sorot's build, serve, test and bench tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, PartialEq, Clone, Copy, clap::Subcommand)]
enum Task {
    /// Build the app into dist/ (index.html and the single-file sorot.html).
    Build,
    /// Build, then serve dist/ on http://127.0.0.1:PORT/.
    Serve {
        /// The port to serve on; 0 picks a free one.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Serve the dist/ already there instead of building it first.
        #[arg(long)]
        no_build: bool,
    },
    /// The full test gate: the code's form, native tests, export consumers, build, browser tests.
    Test,
    /// Build, then time Sorot against a plain-JS reference page in headless
    /// Chromium (not part of the test gate; results in target/bench/).
    Bench(bench::Options),
}

fn main() -> ExitCode {
    let cli = <Cli as clap::Parser>::parse();
    match run(cli.task, &workspace_root()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: Task, root: &Path) -> Result {
    match task {
        Task::Build => {
            let tools = tools::ensure_wasm_tools(root)?;
            build::build(root, &tools)
        }
        Task::Serve { port, no_build } => {
            if !no_build {
                let tools = tools::ensure_wasm_tools(root)?;
                build::build(root, &tools)?;
            }
            serve::serve_forever(&root.join("dist"), port)
        }
        Task::Test => test::run(root),
        Task::Bench(options) => bench::run(root, options),
    }
}

/// The workspace root: the folder above this crate.
fn workspace_root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().unwrap_or(xtask_dir).to_path_buf()
}

/// Prints the line that opens a step, so a long log shows where it is.
pub fn heading(title: &str) {
    println!("==> {title}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn parse_words(line: &str) -> std::result::Result<Task, clap::Error> {
        Cli::try_parse_from(std::iter::once("cargo xtask").chain(line.split_whitespace())).map(|cli| cli.task)
    }

    #[test]
    fn subcommands_parse() {
        assert_eq!(parse_words("build").unwrap(), Task::Build);
        assert_eq!(parse_words("test").unwrap(), Task::Test);
        assert_eq!(parse_words("serve").unwrap(), Task::Serve { port: 8080, no_build: false });
        assert_eq!(parse_words("serve --port 9000 --no-build").unwrap(), Task::Serve { port: 9000, no_build: true });
        assert_eq!(parse_words("serve --port=0").unwrap(), Task::Serve { port: 0, no_build: false });
        let bench = bench::Options { runs: Some(3), quick: true, soak: false, no_build: false };
        assert_eq!(parse_words("bench --runs=3 --quick").unwrap(), Task::Bench(bench));
        let soak = bench::Options { runs: None, quick: false, soak: true, no_build: true };
        assert_eq!(parse_words("bench --soak --no-build").unwrap(), Task::Bench(soak));
    }

    #[test]
    fn bad_arguments_are_errors_not_panics() {
        for line in [
            "",
            "frobnicate",
            "build --fast",
            "serve --port",
            "serve --port 70000",
            "serve -x",
            "bench --runs 0",
            "bench --runs five",
            "bench --soak --runs 3",
        ] {
            assert!(parse_words(line).is_err(), "{line}");
        }
    }
}
