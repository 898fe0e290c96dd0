//! Running other programs: echoing the command, checking its exit status and
//! finding programs on PATH or in cargo's bin folder.

use std::env;
use std::io;
use std::path::PathBuf;
use std::process::Command;

use crate::Result;

/// `cargo`, preferring the one that is running this xtask.
pub fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs a command with its output going straight to the terminal.
pub fn run(command: &mut Command) -> Result {
    println!("$ {}", describe(command));
    let status = command.status().map_err(|error| start_error(command, &error))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs a command quietly and returns what it printed on stdout.
pub fn output(command: &mut Command) -> Result<String> {
    let output = command.output().map_err(|error| start_error(command, &error))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!("`{}` failed ({}): {}", describe(command), output.status, String::from_utf8_lossy(&output.stderr).trim()))
    }
}

/// Every file called `name` in the PATH folders, then in cargo's bin folder.
pub fn find_program(name: &str) -> Vec<PathBuf> {
    let path_dirs = env::var_os("PATH").map(|path| env::split_paths(&path).collect::<Vec<_>>()).unwrap_or_default();
    let mut found: Vec<PathBuf> = Vec::new();
    for candidate in path_dirs.into_iter().chain(cargo_bin_dir()).map(|dir| dir.join(name)) {
        if candidate.is_file() && !found.contains(&candidate) {
            found.push(candidate);
        }
    }
    found
}

fn cargo_bin_dir() -> Option<PathBuf> {
    let cargo_home =
        env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))?;
    Some(cargo_home.join("bin"))
}

fn describe(command: &Command) -> String {
    let program = command.get_program().to_string_lossy();
    command.get_args().fold(program.into_owned(), |line, arg| format!("{line} {}", arg.to_string_lossy()))
}

fn start_error(command: &Command, error: &io::Error) -> String {
    let program = command.get_program().to_string_lossy();
    if error.kind() == io::ErrorKind::NotFound {
        format!("`{program}` was not found; install it or add it to PATH")
    } else {
        format!("could not start `{}`: {error}", describe(command))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_name_the_command() {
        let error = run(Command::new("sh").args(["-c", "exit 3"])).unwrap_err();
        assert!(error.contains("sh -c exit 3"), "{error}");
        let error = output(&mut Command::new("no-such-program-for-xtask")).unwrap_err();
        assert!(error.contains("was not found"), "{error}");
    }

    #[test]
    fn output_returns_stdout() {
        let printed = output(Command::new("sh").args(["-c", "echo hi"])).unwrap();
        assert_eq!(printed, "hi\n");
    }
}
