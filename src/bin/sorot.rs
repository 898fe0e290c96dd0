//! The `sorot` command line: batch work on documents and annotation files,
//! native only. The logic lives in `src/cli/`, one module per subcommand.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../cli/mod.rs"]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// A browser has no files or terminal: a wasm32 build of this binary (which
// `cargo xtask build` never asks for, building `--lib` only) is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
