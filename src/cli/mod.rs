//! The `sorot` command line. Native only: it reads files and writes to
//! stdout, and is never part of the browser build.
//!
//! Each subcommand is one module with an `Args` struct (clap derive) and a
//! `run(&Args, &mut impl Write) -> Result<(), CliError>`; adding one
//! (validate, convert, merge, agree, stats) is a module and a [`Command`]
//! variant. Reading input files is shared in [`input`]; every failure is a
//! [`CliError`], printed to stderr with a non-zero exit code.

mod error;
mod input;
mod suggest;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use error::CliError;

/// Sorot: offline tools for span annotation of news text.
#[derive(Debug, Parser)]
#[command(name = "sorot", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Pre-annotate documents with the offline rules; one JSONL line per document.
    Suggest(suggest::Args),
}

/// Runs the command line; usage errors exit with 2, failures with 1.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = BufWriter::new(io::stdout().lock());
    let result = match &cli.command {
        Command::Suggest(args) => suggest::run(args, &mut out),
    };
    match result.and_then(|()| out.flush().map_err(CliError::Output)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sorot: {error}");
            ExitCode::FAILURE
        }
    }
}
