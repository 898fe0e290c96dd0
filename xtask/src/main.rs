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

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Every fallible step reports a message a person can act on.
pub type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <subcommand>

subcommands:
  build                        build the app into dist/ (index.html and the single-file sorot.html)
  serve [--port N] [--no-build]
                               build, then serve dist/ on http://127.0.0.1:N/ (default port 8080)
  test                         the full test gate: native tests, build, browser tests
  bench [--runs N] [--quick] [--soak] [--no-build]
                               build, then time Sorot against a plain-JS reference page in
                               headless Chromium (not part of the test gate; results in
                               target/bench/); --soak runs the storage and memory soak instead";

const DEFAULT_PORT: u16 = 8080;

#[derive(Debug, PartialEq, Clone, Copy)]
enum Task {
    Help,
    Build,
    Serve { port: u16, build: bool },
    Test,
    Bench(bench::Options),
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args_os().skip(1).map(|arg| arg.to_string_lossy().into_owned()).collect();
    match parse(&args).and_then(|task| run(task, &workspace_root())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: Task, root: &Path) -> Result {
    match task {
        Task::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Task::Build => {
            let tools = tools::ensure_wasm_tools(root)?;
            build::build(root, &tools)
        }
        Task::Serve { port, build } => {
            if build {
                let tools = tools::ensure_wasm_tools(root)?;
                build::build(root, &tools)?;
            }
            serve::serve_forever(&root.join("dist"), port)
        }
        Task::Test => test::run(root),
        Task::Bench(options) => bench::run(root, options),
    }
}

fn parse(args: &[String]) -> Result<Task> {
    let (subcommand, rest) = match args.split_first() {
        None => return Ok(Task::Help),
        Some((first, rest)) => (first.as_str(), rest),
    };
    match subcommand {
        "help" | "-h" | "--help" => Ok(Task::Help),
        "build" => no_options("build", rest).map(|()| Task::Build),
        "test" => no_options("test", rest).map(|()| Task::Test),
        "serve" => parse_serve(rest),
        "bench" => bench::parse(rest).map(Task::Bench),
        other => Err(format!("unknown subcommand `{other}`\n\n{USAGE}")),
    }
}

fn no_options(subcommand: &str, rest: &[String]) -> Result {
    match rest.first() {
        None => Ok(()),
        Some(arg) => Err(format!("`{subcommand}` takes no options, got `{arg}`\n\n{USAGE}")),
    }
}

fn parse_serve(rest: &[String]) -> Result<Task> {
    let mut port = DEFAULT_PORT;
    let mut build = true;
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-build" => build = false,
            "--port" => port = parse_port(args.next().map_or("", String::as_str))?,
            other => match other.strip_prefix("--port=") {
                Some(value) => port = parse_port(value)?,
                None => return Err(format!("`serve` has no option `{other}`\n\n{USAGE}")),
            },
        }
    }
    Ok(Task::Serve { port, build })
}

fn parse_port(value: &str) -> Result<u16> {
    value.parse().map_err(|_| format!("--port needs a number from 0 to 65535, got `{value}`"))
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

    fn parse_words(line: &str) -> Result<Task> {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        parse(&args)
    }

    #[test]
    fn subcommands_parse() {
        assert_eq!(parse_words(""), Ok(Task::Help));
        assert_eq!(parse_words("build"), Ok(Task::Build));
        assert_eq!(parse_words("test"), Ok(Task::Test));
        assert_eq!(parse_words("serve"), Ok(Task::Serve { port: DEFAULT_PORT, build: true }));
        assert_eq!(parse_words("serve --port 9000 --no-build"), Ok(Task::Serve { port: 9000, build: false }));
        assert_eq!(parse_words("serve --port=0"), Ok(Task::Serve { port: 0, build: true }));
        assert!(matches!(parse_words("bench --quick"), Ok(Task::Bench(_))));
    }

    #[test]
    fn bad_arguments_are_errors_not_panics() {
        for line in ["frobnicate", "build --fast", "serve --port", "serve --port 70000", "serve -x", "bench --runs 0"] {
            assert!(parse_words(line).is_err(), "{line}");
        }
    }
}
